# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopCustomerGroup(models.Model):
    """A PrestaShop customer group (``groups``): its customers are tagged
    with its name, and whether it sees prices tax included decides the price
    side of their order lines.  Read from the shop with the metadata (and
    again when an order names a group Odoo does not know).
    ``connector_prestashop_catalog`` prices a group with a pricelist (B2B)."""

    _name = "prestashop.customer.group"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Customer Group"
    _order = "prestashop_id"

    name = fields.Char()
    ps_tax_included = fields.Boolean(
        "Prices Tax Included",
        default=True,
        readonly=True,
        help="Customers of this group see prices tax included in the shop "
        "(PrestaShop's 'Price display method'): the lines of their orders "
        "are imported tax included, tax excluded otherwise.",
    )


class CustomerGroupAdapter(Component):
    _name = "prestashop.customer.group.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.customer.group"
    _prestashop_resource = "groups"
    _prestashop_node = "group"
