# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import inspect
import os
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import config

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

    def test_key_from_the_server_configuration(self):
        """The key can live in the server's configuration (option
        ``prestashop_key_<name>``, or environment variable
        ``PRESTASHOP_KEY_<NAME>``): the backend holds only its name, so the
        key never travels through RPC."""
        self.backend.write({"webservice_key": False, "webservice_key_name": "boutique"})
        with self.assertRaises(UserError):
            self.backend.check_connection()
        self.assertFalse(self.backend.webservice_key_from_server)
        with patch.dict(config.options, {"prestashop_key_boutique": TEST_KEY}):
            self.backend.invalidate_recordset(["webservice_key_from_server"])
            self.assertTrue(self.backend.webservice_key_from_server)
            self.sandbox.clear_log()
            self.assertTrue(self.backend.check_connection())
            self.assertEqual(self.sandbox.requests[-1].status, 200)
        with patch.dict(os.environ, {"PRESTASHOP_KEY_BOUTIQUE": TEST_KEY}):
            self.assertTrue(self.backend.check_connection())
        # a wrong key in the configuration is refused like a typed one
        with patch.dict(config.options, {"prestashop_key_boutique": "X" * 32}):
            with self.assertRaises(UserError):
                self.backend.check_connection()
        with self.assertRaises(ValidationError):
            self.backend.webservice_key_name = "my shop"

    # -- who may start what ----------------------------------------------------------
    def _public_backend_methods(self):
        """``{name: method}`` of the public methods the connector's addons
        define on the backend: any internal user may call them by RPC."""
        cls = type(self.env["prestashop.backend"])
        methods = {}
        for name in dir(cls):
            attr = getattr(cls, name, None)
            if name.startswith("_") or not callable(attr) or isinstance(attr, type):
                continue
            if "connector_prestashop" in (getattr(attr, "__module__", "") or ""):
                methods[name] = attr
        return methods

    def test_every_public_backend_method_refuses_other_users(self):
        """An internal user without connector rights starts nothing: every
        public method of the backend raises AccessError (by RPC it would
        start imports that run as superuser), and no job is queued."""
        methods = self._public_backend_methods()
        self.assertGreater(len(methods), 25)
        backend = self.backend.with_user(self.user)
        jobs_before = self.env["queue.job"].search_count([])
        self.sandbox.clear_log()
        for name, method in sorted(methods.items()):
            if name == "work_on":
                # a context manager: calling it runs nothing (and its answer
                # cannot travel over RPC)
                continue
            args = [
                1
                for param in list(inspect.signature(method).parameters.values())[1:]
                if param.default is param.empty
                and param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD)
            ]
            if name == "create":
                args = [[{"name": "X", "location": "http://127.0.0.1:1"}]]
            with self.subTest(method=name):
                with self.assertRaises(AccessError):
                    getattr(backend, name)(*args)
        self.assertEqual(self.env["queue.job"].search_count([]), jobs_before)
        self.assertFalse(self.sandbox.requests)
        # the backend itself stays readable (its form, its dashboard)
        readable = [
            name
            for name, field in backend._fields.items()
            if not field.groups and field.type not in ("one2many", "many2many")
        ]
        backend.read(readable)
        self.assertEqual(backend.order_import_interval, 5)

    def test_connector_user_starts_syncs(self):
        """A connector user (not a manager: the key stays unreadable) starts
        imports; the manager's group implies it."""
        group = "connector_prestashop.group_prestashop_user"
        self.connector_group = self.env.ref(group)
        user = self.env["res.users"].create(
            {
                "name": "Connector user",
                "login": "ps_connector_user",
                "groups_id": [
                    (
                        6,
                        0,
                        [self.env.ref("connector_prestashop.group_prestashop_user").id],
                    )
                ],
            }
        )
        backend = self.backend.with_user(user)
        backend.action_import_customers()
        job = self.env["queue.job"].search([], order="id desc", limit=1)
        self.assertEqual(job.method_name, "import_batch")
        self.assertEqual(job.user_id, user)
        self.assertEqual(self.run_job(job).state, "done", job.exc_info)
        with self.assertRaises(AccessError):
            backend.read(["webservice_key"])
        self.assertTrue(
            self.manager.has_group("connector_prestashop.group_prestashop_user")
        )

    def test_job_queued_by_another_user_still_runs(self):
        """A job on a backend method queued on behalf of a user without
        connector rights (a deleted product's deactivation, a stock push)
        runs as that user: the guard lets the job runner through, not a
        direct call."""
        job = self.backend.with_user(self.user).with_delay().probe_orders()
        with self.assertRaises(AccessError):
            self.backend.with_user(self.user).probe_orders()
        record = self.run_job(job)
        self.assertEqual(record.state, "done", record.exc_info)
