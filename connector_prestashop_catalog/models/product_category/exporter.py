# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo categories -> PrestaShop categories, parents first.

An Odoo category without parent goes under the backend's home category
(PrestaShop's "Home", id 2, by default).  A category that already exists on
PrestaShop under the same parent with the same name is bound, not created
again."""

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
        parent = record.odoo_id.parent_id
        ps_parent = 0
        if parent:
            binding = parent.prestashop_bind_ids.filtered(
                lambda b: b.backend_id == self.backend_record
            )
            ps_parent = binding.prestashop_id
        return {"id_parent": ps_parent or self.backend_record.ps_home_category_id}

    @only_create
    @mapping
    def active(self, record):
        return {"active": 1}


class CategoryExporter(Component):
    _name = "prestashop.product.category.exporter"
    _inherit = "prestashop.catalog.exporter"
    _apply_on = "prestashop.product.category"

    def _export_dependencies(self):
        parent = self.binding.odoo_id.parent_id
        if parent:
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
