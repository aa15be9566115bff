# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


def variant_image_key(checksum):
    """``source_key`` of a variants' picture: one per distinct picture of
    the product, whatever the number of variants showing it (PrestaShop
    links one image to several combinations, Odoo copies it on each
    variant); ``checksum``: sha1 (hex) of the bytes Odoo stores."""
    return f"variants-{checksum}"


class PrestashopProductImage(models.Model):
    """One picture of a product on PrestaShop (imported by the initial
    migration, uploaded by connector_prestashop_catalog).

    ``source_key`` says which Odoo picture it is (``main``, ``extra-<id>``,
    ``variants-<sha1>`` for the picture of ``variant_ids``, see
    :func:`variant_image_key`; ``variant-<id>`` from older versions);
    ``checksum`` is the sha1 of the picture's bytes in Odoo, so an unchanged
    picture is never sent again."""

    _name = "prestashop.product.image"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Product Image"
    _order = "sequence, id"

    main_template_id = fields.Many2one(
        "prestashop.product.template",
        string="PrestaShop Product",
        required=True,
        ondelete="cascade",
        index=True,
    )
    source_key = fields.Char(required=True)
    sequence = fields.Integer()
    checksum = fields.Char(readonly=True)
    variant_ids = fields.Many2many("product.product", string="Variants")

    _sql_constraints = [
        (
            "source_uniq",
            "unique(main_template_id, source_key)",
            "A picture is uploaded once per product.",
        ),
    ]


class ProductImageAdapter(Component):
    _name = "prestashop.product.image.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.product.image"
    _prestashop_resource = "images/products"
    _prestashop_node = "image"

    def read_image(self, product_id, image_id):
        """The bytes of one product picture (one request)."""
        resp = self._call(
            "request", "GET", f"images/products/{int(product_id)}/{int(image_id)}"
        )
        return resp.content
