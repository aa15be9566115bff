# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_bool


class LangImportMapper(Component):
    _name = "prestashop.res.lang.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.res.lang"
    direct = [("name", "name"), ("language_code", "language_code")]

    @mapping
    def ps_active(self, record):
        return {"ps_active": ps_bool(record.get("active"))}


class LangImporter(Component):
    _name = "prestashop.res.lang.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.res.lang"

    def _match_existing(self, map_record):
        """fr-fr -> fr_FR, then the ISO code alone (fr -> fr_FR)."""
        Lang = self.env["res.lang"].with_context(active_test=False)
        code = (self.prestashop_record.get("language_code") or "").replace("-", "_")
        if "_" in code:
            lang, country = code.split("_", 1)
            found = Lang.search([("code", "=", f"{lang.lower()}_{country.upper()}")])
            if found:
                return found[:1]
        iso = (self.prestashop_record.get("iso_code") or "").lower()
        return Lang.search([("iso_code", "=", iso)], limit=1) if iso else Lang
