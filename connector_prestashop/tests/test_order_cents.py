# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders whose unit prices have more decimals than Odoo's "Product Price"
precision (2): the order, its invoice and its delivery must still make what
PrestaShop charged, to the cent, on the side the customer saw, without
raising the precision (the mapper's ``_split_line``)."""

from odoo.tests import tagged

from .test_order_books import FR_CUSTOMER, PRO_CUSTOMER, BooksCase


@tagged("post_install", "-at_install")
class TestOrderCents(BooksCase):
    def product_lines(self, order):
        """``[(quantity, price_unit)]`` of the order's product lines, the
        highest price first."""
        lines = order.order_line.filtered("prestashop_detail_id")
        return sorted(
            ((line.product_uom_qty, line.price_unit) for line in lines),
            key=lambda qty_price: -qty_price[1],
        )

    def assert_to_the_cent(self, oid, untaxed, tax, total):
        """The order and its draft invoice make PrestaShop's totals."""
        ps = self.ps_order(oid)
        self.assertEqual(float(ps["total_paid_tax_excl"]), untaxed)
        self.assertEqual(float(ps["total_paid_tax_incl"]), total)
        order = self.binding(oid).odoo_id
        self.assert_not_held(order)
        self.assertEqual(order.state, "sale")
        for what in (order, order.invoice_ids):
            self.assertEqual(
                what.currency_id.compare_amounts(what.amount_untaxed, untaxed), 0, what
            )
            self.assertEqual(
                what.currency_id.compare_amounts(what.amount_tax, tax), 0, what
            )
            self.assertEqual(
                what.currency_id.compare_amounts(what.amount_total, total), 0, what
            )
        self.assertEqual(order.invoice_ids.mapped("state"), ["draft"])
        return order

    def assert_one_detail_one_product(self, order, qty):
        """Every product line is the one detail's product; the invoice and
        the delivery order carry its quantity."""
        lines = order.order_line.filtered("prestashop_detail_id")
        self.assertEqual(len(lines.product_id), 1)
        self.assertEqual(len(set(lines.mapped("prestashop_detail_id"))), 1)
        self.assertEqual(sum(lines.mapped("product_uom_qty")), qty)
        invoiced = order.invoice_ids.invoice_line_ids.filtered(
            lambda line: line.product_id == lines.product_id
        )
        self.assertEqual(sum(invoiced.mapped("quantity")), qty)
        moves = order.picking_ids.move_ids.filtered(
            lambda move: move.product_id == lines.product_id
        )
        self.assertEqual(sum(moves.mapped("product_uom_qty")), qty)

    def test_b2b_tax_excluded_sub_cent_unit_price(self):
        # a professional sees 24.916667 excl.: PrestaShop charges 2 x that
        # = 49.83 (per line), 59.80 incl. (9.97 tax); 2 x 24.92 would be
        # 49.84, and 24.92 + 24.91 a 9.96 tax (4.98 + 4.98)
        oid = self.record_order(
            [(5, 2, 24.916667, 29.90, 49.83, 59.80, self.ps_tax(20.0), 20.0)],
            customer=PRO_CUSTOMER,
        )
        self.import_order(oid)
        self.assertFalse(self.binding(oid).ps_tax_included)
        order = self.assert_to_the_cent(oid, 49.83, 9.97, 59.80)
        self.assertEqual(self.product_lines(order), [(1.0, 24.93), (1.0, 24.90)])
        lines = order.order_line.filtered("prestashop_detail_id")
        self.assertFalse(any(lines.tax_id.mapped("price_include")))
        self.assertEqual(
            sorted(round(t, 2) for t in lines.mapped("price_tax")), [4.98, 4.99]
        )
        self.assert_one_detail_one_product(order, 2)

    def test_order_without_tax_sub_cent_unit_price(self):
        oid = self.record_order(
            [(5, 2, 24.916667, 24.916667, 49.83, 49.83, 0, 0.0)],
            customer=FR_CUSTOMER,
        )
        detail = self.sandbox.store.search("order_details", id_order=oid)[0]
        detail["associations"] = {"taxes": []}
        self.import_order(oid)
        order = self.assert_to_the_cent(oid, 49.83, 0.0, 49.83)
        self.assertEqual(self.product_lines(order), [(1.0, 24.92), (1.0, 24.91)])
        lines = order.order_line.filtered("prestashop_detail_id")
        self.assertFalse(lines.tax_id)
        self.assert_one_detail_one_product(order, 2)

    def test_tax_included_three_decimal_unit_price(self):
        # 32.806 incl. (a converted price) x 3 = 98.418: PrestaShop charges
        # 98.42 (82.01 excl.); 3 x 32.81 would be 98.43
        oid = self.record_order(
            [(5, 3, 27.338333, 32.806, 82.01, 98.42, self.ps_tax(20.0), 20.0)],
            customer=FR_CUSTOMER,
        )
        self.import_order(oid)
        self.assertTrue(self.binding(oid).ps_tax_included)
        order = self.assert_to_the_cent(oid, 82.01, 16.41, 98.42)
        self.assertEqual(self.product_lines(order), [(2.0, 32.81), (1.0, 32.80)])
        lines = order.order_line.filtered("prestashop_detail_id")
        self.assertTrue(all(lines.tax_id.mapped("price_include")))
        self.assert_one_detail_one_product(order, 3)

    def test_per_total_rounding_makes_the_rounded_total(self):
        # PS_ROUND_TYPE 3: the details stay unrounded (98.418 + 10.005),
        # only the order's total is rounded (108.42, not 98.42 + 10.01)
        t20 = self.ps_tax(20.0)
        oid = self.record_order(
            [
                (5, 3, 27.338333, 32.806, 82.014999, 98.418, t20, 20.0),
                (12, 1, 8.3375, 10.005, 8.3375, 10.005, t20, 20.0),
            ],
            round_type=3,
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        self.assert_not_held(order)
        self.assertEqual(
            self.product_lines(order), [(2.0, 32.81), (1.0, 32.80), (1.0, 10.00)]
        )
        self.assertEqual(
            order.currency_id.compare_amounts(order.amount_total, 108.42), 0
        )
        self.assertEqual(
            order.currency_id.compare_amounts(order.invoice_ids.amount_total, 108.42), 0
        )

    def test_line_still_off_is_reported(self):
        # a fractional quantity cannot be split into whole units: the line
        # stays 2.5 x 24.92 = 62.30 where PrestaShop charged 62.29, reported
        oid = self.record_order(
            [(5, 2.5, 20.763889, 24.916667, 51.91, 62.29, self.ps_tax(20.0), 20.0)]
        )
        self.import_order(oid)
        sale = self.binding(oid).odoo_id
        self.assertTrue(sale.prestashop_total_mismatch)
        self.assertEqual(sale.state, "draft")
        self.assertIn("24.916667", sale.prestashop_total_message)
        self.assertIn("62.29", sale.prestashop_total_message)

    def test_refund_slip_has_one_entry_per_order_detail(self):
        # the two lines of a split detail are one order_slip_detail:
        # PrestaShop keys them by (id_order_slip, id_order_detail)
        self.backend._prestashop_backflow_set_defaults()
        self.backend.refund_mode = "slip"
        oid = self.record_order(
            [(5, 3, 27.338333, 32.806, 82.01, 98.42, self.ps_tax(20.0), 20.0)]
        )
        self.import_order(oid)
        order = self.binding(oid).odoo_id
        self.assertEqual(len(order.order_line.filtered("prestashop_detail_id")), 2)
        invoice = order.invoice_ids
        invoice.action_post()
        invoice._reverse_moves().action_post()
        self.run_pending_jobs()
        slips = self.sandbox.store.search("order_slip", id_order=oid)
        self.assertEqual(len(slips), 1)
        details = slips[0]["associations"]["order_slip_details"]
        detail = self.sandbox.store.search("order_details", id_order=oid)[0]
        self.assertEqual(
            [(int(d["id_order_detail"]), int(d["product_quantity"])) for d in details],
            [(int(detail["id"]), 3)],
        )
        self.assertAlmostEqual(float(details[0]["amount_tax_incl"]), 98.42, 6)
        self.assertAlmostEqual(float(details[0]["amount_tax_excl"]), 82.01, 6)
