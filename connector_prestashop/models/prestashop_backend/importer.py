# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_bool


class ShopGroupImportMapper(Component):
    _name = "prestashop.shop.group.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.shop.group"
    direct = [("name", "name")]

    @mapping
    def share_stock(self, record):
        return {"share_stock": ps_bool(record.get("share_stock"))}


class ShopImportMapper(Component):
    _name = "prestashop.shop.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.shop"
    direct = [("name", "name")]

    @mapping
    def ps_active(self, record):
        return {"ps_active": ps_bool(record.get("active"))}

    @mapping
    def shop_group_id(self, record):
        binder = self.binder_for("prestashop.shop.group")
        return {"shop_group_id": binder.to_internal(record.get("id_shop_group")).id}


class ShopImporter(Component):
    _name = "prestashop.shop.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.shop"

    def _import_dependencies(self):
        self._import_dependency(
            self.prestashop_record.get("id_shop_group"), "prestashop.shop.group"
        )

    def _create_data(self, map_record, **kwargs):
        values = super()._create_data(map_record, **kwargs)
        values.setdefault("warehouse_id", self.backend_record.warehouse_id.id)
        values.setdefault("lang_id", self.backend_record.default_lang_id.id)
        return values


class ShopGroupImporter(Component):
    _name = "prestashop.shop.group.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.shop.group"
