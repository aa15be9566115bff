# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo product template -> PrestaShop product, with its combinations and
images, in one job.

Costs: a first export is 1 lookup + 1 POST + 1 POST per image + 1 POST per
variant (+ the categories and options the first time they are used); an
update sends one PATCH with only the fields that changed."""

from markupsafe import Markup, escape

from odoo import _
from odoo.tools import html2plaintext

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping, only_create

from ...components.exporter import ean13_or_empty


class ProductTemplateExportMapper(Component):
    _name = "prestashop.product.template.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.product.template"

    @changed_by(
        "name",
        "description_sale",
        "description",
        "prestashop_meta_title",
        "prestashop_meta_description",
    )
    @mapping
    def texts(self, record):
        template = record.odoo_id
        names = self.ml(template, "name")

        def short(rec):
            text = rec.description_sale or ""
            return (
                str(Markup("<p>%s</p>") % escape(text).replace("\n", Markup("<br/>")))
                if text
                else ""
            )

        def long(rec):
            html = rec.description or ""
            return str(html) if html2plaintext(str(html)).strip() else ""

        return {
            "name": names,
            "link_rewrite": self.ml_slug(names),
            "description_short": self.ml(template, short),
            "description": self.ml(template, long),
            "meta_title": self.ml(
                template, lambda r: r.prestashop_meta_title or r.name
            ),
            "meta_description": self.ml(
                template, lambda r: r.prestashop_meta_description or ""
            ),
        }

    @changed_by("default_code", "barcode")
    @mapping
    def codes(self, record):
        template = record.odoo_id
        single = len(template.product_variant_ids) <= 1
        return {
            "reference": template.default_code or "",
            "ean13": ean13_or_empty(template.barcode) if single else "",
        }

    @changed_by("weight")
    @mapping
    def weight(self, record):
        return {"weight": round(record.odoo_id.weight or 0.0, 6)}

    @changed_by("standard_price")
    @mapping
    def wholesale_price(self, record):
        template = record.odoo_id.with_company(self.backend_record.company_id)
        return {"wholesale_price": round(template.standard_price or 0.0, 6)}

    @changed_by("list_price", "taxes_id")
    @mapping
    def price(self, record):
        template = record.odoo_id
        taxes = self.sale_taxes(template)
        return {
            "price": self.price_tax_excluded(template.list_price, taxes),
            "id_tax_rules_group": self.tax_rule_group(template),
        }

    @changed_by("categ_id", "prestashop_categ_ids")
    @mapping
    def categories(self, record):
        template = record.odoo_id
        ids = []
        for categ in template.categ_id | template.prestashop_categ_ids:
            binding = categ.prestashop_bind_ids.filtered(
                lambda b: b.backend_id == self.backend_record
            )
            if binding.prestashop_id and binding.prestashop_id not in ids:
                ids.append(binding.prestashop_id)
        default = ids[0] if ids else self.backend_record.ps_home_category_id
        return {
            "id_category_default": default,
            "associations": {"categories": [{"id": i} for i in ids or [default]]},
        }

    @changed_by("active", "sale_ok", "ps_published")
    @mapping
    def active(self, record):
        active = (
            record.ps_published and record.odoo_id.active and record.odoo_id.sale_ok
        )
        return {"active": 1 if active else 0}

    @changed_by("ps_visibility")
    @mapping
    def visibility(self, record):
        return {"visibility": record.ps_visibility or "both"}

    @only_create
    @mapping
    def defaults(self, record):
        return {
            "state": 1,
            "minimal_quantity": 1,
            "available_for_order": 1,
            "show_price": 1,
            "indexed": 1,
            "condition": "new",
            "product_type": "combinations"
            if len(record.odoo_id.product_variant_ids) > 1
            else "standard",
        }


class ProductTemplateExporter(Component):
    _name = "prestashop.product.template.exporter"
    _inherit = "prestashop.catalog.exporter"
    _apply_on = "prestashop.product.template"

    def _has_to_skip(self):
        template = self.binding.odoo_id
        # never exported and not to be sold: nothing to deactivate
        return not self.external_id and not (
            self.binding.ps_published and template.active
        )

    def _export_dependencies(self):
        template = self.binding.odoo_id
        for categ in template.categ_id | template.prestashop_categ_ids:
            self._export_dependency(categ, "prestashop.product.category")
        for value in self._variant_values():
            self._export_dependency(value, "prestashop.product.attribute.value")

    def _variants(self):
        """Variants sold as combinations (none for a single-variant product)."""
        template = self.binding.odoo_id
        # searched, not read from the (possibly stale) one2many cache
        variants = (
            self.env["product.product"]
            .with_context(active_test=True)
            .search([("product_tmpl_id", "=", template.id)], order="id")
        )
        if len(variants) <= 1 and not template.attribute_line_ids.filtered(
            lambda ln: len(ln.value_ids) > 1
        ):
            return variants.browse()
        return variants

    def _variant_values(self):
        return (
            self._variants()
            .product_template_attribute_value_ids.filtered(
                lambda v: v.attribute_id.create_variant != "no_variant"
            )
            .product_attribute_value_id
        )

    def _lookup_existing(self, data):
        """The product already on PrestaShop: same reference, or one of its
        combinations has the reference of one of our variants."""
        reference = (data.get("reference") or "").strip()
        if reference:
            found = self.backend_adapter.search({"filter[reference]": f"[{reference}]"})
            if found:
                return min(found)
        refs = [r for r in self._variants().mapped("default_code") if r]
        if refs:
            combinations = self.backend_adapter._call(
                "list",
                "combinations",
                {
                    "filter[reference]": "[{}]".format("|".join(refs)),
                    "display": "[id,id_product]",
                },
                fmt="xml",
            )
            if combinations:
                return min(int(c["id_product"]) for c in combinations)
        return None

    def _create(self, data):
        self._created = True
        return super()._create(data)

    def _after_export(self):
        if not self.external_id:
            return
        created = getattr(self, "_created", False)
        images = self.component(
            usage="image.synchronizer", model_name="prestashop.product.image"
        )
        image_map = images.sync(self.binding, self._variants(), fresh=created)
        combinations = self.component(
            usage="combination.synchronizer",
            model_name="prestashop.product.combination",
        )
        combinations.sync(self.binding, self._variants(), image_map, fresh=created)


class ProductTemplateDeactivate(Component):
    """Used by the listener when a product is deleted in Odoo: the
    PrestaShop product is deactivated, never deleted (order history)."""

    _name = "prestashop.product.template.deactivator"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.product.template"
    _usage = "record.deactivator"

    def run(self, prestashop_id):
        adapter = self.component(usage="backend.adapter")
        adapter.patch(prestashop_id, {"active": 0})
        return _("Product %s deactivated on PrestaShop.", prestashop_id)
