# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Odoo field that holds a combination's own MPN."""

from odoo import fields, models


class ProductProduct(models.Model):
    # On the variant (product.product): each size or colour of a product
    # can have its own manufacturer reference.  The product's own MPN stays
    # on the template (product_template/common.py).
    _inherit = "product.product"

    variant_manufacturer_part_number = fields.Char(
        "Variant MPN",
        index="btree_not_null",
        help="The manufacturer's reference of this variant: the 'MPN' of its "
        "PrestaShop combination, imported with the product.",
    )
