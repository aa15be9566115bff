# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo categories -> PrestaShop categories, parents first.

One tree both ways: Odoo's root of the shop's categories (the backend's
"Parent of Imported Categories", Odoo's "All" by default, under which the
initial migration imports the children of PrestaShop's Home) *is* the shop's
Home (the backend's home category, id 2 by default): it is never created on
the shop, and its children, like an Odoo category without parent, go under
Home.  A category that already exists on PrestaShop under the same parent
with the same name, and is not bound to another Odoo category of the
backend, is bound, not created again, and keeps its texts.

Odoo's category name is not translatable (``product.category.name``), so the
export never spreads it over the shop's translations: a created category gets
it in every shop language, with its URL name (``link_rewrite``) made from it;
a renamed one gets it in the backend's default language only (a PATCH holding
that language: PrestaShop's ``WebserviceRequest::saveEntityFromXml`` sets
only the languages given on the loaded category, the others stay), its URL
name only when the backend says Odoo owns SEO texts (``ps_odoo_owns_seo``)."""

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping, only_create


class CategoryExportMapper(Component):
    _name = "prestashop.product.category.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.product.category"

    @changed_by("name")
    @mapping
    def names(self, record):
        """``name`` and ``link_rewrite`` (``{ps_lang_id: text}``).

        On creation, Odoo's one name in every shop language (nothing there
        to keep) and the URL name made from it (transliterated per language,
        :meth:`ml_slug`).  On update, the name in the backend's default
        language only (``_ps_lang_id()``, the language Odoo's untranslatable
        name is written in): the shop's translations stay; the URL name,
        also in that language only, only when Odoo owns SEO texts
        (``ps_odoo_owns_seo``), so a renamed category keeps its URL."""
        names = self.ml(record.odoo_id, "name")
        if not self.options.for_create:
            lang = self.backend_record._ps_lang_id()
            if lang in names:
                names = {lang: names[lang]}
        values = {"name": names}
        if self.odoo_owns("seo"):
            values["link_rewrite"] = self.ml_slug(names)
        return values

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
    #: a category found on the shop (same parent, same name) is bound as the
    #: shop has it: its names and URL names in the shop's languages are the
    #: shop's, and its parent is already the right one
    _update_found = False

    def _has_to_skip(self):
        # Odoo's root is the shop's Home, which exists
        return self.backend_record._ps_is_home_category(self.binding.odoo_id)

    def _export_dependencies(self):
        parent = self.binding.odoo_id.parent_id
        if parent and not self.backend_record._ps_is_home_category(parent):
            self._export_dependency(parent, "prestashop.product.category")

    def _lookup_existing(self, data):
        """PrestaShop id (int) of the shop category under ``data``'s parent
        whose name in the backend's default language is Odoo's, ignoring
        case and surrounding spaces; None when there is none.  A category
        bound to another Odoo category of this backend is never taken (two
        Odoo categories "Gifts" and "GIFTS" get one shop category each)."""
        lang = self.backend_record._ps_lang_id()
        name = (data.get("name") or {}).get(lang, "").strip().lower()
        for record in self.backend_adapter.search_read(
            {"filter[id_parent]": f"[{int(data['id_parent'])}]"}
        ):
            names = record.get("name")
            text = names.get(lang, "") if isinstance(names, dict) else names
            if (text or "").strip().lower() != name:
                continue
            ps_id = int(record["id"])
            if self._unbound([ps_id]):
                return ps_id
        return None
