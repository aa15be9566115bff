# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopAccountTax(models.Model):
    """A PrestaShop tax (a rate) and the Odoo sale tax it maps to."""

    _name = "prestashop.account.tax"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Tax"

    name = fields.Char(required=True)
    rate = fields.Float(digits=(6, 3))
    ps_active = fields.Boolean("Active on PrestaShop")
    deleted = fields.Boolean()
    odoo_id = fields.Many2one(
        "account.tax",
        string="Odoo Tax",
        ondelete="set null",
        domain="[('type_tax_use', '=', 'sale')]",
    )
    mapping_note = fields.Char(readonly=True, help="Why no tax was mapped.")


class PrestashopTaxRuleGroup(models.Model):
    """A PrestaShop tax rule group, mapped to the Odoo sale tax its rules
    give in the company's country (used by the catalog export)."""

    _name = "prestashop.tax.rule.group"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Tax Rule Group"

    name = fields.Char(required=True)
    ps_active = fields.Boolean("Active on PrestaShop")
    deleted = fields.Boolean()
    rule_summary = fields.Char(readonly=True, help="Rates per country of the rules.")
    odoo_id = fields.Many2one(
        "account.tax",
        string="Odoo Tax",
        ondelete="set null",
        domain="[('type_tax_use', '=', 'sale')]",
    )


class TaxAdapter(Component):
    _name = "prestashop.account.tax.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.account.tax"
    _prestashop_resource = "taxes"
    _prestashop_node = "tax"


class TaxRuleGroupAdapter(Component):
    _name = "prestashop.tax.rule.group.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.tax.rule.group"
    _prestashop_resource = "tax_rule_groups"
    _prestashop_node = "tax_rule_group"

    def read_rules(self, group_ids):
        """tax_rules of these groups, in one request."""
        ids = "|".join(str(int(i)) for i in group_ids)
        return self._call(
            "list",
            "tax_rules",
            {
                "display": "full",
                "filter[id_tax_rules_group]": f"[{ids}]",
            },
            fmt=self.version.list_format,
        )
