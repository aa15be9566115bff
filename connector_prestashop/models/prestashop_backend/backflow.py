# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Back-flow settings of the backend (Odoo -> PrestaShop: shipping, tracking,
cancellations, refunds) and its stage of the main job."""

import logging

from odoo import _, fields, models

_logger = logging.getLogger(__name__)

#: kinds of state the back-flow pushes -> backend field holding the mapping
BACKFLOW_STATE_FIELDS = {
    "partial": "ps_state_partial_id",
    "shipped": "ps_state_shipped_id",
    "cancel": "ps_state_cancel_id",
    "refund": "ps_state_refund_id",
}

#: tracking number of the order shipped by the main job
DEMO_TRACKING_PREFIX = "6A0DEMO"


class PrestashopBackend(models.Model):
    _inherit = "prestashop.backend"

    ps_state_shipped_id = fields.Many2one(
        "prestashop.sale.order.state",
        string="State when Shipped",
        domain="[('backend_id', '=', id)]",
        ondelete="set null",
        help="PrestaShop state given to an order when its last delivery is "
        "validated in Odoo. PrestaShop e-mails the customer with the tracking "
        "number. Default: the state with the 'shipped' e-mail template.",
    )
    ps_state_partial_id = fields.Many2one(
        "prestashop.sale.order.state",
        string="State when Partially Shipped",
        domain="[('backend_id', '=', id)]",
        ondelete="set null",
        help="PrestaShop state given to an order when one of its deliveries is "
        "validated and others remain. Empty: the order keeps its state until "
        "everything has shipped (the tracking numbers are sent anyway).",
    )
    ps_state_cancel_id = fields.Many2one(
        "prestashop.sale.order.state",
        string="State when Cancelled",
        domain="[('backend_id', '=', id)]",
        ondelete="set null",
        help="PrestaShop state given to an order cancelled in Odoo. Default: "
        "the state with the 'order_canceled' e-mail template.",
    )
    ps_state_refund_id = fields.Many2one(
        "prestashop.sale.order.state",
        string="State when Refunded",
        domain="[('backend_id', '=', id)]",
        ondelete="set null",
        help="PrestaShop state given to an order once its credit notes refund "
        "all it cost. Default: the unpaid state with the 'refund' template.",
    )
    refund_mode = fields.Selection(
        [
            ("voucher", "Voucher for the customer (cart rule)"),
            ("slip", "Order slip (credit slip)"),
            ("none", "Nothing"),
        ],
        string="Credit Notes Become",
        default="voucher",
        required=True,
        help="What a posted credit note of an imported order creates in "
        "PrestaShop. Voucher: a single-use cart rule of the refunded amount, "
        "for that customer only. Order slip: a credit slip on the order "
        "(PrestaShop only records it: no stock or payment change).",
    )
    voucher_validity_days = fields.Integer(
        "Voucher Validity (days)",
        default=365,
        help="Refund vouchers can be used during this many days.",
    )
    backflow_send_email = fields.Boolean(
        "E-mail the Customer",
        default=True,
        help="State changes pushed by Odoo make PrestaShop e-mail the customer "
        "(order_histories?sendemail=1), as a change made in its back office.",
    )

    # -- state mapping ------------------------------------------------------------
    def _prestashop_backflow_defaults(self):
        """{field: state} chosen from the states' templates and flags."""
        self.ensure_one()
        states = self.order_state_ids.filtered(lambda s: not s.deleted)
        by_template = {}
        for state in states.sorted("prestashop_id"):
            by_template.setdefault(state.ps_template or "", state)
        refund = states.filtered(lambda s: s.ps_template == "refund" and not s.paid)[:1]
        return {
            "ps_state_shipped_id": by_template.get("shipped")
            or states.filtered(lambda s: s.shipped and s.delivery)[:1],
            "ps_state_cancel_id": by_template.get("order_canceled")
            or states.filtered("cancel_order")[:1],
            "ps_state_refund_id": refund,
        }

    def _prestashop_backflow_set_defaults(self):
        """Fill the mapping fields left empty (after metadata sync)."""
        for backend in self:
            values = {
                field: state.id
                for field, state in backend._prestashop_backflow_defaults().items()
                if state and not backend[field]
            }
            if values:
                backend.sudo().write(values)

    def _prestashop_backflow_state(self, kind):
        """The PrestaShop state to push for ``kind`` (see
        BACKFLOW_STATE_FIELDS), or an empty recordset (nothing to push)."""
        self.ensure_one()
        field = BACKFLOW_STATE_FIELDS[kind]
        state = self[field]
        if not state and kind != "partial":
            state = self._prestashop_backflow_defaults().get(field)
        return state or self.env["prestashop.sale.order.state"]

    # -- main job ---------------------------------------------------------------------
    def _main_job_stages(self):
        stages = super()._main_job_stages()
        if not any(method == "import_sale_orders" for method, _label in stages):
            stages.append(("import_sale_orders", _("Import orders")))
        return stages + [("ship_demo_order", _("Ship one order"))]

    def _demo_order_to_ship(self):
        """An imported, confirmed order whose delivery is still open."""
        self.ensure_one()
        bindings = self.env["prestashop.sale.order"].search(
            [("backend_id", "=", self.id), ("state", "=", "sale")],
            order="prestashop_id",
        )
        for binding in bindings:
            pickings = binding.picking_ids.filtered(
                lambda p: p.picking_type_code == "outgoing"
                and p.state not in ("done", "cancel")
            )
            if pickings:
                return binding, pickings[:1]
        return None, None

    def ship_demo_order(self):
        """Stage of the main job: validate the delivery of one imported order
        with a tracking number; the back-flow job pushes it to PrestaShop."""
        for backend in self:
            binding, picking = backend._demo_order_to_ship()
            if not binding:
                _logger.warning("main job: no imported order left to ship")
                continue
            quant = self.env["stock.quant"]
            for move in picking.move_ids:
                missing = (
                    move.product_uom_qty
                    - move.product_id.with_context(
                        location=move.location_id.id
                    ).free_qty
                )
                if move.product_id.is_storable and missing > 0:
                    # a demo receipt, so that the stock does not go negative
                    quant._update_available_quantity(
                        move.product_id, move.location_id, missing
                    )
            picking.action_assign()
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            picking.carrier_tracking_ref = (
                f"{DEMO_TRACKING_PREFIX}{binding.prestashop_id:05d}"
            )
            picking.with_context(
                skip_backorder=True,
                skip_sms=True,
                skip_expired=True,
            ).button_validate()

    def _main_job_summary(self):
        lines = super()._main_job_summary()
        pickings = self.env["stock.picking"].search(
            [
                ("carrier_tracking_ref", "=like", f"{DEMO_TRACKING_PREFIX}%"),
                ("state", "=", "done"),
                ("sale_id.prestashop_bind_ids.backend_id", "=", self.id),
            ],
            order="id desc",
            limit=1,
        )
        binding = pickings.sale_id.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self
        )[:1]
        if not binding:
            lines.append(_("Shipped order: none"))
            return lines
        try:
            with self.work_on("prestashop.sale.order") as work:
                record = work.component(usage="backend.adapter").read(
                    binding.prestashop_id
                )
        except Exception as err:  # noqa: BLE001 - a summary line, not a failure
            lines.append(
                _(
                    "Shipped order %(ref)s: PrestaShop could not be read "
                    "(%(error)s)",
                    ref=binding.ps_reference,
                    error=err,
                )
            )
            return lines
        state = self.env["prestashop.sale.order.state"].search(
            [
                ("backend_id", "=", self.id),
                ("prestashop_id", "=", int(record.get("current_state") or 0)),
            ],
            limit=1,
        )
        lines.append(
            _(
                "Shipped order %(ref)s (%(order)s): PrestaShop state '%(state)s', "
                "tracking number %(tracking)s",
                ref=binding.ps_reference,
                order=binding.name,
                state=state.name or record.get("current_state"),
                tracking=record.get("shipping_number") or "-",
            )
        )
        return lines
