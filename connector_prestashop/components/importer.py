# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Importers: PrestaShop -> Odoo.

A record importer is a template method with small named hooks
(``_must_skip``, ``_import_dependencies``, ``_match_existing``,
``_after_import``...): an integrator overrides one hook, not the flow.
"""

import logging
import time

from odoo.tools import SQL

from odoo.addons.component.core import AbstractComponent, Component

from .synclog import log_sync

_logger = logging.getLogger(__name__)


class PrestashopImporter(AbstractComponent):
    """Import one PrestaShop record."""

    _name = "prestashop.importer"
    _inherit = ["prestashop.base", "base.importer"]
    _usage = "record.importer"
    _base_mapper_usage = "import.mapper"

    def __init__(self, work_context):
        super().__init__(work_context)
        self.external_id = None
        self.prestashop_record = None

    # -- hooks -----------------------------------------------------------------
    def _lock_name(self):
        return (
            f"prestashop-import({self.backend_record.id},{self.model._name},"
            f"{self.external_id})"
        )

    def _get_prestashop_data(self):
        return self.backend_adapter.read(self.external_id)

    def _must_skip(self, binding):
        """Return a reason (str) to skip this record, or None."""
        return None

    def _import_dependencies(self):
        """Import the records this one points to, before mapping it."""

    def _import_dependency(self, external_id, binding_model, always=False):
        """Import a dependency unless it is already bound."""
        if not external_id or str(external_id) == "0":
            return
        binder = self.binder_for(binding_model)
        if always or not binder.to_internal(external_id):
            importer = self.component(usage="record.importer", model_name=binding_model)
            importer.run(external_id)

    def _match_existing(self, map_record):
        """An existing Odoo record to bind instead of creating one (matching
        by code, e-mail, reference...), or None."""
        return None

    def _create_data(self, map_record, **kwargs):
        return map_record.values(for_create=True, **kwargs)

    def _update_data(self, map_record, **kwargs):
        return map_record.values(**kwargs)

    def _create_once(self, model, values, exists_query, what):
        """``model.create(values)``, once across workers: two jobs importing
        records that share a dependency created on the fly (two products of
        one option "Color") would both create it, since neither sees the
        other's uncommitted record.  An advisory lock on ``what`` makes the
        second wait (retried), then ``exists_query`` (an ``odoo.tools.SQL``
        returning a row when the record exists) read on a fresh cursor tells
        it the first committed it meanwhile: it is retried and finds it."""
        self.advisory_lock_or_retry(
            f"prestashop-create({self.backend_record.id},{model._name},{what})",
            retry_seconds=2,
        )
        self.retry_if_committed_meanwhile(exists_query, what)
        return model.create(values)

    #: context keys the binding is created with, besides
    #: ``connector_no_export``: ``{"tracking_disable": True}`` spares the
    #: chatter's creation message, follower and tracking values (mail's
    #: ``mail.thread.create``) on records the migration creates by thousands
    _create_context = {}

    def _create(self, data):
        return self.model.with_context(
            connector_no_export=True, **self._create_context
        ).create(data)

    def _update(self, binding, data):
        binding.with_context(connector_no_export=True).write(data)

    def _after_import(self, binding):
        """Hook after the record is created or updated and bound."""

    # -- flow --------------------------------------------------------------------
    def run(self, external_id, force=False, data=None):
        """Import ``external_id``; ``data`` is the record when the caller
        already read it (batch reads), which spares one request."""
        if not self.env.context.get("connector_no_export"):
            # an import must never write back to the shop (see
            # prestashop.binding._import_backend, the entry of every import)
            raise RuntimeError(
                "PrestaShop importers run on a work context made by "
                "prestashop.binding._import_backend (connector_no_export)."
            )
        started = time.monotonic()
        requests_before = self.client.request_count
        self.external_id = int(external_id)
        # Two workers importing the same record wait for each other instead
        # of creating it twice.
        self.advisory_lock_or_retry(self._lock_name(), retry_seconds=2)
        self.prestashop_record = data or self._get_prestashop_data()
        binding = self.binder.to_internal(self.external_id)
        if not binding:
            self.retry_if_committed_meanwhile(
                SQL(
                    "SELECT 1 FROM %s WHERE backend_id = %s AND prestashop_id = %s",
                    SQL.identifier(self.model._table),
                    self.backend_record.id,
                    self.external_id,
                ),
                f"{self.model._description} {self.external_id}",
            )
        # _must_skip/_match_existing: hooks whose overrides return values
        reason = self._must_skip(binding)  # pylint: disable=assignment-from-none
        if reason:
            return reason
        self._import_dependencies()
        map_record = self.mapper.map_record(self.prestashop_record)
        if binding:
            values = self._update_data(map_record)
            if "odoo_id" in binding._fields and not binding.odoo_id:
                # mapping tables: fill a missing mapping, never override one
                # made by hand
                existing = self._match_existing(map_record)  # pylint: disable=assignment-from-none
                if existing:
                    values["odoo_id"] = existing.id
            self._update(binding, values)
        else:
            existing = self._match_existing(map_record)  # pylint: disable=assignment-from-none
            values = self._create_data(map_record)
            if existing:
                values["odoo_id"] = existing.id
            binding = self._create(values)
        self.binder.bind(self.external_id, binding)
        self._after_import(binding)
        # one structured line per record (format: components/synclog.py)
        log_sync(
            _logger,
            "import",
            self.backend_record,
            self.model._name,
            self.external_id,
            binding,
            started,
            self.client.request_count - requests_before,
        )
        return binding


class PrestashopBatchImporter(AbstractComponent):
    """Read many records with ``display=full`` (one request per page) and
    import each of them."""

    _name = "prestashop.batch.importer"
    _inherit = ["prestashop.base", "base.importer"]
    _usage = "batch.importer"

    def run(self, filters=None):
        count = 0
        for record in self.backend_adapter.search_read_all(filters):
            self._import_record(record)
            count += 1
        return count

    def _import_record(self, record):
        raise NotImplementedError


class PrestashopDirectBatchImporter(Component):
    """Import every record inside the batch job (small reference data).

    Concrete and bound to no model: it is the batch importer of every binding
    model that does not declare its own (metadata)."""

    _name = "prestashop.direct.batch.importer"
    _inherit = "prestashop.batch.importer"

    def _import_record(self, record):
        importer = self.component(usage="record.importer")
        importer.run(record["id"], data=record)


#: PrestaShop fields that are secrets (a customer's password hash and
#: password-reset token, the key of a customer's or an order's private
#: links): no job keeps them in its arguments, at any depth.  queue_job keeps
#: a done job's arguments for days and a failed one's until it is deleted.
SECRET_FIELDS = frozenset(
    {
        "passwd",
        "secure_key",
        "reset_password_token",
        "reset_password_validity",
        "last_passwd_gen",
    }
)


def job_data(record, keep=None):
    """``record`` (a PrestaShop record as the adapter reads it: a dict, the
    related records a batch attached under ``_``-keys) as a job may keep it
    in its arguments: a copy without :data:`SECRET_FIELDS` at any depth and,
    with ``keep`` (a set of field names), without the fields not in it
    (the attached ``_``-keys are kept)."""
    if isinstance(record, list):
        return [job_data(item) for item in record]
    if not isinstance(record, dict):
        return record
    return {
        key: job_data(value)
        for key, value in record.items()
        if key not in SECRET_FIELDS
        and (keep is None or key in keep or key.startswith("_"))
    }


class PrestashopDelayedBatchImporter(AbstractComponent):
    """Queue one job per record (orders, customers, products), with the
    record read by the batch as its data (:meth:`_job_data`)."""

    _name = "prestashop.delayed.batch.importer"
    _inherit = "prestashop.batch.importer"

    #: job options of the per-record jobs
    _job_priority = 20
    #: field names of a record its import reads (a frozenset): all its job
    #: keeps of it (:func:`job_data` ``keep``; the batch's ``_``-keys are
    #: kept); None keeps every field but the secret ones
    _job_fields = None

    def _import_record(self, record):
        self.model.with_delay(
            priority=self._job_priority,
            identity_key=self._identity_key(record),
            description=self._job_description(record),
        ).import_record(
            self.backend_record, int(record["id"]), data=self._job_data(record)
        )

    def _job_data(self, record):
        """What the per-record job receives of ``record``: what its import
        reads, nothing secret (:func:`job_data`).  An override that maps a
        field left out here adds it."""
        return job_data(record, keep=self._job_fields)

    def _identity_key(self, record):
        # The same version of a record queued twice (overlapping batches)
        # runs once; a newer version (other date_upd) gets its own job.
        return "prestashop-import-{}-{}-{}-{}".format(
            self.backend_record.id,
            self.model._name,
            record["id"],
            record.get("date_upd", ""),
        )

    def _job_description(self, record):
        return f"Import {self.model._description} {record['id']} from PrestaShop"
