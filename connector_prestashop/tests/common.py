# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Test base: a real PrestaShop sandbox over HTTP on 127.0.0.1 per class.

Tests assert on the Odoo records and on ``self.sandbox.requests`` (what the
connector really sent)."""

import logging
import os
import sys
import traceback

from odoo.tests import common as odoo_common

if not hasattr(odoo_common, "SETATTR_SOURCES"):  # Odoo 18.0 older than mid-2026
    odoo_common.SETATTR_SOURCES = {}

from prestashop_sandbox import Sandbox  # noqa: E402

from odoo.addons.component.tests.common import TransactionComponentCase  # noqa: E402
from odoo.addons.queue_job.controllers.main import RunJobController  # noqa: E402
from odoo.addons.queue_job.exception import RetryableJobError  # noqa: E402
from odoo.addons.queue_job.job import Job  # noqa: E402
from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: E402,F401

#: The sandbox's key in tests; tests check it never leaks.
TEST_KEY = "TESTKEY0123456789ABCDEFGHIJKLMNO"

#: The PrestaShop profile every flow test runs on: ``setup/run-tests`` runs
#: the whole Odoo suite once per profile (8.1.2, then 9.0.0).
PROFILES = ("8.1.2", "9.0.0")
TEST_PROFILE = os.environ.get("PRESTASHOP_TEST_PROFILE", PROFILES[0])
if TEST_PROFILE not in PROFILES:
    raise ValueError(
        f"PRESTASHOP_TEST_PROFILE={TEST_PROFILE!r}: expected one of {PROFILES}"
    )


class PrestashopTestCase(TransactionComponentCase):
    """One sandbox (demo shop) per class, reset before each test."""

    sandbox_seed = "demo"
    sandbox_version = TEST_PROFILE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sandbox = Sandbox(
            key=TEST_KEY, version=cls.sandbox_version, seed=cls.sandbox_seed
        ).start()
        cls.addClassCleanup(cls.sandbox.stop)
        # Trap 2: jobs with allow_commit run on a new cursor that cannot see
        # the test's data; run them in the test transaction instead.
        cls.env["queue.job.function"].search([]).allow_commit = False
        # failed jobs notify their followers by mail
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("mail.catchall.domain", "example.com")
        icp.set_param("mail.default.from", "notifications")
        cls.company = cls.env.company
        cls.company.country_id = cls.env.ref("base.fr")
        cls.company.account_fiscal_country_id = cls.env.ref("base.fr")
        cls.backend = cls.env["prestashop.backend"].create(
            {
                "name": "Sandbox shop",
                "location": cls.sandbox.url,
                "webservice_key": TEST_KEY,
                "version": cls.sandbox_version,
                "timeout": 2,
                # a dedicated host's budget: every request is counted (the
                # budget's table is written) but none waits; test_budget
                # tests the waiting
                "request_budget": 100000,
            }
        )

    def setUp(self):
        super().setUp()
        self.sandbox.reset()

    # -- helpers -----------------------------------------------------------------
    def sent(self, method=None, path=None):
        """Requests the connector sent, optionally filtered."""
        return [
            r
            for r in self.sandbox.requests
            if (method is None or r.method == method)
            and (path is None or r.path.rstrip("/") == path.rstrip("/"))
        ]

    @classmethod
    def create_fr_taxes(cls, rates=(20.0, 10.0, 5.5, 2.1), included=False):
        """French sale taxes, tax excluded ("TVA 20.0%"), as a French
        localisation has; with ``included``, each also tax included ("TVA
        20.0% TTC", after the excluded ones in the result)."""
        taxes = cls.env["account.tax"]
        group = cls.env["account.tax.group"].create(
            {
                "name": "TVA",
                "country_id": cls.env.ref("base.fr").id,
                "company_id": cls.company.id,
            }
        )
        for rate in rates:
            taxes |= cls.env["account.tax"].create(
                {
                    "name": f"TVA {rate}%",
                    "amount": rate,
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "price_include_override": "tax_excluded",
                    "country_id": cls.env.ref("base.fr").id,
                    "company_id": cls.company.id,
                    "tax_group_id": group.id,
                }
            )
        for rate in rates if included else ():
            taxes |= cls.env["account.tax"].create(
                {
                    "name": f"TVA {rate}% TTC",
                    "amount": rate,
                    "amount_type": "percent",
                    "type_tax_use": "sale",
                    "price_include_override": "tax_included",
                    "country_id": cls.env.ref("base.fr").id,
                    "company_id": cls.company.id,
                    "tax_group_id": group.id,
                }
            )
        return taxes

    def run_job(self, job):
        """Run a stored job with the job runner's own steps
        (``RunJobController`` of queue_job 18, ``controllers/main.py``): its
        ``_try_perform_job`` (perform, done, stored; a commit refused), then
        its ``_enqueue_dependent_jobs``; postponed on RetryableJobError,
        failed otherwise with its ``_get_failure_values``.  Only the
        transaction differs: the work of a failed try is rolled back to a
        savepoint, where the runner rolls back its transaction, so that the
        test's data stays."""
        job = Job.load(self.env, job.uuid)
        job.set_started()
        job.store()  # the runner stores "started" before performing
        try:
            with self.env.cr.savepoint():
                RunJobController._try_perform_job(self.env, job)
        except RetryableJobError as err:
            job.postpone(result=str(err), seconds=err.seconds)
            job.set_pending(reset_retry=False)
            job.store()
        except Exception as err:  # noqa: BLE001 - mirrors the runner
            job.set_failed(
                **RunJobController._get_failure_values(
                    job, "".join(traceback.format_exception(*sys.exc_info())), err
                )
            )
            job.store()
        if job.state == "done":
            RunJobController._enqueue_dependent_jobs(self.env, job)
        return job.db_record()

    def run_pending_jobs(self, limit=200):
        """Run the stored jobs that are ready, then those they unblock, until
        none is left (dependencies respected, as the runner does)."""
        done = self.env["queue.job"]
        for _i in range(limit):
            job = self.env["queue.job"].search(
                [("state", "in", ("pending", "enqueued"))],
                order="priority, id",
                limit=1,
            )
            if not job or job in done:
                break
            done |= self.run_job(job)
        return done


class LogCapture(logging.Handler):
    """Keeps every log record (all loggers, all levels) of a block."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        try:
            self.lines.append(record.getMessage())
        except Exception:  # noqa: BLE001
            self.lines.append(str(record.msg))

    def __enter__(self):
        root = logging.getLogger()
        self._old_level = root.level
        root.addHandler(self)
        root.setLevel(logging.DEBUG)
        return self

    def __exit__(self, *exc):
        root = logging.getLogger()
        root.removeHandler(self)
        root.setLevel(self._old_level)
