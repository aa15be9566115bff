# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Odoo field that holds the client's PrestaShop field."""

from odoo import fields, models


class ProductTemplate(models.Model):
    # The field goes on the Odoo model (product.template), not on the binding
    # (prestashop.product.template): it is the client's business data, used
    # in Odoo whatever the shop.  The binding reads and writes it through
    # ``_inherits`` (binding.manufacturer_part_number is the template's).
    _inherit = "product.template"

    manufacturer_part_number = fields.Char(
        # index: the buyers search products by it
        index="btree_not_null",
        help="The manufacturer's reference of the product: PrestaShop's "
        "'MPN' field, imported from and exported to the shop.",
    )
