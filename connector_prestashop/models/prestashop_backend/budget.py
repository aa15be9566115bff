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
from odoo.sql_db import Cursor

_logger = logging.getLogger(__name__)

#: Seconds over which the budget is counted (a sliding window).
BUDGET_WINDOW = 60
#: Requests per minute a shared host accepts (they block at about 100).
DEFAULT_REQUEST_BUDGET = 90
#: Waits longer than this many seconds are logged (INFO), once per wait.
BUDGET_LOG_WAIT = 1.0


class RequestBudget:
    """The budget of one backend, for :class:`PrestaShopClient`
    (``budget=``): :meth:`take` before each request.

    ``registry``: the Odoo registry (a cursor of its own per call);
    ``backend_id``: int; ``allowed``: requests per ``window`` seconds
    (0 or less: no limit; the requests are counted all the same)."""

    def __init__(self, registry, backend_id, allowed, window=BUDGET_WINDOW):
        self.registry = registry
        self.backend_id = backend_id
        self.allowed = allowed
        self.window = window
        #: seconds this object has waited, all calls together
        self.waited = 0.0

    def take(self, count=1):
        """Wait until ``count`` more requests fit in the window, then count
        them.  Returns the seconds waited.  ``count`` above the budget is
        taken as the whole budget (the requests then go one window apart)."""
        if self.allowed > 0:
            count = max(1, min(count, self.allowed))
        waited = 0.0
        while True:
            wait = self._try_take(count)
            if wait <= 0:
                self.waited += waited
                return waited
            if waited == 0.0 and wait >= BUDGET_LOG_WAIT:
                _logger.info(
                    "PrestaShop backend %s: %s requests in the last %s s, the "
                    "budget; waiting %.1f s.",
                    self.backend_id,
                    self.allowed,
                    self.window,
                    wait,
                )
            # a few ms more than needed: the oldest request has then left
            self._sleep(wait + 0.01)
            waited += wait + 0.01

    @staticmethod
    def used_by(registry, backend_ids, window=BUDGET_WINDOW):
        """{backend id: requests of the last ``window`` seconds}, read in a
        transaction of its own (what every worker has sent until now)."""
        if not backend_ids:
            return {}
        with registry.cursor() as cr:
            cr.execute(
                "SELECT backend_id, (SELECT count(*) FROM unnest(stamps) s "
                " WHERE s > extract(epoch FROM clock_timestamp()) - %s) "
                "FROM prestashop_request_budget WHERE backend_id = ANY(%s)",
                (window, list(backend_ids)),
            )
            return dict(cr.fetchall())

    def _sleep(self, seconds):
        time.sleep(seconds)

    def _try_take(self, count):
        """One short transaction: count the requests if they fit (returns
        0), else return the seconds until they would."""
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
                "SELECT stamps, extract(epoch FROM clock_timestamp()) "
                "FROM prestashop_request_budget WHERE backend_id = %s FOR UPDATE",
                (self.backend_id,),
            )
            stamps, now = cr.fetchone()
            now = float(now)
            stamps = sorted(s for s in stamps if s > now - self.window)
            # without a limit the requests are still counted (the dashboard)
            fits = self.allowed <= 0 or len(stamps) + count <= self.allowed
            if fits:
                stamps += [now] * count
            cr.execute(
                "UPDATE prestashop_request_budget SET stamps = %s "
                "WHERE backend_id = %s",
                (stamps, self.backend_id),
            )
            if fits:
                return 0.0
            # the request that must leave the window for ``count`` to fit
            oldest = stamps[len(stamps) + count - self.allowed - 1]
            return max(oldest + self.window - now, 0.01)


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

    def init(self):
        # a plain table, not a model: written in transactions of their own on
        # every request, it must not carry Odoo's columns nor a foreign key (a
        # backend created in a transaction not committed yet has requests too)
        self.env.cr.execute(
            "CREATE TABLE IF NOT EXISTS prestashop_request_budget ("
            " backend_id integer PRIMARY KEY,"
            " stamps double precision[] NOT NULL DEFAULT '{}')"
        )

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
                else _("%s (no limit)", backend.request_budget_used)
            )

    def _request_budget(self):
        """The :class:`RequestBudget` of this backend (for its clients)."""
        self.ensure_one()
        return RequestBudget(self.env.registry, self.id, self.request_budget or 0)

    def unlink(self):
        ids = self.ids
        res = super().unlink()
        self.env.cr.execute(
            "DELETE FROM prestashop_request_budget WHERE backend_id = ANY(%s)", (ids,)
        )
        return res
