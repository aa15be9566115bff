# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Exception rules checked inside the order import's own transaction.

OCA ``base_exception`` (18.0, ``base_exception_method.detect_exceptions``)
and ``sale_exception`` (``sale_order_line._detect_exceptions``) write the
exceptions they find, and read them back, through a *second* database
cursor opened as ``Environment(new_cr, env.uid, ...)``: so that a user
pressing "Confirm" keeps the exceptions stored while the confirmation is
rolled back.  An order import creates the order and confirms it in one
transaction: the second cursor cannot see the order (not committed yet),
and as any user but the superuser (record rules: a real query) reading it
raises ``MissingError: Record does not exist or has been deleted``.  The
scheduled import only worked because it runs as the superuser; "Import
orders", "Import one order" and "Requeue" run as the person who pressed
them.  Running as the superuser would hide the bug, not fix it (a rule that
matches would still write through the second cursor, on rows it cannot see).

Under the context key :data:`IN_TRANSACTION` the same rules are evaluated,
written and raised on the current cursor: the import holds an order with
exceptions itself (writes them and leaves it a quotation), and nothing of an
order that is rolled back needs to survive.  Test mode hides the bug (the
second cursor is the test cursor); ``test_base_exception=True`` in the
context takes the production path."""

import json

from odoo import Command, models

from odoo.addons.base_exception.exceptions import BaseExceptionError

#: Context key: evaluate the exception rules on the current cursor.
IN_TRANSACTION = "prestashop_exceptions_in_transaction"


class SaleOrder(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    def detect_exceptions(self):
        """sale_exception's ``detect_exceptions`` (the order's rules, then its
        lines'), on the current cursor when :data:`IN_TRANSACTION` is set.

        :returns: ids of the ``exception.rule`` records that match
        :raises BaseExceptionError: as base_exception does, when a rule newly
            matches or a blocking / not ignored exception remains"""
        if not self.env.context.get(IN_TRANSACTION):
            return super().detect_exceptions()
        exception_ids = []
        to_add = False
        for records in (self, self.order_line):
            # lines: _get_main_records() is their orders, where
            # base_exception writes the rules found on lines
            found, rules_to_remove, rules_to_add = records._get_exceptions()
            exception_ids += found
            for rule_id, main_records in rules_to_remove.items():
                main_records.write({"exception_ids": [Command.unlink(rule_id)]})
            for rule_id, main_records in rules_to_add.items():
                main_records.write({"exception_ids": [Command.link(rule_id)]})
            to_add = to_add or bool(rules_to_add)
        if to_add or self._must_raise_exception_after_detection():
            raise BaseExceptionError(
                json.dumps(self._detect_exception_get_exc_class_values())
            )
        return exception_ids


class SaleOrderLine(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "sale.order.line"  # pylint: disable=consider-merging-classes-inherited

    def _detect_exceptions(self, rule):
        """The lines matching ``rule``, their ``exception_ids`` written on the
        current cursor under :data:`IN_TRANSACTION` (sale_exception writes
        them through a second cursor).

        :returns: the orders of the matching lines (as sale_exception)"""
        if not self.env.context.get(IN_TRANSACTION):
            return super()._detect_exceptions(rule)
        # base_exception's dispatch: _detect_exceptions_by_py_code,
        # _by_domain or _by_method, after the rule's exception_type
        records = getattr(self, f"_detect_exceptions_{rule.exception_type}")(rule)
        (self - records).filtered(
            lambda line: rule.id in line.exception_ids.ids
        ).exception_ids = [Command.unlink(rule.id)]
        records.filtered(
            lambda line: rule.id not in line.exception_ids.ids
        ).exception_ids = [Command.link(rule.id)]
        return records.mapped("order_id")
