# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_int


class CustomerGroupImportMapper(Component):
    """PrestaShop ``groups`` -> ``prestashop.customer.group``: the name in the
    backend's language and the price display method (``price_display_method``
    0: tax included, PrestaShop's default; ``Group::getPriceDisplayMethod``)."""

    _name = "prestashop.customer.group.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.customer.group"

    @mapping
    def values(self, record):
        return {
            "name": self.translated(record.get("name")) or str(record["id"]),
            "ps_tax_included": not ps_int(record.get("price_display_method")),
        }


class CustomerGroupImporter(Component):
    _name = "prestashop.customer.group.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.customer.group"
