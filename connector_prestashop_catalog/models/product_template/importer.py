# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the catalog export needs from the initial migration: the product's
other categories and its publication as the shop has them, and the export
baseline (``ps_sync_hash``), so that exporting a product that came from the
shop sends only what changed in Odoo since."""

from odoo.tools import SQL

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping
from odoo.addons.connector_prestashop.components.mapper import ps_bool, ps_int

from ...components.exporter import baseline_hashes
from .common import VISIBILITY


class ProductTemplateCatalogImportMapper(Component):
    _inherit = "prestashop.product.template.import.mapper"

    @mapping
    def catalog_categories(self, record):
        """The shop's other categories that Odoo maps (the default one is
        ``categ_id``); Home and unmapped ones stay on the shop only."""
        binder = self.binder_for("prestashop.product.category")
        default = ps_int(record.get("id_category_default"))
        categories = self.env["product.category"]
        for category in (record.get("associations") or {}).get("categories") or []:
            category_id = ps_int(category.get("id"))
            if category_id and category_id != default:
                categories |= binder.to_internal(category_id, unwrap=True) or categories
        return {"prestashop_categ_ids": [(6, 0, categories.ids)]}

    @mapping
    def publication(self, record):
        """Active and visibility as the shop has them (the binding's)."""
        visibility = record.get("visibility") or "both"
        if visibility not in dict(VISIBILITY):
            visibility = "both"
        return {
            "ps_published": ps_bool(record.get("active", "1")),
            "ps_visibility": visibility,
        }


class ProductTemplateCatalogImporter(Component):
    _inherit = "prestashop.product.template.importer"

    def _after_import(self, binding):
        result = super()._after_import(binding)
        self._bind_options()
        self._record_export_baseline(binding)
        return result

    def _bind_options(self):
        """Bind the Odoo attributes and values the import used to the shop's
        options and option values (with their export baseline), so that the
        export reuses them as they are instead of looking them up again.  A
        record already bound either way is left as it is."""
        record = self.prestashop_record
        values = {ps_int(v["id"]): v for v in record.get("_values") or []}
        pavs = self._attribute_values()
        if not pavs:
            return
        # what is bound already, in one search per binding model
        bound = {}
        for binding_model, records, ids in (
            (
                "prestashop.product.attribute",
                self.env["product.attribute.value"].concat(*pavs.values()).attribute_id,
                {ps_int(values[i].get("id_attribute_group")) for i in pavs},
            ),
            (
                "prestashop.product.attribute.value",
                self.env["product.attribute.value"].concat(*pavs.values()),
                set(pavs),
            ),
        ):
            found = (
                self.env[binding_model]
                .with_context(active_test=False)
                .search(
                    [
                        ("backend_id", "=", self.backend_record.id),
                        "|",
                        ("prestashop_id", "in", list(ids)),
                        ("odoo_id", "in", records.ids),
                    ]
                )
            )
            bound[binding_model] = {("ps", b.prestashop_id) for b in found} | {
                ("odoo", b.odoo_id.id) for b in found
            }
        for value_id, pav in pavs.items():
            option_id = ps_int(values[value_id].get("id_attribute_group"))
            for binding_model, odoo_record, prestashop_id in (
                ("prestashop.product.attribute", pav.attribute_id, option_id),
                ("prestashop.product.attribute.value", pav, value_id),
            ):
                done = bound[binding_model]
                if ("ps", prestashop_id) in done or ("odoo", odoo_record.id) in done:
                    continue
                self._bind_option(binding_model, odoo_record, prestashop_id)
                done |= {("ps", prestashop_id), ("odoo", odoo_record.id)}

    def _bind_option(self, binding_model, record, prestashop_id):
        """Bind ``record`` to ``prestashop_id`` with its export baseline
        (the caller checked that neither is bound yet)."""
        Binding = self.env[binding_model]
        if not prestashop_id:
            return
        binding = self._create_once(
            Binding,
            {
                "backend_id": self.backend_record.id,
                "odoo_id": record.id,
                "prestashop_id": prestashop_id,
            },
            SQL(
                "SELECT 1 FROM %s WHERE backend_id = %s "
                "AND (prestashop_id = %s OR odoo_id = %s)",
                SQL.identifier(Binding._table),
                self.backend_record.id,
                prestashop_id,
                record.id,
            ),
            f"{Binding._description} {prestashop_id}",
        )
        mapper = self.component(usage="export.mapper", model_name=binding_model)
        binding.ps_sync_hash = baseline_hashes(mapper, binding)

    def _record_export_baseline(self, binding):
        """What an export would send now is taken as sent (the import made
        Odoo equal to the shop): see ``record_baseline`` of the exporter."""
        self.component(usage="record.exporter").record_baseline(binding)
