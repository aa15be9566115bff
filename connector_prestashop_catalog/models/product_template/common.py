# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

VISIBILITY = [
    ("both", "Everywhere"),
    ("catalog", "Catalog only"),
    ("search", "Search only"),
    ("none", "Nowhere"),
]


class PrestashopProductTemplate(models.Model):
    """Export side of the product binding (one per backend and product,
    whether the product came from the import or was published from Odoo)."""

    _inherit = "prestashop.product.template"

    ps_published = fields.Boolean(
        "Published",
        default=True,
        help="Unpublished (or archived in Odoo), the product is deactivated on "
        "PrestaShop; it is never deleted, so orders keep their history.",
    )
    ps_visibility = fields.Selection(
        VISIBILITY, "Visibility on PrestaShop", default="both", required=True
    )
    ps_sync_hash = fields.Json(copy=False)

    _sql_constraints = [
        (
            "prestashop_odoo_uniq",
            "unique(backend_id, odoo_id)",
            "A product can be bound only once per backend.",
        ),
    ]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    prestashop_meta_title = fields.Char(
        "Meta Title",
        translate=True,
        help="Title of the product page on PrestaShop (default: the name).",
    )
    prestashop_meta_description = fields.Char(
        "Meta Description",
        translate=True,
        help="Description for search engines on PrestaShop.",
    )
    prestashop_categ_ids = fields.Many2many(
        "product.category",
        string="Other PrestaShop Categories",
        help="Categories the product is also listed in on PrestaShop, besides "
        "its own category (the default one).",
    )
    prestashop_extra_image_ids = fields.One2many(
        "prestashop.extra.image", "product_tmpl_id", string="Extra Images"
    )

    def _prestashop_queue_exports(self):
        """Queue a (debounced) export of these products on every backend
        where they are published or were exported; those of the other
        companies too (sudo: a product shared by several companies is
        published by each one's backend, and the record rules hide the
        others' bindings from the user who changed it)."""
        bindings = (
            self.sudo()
            .with_context(active_test=False)
            .prestashop_bind_ids.filtered(lambda b: b.ps_published or b.prestashop_id)
        )
        return bindings._queue_catalog_export()

    def publish_on_prestashop(self, backend, delay=0):
        """Publish these products on ``backend``: bind them (or publish the
        binding again) and queue their export.  Returns the jobs."""
        backend.ensure_one()
        Binding = self.env["prestashop.product.template"].with_context(
            active_test=False
        )
        bindings = Binding.browse()
        for template in self:
            binding = Binding.search(
                [("backend_id", "=", backend.id), ("odoo_id", "=", template.id)]
            )
            if binding:
                if not binding.ps_published:
                    binding.ps_published = True
            else:
                # sudo: creating a binding writes the template's defaults of
                # inherited fields (product_properties), which a connector
                # user who may not edit products could not; the binding is
                # the connector's, the product is left as it is
                binding = (
                    Binding.sudo()
                    .with_context(connector_no_export=True)
                    .create({"backend_id": backend.id, "odoo_id": template.id})
                    .with_env(Binding.env)
                )
            bindings |= binding
        return bindings._queue_catalog_export(delay=delay, priority=20)

    def unpublish_from_prestashop(self, backend):
        """Deactivate these products on ``backend`` (never delete them)."""
        bindings = (
            self.env["prestashop.product.template"]
            .with_context(active_test=False)
            .search(
                [
                    ("backend_id", "=", backend.id),
                    ("odoo_id", "in", self.ids),
                    ("ps_published", "=", True),
                ]
            )
        )
        bindings.with_context(connector_no_export=True).ps_published = False
        return bindings.filtered("prestashop_id")._queue_catalog_export(
            delay=0, priority=20
        )


class PrestashopExtraImage(models.Model):
    """Extra pictures of a product, uploaded to PrestaShop after the main
    one (``website_sale``'s extra images are sent too when it is installed)."""

    _name = "prestashop.extra.image"
    _description = "Product Extra Image"
    _inherit = ["image.mixin"]
    _order = "sequence, id"

    name = fields.Char()
    sequence = fields.Integer(default=10)
    product_tmpl_id = fields.Many2one(
        "product.template", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one(
        "product.product",
        string="Variant",
        domain="[('product_tmpl_id', '=', product_tmpl_id)]",
        help="Show this picture for this variant (combination) only.",
    )
    image_1920 = fields.Image(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.product_tmpl_id._prestashop_queue_exports()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.product_tmpl_id._prestashop_queue_exports()
        return res

    def unlink(self):
        templates = self.product_tmpl_id
        res = super().unlink()
        templates._prestashop_queue_exports()
        return res


class PrestashopPublishWizard(models.TransientModel):
    _name = "prestashop.publish.wizard"
    _description = "Publish products on PrestaShop"

    backend_id = fields.Many2one(
        "prestashop.backend",
        required=True,
        default=lambda self: self.env["prestashop.backend"].search([], limit=1),
    )
    action = fields.Selection(
        [("publish", "Publish"), ("unpublish", "Unpublish (deactivate)")],
        default="publish",
        required=True,
    )
    product_tmpl_ids = fields.Many2many(
        "product.template",
        string="Products",
        default=lambda self: self._default_products(),
    )

    @api.model
    def _default_products(self):
        ctx = self.env.context
        if ctx.get("active_model") == "product.template":
            return [(6, 0, ctx.get("active_ids") or [])]
        if ctx.get("active_model") == "product.product":
            products = self.env["product.product"].browse(ctx.get("active_ids") or [])
            return [(6, 0, products.product_tmpl_id.ids)]
        return []

    def action_apply(self):
        self.ensure_one()
        if not self.product_tmpl_ids:
            raise UserError(_("Select the products to publish first."))
        if self.action == "publish":
            jobs = self.product_tmpl_ids.publish_on_prestashop(self.backend_id)
            message = _("%s product export(s) queued.", len(jobs))
        else:
            jobs = self.product_tmpl_ids.unpublish_from_prestashop(self.backend_id)
            message = _("%s product(s) will be deactivated on PrestaShop.", len(jobs))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
