# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo categories -> PrestaShop categories, parents first.

One tree both ways: Odoo's root of the shop's categories (the backend's
"Parent of Imported Categories", Odoo's "All" by default, under which the
initial migration imports the children of PrestaShop's Home) *is* the shop's
Home (the backend's home category, id 2 by default): it is never created on
the shop, and its children, like an Odoo category without parent, go under
Home.  A category that already exists on PrestaShop under the same parent
with the same name is bound, not created again."""

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping, only_create


class CategoryExportMapper(Component):
    _name = "prestashop.product.category.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.product.category"

    @changed_by("name")
    @mapping
    def names(self, record):
        names = self.ml(record.odoo_id, "name")
        return {"name": names, "link_rewrite": self.ml_slug(names)}

    @changed_by("parent_id")
    @mapping
    def parent(self, record):
        backend = self.backend_record
        # a parent not on the shop yet (exported first): Home until then
        return {
            "id_parent": backend._ps_category_id(record.odoo_id.parent_id)
            or backend.ps_home_category_id
        }

    @only_create
    @mapping
    def active(self, record):
        return {"active": 1}


class CategoryExporter(Component):
    _name = "prestashop.product.category.exporter"
    _inherit = "prestashop.catalog.exporter"
    _apply_on = "prestashop.product.category"

    _text_sources = {"name": "name", "link_rewrite": "name"}

    def _has_to_skip(self):
        # Odoo's root is the shop's Home, which exists
        return self.backend_record._ps_is_home_category(self.binding.odoo_id)

    def _export_dependencies(self):
        parent = self.binding.odoo_id.parent_id
        if parent and not self.backend_record._ps_is_home_category(parent):
            self._export_dependency(parent, "prestashop.product.category")

    def _lookup_existing(self, data):
        lang = self.backend_record._ps_lang_id()
        name = (data.get("name") or {}).get(lang, "").strip().lower()
        for record in self.backend_adapter.search_read(
            {"filter[id_parent]": f"[{int(data['id_parent'])}]"}
        ):
            names = record.get("name")
            text = names.get(lang, "") if isinstance(names, dict) else names
            if (text or "").strip().lower() == name:
                return int(record["id"])
        return None
