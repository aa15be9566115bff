# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration: PrestaShop categories -> Odoo product categories.

Parents first.  PrestaShop's root and home categories are not imported: their
children go under the backend's "Parent of Imported Categories" (Odoo's "All"
by default).  An Odoo category with the same name under the same parent is
bound instead of created.  ``product.category.name`` is not translatable in
Odoo: the name is the one of the backend's default language."""

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ml_text, ps_bool, ps_int


def is_root_category(record):
    """PrestaShop's root (no parent) or a shop's home category."""
    return not ps_int(record.get("id_parent")) or ps_bool(
        record.get("is_root_category")
    )


def category_name(backend, record):
    name = ml_text(record.get("name"), backend._ps_lang_id() or None)
    return (name or str(record.get("id"))).strip()


class ProductCategoryImportMapper(Component):
    _name = "prestashop.product.category.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.product.category"

    @mapping
    def name(self, record):
        return {"name": category_name(self.backend_record, record)}

    @mapping
    def parent(self, record):
        parent = self.binder_for().to_internal(record.get("id_parent"), unwrap=True)
        return {
            "parent_id": (
                parent or self.backend_record._prestashop_category_parent()
            ).id
        }


class ProductCategoryImporter(Component):
    _name = "prestashop.product.category.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.product.category"

    def _must_skip(self, binding):
        if is_root_category(self.prestashop_record):
            return "Root or home category: mapped to the parent of imported categories."
        return None

    #: ``{PrestaShop id: record}`` already read by the batch importer
    known_records = None

    def _import_dependencies(self):
        parent = ps_int(self.prestashop_record.get("id_parent"))
        known = (self.known_records or {}).get(parent)
        if known is not None:
            if not is_root_category(known) and not self.binder.to_internal(parent):
                importer = self.component(usage="record.importer")
                importer.known_records = self.known_records
                importer.run(parent, data=known)
        elif parent:
            self._import_dependency(parent, "prestashop.product.category")

    def _update(self, binding, data):
        """Never make a category its own ancestor: a shop category bound to
        Odoo's root of imported categories (an older export created Odoo's
        "All" on the shop) or to one of its ancestors keeps its Odoo
        parent (Odoo raises "Recursion Detected" otherwise)."""
        parent = self.env["product.category"].browse(data.get("parent_id"))
        if parent and self._is_ancestor(binding.odoo_id, parent):
            data = {k: v for k, v in data.items() if k != "parent_id"}
        return super()._update(binding, data)

    @staticmethod
    def _is_ancestor(categ, parent):
        """Whether ``categ`` is ``parent`` or one of its ancestors."""
        return bool(categ) and str(categ.id) in (parent.parent_path or "").split("/")

    def _match_existing(self, map_record):
        """An Odoo category with the same name under the same parent, not yet
        bound to this backend."""
        values = map_record.values(for_create=True)
        candidates = self.env["product.category"].search(
            [("parent_id", "=", values["parent_id"])]
        )
        name = values["name"].strip().lower()
        for categ in candidates:
            if (categ.name or "").strip().lower() == name and not (
                categ.prestashop_bind_ids.filtered(
                    lambda b: b.backend_id == self.backend_record
                )
            ):
                return categ
        return None


class ProductCategoryBatchImporter(Component):
    """All the categories in one request (``display=full``), imported in
    the batch job, parents first."""

    _name = "prestashop.product.category.batch.importer"
    _inherit = "prestashop.batch.importer"
    _apply_on = "prestashop.product.category"

    def run(self, filters=None):
        records = list(self.backend_adapter.search_read_all(filters))
        records.sort(key=lambda r: (ps_int(r.get("level_depth")), ps_int(r["id"])))
        known = {ps_int(r["id"]): r for r in records}
        count = 0
        for record in records:
            if not isinstance(self._import_record(record, known), str):
                count += 1
        return count

    def _import_record(self, record, known=None):
        importer = self.component(usage="record.importer")
        importer.known_records = known
        return importer.run(record["id"], data=record)
