# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shipment back-flow: tracking numbers on ``order_carriers``, then the
"shipped" (last delivery) or "partially shipped" state."""

import re

from odoo import _

from odoo.addons.component.core import Component

from ...components.mapper import ps_int

#: PrestaShop's ``order_carriers.tracking_number`` column is 64 characters.
TRACKING_MAX_SIZE = 64
TRACKING_SEPARATOR = ", "


class PickingShipmentExporter(Component):
    """Send one validated delivery of an imported order."""

    _name = "prestashop.sale.order.shipment.exporter"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.sale.order"
    _usage = "shipment.exporter"

    # -- overridable rules -----------------------------------------------------------
    def _tracking_numbers(self, picking):
        """The tracking number(s) of the delivery, as PrestaShop accepts them."""
        return (picking.carrier_tracking_ref or "").strip()

    def _deliveries(self, binding):
        """The customer deliveries of the order (returns are incoming)."""
        return binding.odoo_id.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state != "cancel"
        )

    def _state_kind(self, binding):
        """ "shipped" once every delivery is done, else "partial"."""
        deliveries = self._deliveries(binding)
        if deliveries and all(p.state == "done" for p in deliveries):
            return "shipped"
        return "partial"

    # -- tracking ----------------------------------------------------------------------
    @staticmethod
    def _split(numbers):
        return {n for n in re.split(r"[,;\s]+", numbers or "") if n}

    def _export_tracking(self, binding, ps_order, number):
        """Add ``number`` to the order's carrier row, unless it is there.
        Returns True when PrestaShop was changed."""
        adapter = self.component(usage="backend.adapter").carriers()
        rows = sorted(
            adapter.of_order(binding.prestashop_id), key=lambda r: ps_int(r["id"])
        )
        known = set()
        for row in rows:
            known |= self._split(row.get("tracking_number"))
        if self._split(number) <= known:
            return False
        row = rows[0] if rows else None
        current = (row or {}).get("tracking_number") or ""
        joined = TRACKING_SEPARATOR.join(p for p in (current.strip(), number) if p)
        if row and len(joined) <= TRACKING_MAX_SIZE:
            adapter.patch(ps_int(row["id"]), {"tracking_number": joined})
        else:
            # no carrier row (yet), or no room left: one row per parcel
            adapter.create(
                {
                    "id_order": binding.prestashop_id,
                    "id_carrier": ps_int((row or {}).get("id_carrier"))
                    or ps_int(ps_order.get("id_carrier")),
                    "id_order_invoice": ps_int((row or {}).get("id_order_invoice")),
                    "weight": 0,
                    "shipping_cost_tax_excl": 0,
                    "shipping_cost_tax_incl": 0,
                    "tracking_number": number,
                }
            )
        return True

    # -- flow --------------------------------------------------------------------------
    def run(self, binding, picking):
        if picking.state != "done":
            return _("Delivery %s is not done (any more): nothing sent.", picking.name)
        state_exporter = self.component(usage="state.exporter")
        ps_order = state_exporter.read_order(binding)
        number = self._tracking_numbers(picking)
        messages = []
        if number and self._export_tracking(binding, ps_order, number):
            messages.append(_("tracking number %s sent", number))
            binding.odoo_id.message_post(
                body=_(
                    "Tracking number %(number)s of %(picking)s sent to PrestaShop.",
                    number=number,
                    picking=picking.name,
                )
            )
        elif not number:
            messages.append(_("no tracking number on %s", picking.name))
        kind = self._state_kind(binding)
        target = self.backend_record._prestashop_backflow_state(kind)
        messages.append(state_exporter.run(binding, target, ps_order=ps_order))
        return "; ".join(str(m) for m in messages)
