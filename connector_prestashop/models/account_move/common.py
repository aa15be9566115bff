# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Credit notes of imported orders, and what they became in PrestaShop
(a voucher or an order slip): one ``prestashop.refund`` per credit note."""

from odoo import _, fields, models


class PrestashopRefund(models.Model):
    _name = "prestashop.refund"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Refund (voucher or order slip)"
    _order = "id desc"

    odoo_id = fields.Many2one(
        "account.move",
        string="Credit Note",
        required=True,
        ondelete="cascade",
        index=True,
    )
    sale_binding_id = fields.Many2one(
        "prestashop.sale.order",
        string="PrestaShop Order",
        ondelete="cascade",
        index=True,
    )
    ps_resource = fields.Selection(
        [("cart_rules", "Voucher (cart rule)"), ("order_slip", "Order slip")],
        string="Created as",
        required=True,
    )
    code = fields.Char("Voucher Code", readonly=True)
    amount = fields.Float("Amount (tax incl.)", digits=(16, 2), readonly=True)

    _sql_constraints = [
        (
            "prestashop_uniq",
            "unique(backend_id, ps_resource, prestashop_id)",
            "This PrestaShop voucher or slip is already linked to a credit note.",
        ),
        (
            "prestashop_refund_move_uniq",
            "unique(backend_id, odoo_id)",
            "A credit note is sent to PrestaShop once per backend.",
        ),
    ]


class AccountMove(models.Model):
    _inherit = "account.move"

    prestashop_refund_ids = fields.One2many(
        "prestashop.refund", "odoo_id", string="PrestaShop Refunds"
    )

    def _prestashop_refundable(self):
        return self.filtered(
            lambda m: m.move_type == "out_refund" and m.state == "posted"
        )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        if not self.env.context.get("connector_no_export"):
            posted._prestashop_queue_refund()
        return posted

    def _prestashop_queue_refund(self):
        for move in self._prestashop_refundable():
            orders = self.env["sale.order"]._prestashop_orders_of_moves(move)
            for binding in orders.prestashop_bind_ids:
                if (
                    binding.backend_id.refund_mode == "none"
                    and not binding.backend_id._prestashop_backflow_state("refund")
                ):
                    continue
                binding.with_delay(
                    priority=15,
                    identity_key=f"prestashop-refund-{binding.id}-{move.id}",
                    description=_(
                        "Send credit note %(move)s of %(order)s to PrestaShop",
                        move=move.name,
                        order=binding.ps_reference,
                    ),
                ).export_refund(move)
