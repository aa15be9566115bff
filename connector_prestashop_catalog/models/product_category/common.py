# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrestashopProductCategory(models.Model):
    """Export side of the category binding (the model and its adapter are
    in connector_prestashop, which imports the categories)."""

    _inherit = "prestashop.product.category"

    ps_sync_hash = fields.Json(copy=False)
