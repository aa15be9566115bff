# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One test per failure class: the right job state and message, nothing
half-written (the failed try is rolled back)."""

from odoo import fields
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
        self.assertIn("tries again by itself", record.result)
        self.assertFalse(self.backend.lang_ids)

    def test_shop_down(self):
        self.sandbox.faults.down = True
        self.assertRetried(self.run_job(self._lang_batch()))
        self.sandbox.faults.down = False
        record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "done")
        self.assertTrue(self.backend.lang_ids)

    def test_outage_waits_as_the_retry_pattern_says(self):
        """A shop down for more than two hours: the job waits as its job
        function's retry pattern says (10 s, then 60 s, 5 min, 30 min), stays
        pending through the outage and completes on its own when the shop is
        back."""
        self.sandbox.faults.down = True
        record = self._lang_batch().db_record()
        self.assertEqual(record.max_retries, 60)
        waits = []
        for _try in range(18):
            before = fields.Datetime.now()
            record = self.run_job(record)
            self.assertEqual(record.state, "pending", record.exc_info)
            waits.append((record.eta - before).total_seconds())
        expected = [10] * 4 + [60] * 5 + [300] * 5 + [1800] * 4
        for wait, planned in zip(waits, expected, strict=True):
            self.assertAlmostEqual(wait, planned, delta=2)
        self.assertGreater(sum(expected), 2 * 3600)
        self.assertNotIn("requeue", record.result)
        self.sandbox.faults.down = False
        record = self.run_job(record)
        self.assertEqual(record.state, "done", record.exc_info)
        self.assertTrue(self.backend.lang_ids)

    def test_outage_last_try_says_what_to_check(self):
        """At its last try (about a day of waiting) the job fails with what
        to check, and its message promises no retry."""
        self.sandbox.faults.down = True
        record = self._lang_batch().db_record()
        record.retry = record.max_retries - 1
        record = self.run_job(record)
        self.assertEqual(record.state, "failed")
        self.assertIn("about a day", record.exc_message)
        self.assertIn("Shop URL", record.exc_message)
        self.assertNotIn("tries again", record.exc_message)
        self.assertNotIn("retried", record.exc_message)
        self.assertFalse(self.backend.lang_ids)

    def test_job_keeps_explicit_max_retries(self):
        """Only queue_job's default is raised: a job queued with its own
        number of tries keeps it."""
        job = (
            self.env["prestashop.res.lang"]
            .with_delay(max_retries=3)
            .import_batch(self.backend)
        )
        self.assertEqual(job.db_record().max_retries, 3)

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

    # -- answers that are not what they seem ---------------------------------------
    def test_permission_missing_on_one_resource(self):
        """A 401 on one resource says which permission to tick, not "wrong
        key", and is not retried."""
        self.sandbox.deny("languages")
        record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "failed")
        self.assertIn("no GET permission on languages", record.exc_message)
        self.assertIn(
            "Advanced Parameters > Webservice > the key > tick GET on the line "
            "languages",
            record.exc_message,
        )
        self.assertNotIn("refused the webservice key", record.exc_message)
        self.assertEqual(self.sandbox.requests[-1].status, 401)
        self.assertFalse(self.backend.lang_ids)
        action = record.open_related_action()
        self.assertEqual(
            (action["res_model"], action.get("res_id")),
            ("prestashop.backend", self.backend.id),
        )

    def test_php_notice_read_anyway(self):
        self.sandbox.faults.notice_next(1)
        with self.assertLogs(
            "odoo.addons.connector_prestashop.components.webservice", "WARNING"
        ) as logs:
            record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "done", record.exc_info)
        self.assertTrue(self.backend.lang_ids)
        self.assertIn("Notice", logs.output[0])

    def test_php_notice_without_answer_is_not_retried(self):
        self.sandbox.faults.notice_next(1, cut=True)
        record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "failed")
        self.assertIn("prints PHP notices", record.exc_message)
        self.assertIn("display_errors", record.exc_message)
        self.assertIn("Undefined index: id_shop", record.exc_message)
        self.assertFalse(self.backend.lang_ids)

    def test_wrong_shop_url(self):
        """The button says what is wrong with the URL and promises nothing;
        a job fails (waiting does not fix a URL)."""
        self.backend.location = self.sandbox.url + "/boutique"
        self.backend.action_check_connection()
        self.assertEqual(self.backend.state, "error")
        message = self.backend.last_check_message
        self.assertIn(self.sandbox.url + "/boutique/api/", message)
        self.assertIn("Shop URL", message)
        self.assertNotIn("retried", message)
        record = self.run_job(self._lang_batch())
        self.assertEqual(record.state, "failed")
        self.assertIn("Shop URL", record.exc_message)
        self.backend.location = "http://127.0.0.1:9"
        self.backend.action_check_connection()
        message = self.backend.last_check_message
        self.assertIn("GET http://127.0.0.1:9/api/ ", message)
        self.assertNotIn("GET ;", message)
        self.assertNotIn("retried", message)
