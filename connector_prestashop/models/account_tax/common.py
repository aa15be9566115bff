# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopAccountTax(models.Model):
    """A PrestaShop tax (a rate, created per country: "TVA FR 20%", "USt. AT
    20%") and the Odoo sale taxes it maps to, one per price mode.

    The matching rules are in ``TaxImporter`` (importer.py)."""

    _name = "prestashop.account.tax"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Tax"

    name = fields.Char(required=True)
    rate = fields.Float(digits=(6, 3))
    ps_active = fields.Boolean("Active on PrestaShop")
    deleted = fields.Boolean()
    country_ids = fields.Many2many(
        "res.country",
        string="Countries",
        readonly=True,
        help="Countries of the PrestaShop tax rules that use this tax.",
    )
    odoo_id = fields.Many2one(
        "account.tax",
        string="Odoo Tax",
        ondelete="set null",
        domain="[('type_tax_use', '=', 'sale')]",
        help="Odoo sale tax for prices without tax (tax excluded).",
    )
    odoo_price_include_id = fields.Many2one(
        "account.tax",
        string="Odoo Tax (tax included)",
        ondelete="set null",
        domain="[('type_tax_use', '=', 'sale')]",
        help="Odoo sale tax for order lines whose customer saw prices with tax "
        "(same rate and country, included in the price).",
    )
    mapping_note = fields.Char(
        readonly=True, help="Why a tax is not mapped, or what to check."
    )

    def _odoo_tax(self, price_include):
        """The Odoo sale tax for an order line with this PrestaShop tax.

        :param bool price_include: True when the line's unit price is tax
            included (the customer saw tax-included prices), False when it is
            tax excluded.
        :return: ``odoo_price_include_id`` or ``odoo_id`` (an ``account.tax``
            record); an empty ``account.tax`` recordset when that one is not
            mapped: never the other price mode's tax, whose price would be
            wrong.  The caller says what to map.
        """
        self.ensure_one()
        return self.odoo_price_include_id if price_include else self.odoo_id


class PrestashopTaxRuleGroup(models.Model):
    """A PrestaShop tax rule group, mapped to the Odoo sale taxes its rule
    for the company's country gives, one per price mode (the catalog export
    sets a product's ``id_tax_rules_group`` from either; the product import
    gives products ``odoo_id``)."""

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
    odoo_price_include_id = fields.Many2one(
        "account.tax",
        string="Odoo Tax (tax included)",
        ondelete="set null",
        domain="[('type_tax_use', '=', 'sale')]",
        help="Odoo sale tax included in the price that this group stands for "
        "(products sold tax included, B2C): the catalog export gives its "
        "products this group too.",
    )


class TaxAdapter(Component):
    _name = "prestashop.account.tax.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.account.tax"
    _prestashop_resource = "taxes"
    _prestashop_node = "tax"

    def read_rules(self, tax_ids=None):
        """tax_rules (``display=full``) using these taxes (one request per
        ``_read_many_chunk`` taxes), or all of them when ``tax_ids`` is None
        (one request)."""
        params = {"display": "full"}
        if tax_ids is None:
            return self._call("list", "tax_rules", params, fmt=self.version.list_format)
        return self.list_by("id_tax", tax_ids, params, resource="tax_rules")


class TaxRuleGroupAdapter(Component):
    _name = "prestashop.tax.rule.group.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.tax.rule.group"
    _prestashop_resource = "tax_rule_groups"
    _prestashop_node = "tax_rule_group"

    def read_rules(self, group_ids):
        """tax_rules (``display=full``) of these groups: one request per
        ``_read_many_chunk`` groups."""
        return self.list_by(
            "id_tax_rules_group", group_ids, {"display": "full"}, resource="tax_rules"
        )
