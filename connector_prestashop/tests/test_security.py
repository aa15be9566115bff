# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TEST_KEY, LogCapture, PrestashopTestCase


@tagged("post_install", "-at_install")
class TestSecurity(PrestashopTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.env["res.users"].create(
            {
                "name": "Sales person",
                "login": "ps_sales",
                "groups_id": [
                    (6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])
                ],
            }
        )
        cls.manager = cls.env["res.users"].create(
            {
                "name": "Connector manager",
                "login": "ps_manager",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("connector.group_connector_manager").id,
                        ],
                    )
                ],
            }
        )

    def test_key_readable_only_by_connector_managers(self):
        backend = self.backend.with_user(self.user)
        self.assertEqual(backend.name, "Sandbox shop")
        with self.assertRaises(AccessError):
            backend.read(["webservice_key"])
        with self.assertRaises(AccessError):
            backend.write({"location": "http://127.0.0.1:1"})
        with self.assertRaises(AccessError):
            backend.write({"webservice_key": "X"})
        manager_backend = self.backend.with_user(self.manager)
        self.assertEqual(manager_backend.webservice_key, TEST_KEY)

    def test_salesperson_job_still_runs(self):
        """Jobs of users who cannot read the key still authenticate."""
        job = (
            self.env["prestashop.res.lang"]
            .with_user(self.user)
            .with_delay()
            .import_batch(self.backend.with_user(self.user))
        )
        self.assertEqual(self.run_job(job).state, "done")

    def test_key_never_logged_nor_in_jobs(self):
        self.create_fr_taxes()
        with LogCapture() as logs:
            self.backend.check_connection()
            self.backend.synchronize_metadata()
            jobs = self.run_pending_jobs()
        self.backend.webservice_key = "WRONG" + TEST_KEY[5:]
        self.env.flush_all()
        with LogCapture() as more_logs:
            failed = self.run_job(
                self.env["prestashop.res.lang"].with_delay().import_batch(self.backend)
            )
        logs.lines += more_logs.lines
        self.assertTrue(jobs)
        self.assertEqual(failed.state, "failed")
        self.assertTrue(logs.lines)
        for line in logs.lines:
            self.assertNotIn(TEST_KEY[8:], line)
        for job in jobs | failed:
            for field in (
                "args",
                "kwargs",
                "records",
                "exc_info",
                "exc_message",
                "result",
                "name",
                "func_string",
            ):
                self.assertNotIn(TEST_KEY[8:], str(job[field] or ""), field)
        # the Authorization header is what carries it, never the URL
        for req in self.sandbox.requests:
            self.assertNotIn("ws_key", req.query)
