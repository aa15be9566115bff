# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import direction: PrestaShop ``mpn`` -> Odoo ``manufacturer_part_number``.

The connector imports products once (initial migration, and products met in
an order that Odoo does not know); this mapping adds one field to that."""

from odoo.addons.component.core import Component

# ``mapping`` marks a method of a mapper as one that returns values;
# ``changed_by`` is not needed on import mappers (they always map all).
from odoo.addons.connector.components.mapper import mapping


class ProductTemplateImportMapper(Component):
    # The connector's product import mapper
    # (connector_prestashop/models/product_template/importer.py).
    _inherit = "prestashop.product.template.import.mapper"

    # A plain copy could be one line in the mapper's table:
    #     direct = [("mpn", "manufacturer_part_number")]
    # but ``direct`` is a class attribute: setting it here would replace the
    # connector's list, not extend it.  One @mapping method per field is the
    # safe way to add a field to an existing mapper.
    @mapping
    def manufacturer_part_number(self, record):
        # ``record`` is the PrestaShop product as a dict of strings.  Older
        # shops (PrestaShop < 1.7.7) have no ``mpn`` key: .get() keeps them
        # working.  An empty MPN in PrestaShop clears Odoo's (PrestaShop is
        # the source during a migration); return {} instead to keep Odoo's.
        return {"manufacturer_part_number": (record.get("mpn") or "").strip() or False}
