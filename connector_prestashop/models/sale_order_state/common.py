# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopSaleOrderState(models.Model):
    """A PrestaShop order state, with PrestaShop's flags and what the
    connector does with orders in it: import them (``import_order``), cancel
    the imported order (``cancel_order``); ``ps_template``, the state's
    e-mail template, gives the back-flow its default "shipped / cancelled /
    refunded" states (``prestashop.backend._prestashop_backflow_defaults``)."""

    _name = "prestashop.sale.order.state"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Order State"
    _order = "prestashop_id"

    name = fields.Char(required=True)
    paid = fields.Boolean(readonly=True)
    shipped = fields.Boolean(readonly=True)
    delivery = fields.Boolean(readonly=True)
    invoice = fields.Boolean(readonly=True)
    logable = fields.Boolean(
        readonly=True, help="PrestaShop counts the order as valid."
    )
    deleted = fields.Boolean(readonly=True)
    module_name = fields.Char(readonly=True)
    ps_template = fields.Char(
        "E-mail Template",
        readonly=True,
        help="PrestaShop e-mail template of the state (e.g. 'shipped'): the "
        "customer receives it when the order reaches the state.",
    )
    import_order = fields.Boolean(
        "Import Orders",
        help="Orders in this state are imported into Odoo. By default the states "
        "PrestaShop flags as paid; unpaid orders wait and are imported once paid.",
    )
    cancel_order = fields.Boolean(
        "Cancels the Order",
        help="An imported order reaching this state is cancelled in Odoo when "
        "nothing has shipped yet; otherwise it is flagged for a person.",
    )


class OrderStateAdapter(Component):
    _name = "prestashop.sale.order.state.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.sale.order.state"
    _prestashop_resource = "order_states"
    _prestashop_node = "order_state"
