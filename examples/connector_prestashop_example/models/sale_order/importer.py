# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Three order-import rules of the client, as overrides of the connector's
importer hooks.

* extra import rule: orders paid with a payment module listed on the backend
  (``skip_payment_modules``) are never imported;
* custom order-state rule: a state flagged ``import_order_b2b`` imports the
  orders of business customers even though it is not an "Import Orders"
  state (B2B customers paying by bank wire at 30 days are shipped first);
* state-change rule: an imported order reaching a state flagged
  ``alert_salesperson`` gets a to-do activity for its salesperson.

Each rule overrides one small hook (``_must_skip`` of the record importer,
which decides and changes nothing; ``_state_changed``, the step run when an
imported order changes state in PrestaShop; ``_wanted`` of the batch
importer) and calls ``super()`` first, so the connector's own rules (state
mapping, state changes of imported orders, cancellation) keep working and a
later version of the connector still applies them."""

# ``_`` translates the job messages (i18n/fr.po); Odoo finds the language in
# the caller's ``self.env``, which components have.
from odoo import _

# Component: the base class of every connector piece.  An _inherit without
# _name extends the existing component in place, for every backend: the
# component registry picks the extended class, nothing else to register.
from odoo.addons.component.core import Component

# The connector's helper turning PrestaShop's text values into int (empty or
# garbage -> 0); reuse it rather than int(), which fails on "".
from odoo.addons.connector_prestashop.components.mapper import ps_int


class SaleOrderImporter(Component):
    # The connector's order importer (connector_prestashop/models/sale_order/
    # importer.py); its name is the one to _inherit.
    _inherit = "prestashop.sale.order.importer"

    def _must_skip(self, binding):
        """Return why the order is not imported (the job ends 'done' with this
        text as its result), or None to import it."""
        # The connector's rules first: unknown state (the job fails and says
        # to synchronise the metadata), state not importable, order already
        # imported.  A decision only: the state change of an imported order
        # is the connector's _state_changed step (extended below), run even
        # if an override forgot super().
        reason = super()._must_skip(binding)
        if binding:
            # Already imported: Odoo owns the order now; our rules decide
            # whether an order is imported, not what happens to it after.
            return reason
        # Custom order-state rule: a B2B order in a state flagged "Import B2B
        # Orders" is imported although the state is not "Import Orders".
        if reason and self._is_b2b_order_to_import():
            reason = None
        # Extra import rule: checked last, it wins over the state rules (a
        # marketplace order is never imported, whatever its state).
        if not reason:
            reason = self._skip_for_payment_module()
        return reason

    def _state_changed(self, binding, state):
        """The order (imported) reached ``state`` in PrestaShop: after the
        connector's step (the state recorded and noted on the order, the
        order cancelled by a cancelling state), a to-do activity for the
        salesperson when the state is flagged "Alert the Salesperson"."""
        result = super()._state_changed(binding, state)
        order = binding.odoo_id
        if state.alert_salesperson and order.state != "cancel":
            order.activity_schedule(
                # Odoo's "To-Do" activity type (mail module)
                "mail.mail_activity_data_todo",
                summary=_("PrestaShop: %(state)s", state=state.name),
                note=_(
                    "The order %(ref)s is now '%(state)s' in PrestaShop: tell "
                    "the customer what it means for them.",
                    ref=binding.ps_reference,
                    state=state.name,
                ),
                # the order's salesperson, else the connector user running
                # the job (an activity needs someone)
                user_id=order.user_id.id or self.env.uid,
            )
        return result

    def _is_b2b_order_to_import(self):
        """The order is in a state flagged for B2B orders and its customer is
        a business (a company name on their PrestaShop account)."""
        # _state(): the connector's lookup of the order's state mapping; it
        # already raised in super()._must_skip() if the state is unknown.
        state = self._state()
        if not state.import_order_b2b:
            return False
        # The customer comes with the order (``_customer``): the batch read
        # it for the whole page, or the job's own read did.  _ensure_related()
        # reads it only when neither did (no extra request in the normal case).
        self._ensure_related()
        customer = self.prestashop_record.get("_customer") or {}
        # PrestaShop sends every value as text, possibly empty.
        return bool((customer.get("company") or "").strip())

    def _skip_for_payment_module(self):
        """The reason to skip an order paid with an excluded module, or None."""
        # ``module`` is the technical name of the payment module
        # (ps_wirepayment, stripe_official...); ``payment`` is its label.
        module = (self.prestashop_record.get("module") or "").strip().lower()
        if module and module in self.backend_record._skipped_payment_modules():
            # A plain sentence: it is what the admin reads in the job list.
            return _(
                "Order %(ref)s not imported: it was paid with '%(module)s', a "
                "payment module listed in 'Payment Modules Not Imported' on the "
                "backend.",
                ref=self.prestashop_record.get("reference"),
                module=module,
            )
        return None


class SaleOrderBatchImporter(Component):
    # The scheduled import reads a page of orders and queues a job for the
    # ones it wants (``_wanted``): without this override, B2B orders in a
    # non-importable state would never get a job to run the rule above.
    _inherit = "prestashop.sale.order.batch.importer"

    def _wanted(self, page):
        """Also queue the new orders in a state flagged for B2B orders; the
        per-order job checks the customer (the batch has not read the
        customers yet at this point)."""
        wanted = super()._wanted(page)
        backend = self.backend_record
        b2b_states = set(
            backend.order_state_ids.filtered("import_order_b2b").mapped("prestashop_id")
        )
        if not b2b_states:
            # Nothing flagged: exactly the connector's behaviour, no query.
            return wanted
        queued = {ps_int(order["id"]) for order in wanted}
        extra = {
            ps_int(order["id"])
            for order in page
            if ps_int(order["id"]) not in queued
            and ps_int(order.get("current_state")) in b2b_states
        }
        if extra:
            # Orders already imported are followed by the connector's own
            # rule (state changes), which super() already handled.
            bound = self.model.search(
                [
                    ("backend_id", "=", backend.id),
                    ("prestashop_id", "in", list(extra)),
                ]
            )
            extra -= set(bound.mapped("prestashop_id"))
        # Keep PrestaShop's order (oldest first): jobs are queued in it.
        return [o for o in page if ps_int(o["id"]) in queued | extra]
