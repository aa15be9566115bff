# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Back-flow settings of the backend (Odoo -> PrestaShop: shipping, tracking,
cancellations, refunds)."""

from odoo import fields, models

#: kinds of state the back-flow pushes -> backend field holding the mapping
BACKFLOW_STATE_FIELDS = {
    "partial": "ps_state_partial_id",
    "shipped": "ps_state_shipped_id",
    "cancel": "ps_state_cancel_id",
    "refund": "ps_state_refund_id",
}


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
    guest_refund_mode = fields.Selection(
        [
            ("slip", "Order slip (credit slip)"),
            ("voucher", "Voucher anyway"),
            ("none", "Nothing"),
        ],
        string="Credit Notes of Guests Become",
        default="slip",
        required=True,
        help="A guest (who ordered without an account) cannot log in to use a "
        "voucher: what a credit note of a guest's order creates when credit "
        "notes become vouchers.",
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
