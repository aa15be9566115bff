# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Refund back-flow: a posted credit note becomes a single-use voucher
(``cart_rules``) for the customer or an ``order_slip``; once the credit notes
refund the whole order, the order moves to the "refunded" state.

Idempotent: a voucher has a code derived from the order and the credit note,
looked up before creating it; a slip is looked up by order and amounts. So a
job retried after PrestaShop stored the record does not create a second one."""

from datetime import timedelta

from odoo import _, fields
from odoo.tools import float_compare, float_round

from odoo.addons.component.core import Component
from odoo.addons.queue_job.exception import FailedJobError

from ...components.mapper import ps_float, ps_int

PS_DATE = "%Y-%m-%d %H:%M:%S"


class RefundExporter(Component):
    """Send one posted credit note of an imported order."""

    _name = "prestashop.sale.order.refund.exporter"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.sale.order"
    _usage = "refund.exporter"

    # -- overridable rules -------------------------------------------------------------
    def _amount(self, move):
        """Refunded amount, tax included, in the order's currency."""
        return float_round(move.amount_total, 2)

    def _voucher_code(self, binding, move):
        """Stable per credit note: a retried job finds the voucher it made."""
        return f"{binding.ps_reference or binding.prestashop_id}-R{move.id}"

    def _voucher_name(self, binding, move):
        return _(
            "Refund %(move)s, order %(ref)s", move=move.name, ref=binding.ps_reference
        )

    def _voucher_values(self, binding, move, ps_order):
        backend = self.backend_record
        now = fields.Datetime.context_timestamp(
            self.env["res.partner"].with_context(tz=backend.shop_timezone or "UTC"),
            fields.Datetime.now(),
        )
        until = now + timedelta(days=backend.voucher_validity_days or 365)
        name = self._voucher_name(binding, move)
        langs = backend.lang_ids.mapped("prestashop_id") or [backend._ps_lang_id() or 1]
        currency = ps_int(ps_order.get("id_currency"))
        return {
            "id_customer": ps_int(ps_order.get("id_customer")),
            "date_from": now.strftime(PS_DATE),
            "date_to": until.strftime(PS_DATE),
            "description": _("Credit note %s in Odoo", move.name),
            "quantity": 1,
            "quantity_per_user": 1,
            "priority": 1,
            "partial_use": 0,
            "code": self._voucher_code(binding, move),
            "minimum_amount": 0,
            "minimum_amount_tax": 0,
            "minimum_amount_currency": currency,
            "minimum_amount_shipping": 0,
            "country_restriction": 0,
            "carrier_restriction": 0,
            "group_restriction": 0,
            "cart_rule_restriction": 0,
            "product_restriction": 0,
            "shop_restriction": 0,
            "free_shipping": 0,
            "reduction_percent": 0,
            "reduction_amount": f"{self._amount(move):.2f}",
            "reduction_tax": 1,
            "reduction_currency": currency,
            "reduction_product": 0,
            "reduction_exclude_special": 0,
            "gift_product": 0,
            "gift_product_attribute": 0,
            "highlight": 1,
            "active": 1,
            "name": {lang: name for lang in langs},
        }

    def _slip_values(self, binding, move, ps_order):
        details, products_excl, products_incl, ship_excl, ship_incl = (
            [],
            0.0,
            0.0,
            0.0,
            0.0,
        )
        for line in move.invoice_line_ids.filtered(
            lambda line: line.display_type == "product"
        ):
            sale_lines = line.sale_line_ids
            if any(sale_lines.mapped("is_delivery")):
                ship_excl += line.price_subtotal
                ship_incl += line.price_total
                continue
            products_excl += line.price_subtotal
            products_incl += line.price_total
            detail_id = next(
                (
                    sl.prestashop_detail_id
                    for sl in sale_lines
                    if sl.prestashop_detail_id
                ),
                0,
            )
            if detail_id:
                details.append(
                    {
                        "id_order_detail": detail_id,
                        "product_quantity": int(line.quantity),
                        "amount_tax_excl": f"{line.price_subtotal:.6f}",
                        "amount_tax_incl": f"{line.price_total:.6f}",
                    }
                )
        # a detail imported as two lines (two unit prices, see the order
        # mapper's _split_line) is one slip detail: PrestaShop's
        # order_slip_detail is keyed by (id_order_slip, id_order_detail)
        details = self._merge_slip_details(details)
        values = {
            "id_customer": ps_int(ps_order.get("id_customer")),
            "id_order": binding.prestashop_id,
            "conversion_rate": ps_order.get("conversion_rate") or 1,
            "total_products_tax_excl": f"{products_excl:.6f}",
            "total_products_tax_incl": f"{products_incl:.6f}",
            "total_shipping_tax_excl": f"{ship_excl:.6f}",
            "total_shipping_tax_incl": f"{ship_incl:.6f}",
            "amount": f"{products_incl:.6f}",
            "shipping_cost": 1 if ship_incl else 0,
            "shipping_cost_amount": f"{ship_incl:.6f}",
            "partial": 0 if self._fully_refunded(binding, move) else 1,
            "order_slip_type": 0,
        }
        if details:
            values["associations"] = {"order_slip_details": details}
        return values

    @staticmethod
    def _merge_slip_details(details):
        """``order_slip_details`` with one entry per ``id_order_detail``:
        quantities and amounts (6-decimal strings) added up."""
        merged = {}
        for detail in details:
            into = merged.get(detail["id_order_detail"])
            if into is None:
                merged[detail["id_order_detail"]] = dict(detail)
                continue
            into["product_quantity"] += detail["product_quantity"]
            for key in ("amount_tax_excl", "amount_tax_incl"):
                into[key] = f"{float(into[key]) + float(detail[key]):.6f}"
        return list(merged.values())

    def _credit_notes(self, binding):
        """Posted credit notes of the order."""
        return self.env["account.move"].search(
            [
                ("move_type", "=", "out_refund"),
                ("state", "=", "posted"),
                "|",
                ("line_ids.sale_line_ids.order_id", "=", binding.odoo_id.id),
                (
                    "reversed_entry_id.line_ids.sale_line_ids.order_id",
                    "=",
                    binding.odoo_id.id,
                ),
            ]
        )

    def _fully_refunded(self, binding, move=None):
        """The credit notes add up to what the customer paid."""
        refunded = sum(
            self._amount(m)
            for m in (self._credit_notes(binding) | (move or self.env["account.move"]))
        )
        paid = binding.ps_total_paid_tax_incl or binding.amount_total
        return float_compare(refunded, paid, precision_digits=2) >= 0

    # -- voucher / slip ----------------------------------------------------------------
    def _export_voucher(self, binding, move, ps_order):
        adapter = self.component(usage="backend.adapter").cart_rules()
        code = self._voucher_code(binding, move)
        existing = adapter.search_read({"filter[code]": f"[{code}]"})
        if existing:
            rule_id = ps_int(existing[0]["id"])
        else:
            rule_id = ps_int(
                adapter.create(self._voucher_values(binding, move, ps_order)).get("id")
            )
        return rule_id, code

    def _export_slip(self, binding, move, ps_order):
        adapter = self.component(usage="backend.adapter").slips()
        values = self._slip_values(binding, move, ps_order)
        bound = set(
            self.env["prestashop.refund"]
            .search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("ps_resource", "=", "order_slip"),
                ]
            )
            .mapped("prestashop_id")
        )
        for slip in adapter.of_order(binding.prestashop_id):
            if ps_int(slip["id"]) in bound:
                continue
            if all(
                float_compare(ps_float(slip.get(k)), float(values[k]), 2) == 0
                for k in ("total_products_tax_incl", "total_shipping_tax_incl")
            ):
                return ps_int(slip["id"]), False
        return ps_int(adapter.create(values).get("id")), False

    def _customer_is_guest(self, ps_order):
        """The order's customer ordered without an account (PrestaShop
        ``customers.is_guest``): read from its binding, else from the shop."""
        customer_id = ps_int(ps_order.get("id_customer"))
        if not customer_id:
            return False
        customer = self.binder_for("prestashop.res.partner").to_internal(customer_id)
        if customer:
            return customer.is_guest
        record = self.component(
            usage="backend.adapter", model_name="prestashop.res.partner"
        ).read(customer_id)
        return ps_int(record.get("is_guest")) == 1

    def _refund_mode(self, binding, ps_order):
        """``voucher``, ``slip`` or ``none``: the backend's refund mode, but a
        guest, who cannot log in to use a voucher, gets the backend's mode
        for guests (an order slip by default)."""
        mode = self.backend_record.refund_mode
        if mode == "voucher" and self._customer_is_guest(ps_order):
            return self.backend_record.guest_refund_mode
        return mode

    # -- flow --------------------------------------------------------------------------
    def run(self, binding, move):
        if move.state != "posted" or move.move_type != "out_refund":
            return _("%s is not a posted credit note: nothing sent.", move.name)
        backend = self.backend_record
        refund = self.env["prestashop.refund"].search(
            [("backend_id", "=", backend.id), ("odoo_id", "=", move.id)], limit=1
        )
        state_exporter = self.component(usage="state.exporter")
        ps_order = state_exporter.read_order(binding)
        messages = []
        mode = self._refund_mode(binding, ps_order)
        if not refund and mode in ("voucher", "slip"):
            if mode == "voucher":
                if not ps_int(ps_order.get("id_customer")):
                    raise FailedJobError(
                        _(
                            "PrestaShop order %s has no customer: a voucher cannot "
                            "be created. Choose 'Order slip' as refund mode on the "
                            "backend or refund the customer by hand, then requeue "
                            "this job.",
                            binding.ps_reference,
                        )
                    )
                ps_id, code = self._export_voucher(binding, move, ps_order)
            else:
                ps_id, code = self._export_slip(binding, move, ps_order)
            refund = self.env["prestashop.refund"].create(
                {
                    "backend_id": backend.id,
                    "prestashop_id": ps_id,
                    "odoo_id": move.id,
                    "sale_binding_id": binding.id,
                    "ps_resource": "cart_rules" if mode == "voucher" else "order_slip",
                    "code": code or False,
                    "amount": self._amount(move),
                }
            )
            if mode == "voucher":
                text = _(
                    "Voucher %(code)s of %(amount).2f sent to PrestaShop for "
                    "credit note %(move)s.",
                    code=code,
                    amount=refund.amount,
                    move=move.name,
                )
            else:
                text = _(
                    "Order slip %(id)s of %(amount).2f sent to PrestaShop for "
                    "credit note %(move)s.",
                    id=ps_id,
                    amount=refund.amount,
                    move=move.name,
                )
            binding.odoo_id.message_post(body=text)
            messages.append(text)
        elif refund:
            messages.append(_("credit note %s already sent", move.name))
        if self._fully_refunded(binding):
            messages.append(
                state_exporter.run(
                    binding,
                    backend._prestashop_backflow_state("refund"),
                    ps_order=ps_order,
                )
            )
        return "; ".join(str(m) for m in messages)
