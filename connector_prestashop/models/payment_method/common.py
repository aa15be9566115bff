# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.component.core import Component

#: How many recent orders are read to discover the payment modules in use
#: (the webservice has no list of payment modules).
RECENT_ORDERS = 500


class PrestashopPaymentMethod(models.Model):
    """A PrestaShop payment module (``orders.module``) and the sale workflow
    of the orders paid with it (confirm, invoice, ...)."""

    _name = "prestashop.payment.method"
    _description = "PrestaShop Payment Method"
    _order = "module"

    backend_id = fields.Many2one(
        "prestashop.backend", required=True, ondelete="cascade"
    )
    module = fields.Char(
        required=True, help="PrestaShop module name, e.g. ps_wirepayment."
    )
    name = fields.Char(help="Label PrestaShop shows on orders, e.g. Bank wire.")
    workflow_process_id = fields.Many2one(
        "sale.workflow.process", string="Sale Workflow"
    )

    _sql_constraints = [
        (
            "module_uniq",
            "unique(backend_id, module)",
            "This payment module is already known.",
        ),
    ]

    @api.model
    def _get_or_create(self, backend, module, label=None):
        """The payment method of ``module``, created (with the backend's default
        workflow) the first time it is seen."""
        method = self.search([("backend_id", "=", backend.id), ("module", "=", module)])
        if not method:
            method = self.create(
                {
                    "backend_id": backend.id,
                    "module": module,
                    "name": label or module,
                    "workflow_process_id": backend.workflow_process_id.id,
                }
            )
        return method

    @api.model
    def import_payment_methods(self, backend):
        """Job: collect the payment modules of the recent orders."""
        self, backend = self.sudo(), backend.sudo()  # noqa: PLW0642
        with backend.work_on("prestashop.payment.method") as work:
            orders = work.component(usage="backend.adapter").recent_payments()
        for order in orders:
            if order.get("module"):
                self._get_or_create(backend, order["module"], order.get("payment"))
        return f"{len(orders)} orders read"


class PaymentMethodAdapter(Component):
    _name = "prestashop.payment.method.adapter"
    _inherit = "prestashop.adapter"
    _apply_on = "prestashop.payment.method"
    _prestashop_resource = "orders"
    _prestashop_node = "order"

    def recent_payments(self):
        return self.search_read(
            {"display": "[id,module,payment]", "sort": "[id_DESC]"}, limit=RECENT_ORDERS
        )
