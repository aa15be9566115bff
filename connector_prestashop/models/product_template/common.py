# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopProductTemplate(models.Model):
    """A PrestaShop product and its Odoo template (initial migration; Odoo
    is the catalogue master afterwards)."""

    _name = "prestashop.product.template"
    _inherit = "prestashop.binding"
    _inherits = {"product.template": "odoo_id"}
    _description = "PrestaShop Product"

    odoo_id = fields.Many2one(
        "product.template",
        string="Odoo Product",
        required=True,
        ondelete="cascade",
        index=True,
    )
    combination_ids = fields.One2many(
        "prestashop.product.combination", "main_template_id"
    )
    ps_date_upd = fields.Char("Updated on PrestaShop")
    image_ids = fields.One2many(
        "prestashop.product.image", "main_template_id", string="PrestaShop Images"
    )


class ProductTemplate(models.Model):
    _inherit = "product.template"

    prestashop_bind_ids = fields.One2many(
        "prestashop.product.template", "odoo_id", string="PrestaShop Products"
    )

    def _create_variant_ids(self):
        """Odoo makes a variant of every option mix whenever attribute lines
        are created or written (``product.template.create``/``write``,
        ``product.template.attribute.line``, Odoo 18
        ``addons/product/models/product_template.py``).  With the context key
        ``prestashop_shop_variants`` (the product import) it makes none: the
        importer creates exactly the variants of the shop's combinations
        (``prestashop.product.combination.importer``,
        models/product_product/importer.py)."""
        if self.env.context.get("prestashop_shop_variants"):
            return True
        return super()._create_variant_ids()


class ProductTemplateAdapter(Component):
    _name = "prestashop.product.template.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.product.template"
    _prestashop_resource = "products"
    _prestashop_node = "product"

    def read_related(self, products):
        """Combinations, option values and options of these products, in 3
        requests; attached as ``_combinations``, ``_values``, ``_options``
        (each product gets the values and options of its own combinations:
        its job carries and maps no other product's)."""
        comb_ids = [
            c.get("id")
            for p in products
            for c in (p.get("associations") or {}).get("combinations", [])
        ]
        combinations = self._read("combinations", comb_ids)
        value_ids = [
            v.get("id")
            for c in combinations
            for v in (c.get("associations") or {}).get("product_option_values", [])
        ]
        values = self._read("product_option_values", value_ids)
        options = self._read(
            "product_options", [v.get("id_attribute_group") for v in values]
        )
        by_product = {}
        for comb in combinations:
            by_product.setdefault(int(comb["id_product"]), []).append(comb)
        values_by_id = {int(v["id"]): v for v in values}
        options_by_id = {int(o["id"]): o for o in options}
        for product in products:
            own = by_product.get(int(product["id"]), [])
            value_ids = {
                int(v.get("id") or 0)
                for c in own
                for v in (c.get("associations") or {}).get("product_option_values", [])
            }
            own_values = [
                values_by_id[i] for i in sorted(value_ids) if i in values_by_id
            ]
            option_ids = {int(v.get("id_attribute_group") or 0) for v in own_values}
            product["_combinations"] = own
            product["_values"] = own_values
            product["_options"] = [
                options_by_id[i] for i in sorted(option_ids) if i in options_by_id
            ]
        return products

    def _read(self, resource, ids):
        return self.list_by("id", ids, resource=resource)
