# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopDeliveryCarrier(models.Model):
    """A PrestaShop carrier.  PrestaShop copies a carrier on every edit (the
    old copy gets ``deleted=1``); all copies share ``id_reference`` and map to
    the same Odoo carrier, so old orders still find theirs."""

    _name = "prestashop.delivery.carrier"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Carrier"

    name = fields.Char(required=True)
    id_reference = fields.Integer("PrestaShop Reference", index=True)
    deleted = fields.Boolean(help="An old copy, kept by PrestaShop for old orders.")
    ps_active = fields.Boolean("Active on PrestaShop")
    odoo_id = fields.Many2one(
        "delivery.carrier", string="Odoo Carrier", ondelete="set null"
    )


class CarrierAdapter(Component):
    _name = "prestashop.delivery.carrier.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.delivery.carrier"
    _prestashop_resource = "carriers"
    _prestashop_node = "carrier"
