# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The custom order-state flags read by the order-state rules."""

from odoo import fields, models


class PrestashopSaleOrderState(models.Model):
    # The connector's mapping of PrestaShop order states (one row per state
    # and backend, listed in the backend's "Order states" tab).
    _inherit = "prestashop.sale.order.state"

    import_order_b2b = fields.Boolean(
        "Import B2B Orders",
        # Not mapped from PrestaShop: a merchant's choice, kept when the
        # metadata are synchronised again (the state importer only writes
        # the fields its mapper returns).
        help="Orders of business customers (a company name on their "
        "PrestaShop account) are imported as soon as they reach this state, "
        "even when it is not marked 'Import Orders'. Example: 'Awaiting bank "
        "wire payment' for professional customers who pay at 30 days and "
        "must be shipped before they pay.",
    )
    alert_salesperson = fields.Boolean(
        "Alert the Salesperson",
        # read by the state-change step (importer.py, _state_changed)
        help="When an order already imported reaches this state in "
        "PrestaShop, its salesperson gets a to-do activity on the order. "
        "Example: 'On backorder (paid)', to warn the customer of the delay.",
    )
