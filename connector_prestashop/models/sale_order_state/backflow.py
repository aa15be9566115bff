# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the back-flow needs to know about PrestaShop order states: their
e-mail template (``shipped``, ``order_canceled``, ``refund``...), from which
the backend's default "shipped / cancelled / refunded" mapping is taken."""

from odoo import fields, models

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping


class PrestashopSaleOrderState(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.sale.order.state"  # pylint: disable=consider-merging-classes-inherited

    ps_template = fields.Char(
        "E-mail Template",
        readonly=True,
        help="PrestaShop e-mail template of the state (e.g. 'shipped'): the "
        "customer receives it when the order reaches the state.",
    )


class OrderStateTemplateMapper(Component):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.sale.order.state.import.mapper"  # pylint: disable=consider-merging-classes-inherited

    @mapping
    def ps_template(self, record):
        template = record.get("template")
        if isinstance(template, dict):
            template = next((t for t in template.values() if t), "")
        return {"ps_template": template or ""}


class OrderStateBackflowImporter(Component):
    _inherit = "prestashop.sale.order.state.importer"

    def _after_import(self, binding):
        result = super()._after_import(binding)
        # fill the back-flow mapping the merchant has not chosen yet
        binding.backend_id._prestashop_backflow_set_defaults()
        return result
