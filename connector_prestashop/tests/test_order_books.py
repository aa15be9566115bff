# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders as the books need them (currency, date, PrestaShop's rounding,
cart rules on several rates, the parcel's papers), on orders shaped like
real shops' ones: each test records in the sandbox the order a shop stored
(the figures of the issue) and checks what the accountant reads."""

from datetime import datetime
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.queue_job.exception import FailedJobError

from ..models.sale_order.importer import shop_date_to_utc
from .test_orders import OrderCase

FR_CUSTOMER = 1  # Camille Martin, group Customer (prices tax included)
PRO_CUSTOMER = 4  # Atelier Vauban, group Professionals (tax excluded)


def money(value):
    return f"{value:.6f}"


class BooksCase(OrderCase):
    @classmethod
    def _incl_tax(cls, tax):
        return tax.copy(
            {"name": f"{tax.name} TTC", "price_include_override": "tax_included"}
        )

    def record_order(
        self,
        lines,
        customer=FR_CUSTOMER,
        shipping=(0.0, 0.0, 0.0),
        rules=(),
        round_type=2,
        round_mode=2,
        id_currency=1,
        conversion_rate=1.0,
        date_add="2026-11-20 10:00:00",
        gift_message="",
    ):
        """Store an order as PrestaShop stored it, figures given: ``lines``
        ``(id_product, qty, unit excl, unit incl, total excl, total incl,
        id_tax, rate)``, ``shipping`` ``(excl, incl, rate)``, ``rules``
        ``(name, value incl, value excl, free_shipping)``.  Returns its id."""
        store = self.sandbox.store
        address = store.search("addresses", id_customer=customer)[0]["id"]
        products_excl = round(sum(line[4] for line in lines), 2)
        products_incl = round(sum(line[5] for line in lines), 2)
        disc_incl = round(sum(r[1] for r in rules), 2)
        disc_excl = round(sum(r[2] for r in rules), 2)
        paid_excl = round(products_excl + shipping[0] - disc_excl, 2)
        paid_incl = round(products_incl + shipping[1] - disc_incl, 2)
        oid = store.allocate_id("orders")
        rows = []
        for pid, qty, u_excl, u_incl, t_excl, t_incl, id_tax, rate in lines:
            did = store.allocate_id("order_details")
            product = store.get("products", pid)
            detail = store.complete(
                "order_details",
                {
                    "id": did,
                    "id_order": oid,
                    "product_id": pid,
                    "product_attribute_id": 0,
                    "product_name": product["name"][1],
                    "product_quantity": qty,
                    "product_price": money(u_excl),
                    "product_reference": product.get("reference") or "",
                    "unit_price_tax_excl": money(u_excl),
                    "unit_price_tax_incl": money(u_incl),
                    "total_price_tax_excl": money(t_excl),
                    "total_price_tax_incl": money(t_incl),
                    "tax_rate": f"{rate:.3f}",
                    "id_shop": 1,
                    "associations": {"taxes": [{"id": id_tax}]},
                },
            )
            store.tables["order_details"][did] = detail
            rows.append({"id": did, "product_id": pid, "product_quantity": qty})
        for name, incl, excl, free_shipping in rules:
            rid = store.allocate_id("order_cart_rules")
            store.tables["order_cart_rules"][rid] = store.complete(
                "order_cart_rules",
                {
                    "id": rid,
                    "id_order": oid,
                    "id_cart_rule": 1,
                    "name": name,
                    "value": money(incl),
                    "value_tax_excl": money(excl),
                    "free_shipping": int(free_shipping),
                },
            )
        store.tables["orders"][oid] = store.complete(
            "orders",
            {
                "id": oid,
                "id_customer": customer,
                "id_address_delivery": address,
                "id_address_invoice": address,
                "id_currency": id_currency,
                "id_lang": 2,
                "id_carrier": 3,
                "id_shop": 1,
                "id_shop_group": 1,
                "current_state": 2,
                "module": "ps_checkpayment",
                "payment": "Payment by check",
                "reference": f"BOOKS{oid:04d}",
                "conversion_rate": money(conversion_rate),
                "round_mode": round_mode,
                "round_type": round_type,
                "valid": 1,
                "gift": int(bool(gift_message)),
                "gift_message": gift_message,
                "date_add": date_add,
                "date_upd": date_add,
                "total_products": money(products_excl),
                "total_products_wt": money(products_incl),
                "total_shipping": money(shipping[1]),
                "total_shipping_tax_excl": money(shipping[0]),
                "total_shipping_tax_incl": money(shipping[1]),
                "carrier_tax_rate": f"{shipping[2]:.3f}",
                "total_discounts": money(disc_incl),
                "total_discounts_tax_excl": money(disc_excl),
                "total_discounts_tax_incl": money(disc_incl),
                "total_paid": money(paid_incl),
                "total_paid_real": money(paid_incl),
                "total_paid_tax_excl": money(paid_excl),
                "total_paid_tax_incl": money(paid_incl),
                "associations": {"order_rows": rows},
            },
        )
        return oid

    def assert_not_held(self, order):
        self.assertFalse(
            order.prestashop_total_mismatch, order.prestashop_total_message
        )

    def add_currency(self, iso, name, rate, precision=2):
        return self.sandbox.store.create(
            "currencies",
            {
                "name": name,
                "iso_code": iso,
                "conversion_rate": money(rate),
                "precision": precision,
                "active": 1,
                "deleted": 0,
            },
        )

    def ps_tax(self, rate):
        """The shop's French tax of this rate: its id."""
        return next(
            t["id"]
            for t in self.sandbox.store.search("taxes")
            if abs(float(t["rate"]) - rate) < 0.001
        )

    def sync_currencies(self):
        self.env["prestashop.res.currency"].import_batch(self.backend)


@tagged("post_install", "-at_install")
class TestOrderBooks(BooksCase):
    # -- 1. currency -----------------------------------------------------------
    def test_yen_order_is_a_yen_order(self):
        jpy_id = self.add_currency("JPY", "Yen", 160.0, precision=0)
        self.sync_currencies()
        tax = self.ps_tax(20.0)
        oid = self.record_order(
            [(5, 1, 2500, 3000, 2500, 3000, tax, 20.0)],
            id_currency=jpy_id,
            conversion_rate=160.0,
        )
        self.import_order(oid)
        binding = self.binding(oid)
        order = binding.odoo_id
        jpy = self.env.ref("base.JPY")
        self.assertTrue(jpy.active)
        self.assertEqual(order.currency_id, jpy)
        self.assertEqual(order.pricelist_id.currency_id, jpy)
        self.assertEqual(order.amount_total, 3000)
        self.assertEqual(order.amount_untaxed, 2500)
        self.assertEqual(order.state, "sale")
        self.assertAlmostEqual(binding.ps_conversion_rate, 160.0)
        self.assertEqual(order.invoice_ids.currency_id, jpy)
        self.assertEqual(order.invoice_ids.amount_total, 3000)
        self.assertFalse(order.prestashop_total_mismatch)

    def test_euro_order_in_a_hryvnia_shop(self):
        store = self.sandbox.store
        uah_id = self.add_currency("UAH", "Hryvnia", 1.0)
        store.update("currencies", 1, {"conversion_rate": "0.020755"})
        for config in store.search("configurations", name="PS_CURRENCY_DEFAULT"):
            config["value"] = str(uah_id)
        self.sync_currencies()
        tax = self.ps_tax(20.0)
        # 1.475 EUR excl. / 1.77 incl.: what 71.07 UAH make at 0.020755
        oid = self.record_order(
            [(5, 1, 1.475, 1.77, 1.48, 1.77, tax, 20.0)], conversion_rate=0.020755
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        self.assertEqual(order.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(order.amount_total, 1.77)
        self.assert_not_held(order)
        self.assertEqual(order.state, "sale", order.exception_ids.mapped("name"))
        self.assertAlmostEqual(self.binding(oid).ps_conversion_rate, 0.020755, 6)

    def test_unmapped_currency_stops_with_where_to_map_it(self):
        chf_id = self.add_currency("CHF", "Franc suisse", 0.94)
        self.sync_currencies()
        chf = self.backend.currency_ids.filtered(lambda c: c.prestashop_id == chf_id)
        chf.odoo_id = False
        oid = self.record_order(
            [(5, 1, 10.0, 12.0, 10.0, 12.0, self.ps_tax(20.0), 20.0)],
            id_currency=chf_id,
        )
        with self.assertRaises(FailedJobError) as caught:
            self.import_order(oid)
        message = str(caught.exception)
        self.assertIn("CHF", message)
        self.assertIn("Currencies tab", message)
        self.assertFalse(self.binding(oid))

    # -- 2. date ---------------------------------------------------------------
    def test_date_is_the_shops_after_confirmation(self):
        self.import_order(1)
        order = self.binding(1).odoo_id
        self.assertEqual(order.state, "sale")
        ps_date = self.ps_order(1)["date_add"]
        self.assertEqual(order.date_order, shop_date_to_utc(ps_date, "Europe/Paris"))

    def test_time_zone_read_from_the_shop(self):
        store = self.sandbox.store
        for config in store.search("configurations", name="PS_TIMEZONE"):
            config["value"] = "Europe/Kyiv"
        self.env["prestashop.shop"].import_batch(self.backend)
        self.assertEqual(self.backend.shop_timezone, "Europe/Kyiv")
        self.assertTrue(self.sent("GET", "configurations"))
        oid = self.record_order(
            [(5, 1, 10.0, 12.0, 10.0, 12.0, self.ps_tax(20.0), 20.0)],
            date_add="2026-07-01 12:00:00",
        )
        self.import_order(oid)
        # Kyiv is UTC+3 in summer
        self.assertEqual(self.binding(oid).date_order, datetime(2026, 7, 1, 9, 0, 0))

    def test_daylight_saving_changes(self):
        # autumn: 02:30 happens twice, the first one (summer time) is taken
        self.assertEqual(
            shop_date_to_utc("2025-10-26 02:30:00", "Europe/Paris"),
            datetime(2025, 10, 26, 0, 30),
        )
        # spring: 02:30 does not exist, read with the winter offset
        self.assertEqual(
            shop_date_to_utc("2026-03-29 02:30:00", "Europe/Paris"),
            datetime(2026, 3, 29, 1, 30),
        )
        self.assertFalse(shop_date_to_utc("0000-00-00 00:00:00", "Europe/Paris"))

    # -- 3. rounding -----------------------------------------------------------
    def _spanish_21(self):
        """A 21 % PrestaShop tax mapped to Odoo's 21 % (both modes)."""
        tax21 = self.env["account.tax"].create(
            {
                "name": "IVA 21%",
                "amount": 21.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "company_id": self.company.id,
            }
        )
        ps_tax = self.sandbox.store.create(
            "taxes", {"rate": "21.000", "active": 1, "name": "IVA ES 21%"}
        )
        self.env["prestashop.account.tax"].import_batch(self.backend)
        binding = self.backend.tax_ids.filtered(lambda t: t.prestashop_id == ps_tax)
        binding.write(
            {"odoo_id": tax21.id, "odoo_price_include_id": self._incl_tax(tax21).id}
        )
        return ps_tax

    def test_per_item_rounding_tax_included(self):
        ps_tax = self._spanish_21()
        oid = self.record_order(
            [(5, 7, 8.49, 10.2729, 59.43, 71.89, ps_tax, 21.0)], round_type=1
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        line = order.order_line.filtered("prestashop_detail_id")
        self.assertEqual(line.price_unit, 10.27)
        self.assertTrue(line.tax_id.price_include)
        self.assertEqual(order.amount_total, 71.89)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.prestashop_total_mismatch)
        self.assertEqual(self.binding(oid).ps_round_type, "1")

    def test_per_item_rounding_down(self):
        # PS_PRICE_ROUND_MODE 1 (down): 10.188 is 10.18 an item, 71.26 for 7
        oid = self.record_order(
            [(5, 7, 8.49, 10.188, 59.43, 71.26, self.ps_tax(20.0), 20.0)],
            round_type=1,
            round_mode=1,
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        self.assertEqual(
            order.order_line.filtered("prestashop_detail_id").price_unit, 10.18
        )
        self.assertEqual(order.amount_total, 71.26)
        self.assert_not_held(order)

    def test_tax_included_unit_prices_on_the_demo_order(self):
        self.import_order(1)
        order = self.binding(1).odoo_id
        ps_lines = {
            int(d["id"]): d
            for d in self.sandbox.store.search("order_details", id_order=1)
        }
        for line in order.order_line.filtered("prestashop_detail_id"):
            detail = ps_lines[line.prestashop_detail_id]
            self.assertEqual(line.price_unit, float(detail["unit_price_tax_incl"]))
            self.assertTrue(line.tax_id.price_include)
            self.assertEqual(line.price_total, float(detail["total_price_tax_incl"]))
        self.assertEqual(order.amount_total, float(self.ps_order(1)["total_paid"]))
        self.assertTrue(self.binding(1).ps_tax_included)

    def test_professional_sees_tax_excluded_prices(self):
        self.import_order(4)
        binding = self.binding(4)
        self.assertFalse(binding.ps_tax_included)
        lines = binding.odoo_id.order_line.filtered("prestashop_detail_id")
        self.assertFalse(any(lines.tax_id.mapped("price_include")))
        self.assert_totals(binding.odoo_id, self.ps_order(4))

    def test_no_connector_precision_on_every_line(self):
        self.assertFalse(
            self.env["decimal.precision"].search([("name", "=", "PrestaShop Price")])
        )
        self.assertEqual(
            self.env["sale.order.line"]._fields["price_unit"].get_digits(self.env),
            self.env["account.move.line"]._fields["price_unit"].get_digits(self.env),
        )
        self.assertEqual(
            self.env["sale.order.line"]._fields["price_unit"].get_digits(self.env)[1],
            self.env["decimal.precision"].precision_get("Product Price"),
        )

    # -- 4. cart rules ---------------------------------------------------------
    def test_gift_rule_taxed_at_the_gift_rate(self):
        t20, t10 = self.ps_tax(20.0), self.ps_tax(10.0)
        oid = self.record_order(
            [
                (5, 1, 20.75, 24.90, 20.75, 24.90, t20, 20.0),
                (12, 1, 14.00, 15.40, 14.00, 15.40, t10, 10.0),
            ],
            shipping=(5.00, 6.00, 20.0),
            rules=[("Offered firewood", 15.40, 14.00, False)],
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        self.assertFalse(
            order.prestashop_total_mismatch, order.prestashop_total_message
        )
        self.assertEqual(order.amount_total, 30.90)
        self.assertEqual(order.amount_tax, 5.15)
        self.assertEqual(order.state, "sale")
        discount = order.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(len(discount), 1)
        self.assertEqual(discount.tax_id.amount, 10.0)
        self.assertEqual(discount.price_total, -15.40)

    def test_free_shipping_and_percentage_rules(self):
        t20, t55 = self.ps_tax(20.0), self.ps_tax(5.5)
        # 30.00 + 25.00 excl., -10 % on the products, shipping offered
        oid = self.record_order(
            [
                (5, 1, 30.00, 36.00, 30.00, 36.00, t20, 20.0),
                (11, 1, 25.00, 26.375, 25.00, 26.38, t55, 5.5),
            ],
            shipping=(5.00, 6.00, 20.0),
            rules=[
                ("Free shipping", 6.00, 5.00, True),
                ("-10 %", 6.24, 5.50, False),
            ],
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        ps = self.ps_order(oid)
        self.assertFalse(
            order.prestashop_total_mismatch, order.prestashop_total_message
        )
        self.assertEqual(order.amount_total, float(ps["total_paid_tax_incl"]))
        self.assertEqual(order.amount_untaxed, 49.50)
        self.assertEqual(order.state, "sale")

    def test_free_shipping_and_percentage_rule_one_rate(self):
        # the figures of the issue: 49.50 paid, 4.50 tax
        oid = self.record_order(
            [(12, 1, 50.00, 55.00, 50.00, 55.00, self.ps_tax(10.0), 10.0)],
            shipping=(5.00, 6.00, 20.0),
            rules=[
                ("Free shipping", 6.00, 5.00, True),
                ("-10 %", 5.50, 5.00, False),
            ],
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        self.assertFalse(
            order.prestashop_total_mismatch, order.prestashop_total_message
        )
        self.assertEqual(order.amount_total, 49.50)
        self.assertEqual(order.amount_tax, 4.50)
        self.assertEqual(order.state, "sale")

    # -- 6. the parcel ---------------------------------------------------------
    def test_gift_message_on_the_delivery_order(self):
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)],
            shipping=(5.00, 6.00, 20.0),
            gift_message="Joyeux anniversaire !",
        )
        self.import_order(oid)
        picking = self.binding(oid).odoo_id.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertIn("Joyeux anniversaire !", str(picking.note))


@tagged("post_install", "-at_install")
class TestDemoShopOrders(BooksCase):
    """The demo shop's orders 11 to 13, placed as PrestaShop's checkout
    places them (sandbox seed)."""

    def test_swiss_franc_order(self):
        self.import_order(11)
        binding = self.binding(11)
        order = binding.odoo_id
        ps = self.ps_order(11)
        self.assertEqual(order.currency_id, self.env.ref("base.CHF"))
        self.assertAlmostEqual(binding.ps_conversion_rate, 0.94, 6)
        self.assert_not_held(order)
        self.assertEqual(order.state, "sale")
        # 2 pillowcases at 32.806 CHF each: PrestaShop's line is 65.61, where
        # 2 x 32.81 = 65.62: imported as 32.81 + 32.80
        self.assertEqual(
            order.currency_id.compare_amounts(
                order.amount_total, float(ps["total_paid_tax_incl"])
            ),
            0,
        )
        pillowcases = order.order_line.filtered(
            lambda line: line.prestashop_detail_id and 32 < line.price_unit < 33
        )
        self.assertEqual(sorted(pillowcases.mapped("price_unit")), [32.80, 32.81])
        self.assertEqual(order.invoice_ids.currency_id, self.env.ref("base.CHF"))

    def test_per_item_rounded_order(self):
        self.sandbox.set_order_state(12, 2)
        self.import_order(12)
        order = self.binding(12).odoo_id
        self.assert_not_held(order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_total, 78.23)
        tealights = order.order_line.filtered(lambda line: line.product_uom_qty == 7)
        self.assertEqual(tealights.price_unit, 10.19)
        self.assertEqual(tealights.price_total, 71.33)

    def test_gift_cart_rule_order(self):
        self.import_order(13)
        order = self.binding(13).odoo_id
        self.assert_not_held(order)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_total, 125.90)
        discount = order.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(discount.tax_id.amount, 10.0)
        self.assertEqual(discount.price_total, -15.40)


@tagged("post_install", "-at_install")
class TestOrderBooksEdges(BooksCase):
    """What a hostile tester found: each input as it broke."""

    def test_held_order_cancelled_in_the_shop_is_cancelled(self):
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)]
        )
        order = self.sandbox.store.get("orders", oid)
        order["total_paid_tax_incl"] = order["total_paid"] = "25.900000"
        self.import_order(oid)
        sale = self.binding(oid).odoo_id
        self.assertTrue(sale.prestashop_total_mismatch)
        self.assertEqual(sale.state, "draft")
        order["total_paid_tax_incl"] = order["total_paid"] = "24.900000"
        self.sandbox.set_order_state(oid, 6)  # cancelled
        self.import_order(oid)
        self.assertEqual(sale.state, "cancel")
        self.assertFalse(sale.picking_ids)
        self.assertFalse(sale.invoice_ids)

    def test_held_order_in_a_new_state_runs_the_state_change_step(self):
        """A held order rebuilt in a new (importable) PrestaShop state goes
        through the state-change step too (what a breaker found: the
        rebuild recorded the state silently)."""
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)]
        )
        order = self.sandbox.store.get("orders", oid)
        order["total_paid_tax_incl"] = order["total_paid"] = "25.900000"
        self.import_order(oid)
        binding = self.binding(oid)
        sale = binding.odoo_id
        self.assertEqual(sale.state, "draft")
        before = binding.ps_state_id
        order["total_paid_tax_incl"] = order["total_paid"] = "24.900000"
        self.sandbox.set_order_state(oid, 3)  # processing in progress
        with patch.object(
            type(self._order_importer()),
            "_state_changed",
            autospec=True,
            side_effect=type(self._order_importer())._state_changed,
        ) as step:
            self.import_order(oid)
        self.assertEqual(step.call_count, 1)
        self.assertEqual(binding.ps_state_id.prestashop_id, 3)
        self.assertEqual(sale.state, "sale")  # released: the totals match now
        self.assertIn(
            f"{before.name} → {binding.ps_state_id.name}",
            " ".join(sale.message_ids.mapped("body")),
        )

    def _order_importer(self):
        with self.backend.work_on("prestashop.sale.order") as work:
            return work.component(usage="record.importer")

    def test_held_order_confirmed_by_hand_keeps_the_shops_date(self):
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)],
            date_add="2026-11-02 23:30:00",
        )
        order = self.sandbox.store.get("orders", oid)
        order["total_paid_tax_incl"] = order["total_paid"] = "25.900000"
        self.import_order(oid)
        sale = self.binding(oid).odoo_id
        self.assertEqual(sale.state, "draft")
        sale.ignore_exception = True
        sale.action_confirm()
        self.assertEqual(sale.state, "sale")
        self.assertEqual(sale.date_order, datetime(2026, 11, 2, 22, 30))

    def test_unmapped_shipping_rate_says_what_to_map(self):
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)],
            shipping=(5.00, 5.43, 8.5),
        )
        with self.assertRaises(FailedJobError) as caught:
            self.import_order(oid)
        self.assertIn("8.5", str(caught.exception))
        self.assertIn("Taxes tab", str(caught.exception))

    def test_gift_wrapping_rate_from_rounded_amounts(self):
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)]
        )
        order = self.sandbox.store.get("orders", oid)
        order.update(
            total_wrapping="2.500000",
            total_wrapping_tax_incl="2.500000",
            total_wrapping_tax_excl="2.080000",
            total_paid="27.400000",
            total_paid_tax_incl="27.400000",
            total_paid_real="27.400000",
            total_paid_tax_excl="22.830000",
        )
        self.import_order(oid)
        sale = self.binding(oid).odoo_id
        wrapping = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.gift_wrapping_product_id
        )
        self.assertEqual(wrapping.tax_id.amount, 20.0)
        self.assertEqual(wrapping.price_total, 2.50)
        self.assert_not_held(sale)
        self.assertEqual(sale.amount_total, 27.40)

    def test_rule_spread_over_both_price_sides(self):
        # the 2.1 % tax has no tax-included twin: that line stays tax excluded
        t21 = self.backend.tax_ids.filtered(lambda t: t.rate == 2.1)
        t21.odoo_price_include_id = False
        oid = self.record_order(
            [
                (5, 1, 30.00, 36.00, 30.00, 36.00, self.ps_tax(20.0), 20.0),
                (11, 1, 10.00, 10.21, 10.00, 10.21, self.ps_tax(2.1), 2.1),
            ],
            rules=[("-10 %", 4.62, 4.00, False)],
        )
        self.import_order(oid)
        sale = self.binding(oid).odoo_id
        self.assert_not_held(sale)
        discount = sale.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertEqual(sorted(discount.mapped("price_unit")), [-3.60, -1.00])
        self.assertAlmostEqual(sale.amount_total, 41.59, 2)

    def test_sub_cent_unit_price_split_to_the_cent(self):
        # 100 x 0.125 = 12.50, no longer held: 50 x 0.13 + 50 x 0.12 (a line
        # still off is reported: test_order_cents)
        oid = self.record_order(
            [(5, 100, 0.104167, 0.125, 10.42, 12.50, self.ps_tax(20.0), 20.0)]
        )
        self.import_order(oid)
        sale = self.binding(oid).odoo_id
        self.assert_not_held(sale)
        self.assertEqual(sale.state, "sale")
        lines = sale.order_line.filtered("prestashop_detail_id")
        self.assertEqual(
            sorted((line.product_uom_qty, line.price_unit) for line in lines),
            [(50.0, 0.12), (50.0, 0.13)],
        )
        self.assertEqual(sale.amount_total, 12.50)

    def test_group_made_after_the_sync_is_read(self):
        store = self.sandbox.store
        group = store.create(
            "groups",
            {
                "name": "Revendeurs",
                "price_display_method": 1,
                "reduction": "0",
                "show_prices": 1,
            },
        )
        customer = store.get("customers", FR_CUSTOMER)
        customer["id_default_group"] = group
        customer["associations"]["groups"].append({"id": group})
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)]
        )
        self.import_order(oid)
        binding = self.binding(oid)
        self.assertFalse(binding.ps_tax_included)
        # read once, when the customer (imported first) named it: its tag too
        self.assertEqual(len(self.sent("GET", "groups")), 1)
        self.assertIn("Revendeurs", binding.partner_id.category_id.mapped("name"))
        self.assertFalse(
            self.backend.customer_group_ids.filtered(
                lambda g: g.prestashop_id == group
            ).ps_tax_included
        )

    def test_archived_pricelist_comes_back(self):
        self.import_order(1)
        eur = self.backend.currency_ids.filtered(lambda c: c.prestashop_id == 1)
        pricelist = eur.pricelist_id
        pricelist.active = False
        oid = self.record_order(
            [(5, 1, 20.75, 24.90, 20.75, 24.90, self.ps_tax(20.0), 20.0)]
        )
        self.import_order(oid)
        self.assertEqual(self.binding(oid).pricelist_id, pricelist)
        self.assertTrue(pricelist.active)
