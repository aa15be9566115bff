# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create

from ...components.mapper import ps_bool


class OrderStateImportMapper(Component):
    _name = "prestashop.sale.order.state.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.sale.order.state"
    direct = [("module_name", "module_name")]

    @mapping
    def values(self, record):
        values = {"name": self.translated(record.get("name")) or str(record["id"])}
        for flag in ("paid", "shipped", "delivery", "invoice", "logable", "deleted"):
            values[flag] = ps_bool(record.get(flag))
        return values

    @only_create
    @mapping
    def import_order(self, record):
        # the merchant's later choice is kept on re-import
        return {"import_order": ps_bool(record.get("paid"))}


class OrderStateImporter(Component):
    _name = "prestashop.sale.order.state.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.sale.order.state"
