# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PrestashopTestCase


@tagged("post_install", "-at_install")
class TestBackend(PrestashopTestCase):
    def test_check_connection_reads_version(self):
        self.backend.version = False
        self.backend.check_connection()
        self.assertEqual(self.backend.state, "ok")
        self.assertEqual(self.backend.version, self.sandbox_version)
        [req] = self.sent("GET", "")
        self.assertTrue(req.headers.get("Authorization", "").startswith("Basic "))
        self.assertNotIn("ws_key", req.query)

    def test_check_connection_wrong_key(self):
        self.backend.webservice_key = "WRONGKEY"
        with self.assertRaises(UserError) as cm:
            self.backend.check_connection()
        self.assertIn("key", str(cm.exception))
        action = self.backend.action_check_connection()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(self.backend.state, "error")
        self.assertIn("Webservice", self.backend.last_check_message)

    def test_check_connection_as_job(self):
        job = self.backend.with_delay().check_connection()
        record = self.run_job(job)
        self.assertEqual(record.state, "done")
        self.assertEqual(record.channel, "root.prestashop")
        self.assertEqual(self.backend.state, "ok")

    def test_version_profile(self):
        for version, name in [
            ("8.1.2", "prestashop.version.8"),
            ("9.0.0", "prestashop.version.9"),
            ("1.7.8.11", "prestashop.version.1"),
            (False, "prestashop.version.8"),
        ]:
            self.backend.version = version
            self.assertEqual(self.backend._version_component_name(), name)
            with self.backend.work_on("prestashop.res.lang") as work:
                adapter = work.component(usage="backend.adapter")
                self.assertEqual(adapter.version._name, name)
