# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopShopGroup(models.Model):
    _name = "prestashop.shop.group"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Shop Group"

    name = fields.Char(required=True)
    share_stock = fields.Boolean(help="The shops of this group share their stock.")
    shop_ids = fields.One2many("prestashop.shop", "shop_group_id")


class PrestashopShop(models.Model):
    """A PrestaShop shop, with what Odoo uses for it."""

    _name = "prestashop.shop"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Shop"

    name = fields.Char(required=True)
    shop_group_id = fields.Many2one("prestashop.shop.group", ondelete="set null")
    company_id = fields.Many2one(related="backend_id.company_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        domain="[('company_id', '=', company_id)]",
        help="Warehouse of this shop's orders (default: the backend's).",
    )
    pricelist_id = fields.Many2one("product.pricelist")
    lang_id = fields.Many2one("res.lang", string="Language")
    ps_active = fields.Boolean("Active on PrestaShop")


class ShopGroupAdapter(Component):
    _name = "prestashop.shop.group.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.shop.group"
    _prestashop_resource = "shop_groups"
    _prestashop_node = "shop_group"


class ShopAdapter(Component):
    _name = "prestashop.shop.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.shop"
    _prestashop_resource = "shops"
    _prestashop_node = "shop"
