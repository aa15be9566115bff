# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import AbstractComponent

from .webservice import PrestaShopNotFound


class PrestashopDeleter(AbstractComponent):
    """Delete a record on PrestaShop (used for combinations, images, specific
    prices: never for orders or customers)."""

    _name = "prestashop.deleter"
    _inherit = ["prestashop.base", "base.deleter"]
    _usage = "record.exporter.deleter"

    def run(self, external_id):
        """Delete ``external_id``; one the shop no longer has (deleted in its
        back office, or by an earlier job) is done already: the job ends
        done, not failed."""
        try:
            self.backend_adapter.delete(external_id)
        except Exception as err:
            if isinstance(err.__cause__, PrestaShopNotFound):
                return f"Record {external_id} was already gone from PrestaShop"
            raise
        return f"Record {external_id} deleted on PrestaShop"
