# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api, fields, models


class PrestashopBinding(models.AbstractModel):
    """Link between one PrestaShop record and Odoo, per backend.

    Concrete bindings either ``_inherits`` an Odoo model (``odoo_id``) or are
    configuration records of their own (shops, order states...)."""

    _name = "prestashop.binding"
    _inherit = "external.binding"
    _description = "PrestaShop Binding (abstract)"

    backend_id = fields.Many2one(
        "prestashop.backend",
        string="PrestaShop Backend",
        required=True,
        ondelete="restrict",
        index=True,
    )
    prestashop_id = fields.Integer("ID on PrestaShop", index=True, copy=False)

    _sql_constraints = [
        (
            "prestashop_uniq",
            "unique(backend_id, prestashop_id)",
            "A binding already exists with the same PrestaShop ID.",
        ),
    ]

    # -- jobs (declared per concrete model in data/queue_job_data.xml) ----------
    # Jobs run as the user who queued them (a salesperson confirming an order
    # queues a stock export): synchronisation itself is the connector's
    # business, so it runs with superuser rights, in the job's company.
    @api.model
    def _import_backend(self, backend):
        """``backend`` as every import works on it: superuser, and
        ``connector_no_export`` in the context of the work, so that every
        record an import reads or creates carries it and nothing the import
        writes (a template's translations, its variants, prices, pictures...)
        is exported back to the shop.  Without it a re-import sent the shop's
        own products back, emptied references and categories.  The work runs
        in the backend's default language (not the language of the user who
        queued the job), the one translated names are matched in.

        Superuser as a *user* (``with_user``), not ``sudo()`` alone: the job
        of a person who pressed "Import orders" ran with that person's uid,
        and Odoo code that drops the flag (stock_account's
        ``product.sudo(False).qty_available`` on a product created by the
        import) or opens an ``Environment(new_cr, uid)`` (base_exception)
        failed with their rights (AccessError, MissingError), while the
        scheduled import, run by the superuser, worked: now both are alike.
        The job itself keeps its creator (job list, notifications), and the
        work knows it (``job_uuid``, which queue_job puts in the context of
        the job's records only): an adapter tells a job's last try."""
        backend.ensure_one()
        # the backend's company first, whichever company the user who queued
        # the job worked in: company-dependent values (a product's cost, a
        # partner's pricelist) are the shop's company's
        return (
            backend.with_user(SUPERUSER_ID)
            .with_company(backend.company_id)
            .with_context(
                connector_no_export=True,
                lang=backend.sudo()._default_lang_code(),
                job_uuid=self.env.context.get("job_uuid"),
            )
        )

    @api.model
    def import_batch(self, backend, filters=None):
        """Job: import the records matching ``filters`` (webservice params)."""
        self, backend = self.sudo(), self._import_backend(backend)  # noqa: PLW0642
        with backend.work_on(self._name) as work:
            return work.component(usage="batch.importer").run(filters=filters)

    @api.model
    def import_record(self, backend, prestashop_id, data=None):
        """Job: import one record; ``data`` when the batch already read it."""
        self, backend = self.sudo(), self._import_backend(backend)  # noqa: PLW0642
        with backend.work_on(self._name) as work:
            binding = work.component(usage="record.importer").run(
                prestashop_id, data=data
            )
        if isinstance(binding, models.BaseModel):
            return f"Imported {binding._name} {binding.id} (PrestaShop {prestashop_id})"
        return binding

    @api.model
    def import_page(self, backend, filters, offset):
        """Job: the page at ``offset`` of the batch of ``filters`` (the
        batch importer's ``run_page``), which queues the next one."""
        self, backend = self.sudo(), self._import_backend(backend)  # noqa: PLW0642
        with backend.work_on(self._name) as work:
            return work.component(usage="batch.importer").run_page(filters, offset)

    @api.model
    def import_records(self, backend, records):
        """Job: import ``records`` (a chunk of what a batch read: a list of
        PrestaShop records, as ``job_data`` keeps them) in one transaction,
        new bindings created together (``prestashop.bulk.importer``); a
        record that fails gets a job of its own."""
        self, backend = self.sudo(), self._import_backend(backend)  # noqa: PLW0642
        with backend.work_on(self._name) as work:
            return work.component(usage="bulk.importer").run(records)

    def export_record(self, fields=None):
        """Job: export this binding."""
        self.ensure_one()
        self = self.sudo()  # noqa: PLW0642
        with self.backend_id.work_on(self._name) as work:
            return work.component(usage="record.exporter").run(self, fields=fields)
