# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopProductCategory(models.Model):
    """A PrestaShop category and its Odoo product category (imported by the
    initial migration, exported by connector_prestashop_catalog)."""

    _name = "prestashop.product.category"
    _inherit = "prestashop.binding"
    _inherits = {"product.category": "odoo_id"}
    _description = "PrestaShop Category"

    odoo_id = fields.Many2one(
        "product.category",
        string="Odoo Category",
        required=True,
        ondelete="cascade",
        index=True,
    )

    _sql_constraints = [
        (
            "prestashop_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "A category can be bound only once per backend.",
        ),
    ]


class ProductCategory(models.Model):
    _inherit = "product.category"

    prestashop_bind_ids = fields.One2many(
        "prestashop.product.category", "odoo_id", string="PrestaShop Categories"
    )


class CategoryAdapter(Component):
    _name = "prestashop.product.category.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.product.category"
    _prestashop_resource = "categories"
    _prestashop_node = "category"
