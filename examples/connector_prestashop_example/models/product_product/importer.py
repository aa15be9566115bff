# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Import direction: a combination's ``mpn`` -> its Odoo variant's
``variant_manufacturer_part_number``.

A combination is imported with its product (initial migration, an order's
unknown product): the connector's combination importer maps each
combination with ``prestashop.product.combination.import.mapper``, at the
variant's creation and at every import of the product."""

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping


class CombinationImportMapper(Component):
    # The connector's combination mapper
    # (connector_prestashop/models/product_product/importer.py).
    _inherit = "prestashop.product.combination.import.mapper"

    @mapping
    def variant_manufacturer_part_number(self, record):
        # ``record`` is the PrestaShop combination; ``self.options.product``
        # would be its product's record (the connector reads the weight
        # impact against it).  The connector writes a mapped value on an
        # existing variant only when it differs.
        return {
            "variant_manufacturer_part_number": (record.get("mpn") or "").strip()
            or False
        }
