# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Importers: PrestaShop -> Odoo.

A record importer is a template method with small named hooks
(``_must_skip``, ``_import_dependencies``, ``_match_existing``,
``_after_import``...): an integrator overrides one hook, not the flow.
"""

import dataclasses
import hashlib
import json
import logging
import time

from odoo import _, fields
from odoo.tools import SQL

from odoo.addons.component.core import AbstractComponent, Component

from .synclog import log_sync

_logger = logging.getLogger(__name__)


@dataclasses.dataclass
class ChunkLookup:
    """What the bulk importer looked up at once for the records of its
    chunk, before preparing them one by one
    (:meth:`PrestashopBulkImporter._look_up_chunk`): valid until it creates
    anything, then dropped.

    ``checked``: the PrestaShop ids (int) whose import lock this
    transaction holds and that the look-up answers for; ``bindings``:
    ``{id: binding}`` of those bound already; ``committed``: those another
    transaction bound after this one began (a record import retries).
    ``extra``: a model's own look-ups (``{name: value}``, e.g. the
    customers' partners by e-mail)."""

    checked: set = dataclasses.field(default_factory=set)
    bindings: dict = dataclasses.field(default_factory=dict)
    committed: set = dataclasses.field(default_factory=set)
    extra: dict = dataclasses.field(default_factory=dict)


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
        #: a :class:`ChunkLookup` the bulk importer made for the records
        #: it prepares, or None: look each record up alone
        self.chunk_lookup = None

    # -- hooks -----------------------------------------------------------------
    def _lock_name(self):
        return (
            f"prestashop-import({self.backend_record.id},{self.model._name},"
            f"{self.external_id})"
        )

    def _get_prestashop_data(self):
        return self.backend_adapter.read(self.external_id)

    def _must_skip(self, binding):
        """Why this record is not imported (str: the job's result), or None
        to import it.  A decision only, changing nothing: what a record
        that is not imported still changes in Odoo goes in :meth:`_skipped`
        (an override that returns its own reason without ``super()`` then
        loses none of it).  ``binding``: the record's binding, empty when
        it was never imported."""
        return None

    def _skipped(self, binding, reason):
        """What a record :meth:`_must_skip` left out (``reason``) still
        changes in Odoo; nothing by default (the order importer follows an
        imported order's new state here)."""

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

    def _prepare_create(self, data):
        """The values a new binding is created with, from ``data`` (the
        mapper's, with ``odoo_id`` when :meth:`_match_existing` found the
        Odoo record): an override keeps what a matched record already has."""
        return data

    def _creation_context(self, data):
        """Context keys of the creation of ``data`` (the values of
        :meth:`_prepare_create`); records created together in one ``create``
        by the bulk importer share them."""
        return dict(self._create_context, connector_no_export=True)

    def _created(self, binding):
        """The new ``binding`` as the rest of the import works on it (an
        override drops creation-only context keys)."""
        return binding

    def _create(self, data):
        data = self._prepare_create(data)
        return self._created(
            self.model.with_context(**self._creation_context(data)).create(data)
        )

    def _update(self, binding, data):
        binding.with_context(connector_no_export=True).write(data)

    def _after_import(self, binding):
        """Hook after the record is created or updated and bound."""

    # -- flow --------------------------------------------------------------------
    def run(self, external_id, data=None):
        """Import ``external_id``; ``data`` is the record when the caller
        already read it (batch reads), which spares one request.  Returns the
        binding, or the reason (str) the record was skipped."""
        prepared = self._prepare_import(external_id, data=data)
        if isinstance(prepared, str):
            return prepared
        binding, values = prepared
        if binding:
            self._update(binding, values)
        else:
            binding = self._create(values)
        return self._finish_import(binding)

    def _prepare_import(self, external_id, data=None):
        """Every step of :meth:`run` before the write: the record's lock,
        its data, :meth:`_must_skip`, :meth:`_import_dependencies`, the
        mapping.  Returns ``(binding, values)``: the existing binding and the
        values to write on it, or an empty binding and the values to create
        one with (``odoo_id`` set when :meth:`_match_existing` found the Odoo
        record); or the reason (str) to skip the record.  The bulk importer
        (``prestashop.bulk.importer``) creates the bindings of several
        prepared records in one ``create``."""
        if not self.env.context.get("connector_no_export"):
            # an import must never write back to the shop (see
            # prestashop.binding._import_backend, the entry of every import)
            raise RuntimeError(
                "PrestaShop importers run on a work context made by "
                "prestashop.binding._import_backend (connector_no_export)."
            )
        self._started = time.monotonic()
        self._requests_before = self.client.request_count
        self.external_id = int(external_id)
        # Two workers importing the same record wait for each other instead
        # of creating it twice.
        self.advisory_lock_or_retry(self._lock_name(), retry_seconds=2)
        self.prestashop_record = data or self._get_prestashop_data()
        binding = self._existing_binding()
        if not binding:
            self._retry_if_bound_meanwhile()
        # _must_skip/_match_existing: hooks whose overrides return values
        reason = self._must_skip(binding)  # pylint: disable=assignment-from-none
        if reason:
            self._skipped(binding, reason)
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
            return binding, values
        existing = self._match_existing(map_record)  # pylint: disable=assignment-from-none
        values = self._create_data(map_record)
        if existing:
            values["odoo_id"] = existing.id
        return binding, values

    def _looked_up(self):
        """Whether the bulk importer's look-up of its chunk
        (:attr:`chunk_lookup`) answers for this record: its lock was held
        when the chunk was looked up."""
        chunk = self.chunk_lookup
        return chunk is not None and self.external_id in chunk.checked

    def _existing_binding(self):
        """The binding of this record (empty when none): from the chunk's
        look-up, else the binder's."""
        if self._looked_up():
            return self.chunk_lookup.bindings.get(self.external_id) or self.model
        return self.binder.to_internal(self.external_id)

    def _retry_if_bound_meanwhile(self):
        """Retry the job when another worker bound this record after this
        job's transaction began (its lock is held: see
        ``retry_if_committed_meanwhile``); the chunk's look-up asked for
        its records at once."""
        if self._looked_up():
            committed = self.chunk_lookup.committed
        else:
            committed = self._bound_meanwhile([self.external_id])
        if self.external_id in committed:
            self._retry_committed_meanwhile(
                f"{self.model._description} {self.external_id}"
            )

    def _bound_meanwhile(self, external_ids):
        """Which of ``external_ids`` (PrestaShop ids) another transaction
        bound on this backend after this one began (a set; a new cursor
        sees them, this transaction does not)."""
        rows = self.committed_meanwhile(
            SQL(
                "SELECT prestashop_id FROM %s WHERE backend_id = %s "
                "AND prestashop_id = ANY(%s)",
                SQL.identifier(self.model._table),
                self.backend_record.id,
                list(external_ids),
            )
        )
        return {row[0] for row in rows}

    def _bulk_keys(self, values):
        """What this record's creation (``values``: the mapper's) may share
        with another record's of the same bulk import, as hashable keys
        (an e-mail, a reference): a record sharing one with a record waiting
        to be created is imported after that creation, so that it finds
        what the first created (one partner per e-mail, one product per
        reference).  The PrestaShop id is always one."""
        return [("id", self.external_id)]

    def _finish_import(self, binding, bound=False):
        """Every step of :meth:`run` after the write: bind (unless ``bound``:
        created with its PrestaShop id), :meth:`_after_import`, the
        structured log line.  Returns the binding."""
        if not bound:
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
            self._started,
            self.client.request_count - self._requests_before,
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


def record_identity_key(backend, model, record):
    """Identity key of the job importing ``record`` alone: the same version
    of a record queued twice (overlapping batches, a chunk's record sent to
    its own job) runs once; a newer version (other ``date_upd``) gets its
    own job."""
    return "prestashop-import-{}-{}-{}-{}".format(
        backend.id, model._name, record["id"], record.get("date_upd", "")
    )


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

    #: records per job: 1 queues a job per record (``import_record``);
    #: more queues one job per chunk of that many records
    #: (``import_records``, the bulk importer: the initial migration's
    #: customers and products, thousands of records)
    _chunk_size = 1

    def _import_record(self, record):
        if self._chunk_size <= 1:
            self._queue_record(record)
            return
        chunk = self.__dict__.setdefault("_chunk", [])
        chunk.append(record)
        if len(chunk) >= self._chunk_size:
            self._queue_chunk()

    def _queue_record(self, record):
        """Queue the job importing ``record`` alone."""
        self.model.with_delay(
            priority=self._job_priority,
            identity_key=self._identity_key(record),
            description=self._job_description(record),
        ).import_record(
            self.backend_record, int(record["id"]), data=self._job_data(record)
        )

    def _queue_chunk(self):
        """Queue the job importing the records gathered by
        :meth:`_import_record` (none: nothing).  A batch calls it after the
        last record of each page it reads (``run_page``)."""
        chunk, self._chunk = self.__dict__.get("_chunk") or [], []
        if not chunk:
            return
        ids = [str(record["id"]) for record in chunk]
        versions = "|".join(f"{r['id']}@{r.get('date_upd', '')}" for r in chunk)
        digest = hashlib.sha1(versions.encode()).hexdigest()
        self.model.with_delay(
            priority=self._job_priority,
            identity_key=(
                f"prestashop-import-chunk-{self.backend_record.id}-"
                f"{self.model._name}-{digest}"
            ),
            description=self._chunk_description(chunk, ids),
        ).import_records(
            self.backend_record, [self._job_data(record) for record in chunk]
        )

    def _page_params(self, filters):
        """The webservice parameters of every page of a batch: ``filters``
        sorted by id, so that a record saved while the pages are read never
        shifts one."""
        return dict(filters or {}, sort=(filters or {}).get("sort") or "[id_ASC]")

    def _queue_page(self, filters, offset):
        """Queue the job reading the page at ``offset`` of the batch of
        ``filters`` (``import_page``, :meth:`run_page` of the batch
        importers that read page by page): one page's requests per job,
        within the shop's request budget, and a fault on page 9 retries
        page 9 only.  Its identity (filters, offset) keeps two overlapping
        batches from reading one page twice at once."""
        digest = hashlib.sha1(
            json.dumps(filters or {}, sort_keys=True).encode()
        ).hexdigest()[:12]
        self.model.with_delay(
            priority=self._job_priority - 5,
            identity_key=(
                f"prestashop-import-page-{self.backend_record.id}-"
                f"{self.model._name}-{digest}-{offset}"
            ),
            description=_(
                "Import %(what)s from PrestaShop, from record %(offset)s",
                what=self.env["ir.model"]._get(self.model._name).name,
                offset=offset + 1,
            ),
        ).import_page(self.backend_record, filters or {}, offset)

    def _chunk_description(self, chunk, ids):
        return _(
            "Import %(count)s records of %(what)s from PrestaShop (ids %(first)s "
            "to %(last)s)",
            count=len(chunk),
            what=self.env["ir.model"]._get(self.model._name).name,
            first=ids[0],
            last=ids[-1],
        )

    def _job_data(self, record):
        """What the per-record job receives of ``record``: what its import
        reads, nothing secret (:func:`job_data`).  An override that maps a
        field left out here adds it."""
        return job_data(record, keep=self._job_fields)

    def _identity_key(self, record):
        return record_identity_key(self.backend_record, self.model, record)

    def _job_description(self, record):
        return f"Import {self.model._description} {record['id']} from PrestaShop"


class PrestashopBulkImporter(Component):
    """Import several records the batch read, in one job and one
    transaction: the initial migration's customers and products, a chunk of
    ``_chunk_size`` records per job (``prestashop.delayed.batch.importer``).

    Each record goes through its record importer's steps
    (:meth:`~PrestashopImporter._prepare_import`, then
    :meth:`~PrestashopImporter._finish_import`), with the same locks,
    matching and hooks as when imported alone; what differs is the creation:
    the new bindings of the chunk are created by one ``create`` of many
    records (Odoo's ORM is several times faster so: one INSERT per table,
    computed fields and mail followers in batch), once per creation context.

    A record sharing a key (:meth:`~PrestashopImporter._bulk_keys`: an
    e-mail, a reference) with a record waiting to be created is imported
    after that creation, so that it finds what the first created.  A record
    that fails (refused data, a lock held by another job) is rolled back
    alone (a savepoint per record) and gets a job of its own
    (``import_record``), where its error is reported and retried as every
    record's: the chunk goes on.

    Concrete and bound to no model: the bulk importer of every binding model
    that does not declare its own (customers add their addresses)."""

    _name = "prestashop.bulk.importer"
    _inherit = ["prestashop.base", "base.importer"]
    _usage = "bulk.importer"

    def run(self, records):
        """Import ``records`` (PrestaShop records as the batch read them,
        each with its ``id``).  Returns a summary (str): imported, skipped
        and requeued counts."""
        self._pending = []  # [(importer, record, values)] waiting for the create
        self._keys = set()
        self._later = []  # records sharing a key with a pending one
        self._counts = {"imported": 0, "skipped": 0, "requeued": []}
        self._chunk = self._look_up_chunk(records)
        for record in records:
            self._prepare(record)
        self._flush()
        for record in self._later:
            self._import_alone(record)
        return self._summary()

    def _record_importer(self):
        """A new record importer, given the chunk's look-up while the
        records are prepared."""
        importer = self.component(usage="record.importer")
        importer.chunk_lookup = getattr(self, "_chunk", None)
        return importer

    def _look_up_chunk(self, records):
        """Look up at once what each record's import would look up alone:
        take the records' import locks (held until the job's commit, as
        each import's), then find their bindings with one search and those
        committed meanwhile with one query on a new cursor.  A record whose
        lock another job holds is left out (its import tries the lock and
        gets a job of its own), as one without a valid id.  Returns a
        :class:`ChunkLookup`; an override adds a model's own look-ups to
        its ``extra``."""
        lookup = ChunkLookup()
        importer = self._record_importer()
        for record in records:
            try:
                importer.external_id = int(record["id"])
            except (KeyError, TypeError, ValueError):
                continue  # its own import refuses it, in its savepoint
            if importer.try_advisory_lock(importer._lock_name()):
                lookup.checked.add(importer.external_id)
        if not lookup.checked:
            return lookup
        ids = sorted(lookup.checked)
        lookup.bindings = importer.binder.to_internal_many(ids)
        unbound = [i for i in ids if i not in lookup.bindings]
        if unbound:
            lookup.committed = importer._bound_meanwhile(unbound)
        return lookup

    def _prepare(self, record):
        """Prepare ``record``: an update is written at once, a creation
        waits for :meth:`_flush`."""
        importer = self._record_importer()
        try:
            with self.env.cr.savepoint():
                prepared = importer._prepare_import(record["id"], data=record)
                if isinstance(prepared, str):
                    self._counts["skipped"] += 1
                    return
                binding, values = prepared
                if binding:
                    importer._update(binding, values)
                    importer._finish_import(binding)
                    self._counts["imported"] += 1
                    return
                keys = set(importer._bulk_keys(values))
                if keys & self._keys:
                    # after the creation; its keys stay taken, so that a
                    # record sharing one with it comes after it, as one job
                    # per record would have it
                    self._keys |= keys
                    self._later.append(record)
                    return
                values = importer._prepare_create(values)
        except Exception as err:  # noqa: BLE001 - the record's own job reports it
            self._requeue(record, err)
            return
        self._keys |= keys
        self._pending.append((importer, record, values))

    def _flush(self):
        """Create the pending bindings, one ``create`` per creation context,
        and finish each record's import.  When anything fails, the group is
        rolled back and each of its records imported alone
        (:meth:`_import_alone`): a record refused by Odoo leaves nothing."""
        # the look-up says nothing of what is created from here on
        self._chunk = None
        pending, self._pending, self._keys = self._pending, [], set()
        groups = {}
        for item in pending:
            importer, _record, values = item
            context = importer._creation_context(values)
            key = tuple(sorted((k, repr(v)) for k, v in context.items()))
            groups.setdefault(key, (context, []))[1].append(item)
        for context, items in groups.values():
            if not self._create_together(context, items):
                for _importer, record, _values in items:
                    self._import_alone(record)

    def _create_together(self, context, items):
        """Create the bindings of ``items`` in one ``create`` (under
        ``context``) and finish their imports.  Returns whether it worked;
        if not, nothing of it is left."""
        now = fields.Datetime.now()
        for importer, _record, values in items:
            # bound at creation: no write of the PrestaShop id afterwards
            values.update(prestashop_id=importer.external_id, sync_date=now)
        try:
            with self.env.cr.savepoint():
                bindings = self._create_bindings(context, items)
                # what the creation left to compute (a partner's address and
                # Peppol identifiers from its first contact) computed now,
                # under the creation's context (no mail tracking): the next
                # savepoint would flush it in any of the transaction's
                # environments
                bindings.env.flush_all()
                for (importer, _record, _values), binding in zip(
                    items, bindings, strict=True
                ):
                    importer._finish_import(importer._created(binding), bound=True)
                bindings.env.flush_all()
        except Exception as err:  # noqa: BLE001 - one by one finds the culprit
            self._rolled_back()
            _logger.info(
                "%s: %s records created one by one: %s",
                self.model._name,
                len(items),
                err,
            )
            return False
        self._counts["imported"] += len(items)
        return True

    def _create_bindings(self, context, items):
        """The bindings of ``items`` (``[(record importer, PrestaShop record,
        creation values)]``) created in one ``create`` under ``context`` (a
        dict of context keys), in the order of the items; an override does
        for the whole group what Odoo, or the record importer, would do per
        record."""
        return self.model.with_context(**context).create(
            [values for _importer, _record, values in items]
        )

    def _import_alone(self, record):
        """Import ``record`` as its own job would (a new record importer,
        ``run``), in a savepoint; when it fails, give it that job."""
        importer = self._record_importer()
        try:
            with self.env.cr.savepoint():
                result = importer.run(record["id"], data=record)
        except Exception as err:  # noqa: BLE001 - the record's own job reports it
            self._requeue(record, err)
            return
        self._counts["skipped" if isinstance(result, str) else "imported"] += 1

    def _rolled_back(self):
        """A savepoint of this job was rolled back: forget the job's
        look-ups (``lookup_cache``), which may name records it created."""
        cache = getattr(self.work, "lookup_cache", None)
        if cache:
            cache.clear()

    def _requeue(self, record, error):
        """Give ``record`` a job of its own (``import_record``), which
        reports ``error`` if it happens again and retries as usual."""
        self._rolled_back()
        _logger.info(
            "%s %s left to a job of its own: %s",
            self.model._name,
            record.get("id"),
            error,
        )
        batch = self.component(usage="batch.importer")
        if hasattr(batch, "_queue_record"):
            # named and prioritised as the batch names a record's job
            batch._queue_record(record)
        else:  # a model whose batch imports in place (addresses)
            self.model.with_delay(
                priority=PrestashopDelayedBatchImporter._job_priority,
                identity_key=record_identity_key(
                    self.backend_record, self.model, record
                ),
                description=_(
                    "Import %(what)s %(id)s from PrestaShop",
                    what=self.env["ir.model"]._get(self.model._name).name,
                    id=record["id"],
                ),
            ).import_record(
                self.backend_record, int(record["id"]), data=job_data(record)
            )
        self._counts["requeued"].append(str(record.get("id")))

    def _summary(self):
        counts = self._counts
        summary = f"Imported {counts['imported']}, skipped {counts['skipped']}"
        if counts["requeued"]:
            summary += (
                f"; in jobs of their own (failed here): "
                f"{', '.join(counts['requeued'])}"
            )
        return summary
