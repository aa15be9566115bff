# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopCustomerGroup(models.Model):
    """A PrestaShop customer group (connector_prestashop: imported with the
    metadata) priced by an Odoo pricelist (B2B): a group imported from the
    shop has none until the merchant gives it one; a group named on a
    pricelist is bound to the shop's group of that name (or created on the
    shop when asked).

    The pricelist's global percentage discount becomes the group reduction;
    its rules on products and variants become specific prices of the group
    (quantity breaks, percentage or fixed price, dates)."""

    _inherit = "prestashop.customer.group"

    name = fields.Char(
        help="Name of an existing group of the shop (default: the "
        "pricelist's). Groups made in the back office have the payment "
        "modules and categories their customers need."
    )
    create_on_shop = fields.Boolean(
        "Create on PrestaShop",
        help="When the shop has no group with this name, create it. A group "
        "created through the webservice has no payment module and sees only "
        "the Home category until they are granted in the back office (see "
        "Setup to finish).",
    )
    ps_setup_note = fields.Text(
        "Setup to Finish",
        readonly=True,
        help="What to grant in the PrestaShop back office to a group the "
        "connector created.",
    )
    odoo_id = fields.Many2one(
        "product.pricelist",
        string="Pricelist",
        ondelete="set null",
        index=True,
    )
    ps_sync_hash = fields.Json(copy=False)
    specific_price_ids = fields.One2many(
        "prestashop.specific.price", "group_binding_id", string="Specific Prices"
    )

    _sql_constraints = [
        (
            "prestashop_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "A pricelist can price only one group per backend.",
        ),
    ]

    def action_export(self):
        self._queue_catalog_export(delay=0)


class PrestashopSpecificPrice(models.Model):
    """A pricelist rule exported as a PrestaShop specific price."""

    _name = "prestashop.specific.price"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Specific Price"

    group_binding_id = fields.Many2one(
        "prestashop.customer.group", required=True, ondelete="cascade", index=True
    )
    odoo_id = fields.Many2one(
        "product.pricelist.item",
        string="Pricelist Rule",
        ondelete="set null",
        index=True,
    )
    ps_sync_hash = fields.Json(copy=False)


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    prestashop_group_ids = fields.One2many(
        "prestashop.customer.group", "odoo_id", string="PrestaShop Customer Groups"
    )


class SpecificPriceAdapter(Component):
    _name = "prestashop.specific.price.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.specific.price"
    _prestashop_resource = "specific_prices"
    _prestashop_node = "specific_price"
