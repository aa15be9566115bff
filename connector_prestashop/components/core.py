# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.component.core import AbstractComponent


class PrestashopBase(AbstractComponent):
    """Base of every PrestaShop component: ties them to the backend collection
    and gives access to the webservice client and the version profile."""

    _name = "prestashop.base"
    _inherit = "base.connector"
    _collection = "prestashop.backend"

    @property
    def client(self):
        """The HTTP client of this work context (one session per sync run)."""
        return self.work.ps_client

    @property
    def version(self):
        """The component holding every difference between PrestaShop versions."""
        return self.component_by_name(
            self.backend_record._version_component_name(), model_name=self.model._name
        )
