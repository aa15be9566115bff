# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_bool


class CountryImportMapper(Component):
    _name = "prestashop.res.country.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.res.country"
    direct = [("iso_code", "iso_code")]

    @mapping
    def name(self, record):
        return {"name": self.translated(record.get("name")) or record.get("iso_code")}

    @mapping
    def ps_active(self, record):
        return {"ps_active": ps_bool(record.get("active"))}


class CountryImporter(Component):
    _name = "prestashop.res.country.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.res.country"

    def _match_existing(self, map_record):
        iso = (self.prestashop_record.get("iso_code") or "").upper()
        return self.env["res.country"].search([("code", "=", iso)], limit=1)


class CountryStateImportMapper(Component):
    _name = "prestashop.res.country.state.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.res.country.state"
    direct = [("name", "name"), ("iso_code", "iso_code")]

    @mapping
    def country_id(self, record):
        binder = self.binder_for("prestashop.res.country")
        return {"country_id": binder.to_internal(record.get("id_country")).id}


class CountryStateImporter(Component):
    _name = "prestashop.res.country.state.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.res.country.state"

    def _import_dependencies(self):
        self._import_dependency(
            self.prestashop_record.get("id_country"), "prestashop.res.country"
        )

    def _match_existing(self, map_record):
        country = self.binder_for("prestashop.res.country").to_internal(
            self.prestashop_record.get("id_country"), unwrap=True
        )
        iso = (self.prestashop_record.get("iso_code") or "").upper()
        if not country or not iso:
            return None
        # PrestaShop may prefix the country ("US-CA"); Odoo stores "CA".
        codes = [iso, iso.split("-", 1)[-1]]
        return self.env["res.country.state"].search(
            [("country_id", "=", country.id), ("code", "in", codes)], limit=1
        )
