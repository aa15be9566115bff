# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock: Odoo -> PrestaShop quantities available to sell.

One ``prestashop.stock.available`` record per PrestaShop ``stock_availables``
row the connector writes (per shop in multi-shop), so that every push is one
request on a known id, and so that the last value pushed is known: nothing is
sent when it did not change.
"""

from odoo import _, api, fields, models

#: Odoo product fields a backend can push (help texts in the selection).
STOCK_QUANTITY_FIELDS = [
    ("free_qty", "Free to sell (on hand - reserved)"),
    ("qty_available", "On hand"),
    ("virtual_available", "Forecast"),
]


class PrestashopStockAvailable(models.Model):
    """A PrestaShop stock row (``stock_availables``) the connector keeps up to
    date.  Product-level rows of products with combinations are not here:
    PrestaShop computes them as the sum of the combination rows."""

    _name = "prestashop.stock.available"
    _inherit = "prestashop.binding"
    _description = "PrestaShop Stock Row"
    _order = "ps_product_id, ps_product_attribute_id, id"

    shop_id = fields.Many2one(
        "prestashop.shop",
        ondelete="cascade",
        index=True,
        help="Empty: the shop's default (single-shop backend).",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Variant",
        required=True,
        ondelete="cascade",
        index=True,
    )
    template_binding_id = fields.Many2one(
        "prestashop.product.template", ondelete="cascade", index=True
    )
    combination_binding_id = fields.Many2one(
        "prestashop.product.combination", ondelete="cascade", index=True
    )
    ps_product_id = fields.Integer("PrestaShop Product", index=True)
    ps_product_attribute_id = fields.Integer("PrestaShop Combination")
    quantity_pushed = fields.Integer(
        readonly=True,
        help="Last quantity sent to (or found equal in) PrestaShop.",
    )
    date_pushed = fields.Datetime(
        readonly=True, help="Empty: never pushed nor checked yet."
    )
    out_of_stock = fields.Integer(
        readonly=True,
        help="PrestaShop's out_of_stock behaviour as last read "
        "(0 deny orders, 1 allow, 2 shop default).",
    )
    drift_quantity = fields.Integer(readonly=True)
    drift_since = fields.Datetime(
        readonly=True,
        help="PrestaShop's quantity went below what Odoo pushed (an order not "
        "imported yet?): reconciliation waits for the grace period before "
        "correcting it.",
    )


class PrestashopBackend(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    stock_sync = fields.Boolean(
        "Push Stock",
        default=False,
        tracking=True,
        help="Odoo pushes the quantities of the bound products to PrestaShop "
        "when they change and reconciles them periodically. Enable it once the "
        "stock in Odoo is right: quantities Odoo does not know (0) would "
        "otherwise replace the shop's.",
    )
    stock_warehouse_ids = fields.Many2many(
        "stock.warehouse",
        "prestashop_backend_stock_warehouse_rel",
        "backend_id",
        "warehouse_id",
        string="Stock Warehouses",
        domain="[('company_id', '=', company_id)]",
        help="Warehouses whose stock is sold on the shop, added up. Empty: the "
        "backend's warehouse.",
    )
    stock_quantity_field = fields.Selection(
        STOCK_QUANTITY_FIELDS,
        string="Quantity Pushed",
        default="free_qty",
        required=True,
        help="Free to sell: on hand minus what is reserved for confirmed orders "
        "(recommended: the shop never sells what is promised). On hand: "
        "ignores reservations. Forecast: includes incoming receipts and "
        "outgoing deliveries. Negative quantities are sent as 0.",
    )
    stock_push_out_of_stock = fields.Boolean(
        "Set Out-of-Stock Behaviour",
        help="Also write PrestaShop's 'when out of stock' behaviour on every "
        "row. Unchecked: PrestaShop's own setting is left alone.",
    )
    stock_out_of_stock = fields.Selection(
        [("0", "Deny orders"), ("1", "Allow orders"), ("2", "Shop default")],
        string="When Out of Stock",
        default="2",
    )
    stock_drift_grace = fields.Integer(
        "Drift Grace (minutes)",
        default=30,
        help="When PrestaShop's quantity went down on its own (an order placed "
        "there and not imported yet), reconciliation waits this long before "
        "raising it back, so that imported orders and PrestaShop agree "
        "instead of oscillating.",
    )
    stock_reconcile_interval = fields.Integer(
        "Reconcile Every (minutes)",
        compute="_compute_stock_reconcile_interval",
        inverse="_inverse_stock_reconcile_interval",
    )
    stock_last_reconcile = fields.Datetime("Last Reconciliation", readonly=True)
    stock_last_reconcile_summary = fields.Char(readonly=True)
    stock_available_count = fields.Integer(compute="_compute_stock_available_count")

    def _stock_cron(self):
        return self.env.ref(
            "connector_prestashop.ir_cron_prestashop_reconcile_stock",
            raise_if_not_found=False,
        )

    def _compute_stock_reconcile_interval(self):
        cron = self._stock_cron()
        for backend in self:
            backend.stock_reconcile_interval = (
                cron.sudo().interval_number
                if cron and cron.sudo().interval_type == "minutes"
                else 15
            )

    def _inverse_stock_reconcile_interval(self):
        cron = self._stock_cron()
        for backend in self:
            if cron and backend.stock_reconcile_interval > 0:
                cron.sudo().write(
                    {
                        "interval_number": backend.stock_reconcile_interval,
                        "interval_type": "minutes",
                    }
                )

    def _compute_stock_available_count(self):
        counts = dict(
            self.env["prestashop.stock.available"]._read_group(
                [("backend_id", "in", self.ids)], ["backend_id"], ["__count"]
            )
        )
        for backend in self:
            backend.stock_available_count = counts.get(backend, 0)

    # -- jobs ------------------------------------------------------------------
    # Both run with superuser rights (the user who validated a picking may not
    # read the backend), in the job's company.
    def export_stock(self, products):
        """Job: push the quantity of these variants (one request per hundred
        changed rows at most)."""
        self._prestashop_check_access()
        self.ensure_one()
        backend = self.sudo()
        with backend.work_on("prestashop.stock.available") as work:
            return work.component(usage="stock.exporter").run(products.sudo())

    def reconcile_stock(self):
        """Job: compare every bound quantity with PrestaShop, push differences."""
        self._prestashop_check_access()
        self.ensure_one()
        backend = self.sudo()
        with backend.work_on("prestashop.stock.available") as work:
            return work.component(usage="stock.reconciler").run()

    # -- queueing ----------------------------------------------------------------
    #: Seconds a stock push waits, so that a burst of changes on one variant
    #: (a picking of 50 lines, a script) collapses into one job and one request.
    _stock_export_delay = 10

    def _queue_export_stock(self, products):
        """One debounced job per (backend, variant)."""
        for backend in self:
            for product in products:
                backend.with_delay(
                    priority=5,
                    eta=self._stock_export_delay,
                    identity_key=f"prestashop-stock-{backend.id}-{product.id}",
                    description=_(
                        "Push stock of %(product)s to %(backend)s",
                        product=product.display_name,
                        backend=backend.name,
                    ),
                ).export_stock(product)

    def queue_reconcile_stock(self):
        self._prestashop_check_access()
        for backend in self.filtered("stock_sync"):
            backend.with_delay(
                priority=15,
                identity_key=f"prestashop-stock-reconcile-{backend.id}",
                description=_("Reconcile stock with %s", backend.name),
            ).reconcile_stock()
        return True

    @api.model
    def _scheduler_reconcile_stock(self):
        self.search(
            [("stock_sync", "=", True), ("state", "!=", "error")]
        ).queue_reconcile_stock()

    def action_reconcile_stock(self):
        self._prestashop_check_access()
        self.queue_reconcile_stock()
        return self._prestashop_notify(_("Stock reconciliation queued: see Job Queue."))

    def action_open_stock_availables(self):
        self._prestashop_check_access()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Stock rows"),
            "res_model": "prestashop.stock.available",
            "view_mode": "list,form",
            "domain": [("backend_id", "=", self.id)],
        }


class PrestashopShop(models.Model):
    _inherit = "prestashop.shop"

    stock_sync = fields.Boolean(
        "Push Stock",
        default=True,
        help="Push quantities to this shop (when the backend pushes stock).",
    )
    stock_warehouse_ids = fields.Many2many(
        "stock.warehouse",
        "prestashop_shop_stock_warehouse_rel",
        "shop_id",
        "warehouse_id",
        string="Stock Warehouses",
        domain="[('company_id', '=', company_id)]",
        help="Warehouses whose stock this shop sells, added up. Empty: the "
        "backend's stock warehouses.",
    )


class PrestashopProductTemplate(models.Model):
    _inherit = "prestashop.product.template"

    stock_available_ids = fields.One2many(
        "prestashop.stock.available", "template_binding_id", string="Stock Rows"
    )


class PrestashopProductCombination(models.Model):
    _inherit = "prestashop.product.combination"

    stock_available_ids = fields.One2many(
        "prestashop.stock.available", "combination_binding_id", string="Stock Rows"
    )


class QueueJob(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "queue.job"  # pylint: disable=consider-merging-classes-inherited

    def related_action_prestashop_stock(self):
        """Open the variant whose stock the job pushes."""
        self.ensure_one()
        products = next(
            (a for a in self.args if getattr(a, "_name", None) == "product.product"),
            None,
        )
        if products and len(products) == 1:
            return self._prestashop_open(products)
        return self.related_action_prestashop_backend()
