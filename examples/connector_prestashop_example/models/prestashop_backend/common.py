# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Backend settings of the client's rules.

A setting an administrator may change goes on the backend (one value per
shop), not in the code: the rule in ``models/sale_order/importer.py`` reads
it at run time."""

from odoo import fields, models


class PrestashopBackend(models.Model):
    # _inherit without _name: add fields to the connector's own model (no new
    # table, no fork).
    _inherit = "prestashop.backend"

    skip_payment_modules = fields.Char(
        "Payment Modules Not Imported",
        # tracking: a change of this rule shows in the backend's chatter
        tracking=True,
        help="Comma-separated PrestaShop payment modules (the 'module' of the "
        "orders, e.g. 'ps_cashondelivery, amazon') whose orders are never "
        "imported into Odoo, e.g. marketplace orders invoiced by another "
        "tool. The job of such an order ends 'done' with the reason.",
    )

    def _skipped_payment_modules(self):
        """The set of module names typed in ``skip_payment_modules``.

        A small ``_get``-style helper: a later addon (or a test) can
        override where the list comes from without touching the rule."""
        self.ensure_one()
        return {
            module.strip().lower()
            for module in (self.skip_payment_modules or "").split(",")
            if module.strip()
        }
