# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import _, api, fields, models

from odoo.addons.queue_job.exception import FailedJobError

#: a 1x1 red PNG: the demo product's picture
DEMO_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLv"
    "AAAAAElFTkSuQmCC"
)


class PrestashopBinding(models.AbstractModel):
    _inherit = "prestashop.binding"

    def _queue_catalog_export(self, delay=None, priority=30):
        """Queue one export job per binding, debounced: the job waits
        ``catalog_export_delay`` seconds and a burst of edits queues it once
        (identity key); the job sends what changed since the last export."""
        jobs = []
        # bindings are often reached with active_test=False (archived
        # products): the job must not inherit it (it is a job context key)
        context = {k: v for k, v in self.env.context.items() if k != "active_test"}
        for binding in self.with_env(self.env(context=context)):
            backend = binding.backend_id
            eta = backend.catalog_export_delay if delay is None else delay
            jobs.append(
                binding.with_delay(
                    priority=priority,
                    eta=eta or None,
                    identity_key=f"prestashop-export-{binding._name}-{binding.id}",
                    description=_(
                        "Export %(what)s %(name)s to %(backend)s",
                        what=binding._description,
                        name=binding.display_name,
                        backend=backend.name,
                    ),
                ).export_record()
            )
        return jobs


class PrestashopBackend(models.Model):
    _inherit = "prestashop.backend"

    ps_home_category_id = fields.Integer(
        "Home Category ID",
        default=2,
        help="PrestaShop category under which the Odoo categories without "
        "parent are created (2 is 'Home' in a standard shop).",
    )
    catalog_export_delay = fields.Integer(
        "Export Delay (s)",
        default=10,
        help="Seconds an export waits after a product is edited: a burst of "
        "edits makes one export.",
    )
    product_binding_ids = fields.One2many(
        "prestashop.product.template",
        "backend_id",
        string="Published Products",
        context={"active_test": False},
    )
    product_binding_count = fields.Integer(compute="_compute_product_binding_count")

    @api.depends("product_binding_ids")
    def _compute_product_binding_count(self):
        for backend in self:
            backend.product_binding_count = len(backend.product_binding_ids)

    def action_open_published_products(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Products on %s", self.name),
            "res_model": "prestashop.product.template",
            "view_mode": "list,form",
            "domain": [("backend_id", "=", self.id)],
            "context": {"active_test": False},
        }

    # -- jobs of records deleted in Odoo -----------------------------------------
    def deactivate_product_on_prestashop(self, prestashop_id):
        """Job: a product deleted in Odoo is deactivated on PrestaShop (never
        deleted: its orders keep their history)."""
        self.ensure_one()
        with self.work_on("prestashop.product.template") as work:
            return work.component(usage="record.deactivator").run(prestashop_id)

    def delete_combination_on_prestashop(self, prestashop_id):
        """Job: a variant deleted in Odoo: its combination is removed
        (PrestaShop combinations cannot be deactivated)."""
        self.ensure_one()
        with self.work_on("prestashop.product.combination") as work:
            return work.component(usage="record.exporter.deleter").run(prestashop_id)

    # -- main job (``make demo``) -------------------------------------------------
    def _main_job_stages(self):
        return super()._main_job_stages() + [
            ("publish_demo_product", _("Publish a product on PrestaShop")),
        ]

    def _demo_product(self):
        """An Odoo product with two variants, taxes and a picture."""
        template = (
            self.env["product.template"]
            .with_context(active_test=False)
            .search([("default_code", "=", "ODOO-DEMO-TSHIRT")], limit=1)
        )
        if not template:
            template = (
                self.env["product.product"]
                .with_context(active_test=False)
                .search([("default_code", "=like", "ODOO-DEMO-TSHIRT-%")], limit=1)
                .product_tmpl_id
            )
        if template:
            return template
        size = self.env["product.attribute"].search(
            [("name", "=", "Size")], limit=1
        ) or self.env["product.attribute"].create({"name": "Size"})
        values = self.env["product.attribute.value"]
        for name in ("S", "M"):
            values |= size.value_ids.filtered(
                lambda v, n=name: v.name == n
            ) or self.env["product.attribute.value"].create(
                {"name": name, "attribute_id": size.id}
            )
        group = self.tax_rule_group_ids.filtered(
            lambda g: g.odoo_id and not g.deleted
        ).sorted("prestashop_id")[:1]
        template = self.env["product.template"].create(
            {
                "name": "Odoo demo T-shirt",
                "list_price": 24.0,
                "standard_price": 8.0,
                "weight": 0.2,
                "image_1920": DEMO_PNG,
                "description_sale": "A T-shirt published from Odoo.",
                "taxes_id": [(6, 0, group.odoo_id.ids)],
                "attribute_line_ids": [
                    (0, 0, {"attribute_id": size.id, "value_ids": [(6, 0, values.ids)]})
                ],
            }
        )
        for variant in template.product_variant_ids:
            size_name = variant.product_template_attribute_value_ids.name
            variant.default_code = f"ODOO-DEMO-TSHIRT-{size_name}"
        lang_fr = self.env["res.lang"]._lang_get("fr_FR")
        if lang_fr:
            template.with_context(lang="fr_FR").name = "T-shirt de démo Odoo"
        return template

    def publish_demo_product(self):
        """Stage of the main job: publish the demo product (jobs)."""
        jobs = []
        for backend in self:
            template = backend._demo_product()
            jobs += template.publish_on_prestashop(backend, delay=0)
        return jobs

    def _main_job_summary(self):
        lines = super()._main_job_summary()
        binding = self.product_binding_ids.filtered("prestashop_id")
        lines.append(_("Products published on PrestaShop: %s", len(binding)))
        demo = binding.filtered(
            lambda b: (b.default_code or "").startswith("ODOO-DEMO")
            or any(
                (v.default_code or "").startswith("ODOO-DEMO")
                for v in b.product_variant_ids
            )
        )[:1]
        if demo:
            try:
                lines += demo._prestashop_summary_lines()
            except FailedJobError as err:  # the summary must not hide the rest
                lines.append(
                    _("Demo product: could not be read back from PrestaShop: %s", err)
                )
        return lines


def image_bytes(value):
    return base64.b64decode(value) if value else b""
