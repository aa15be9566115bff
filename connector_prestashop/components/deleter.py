# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import AbstractComponent


class PrestashopDeleter(AbstractComponent):
    """Delete a record on PrestaShop (used for combinations, images, specific
    prices: never for orders or customers)."""

    _name = "prestashop.deleter"
    _inherit = ["prestashop.base", "base.deleter"]
    _usage = "record.exporter.deleter"

    def run(self, external_id):
        self.backend_adapter.delete(external_id)
        return f"Record {external_id} deleted on PrestaShop"
