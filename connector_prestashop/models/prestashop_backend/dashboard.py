# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Backend dashboard: per flow, the last successful run, what it did, the
jobs waiting or failed (one click to the filtered job list), and the actions
support needs (import one order, export one product, reconcile stock, requeue
every failed job of the backend).

The figures come from ``queue.job`` (filtered on the stored
``prestashop_backend_id``) and from the bindings' ``sync_date``."""

from datetime import timedelta

from odoo import _, _lt, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import identity_exact

from .common import METADATA_MODELS

#: (flow, label); the order of the dashboard rows.
FLOWS = [
    ("metadata", "Metadata"),
    ("customers", "Customers"),
    ("orders", "Orders"),
    ("stock", "Stock"),
    ("catalog", "Catalog"),
    ("backflow", "Back-flow"),
]
#: The same labels, translated when shown (summary lines, action names).
FLOW_LABELS = {
    "metadata": _lt("Metadata"),
    "customers": _lt("Customers"),
    "orders": _lt("Orders"),
    "stock": _lt("Stock"),
    "catalog": _lt("Catalog"),
    "backflow": _lt("Back-flow"),
}

#: Window of the "done" counts, in hours.
DASHBOARD_HOURS = 24


class PrestashopBackend(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    # One set of figures per flow. Generated from FLOWS so that the list of
    # flows is written once; the view shows them as stat buttons.
    for _flow, _label in FLOWS:
        locals()[f"dash_{_flow}_last_run"] = fields.Datetime(
            f"{_label}: last success", compute="_compute_dashboard"
        )
        locals()[f"dash_{_flow}_result"] = fields.Char(
            f"{_label}: last result", compute="_compute_dashboard"
        )
        locals()[f"dash_{_flow}_done"] = fields.Integer(
            f"{_label}: jobs done ({DASHBOARD_HOURS} h)", compute="_compute_dashboard"
        )
        locals()[f"dash_{_flow}_records"] = fields.Integer(
            f"{_label}: records synchronised ({DASHBOARD_HOURS} h)",
            compute="_compute_dashboard",
        )
        locals()[f"dash_{_flow}_pending"] = fields.Integer(
            f"{_label}: jobs waiting", compute="_compute_dashboard"
        )
        locals()[f"dash_{_flow}_failed"] = fields.Integer(
            f"{_label}: jobs failed", compute="_compute_dashboard"
        )
    del _flow, _label
    dash_failed_total = fields.Integer("Failed jobs", compute="_compute_dashboard")
    dash_pending_total = fields.Integer("Waiting jobs", compute="_compute_dashboard")

    # -- what a flow is --------------------------------------------------------------
    @api.model
    def _prestashop_dashboard_flows(self):
        """{flow: (domain on queue.job, binding models counted by sync_date)}.

        Flows added by other addons extend this dict (``super()`` then add a
        key, or widen a domain with ``expression.OR``)."""
        # taxes are imported by the tax rule group job, not a job of their own
        metadata = [m for m, _step in METADATA_MODELS] + [
            "prestashop.account.tax",
            "prestashop.payment.method",
        ]
        in_registry = [
            m
            for m in (
                "prestashop.product.template",
                "prestashop.product.combination",
                "prestashop.product.category",
                "prestashop.product.attribute",
                "prestashop.product.attribute.value",
            )
            if m in self.env
        ]
        return {
            "metadata": (
                [
                    "|",
                    ("model_name", "in", metadata),
                    "&",
                    ("model_name", "=", "prestashop.backend"),
                    ("method_name", "=", "check_connection"),
                ],
                metadata[:-1],
            ),
            "customers": (
                [
                    (
                        "model_name",
                        "in",
                        ["prestashop.res.partner", "prestashop.address"],
                    )
                ],
                ["prestashop.res.partner", "prestashop.address"],
            ),
            "orders": (
                [
                    "|",
                    "&",
                    ("model_name", "=", "prestashop.sale.order"),
                    ("method_name", "=like", "import%"),
                    "&",
                    ("model_name", "=", "prestashop.backend"),
                    (
                        "method_name",
                        "in",
                        ["probe_orders", "import_order_from_webhook"],
                    ),
                ],
                ["prestashop.sale.order"],
            ),
            "stock": (
                [
                    "|",
                    ("model_name", "=", "prestashop.stock.available"),
                    "&",
                    ("model_name", "=", "prestashop.backend"),
                    ("method_name", "in", ["export_stock", "reconcile_stock"]),
                ],
                [m for m in ("prestashop.stock.available",) if m in self.env],
            ),
            "catalog": (
                [("model_name", "=like", "prestashop.product%")],
                in_registry,
            ),
            # shipping / tracking / invoices pushed back: every job on an
            # imported order that is not its import, and the pickings,
            # invoices and credit notes the back-flow binds.
            "backflow": (
                [
                    "|",
                    "&",
                    ("model_name", "=", "prestashop.sale.order"),
                    ("method_name", "not like", "import%"),
                    (
                        "model_name",
                        "in",
                        [
                            "stock.picking",
                            "account.move",
                            "prestashop.stock.picking",
                            "prestashop.account.move",
                            "prestashop.order.carrier",
                            "prestashop.order.history",
                            "prestashop.order.slip",
                            "prestashop.cart.rule",
                            "prestashop.refund",
                        ],
                    ),
                ],
                [m for m in ("prestashop.refund",) if m in self.env],
            ),
        }

    def _prestashop_jobs_domain(self, flow=None, state=None):
        self.ensure_one()
        domain = [("prestashop_backend_id", "=", self.id)]
        if flow:
            domain += self._prestashop_dashboard_flows()[flow][0]
        if state == "pending":
            domain.append(
                ("state", "in", ("wait_dependencies", "pending", "enqueued", "started"))
            )
        elif state:
            domain.append(("state", "=", state))
        return domain

    # -- figures ---------------------------------------------------------------------
    def _compute_dashboard(self):
        Job = self.env["queue.job"].sudo()
        since = fields.Datetime.now() - timedelta(hours=DASHBOARD_HOURS)
        flows = self._prestashop_dashboard_flows()
        for backend in self:
            if not backend.id:  # new record in the form
                for flow, _label in FLOWS:
                    for suffix in (
                        "last_run",
                        "result",
                        "done",
                        "records",
                        "pending",
                        "failed",
                    ):
                        backend[f"dash_{flow}_{suffix}"] = False
                backend.dash_failed_total = backend.dash_pending_total = 0
                continue
            for flow, _label in FLOWS:
                domain = backend._prestashop_jobs_domain(flow)
                by_state = dict(Job._read_group(domain, ["state"], ["__count"]))
                pending = sum(
                    by_state.get(s, 0)
                    for s in ("wait_dependencies", "pending", "enqueued", "started")
                )
                last = Job.search(
                    domain + [("state", "=", "done")], order="date_done desc", limit=1
                )
                done = Job.search_count(
                    domain + [("state", "=", "done"), ("date_done", ">=", since)]
                )
                records = 0
                for model in flows[flow][1]:
                    records += (
                        self.env[model]
                        .sudo()
                        .with_context(active_test=False)
                        .search_count(
                            [
                                ("backend_id", "=", backend.id),
                                ("sync_date", ">=", since),
                            ]
                        )
                    )
                backend[f"dash_{flow}_last_run"] = last.date_done
                backend[f"dash_{flow}_result"] = (last.result or "")[:200]
                backend[f"dash_{flow}_done"] = done
                backend[f"dash_{flow}_records"] = records
                backend[f"dash_{flow}_pending"] = pending
                backend[f"dash_{flow}_failed"] = by_state.get("failed", 0)
            # totals over every job of the backend, flows or not
            backend.dash_failed_total = Job.search_count(
                backend._prestashop_jobs_domain(state="failed")
            )
            backend.dash_pending_total = Job.search_count(
                backend._prestashop_jobs_domain(state="pending")
            )

    def _prestashop_dashboard_figures(self):
        """{flow: {figure: value}}, for the main command and the tests."""
        self.ensure_one()
        return {
            flow: {
                suffix: self[f"dash_{flow}_{suffix}"]
                for suffix in (
                    "last_run",
                    "result",
                    "done",
                    "records",
                    "pending",
                    "failed",
                )
            }
            for flow, _label in FLOWS
        }

    # -- actions ---------------------------------------------------------------------
    def action_open_jobs(self, flow=None, state=None):
        """The job list of this backend, filtered on a flow and a state
        (``pending`` = anything not finished yet). Buttons pass them in the
        context (``prestashop_flow``, ``prestashop_job_state``)."""
        self._prestashop_check_access()
        self.ensure_one()
        flow = flow or self.env.context.get("prestashop_flow")
        state = state or self.env.context.get("prestashop_job_state")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "queue_job.action_queue_job"
        )
        flow_label = str(FLOW_LABELS.get(flow) or _("all"))
        action.update(
            {
                "name": _(
                    "%(backend)s: %(flow)s jobs", backend=self.name, flow=flow_label
                ),
                "domain": self._prestashop_jobs_domain(flow, state),
                # the default filters of the Jobs action would hide done jobs
                "context": {},
            }
        )
        return action

    def action_requeue_failed(self):
        """Requeue every failed job of this backend (after fixing the cause)."""
        self._prestashop_check_access()
        jobs = self.env["queue.job"]
        for backend in self:
            jobs |= jobs.search(backend._prestashop_jobs_domain(state="failed"))
        jobs.requeue()
        return self._prestashop_notify(
            _("%s failed jobs requeued.", len(jobs))
            if jobs
            else _("No failed job to requeue.")
        )

    def action_dashboard_reconcile_stock(self):
        """ "Reconcile stock now", when the stock flow is installed."""
        self._prestashop_check_access()
        if not hasattr(self, "queue_reconcile_stock"):
            raise UserError(_("The stock flow is not available in this database."))
        if not all(self.mapped("stock_sync")):
            raise UserError(
                _(
                    "Stock is not pushed for this backend: tick 'Push Stock' on the "
                    "backend first."
                )
            )
        self.queue_reconcile_stock()
        return self._prestashop_notify(_("Stock reconciliation queued: see Job Queue."))

    def action_open_export_product_wizard(self):
        self._prestashop_check_access()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Export one product to PrestaShop"),
            "res_model": "prestashop.export.product.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_backend_id": self.id},
        }


class PrestashopExportProductWizard(models.TransientModel):
    _name = "prestashop.export.product.wizard"
    _description = "Export one product to PrestaShop"

    backend_id = fields.Many2one("prestashop.backend", required=True)
    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True
    )

    def action_export(self):
        self.ensure_one()
        if (
            self.env["ir.module.module"]
            .sudo()
            .search_count(
                [
                    ("name", "=", "connector_prestashop_catalog"),
                    ("state", "=", "installed"),
                ]
            )
            == 0
        ):
            raise UserError(
                _(
                    "Exporting products needs the module 'PrestaShop catalog export' "
                    "(connector_prestashop_catalog): install it first."
                )
            )
        binding = self.env["prestashop.product.template"].search(
            [
                ("backend_id", "=", self.backend_id.id),
                ("odoo_id", "=", self.product_tmpl_id.id),
            ],
            limit=1,
        )
        if not binding:
            raise UserError(
                _(
                    "%(product)s is not published on %(backend)s: publish it first "
                    "(product form, PrestaShop tab), which exports it.",
                    product=self.product_tmpl_id.display_name,
                    backend=self.backend_id.name,
                )
            )
        binding.with_delay(
            priority=5,
            identity_key=identity_exact,
            description=_("Export product %s to PrestaShop", binding.display_name),
        ).export_record()
        return self.backend_id._prestashop_notify(
            _("Export of %s queued: see Job Queue.", binding.display_name)
        )
