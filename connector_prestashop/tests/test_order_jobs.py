# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order jobs as they run in production: queued by a connector user who is
not an administrator, with sale_exception's check on a second connection,
without writing the backend, one live failure per order, and a batch result
that says why orders were skipped."""

import sys
from contextlib import contextmanager
from unittest.mock import patch

from odoo import sql_db
from odoo.tests import new_test_user, tagged

from .test_orders import OrderCase


@contextmanager
def exception_check_on_a_second_connection(env):
    """base_exception / sale_exception open a second cursor to write the
    exceptions; in test mode it is the test cursor, which sees everything.
    Give them a real second connection, as in production, which cannot see
    the test transaction's uncommitted records (lock_timeout: a wait on a row
    of the test transaction fails instead of hanging)."""
    registry_class = type(env.registry)
    original = registry_class.cursor

    def cursor(registry, *args, **kwargs):
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith(
            ("odoo.addons.base_exception.", "odoo.addons.sale_exception.")
        ):
            cr = sql_db.db_connect(registry.db_name).cursor()
            cr.execute("SET lock_timeout = '5s'")
            return cr
        return original(registry, *args, **kwargs)

    with patch.object(registry_class, "cursor", cursor):
        yield


@tagged("post_install", "-at_install")
class TestOrderJobs(OrderCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the connector's own group, nothing else: no sales, stock,
        # accounting nor settings rights
        cls.connector_user = new_test_user(
            cls.env,
            login="ps_connector_user",
            groups="base.group_user,connector.group_connector_manager",
        )

    def _run_jobs_as_in_production(self):
        """Run the pending jobs with base_exception's production path
        (``test_base_exception``) and its second connection."""
        env = self.env
        self.env = env(context=dict(env.context, test_base_exception=True))
        try:
            with exception_check_on_a_second_connection(self.env):
                return self.run_pending_jobs()
        finally:
            self.env = env

    def _order_jobs(self):
        return self.env["queue.job"].search(
            [
                ("model_name", "=", "prestashop.sale.order"),
                ("method_name", "=", "import_record"),
            ]
        )

    @contextmanager
    def _count_backend_updates(self):
        """Count the SQL UPDATEs of prestashop_backend rows (a trigger, so
        that no write path escapes); rolled back with the test."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            CREATE TEMP TABLE ps_backend_updates (id integer);
            CREATE FUNCTION pg_temp.ps_count_backend_update() RETURNS trigger
                LANGUAGE plpgsql AS
                $$ BEGIN INSERT INTO ps_backend_updates VALUES (NEW.id);
                   RETURN NEW; END $$;
            CREATE TRIGGER ps_count_backend_update AFTER UPDATE
                ON prestashop_backend FOR EACH ROW
                EXECUTE FUNCTION pg_temp.ps_count_backend_update();
            """
        )
        counter = {}
        yield counter
        self.env.flush_all()
        self.env.cr.execute("SELECT count(*) FROM ps_backend_updates")
        counter["updates"] = self.env.cr.fetchone()[0]

    def test_import_orders_pressed_by_connector_user(self):
        """Issue 12.1 and 12.8: "Import orders" pressed by a connector user
        who is no administrator; the order jobs run as that user, the order
        confirmed (exception check in production mode), and no order job
        writes the backend."""
        user = self.connector_user
        self.assertFalse(user._is_admin())
        self.assertFalse(user.has_group("sales_team.group_sale_salesman"))
        self.backend.with_user(user).action_import_sale_orders()
        batch = self.env["queue.job"].search(
            [
                ("model_name", "=", "prestashop.sale.order"),
                ("method_name", "=", "import_batch"),
            ]
        )
        self.assertEqual(batch.user_id, user)
        self.run_job(batch)
        self.assertEqual(batch.state, "done", batch.exc_info)
        jobs = self._order_jobs()
        self.assertTrue(jobs)
        with self._count_backend_updates() as counter:
            self._run_jobs_as_in_production()
        failed = self.env["queue.job"].search([("state", "=", "failed")])
        self.assertFalse(failed, failed.mapped("exc_info"))
        orders = self.SO.search([("backend_id", "=", self.backend.id)])
        self.assertEqual(set(orders.mapped("prestashop_id")), self._importable())
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        # with discount (10) and gift wrapping (5) lines, on service products
        # the backend had before any order job ran
        self.assertIn(self.backend.discount_product_id, orders.order_line.product_id)
        self.assertIn(
            self.backend.gift_wrapping_product_id, orders.order_line.product_id
        )
        self.assertEqual(counter["updates"], 0, "an order job wrote the backend")

    def test_exception_rule_matching_holds_order_queued_by_user(self):
        """Issue 12.1: a rule that matches is written in the job's own
        transaction (base_exception wrote it through a second connection,
        on order lines that connection cannot see): the order is held."""
        rule = self.env["exception.rule"].create(
            {
                "name": "Two of the same",
                "description": "Check the stock before confirming.",
                "model": "sale.order.line",
                "exception_type": "by_domain",
                "domain": "[('product_uom_qty', '>=', 2)]",
            }
        )
        self.env["prestashop.import.order.wizard"].with_user(
            self.connector_user
        ).create({"backend_id": self.backend.id, "order_ref": "1"}).action_import()
        jobs = self._run_jobs_as_in_production()
        self.assertEqual(jobs.mapped("state"), ["done"], jobs.mapped("exc_info"))
        order = self.binding(1).odoo_id
        self.assertEqual(order.state, "draft")
        self.assertIn(rule, order.exception_ids)
        self.assertIn(rule, order.order_line.exception_ids)
        self.assertFalse(order.picking_ids)

    def test_batch_result_says_why_orders_were_skipped(self):
        """Issue 12.10: not "0 orders queued" but why."""
        unpaid = self.backend.order_state_ids.filtered(
            lambda s: s.prestashop_id == int(self.ps_order(6)["current_state"])
        )
        self.assertFalse(unpaid.import_order)
        skipped = sum(
            1
            for o in self.sandbox.store.search("orders")
            if int(o["current_state"]) == unpaid.prestashop_id
        )
        result = self.SO.import_batch(self.backend)
        self.assertIn(
            f"{skipped} skipped: state '{unpaid.name}' is not imported", result
        )
        self.run_pending_jobs()
        self.backend.import_orders_since = False
        result = self.SO.import_batch(self.backend)
        self.assertIn("0 orders queued", result)
        self.assertIn(
            f"{len(self._importable())} already imported, state unchanged", result
        )

    def test_one_live_failure_per_order(self):
        """Issue 12.7: a failing order is not queued again by every batch,
        and a later success closes its earlier failure."""
        self.sandbox.store.delete("products", 5)  # in order 1: it fails
        self.SO.import_batch(self.backend)
        self.run_pending_jobs()
        failed = self._order_jobs().filtered(lambda j: j.state == "failed")
        self.assertTrue(failed)
        self.assertEqual(self.backend.dash_orders_failed, len(failed))
        # the next runs read the same orders again (cursor reset to be sure)
        for _run in range(3):
            self.backend.import_orders_since = False
            result = self.SO.import_batch(self.backend)
            self.assertIn(f"{len(failed)} not queued again", result)
            self.run_pending_jobs()
        self.assertEqual(
            self._order_jobs().filtered(lambda j: j.state == "failed"), failed
        )
        # the cause fixed, order 1 imported by a later job (the support's
        # "Import one order"): its earlier failure is closed, with a note
        self.sandbox.reset()
        job_one = failed.filtered(lambda j: j.args[1] == 1)
        self.assertEqual(len(job_one), 1)
        wizard = self.env["prestashop.import.order.wizard"].create(
            {"backend_id": self.backend.id, "order_ref": "1"}
        )
        wizard.action_import()
        self.run_pending_jobs()
        self.assertEqual(self.binding(1).state, "sale")
        later = self._order_jobs().filtered(
            lambda j: j.args[1] == 1 and j.state == "done"
        )
        self.assertEqual(len(later), 1)
        self.assertEqual(job_one.state, "cancelled")
        self.assertIn(f"Superseded by job {later.uuid}", job_one.result)
        # the other failures stay until requeued; requeued, they pass
        (failed - job_one).requeue()
        self.run_pending_jobs()
        self.assertFalse(
            self.env["queue.job"].search(
                [
                    ("prestashop_backend_id", "=", self.backend.id),
                    ("state", "=", "failed"),
                ]
            )
        )
        self.backend.invalidate_recordset()
        self.assertEqual(self.backend.dash_orders_failed, 0)
