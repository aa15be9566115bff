# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The request budget of a shop (issue: reliability, point 9): never more
than ``request_budget`` requests in any 60 seconds, for every client of the
backend together; a job waits for it (a short wait asleep, a longer one
postponed without spending a try) and completes.

The waits are not slept: the budget's sleep is replaced by a clock that moves
the recorded request times back by the time "slept", which is what the real
clock does to them; :meth:`pass_time` does the same between two steps."""

import math
import threading
import time
from unittest.mock import patch

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.queue_job.exception import RetryableJobError

from ..components.backend_adapter import fixable_error
from ..components.exception import PrestashopFixableError
from ..components.webservice import PrestaShopBudgetWait
from ..models.prestashop_backend.budget import (
    BUDGET_MAX_SLEEP,
    DEFAULT_REQUEST_BUDGET,
    RequestBudget,
)
from .common import PrestashopTestCase


@tagged("post_install", "-at_install")
class TestRequestBudget(PrestashopTestCase):
    def setUp(self):
        super().setUp()
        self.slept = []
        #: seconds the fake clock moved: a request's time is its real time
        #: plus this offset at the moment it is counted
        self.offset = 0.0
        self.sent_at = []
        test = self

        def fake_sleep(budget, seconds):
            test.slept.append(seconds)
            test.pass_time(seconds, budget.backend_id)

        real_try_take = RequestBudget._try_take

        def try_take(budget, count):
            asked = time.time() + test.offset
            wait = real_try_take(budget, count)
            if wait <= 0:
                test.sent_at += [asked] * count
            return wait

        self.startPatcher(patch.object(RequestBudget, "_sleep", fake_sleep))
        self.startPatcher(patch.object(RequestBudget, "_try_take", try_take))
        self.addCleanup(self._forget_budgets)

    def pass_time(self, seconds, backend_id=None):
        """Move the fake clock: the budget's counts are ``seconds`` older.
        The budget lives outside the test's transaction, as in production:
        it is moved where it is."""
        whole = math.ceil(seconds)
        self.offset += whole
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE prestashop_request_budget SET seconds = "
                "array(SELECT s - %s FROM unnest(seconds) s) WHERE backend_id = %s",
                (whole, backend_id or self.backend.id),
            )

    def _forget_budgets(self):
        """The budget's rows are committed (their own transactions): remove
        those of this test's backends."""
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM prestashop_request_budget WHERE backend_id >= %s",
                (self.backend.id,),
            )

    def assertWithinBudget(self, allowed):
        """No 60-second window of the fake clock holds more than ``allowed``
        requests (give or take the few ms between asking and counting)."""
        times = sorted(self.sent_at)
        for i, start in enumerate(times):
            in_window = [t for t in times[i:] if t < start + 59.9]
            self.assertLessEqual(len(in_window), allowed, times)

    def test_default_is_what_a_shared_host_accepts(self):
        backend = self.env["prestashop.backend"].create(
            {"name": "Shared host", "location": self.sandbox.url}
        )
        self.assertEqual(backend.request_budget, DEFAULT_REQUEST_BUDGET)
        self.assertLess(DEFAULT_REQUEST_BUDGET, 100)

    def test_a_budget_a_job_can_go_through(self):
        for wrong in (1, 9, -5):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.backend.request_budget = wrong
        self.backend.request_budget = 0
        self.backend.request_budget = 10

    def test_short_wait_slept_long_wait_postponed(self):
        """Budget 10: ten requests go; a short wait is slept once requests
        were sent (the oldest leaves the minute in a few seconds); a wait
        longer than may be slept sends nothing (a job is postponed, a user
        told to try again)."""
        self.backend.request_budget = 10
        with self.backend.work_on("prestashop.res.lang") as work:
            adapter = work.component(usage="backend.adapter")
            for _i in range(10):
                adapter.search()
            self.assertFalse(self.slept)
            self.pass_time(50)  # the ten are 50 s old: room in about 11 s
            adapter.search()
            self.assertEqual(len(self.slept), 1)
            self.assertLessEqual(self.slept[0], BUDGET_MAX_SLEEP)
            for _i in range(9):  # the minute full again
                adapter.search()
            # the first ten may straddle two seconds of the clock: the rest
            # of them leave a second later (a second short sleep)
            self.assertLessEqual(len(self.slept), 2)
            self.assertLessEqual(sum(self.slept), BUDGET_MAX_SLEEP)
            # the next waits a whole minute: more than may be slept; a user
            # (no job here) is told to try again
            with self.assertRaises(UserError) as caught:
                adapter.search()
        self.assertIn("try again in", str(caught.exception))
        self.assertEqual(len(self.sent("GET", "languages")), 20)
        self.assertWithinBudget(10)

    def test_the_first_request_of_a_job_never_sleeps(self):
        """Two clients of one backend (two workers) count together; a spent
        budget sends nothing and holds nobody asleep for a minute."""
        self.backend.request_budget = 10
        first, second = self.backend._get_client(), self.backend._get_client()
        for _i in range(6):
            first.list("languages")
        for _i in range(4):
            second.list("languages")
        self.assertEqual(self.backend.request_budget_used, 10)
        third = self.backend._get_client()
        with self.assertRaises(PrestaShopBudgetWait):
            third.list("languages")
        self.assertFalse(self.slept)
        self.assertEqual(len(self.sandbox.requests), 10)
        other = self.env["prestashop.backend"].create(
            {"name": "Other shop", "location": self.sandbox.url, "request_budget": 10}
        )
        self.assertEqual(other.request_budget_used, 0, "each backend its own")

    def test_jobs_wait_for_the_budget_and_complete(self):
        """The metadata jobs need more requests than the budget leaves: a job
        that meets a spent budget is postponed, spends no try, and every job
        completes once the minute has passed."""
        self.backend.request_budget = 10
        self.backend.synchronize_metadata()
        jobs = self.run_pending_jobs()
        waiting = jobs.filtered(lambda job: job.state == "pending")
        self.assertTrue(waiting, "the budget was spent before the last job")
        for job in waiting:
            # no try spent by a job that had sent nothing
            self.assertLessEqual(job.retry, 1)
            self.assertIn("request budget", job.result)
            self.assertTrue(job.eta)
        for _minute in range(5):
            if not self.env["queue.job"].search_count([("state", "=", "pending")]):
                break
            self.pass_time(61)
            jobs |= self.run_pending_jobs()
        for job in jobs:
            self.assertEqual(job.state, "done", job.exc_info)
            self.assertLessEqual(job.retry, 2)
        self.assertTrue(self.backend.lang_ids)
        self.assertTrue(self.backend.currency_ids)
        self.assertTrue(self.backend.carrier_ids)
        self.assertEqual(len(self.sent_at), len(self.sandbox.requests))
        self.assertWithinBudget(10)

    def test_what_a_spent_budget_means_for_a_job(self):
        """Postponed without a try when the job had sent nothing; with a try
        when it had (postponing redoes its requests): a job that needs more
        than the budget allows in one try fails at its last try, saying to
        raise the budget, instead of being postponed for ever."""
        record = (
            self.env["prestashop.res.lang"]
            .with_delay()
            .import_batch(self.backend)
            .db_record()
        )
        in_job = self.env(context=dict(self.env.context, job_uuid=record.uuid))
        first = fixable_error(in_job, self.backend, PrestaShopBudgetWait(42, 10))
        self.assertIsInstance(first, RetryableJobError)
        self.assertEqual((first.seconds, first.ignore_retry), (42, True))
        wait = PrestaShopBudgetWait(42, 10, mid_work=True)
        middle = fixable_error(in_job, self.backend, wait)
        self.assertIsInstance(middle, RetryableJobError)
        self.assertFalse(middle.ignore_retry)
        record.retry = record.max_retries - 1
        last = fixable_error(in_job, self.backend, wait)
        self.assertIsInstance(last, PrestashopFixableError)
        self.assertIn("Requests per Minute", str(last))
        button = fixable_error(self.env, self.backend, wait)
        self.assertIsInstance(button, UserError)

    def test_dashboard_shows_used_over_allowed(self):
        self.backend.request_budget = 90
        client = self.backend._get_client()
        for _i in range(4):
            client.list("languages")
        self.backend.invalidate_recordset(["request_budget_used"])
        self.assertEqual(self.backend.dash_request_budget, "4 / 90")
        self.backend.request_budget = 0  # no limit: nothing counted, no cost
        client = self.backend._get_client()
        client.list("languages")
        self.backend.invalidate_recordset(["request_budget_used"])
        self.assertEqual(self.backend.dash_request_budget, "No limit: not counted")
        self.assertEqual(len(self.sent_at), 4)
        self.assertFalse(self.slept)


@tagged("post_install", "-at_install")
class TestRequestBudgetWorkers(PrestashopTestCase):
    """Workers share the budget through PostgreSQL: real threads, each with
    its own database connection and transactions, as workers have, and the
    real clock (a 2-second window keeps it short)."""

    def test_workers_share_the_budget(self):
        backend_id = 2_000_000_000 - self.backend.id  # a row of this test's own
        self.addCleanup(self._forget, backend_id)
        sent, errors = [], []

        def worker():
            budget = RequestBudget(self.registry, backend_id, 5, window=2)
            try:
                for i in range(6):
                    # as in the middle of a job: short waits are slept
                    budget.take(sent=i + 1)
                    sent.append(time.time())
            except Exception as err:  # noqa: BLE001 - reported below
                errors.append(err)

        threads = [threading.Thread(target=worker) for _i in range(3)]
        started = time.time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertFalse(errors)
        self.assertEqual(len(sent), 18)
        times = sorted(sent)
        for i, start in enumerate(times):
            self.assertLessEqual(
                len([t for t in times[i:] if t < start + 1.95]), 5, times
            )
        # 18 requests, 5 per 2 s: at least three windows waited
        self.assertGreater(time.time() - started, 6)

    def _forget(self, backend_id):
        with self.registry.cursor() as cr:
            cr.execute(
                "DELETE FROM prestashop_request_budget WHERE backend_id = %s",
                (backend_id,),
            )
