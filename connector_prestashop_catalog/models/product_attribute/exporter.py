# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Attributes -> product_options, values -> product_option_values.

Matched by name (in the backend's default language) before being created, so
an option the shop already has ("Size", "Color") is reused."""

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping

GROUP_TYPES = {"color": "color", "radio": "radio", "pills": "radio"}


def _same_name(record, field, lang, name):
    value = record.get(field)
    text = value.get(lang, "") if isinstance(value, dict) else value
    return (text or "").strip().lower() == name


class ProductOptionExportMapper(Component):
    _name = "prestashop.product.attribute.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.product.attribute"

    @changed_by("name")
    @mapping
    def names(self, record):
        names = self.ml(record.odoo_id, "name")
        return {"name": names, "public_name": names}

    @changed_by("display_type")
    @mapping
    def group_type(self, record):
        group_type = GROUP_TYPES.get(record.display_type, "select")
        return {
            "group_type": group_type,
            "is_color_group": 1 if group_type == "color" else 0,
        }


class ProductOptionExporter(Component):
    _name = "prestashop.product.attribute.exporter"
    _inherit = "prestashop.catalog.exporter"
    _apply_on = "prestashop.product.attribute"

    _text_sources = {"name": "name", "public_name": "name"}

    # an option (value) the shop has, matched by name, is shared by other
    # products and may hold translations Odoo lacks: bound, not rewritten
    _update_found = False

    def _lookup_existing(self, data):
        lang = self.backend_record._ps_lang_id()
        name = (data.get("name") or {}).get(lang, "").strip().lower()
        for record in self.backend_adapter.search_read():
            if _same_name(record, "name", lang, name):
                return int(record["id"])
        return None


class ProductOptionValueExportMapper(Component):
    _name = "prestashop.product.attribute.value.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.product.attribute.value"

    @changed_by("name")
    @mapping
    def names(self, record):
        return {"name": self.ml(record.odoo_id, "name")}

    @changed_by("html_color")
    @mapping
    def color(self, record):
        return {"color": record.html_color or ""}

    @changed_by("attribute_id")
    @mapping
    def option(self, record):
        binding = record.attribute_id.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend_record
        )
        return {"id_attribute_group": binding.prestashop_id}


class ProductOptionValueExporter(Component):
    _name = "prestashop.product.attribute.value.exporter"
    _inherit = "prestashop.catalog.exporter"
    _apply_on = "prestashop.product.attribute.value"

    _text_sources = {"name": "name", "color": "html_color"}

    def _export_dependencies(self):
        self._export_dependency(
            self.binding.odoo_id.attribute_id, "prestashop.product.attribute"
        )

    # an option (value) the shop has, matched by name, is shared by other
    # products and may hold translations Odoo lacks: bound, not rewritten
    _update_found = False

    def _lookup_existing(self, data):
        lang = self.backend_record._ps_lang_id()
        name = (data.get("name") or {}).get(lang, "").strip().lower()
        for record in self.backend_adapter.search_read(
            {"filter[id_attribute_group]": f"[{int(data['id_attribute_group'])}]"}
        ):
            if _same_name(record, "name", lang, name):
                return int(record["id"])
        return None
