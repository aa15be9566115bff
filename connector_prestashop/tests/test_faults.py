# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One test per failure class: the right job state and message, nothing
half-written (the failed try is rolled back)."""

from odoo.tests import tagged

from .common import PrestashopTestCase


@tagged("post_install", "-at_install")
class TestFaults(PrestashopTestCase):
    def _lang_batch(self):
        return self.env["prestashop.res.lang"].with_delay().import_batch(self.backend)

    def assertRetried(self, record):
        self.assertEqual(record.state, "pending", record.exc_info)
        self.assertEqual(record.retry, 1)
        self.assertTrue(record.eta)
        self.assertIn("retried", record.result)
        self.assertFalse(self.backend.lang_ids)

    def test_shop_down(self):
        self.sandbox.faults.down = True
        self.assertRetried(self.run_job(self._lang_batch()))
        self.sandbox.faults.down = False
        record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "done")
        self.assertTrue(self.backend.lang_ids)

    def test_timeout(self):
        # Odoo's test framework raises client timeouts below 10 s to 10 s
        self.backend.timeout = 10
        self.sandbox.faults.hang_next(1, seconds=12)
        record = self.run_job(self._lang_batch())
        self.assertRetried(record)
        self.assertIn("in time", record.result)

    def test_server_error(self):
        self.sandbox.faults.fail_next(1, status=503)
        self.assertRetried(self.run_job(self._lang_batch()))

    def test_dropped_connection(self):
        self.sandbox.faults.drop_next(1)
        self.assertRetried(self.run_job(self._lang_batch()))

    def test_malformed_xml(self):
        self.sandbox.faults.malformed_next(1)
        self.assertRetried(self.run_job(self._lang_batch()))

    def test_wrong_key(self):
        self.backend.webservice_key = "NOTTHEKEY"
        record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "failed")
        self.assertIn("key", record.exc_message)
        self.assertIn("Webservice", record.exc_message)
        self.assertFalse(self.backend.lang_ids)

    def test_missing_id(self):
        job = (
            self.env["prestashop.res.country"]
            .with_delay()
            .import_record(self.backend, 99999)
        )
        record = self.run_job(job)
        self.assertEqual(record.state, "failed")
        self.assertIn("countries/99999", record.exc_message)
        self.assertFalse(
            self.env["prestashop.res.country"].search(
                [("backend_id", "=", self.backend.id)]
            )
        )

    def test_failure_in_the_middle_writes_nothing(self):
        """Groups are read, then the rules request fails: no group is bound."""
        self.sandbox.clear_log()
        job = (
            self.env["prestashop.tax.rule.group"]
            .with_delay()
            .import_batch(self.backend)
        )
        self.sandbox.faults.fail_next(1, status=500, after=1)
        record = self.run_job(job)
        self.assertEqual(record.state, "pending")
        self.assertEqual([r.status for r in self.sandbox.requests][:2], [200, 500])
        self.assertFalse(self.backend.tax_rule_group_ids)
        self.assertEqual(self.run_job(job).state, "done")
        self.assertTrue(self.backend.tax_rule_group_ids)
