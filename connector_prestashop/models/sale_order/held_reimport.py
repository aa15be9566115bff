# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Requeue an order held for a total mismatch.

An order whose totals differ from PrestaShop is imported but held (draft,
sale exception "Totals differ from PrestaShop"). Once the cause is fixed (the
tax mapping, most often), requeuing its import job rebuilds the lines from
PrestaShop, checks the totals again and, when they match, releases the order
(workflow: confirm, invoice). Nothing else is rebuilt: a held order has no
delivery nor invoice yet."""

from odoo import _

from odoo.addons.component.core import Component


class SaleOrderHeldImporter(Component):
    _inherit = "prestashop.sale.order.importer"

    def _is_held_for_totals(self, binding):
        order = binding.odoo_id if binding else None
        return bool(
            order
            and order.prestashop_total_mismatch
            and order.state in ("draft", "sent")
        )

    def _must_skip(self, binding):
        if self._is_held_for_totals(binding):
            # an unknown state still fails with what to fix
            state = self._state()
            if state.import_order and not state.cancel_order:
                return None  # rebuilt, checked again, released if right
            # cancelled (or back to unpaid) in PrestaShop: never confirmed,
            # the state is followed as for any imported order
        return super()._must_skip(binding)

    def _update_data(self, map_record, **kwargs):
        values = super()._update_data(map_record, **kwargs)
        binding = self.binder.to_internal(self.external_id)
        if self._is_held_for_totals(binding) and "order_line" in values:
            # replace the lines, never add them a second time
            values["order_line"] = [(5, 0, 0)] + values["order_line"]
        return values

    def _after_import(self, binding):
        order = binding.odoo_id
        if self._is_held_for_totals(binding):
            # checked again from scratch below
            order.write(
                {
                    "prestashop_total_mismatch": False,
                    "prestashop_total_message": False,
                    "exception_ids": [(5, 0, 0)],
                }
            )
            order.message_post(
                body=_("Lines rebuilt from PrestaShop to check the totals again.")
            )
        return super()._after_import(binding)
