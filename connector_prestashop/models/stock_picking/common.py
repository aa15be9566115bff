# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deliveries of imported orders: validating one (or adding its tracking
number afterwards) queues the shipment back-flow job of the order."""

from odoo import _, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _prestashop_shipments(self):
        """Validated customer deliveries of imported orders. Returns (to
        the customer's stock: incoming) never move an order."""
        return self.filtered(
            lambda p: p.state == "done"
            and p.picking_type_code == "outgoing"
            and p.sale_id.prestashop_bind_ids
        )

    def _prestashop_queue_shipment(self):
        for picking in self._prestashop_shipments():
            for binding in picking.sale_id.prestashop_bind_ids:
                ref = picking.carrier_tracking_ref or ""
                binding.with_delay(
                    priority=10,
                    identity_key=f"prestashop-shipment-{binding.id}-{picking.id}-{ref}",
                    description=_(
                        "Send shipment %(picking)s of %(order)s to PrestaShop",
                        picking=picking.name,
                        order=binding.ps_reference,
                    ),
                ).export_shipment(picking)

    def _action_done(self):
        result = super()._action_done()
        if not self.env.context.get("connector_no_export"):
            self._prestashop_queue_shipment()
        return result

    def write(self, vals):
        result = super().write(vals)
        # a tracking number typed after the validation is sent too
        if (
            "carrier_tracking_ref" in vals
            and vals["carrier_tracking_ref"]
            and not self.env.context.get("connector_no_export")
        ):
            self._prestashop_queue_shipment()
        return result
