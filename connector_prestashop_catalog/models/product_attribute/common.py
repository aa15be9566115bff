# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopProductAttribute(models.Model):
    """An Odoo attribute and its PrestaShop product option (attribute group)."""

    _name = "prestashop.product.attribute"
    _inherit = "prestashop.binding"
    _inherits = {"product.attribute": "odoo_id"}
    _description = "PrestaShop Product Option"

    odoo_id = fields.Many2one(
        "product.attribute",
        string="Odoo Attribute",
        required=True,
        ondelete="cascade",
        index=True,
    )
    ps_sync_hash = fields.Json(copy=False)

    _sql_constraints = [
        (
            "prestashop_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "An attribute can be bound only once per backend.",
        ),
    ]


class PrestashopProductAttributeValue(models.Model):
    """An Odoo attribute value and its PrestaShop product option value."""

    _name = "prestashop.product.attribute.value"
    _inherit = "prestashop.binding"
    _inherits = {"product.attribute.value": "odoo_id"}
    _description = "PrestaShop Product Option Value"

    odoo_id = fields.Many2one(
        "product.attribute.value",
        string="Odoo Attribute Value",
        required=True,
        ondelete="cascade",
        index=True,
    )
    ps_sync_hash = fields.Json(copy=False)

    _sql_constraints = [
        (
            "prestashop_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "An attribute value can be bound only once per backend.",
        ),
    ]


class ProductAttribute(models.Model):
    _inherit = "product.attribute"

    prestashop_bind_ids = fields.One2many(
        "prestashop.product.attribute", "odoo_id", string="PrestaShop Options"
    )


class ProductAttributeValue(models.Model):
    _inherit = "product.attribute.value"

    prestashop_bind_ids = fields.One2many(
        "prestashop.product.attribute.value",
        "odoo_id",
        string="PrestaShop Option Values",
    )


class ProductOptionAdapter(Component):
    _name = "prestashop.product.attribute.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.product.attribute"
    _prestashop_resource = "product_options"
    _prestashop_node = "product_option"


class ProductOptionValueAdapter(Component):
    _name = "prestashop.product.attribute.value.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.product.attribute.value"
    _prestashop_resource = "product_option_values"
    _prestashop_node = "product_option_value"
