# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Export direction: Odoo ``manufacturer_part_number`` -> PrestaShop ``mpn``.

Odoo is the catalogue master (connector_prestashop_catalog): an edit of the
field in Odoo is sent to PrestaShop by the product's export job."""

from odoo.addons.component.core import Component

# ``changed_by``: the catalog exporter sends, on an update, only the values of
# the mappings whose fields changed (and only when their value changed since
# the last export), so every export mapping declares the Odoo fields it reads.
from odoo.addons.connector.components.mapper import changed_by, mapping


class ProductTemplateExportMapper(Component):
    # The catalog's product export mapper
    # (connector_prestashop_catalog/models/product_template/exporter.py).
    _inherit = "prestashop.product.template.export.mapper"

    @changed_by("manufacturer_part_number")
    @mapping
    def mpn(self, record):
        # ``record`` is the binding (prestashop.product.template); the field
        # is the template's, read through _inherits.  PrestaShop's mpn is at
        # most 40 characters (its validation refuses more, and the job would
        # fail): cut it rather than fail the whole product.
        return {"mpn": (record.manufacturer_part_number or "")[:40]}
