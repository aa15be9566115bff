# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tests of the client's adaptation, against the PrestaShop sandbox.

``PrestashopTestCase`` (connector_prestashop/tests/common.py) starts one
sandbox per class (a faithful PrestaShop 8.1.2 webservice over HTTP on
127.0.0.1, serving a demo shop), resets it before each test and creates a
backend pointing at it.  Tests change the shop through
``self.sandbox.store`` and check what the connector sent with
``self.sent()`` / ``self.sandbox.requests``."""

from odoo.tests import tagged

from odoo.addons.connector_prestashop.models.prestashop_backend.common import (
    METADATA_MODELS,
)
from odoo.addons.connector_prestashop.tests.common import (
    PrestashopTestCase,
    trap_jobs,
)

# Ids of the sandbox's demo shop (prestashop_sandbox/seeds/demo.py).
PRODUCT_VASE = 7  # a product without combinations, 20 % VAT
PRODUCT_TSHIRT = 8  # sizes x colours: combinations 8 to 15
ORDER_CARD = 1  # paid by card (module stripe_official), B2C
ORDER_CHEQUE = 3  # paid by cheque (ps_checkpayment), B2C
ORDER_B2B = 4  # customer 4, "Atelier Vauban" (a company), bank wire
ORDER_WIRE_B2C = 6  # customer 6, awaiting bank wire payment
STATE_AWAITING_WIRE = 10  # "Awaiting bank wire payment": not paid
STATE_BACKORDER_PAID = 9  # "On backorder (paid)"
STATE_PROCESSING = 3  # "Processing in progress"


@tagged("post_install", "-at_install")
class TestClientAdaptation(PrestashopTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # What a configured backend has: French taxes mapped by rate, a sale
        # workflow for the payment methods, the metadata synchronised.
        cls.env.ref("base.lang_fr").active = True
        cls.create_fr_taxes()
        cls.backend.workflow_process_id = cls.env["sale.workflow.process"].create(
            {
                "name": "Paid orders",
                "validate_order": True,
                "create_invoice": True,
                "validate_invoice": False,
            }
        )
        cls.backend.state = "ok"
        for step in (1, 2):
            for model, model_step in METADATA_MODELS:
                if model_step == step:
                    cls.env[model].import_batch(cls.backend)
        cls.Order = cls.env["prestashop.sale.order"]
        cls.Product = cls.env["prestashop.product.template"]

    def order_binding(self, prestashop_id):
        return self.Order.search(
            [
                ("backend_id", "=", self.backend.id),
                ("prestashop_id", "=", prestashop_id),
            ]
        )

    # -- 1. a PrestaShop field mapped onto an Odoo field, both ways ---------------
    def test_mpn_imported(self):
        self.sandbox.store.update("products", PRODUCT_VASE, {"mpn": " GV-2231-B "})
        self.Product.import_record(self.backend, PRODUCT_VASE)
        binding = self.Product.search([("prestashop_id", "=", PRODUCT_VASE)])
        self.assertEqual(binding.odoo_id.manufacturer_part_number, "GV-2231-B")

    def test_mpn_exported_when_edited_in_odoo(self):
        self.Product.import_record(self.backend, PRODUCT_VASE)
        binding = self.Product.search([("prestashop_id", "=", PRODUCT_VASE)])
        template = self.env["product.template"].browse(binding.odoo_id.id)
        with trap_jobs() as trap:
            # The catalog's listener queues an export for a change of any
            # field an export mapping is changed_by: our new field included.
            template.manufacturer_part_number = "GV-2231-C"
            trap.assert_jobs_count(1, only=binding.export_record)
            self.sandbox.clear_log()
            trap.perform_enqueued_jobs()
        sent = self.sent("PATCH", f"products/{PRODUCT_VASE}")
        self.assertEqual(len(sent), 1)
        body = sent[0].body
        self.assertIn("GV-2231-C", body.decode() if isinstance(body, bytes) else body)
        self.assertEqual(
            self.sandbox.store.get("products", PRODUCT_VASE)["mpn"], "GV-2231-C"
        )
        # a second export with nothing new sends nothing for the product
        self.sandbox.clear_log()
        binding.export_record()
        self.assertFalse(self.sent("PATCH", f"products/{PRODUCT_VASE}"))

    def test_mpn_export_mapping_alone(self):
        """A mapper can be tested without any HTTP: map_record() on a binding."""
        self.Product.import_record(self.backend, PRODUCT_VASE)
        binding = self.Product.search([("prestashop_id", "=", PRODUCT_VASE)])
        binding.manufacturer_part_number = "X" * 50
        with self.backend.work_on("prestashop.product.template") as work:
            mapper = work.component(usage="export.mapper")
            values = mapper.map_record(binding).values(
                fields=["manufacturer_part_number"]
            )
        self.assertEqual(values, {"mpn": "X" * 40})

    # -- 2. the extra import rule: payment modules not imported -------------------
    def test_orders_of_a_skipped_payment_module_are_not_imported(self):
        self.backend.skip_payment_modules = "amazon, Stripe_Official"
        result = self.Order.import_record(self.backend, ORDER_CARD)
        self.assertIn("stripe_official", result)
        self.assertIn("Payment Modules Not Imported", result)
        self.assertFalse(self.order_binding(ORDER_CARD))
        # the other payment modules are imported as usual
        self.Order.import_record(self.backend, ORDER_CHEQUE)
        self.assertEqual(self.order_binding(ORDER_CHEQUE).odoo_id.state, "sale")

    # -- 3. the custom order-state rule: B2B orders imported before payment --------
    def test_b2b_orders_imported_in_a_b2b_state(self):
        state = self.backend.order_state_ids.filtered(
            lambda s: s.prestashop_id == STATE_AWAITING_WIRE
        )
        self.assertFalse(state.import_order)  # not paid: not imported by default
        state.import_order_b2b = True
        # the B2B customer's order is still awaiting its bank wire
        self.sandbox.store.update(
            "orders", ORDER_B2B, {"current_state": STATE_AWAITING_WIRE}
        )
        # the scheduled import, through real queue jobs
        self.Order.import_batch(self.backend)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        b2b = self.order_binding(ORDER_B2B)
        self.assertEqual(b2b.ps_state_id, state)
        self.assertEqual(b2b.partner_id.company_name, "Atelier Vauban")
        self.assertEqual(b2b.odoo_id.state, "sale")
        # the B2C order in the same state waits for its payment, and its job
        # says why
        self.assertFalse(self.order_binding(ORDER_WIRE_B2C))
        b2c_job = jobs.filtered(lambda j: j.args[1:2] == [ORDER_WIRE_B2C])
        self.assertIn("not marked 'Import Orders'", b2c_job.result)

    def test_b2b_flag_unset_keeps_the_connector_rule(self):
        self.sandbox.store.update(
            "orders", ORDER_B2B, {"current_state": STATE_AWAITING_WIRE}
        )
        result = self.Order.import_record(self.backend, ORDER_B2B)
        self.assertIn("not marked 'Import Orders'", result)
        self.assertFalse(self.order_binding(ORDER_B2B))

    # -- 4. an action on a state change: the salesperson alerted -------------------
    def test_state_change_alerts_the_salesperson(self):
        self.Order.import_record(self.backend, ORDER_CHEQUE)
        binding = self.order_binding(ORDER_CHEQUE)
        order = binding.odoo_id
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.activity_ids)
        states = self.backend.order_state_ids
        backorder = states.filtered(lambda s: s.prestashop_id == STATE_BACKORDER_PAID)
        processing = states.filtered(lambda s: s.prestashop_id == STATE_PROCESSING)
        backorder.alert_salesperson = True
        # a state not flagged: the connector's step only (state recorded)
        self.sandbox.set_order_state(ORDER_CHEQUE, STATE_PROCESSING)
        self.Order.import_batch(self.backend)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        self.assertEqual(binding.ps_state_id, processing)
        self.assertFalse(order.activity_ids)
        # the flagged state: recorded, noted, and the salesperson alerted
        self.sandbox.set_order_state(ORDER_CHEQUE, STATE_BACKORDER_PAID)
        self.Order.import_batch(self.backend)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        self.assertEqual(binding.ps_state_id, backorder)
        self.assertEqual(order.state, "sale")
        self.assertIn(
            f"{processing.name} → {backorder.name}",
            "".join(order.message_ids.mapped("body")),
        )
        activity = order.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.summary, f"PrestaShop: {backorder.name}")
        self.assertEqual(activity.user_id, order.user_id or jobs[-1].user_id)
        self.assertIn(binding.ps_reference, str(activity.note))

    # -- 5. a combination field mapped onto a variant field -------------------------
    def test_combination_mpn_imported_on_its_variant(self):
        store = self.sandbox.store
        store.update("combinations", 9, {"mpn": "TS-9-MPN"})
        self.Product.import_record(self.backend, PRODUCT_TSHIRT)
        Combination = self.env["prestashop.product.combination"]

        def variant(comb_id):
            return Combination.search(
                [("backend_id", "=", self.backend.id), ("prestashop_id", "=", comb_id)]
            ).odoo_id

        self.assertEqual(variant(9).variant_manufacturer_part_number, "TS-9-MPN")
        self.assertFalse(variant(10).variant_manufacturer_part_number)
        # the product imported again (an order's, a re-run of the
        # migration): the changed MPN written on the existing variant
        store.update("combinations", 9, {"mpn": "TS-9-MPN-B"})
        store.update("combinations", 10, {"mpn": "TS-10-MPN"})
        self.Product.import_record(self.backend, PRODUCT_TSHIRT)
        self.assertEqual(variant(9).variant_manufacturer_part_number, "TS-9-MPN-B")
        self.assertEqual(variant(10).variant_manufacturer_part_number, "TS-10-MPN")
