# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Operations: dashboard figures, failures a user can fix (fix, requeue,
success), the order change probe and the structured log line."""

from odoo.tests import tagged

from .common import TEST_KEY, LogCapture
from .test_orders import OrderCase


class OpsCase(OrderCase):
    def order_job(self, order_id=1):
        return self.SO.with_delay().import_record(self.backend, order_id)

    def assertFailedThenFixed(
        self, job_record, fix, message_parts, action_model, action_res_id=None
    ):
        """The job failed with a message naming the fix, its related action
        opens ``action_model``; after ``fix()`` and a requeue it is done."""
        self.assertEqual(job_record.state, "failed", job_record.result)
        for part in message_parts:
            self.assertIn(part, job_record.exc_message)
        self.assertNotIn("PRESTASHOP-FIX", job_record.exc_message)
        action = job_record.open_related_action()
        self.assertEqual(action["res_model"], action_model, action)
        if action_res_id is not None:
            self.assertEqual(action.get("res_id"), action_res_id, action)
        fix()
        job_record.requeue()
        self.assertEqual(job_record.state, "pending")
        done = self.run_job(job_record)
        self.assertEqual(done.state, "done", done.exc_info)
        return done, action


@tagged("post_install", "-at_install")
class TestDashboard(OpsCase):
    def test_jobs_carry_their_backend(self):
        jobs = self.backend.synchronize_metadata()
        self.assertTrue(jobs)
        self.backend.import_sale_orders()
        queued = self.env["queue.job"].search([])
        self.assertEqual(queued.prestashop_backend_id, self.backend)

    def test_figures_open_jobs_and_requeue(self):
        carrier = self.backend.carrier_ids.filtered(
            lambda c: c.prestashop_id == int(self.ps_order(1)["id_carrier"])
        )
        odoo_carrier = carrier.odoo_id
        carrier.odoo_id = False  # order 1 will fail
        self.backend.import_sale_orders()
        jobs = self.run_pending_jobs()
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertEqual(len(failed), 1, jobs.mapped("exc_message"))
        self.backend.invalidate_recordset()
        figures = self.backend._prestashop_dashboard_figures()["orders"]
        done = jobs.filtered(lambda j: j.state == "done")
        self.assertEqual(figures["failed"], 1)
        self.assertEqual(figures["pending"], 0)
        self.assertEqual(figures["done"], len(done))
        self.assertTrue(figures["last_run"])
        imported = self.SO.search([("backend_id", "=", self.backend.id)])
        # orders and their customers are counted by their flow
        self.assertEqual(figures["records"], len(imported))
        self.assertGreaterEqual(
            self.backend._prestashop_dashboard_figures()["customers"]["records"], 1
        )
        self.assertEqual(self.backend.dash_failed_total, 1)
        self.assertEqual(
            self.backend._prestashop_dashboard_figures()["stock"]["failed"], 0
        )
        # one click to the failed jobs of the flow
        action = self.backend.with_context(
            prestashop_flow="orders", prestashop_job_state="failed"
        ).action_open_jobs()
        self.assertEqual(self.env["queue.job"].search(action["domain"]), failed)
        action = self.backend.action_open_jobs("customers", "failed")
        self.assertFalse(self.env["queue.job"].search(action["domain"]))
        # fix, requeue every failed job of the backend, success
        carrier.odoo_id = odoo_carrier
        self.backend.action_requeue_failed()
        self.assertEqual(failed.state, "pending")
        self.run_pending_jobs()
        self.assertEqual(failed.state, "done")
        self.assertTrue(self.binding(1).odoo_id)
        self.backend.invalidate_recordset()
        self.assertEqual(self.backend.dash_orders_failed, 0)

    def test_support_actions(self):
        action = self.backend.action_open_import_order_wizard()
        self.assertEqual(action["res_model"], "prestashop.import.order.wizard")
        action = self.backend.action_open_export_product_wizard()
        self.assertEqual(action["res_model"], "prestashop.export.product.wizard")
        self.backend.action_requeue_failed()  # nothing failed: no error


@tagged("post_install", "-at_install")
class TestFixableFailures(OpsCase):
    """Every failure a user can fix: message, related action, fix, requeue."""

    def test_unmapped_tax(self):
        tax20 = self.backend.tax_ids.filtered(
            lambda t: t.odoo_id and t.odoo_id.amount == 20.0
        )
        odoo_taxes = {b: b.odoo_id for b in tax20}
        tax20.odoo_id = False
        record = self.run_job(self.order_job())
        done, action = self.assertFailedThenFixed(
            record,
            lambda: [b.write({"odoo_id": t.id}) for b, t in odoo_taxes.items()],
            ["not mapped", "Taxes tab", "requeue"],
            "prestashop.account.tax",
        )
        self.assertIn(action.get("res_id"), tax20.ids)
        self.assertEqual(self.binding(1).state, "sale")

    def test_unmapped_carrier(self):
        carrier = self.backend.carrier_ids.filtered(
            lambda c: c.prestashop_id == int(self.ps_order(1)["id_carrier"])
        )
        odoo_carrier = carrier.odoo_id
        carrier.odoo_id = False
        record = self.run_job(self.order_job())
        self.assertFailedThenFixed(
            record,
            lambda: carrier.write({"odoo_id": odoo_carrier.id}),
            ["carrier", "Carriers tab"],
            "prestashop.delivery.carrier",
            carrier.id,
        )
        self.assertEqual(self.binding(1).carrier_id, odoo_carrier)

    def test_unknown_order_state(self):
        state_id = int(self.ps_order(1)["current_state"])
        self.backend.order_state_ids.filtered(
            lambda s: s.prestashop_id == state_id
        ).unlink()

        def fix():
            self.env["prestashop.sale.order.state"].import_batch(self.backend)
            self.backend.order_state_ids.filtered(
                lambda s: s.prestashop_id == state_id
            ).import_order = True

        record = self.run_job(self.order_job())
        self.assertFailedThenFixed(
            record, fix, ["Synchronize metadata"], "prestashop.backend", self.backend.id
        )
        self.assertTrue(self.binding(1))

    def test_payment_method_without_workflow(self):
        module = self.ps_order(1)["module"]
        self.backend.workflow_process_id = False
        method = self.env["prestashop.payment.method"]._get_or_create(
            self.backend, module
        )
        method.workflow_process_id = False
        record = self.run_job(self.order_job())
        self.assertFalse(self.binding(1))
        self.assertFailedThenFixed(
            record,
            lambda: method.write({"workflow_process_id": self.workflow.id}),
            ["payment method", "Payment methods tab"],
            "prestashop.payment.method",
            method.id,
        )
        self.assertEqual(self.binding(1).state, "sale")

    def test_unknown_product(self):
        self.sandbox.store.delete("products", 5)
        record = self.run_job(self.order_job())
        self.assertFalse(self.binding(1))
        detail = next(
            d
            for d in self.sandbox.store.search("order_details")
            if int(d["id_order"]) == 1 and int(d["product_id"]) == 5
        )

        def fix():
            self.env["product.product"].create(
                {
                    "name": detail["product_name"],
                    "type": "consu",
                    "default_code": detail["product_reference"],
                }
            )

        done, action = self.assertFailedThenFixed(
            record, fix, ["ML-BOUG-005", "Create it in Odoo"], "product.product"
        )
        # nothing to open yet: a new product, with the reference filled in
        self.assertFalse(action.get("res_id"))
        self.assertEqual(action["context"]["default_default_code"], "ML-BOUG-005")
        self.assertIn(
            "ML-BOUG-005", self.binding(1).order_line.product_id.mapped("default_code")
        )

    def test_total_mismatch(self):
        """A wrong tax mapping: the order is held (not confirmed) with the
        totals exception; once the mapping is right, requeuing the import
        rebuilds the lines and releases the order."""
        tax20 = self.backend.tax_ids.filtered(
            lambda t: t.odoo_id and t.odoo_id.amount == 20.0
        )
        # order 1's customer sees prices tax included: its lines take the
        # tax-included mapping
        right = tax20.odoo_price_include_id[:1]
        self.assertTrue(right)
        tax20.odoo_price_include_id = self.taxes.filtered(
            lambda t: t.amount == 10.0 and t.price_include
        )
        record = self.run_job(self.order_job())
        self.assertEqual(record.state, "done")
        order = self.binding(1).odoo_id
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.prestashop_total_mismatch)
        action = record.open_related_action()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("sale.order", order.id)
        )
        lines = len(order.order_line)
        tax20.odoo_price_include_id = right
        record.requeue()
        self.assertEqual(self.run_job(record).state, "done")
        self.assertFalse(
            order.prestashop_total_mismatch, order.prestashop_total_message
        )
        self.assertFalse(order.exception_ids)
        self.assertEqual(order.state, "sale")
        self.assertEqual(len(order.order_line), lines)
        self.assert_totals(order, self.ps_order(1))

    def test_wrong_key(self):
        self.backend.webservice_key = "NOTTHEKEY"
        record = self.run_job(self.order_job())
        self.assertNotIn("NOTTHEKEY", record.exc_info)
        self.assertNotIn("NOTTHEKEY", record.exc_message)
        self.assertFailedThenFixed(
            record,
            lambda: self.backend.write({"webservice_key": TEST_KEY}),
            ["webservice key", "Webservice", "requeue"],
            "prestashop.backend",
            self.backend.id,
        )
        self.assertTrue(self.binding(1))

    def test_shop_unreachable(self):
        self.sandbox.faults.down = True
        job = self.order_job()
        record = job.db_record()
        record.max_retries = 1  # the last try, as after hours of retries
        record = self.run_job(job)

        def fix():
            self.sandbox.faults.down = False

        self.assertFailedThenFixed(
            record,
            fix,
            ["could not be used", "Shop URL"],
            "prestashop.backend",
            self.backend.id,
        )
        self.assertTrue(self.binding(1))

    def test_shop_down_is_retried_first(self):
        self.sandbox.faults.down = True
        record = self.run_job(self.order_job())
        self.assertEqual(record.state, "pending")
        self.assertTrue(record.eta)


@tagged("post_install", "-at_install")
class TestOrderProbe(OpsCase):
    def _probe(self):
        self.sandbox.clear_log()
        result = self.backend.probe_orders()
        probes = [r for r in self.sandbox.requests if r.path == "orders"]
        self.assertEqual(
            len(self.sandbox.requests), 1, [r.path for r in self.sandbox.requests]
        )
        self.assertEqual(probes[0].query.get("display"), "[id,current_state,date_upd]")
        return result

    def test_probe_queues_import_only_when_something_changed(self):
        self.env["prestashop.product.template"].import_batch(self.backend)
        self.run_pending_jobs()
        self._probe()
        batch = self.env["queue.job"].search(
            [
                ("model_name", "=", "prestashop.sale.order"),
                ("method_name", "=", "import_batch"),
            ]
        )
        self.assertEqual(len(batch), 1)
        self.assertEqual(batch.channel, "root.prestashop.orders")
        self.run_pending_jobs()
        count = self.SO.search_count([])
        self.assertTrue(count)
        # nothing changed: one request, nothing queued
        result = self._probe()
        self.assertIn("nothing new", result)
        self.assertFalse(
            self.env["queue.job"].search_count([("state", "=", "pending")])
        )
        # an unpaid order gets paid: the probe sees it, the batch imports it
        self.sandbox.set_order_state(6, 2)
        result = self._probe()
        self.assertIn("6", result)
        self.run_pending_jobs()
        self.assertEqual(self.SO.search_count([]), count + 1)
        self.assertEqual(self.binding(6).state, "sale")

    def test_cron_queues_one_probe_per_backend(self):
        self.backend.state = "ok"
        self.env["prestashop.backend"]._scheduler_probe_orders()
        self.env["prestashop.backend"]._scheduler_probe_orders()
        probes = self.env["queue.job"].search([("method_name", "=", "probe_orders")])
        self.assertEqual(len(probes), 1)  # identity key
        self.assertEqual(probes.channel, "root.prestashop.orders")
        self.assertEqual(probes.prestashop_backend_id, self.backend)


@tagged("post_install", "-at_install")
class TestSyncLog(OpsCase):
    def test_one_structured_line_per_record_never_the_key(self):
        with LogCapture() as logs:
            self.run_job(self.order_job())
        order = self.binding(1).odoo_id
        lines = [line for line in logs.lines if line.startswith("prestashop sync ")]
        order_lines = [line for line in lines if "flow=orders" in line]
        self.assertEqual(len(order_lines), 1, lines)
        line = order_lines[0]
        for part in (
            "direction=import",
            f"backend={self.backend.id}",
            "model=prestashop.sale.order",
            "prestashop_id=1",
            f"odoo=sale.order({order.id})",
            "duration_ms=",
            "requests=",
        ):
            self.assertIn(part, line)
        self.assertTrue(any("flow=customers" in line for line in lines))
        self.assertFalse([line for line in logs.lines if TEST_KEY in line])
