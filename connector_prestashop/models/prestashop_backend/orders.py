# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Backend settings and actions of the order, customer and catalogue
imports (kept apart from the backend core)."""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ...components.exception import PrestashopFixableError
from ...components.mapper import ps_int

#: PrestaShop's Order::ROUND_ITEM / ROUND_LINE / ROUND_TOTAL (PS_ROUND_TYPE)
PS_ROUND_TYPES = [("1", "Each item"), ("2", "Each line"), ("3", "The total")]


class PrestashopBackend(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    import_orders_since = fields.Char(
        "Orders Updated Since",
        help="Cursor of the scheduled order import: the latest PrestaShop "
        "'date_upd' seen (shop time, YYYY-MM-DD HH:MM:SS). Empty: every order.",
    )
    order_import_overlap = fields.Integer(
        "Overlap (minutes)",
        default=5,
        help="Orders updated this long before the cursor are read again, so an "
        "order saved while the previous run was reading is not missed.",
    )
    order_import_page_size = fields.Integer(
        "Orders per Request",
        default=100,
        help="Orders read per webservice request (display=full).",
    )
    order_import_interval = fields.Integer(
        "Import Orders Every (minutes)",
        compute="_compute_order_import_interval",
        inverse="_inverse_order_import_interval",
    )
    shop_timezone = fields.Selection(
        "_tz_get",
        string="Shop Time Zone",
        default="Europe/Paris",
        help="PrestaShop's PS_TIMEZONE, read at metadata synchronisation: "
        "PrestaShop dates are in this time zone.",
    )
    ps_round_type = fields.Selection(
        PS_ROUND_TYPES,
        string="PrestaShop Rounds",
        default="2",
        readonly=True,
        help="PrestaShop's PS_ROUND_TYPE, read at metadata synchronisation. "
        "Each order keeps the value it was placed with; this one is used "
        "for orders that do not say.",
    )
    ps_price_round_mode = fields.Selection(
        [
            ("0", "Up"),
            ("1", "Down"),
            ("2", "Half up"),
            ("3", "Half down"),
            ("4", "Half even"),
            ("5", "Half odd"),
        ],
        string="PrestaShop Rounding Mode",
        default="2",
        readonly=True,
        help="PrestaShop's PS_PRICE_ROUND_MODE, read at metadata synchronisation.",
    )
    discount_product_id = fields.Many2one(
        "product.product",
        string="Discount Product",
        help="Service product of the discount lines (cart rules).",
    )
    gift_wrapping_product_id = fields.Many2one(
        "product.product", string="Gift Wrapping Product"
    )
    import_anonymous_customer = fields.Boolean(
        "Import the Anonymous Customer",
        help="PrestaShop's GDPR module (psgdpr) keeps an anonymous customer "
        "(anonymous@psgdpr.com) that takes over the orders of customers who "
        "asked to be forgotten. Unticked, the customer import leaves it out; "
        "an order of it is imported all the same, with it as the customer.",
    )
    customer_group_ids = fields.One2many(
        "prestashop.customer.group", "backend_id", string="Customer Groups"
    )

    @api.model
    def _tz_get(self):
        # the partner field's selection is a list once the registry is set
        # up (calling it broke the backend form in the web client)
        selection = self.env["res.partner"]._fields["tz"].selection
        return selection(self.env["res.partner"]) if callable(selection) else selection

    def _order_cron(self):
        # sudo: every user who may read a backend shows its interval, and
        # only administrators may read ir.cron
        cron = self.env.ref(
            "connector_prestashop.ir_cron_prestashop_import_orders",
            raise_if_not_found=False,
        )
        return cron.sudo() if cron else cron

    def _compute_order_import_interval(self):
        cron = self._order_cron()
        for backend in self:
            backend.order_import_interval = (
                cron.sudo().interval_number
                if cron and cron.interval_type == "minutes"
                else 5
            )

    def _inverse_order_import_interval(self):
        cron = self._order_cron()
        for backend in self:
            if cron and backend.order_import_interval > 0:
                cron.sudo().write(
                    {
                        "interval_number": backend.order_import_interval,
                        "interval_type": "minutes",
                    }
                )

    # -- service products ------------------------------------------------------
    # Order jobs never write the backend: dozens of them run at once, and
    # each UPDATE of this one row made the others fail on a serialization
    # error (an order created, then rolled back).  The service products are
    # made where one writer runs: backend creation, "Synchronize metadata"
    # and the order batch job; order jobs only read them.

    def _prestashop_service_products(self):
        """{backend field: product name} of the service products the order
        lines use.  Extend it (``super()`` then add a key) for more."""
        return {
            "discount_product_id": _("PrestaShop discount"),
            "gift_wrapping_product_id": _("Gift wrapping"),
        }

    def _prestashop_ensure_service_products(self):
        """Create the missing service products and set them on the backends.

        Writes the backend: never call it from an order job."""
        for backend in self:
            values = {}
            for field, name in backend._prestashop_service_products().items():
                if not backend[field]:
                    values[field] = backend._prestashop_create_service_product(name).id
            if values:
                backend.sudo().write(values)
        return True

    def _prestashop_create_service_product(self, name):
        self.ensure_one()
        return (
            self.env["product.product"]
            .sudo()
            .create(
                {
                    "name": name,
                    "type": "service",
                    "sale_ok": False,
                    "purchase_ok": False,
                    "list_price": 0.0,
                    "invoice_policy": "order",
                    "taxes_id": [(5,)],
                    "company_id": False,
                }
            )
        )

    def _prestashop_service_product(self, field, name):
        """The service product of ``field``, read only (see above).

        :raises PrestashopFixableError: when the backend has none (cleared by
            hand), saying where to set it"""
        self.ensure_one()
        if not self[field]:
            raise PrestashopFixableError(
                _(
                    "The backend %(backend)s has no '%(field)s' (needed for the "
                    "%(what)s lines of the orders): choose one on the backend "
                    "(Orders tab) or run 'Synchronize metadata', which creates it, "
                    "then requeue this job.",
                    backend=self.name,
                    field=self._fields[field].get_description(self.env)["string"],
                    what=name,
                ),
                model="prestashop.backend",
                res_ids=[self.id],
            )
        return self[field]

    def _prestashop_discount_product(self):
        return self._prestashop_service_product(
            "discount_product_id", _("PrestaShop discount")
        )

    def _prestashop_gift_wrapping_product(self):
        return self._prestashop_service_product(
            "gift_wrapping_product_id", _("Gift wrapping")
        )

    @api.model_create_multi
    def create(self, vals_list):
        backends = super().create(vals_list)
        backends._prestashop_ensure_service_products()
        return backends

    def synchronize_metadata(self):
        self._prestashop_check_access()
        # the backends created before the service products were made here
        self._prestashop_ensure_service_products()
        return super().synchronize_metadata()

    # -- customer groups -------------------------------------------------------------
    def _prestashop_customer_groups(self, group_ids=None):
        """The shop's customer groups (``prestashop.customer.group``), or
        those of ``group_ids`` (PrestaShop ids); read from the shop (one
        request) when none is known yet or one of ``group_ids`` is not (a
        group made in the shop since)."""
        self.ensure_one()
        Group = self.env["prestashop.customer.group"].sudo()
        domain = [("backend_id", "=", self.id), ("prestashop_id", "!=", 0)]
        if group_ids is not None:
            group_ids = {ps_int(i) for i in group_ids if ps_int(i)}
            if not group_ids:
                return Group
            domain.append(("prestashop_id", "in", list(group_ids)))
        groups = Group.search(domain)
        if len(groups) < (1 if group_ids is None else len(group_ids)):
            self._prestashop_read_groups()
            groups = Group.search(domain)
        return groups

    def _prestashop_group_names(self):
        """``{group id: name}`` of the shop's customer groups."""
        return {g.prestashop_id: g.name for g in self._prestashop_customer_groups()}

    def _prestashop_group_tax_included(self, group_id):
        """Whether customers of this PrestaShop group see prices tax
        included (``ps_tax_included`` of its ``prestashop.customer.group``),
        which decides the price side of their order lines.  No group or an
        unknown one: tax included, PrestaShop's default."""
        self.ensure_one()
        if not ps_int(group_id):
            return True
        group = self._prestashop_customer_groups([group_id])
        return group.ps_tax_included if group else True

    def _prestashop_read_groups(self):
        """Import the shop's customer groups (one request, in this job)."""
        self.env["prestashop.customer.group"].import_batch(self)

    def _prestashop_partner_tag(self, name):
        Tag = self.env["res.partner.category"]
        parent = Tag.search(
            [("name", "=", "PrestaShop"), ("parent_id", "=", False)], limit=1
        ) or Tag.create({"name": "PrestaShop"})
        return Tag.search(
            [("name", "=", name), ("parent_id", "=", parent.id)], limit=1
        ) or Tag.create({"name": name, "parent_id": parent.id})

    # -- order import ------------------------------------------------------------------
    def import_sale_orders(self):
        """Queue the batch job reading the orders updated since the cursor."""
        self._prestashop_check_access()
        for backend in self:
            self.env["prestashop.sale.order"].with_delay(
                priority=10,
                identity_key=f"prestashop-import-orders-{backend.id}",
                description=_("Import orders from %s", backend.name),
            ).import_batch(backend)
        return True

    @api.model
    def _scheduler_import_sale_orders(self):
        self.search([("state", "=", "ok")]).import_sale_orders()

    def action_import_sale_orders(self):
        self._prestashop_check_access()
        self.import_sale_orders()
        return self._prestashop_notify(_("Order import queued: see Job Queue."))

    def action_import_customers(self):
        self._prestashop_check_access()
        for backend in self:
            self.env["prestashop.res.partner"].with_delay(
                priority=15,
                identity_key=f"prestashop-import-customers-{backend.id}",
                description=_("Import customers from %s", backend.name),
            ).import_batch(backend)
        return self._prestashop_notify(_("Customer import queued: see Job Queue."))

    def action_import_products(self):
        self._prestashop_check_access()
        for backend in self:
            self.env["prestashop.product.template"].with_delay(
                priority=15,
                identity_key=f"prestashop-import-products-{backend.id}",
                description=_("Import products from %s", backend.name),
            ).import_batch(backend)
        return self._prestashop_notify(_("Product import queued: see Job Queue."))

    def action_open_import_order_wizard(self):
        self._prestashop_check_access()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import one PrestaShop order"),
            "res_model": "prestashop.import.order.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_backend_id": self.id},
        }

    def _prestashop_notify(self, message):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "info", "message": message},
        }


class PrestashopImportOrderWizard(models.TransientModel):
    _name = "prestashop.import.order.wizard"
    _description = "Import one PrestaShop order"

    backend_id = fields.Many2one("prestashop.backend", required=True)
    order_ref = fields.Char(
        "PrestaShop Order",
        required=True,
        help="The order id (e.g. 42) or reference (e.g. XKBKNABJK).",
    )

    def action_import(self):
        self.ensure_one()
        value = (self.order_ref or "").strip()
        if not value:
            raise UserError(_("Enter a PrestaShop order id or reference."))
        model = self.env["prestashop.sale.order"]
        if value.isdigit():
            model.with_delay(
                priority=5,
                description=_("Import PrestaShop order %s", value),
                identity_key=f"prestashop-import-order-{self.backend_id.id}-{value}",
            ).import_record(self.backend_id, int(value))
        else:
            model.with_delay(
                priority=5,
                description=_("Import PrestaShop order %s", value),
                identity_key=f"prestashop-import-order-ref-{self.backend_id.id}-{value}",
            ).import_order_by_reference(self.backend_id, value)
        return self.backend_id._prestashop_notify(
            _("Import of order %s queued: see Job Queue.", value)
        )
