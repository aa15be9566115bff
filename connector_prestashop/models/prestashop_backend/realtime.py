# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Near-real-time orders.

Two ways for a paid order to reach Odoo within a minute, without hammering
the shop:

* the **change probe**: a cron every minute queues one cheap job per backend
  that asks PrestaShop for the ids, states and ``date_upd`` of the orders
  updated since the import cursor (one request, three fields per order). Only
  when an order Odoo does not know yet (or knows in an older version) shows
  up does it queue the usual batch import, which reads them in bulk;
* the **webhook**: a PrestaShop module calls ``POST /prestashop/<backend
  id>/order`` (see ``controllers/webhook.py`` and readme/CONFIGURE.md), which
  queues the import of that one order at once.
"""

import secrets
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from ...components.mapper import ps_int

PS_DATE = "%Y-%m-%d %H:%M:%S"


class PrestashopBackend(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    order_probe = fields.Boolean(
        "Watch New Orders Every Minute",
        default=True,
        help="Every minute, ask PrestaShop which orders changed (one small "
        "request) and import them. The full scheduled import still runs as a "
        "safety net.",
    )
    order_probe_max = fields.Integer(
        "Probe Size",
        default=1000,
        help="At most this many changed orders are listed per probe; more are "
        "read by the next run.",
    )
    order_probe_date = fields.Datetime("Last Probe", readonly=True)
    webhook_secret = fields.Char(
        copy=False,
        groups="connector.group_connector_manager",
        help="Shared secret of the order webhook: PrestaShop signs each call "
        "with it (HMAC-SHA256). Empty: the webhook is disabled.",
    )
    webhook_rate_limit = fields.Integer(
        "Webhook Calls per Minute",
        default=60,
        help="Calls beyond this number within a minute are refused (HTTP 429).",
    )
    webhook_url = fields.Char(compute="_compute_webhook_url")

    def _compute_webhook_url(self):
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url", "")
        for backend in self:
            backend.webhook_url = (
                f"{base}/prestashop/{backend.id}/order" if backend.id else False
            )

    def action_generate_webhook_secret(self):
        """A new random secret (the old one stops working at once)."""
        self._prestashop_check_access()
        for backend in self:
            backend.webhook_secret = secrets.token_urlsafe(32)
        return True

    # -- probe -------------------------------------------------------------------
    @api.model
    def _scheduler_probe_orders(self):
        self.search(
            [("state", "=", "ok"), ("order_probe", "=", True)]
        ).queue_probe_orders()

    def queue_probe_orders(self):
        self._prestashop_check_access()
        for backend in self:
            backend.with_delay(
                priority=5,
                identity_key=f"prestashop-probe-orders-{backend.id}",
                description=_("Look for new orders on %s", backend.name),
            ).probe_orders()
        return True

    def _probe_since(self):
        self.ensure_one()
        if not self.import_orders_since:
            return None
        start = datetime.strptime(self.import_orders_since, PS_DATE) - timedelta(
            minutes=self.order_import_overlap or 0
        )
        return start.strftime(PS_DATE)

    def probe_orders(self):
        """Job: one request listing ``id, current_state, date_upd`` of the
        orders updated since the cursor; queue the batch import when one of
        them is new to Odoo or changed since it was imported."""
        self._prestashop_check_access()
        self.ensure_one()
        backend = self.sudo()
        params = {
            "display": "[id,current_state,date_upd]",
            "date": "1",
            "sort": "[date_upd_ASC]",
        }
        since = backend._probe_since()
        if since:
            params["filter[date_upd]"] = f">[{since}]"
        with backend.work_on("prestashop.sale.order") as work:
            adapter = work.component(usage="backend.adapter")
            rows = adapter.search_read(params, limit=backend.order_probe_max or 1000)
        changed = backend._probe_changed(rows)
        backend.order_probe_date = fields.Datetime.now()
        if changed:
            backend.import_sale_orders()
            return _(
                "%(count)s changed orders (%(ids)s): order import queued",
                count=len(changed),
                ids=", ".join(map(str, changed[:20])),
            )
        return _("%s orders listed, nothing new", len(rows))

    def _probe_changed(self, rows):
        """Ids of the listed orders worth an import: unknown and in a state
        that imports orders (or a state not synchronised yet), or imported
        with another ``date_upd``."""
        self.ensure_one()
        if not rows:
            return []
        states = {s.prestashop_id: s for s in self.order_state_ids}
        bound = {
            b.prestashop_id: b
            for b in self.env["prestashop.sale.order"].search(
                [
                    ("backend_id", "=", self.id),
                    ("prestashop_id", "in", [ps_int(r["id"]) for r in rows]),
                ]
            )
        }
        changed = []
        for row in rows:
            order_id = ps_int(row["id"])
            binding = bound.get(order_id)
            if binding:
                # the batch only re-reads an imported order to follow its state
                if binding.ps_state_id.prestashop_id != ps_int(
                    row.get("current_state")
                ):
                    changed.append(order_id)
                continue
            state = states.get(ps_int(row.get("current_state")))
            if state is None or state.import_order:
                changed.append(order_id)
        return changed

    # -- webhook -------------------------------------------------------------------
    def import_order_from_webhook(self, order_id):
        """Queue the import of one order named by the webhook."""
        self._prestashop_check_access()
        self.ensure_one()
        return (
            self.env["prestashop.sale.order"]
            .with_company(self.company_id)
            .with_delay(
                priority=5,
                identity_key=f"prestashop-import-order-{self.id}-{int(order_id)}",
                description=_(
                    "Import PrestaShop order %(id)s (webhook) from %(backend)s",
                    id=order_id,
                    backend=self.name,
                ),
            )
            .import_record(self, int(order_id))
        )


class PrestashopWebhookCall(models.Model):
    """Calls accepted by the order webhook (signed, well-formed, fresh): the
    nonces already used (replay protection) and the calls of the last minute
    (rate limit). Refused calls leave no row. Shared by all Odoo workers
    through the database; rows older than an hour are removed."""

    _name = "prestashop.webhook.call"
    _description = "PrestaShop webhook call"
    _order = "id desc"
    _log_access = False

    backend_id = fields.Many2one(
        "prestashop.backend", required=True, ondelete="cascade", index=True
    )
    at = fields.Datetime(required=True, index=True, default=fields.Datetime.now)
    nonce = fields.Char(index=True)
    order_id = fields.Integer()
    outcome = fields.Char()

    _sql_constraints = [
        # the last line of defence against two replays at the same instant
        ("nonce_uniq", "unique(backend_id, nonce)", "This nonce was already used."),
    ]

    @api.model
    def _claim(self, backend, nonce, order_id):
        """Record the accepted call ``nonce`` of ``backend`` for ``order_id``;
        ``True`` when the nonce was new, ``False`` when a call already used
        it.

        ``INSERT ... ON CONFLICT DO NOTHING`` instead of a search then a
        create: two copies of one call at the same instant cannot both pass,
        and the second gets no unique violation (an ERROR line in the log).
        Under Odoo's REPEATABLE READ a copy whose twin committed after this
        transaction began gets a serialization failure instead; it is not
        logged here (``log_exceptions=False``) and Odoo's HTTP layer retries
        the request (INFO line), which then sees the nonce and answers 409."""
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (backend_id, at, nonce, order_id, outcome) "
                "VALUES (%s, %s, %s, %s, 'queued') "
                "ON CONFLICT (backend_id, nonce) DO NOTHING RETURNING id",
                SQL.identifier(self._table),
                backend.id,
                fields.Datetime.now(),
                nonce,
                order_id,
            ),
            log_exceptions=False,
        )
        claimed = bool(self.env.cr.fetchone())
        self.invalidate_model()
        return claimed

    @api.autovacuum
    def _gc_old_calls(self):
        self.search([("at", "<", fields.Datetime.now() - timedelta(hours=1))]).unlink()
