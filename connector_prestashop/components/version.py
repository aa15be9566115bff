# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every difference between PrestaShop versions lives here, nowhere else.

The backend picks ``prestashop.version.<major>`` from the ``PSWS-Version`` read
by "Test connection"; integrators ``_inherit`` one of them to adapt a shop.
"""

from odoo.addons.component.core import AbstractComponent, Component


class PrestashopVersionBase(AbstractComponent):
    _name = "prestashop.version.base"
    _inherit = "prestashop.base"
    _usage = "version.profile"

    #: Versions this profile was checked against.
    checked_versions = ()
    #: PATCH exists (since 1.7.x): partial updates in one request.
    supports_patch = True
    #: ``display=full`` JSON lists keep every field and are cheaper to parse;
    #: single-object JSON drops falsy fields, so single reads stay in XML.
    list_format = "json"
    #: Name of the order discounts association / resource.
    order_discounts_resource = "order_cart_rules"
    #: Order states PrestaShop itself sets when an order is created through
    #: the webservice or a remote payment (ids of the default install).
    remote_payment_state = 11

    def order_detail_tax_rate(self, detail):
        """Tax rate of an order_details row, in percent."""
        rate = detail.get("tax_rate") or detail.get("rate") or "0"
        return float(rate or 0)


class PrestashopVersion17(Component):
    _name = "prestashop.version.1"
    _inherit = "prestashop.version.base"
    checked_versions = ("1.7.8",)
    list_format = "xml"


class PrestashopVersion8(Component):
    _name = "prestashop.version.8"
    _inherit = "prestashop.version.base"
    checked_versions = ("8.1.2",)


class PrestashopVersion9(Component):
    _name = "prestashop.version.9"
    _inherit = "prestashop.version.8"
    checked_versions = ("9.0.0",)
