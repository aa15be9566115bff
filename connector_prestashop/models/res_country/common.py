# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopResCountry(models.Model):
    _name = "prestashop.res.country"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Country"

    name = fields.Char(required=True)
    iso_code = fields.Char()
    ps_active = fields.Boolean("Active on PrestaShop")
    odoo_id = fields.Many2one("res.country", string="Odoo Country", ondelete="set null")


class PrestashopResCountryState(models.Model):
    _name = "prestashop.res.country.state"
    _inherit = "prestashop.binding"
    _description = "PrestaShop State"

    name = fields.Char(required=True)
    iso_code = fields.Char()
    country_id = fields.Many2one("prestashop.res.country", ondelete="set null")
    odoo_id = fields.Many2one(
        "res.country.state", string="Odoo State", ondelete="set null"
    )


class CountryAdapter(Component):
    _name = "prestashop.res.country.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.country"
    _prestashop_resource = "countries"
    _prestashop_node = "country"


class CountryStateAdapter(Component):
    _name = "prestashop.res.country.state.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.country.state"
    _prestashop_resource = "states"
    _prestashop_node = "state"
