# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.component.core import Component


class PrestashopProductCombination(models.Model):
    _inherit = "prestashop.product.combination"

    ps_sync_hash = fields.Json(copy=False)

    _sql_constraints = [
        (
            "prestashop_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "A variant can be bound only once per backend.",
        ),
    ]


class CombinationDeleter(Component):
    _name = "prestashop.product.combination.deleter"
    _inherit = "prestashop.deleter"
    _apply_on = "prestashop.product.combination"
