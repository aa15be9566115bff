# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_bool, ps_int


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


class ShopBatchImporter(Component):
    """The shops, then the shop-wide settings the order import follows.

    Settings (``configurations``, one request): ``PS_TIMEZONE`` (the time
    zone of every PrestaShop date), ``PS_ROUND_TYPE`` and
    ``PS_PRICE_ROUND_MODE`` (how PrestaShop rounds prices, see
    classes/Cart.php and Tools::ps_round); the customer groups' price
    display methods (one request).  A value set for the default shop wins
    over the global one, as ``Configuration::get`` does in that shop."""

    _name = "prestashop.shop.batch.importer"
    _inherit = "prestashop.direct.batch.importer"
    _apply_on = "prestashop.shop"

    #: configuration name -> backend field
    _settings = {
        "PS_TIMEZONE": "shop_timezone",
        "PS_ROUND_TYPE": "ps_round_type",
        "PS_PRICE_ROUND_MODE": "ps_price_round_mode",
    }

    def run(self, filters=None):
        count = super().run(filters)
        self._import_settings()
        self.backend_record._prestashop_read_groups()
        return count

    def _import_settings(self):
        adapter = self.backend_adapter
        rows = adapter._call(
            "list",
            "configurations",
            {
                "display": "[id,name,value,id_shop,id_shop_group]",
                "filter[name]": "[{}]".format(
                    "|".join(["PS_SHOP_DEFAULT", *self._settings])
                ),
            },
            fmt=adapter.version.list_format,
        )
        default_shop = next(
            (ps_int(r["value"]) for r in rows if r.get("name") == "PS_SHOP_DEFAULT"),
            1,
        )
        values = {}
        # global rows first, then the default shop's: the latter win
        for row in sorted(rows, key=lambda r: ps_int(r.get("id_shop"))):
            shop = ps_int(row.get("id_shop"))
            if shop and shop != default_shop:
                continue
            field = self._settings.get(row.get("name"))
            value = (row.get("value") or "").strip()
            if field and self._valid_setting(field, value):
                values[field] = value
        if values:
            self.backend_record.sudo().write(values)
        return values

    def _valid_setting(self, field, value):
        """Only values the backend's selection knows (an unknown time zone
        would make every date wrong: the previous value is kept)."""
        selection = self.backend_record._fields[field].get_values(self.env)
        return value in selection
