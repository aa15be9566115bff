# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A request budget per shop: at most ``request_budget`` requests in any 60
seconds, counted for every worker and every job of the backend together.

Why: shared hosts block a client that sends about 100 requests a minute
(mod_evasive, fail2ban and the hosts' firewalls count requests over a sliding
window).  The connector counts the same way, so that the shop's host never
sees more than the budget, whatever the number of workers.

How: the times of the backend's requests of the last 60 s are kept in
PostgreSQL (table ``prestashop_request_budget``, one row per backend),
read and written in a transaction of their own (a few milliseconds), so
that every worker sees them at once and no job transaction holds the row.  A
request that does not fit waits (sleeps) until the oldest request of the
window is 60 s old: a job waits for the budget, it never fails for it.
"""

import logging
import time

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.sql_db import Cursor

from ...components.webservice import PrestaShopBudgetWait

_logger = logging.getLogger(__name__)

#: Seconds over which the budget is counted (a sliding window).
BUDGET_WINDOW = 60
#: Requests per minute a shared host accepts (they block at about 100).
DEFAULT_REQUEST_BUDGET = 90
#: The smallest budget: a job needs its requests within one try (a catalog
#: export of one product about 10); one that needs more than the budget
#: fails after its tries, saying to raise the budget.
MIN_REQUEST_BUDGET = 10
#: Seconds a job's client may sleep for the budget, all waits together; a
#: longer wait postpones the job instead (see :meth:`RequestBudget.take`).
BUDGET_MAX_SLEEP = 20


class RequestBudget:
    """The budget of one backend, for :class:`PrestaShopClient`
    (``budget=``): :meth:`take` before each request.

    ``registry``: the Odoo registry (a cursor of its own per call);
    ``backend_id``: int; ``allowed``: requests per ``window`` seconds
    (0: no limit, nothing counted)."""

    def __init__(self, registry, backend_id, allowed, window=BUDGET_WINDOW, work=None):
        """``work``: ``{"sent": int, "waited": float}`` shared by every client
        of one job (or of one user request): what it has sent and slept."""
        self.registry = registry
        self.backend_id = backend_id
        self.allowed = allowed
        self.window = window
        self.work = work if work is not None else {"sent": 0, "waited": 0.0}

    @property
    def waited(self):
        """Seconds the job (or request) has slept for the budget."""
        return self.work["waited"]

    def take(self, count=1, sent=None):
        """Return when ``count`` more requests fit in the window, counted.
        Returns the seconds slept.  ``count`` above the budget is taken as
        the whole budget.

        ``sent``: requests the job has sent already (default: counted in
        ``work``, for every client of the job).  A wait is slept only when
        the job has sent requests (postponing it would redo them) and its
        sleeps stay under ``BUDGET_MAX_SLEEP`` in all: a worker asleep is a
        worker the web client and other jobs do not have, and Odoo kills one
        busy longer than ``limit_time_real``.  Else
        :class:`PrestaShopBudgetWait` is raised, nothing sent: a job is then
        postponed by the wait (spending a try only when it had sent
        requests, see ``fixable_error``)."""
        if self.allowed <= 0:
            return 0.0  # no limit: nothing to count (the dashboard says so)
        count = max(1, min(count, self.allowed))
        if sent is None:
            sent = self.work["sent"]
        waited = 0.0
        while True:
            wait = self._try_take(count)
            if wait <= 0:
                self.work["waited"] += waited
                self.work["sent"] += count
                return waited
            if not sent or self.waited + waited + wait > BUDGET_MAX_SLEEP:
                self.work["waited"] += waited
                _logger.info(
                    "PrestaShop backend %s: its %s requests a minute are spent; "
                    "postponed %.0f s.",
                    self.backend_id,
                    self.allowed,
                    wait,
                )
                raise PrestaShopBudgetWait(wait, self.allowed, mid_work=bool(sent))
            self._sleep(wait)
            waited += wait

    @staticmethod
    def used_by(registry, backend_ids, window=BUDGET_WINDOW):
        """{backend id: requests of the last ``window`` seconds}, read in a
        transaction of its own (what every worker has sent until now)."""
        if not backend_ids:
            return {}
        with registry.cursor() as cr:
            cr.execute(
                "SELECT backend_id, (SELECT coalesce(sum(c), 0) FROM "
                " unnest(seconds, counts) AS b(s, c) "
                " WHERE s > extract(epoch FROM clock_timestamp()) - %s - 1) "
                "FROM prestashop_request_budget WHERE backend_id = ANY(%s)",
                (window, list(backend_ids)),
            )
            return {backend_id: int(used) for backend_id, used in cr.fetchall()}

    def _sleep(self, seconds):
        time.sleep(seconds)

    def _try_take(self, count):
        """One short transaction: count the requests if they fit (returns
        0), else return the seconds until they would.

        The requests are counted per second of the database's clock
        (``seconds``: epoch seconds, ``counts``: requests in that second), at
        most ``window`` + 1 buckets: the cost of a request does not grow
        with the budget.  A bucket leaves the window one second late, so
        the count errs on the safe side."""
        with self.registry.cursor() as cr:
            if isinstance(cr, Cursor):
                # Odoo's cursors are REPEATABLE READ: a worker that waited
                # for the row would fail to update it (serialization error).
                # READ COMMITTED reads the row as the worker before left it.
                # (A TestCursor shares one transaction: nothing to wait for.)
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                "INSERT INTO prestashop_request_budget (backend_id) VALUES (%s) "
                "ON CONFLICT DO NOTHING",
                (self.backend_id,),
            )
            cr.execute(
                "SELECT seconds, counts, extract(epoch FROM clock_timestamp()) "
                "FROM prestashop_request_budget WHERE backend_id = %s FOR UPDATE",
                (self.backend_id,),
            )
            seconds, counts, now = cr.fetchone()
            now = float(now)
            buckets = {
                s: c
                for s, c in zip(seconds, counts, strict=True)
                if s > now - self.window - 1
            }
            used = sum(buckets.values())
            fits = used + count <= self.allowed
            if fits:
                second = int(now)
                buckets[second] = buckets.get(second, 0) + count
            cr.execute(
                "UPDATE prestashop_request_budget SET seconds = %s, counts = %s "
                "WHERE backend_id = %s",
                (
                    sorted(buckets),
                    [buckets[s] for s in sorted(buckets)],
                    self.backend_id,
                ),
            )
            if fits:
                return 0.0
            # the oldest buckets leave until ``count`` fits
            for second in sorted(buckets):
                used -= buckets[second]
                if used + count <= self.allowed:
                    return max(second + self.window + 1 - now, 0.01)
            return float(self.window)  # not reached: count <= allowed


class PrestashopBackend(models.Model):
    # extensions are split by concern, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    request_budget = fields.Integer(
        "Requests per Minute",
        default=DEFAULT_REQUEST_BUDGET,
        help="At most this many requests to the shop in any 60 seconds, for "
        "every worker together; jobs wait for the budget, they do not fail. "
        "Shared hosts block a client at about 100 requests a minute; raise it "
        "for a dedicated server. 0: no limit.",
    )
    request_budget_used = fields.Integer(
        "Requests in the Last Minute",
        compute="_compute_request_budget_used",
        help="Requests sent to the shop in the last 60 seconds, by every "
        "worker, against the budget (Requests per Minute).",
    )
    dash_request_budget = fields.Char(
        "Last minute (used / allowed)",
        compute="_compute_request_budget_used",
        help="Requests sent to the shop in the last 60 seconds, by every "
        "worker, and the budget (Requests per Minute, on the backend's form).",
    )

    @api.constrains("request_budget")
    def _check_request_budget(self):
        for backend in self:
            if 0 < backend.request_budget < MIN_REQUEST_BUDGET or (
                backend.request_budget < 0
            ):
                raise ValidationError(
                    _(
                        "Requests per Minute of %(backend)s: 0 (no limit) or at "
                        "least %(minimum)s (a job needs that many to go through "
                        "in one try).",
                        backend=backend.name,
                        minimum=MIN_REQUEST_BUDGET,
                    )
                )

    def _auto_init(self):
        res = super()._auto_init()
        # a plain table, not a model: written in transactions of their own on
        # every request, it must not carry Odoo's columns nor a foreign key (a
        # backend created in a transaction not committed yet has requests too)
        self.env.cr.execute(
            "CREATE TABLE IF NOT EXISTS prestashop_request_budget ("
            " backend_id integer PRIMARY KEY,"
            " seconds bigint[] NOT NULL DEFAULT '{}',"
            " counts integer[] NOT NULL DEFAULT '{}')"
        )
        # a database that had the first form of the table (times of requests)
        self.env.cr.execute(
            "ALTER TABLE prestashop_request_budget "
            "ADD COLUMN IF NOT EXISTS seconds bigint[] NOT NULL DEFAULT '{}', "
            "ADD COLUMN IF NOT EXISTS counts integer[] NOT NULL DEFAULT '{}', "
            "DROP COLUMN IF EXISTS stamps"
        )
        return res

    @api.depends("request_budget")
    def _compute_request_budget_used(self):
        used = RequestBudget.used_by(
            self.env.registry, [i for i in self.ids if isinstance(i, int)]
        )
        for backend in self:
            backend.request_budget_used = used.get(backend.id, 0)
            backend.dash_request_budget = (
                f"{backend.request_budget_used} / {backend.request_budget}"
                if backend.request_budget > 0
                else _("No limit: not counted")
            )

    def _request_budget(self):
        """The :class:`RequestBudget` of this backend (for its clients); the
        clients of one job (one transaction and ``job_uuid``) count together
        what the job has sent."""
        self.ensure_one()
        per_job = self.env.cr.__dict__.setdefault("_prestashop_budget_work", {})
        work = per_job.setdefault(
            (self.id, self.env.context.get("job_uuid")), {"sent": 0, "waited": 0.0}
        )
        return RequestBudget(
            self.env.registry, self.id, self.request_budget or 0, work=work
        )

    def unlink(self):
        ids = self.ids
        res = super().unlink()
        self.env.cr.execute(
            "DELETE FROM prestashop_request_budget WHERE backend_id = ANY(%s)", (ids,)
        )
        return res
