# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The request budget of a shop (issue: reliability, point 9): never more
than ``request_budget`` requests in any 60 seconds, for every client of the
backend together; a job waits for it and completes.

The waits are not slept: the budget's sleep is replaced by a clock that moves
the recorded request times back by the time "slept", which is what the real
clock does to them."""

import threading
import time
from unittest.mock import patch

from odoo.tests import tagged

from ..models.prestashop_backend.budget import DEFAULT_REQUEST_BUDGET, RequestBudget
from .common import PrestashopTestCase


@tagged("post_install", "-at_install")
class TestRequestBudget(PrestashopTestCase):
    def setUp(self):
        super().setUp()
        self.slept = []
        #: seconds the fake clock moved: a request's time is its real time
        #: plus this offset at the moment it is sent
        self.offset = 0.0
        self.sent_at = []
        test = self

        def fake_sleep(budget, seconds):
            test.slept.append(seconds)
            test.offset += seconds
            # the budget lives outside the test's transaction, as in
            # production: move it where it is
            with budget.registry.cursor() as cr:
                cr.execute(
                    "UPDATE prestashop_request_budget SET stamps = "
                    "array(SELECT s - %s FROM unnest(stamps) s) "
                    "WHERE backend_id = %s",
                    (seconds, budget.backend_id),
                )

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

    def test_requests_wait_for_the_budget(self):
        """Budget 5, twelve requests: five at once, then a wait until the
        first is a minute old, and so on; every request sent, never more than
        five in a minute."""
        self.backend.request_budget = 5
        with self.backend.work_on("prestashop.res.lang") as work:
            adapter = work.component(usage="backend.adapter")
            for _i in range(12):
                adapter.search()
        self.assertEqual(len(self.sent("GET", "languages")), 12)
        # the first five went within a few ms: each wait is about a minute
        # and lets one or more of them leave the window
        self.assertGreaterEqual(len(self.slept), 2, self.slept)
        self.assertLessEqual(len(self.slept), 7, self.slept)
        self.assertAlmostEqual(self.slept[0], 60, delta=2)
        self.assertWithinBudget(5)
        self.assertEqual(len(self.sent_at), 12)

    def test_the_budget_is_shared_by_every_client(self):
        """Two clients of one backend (two workers) count together."""
        self.backend.request_budget = 5
        first, second = self.backend._get_client(), self.backend._get_client()
        for _i in range(3):
            first.list("languages")
        self.assertEqual(self.backend.request_budget_used, 3)
        for _i in range(3):
            second.list("languages")
        self.assertEqual(len(self.slept), 1, "the second client's third request")
        self.assertWithinBudget(5)
        self.backend.invalidate_recordset(["request_budget_used"])
        # after the fake minute: the two requests sent since
        self.assertLessEqual(self.backend.request_budget_used, 5)
        other = self.env["prestashop.backend"].create(
            {"name": "Other shop", "location": self.sandbox.url, "request_budget": 5}
        )
        self.assertEqual(other.request_budget_used, 0, "each backend its own")

    def test_jobs_wait_for_the_budget_and_complete(self):
        """The metadata jobs need more requests than the budget leaves: they
        wait, none fails or spends a try, and they import what they import
        without a budget."""
        self.backend.request_budget = 3
        self.backend.synchronize_metadata()
        jobs = self.run_pending_jobs()
        self.assertTrue(jobs)
        for job in jobs:
            self.assertEqual(job.state, "done", job.exc_info)
            self.assertEqual(job.retry, 1, "one try each")
        self.assertTrue(self.backend.lang_ids)
        self.assertTrue(self.backend.currency_ids)
        self.assertTrue(self.backend.carrier_ids)
        requests = len(self.sandbox.requests)
        self.assertGreater(requests, 6)
        # each wait lets the oldest request of the window leave
        self.assertGreaterEqual(len(self.slept), (requests - 1) // 3)
        self.assertLessEqual(len(self.slept), requests - 3)
        self.assertEqual(len(self.sent_at), requests)
        self.assertWithinBudget(3)

    def test_dashboard_shows_used_over_allowed(self):
        self.backend.request_budget = 90
        client = self.backend._get_client()
        for _i in range(4):
            client.list("languages")
        self.backend.invalidate_recordset(["request_budget_used"])
        self.assertEqual(self.backend.dash_request_budget, "4 / 90")
        self.backend.request_budget = 0  # no limit: still counted
        client = self.backend._get_client()
        client.list("languages")
        self.backend.invalidate_recordset(["request_budget_used"])
        self.assertEqual(self.backend.request_budget_used, 5)
        self.assertIn("5", self.backend.dash_request_budget)
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
                for _i in range(6):
                    budget.take()
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
