# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_float


class CurrencyImportMapper(Component):
    _name = "prestashop.res.currency.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.res.currency"
    direct = [("iso_code", "iso_code")]

    @mapping
    def name(self, record):
        return {"name": self.translated(record.get("name")) or record.get("iso_code")}

    @mapping
    def conversion_rate(self, record):
        return {"conversion_rate": ps_float(record.get("conversion_rate"))}


class CurrencyImporter(Component):
    _name = "prestashop.res.currency.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.res.currency"

    def _match_existing(self, map_record):
        iso = (self.prestashop_record.get("iso_code") or "").upper()
        return (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("name", "=", iso)], limit=1)
        )
