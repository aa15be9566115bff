# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import AbstractComponent
from odoo.addons.connector import database
from odoo.addons.queue_job.exception import RetryableJobError


class PrestashopBase(AbstractComponent):
    """Base of every PrestaShop component: ties them to the backend collection
    and gives access to the webservice client and the version profile."""

    _name = "prestashop.base"
    _inherit = "base.connector"
    _collection = "prestashop.backend"

    @property
    def client(self):
        """The HTTP client of this work context (one session per sync run)."""
        return self.work.ps_client

    @property
    def version(self):
        """The component holding every difference between PrestaShop versions."""
        return self.component_by_name(
            self.backend_record._version_component_name(), model_name=self.model._name
        )

    def job_cached(self, key, compute, keep=bool):
        """``compute()``, once per work (a job): kept in the work's
        ``lookup_cache`` (see ``prestashop.backend.work_on``) under ``key``
        (a tuple naming the look-up) for what cannot change during the job
        (the shop's languages, a tax's rule group), when ``keep(value)``
        (default: a true value; a look-up that found nothing may find it
        later in the job).  Forgotten when a savepoint of the job is rolled
        back (``prestashop.bulk.importer``).  Values must not be records of
        another environment (ids, tuples, strings)."""
        cache = getattr(self.work, "lookup_cache", None)
        if cache is None:
            return compute()
        if key not in cache:
            value = compute()
            if not keep(value):
                return value
            cache[key] = value
        return cache[key]

    def try_advisory_lock(self, lock):
        """Take the advisory lock ``lock`` (any string) for this
        transaction unless another transaction holds it; returns whether
        it did (``advisory_lock_or_retry`` retries the job instead)."""
        return database.pg_try_advisory_lock(self.env, lock)

    def retry_if_committed_meanwhile(self, query, what):
        """Retry the job when another worker committed ``what`` after this
        job's transaction began.

        Odoo transactions are REPEATABLE READ: a job that waited for an
        advisory lock still sees the database as it was when it started, so
        it would not see the record the lock holder just created, and would
        create it twice.  A new cursor sees the latest committed state.
        ``query`` is an ``odoo.tools.SQL``."""
        if self.committed_meanwhile(query):
            self._retry_committed_meanwhile(what)

    def committed_meanwhile(self, query):
        """The rows ``query`` (an ``odoo.tools.SQL``) returns on a new
        cursor, which sees what other transactions committed after this
        one began (a list of tuples, empty when none)."""
        with self.env.registry.cursor() as cr:
            cr.execute(query)
            return cr.fetchall()

    def _retry_committed_meanwhile(self, what):
        """Retry the job: another worker committed ``what`` meanwhile
        (raises :class:`RetryableJobError`)."""
        raise RetryableJobError(
            f"{what} was imported by another job meanwhile; retrying.",
            seconds=1,
            ignore_retry=True,
        )
