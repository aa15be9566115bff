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


class TaxImporter(Component):
    """Binds a PrestaShop rate to the one Odoo sale tax with that rate.

    PrestaShop prices are tax excluded, so only taxes that are not included
    in the price qualify, in the company's fiscal country.  When several
    qualify, the company's default sale tax wins; otherwise nothing is mapped
    and the backend shows it: never a silent wrong tax."""

    _name = "prestashop.account.tax.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.account.tax"

    def _candidate_taxes(self, rate):
        company = self.backend_record.company_id
        country = company.account_fiscal_country_id or company.country_id
        domain = [
            ("company_id", "=", company.id),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("price_include", "=", False),
        ]
        if country:
            domain.append(("country_id", "=", country.id))
        taxes = self.env["account.tax"].search(domain)
        return taxes.filtered(lambda t: float_compare(t.amount, rate, 3) == 0)

    def _match_existing(self, map_record):
        rate = ps_float(self.prestashop_record.get("rate"))
        candidates = self._candidate_taxes(rate)
        if len(candidates) > 1:
            default = self.backend_record.company_id.account_sale_tax_id
            candidates = candidates & default or candidates
        self._mapping_note = False
        if not candidates:
            self._mapping_note = _("No Odoo sale tax of %s %% (tax excluded).", rate)
        elif len(candidates) > 1:
            self._mapping_note = _(
                "Several Odoo sale taxes of %(rate)s %%: %(names)s. Choose one.",
                rate=rate,
                names=", ".join(candidates.mapped("name")),
            )
            candidates = candidates.browse()
        return candidates

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        values["mapping_note"] = self._mapping_note
        return values

    def _update_data(self, map_record, **kwargs):
        values = super()._update_data(map_record, **kwargs)
        if not self.binder.to_internal(self.external_id).odoo_id:
            self._match_existing(map_record)
            values["mapping_note"] = self._mapping_note
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
    """Imports all groups and their rules in two requests."""

    _name = "prestashop.tax.rule.group.batch.importer"
    _inherit = "prestashop.direct.batch.importer"
    _apply_on = "prestashop.tax.rule.group"

    def run(self, filters=None):
        groups = list(self.backend_adapter.search_read_all(filters))
        rules = (
            self.backend_adapter.read_rules([g["id"] for g in groups]) if groups else []
        )
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

    def _match_existing(self, map_record):
        rule = self._company_country_rule(self._rules())
        if not rule:
            return None
        tax = self.binder_for("prestashop.account.tax").to_internal(rule.get("id_tax"))
        return tax.odoo_id or None

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        values["rule_summary"] = self._summary()
        return values

    def _update_data(self, map_record, **kwargs):
        values = super()._update_data(map_record, **kwargs)
        values["rule_summary"] = self._summary()
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
