# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopResCurrency(models.Model):
    _name = "prestashop.res.currency"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Currency"

    name = fields.Char(required=True)
    iso_code = fields.Char()
    conversion_rate = fields.Float(digits=(12, 6))
    odoo_id = fields.Many2one(
        "res.currency",
        string="Odoo Currency",
        ondelete="set null",
        context={"active_test": False},
    )


class CurrencyAdapter(Component):
    _name = "prestashop.res.currency.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.currency"
    _prestashop_resource = "currencies"
    _prestashop_node = "currency"
