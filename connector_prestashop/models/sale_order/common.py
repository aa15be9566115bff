# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from odoo.addons.component.core import Component

from ...components.backend_adapter import handle_errors
from ...components.mapper import ps_float, ps_int
from ...components.webservice import element_to_record, parse_xml, record_to_xml
from ..prestashop_backend.orders import PS_ROUND_TYPES


class PrestashopSaleOrder(models.Model):
    """A PrestaShop order, imported once (PrestaShop is the master at
    creation), then followed: state changes are recorded, a cancellation
    cancels the Odoo order when nothing has shipped."""

    _name = "prestashop.sale.order"
    _inherit = "prestashop.binding"
    _inherits = {"sale.order": "odoo_id"}
    _description = "PrestaShop Order"

    odoo_id = fields.Many2one(
        "sale.order", string="Sale Order", required=True, ondelete="cascade", index=True
    )
    ps_reference = fields.Char("PrestaShop Reference", index=True)
    ps_state_id = fields.Many2one(
        "prestashop.sale.order.state", string="PrestaShop State", ondelete="set null"
    )
    ps_date_upd = fields.Char("Updated on PrestaShop")
    ps_payment = fields.Char("PrestaShop Payment")
    # in the order's currency (its currency_id, from sale.order): a yen
    # order shows no cents
    ps_total_products = fields.Monetary("PS Products (tax excl.)")
    ps_total_shipping = fields.Monetary("PS Shipping (tax excl.)")
    ps_total_discounts = fields.Monetary("PS Discounts (tax excl.)")
    ps_total_wrapping = fields.Monetary("PS Gift wrapping (tax excl.)")
    ps_total_paid_tax_excl = fields.Monetary("PS Total (tax excl.)")
    ps_total_paid_tax_incl = fields.Monetary("PS Total (tax incl.)")
    ps_total_tax = fields.Monetary("PS Taxes")
    ps_conversion_rate = fields.Float(
        "PS Conversion Rate",
        digits=(16, 6),
        help="PrestaShop's conversion_rate of the order: units of the order's "
        "currency per unit of the shop's default currency when it was placed.",
    )
    ps_round_type = fields.Selection(
        PS_ROUND_TYPES,
        string="PrestaShop Rounded",
        help="How PrestaShop rounded this order (its round_type).",
    )
    ps_tax_included = fields.Boolean(
        "Prices Tax Included",
        help="The customer saw prices tax included (their PrestaShop group's "
        "display method): the lines carry the tax-included unit prices.",
    )

    _sql_constraints = [
        (
            "prestashop_order_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "A sale order can be bound to one PrestaShop order per backend only.",
        ),
    ]

    @api.model
    def import_order_page(self, backend, params, offset, use_cursor, newest):
        """Job: one page of the order batch (see
        ``SaleOrderBatchImporter.run_page``): ``params`` the batch's
        webservice filters, ``offset`` the first order of the page,
        ``use_cursor`` whether the last page moves the import cursor to
        ``newest`` (the greatest ``date_upd`` seen so far)."""
        self, backend = self.sudo(), self._import_backend(backend)  # noqa: PLW0642
        with backend.work_on(self._name) as work:
            return work.component(usage="batch.importer").run_page(
                params, offset, use_cursor, newest
            )

    @api.model
    def import_order_by_reference(self, backend, reference):
        """Job: import the order having this PrestaShop reference."""
        with backend.work_on(self._name) as work:
            orders = work.component(usage="backend.adapter").search_read(
                {"filter[reference]": f"[{reference.strip()}]"}
            )
        if not orders:
            return _("No PrestaShop order with the reference %s.", reference)
        return [self.import_record(backend, ps_int(o["id"])) for o in orders]


class SaleOrder(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "sale.order"  # pylint: disable=consider-merging-classes-inherited

    prestashop_bind_ids = fields.One2many(
        "prestashop.sale.order", "odoo_id", string="PrestaShop Bindings"
    )
    prestashop_total_mismatch = fields.Boolean(
        "Totals differ from PrestaShop",
        copy=False,
        index=True,
        help="The imported order does not add up to the totals PrestaShop "
        "charged; it is held until someone checks it.",
    )
    prestashop_total_message = fields.Text("Totals check", copy=False)
    prestashop_needs_attention = fields.Boolean(
        "PrestaShop: needs attention", copy=False, index=True
    )
    prestashop_attention_reason = fields.Text(copy=False)

    def action_prestashop_attention_done(self):
        self.write({"prestashop_needs_attention": False})

    def action_confirm(self):
        """A PrestaShop order keeps the shop's date when confirmed (Odoo
        dates a confirmed order "now"): by the import's workflow, or by
        hand once a held order is checked."""
        ordered_on = {
            order.id: order.date_order for order in self if order.prestashop_bind_ids
        }
        result = super().action_confirm()
        for order in self.filtered(lambda o: o.id in ordered_on):
            if order.state == "sale" and order.date_order != ordered_on[order.id]:
                order.date_order = ordered_on[order.id]
        return result


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    prestashop_detail_id = fields.Integer("PrestaShop Order Detail", copy=False)


class SaleOrderAdapter(Component):
    _name = "prestashop.sale.order.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.sale.order"
    _prestashop_resource = "orders"
    _prestashop_node = "order"

    # -- the order's own resources (no binding model: see on_resource) ----------
    def carriers(self):
        """``order_carriers``: an order's carrier rows (tracking numbers)."""
        return self.on_resource("order_carriers", "order_carrier")

    def slips(self):
        """``order_slip``: an order's credit slips."""
        return self.on_resource("order_slip", "order_slip")

    def cart_rules(self):
        """``cart_rules``: vouchers (a refund's single-use voucher)."""
        return self.on_resource("cart_rules", "cart_rule")

    def add_history(self, order_id, state_id, send_email=True):
        """POST ``order_histories`` (``?sendemail=1``): PrestaShop changes the
        order's ``current_state`` and runs the state change (and its e-mail
        to the customer) as its back office would.  Returns the new row
        (dict, empty when the shop answered no body)."""
        histories = self.on_resource("order_histories", "order_history")
        body = record_to_xml(
            histories._prestashop_node,
            {"id_order": int(order_id), "id_order_state": int(state_id)},
        )
        with handle_errors(self):
            resp = self.client.request(
                "POST",
                histories._prestashop_resource,
                params={"sendemail": 1} if send_email else None,
                data=body.encode("utf-8"),
                headers={"Content-Type": "text/xml; charset=utf-8"},
            )
        root = parse_xml(resp.content) if resp.content else None
        return element_to_record(root[0]) if root is not None and len(root) else {}

    @staticmethod
    def has_discount(order):
        """Whether the order has discounts (``total_discounts*`` not zero):
        an order without has no cart rule to read.  A rule PrestaShop
        recorded at zero makes no line either (see the mapper), and
        PrestaShop adds every rule's value to these totals
        (``Cart::getOrderTotal(ONLY_DISCOUNTS)``)."""
        return any(
            ps_float(order.get(f))
            for f in (
                "total_discounts",
                "total_discounts_tax_incl",
                "total_discounts_tax_excl",
            )
        )

    def _addresses_to_read(self, address_ids):
        """The ids of ``address_ids`` to read: not those read since an
        imported order used them (``ps_used_in_order``): PrestaShop saves
        an edit of such an address as a new address."""
        ids = {ps_int(i) for i in address_ids if ps_int(i)}
        if not ids:
            return ids
        # (one query for the page)
        known = self.env["prestashop.address"].search(
            [
                ("backend_id", "=", self.backend_record.id),
                ("prestashop_id", "in", list(ids)),
                ("ps_used_in_order", "=", True),
            ]
        )
        return ids - set(known.mapped("prestashop_id"))

    def attach_related(self, orders):
        """Read what the orders point to in at most 4 requests whatever
        their number and size (order_details; cart rules when an order has
        discounts; customers; addresses, but those already read since an
        order used them) and attach it to each order (keys ``_details``,
        ``_cart_rules``, ``_customer``, ``_addresses``, where an address not
        read is absent): the per-order job then needs no request."""
        if not orders:
            return orders
        ids = [ps_int(o["id"]) for o in orders]
        # (list_by sends nothing for no id; display=full by default)
        details = self.list_by("id_order", ids, resource="order_details")
        discounted = [ps_int(o["id"]) for o in orders if self.has_discount(o)]
        rules = self.list_by(
            "id_order", discounted, resource=self.version.order_discounts_resource
        )
        customers = {
            ps_int(c["id"]): c
            for c in self.list_by(
                "id", [o.get("id_customer") for o in orders], resource="customers"
            )
        }
        address_ids = self._addresses_to_read(
            o.get(f)
            for o in orders
            for f in ("id_address_invoice", "id_address_delivery")
        )
        addresses = {
            ps_int(a["id"]): a
            for a in self.list_by("id", address_ids, resource="addresses")
        }
        by_order = {}
        for detail in details:
            by_order.setdefault(ps_int(detail.get("id_order")), []).append(detail)
        rules_by_order = {}
        for rule in rules:
            rules_by_order.setdefault(ps_int(rule.get("id_order")), []).append(rule)
        for order in orders:
            oid = ps_int(order["id"])
            order["_details"] = by_order.get(oid, [])
            order["_cart_rules"] = rules_by_order.get(oid, [])
            order["_customer"] = customers.get(ps_int(order.get("id_customer")))
            order["_addresses"] = [
                addresses[a]
                for a in {
                    ps_int(order.get("id_address_invoice")),
                    ps_int(order.get("id_address_delivery")),
                }
                if a in addresses
            ]
        return orders

    def read_bundle(self, order_id):
        """One order and what it points to: 3 requests (order, details,
        customer) for an order without discount whose addresses were read
        since an order used them, 5 at most."""
        order = self.read(order_id)
        return self.attach_related([order])[0]
