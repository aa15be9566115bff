# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared pieces of the catalog export (Odoo -> PrestaShop).

* :class:`CatalogExportMapper`: texts in every shop language, link_rewrite,
  prices sent tax excluded so that PrestaShop shows Odoo's tax-included price.
* :class:`CatalogExporter`: ``generic.exporter`` with

  - a lookup of the record on PrestaShop before creating it (a retried job
    whose POST answer was lost, or a record that already exists there, is
    bound instead of created twice);
  - updates sent as one PATCH holding only the fields whose value changed
    since the last export (a hash per field is kept on the binding), so an
    edit of one field costs one small request and a job with nothing new
    sends nothing.
"""

import hashlib
import json
import logging
import re
import unicodedata

from odoo import _
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.component.core import AbstractComponent
from odoo.addons.queue_job.exception import FailedJobError

_logger = logging.getLogger(__name__)


def slugify(text, max_length=128):
    """PrestaShop ``isLinkRewrite``: lowercase ascii letters, digits, dashes."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    return (text or "item")[:max_length].strip("-") or "item"


def value_hash(value):
    return hashlib.sha1(
        json.dumps(value, sort_keys=True, default=str).encode()
    ).hexdigest()[:16]


def baseline_hashes(mapper, record, **options):
    """``{PrestaShop field: hash}`` of what ``mapper`` makes of ``record``
    now, for ``ps_sync_hash``: stored as if sent, an export then sends only
    what changes afterwards.  A mapping that cannot be made yet (a tax with
    no PrestaShop rule group...) is left out, so its field is sent at the
    first export."""
    map_record = mapper.map_record(record)
    try:
        data = map_record.values(**options)
    except (FailedJobError, UserError):
        data = {}
        for definition in mapper._map_methods.values():
            if not definition.changed_by:
                continue
            try:
                data.update(
                    map_record.values(fields=list(definition.changed_by), **options)
                )
            except (FailedJobError, UserError):
                continue
    return {key: value_hash(value) for key, value in data.items()}


def ean13_or_empty(code):
    code = (code or "").strip()
    if len(code) != 13 or not code.isdigit():
        return ""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code[:12]))
    return code if str((10 - total % 10) % 10) == code[12] else ""


class CatalogExportMapper(AbstractComponent):
    _name = "prestashop.catalog.export.mapper"
    _inherit = "prestashop.export.mapper"

    def _languages(self):
        """(PrestaShop language id, Odoo code) of the mapped languages."""
        return [
            (lang.prestashop_id, lang.odoo_id.code)
            for lang in self.backend_record.lang_ids
            if lang.odoo_id and lang.prestashop_id
        ]

    def ml(self, record, getter):
        """``{ps_lang_id: text}`` from ``getter(record_in_that_language)``.

        ``getter`` is a field name or a callable; Odoo translations give one
        text per shop language."""
        values = {}
        for ps_lang, code in self._languages():
            rec = record.with_context(lang=code)
            text = getter(rec) if callable(getter) else rec[getter]
            values[ps_lang] = text or ""
        return values

    def odoo_owns(self, what):
        """Whether an empty Odoo value of ``what`` (``reference``, ``cost``,
        ``categories``, ``seo``, ``descriptions``) is sent anyway: always when
        the record is created on PrestaShop (nothing there to erase),
        otherwise when the backend says Odoo owns it (``ps_odoo_owns_*``)."""
        return bool(self.options.for_create) or bool(
            self.backend_record[f"ps_odoo_owns_{what}"]
        )

    def ml_known(self, values, what):
        """``values`` (``{ps_lang_id: text}``) when Odoo holds a text in at
        least one language or owns ``what``; else ``{}`` (the field is not
        sent and the shop keeps its texts)."""
        if any(values.values()) or self.odoo_owns(what):
            return values
        return {}

    def ml_slug(self, names):
        return {lang: slugify(text) for lang, text in names.items()}

    def price_tax_excluded(self, amount, taxes):
        """Odoo price -> the tax-excluded price PrestaShop stores.

        When Odoo's taxes are included in the price, the price is divided
        unrounded (6 decimals), so that PrestaShop's price x (1 + rate),
        rounded to the cent, is Odoo's price again."""
        included = sum(
            t.amount for t in taxes if t.price_include and t.amount_type == "percent"
        )
        fixed = sum(
            t.amount for t in taxes if t.price_include and t.amount_type == "fixed"
        )
        amount = (amount or 0.0) - fixed
        if included:
            amount = amount / (1 + included / 100.0)
        return round(amount, 6)

    def sale_taxes(self, product):
        company = self.backend_record.company_id
        return product.taxes_id.filtered(
            lambda t: not t.company_id or t.company_id == company
        )

    def tax_rule_group(self, product):
        """PrestaShop tax rule group of the product's sale tax (mapping made
        by the metadata synchronisation)."""
        taxes = self.sale_taxes(product)
        if not taxes:
            return 0
        groups = self.env["prestashop.tax.rule.group"].search(
            [
                ("backend_id", "=", self.backend_record.id),
                ("odoo_id", "in", taxes.ids),
                ("deleted", "=", False),
            ],
            order="ps_active desc, prestashop_id",
        )
        if not groups:
            raise FailedJobError(
                _(
                    "The tax %(tax)s of product %(product)s has no PrestaShop tax "
                    "rule group. Open the backend %(backend)s, Tax rule groups, map "
                    "one to this tax (or run 'Synchronize metadata'), then requeue "
                    "this job.",
                    tax=", ".join(taxes.mapped("name")),
                    product=product.display_name,
                    backend=self.backend_record.name,
                )
            )
        return groups[0].prestashop_id


class CatalogExporter(AbstractComponent):
    """Exporter of one catalog record (category, option, value, product)."""

    _name = "prestashop.catalog.exporter"
    _inherit = "prestashop.exporter"

    #: binding field keeping ``{ps field: hash}`` of what was last sent
    _hash_field = "ps_sync_hash"
    #: a record found on the shop before creating (``_lookup_existing``) gets
    #: Odoo's values; False for records shared by many products (options and
    #: their values, matched by name), which are bound as the shop has them
    _update_found = True

    def _lock_name(self):
        return (
            f"prestashop-export({self.backend_record.id},{self.model._name},"
            f"{self.binding.id})"
        )

    def _lookup_existing(self, data):
        """PrestaShop id of an existing record matching ``data`` (looked up
        before creating), or None."""
        return None

    def _run(self, fields=None):
        # Two workers exporting the same binding: the second waits (retried)
        # instead of creating the record twice.  The generic row lock is
        # taken too, later, by ``_lock``.
        self.advisory_lock_or_retry(self._lock_name(), retry_seconds=5)
        if self._has_to_skip():
            return _("Nothing to export.")
        self._export_dependencies()
        self._lock()
        data = self._map_data().values(for_create=not self.external_id)
        hashes = {key: value_hash(value) for key, value in data.items()}
        if not self.external_id:
            # hook: None in the base class, overrides return an id
            found = self._lookup_existing(data)  # pylint: disable=assignment-from-none
            if found:
                self.external_id = found
                _logger.info(
                    "prestashop export %s %s: bound to existing PrestaShop id %s",
                    self.model._name,
                    self.binding.id,
                    found,
                )
                # the record exists: what Odoo masters, not creation defaults
                data = self._map_data().values(for_create=False)
                hashes = {key: value_hash(value) for key, value in data.items()}
                if self._update_found:
                    self._update(data)
            else:
                self.external_id = self._create(data)
        else:
            old = self.binding[self._hash_field] or {}
            changed = {k: v for k, v in data.items() if old.get(k) != hashes[k]}
            if changed:
                self._update(changed)
        self.binding.with_context(connector_no_export=True).write(
            {self._hash_field: hashes}
        )
        return _("Exported to PrestaShop with ID %s.", self.external_id)

    def _update(self, data):
        self.backend_adapter.patch(self.external_id, data)

    def run(self, binding, *args, **kwargs):
        """``generic.exporter.run`` without its import check, and binding
        only when something was exported (a skipped record stays unbound)."""
        self.binding = binding
        self.external_id = self.binder.to_external(binding) or None
        result = self._run(*args, **kwargs)
        if self.external_id:
            self.binder.bind(self.external_id, self.binding)
        # keep the PrestaShop id even if what follows fails (no duplicate on
        # retry); also releases the locks
        self._commit()
        self._after_export()
        return result

    def _commit(self):
        if not config["test_enable"]:
            self.env.cr.commit()  # pylint: disable=invalid-commit
