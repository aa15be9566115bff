# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import unicodedata

from odoo import fields, models
from odoo.tools import email_normalize

from odoo.addons.component.core import Component


def normalize_email(email):
    """The key of a person: trimmed, lower-case e-mail (guests included)."""
    email = (email or "").strip()
    return email_normalize(email, strict=False) or email.lower() or False


def address_key(*parts):
    """Compare addresses typed differently ("9, rue X" / "9 rue x")."""
    text = " ".join(str(p or "") for p in parts)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "", text)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Every customer an import meets is matched by its e-mail (the
    # customer importer's _match_existing, its e-mail lock's check): Odoo
    # 18 has no index on the column, so each was a sequential scan of all
    # the partners, a cost growing with the database (mail's
    # mail.thread.blacklist defines the field; only the index is added).
    email_normalized = fields.Char(index="btree_not_null")

    prestashop_bind_ids = fields.One2many(
        "prestashop.res.partner", "odoo_id", string="PrestaShop Customers"
    )
    prestashop_address_bind_ids = fields.One2many(
        "prestashop.address", "odoo_id", string="PrestaShop Addresses"
    )


class PrestashopResPartner(models.Model):
    """A PrestaShop customer (account or guest).  Several customers with the
    same e-mail are bound to one Odoo partner: one partner per person."""

    _name = "prestashop.res.partner"
    _inherit = "prestashop.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "PrestaShop Customer"

    odoo_id = fields.Many2one(
        "res.partner", string="Partner", required=True, ondelete="cascade", index=True
    )
    ps_email = fields.Char("E-mail on PrestaShop")
    is_guest = fields.Boolean("Guest", help="Ordered without an account.")
    ps_group_ids = fields.Char("PrestaShop Groups")
    ps_date_upd = fields.Char("Updated on PrestaShop")
    names_partner = fields.Boolean(
        "Names the Partner",
        readonly=True,
        help="This PrestaShop customer gave the partner its name and e-mail: "
        "it created the partner, or it is the registered account that took "
        "over a partner its guest checkouts had created.",
    )


class PrestashopAddress(models.Model):
    """A PrestaShop address, a typed child contact of the customer's partner."""

    _name = "prestashop.address"
    _inherit = "prestashop.binding"
    _inherits = {"res.partner": "odoo_id"}
    _description = "PrestaShop Address"

    odoo_id = fields.Many2one(
        "res.partner",
        string="Odoo Contact",
        required=True,
        ondelete="cascade",
        index=True,
    )
    prestashop_partner_id = fields.Many2one(
        "prestashop.res.partner", string="PrestaShop Customer", ondelete="set null"
    )
    ps_date_upd = fields.Char("Updated on PrestaShop")
    # PrestaShop 8/9 never edits an address an order uses: the shop's
    # CustomerAddressPersister and the back office's EditCustomerAddressHandler
    # save a copy under a new id (Address::isUsed); only a webservice PUT
    # edits it in place.
    ps_used_in_order = fields.Boolean(
        "Read Since an Order Used It",
        readonly=True,
        help="Read from PrestaShop after an imported order used it. PrestaShop "
        "saves an edit of such an address as a new address, so the next "
        "orders using it do not read it again.",
    )


class PartnerAdapter(Component):
    _name = "prestashop.res.partner.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.partner"
    _prestashop_resource = "customers"
    _prestashop_node = "customer"


class AddressAdapter(Component):
    _name = "prestashop.address.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.address"
    _prestashop_resource = "addresses"
    _prestashop_node = "address"

    def read_for_customers(self, customer_ids):
        """Addresses of these customers, in one request per 500."""
        return self.list_by("id_customer", customer_ids)
