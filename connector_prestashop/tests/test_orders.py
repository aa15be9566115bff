# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order import against the sandbox: records in Odoo and requests sent."""

import logging
from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.connector.database import pg_try_advisory_lock
from odoo.addons.queue_job.exception import FailedJobError, RetryableJobError

from ..models.prestashop_backend.common import METADATA_MODELS
from .common import PrestashopTestCase

_logger = logging.getLogger(__name__)


class OrderCase(PrestashopTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_fr").active = True
        # a French company has both: tax included for B2C lines, excluded
        # for B2B ones
        cls.taxes = cls.create_fr_taxes(included=True)
        cls.workflow = cls.env["sale.workflow.process"].create(
            {
                "name": "PrestaShop paid",
                "validate_order": True,
                "create_invoice": True,
                "validate_invoice": False,
            }
        )
        cls.backend.workflow_process_id = cls.workflow
        cls.backend.state = "ok"
        for step in (1, 2):
            for model, model_step in METADATA_MODELS:
                if model_step == step:
                    cls.env[model].import_batch(cls.backend)
        cls.SO = cls.env["prestashop.sale.order"]

    def import_order(self, order_id, data=None):
        return self.SO.import_record(self.backend, order_id, data=data)

    def _importable(self):
        """Ids of the shop's orders in a state the backend imports."""
        states = self.backend.order_state_ids.filtered("import_order").mapped(
            "prestashop_id"
        )
        return {
            o["id"]
            for o in self.sandbox.store.search("orders")
            if int(o["current_state"]) in states
        }

    def binding(self, order_id):
        return self.SO.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", order_id)]
        )

    def ps_order(self, order_id):
        return self.sandbox.store.get("orders", order_id)

    def assert_totals(self, order, ps):
        self.assertAlmostEqual(
            order.amount_untaxed, float(ps["total_paid_tax_excl"]), 2
        )
        self.assertAlmostEqual(order.amount_total, float(ps["total_paid_tax_incl"]), 2)
        self.assertFalse(
            order.prestashop_total_mismatch, order.prestashop_total_message
        )


@tagged("post_install", "-at_install")
class TestOrderImport(OrderCase):
    def test_paid_order_confirmed_with_delivery_and_draft_invoice(self):
        self.import_order(1)
        binding = self.binding(1)
        order = binding.odoo_id
        ps = self.ps_order(1)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.client_order_ref, ps["reference"])
        self.assertEqual(order.partner_id.email, "camille.martin@example.com")
        self.assertEqual(order.partner_shipping_id.parent_id, order.partner_id)
        self.assertEqual(order.partner_shipping_id.type, "delivery")
        self.assert_totals(order, ps)
        self.assertEqual(len(order.picking_ids), 1)
        self.assertIn(order.picking_ids.state, ("confirmed", "assigned"))
        self.assertEqual(order.invoice_ids.mapped("state"), ["draft"])
        self.assertAlmostEqual(
            order.invoice_ids.amount_total, float(ps["total_paid_tax_incl"]), 2
        )
        # combination line -> the variant bound to the combination
        tshirt = order.order_line.filtered(lambda line: line.product_uom_qty == 2)
        ipa = int(ps["associations"]["order_rows"][0]["product_attribute_id"])
        self.assertEqual(
            tshirt.product_id.prestashop_combination_bind_ids.prestashop_id, ipa
        )
        self.assertEqual(
            set(tshirt.product_id.product_template_attribute_value_ids.mapped("name")),
            {"M", "White"},
        )
        # shipping line with the carrier mapping (old deleted copy id 1)
        delivery = order.order_line.filtered("is_delivery")
        self.assertAlmostEqual(
            delivery.price_subtotal, float(ps["total_shipping_tax_excl"]), 2
        )
        self.assertEqual(order.carrier_id.name, "Colissimo")
        # requests: the order bundle in 5 batched reads (+ the catalogue)
        paths = [r.path for r in self.sandbox.requests]
        self.assertIn("orders/1", paths)
        self.assertEqual(paths.count("order_details"), 1)
        # the unknown combination imported by its importer, with its
        # product named by the order detail: the combination alone not read
        self.assertNotIn(f"combinations/{ipa}", paths)
        self.assertEqual(paths.count("products/8"), 1)

    def test_every_step_of_the_workflow_honoured(self):
        """The payment method's workflow runs with sale_automatic_workflow's
        own steps and filters: here the invoice posted, paid and the order
        locked, besides the confirmation."""
        self.workflow.write(
            {"validate_invoice": True, "register_payment": True, "sale_done": True}
        )
        self.import_order(1)
        order = self.binding(1).odoo_id
        ps = self.ps_order(1)
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.locked)
        invoice = order.invoice_ids
        self.assertEqual(invoice.state, "posted")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertAlmostEqual(
            invoice.amount_total, float(ps["total_paid_tax_incl"]), places=2
        )
        payment = invoice.matched_payment_ids
        self.assertEqual(len(payment), 1)
        self.assertIn(payment.state, ("in_process", "paid"))
        self.assertAlmostEqual(payment.amount, invoice.amount_total, places=2)

    def test_workflow_step_left_out_by_its_filter_is_noted(self):
        """A step whose filter leaves the order out is not done, and the
        order says so (never a silent skip)."""
        self.workflow.create_invoice_filter_id = self.env["ir.filters"].create(
            {
                "name": "Big orders only",
                "model_id": "sale.order",
                "domain": "[('amount_total', '>', 1000000)]",
            }
        )
        self.import_order(1)
        order = self.binding(1).odoo_id
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.invoice_ids)
        self.assertIn(
            "invoice not done",
            " ".join(order.message_ids.mapped("body")),
        )
        self.assertIn("Big orders only", " ".join(order.message_ids.mapped("body")))

    def test_shipped_workflow_invoices_a_locked_order(self):
        """With Sales' "Lock Confirmed Sales", an order is locked at its
        confirmation: the shipped workflow invoices it all the same."""
        self.env.ref("base.group_user").implied_ids |= self.env.ref(
            "sale.group_auto_done_setting"
        )
        self.backend.workflow_process_id = self.env.ref(
            "connector_prestashop.sale_workflow_prestashop_paid"
        )
        self.import_order(1)
        order = self.binding(1).odoo_id
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.locked)
        self.assertEqual(order.invoice_ids.mapped("state"), ["draft"])
        self.assertAlmostEqual(
            order.invoice_ids.amount_total,
            float(self.ps_order(1)["total_paid_tax_incl"]),
            places=2,
        )

    def test_unpaid_skipped_then_imported_when_paid(self):
        result = self.import_order(6)
        self.assertIn("not imported", result)
        self.assertFalse(self.binding(6))
        self.sandbox.set_order_state(6, 2)
        self.import_order(6)
        order = self.binding(6).odoo_id
        self.assertEqual(order.state, "sale")
        self.assert_totals(order, self.ps_order(6))

    def test_two_tax_rates_and_export(self):
        self.import_order(3)  # 20 % + 5.5 %, Belgium
        order = self.binding(3).odoo_id
        self.assert_totals(order, self.ps_order(3))
        self.assertEqual(set(order.order_line.tax_id.mapped("amount")), {20.0, 5.5})
        self.assertEqual(order.state, "sale")
        self.import_order(9)  # USA: no VAT
        order = self.binding(9).odoo_id
        self.assert_totals(order, self.ps_order(9))
        self.assertFalse(order.amount_tax)

    def test_discounts(self):
        self.import_order(10)  # welcome -10 %
        order = self.binding(10).odoo_id
        ps = self.ps_order(10)
        self.assert_totals(order, ps)
        discount = order.order_line.filtered(
            lambda line: line.product_id == self.backend.discount_product_id
        )
        self.assertAlmostEqual(
            -sum(discount.mapped("price_subtotal")),
            float(ps["total_discounts_tax_excl"]),
            2,
        )
        self.sandbox.set_order_state(7, 2)  # free shipping, paid by cheque
        self.import_order(7)
        order = self.binding(7).odoo_id
        self.assert_totals(order, self.ps_order(7))
        self.assertEqual(order.state, "sale")

    def test_guest_gift_wrapping_and_same_email_one_partner(self):
        self.import_order(5)  # guest " Jean.Dupont@Example.com", gift wrapping
        self.sandbox.set_order_state(6, 2)
        self.import_order(6)  # account jean.dupont@example.com
        order5, order6 = self.binding(5).odoo_id, self.binding(6).odoo_id
        self.assert_totals(order5, self.ps_order(5))
        self.assertTrue(
            order5.order_line.filtered(
                lambda line: line.product_id == self.backend.gift_wrapping_product_id
            )
        )
        self.assertEqual(order5.partner_id, order6.partner_id)
        partners = self.env["res.partner"].search(
            [("email_normalized", "=", "jean.dupont@example.com")]
        )
        self.assertEqual(len(partners), 1)
        self.assertEqual(len(partners.prestashop_bind_ids), 2)
        # "9 rue Kervégan" and "9, rue Kervégan": one delivery contact
        self.assertEqual(order5.partner_shipping_id, order6.partner_shipping_id)
        self.assertEqual(len(partners.child_ids), 1)

    def test_b2b_addresses_and_vat(self):
        self.import_order(4)
        order = self.binding(4).odoo_id
        self.assert_totals(order, self.ps_order(4))
        partner = order.partner_id
        self.assertEqual(partner.company_name, "Atelier Vauban")
        self.assertTrue(partner.vat.startswith("FR"))
        self.assertEqual(order.partner_invoice_id.type, "invoice")
        self.assertEqual(order.partner_shipping_id.type, "delivery")
        self.assertNotEqual(order.partner_invoice_id, order.partner_shipping_id)
        self.assertIn("Professionals", partner.category_id.mapped("name"))
        self.assertEqual(partner.lang, "fr_FR")

    def test_address_change_adds_contact(self):
        self.import_order(1)
        partner = self.binding(1).partner_id
        store = self.sandbox.store
        new_address = store.create(
            "addresses",
            dict(
                store.get("addresses", 1),
                id=None,
                address1="5 avenue Parmentier",
                postcode="75011",
            ),
        )
        new_id = self.sandbox.place_order(
            1, [(5, 0, 1)], 3, id_address_delivery=new_address
        )
        self.import_order(new_id)
        order = self.binding(new_id).odoo_id
        self.assertEqual(order.partner_id, partner)
        self.assertEqual(order.partner_shipping_id.street, "5 avenue Parmentier")
        self.assertEqual(len(partner.child_ids), 2)

    def test_unknown_product_fails_with_its_id_and_reference(self):
        store = self.sandbox.store
        store.delete("products", 5)
        with self.assertRaises(FailedJobError) as err:
            self.import_order(1)
        self.assertIn("5", str(err.exception))
        self.assertIn("ML-BOUG-005", str(err.exception))
        self.assertFalse(self.binding(1))

    def test_total_mismatch_holds_order_with_exception(self):
        self.sandbox.store.update("orders", 1, {"total_paid_tax_incl": "999.99"})
        self.import_order(1)
        order = self.binding(1).odoo_id
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.prestashop_total_mismatch)
        self.assertIn("999.99", order.prestashop_total_message)
        self.assertIn(
            self.env.ref("connector_prestashop.exception_rule_prestashop_totals"),
            order.exception_ids,
        )
        self.assertFalse(order.picking_ids)

    def test_cancel_before_shipping_cancels(self):
        self.import_order(1)
        order = self.binding(1).odoo_id
        self.sandbox.set_order_state(1, 6)
        self.import_order(1)
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.binding(1).ps_state_id.prestashop_id, 6)

    def test_cancel_followed_when_must_skip_is_overridden_without_super(self):
        """``_must_skip`` decides and changes nothing: a client's override
        returning its own reason without ``super()`` loses no cancellation
        (the ``_state_changed`` step follows the state)."""
        self.import_order(1)
        order = self.binding(1).odoo_id
        self.sandbox.set_order_state(1, 6)
        with self.backend.work_on("prestashop.sale.order") as work:
            importer_class = type(work.component(usage="record.importer"))
        with patch.object(
            importer_class, "_must_skip", lambda self, binding: "a client's rule"
        ):
            result = self.import_order(1)
        self.assertEqual(result, "a client's rule")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.binding(1).ps_state_id.prestashop_id, 6)
        self.assertIn(
            "PrestaShop state changed", "".join(order.message_ids.mapped("body"))
        )

    def test_cancel_after_shipping_flags(self):
        self.import_order(1)
        order = self.binding(1).odoo_id
        picking = order.picking_ids
        for move in picking.move_ids:
            self.env["stock.quant"]._update_available_quantity(
                move.product_id, move.location_id, move.product_uom_qty
            )
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.sandbox.set_order_state(1, 6)
        self.import_order(1)
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.prestashop_needs_attention)
        self.assertTrue(order.activity_ids)

    def test_import_twice_one_order_one_partner(self):
        self.import_order(1)
        self.sandbox.clear_log()
        result = self.import_order(1)
        self.assertIn("already imported", result)
        self.assertEqual(len(self.binding(1)), 1)
        self.assertEqual(
            self.env["sale.order"].search_count(
                [("client_order_ref", "=", self.ps_order(1)["reference"])]
            ),
            1,
        )
        self.assertEqual(
            self.env["res.partner"].search_count(
                [
                    ("email_normalized", "=", "camille.martin@example.com"),
                    ("parent_id", "=", False),
                ]
            ),
            1,
        )

    def test_concurrent_import_waits_on_locks(self):
        """A second worker holding the order's (or the customer's) lock makes
        this import retry instead of creating a duplicate."""
        with self.env.registry.cursor() as other_cr:
            self.assertTrue(
                pg_try_advisory_lock(
                    self.env(cr=other_cr), f"prestashop-order({self.backend.id},1)"
                )
            )
            with self.assertRaises(RetryableJobError):
                self.import_order(1)
        with self.env.registry.cursor() as other_cr:
            self.assertTrue(
                pg_try_advisory_lock(
                    self.env(cr=other_cr),
                    f"prestashop-partner-email({self.company.id},camille.martin@example.com)",
                )
            )
            with self.assertRaises(RetryableJobError):
                self.import_order(1)
        self.assertFalse(self.binding(1))
        self.import_order(1)
        self.assertEqual(len(self.binding(1)), 1)

    def test_import_by_reference(self):
        ref = self.ps_order(4)["reference"]
        self.SO.import_order_by_reference(self.backend, ref)
        self.assertEqual(self.binding(4).odoo_id.client_order_ref, ref)


@tagged("post_install", "-at_install")
class TestOrderBatch(OrderCase):
    def _preload_catalog(self):
        self.env["prestashop.product.template"].import_batch(self.backend)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))

    def test_batch_requests_per_order_and_no_request_in_jobs(self):
        self._preload_catalog()
        self.sandbox.clear_log()
        self.env["prestashop.sale.order"].import_batch(self.backend)
        paths = [r.path for r in self.sandbox.requests]
        # a page of orders, its order_details, cart rules, customers and
        # addresses (the customer groups were read at metadata sync)
        self.assertEqual(
            paths,
            [
                "orders",
                "order_details",
                "order_cart_rules",
                "customers",
                "addresses",
            ],
        )
        orders = self.sandbox.requests[1]
        self.assertEqual(orders.query.get("display"), "full")
        self.sandbox.clear_log()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        self.assertEqual(
            self.sandbox.requests, [], [r.path for r in self.sandbox.requests]
        )
        imported = set(
            self.SO.search([("backend_id", "=", self.backend.id)]).mapped(
                "prestashop_id"
            )
        )
        self.assertEqual(imported, self._importable())
        self.assertTrue(self.backend.import_orders_since)

    def test_cursor_picks_up_paid_orders_once(self):
        self._preload_catalog()
        self.env["prestashop.sale.order"].import_batch(self.backend)
        self.run_pending_jobs()
        count = self.SO.search_count([])
        self.sandbox.clear_log()
        self.sandbox.set_order_state(6, 2)
        self.env["prestashop.sale.order"].import_batch(self.backend)
        orders_request = self.sent(path="orders")[0]
        self.assertTrue(
            orders_request.query.get("filter[date_upd]", "").startswith(">[")
        )
        self.run_pending_jobs()
        self.assertEqual(self.SO.search_count([]), count + 1)
        self.assertEqual(self.binding(6).state, "sale")
        # a second run queues nothing new and imports nothing twice
        self.env["prestashop.sale.order"].import_batch(self.backend)
        self.run_pending_jobs()
        self.assertEqual(self.SO.search_count([]), count + 1)

    def _jobs(self, method):
        return self.env["queue.job"].search(
            [
                ("method_name", "=", method),
                ("model_name", "=", "prestashop.sale.order"),
            ],
            order="id",
        )

    def test_shop_down_in_the_middle_of_a_batch(self):
        """The batch advances page by page, each page its own job: a fault
        on page 2 retries page 2 only; page 1's order jobs stay queued, the
        cursor moves once the last page is read, no order twice."""
        self._preload_catalog()
        self.backend.order_import_page_size = 3
        self.backend.import_sale_orders()
        batch = self._jobs("import_batch")
        batch = self.run_job(batch)
        self.assertEqual(batch.state, "done", batch.exc_info)
        first_page = self._jobs("import_record")
        self.assertEqual(len(first_page), 3)
        page2 = self._jobs("import_order_page")
        self.assertEqual(len(page2), 1)
        self.assertEqual(page2.args[2], 3)  # from the 4th order
        self.sandbox.clear_log()
        self.sandbox.faults.fail_next(1, 503, after=1)  # its related records
        page2 = self.run_job(page2)
        self.assertEqual(page2.state, "pending")
        self.assertEqual([r.status for r in self.sandbox.requests][:2], [200, 503])
        self.assertEqual(self.sandbox.requests[0].query.get("limit"), "3,3")
        # page 1 kept: its jobs are there, nothing of page 2 is
        self.assertEqual(self._jobs("import_record"), first_page)
        self.assertFalse(self.backend.import_orders_since)
        # the retry reads page 2 again, not page 1
        self.sandbox.clear_log()
        page2.eta = False
        page2 = self.run_job(page2)
        self.assertEqual(page2.state, "done", page2.exc_info)
        self.assertEqual(self.sandbox.requests[0].query.get("limit"), "3,3")
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        imported = self.SO.search([("backend_id", "=", self.backend.id)])
        self.assertEqual(set(imported.mapped("prestashop_id")), self._importable())
        self.assertEqual(len(imported), len(self._importable()))
        newest = max(o["date_upd"] for o in self.sandbox.store.search("orders"))
        self.assertEqual(self.backend.import_orders_since, newest)


@tagged("post_install", "-at_install")
class TestOrderBench(OrderCase):
    def test_bench_30_orders_requests_per_order(self):
        from .bench_orders import bench_import_orders

        self.env["prestashop.product.template"].import_batch(self.backend)
        self.run_pending_jobs()
        self.env["prestashop.sale.order"].import_batch(self.backend)
        self.run_pending_jobs()  # the demo orders, so the cursor is set
        result = bench_import_orders(self.env, self.backend, 30, sandbox=self.sandbox)
        _logger.info("bench_import_orders(30): %s", result)
        self.assertEqual(result["orders"], 30, result)
        self.assertEqual(result["job_requests"], 0, result)
        self.assertLessEqual(result["requests_per_order"], 0.2, result)


@tagged("post_install", "-at_install")
class TestOrderKnownCustomer(OrderCase):
    """The next order of a known customer: the customer is read with the
    order (its date_upd), imported again only when PrestaShop changed it;
    an address read since an order used it is not read again."""

    def _reorder(self, order_id):
        """A new paid order of ``order_id``'s customer: same products (known
        in Odoo), carrier and addresses.  Returns its id."""
        ps = self.ps_order(order_id)
        lines = [
            (int(r["product_id"]), int(r["product_attribute_id"]), 1)
            for r in ps["associations"]["order_rows"]
        ]
        return self.sandbox.place_order(
            int(ps["id_customer"]),
            lines,
            int(ps["id_carrier"]),
            paid=True,
            id_address_delivery=int(ps["id_address_delivery"]),
            id_address_invoice=int(ps["id_address_invoice"]),
        )

    def _customer(self, customer_id):
        return self.env["prestashop.res.partner"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", customer_id)]
        )

    def _address(self, address_id):
        return self.env["prestashop.address"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", address_id)]
        )

    def test_known_customer_unchanged_three_requests_no_rewrite(self):
        self.import_order(1)
        customer, address = self._customer(1), self._address(1)
        self.assertTrue(address.ps_used_in_order)
        # what an import of the customer would write back: it must not
        customer.ps_group_ids = "not rewritten"
        new_id = self._reorder(1)
        self.sandbox.clear_log()
        self.import_order(new_id)
        self.assertEqual(
            [r.path for r in self.sandbox.requests],
            [f"orders/{new_id}", "order_details", "customers"],
        )
        customer.invalidate_recordset()
        self.assertEqual(customer.ps_group_ids, "not rewritten")
        order = self.binding(new_id).odoo_id
        self.assertEqual(order.partner_id, customer.odoo_id)
        self.assertEqual(order.partner_shipping_id, address.odoo_id)
        self.assertEqual(order.partner_invoice_id, address.odoo_id)
        self.assert_totals(order, self.ps_order(new_id))
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.invoice_ids.mapped("state"), ["draft"])

    def test_customer_and_address_changed_on_the_shop_imported_again(self):
        self.import_order(1)
        customer, address = self._customer(1), self._address(1)
        customer.ps_group_ids = "stale"
        self.sandbox.store.update("customers", 1, {"website": "https://cm.example"})
        # bound before any order used it (the customer migration), then
        # edited in place on the shop
        address.ps_used_in_order = False
        self.sandbox.store.update("addresses", 1, {"address2": "Bâtiment B"})
        new_id = self._reorder(1)
        self.sandbox.clear_log()
        self.import_order(new_id)
        self.assertEqual(
            [r.path for r in self.sandbox.requests],
            [f"orders/{new_id}", "order_details", "customers", "addresses"],
        )
        self.env.invalidate_all()
        shop_customer = self.sandbox.store.get("customers", 1)
        self.assertEqual(customer.ps_date_upd, shop_customer["date_upd"])
        self.assertEqual(customer.ps_group_ids, "3")
        self.assertEqual(customer.website, "https://cm.example")
        self.assertEqual(address.street2, "Bâtiment B")
        self.assertTrue(address.ps_used_in_order)
        self.assertEqual(
            self.binding(new_id).odoo_id.partner_shipping_id, address.odoo_id
        )

    def test_order_with_discount_reads_its_cart_rules(self):
        self.import_order(1)
        self.sandbox.clear_log()
        self.import_order(13)  # same customer and address, a cart rule
        paths = [r.path for r in self.sandbox.requests]
        self.assertEqual(
            paths[:4], ["orders/13", "order_details", "order_cart_rules", "customers"]
        )
        self.assertNotIn("addresses", paths)
        order = self.binding(13).odoo_id
        self.assertTrue(
            order.order_line.filtered(
                lambda line: line.product_id == self.backend.discount_product_id
            )
        )
        self.assert_totals(order, self.ps_order(13))

    def test_batch_known_customers_no_address_read_no_job_request(self):
        self.env["prestashop.product.template"].import_batch(self.backend)
        self.run_pending_jobs()
        self.env["prestashop.sale.order"].import_batch(self.backend)
        self.run_pending_jobs()
        customers = self._customer(1) | self._customer(2)
        customers.ps_group_ids = "not rewritten"
        new_ids = {self._reorder(1), self._reorder(11)}
        self.backend.import_orders_since = False  # read every order again
        self.sandbox.clear_log()
        self.env["prestashop.sale.order"].import_batch(self.backend)
        self.assertEqual(
            [r.path for r in self.sandbox.requests],
            ["orders", "order_details", "customers"],
        )
        self.sandbox.clear_log()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        self.assertEqual(self.sandbox.requests, [])
        for new_id in new_ids:
            self.assertEqual(self.binding(new_id).odoo_id.state, "sale")
        customers.invalidate_recordset()
        self.assertEqual(set(customers.mapped("ps_group_ids")), {"not rewritten"})
