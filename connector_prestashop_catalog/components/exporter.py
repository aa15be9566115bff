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
    sends nothing;
  - the texts checked against PrestaShop's rules before anything is sent
    (:meth:`CatalogExporter._check_texts`, rules in :mod:`.text_rules`).
"""

import hashlib
import json
import logging
import re

from odoo import _
from odoo.exceptions import UserError
from odoo.tools import config

from odoo.addons.component.core import AbstractComponent
from odoo.addons.queue_job.exception import FailedJobError

from . import text_rules

_logger = logging.getLogger(__name__)


def slugify(text, max_length=128, lang=None):
    """PrestaShop ``isLinkRewrite`` URL name of ``text`` written in the
    language of iso code ``lang``: see :func:`.text_rules.url_name`."""
    return text_rules.url_name(text, lang, max_length)


def lang_isos(backend):
    """``{PrestaShop language id: iso code}`` of the backend's shop
    languages, from their PrestaShop ``language_code`` (``uk-ua``: ``uk``),
    else the mapped Odoo language's code."""
    return {
        lang.prestashop_id: text_rules.iso_code(lang.language_code or lang.odoo_id.code)
        for lang in backend.lang_ids
        if lang.prestashop_id
    }


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


def ean13_or_empty(code, version=None):
    """Odoo's barcode ``code`` as PrestaShop's ``ean13`` field takes it:
    digits only, at most 13 (``Validate::isEan13``, 8.x) or 14
    (``isGtin``, 9.x), so EAN-13, EAN-8, UPC-A and, on 9.x, GTIN-14 go
    as they are (PrestaShop checks no check digit: Odoo is the master of
    the code); "" for a barcode the field cannot hold (letters, longer),
    which the export then names (:meth:`CatalogExporter._export_notes`)."""
    code = (code or "").strip()
    size = 14 if (version or "").startswith("9") else 13
    # ASCII digits only: str.isdigit() takes full-width and other digits
    return code if re.fullmatch(rf"[0-9]{{1,{size}}}", code) else ""


class CatalogExportMapper(AbstractComponent):
    _name = "prestashop.catalog.export.mapper"
    _inherit = "prestashop.export.mapper"

    def _languages(self):
        """``[(PrestaShop language id, Odoo language code)]`` the texts are
        read in: the mapped Odoo language, or the backend's default one for
        a shop language Odoo cannot give (see
        ``prestashop.backend._ps_export_languages``; the exporter says so,
        or fails, before anything is sent)."""
        plan = self.job_cached(
            ("export_languages",), self.backend_record._ps_export_languages
        )
        return [(ps_lang, code) for ps_lang, code, _problem in plan]

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

    def reference(self, record, code, generated):
        """``{"reference": ...}`` to send for ``record`` (a product or
        combination binding), or ``{}`` to keep the shop's.

        * ``code``: Odoo's reference (``default_code``), sent when set;
        * without one, the creation sends ``generated`` (``ODOO-<template
          id>``, ``ODOO-<template id>-<variant id>``): the key the exporter
          looks the record up by before creating it, so that a retry after
          a lost POST answer binds the record the first try made;
        * an update never sends ``generated`` over the shop's reference:
          nothing is sent, or "" when the backend says Odoo owns references
          (except over the generated reference Odoo itself sent, per
          ``ps_sync_hash``, which then stays as it is)."""
        code = (code or "").strip()
        if code:
            return {"reference": code}
        if self.options.for_create:
            return {"reference": generated}
        if not self.backend_record.ps_odoo_owns_reference:
            return {}
        if (record.ps_sync_hash or {}).get("reference") == value_hash(generated):
            return {"reference": generated}
        return {"reference": ""}

    def ml_known(self, values, what):
        """``values`` (``{ps_lang_id: text}``) when Odoo holds a text in at
        least one language or owns ``what``; else ``{}`` (the field is not
        sent and the shop keeps its texts)."""
        if any(values.values()) or self.odoo_owns(what):
            return values
        return {}

    def ml_slug(self, names):
        """``{ps_lang_id: URL name}`` of ``names`` (``{ps_lang_id: text}``),
        each transliterated as its shop language writes (``Вишиванка`` in
        a ``uk`` language: ``vyshyvanka``)."""
        isos = lang_isos(self.backend_record)
        return {
            lang: slugify(text, lang=isos.get(lang)) for lang, text in names.items()
        }

    def price_tax_excluded(self, amount, taxes):
        """Odoo price ``amount`` (float, in the company's currency) -> the
        tax-excluded price PrestaShop stores (float, 6 decimals).

        Odoo computes it (``account.tax.compute_all`` of ``taxes``, Odoo 18
        ``addons/account/models/account_tax.py``): taxes included in the
        price are taken out (percent, fixed, division, group taxes and their
        children), taxes excluded leave it as it is.  Unrounded
        (``round_globally``, ``round_base=False``): PrestaShop's price x
        (1 + rate), rounded to the cent, is Odoo's price again."""
        return round(self.tax_excluded_unrounded(amount, taxes), 6)

    def tax_excluded_unrounded(self, amount, taxes):
        """:meth:`price_tax_excluded` before its rounding (a difference of
        two prices is rounded once)."""
        if not taxes:
            return amount or 0.0
        # round_globally and round_base=False: the amounts unrounded (the
        # company's "round per line" would round the tax taken out to the
        # cent, 12.34 -> 10.28 instead of 10.283333)
        result = taxes.with_context(round_base=False).compute_all(
            amount or 0.0,
            currency=self.backend_record.company_id.currency_id,
            rounding_method="round_globally",
        )
        return result["total_excluded"]

    def sale_taxes(self, product):
        company = self.backend_record.company_id
        return product.taxes_id.filtered(
            lambda t: not t.company_id or t.company_id == company
        )

    def tax_rule_group(self, product):
        """PrestaShop tax rule group (id) of the product's sale tax: the
        group mapped to it as its tax-excluded (``odoo_id``) or tax-included
        (``odoo_price_include_id``) Odoo tax, mappings made by the metadata
        synchronisation from the group's rule for the company's country.
        0 for a product without sale tax; :class:`FailedJobError` saying
        what to map when no group has the tax."""
        taxes = self.sale_taxes(product)
        if not taxes:
            return 0
        if len(taxes) > 1:
            # one group per product on the shop: the price it shows would
            # miss the other taxes (20 % + 5.5 %: 28.59 instead of 29.90)
            raise FailedJobError(
                _(
                    "The product %(product)s has several sale taxes (%(taxes)s), "
                    "but a PrestaShop product has one tax rule group: its price "
                    "on the shop would be wrong. Keep one sale tax on the product "
                    "(Sales Taxes), then requeue this job.",
                    product=product.display_name,
                    taxes=", ".join(taxes.mapped("name")),
                )
            )
        group_id = self.job_cached(
            ("tax_rule_group", tuple(taxes.ids)), lambda: self._tax_rule_group_id(taxes)
        )
        if not group_id:
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
        return group_id

    def _tax_rule_group_id(self, taxes):
        """PrestaShop id of the tax rule group mapped to ``taxes`` (0: none),
        an active one first."""
        groups = self.env["prestashop.tax.rule.group"].search(
            [
                ("backend_id", "=", self.backend_record.id),
                "|",
                ("odoo_id", "in", taxes.ids),
                ("odoo_price_include_id", "in", taxes.ids),
                ("deleted", "=", False),
            ],
            order="ps_active desc, prestashop_id",
            limit=1,
        )
        return groups.prestashop_id


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
        # a text the shop would refuse fails the job before anything, the
        # dependencies included, is sent
        sources = set(self._text_sources.values())
        if sources:
            self._check_texts(
                self._map_data().values(
                    for_create=not self.external_id, fields=sorted(sources)
                )
            )
        self._export_dependencies()
        self._lock()
        data = self._map_data().values(for_create=not self.external_id)
        data = self._check_texts(data)
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
                data = self._check_texts(self._map_data().values(for_create=False))
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

    def _unbound(self, ps_ids):
        """The PrestaShop ids of ``ps_ids`` (iterable of int) that no other
        binding of this backend holds (a set): a look-up never takes a shop
        record another Odoo record is bound to (binding it would overwrite
        that record on the shop)."""
        ps_ids = set(ps_ids)
        if not ps_ids:
            return ps_ids
        taken = (
            self.model.with_context(active_test=False)
            .search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "in", list(ps_ids)),
                    ("id", "!=", self.binding.id),
                ]
            )
            .mapped("prestashop_id")
        )
        return ps_ids - set(taken)

    # -- texts PrestaShop refuses ---------------------------------------------
    #: ``{PrestaShop field: field of the Odoo record}`` the texts are made
    #: from: named (by its label) when PrestaShop would refuse one.  Only the
    #: fields listed here are checked before the dependencies are exported;
    #: every field of :mod:`.text_rules` is checked before the record is
    #: sent.  Integrators sending more texts add theirs.
    _text_sources = {}
    #: characters of text of a product's short description when the backend
    #: has no ``ps_short_desc_limit`` (the shop's PS_PRODUCT_SHORT_DESC_LIMIT,
    #: read at metadata sync): PrestaShop's default
    _short_description_limit = text_rules.SHORT_DESC_LIMIT

    def _check_texts(self, data):
        """``data`` (mapped values of the binding) with the texts PrestaShop
        would refuse but the connector may fix cleaned (meta title and
        description, URL name); :class:`FailedJobError` naming the Odoo
        field, the record, the language, what PrestaShop refuses and what
        to do, for any other (see :mod:`.text_rules`)."""
        return self._checked_texts(
            data,
            self.backend_adapter._prestashop_resource,
            self.binding.odoo_id,
            self._text_sources,
        )

    def _checked_texts(self, data, resource, record, sources):
        """:meth:`_check_texts` of ``data`` written to ``resource``, made from
        ``record`` (its fields named through ``sources``)."""
        backend = self.backend_record
        data, problems = text_rules.check(
            resource,
            data,
            version=backend.version,
            lang_isos=lang_isos(backend),
            short_desc_limit=backend.ps_short_desc_limit
            or self._short_description_limit,
        )
        if problems:
            raise FailedJobError(self._text_problems_message(problems, record, sources))
        return data

    def _text_problems_message(self, problems, record, sources):
        """The failure of :meth:`_checked_texts`, in the user's words: one
        line per refused text."""
        langs = {
            lang.prestashop_id: lang.odoo_id.name or lang.name
            for lang in self.backend_record.lang_ids
        }
        lines = []
        for problem in problems:
            source = sources.get(problem.field)
            label = (
                record._fields[source]._description_string(self.env)
                if source in record._fields
                else problem.field
            )
            shared = [f for f, src in sources.items() if src == source]
            if len(shared) > 1 and source != problem.field:
                # one Odoo field, several PrestaShop fields (the attribute's
                # name and public name): which one
                label = _(
                    "%(label)s (PrestaShop field %(field)s)",
                    label=label,
                    field=problem.field,
                )
            if problem.lang is not None:
                label = _(
                    "%(label)s in %(lang)s",
                    label=label,
                    lang=langs.get(problem.lang) or problem.lang,
                )
            lines.append("- " + self._text_problem_sentence(problem, label))
        model = self.env["ir.model"]._get(record._name).name
        return _(
            "Nothing was sent to PrestaShop: the shop would refuse texts of "
            '%(model)s "%(record)s":\n%(problems)s\nCorrect them in Odoo (switch '
            "your language to edit a translation), then requeue this job.",
            model=model,
            record=record.display_name,
            problems="\n".join(lines),
        )

    def _text_problem_sentence(self, problem, label):
        if problem.kind == "characters":
            return _(
                "%(field)s contains %(found)s, which PrestaShop does not allow "
                "there (it refuses %(refused)s): remove them.",
                field=label,
                found=" ".join(problem.found),
                refused=" ".join(problem.refused) or problem.validator,
            )
        if problem.kind == "html":
            return _(
                "%(field)s contains %(found)s: PrestaShop refuses scripts, "
                "event attributes (onclick=...), 'script:' links, frames, "
                "forms, inputs and embedded objects in HTML. Remove them.",
                field=label,
                found=", ".join(problem.found),
            )
        if problem.kind == "size" and problem.text_only:
            return _(
                "%(field)s has %(length)s characters of text; PrestaShop takes "
                "at most %(limit)s (its setting PS_PRODUCT_SHORT_DESC_LIMIT): "
                "shorten it.",
                field=label,
                length=problem.length,
                limit=problem.limit,
            )
        if problem.kind == "size":
            return _(
                "%(field)s has %(length)s characters; PrestaShop takes at most "
                "%(limit)s: shorten it.",
                field=label,
                length=problem.length,
                limit=problem.limit,
            )
        return _(
            "%(field)s: PrestaShop does not take %(value)s there (%(validator)s).",
            field=label,
            value=", ".join(problem.found),
            validator=problem.validator,
        )

    def _check_languages(self):
        """The shop languages Odoo gives no text in (list of sentences, see
        ``prestashop.backend._ps_export_languages``), which get the default
        language's texts.  Raises :class:`FailedJobError` instead, before
        anything is sent, when the backend does not allow that
        (``ps_lang_fallback``)."""
        backend = self.backend_record
        problems = backend._ps_language_problems()
        if problems and not backend.ps_lang_fallback:
            raise FailedJobError(
                _(
                    "Nothing was sent to PrestaShop: %(problems)s. Then requeue "
                    "this job (or tick 'Fill Missing Languages' on the backend "
                    "%(backend)s to send the default language's texts).",
                    problems="; ".join(problems),
                    backend=backend.name,
                )
            )
        return problems

    def run(self, binding, *args, **kwargs):
        """``generic.exporter.run`` without its import check, and binding
        only when something was exported (a skipped record stays unbound)."""
        self.binding = binding
        self.external_id = self.binder.to_external(binding) or None
        missing = self._check_languages()
        result = self._run(*args, **kwargs)
        if missing:
            result = _(
                "%(result)s Texts sent in the backend's default language where "
                "Odoo has none: %(problems)s.",
                result=result,
                problems="; ".join(missing),
            )
        notes = self._export_notes() if self.external_id else []
        if notes:
            result = " ".join([result, *notes])
        if self.external_id:
            self.binder.bind(self.external_id, self.binding)
        # keep the PrestaShop id even if what follows fails (no duplicate on
        # retry); also releases the locks
        self._commit()
        self._after_export()
        return result

    def _export_notes(self):
        """Sentences added to the job's result: what Odoo holds that the
        shop was not sent and why (list of str; none by default)."""
        return []

    def _commit(self):
        if not config["test_enable"]:
            self.env.cr.commit()  # pylint: disable=invalid-commit
