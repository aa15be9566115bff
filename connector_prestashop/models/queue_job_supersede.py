# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One live failure per PrestaShop record.

A failed import job stays "failed" until someone acts.  When a later job for
the same record (same backend, binding model and PrestaShop id) ends, done or
failed, the earlier failures of that record no longer say anything true: they
are cancelled with a note naming the job that superseded them, so that the
dashboard counts what is still wrong, not its history.  The order batch does
not queue again a version of an order whose job failed (see
``prestashop.sale.order.batch.importer``): "Requeue" on the failed job is the
way forward."""

from odoo import _, api, fields, models

from odoo.addons.queue_job.job import CANCELLED, DONE, FAILED

#: job methods whose second argument is the PrestaShop id of the record
#: (``prestashop.binding.import_record(backend, prestashop_id, ...)``)
RECORD_JOB_METHODS = ("import_record",)


class QueueJob(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    # Stored and indexed: looked up when a job ends and by every order batch.
    prestashop_record_ref = fields.Char(
        "PrestaShop Record",
        compute="_compute_prestashop_record_ref",
        store=True,
        index=True,
        readonly=True,
        help="The PrestaShop record a per-record import job is about "
        "(binding model,PrestaShop id); empty for other jobs.",
    )

    @api.depends("model_name", "method_name", "args")
    def _compute_prestashop_record_ref(self):
        for job in self:
            job.prestashop_record_ref = job._prestashop_record_ref()

    def _prestashop_record_ref(self):
        """``"<binding model>,<PrestaShop id>"`` for the jobs of
        :data:`RECORD_JOB_METHODS` on a PrestaShop binding, else False."""
        self.ensure_one()
        if self.method_name not in RECORD_JOB_METHODS or not (
            self.model_name or ""
        ).startswith("prestashop."):
            return False
        try:
            args = list(self.args or ())
        except (KeyError, ValueError):  # a model no longer installed
            return False
        if len(args) < 2 or not isinstance(args[1], int):
            return False
        return f"{self.model_name},{args[1]}"

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in (DONE, FAILED):
            self._prestashop_close_superseded()
        return result

    def _prestashop_close_superseded(self):
        """Cancel the failed jobs of the same record queued before these
        ones, with a result naming the job that superseded them."""
        Job = self.sudo()
        for job in self.sudo().filtered("prestashop_record_ref"):
            older = Job.search(
                [
                    ("prestashop_record_ref", "=", job.prestashop_record_ref),
                    ("prestashop_backend_id", "=", job.prestashop_backend_id.id),
                    ("state", "=", FAILED),
                    ("id", "<", job.id),
                ]
            )
            if not older:
                continue
            if job.state == DONE:
                note = _(
                    "Superseded by job %(uuid)s, done later for the same "
                    "record: %(result)s",
                    uuid=job.uuid,
                    result=job.result or "-",
                )
            else:
                note = _(
                    "Superseded by job %(uuid)s, a later import of the record "
                    "that failed too: see that job.",
                    uuid=job.uuid,
                )
            older._change_job_state(CANCELLED, result=note)

    @api.model
    def _prestashop_failed_identity_keys(self, identity_keys):
        """The identity keys among ``identity_keys`` of failed jobs."""
        if not identity_keys:
            return set()
        return set(
            self.sudo()
            .search(
                [("identity_key", "in", list(identity_keys)), ("state", "=", FAILED)]
            )
            .mapped("identity_key")
        )
