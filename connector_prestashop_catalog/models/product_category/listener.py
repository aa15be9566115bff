# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.component_event import skip_if


class ProductCategoryListener(Component):
    """A renamed or moved category that is on PrestaShop is exported again."""

    _name = "prestashop.product.category.listener"
    _inherit = "base.connector.listener"
    _apply_on = ["product.category"]

    @skip_if(lambda self, record, **kwargs: self.no_connector_export(record))
    def on_record_write(self, record, fields=None):
        if fields and not {"name", "parent_id"} & set(fields):
            return
        # sudo: every company's shop (record rules hide the others')
        for binding in record.sudo().prestashop_bind_ids.filtered("prestashop_id"):
            binding._queue_catalog_export()
