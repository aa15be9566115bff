# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopProductCombination(models.Model):
    """A PrestaShop combination and its Odoo variant."""

    _name = "prestashop.product.combination"
    _inherit = "prestashop.binding"
    _inherits = {"product.product": "odoo_id"}
    _description = "PrestaShop Combination"

    odoo_id = fields.Many2one(
        "product.product",
        string="Variant",
        required=True,
        ondelete="cascade",
        index=True,
    )
    main_template_id = fields.Many2one(
        "prestashop.product.template", string="PrestaShop Product", ondelete="cascade"
    )


class ProductProduct(models.Model):
    _inherit = "product.product"

    prestashop_combination_bind_ids = fields.One2many(
        "prestashop.product.combination", "odoo_id", string="PrestaShop Combinations"
    )


class CombinationAdapter(Component):
    _name = "prestashop.product.combination.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.product.combination"
    _prestashop_resource = "combinations"
    _prestashop_node = "combination"
