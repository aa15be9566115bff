# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models

from odoo.addons.queue_job.job import DEFAULT_MAX_RETRIES

from ..components.backend_adapter import JOB_MAX_RETRIES


class QueueJob(models.Model):
    _inherit = "queue.job"

    @api.model_create_multi
    def create(self, vals_list):
        """Connector jobs wait through an outage of the shop: a job of a
        ``prestashop.*`` model queued with queue_job's default number of
        tries gets :data:`JOB_MAX_RETRIES` instead (its retry pattern spaces
        them out)."""
        for vals in vals_list:
            if (vals.get("model_name") or "").startswith("prestashop.") and vals.get(
                "max_retries", DEFAULT_MAX_RETRIES
            ) == DEFAULT_MAX_RETRIES:
                vals["max_retries"] = JOB_MAX_RETRIES
        return super().create(vals_list)

    def _prestashop_backend_from_args(self):
        backend = next(
            (a for a in self.args if getattr(a, "_name", None) == "prestashop.backend"),
            None,
        )
        return (
            backend
            or self.records.filtered(lambda r: r._name == "prestashop.backend")[:1]
            or None
        )

    def related_action_prestashop_import(self):
        """Open what the import job made (the Odoo record behind the binding),
        else the backend, where the mapping to fix lives."""
        self.ensure_one()
        backend = self._prestashop_backend_from_args()
        prestashop_id = next((a for a in self.args if isinstance(a, int)), None)
        if backend and prestashop_id is not None and self.model_name in self.env:
            binding = (
                self.env[self.model_name]
                .with_context(active_test=False)
                .search(
                    [
                        ("backend_id", "=", backend.id),
                        ("prestashop_id", "=", prestashop_id),
                    ],
                    limit=1,
                )
            )
            if binding:
                record = binding
                if "odoo_id" in binding._fields and binding.odoo_id:
                    record = binding.odoo_id
                return self._prestashop_open(record)
        if backend:
            return self._prestashop_open(backend)
        return None

    def related_action_prestashop_import_chunk(self):
        """Open what a chunk import job (``import_records``) made: the Odoo
        records of its records' bindings, else the backend."""
        self.ensure_one()
        backend = self._prestashop_backend_from_args()
        records = next((a for a in self.args if isinstance(a, list)), [])
        ids = [int(r["id"]) for r in records if isinstance(r, dict) and r.get("id")]
        if backend and ids and self.model_name in self.env:
            bindings = (
                self.env[self.model_name]
                .with_context(active_test=False)
                .search(
                    [
                        ("backend_id", "=", backend.id),
                        ("prestashop_id", "in", ids),
                    ]
                )
            )
            if bindings:
                targets = (
                    bindings.odoo_id if "odoo_id" in bindings._fields else bindings
                )
                return {
                    "name": _("Related Records"),
                    "type": "ir.actions.act_window",
                    "view_mode": "list,form",
                    "res_model": targets._name,
                    "domain": [("id", "in", targets.ids)],
                }
        return self.related_action_prestashop_backend()

    def related_action_prestashop_backend(self):
        """Open the backend of a backend-level job (metadata, batches)."""
        self.ensure_one()
        backend = self._prestashop_backend_from_args()
        return self._prestashop_open(backend) if backend else None

    def _prestashop_open(self, record):
        return {
            "name": _("Related Record"),
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": record._name,
            "res_id": record.id,
        }
