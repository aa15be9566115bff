# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Jobs as the support person sees them: which backend they belong to (for
the dashboard counts and the "requeue all failed" button), and a related
action that opens the record to fix when a job failed for a fixable reason."""

from odoo import _, api, fields, models

from ..components.exception import parse_fix


class QueueJob(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    # Stored and indexed: the dashboard counts jobs per backend and flow on
    # every form load; reading the serialized args of thousands of jobs in
    # Python would not scale.
    prestashop_backend_id = fields.Many2one(
        "prestashop.backend",
        string="PrestaShop Backend",
        compute="_compute_prestashop_backend_id",
        store=True,
        index=True,
        readonly=True,
        ondelete="set null",
    )

    @api.depends("model_name", "records", "args", "kwargs")
    def _compute_prestashop_backend_id(self):
        for job in self:
            try:
                job.prestashop_backend_id = job._prestashop_find_backend()
            except (KeyError, ValueError):
                # a job of a model that is no longer installed
                job.prestashop_backend_id = False

    def _prestashop_find_backend(self):
        """The backend of a job: an argument (imports, batches), the records
        themselves (backend jobs), or the records' ``backend_id`` (exports)."""
        self.ensure_one()
        values = list(self.args or ()) + list((self.kwargs or {}).values())
        for value in values:
            if getattr(value, "_name", None) == "prestashop.backend":
                return value[:1].id
        records = self.records
        if records is None or not len(records):
            return False
        if records._name == "prestashop.backend":
            return records[:1].id
        if (
            "backend_id" in records._fields
            and records._fields["backend_id"].comodel_name == "prestashop.backend"
        ):
            return records[:1].sudo().backend_id.id
        return False

    # -- related actions -------------------------------------------------------------
    def _prestashop_fix_action(self):
        """The action opening what to fix, for a job failed with a
        :class:`~..components.exception.PrestashopFixableError`."""
        self.ensure_one()
        if self.state != "failed":
            return None
        fix = parse_fix(self.exc_info)
        if not fix or fix.get("model") not in self.env:
            return None
        Model = self.env[fix["model"]].with_context(active_test=False)
        if fix.get("domain"):
            records = Model.search(fix["domain"], limit=80)
        else:
            records = Model.browse(fix.get("res_ids") or []).exists()
        action = {
            "type": "ir.actions.act_window",
            "name": _("Fix: %s", Model._description),
            "res_model": fix["model"],
            "context": fix.get("context") or {},
        }
        if len(records) == 1:
            action.update(
                {"view_mode": "form", "res_id": records.id, "views": [(False, "form")]}
            )
        elif not records:
            # nothing to correct yet: a new record, with what the error knows
            action.update({"view_mode": "form", "views": [(False, "form")]})
        else:
            action.update(
                {
                    "view_mode": "list,form",
                    "domain": [("id", "in", records.ids)],
                    "views": [(False, "list"), (False, "form")],
                }
            )
        return action

    def related_action_prestashop_import(self):
        return (
            self._prestashop_fix_action() or super().related_action_prestashop_import()
        )

    def related_action_prestashop_backend(self):
        return (
            self._prestashop_fix_action() or super().related_action_prestashop_backend()
        )

    def related_action_unwrap_binding(self, component_usage="binder"):
        return self._prestashop_fix_action() or super().related_action_unwrap_binding(
            component_usage=component_usage
        )


class QueueJobFunction(models.Model):
    _inherit = "queue.job.function"

    #: job functions run in root.prestashop.orders (see queue_job_ops_data.xml)
    _PRESTASHOP_ORDER_FUNCTIONS = (
        "job_function_prestashop_sale_order_import_batch",
        "job_function_prestashop_sale_order_import_record",
        "job_function_prestashop_sale_order_import_order_by_reference",
    )

    @api.model
    def _prestashop_move_order_jobs_to_orders_channel(self):
        orders = self.env.ref(
            "connector_prestashop.channel_prestashop_orders", raise_if_not_found=False
        )
        default = self.env.ref(
            "connector_prestashop.channel_prestashop_import", raise_if_not_found=False
        )
        if not orders:
            return
        for xmlid in self._PRESTASHOP_ORDER_FUNCTIONS:
            function = self.env.ref(
                f"connector_prestashop.{xmlid}", raise_if_not_found=False
            )
            # only from the shipped default: an admin's choice is kept
            if function and function.channel_id in (
                default,
                self.env["queue.job.channel"],
            ):
                function.channel_id = orders
