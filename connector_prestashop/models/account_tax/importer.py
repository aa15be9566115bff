# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _
from odoo.tools import float_compare

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_bool, ps_float, ps_int


class TaxImportMapper(Component):
    _name = "prestashop.account.tax.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.account.tax"

    @mapping
    def values(self, record):
        return {
            "name": self.translated(record.get("name")) or record.get("rate"),
            "rate": ps_float(record.get("rate")),
            "ps_active": ps_bool(record.get("active")),
            "deleted": ps_bool(record.get("deleted")),
        }


def ps_countries_by_tax(rules):
    """``{id_tax: {id_country}}`` (PrestaShop ids) of these ``tax_rules``
    records (PrestaShop ``TaxRule``: id_tax_rules_group, id_country, id_state,
    zipcode_from, id_tax)."""
    by_tax = {}
    for rule in rules:
        id_country = ps_int(rule.get("id_country"))
        if id_country:
            by_tax.setdefault(ps_int(rule.get("id_tax")), set()).add(id_country)
    return by_tax


class TaxBatchImporter(Component):
    """Imports the taxes with the countries of the tax rules that use them:
    two requests (taxes, tax_rules), none per tax.

    "Synchronize metadata" imports the taxes from the tax rule group batch
    (``TaxRuleGroupBatchImporter``), which reads the rules anyway."""

    _name = "prestashop.account.tax.batch.importer"
    _inherit = "prestashop.direct.batch.importer"
    _apply_on = "prestashop.account.tax"

    def run(self, filters=None):
        taxes = list(self.backend_adapter.search_read_all(filters))
        rules = []
        if taxes:
            rules = self.backend_adapter.read_rules(
                [t["id"] for t in taxes] if filters else None
            )
        return self.import_taxes(taxes, rules)

    def import_taxes(self, taxes, rules):
        """Import ``taxes`` (records read with ``display=full``); ``rules``:
        the shop's tax_rules that use them, which give each tax its
        countries (no request here)."""
        countries = ps_countries_by_tax(rules)
        importer = self.component(usage="record.importer")
        for tax in taxes:
            tax["_ps_countries"] = sorted(countries.get(ps_int(tax["id"]), ()))
            importer.run(tax["id"], data=tax)
        return len(taxes)


class TaxImporter(Component):
    """Binds a PrestaShop tax to the Odoo sale taxes of its rate AND country.

    PrestaShop creates one tax per country ("TVA FR 20%", "USt. AT 20%") and
    the tax rules (one per country of a group) say where each applies: the
    countries of a tax are those of the rules that use it.  Rules:

    * used by the company's fiscal country (alone or with others: the shop
      charges its own VAT abroad, below the EU distance-selling threshold),
      or by no rule at all (countries kept from an earlier import, else the
      company's, with a note): a domestic Odoo tax of that rate;
    * used by one other country: an Odoo sale tax of that country
      (``country_id``, foreign VAT) or a tax the company's fiscal positions
      for that country map to (the OSS taxes ``l10n_eu_oss`` creates: their
      ``country_id`` is the company's, only the fiscal position of the
      destination country points to them);
    * used by several other countries: nothing (one Odoo tax cannot be right
      for all of them), a note says so.

    Two Odoo taxes per PrestaShop tax: ``odoo_id`` not included in the price,
    ``odoo_price_include_id`` included.  When several qualify, the company's
    default sale tax (its mapping by the country's fiscal positions, or
    taxes of its tax group and scope) wins; what cannot be matched stays
    empty with ``mapping_note`` saying why (an archived tax is named): never
    a silent tax of another country.  A mapping is only ever filled, never
    changed (one made by hand stays)."""

    _name = "prestashop.account.tax.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.account.tax"

    _mapped_fields = ("odoo_id", "odoo_price_include_id")

    def run(self, external_id, data=None):
        self._matched = None
        return super().run(external_id, data=data)

    # -- countries -------------------------------------------------------------
    def _home_country(self):
        company = self.backend_record.company_id
        return company.account_fiscal_country_id or company.country_id

    def _countries(self):
        """(Odoo countries of the rules using this tax, PrestaShop country
        ids of those rules not mapped to an Odoo country)."""
        ps_ids = self.prestashop_record.get("_ps_countries")
        if ps_ids is None:  # imported alone: its rules in one request
            rules = self.backend_adapter.read_rules([self.external_id])
            ps_ids = ps_countries_by_tax(rules).get(self.external_id, set())
        binder = self.binder_for("prestashop.res.country")
        countries = self.env["res.country"]
        unknown = []
        for ps_id in sorted(ps_ids):
            country = binder.to_internal(ps_id, unwrap=True)
            if country:
                countries |= country
            else:
                unknown.append(ps_id)
        if not ps_ids:
            # PrestaShop copies a tax that is edited and moves the rules to
            # the copy: the old one keeps the countries it had
            countries = self.binder.to_internal(self.external_id).country_ids
        return countries, unknown

    # -- Odoo taxes ---------------------------------------------------------------
    def _fiscal_positions(self, country, abroad=False):
        """The company's B2C fiscal positions for ``country`` (l10n_eu_oss
        makes one per EU destination, ``country_id`` = destination), or with
        ``abroad`` those for any other country."""
        FiscalPosition = self.env["account.fiscal.position"]
        return FiscalPosition.search(
            [
                *FiscalPosition._check_company_domain(self.backend_record.company_id),
                ("country_id", "!=" if abroad else "=", country.id),
                ("country_id", "!=", False),
                ("vat_required", "=", False),
            ]
        )

    def _candidate_taxes(self, rate, country, price_include, active=True):
        """Odoo sale taxes (percent) of ``rate`` for ``country`` (the
        company's or a foreign one; empty: a company without a country, any
        tax), included in the price or not, active or archived."""
        Tax = self.env["account.tax"].with_context(active_test=False)
        domain = [
            *Tax._check_company_domain(self.backend_record.company_id),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("price_include", "=", price_include),
            ("active", "=", active),
        ]
        if country and country == self._home_country():
            # OSS taxes have the company's country too: not domestic ones
            oss = self._fiscal_positions(country, abroad=True).tax_ids.tax_dest_id
            domain += [("country_id", "=", country.id), ("id", "not in", oss.ids)]
        elif country:
            oss = self._fiscal_positions(country).tax_ids.tax_dest_id
            domain += ["|", ("country_id", "=", country.id), ("id", "in", oss.ids)]
        taxes = Tax.search(domain)
        return taxes.filtered(lambda t: float_compare(t.amount, rate, 3) == 0)

    def _prefer(self, candidates, reference, country):
        """Narrow several candidates down by ``reference`` (an Odoo tax):
        itself, else what the country's fiscal positions map it to, else the
        taxes of its tax group and scope, else of its scope (goods,
        services)."""
        fpos = self._fiscal_positions(country) if country else None
        mapped = (
            fpos.tax_ids.filtered(lambda m: m.tax_src_id == reference).tax_dest_id
            if fpos
            else reference.browse()
        )
        for narrowed in (
            candidates & reference,
            candidates & mapped,
            candidates.filtered(
                lambda t: t.tax_group_id == reference.tax_group_id
                and t.tax_scope == reference.tax_scope
            ),
            candidates.filtered(lambda t: t.tax_scope == reference.tax_scope),
        ):
            if narrowed:
                return narrowed
        return candidates

    def _pick(self, rate, country, price_include, reference):
        """(the one Odoo tax, or an empty recordset with notes)."""
        # formatted outside _(): Odoo's string extraction evaluates the
        # call's arguments and stops at an f-string
        rate_text = f"{rate:g}"
        label = (
            _("%s %% tax included", rate_text) if price_include else f"{rate_text} %"
        )
        candidates = self._candidate_taxes(rate, country, price_include)
        if len(candidates) > 1 and reference:
            candidates = self._prefer(candidates, reference, country)
        if len(candidates) == 1:
            return candidates, []
        if candidates:
            return candidates.browse(), [
                _(
                    "Several Odoo sale taxes of %(rate)s: %(names)s. Choose one.",
                    rate=label,
                    names=", ".join(candidates.mapped("name")),
                )
            ]
        archived = self._candidate_taxes(rate, country, price_include, active=False)
        if len(archived) > 1 and reference:
            archived = self._prefer(archived, reference, country)
        if archived:
            return archived.browse(), [
                _(
                    "%(rate)s: an archived tax '%(names)s' exists. Activate it "
                    "(Accounting > Configuration > Taxes), then run Synchronize "
                    "metadata again.",
                    rate=label,
                    names="', '".join(archived.mapped("name")),
                )
            ]
        if country:
            where = f"{country.name} ({country.code})"
            notes = [
                _(
                    "No Odoo sale tax of %(rate)s for %(country)s.",
                    rate=label,
                    country=where,
                )
            ]
        else:
            notes = [_("No Odoo sale tax of %s.", label)]
        if country and country != self._home_country():
            notes.append(
                _(
                    "Create a sale tax of this country (foreign VAT) or install "
                    "the EU One Stop Shop module (l10n_eu_oss), then run "
                    "Synchronize metadata again, or choose the tax here."
                )
            )
        return candidates.browse(), notes

    def _match_taxes(self):
        """``{"countries": res.country, "odoo_id": account.tax,
        "odoo_price_include_id": account.tax, "notes": {None | field: [str]}}``
        (``None``: notes about the countries, shown whenever a tax is
        missing)."""
        rate = ps_float(self.prestashop_record.get("rate"))
        company = self.backend_record.company_id
        home = self._home_country()
        countries, unknown = self._countries()
        Tax = self.env["account.tax"]
        result = {"countries": countries, "odoo_id": Tax, "odoo_price_include_id": Tax}
        notes = result["notes"] = {None: [], "odoo_id": [], "odoo_price_include_id": []}
        if not countries and unknown:
            notes[None].append(
                _(
                    "Used by tax rules of PrestaShop countries not mapped to an "
                    "Odoo country (ids %s): map them (Countries), then run "
                    "Synchronize metadata again.",
                    ", ".join(map(str, unknown)),
                )
            )
            return result
        if len(countries) > 1 and home not in countries:
            notes[None].append(
                _(
                    "Used by the tax rules of several countries (%s): one Odoo tax "
                    "cannot fit them all. Choose the taxes by hand.",
                    ", ".join(sorted(countries.mapped("code"))),
                )
            )
            return result
        if countries and home not in countries:
            country = countries
        else:
            country = home
            if not countries and home:
                where = f"{home.name} ({home.code})"
                notes[None].append(
                    _("Used by no tax rule: matched with the taxes of %s.", where)
                )
        default = company.account_sale_tax_id
        excluded, notes["odoo_id"] = self._pick(rate, country, False, default)
        included, notes["odoo_price_include_id"] = self._pick(
            rate, country, True, excluded or default
        )
        result.update(odoo_id=excluded, odoo_price_include_id=included)
        return result

    def _mapping_values(self):
        """Values of the mapping fields the binding lacks (all of them at
        creation), the note about what is still missing, the countries."""
        if self._matched is None:
            self._matched = self._match_taxes()
        match = self._matched
        binding = self.binder.to_internal(self.external_id)
        values = {"country_ids": [(6, 0, match["countries"].ids)]}
        missing = [f for f in self._mapped_fields if not binding or not binding[f]]
        notes = list(match["notes"][None]) if missing else []
        for field in missing:
            if match[field]:
                values[field] = match[field].id
            notes += match["notes"][field]
        values["mapping_note"] = " ".join(dict.fromkeys(notes)) or False
        return values

    def _match_existing(self, map_record):
        # the base flow fills odoo_id with it (when missing)
        self._mapping_values()
        return self._matched["odoo_id"] or None

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        values.update(self._mapping_values())
        return values

    def _update_data(self, map_record, **kwargs):
        values = super()._update_data(map_record, **kwargs)
        values.update(self._mapping_values())
        return values


class TaxRuleGroupImportMapper(Component):
    _name = "prestashop.tax.rule.group.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.tax.rule.group"

    @mapping
    def values(self, record):
        return {
            "name": record.get("name") or str(record.get("id")),
            "ps_active": ps_bool(record.get("active")),
            "deleted": ps_bool(record.get("deleted")),
        }


class TaxRuleGroupBatchImporter(Component):
    """Imports all taxes, then all groups and their rules: three requests
    (taxes, tax_rule_groups, tax_rules), all read before anything is
    written.  The taxes come first so that each is matched with the
    countries of the rules using it, and each group with its matched tax.
    With ``filters`` (some groups only), the taxes are not re-imported (an
    unknown one is imported with its group)."""

    _name = "prestashop.tax.rule.group.batch.importer"
    _inherit = "prestashop.direct.batch.importer"
    _apply_on = "prestashop.tax.rule.group"

    def run(self, filters=None):
        tax_batch = (
            None
            if filters
            else self.component(
                usage="batch.importer", model_name="prestashop.account.tax"
            )
        )
        taxes = list(tax_batch.backend_adapter.search_read_all()) if tax_batch else []
        groups = list(self.backend_adapter.search_read_all(filters))
        rules = (
            self.backend_adapter.read_rules([g["id"] for g in groups]) if groups else []
        )
        if tax_batch:
            tax_batch.import_taxes(taxes, rules)
        by_group = {}
        for rule in rules:
            by_group.setdefault(ps_int(rule.get("id_tax_rules_group")), []).append(rule)
        importer = self.component(usage="record.importer")
        for group in groups:
            group["_rules"] = by_group.get(ps_int(group["id"]), [])
            importer.run(group["id"], data=group)
        return len(groups)


class TaxRuleGroupImporter(Component):
    _name = "prestashop.tax.rule.group.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.tax.rule.group"

    def _rules(self):
        rules = self.prestashop_record.get("_rules")
        if rules is None:
            rules = self.backend_adapter.read_rules([self.external_id])
        return rules

    def _company_country_rule(self, rules):
        """The rule applying to the whole company country (no state, no zip
        range), if any."""
        company = self.backend_record.company_id
        country = company.account_fiscal_country_id or company.country_id
        ps_country = (
            self.env["prestashop.res.country"].search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("odoo_id", "=", country.id),
                ],
                limit=1,
            )
            if country
            else None
        )
        if not ps_country:
            return None
        for rule in rules:
            if (
                ps_int(rule.get("id_country")) == ps_country.prestashop_id
                and not ps_int(rule.get("id_state"))
                and not ps_int(rule.get("zipcode_from"))
            ):
                return rule
        return None

    def _import_dependencies(self):
        for rule in self._rules():
            self._import_dependency(rule.get("id_tax"), "prestashop.account.tax")

    def _company_country_tax(self):
        """The ``prestashop.account.tax`` of the company-country rule (empty
        when the group has no such rule)."""
        rule = self._company_country_rule(self._rules())
        tax = self.env["prestashop.account.tax"]
        if rule:
            tax = self.binder_for("prestashop.account.tax").to_internal(
                rule.get("id_tax")
            )
        return tax

    def _match_existing(self, map_record):
        # the base flow fills odoo_id with it (when missing)
        return self._company_country_tax().odoo_id or None

    def _price_include_value(self):
        """``{"odoo_price_include_id": id}`` from the company-country tax's
        tax-included twin, when the group has none yet (a mapping made by
        hand is never changed), else ``{}``."""
        binding = self.binder.to_internal(self.external_id)
        if binding and binding.odoo_price_include_id:
            return {}
        included = self._company_country_tax().odoo_price_include_id
        return {"odoo_price_include_id": included.id} if included else {}

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        values["rule_summary"] = self._summary()
        values.update(self._price_include_value())
        return values

    def _update_data(self, map_record, **kwargs):
        values = super()._update_data(map_record, **kwargs)
        values["rule_summary"] = self._summary()
        values.update(self._price_include_value())
        return values

    def _summary(self):
        taxes = self.binder_for("prestashop.account.tax")
        countries = self.binder_for("prestashop.res.country")
        parts = []
        for rule in self._rules()[:20]:
            tax = taxes.to_internal(rule.get("id_tax"))
            country = countries.to_internal(rule.get("id_country"))
            parts.append(
                f"{country.iso_code or rule.get('id_country')}: "
                f"{tax.rate if tax else '?'}%"
            )
        return ", ".join(sorted(set(parts)))
