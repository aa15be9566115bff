# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import Component
from odoo.addons.connector_prestashop.models.prestashop_backend.importer import (
    ShopBatchImporter as BaseShopBatchImporter,
)


class ShopBatchImporter(Component):
    """The shop's settings the catalog export checks texts against, read
    with the others at metadata sync (same ``configurations`` request):
    ``PS_PRODUCT_SHORT_DESC_LIMIT`` (characters of text of a product's short
    description, ``Product::validateField``)."""

    _inherit = "prestashop.shop.batch.importer"

    _settings = {
        **BaseShopBatchImporter._settings,
        "PS_PRODUCT_SHORT_DESC_LIMIT": "ps_short_desc_limit",
    }

    def _valid_setting(self, field, value):
        if field == "ps_short_desc_limit":
            return value.isdigit() and int(value) > 0
        return super()._valid_setting(field, value)
