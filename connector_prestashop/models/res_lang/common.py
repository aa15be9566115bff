# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopResLang(models.Model):
    """A PrestaShop language and the Odoo language it maps to."""

    _name = "prestashop.res.lang"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Language"

    name = fields.Char(required=True)
    language_code = fields.Char(help="PrestaShop code, e.g. fr-fr.")
    ps_active = fields.Boolean("Active on PrestaShop")
    odoo_id = fields.Many2one(
        "res.lang",
        string="Odoo Language",
        ondelete="set null",
        context={"active_test": False},
    )
    odoo_active = fields.Boolean(related="odoo_id.active", string="Active in Odoo")


class LangAdapter(Component):
    _name = "prestashop.res.lang.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.lang"
    _prestashop_resource = "languages"
    _prestashop_node = "language"
