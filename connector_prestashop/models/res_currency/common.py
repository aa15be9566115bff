# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from odoo.addons.component.core import Component


class PrestashopResCurrency(models.Model):
    _name = "prestashop.res.currency"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Currency"

    name = fields.Char(required=True)
    iso_code = fields.Char()
    conversion_rate = fields.Float(digits=(12, 6))
    odoo_id = fields.Many2one(
        "res.currency",
        string="Odoo Currency",
        ondelete="set null",
        context={"active_test": False},
    )
    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Pricelist of its Orders",
        ondelete="set null",
        help="The pricelist (and so the currency) of the sale orders imported "
        "in this PrestaShop currency. Created when the currency is mapped.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        bindings = super().create(vals_list)
        bindings.filtered("odoo_id")._prestashop_prepare_for_orders()
        return bindings

    def write(self, vals):
        result = super().write(vals)
        if vals.get("odoo_id"):
            self._prestashop_prepare_for_orders()
        return result

    def _prestashop_prepare_for_orders(self):
        """A mapped currency can take orders: the Odoo currency active and a
        pricelist in it for this backend.  Done when the mapping is made
        (metadata sync, or by hand), so that order jobs, many at once, only
        read it."""
        for binding in self.sudo():
            currency = binding.odoo_id
            if not currency:
                continue
            if not currency.active:
                currency.active = True
            if binding.pricelist_id.currency_id != currency:
                binding.pricelist_id = binding._prestashop_find_pricelist()
            if not binding.pricelist_id.active:
                binding.pricelist_id.active = True

    def _prestashop_find_pricelist(self):
        """The backend's pricelist in this currency: found by name and
        currency, or created (empty: the prices come from PrestaShop).  Its
        name leaves the currency out: Odoo shows it after the name."""
        backend = self.backend_id
        name = _("PrestaShop %s", backend.name)
        Pricelist = self.env["product.pricelist"].with_context(active_test=False)
        return Pricelist.search(
            [
                ("name", "=", name),
                ("currency_id", "=", self.odoo_id.id),
                ("company_id", "in", [backend.company_id.id, False]),
            ],
            limit=1,
        ) or Pricelist.create(
            {
                "name": name,
                "currency_id": self.odoo_id.id,
                "company_id": backend.company_id.id,
            }
        )


class CurrencyAdapter(Component):
    _name = "prestashop.res.currency.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.res.currency"
    _prestashop_resource = "currencies"
    _prestashop_node = "currency"
