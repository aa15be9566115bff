# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo product template -> PrestaShop product, with its combinations and
images, in one job.

Costs: a first export is 1 lookup (2 when variants have references) + 1
POST + 1 POST per image + 1 POST per variant (+ the categories and options
the first time they are used); an update sends one PATCH with only the
fields that changed."""

from markupsafe import Markup, escape

from odoo import _
from odoo.tools import html2plaintext

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping, only_create
from odoo.addons.connector_prestashop.components.mapper import ps_int

from ...components.exporter import baseline_hashes, ean13_or_empty


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

        values = {
            "name": names,
            "description_short": self.ml_known(
                self.ml(template, short), "descriptions"
            ),
            "description": self.ml_known(self.ml(template, long), "descriptions"),
        }
        seo = self.odoo_owns("seo")
        # SEO texts set in Odoo are sent; defaults derived from the name only
        # where there is nothing to keep (creation) or Odoo owns them: a
        # renamed product keeps its URL, and the shop's meta texts stay.
        if seo:
            values["link_rewrite"] = self.ml_slug(names)
        if seo or any(self.ml(template, "prestashop_meta_title").values()):
            values["meta_title"] = self.ml(
                template, lambda r: r.prestashop_meta_title or r.name
            )
        if seo or any(self.ml(template, "prestashop_meta_description").values()):
            values["meta_description"] = self.ml(
                template, lambda r: r.prestashop_meta_description or ""
            )
        return {key: value for key, value in values.items() if value}

    @changed_by("default_code", "barcode")
    @mapping
    def codes(self, record):
        """The product's reference and EAN13; a product with combinations has
        none in Odoo (they are the variants'), so the shop's are kept unless
        Odoo owns references.  A product created without reference gets
        ``ODOO-<template id>`` (:meth:`generated_reference`), the key of
        :meth:`ProductTemplateExporter._lookup_existing`."""
        template = record.odoo_id
        single = len(template.product_variant_ids) <= 1
        values = self.reference(
            record, template.default_code, self.generated_reference(template)
        )
        ean13 = (
            ean13_or_empty(template.barcode, self.backend_record.version)
            if single
            else ""
        )
        # a barcode the shop cannot take still clears the shop's old one
        if ean13 or self.odoo_owns("reference") or (single and template.barcode):
            values["ean13"] = ean13
        return values

    @staticmethod
    def generated_reference(template):
        """Reference a product without one is created with on the shop:
        ``ODOO-<product.template id>`` (stable, unique in the database)."""
        return f"ODOO-{template.id}"

    @changed_by("weight")
    @mapping
    def weight(self, record):
        return {"weight": round(record.odoo_id.weight or 0.0, 6)}

    @changed_by("standard_price")
    @mapping
    def wholesale_price(self, record):
        """The cost; a cost not set in Odoo leaves the shop's unless Odoo owns
        cost prices."""
        template = record.odoo_id.with_company(self.backend_record.company_id)
        cost = round(template.standard_price or 0.0, 6)
        if cost or self.odoo_owns("cost"):
            return {"wholesale_price": cost}
        return {}

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
        """The Odoo category (default) and the other PrestaShop categories of
        the product, as PrestaShop ids.  On an update the exporter adds the
        shop's categories that map to no Odoo category
        (:meth:`ProductTemplateExporter._keep_shop_categories`)."""
        template = record.odoo_id
        ids = []
        for categ in template.categ_id | template.prestashop_categ_ids:
            # Odoo's root of the shop's categories is the shop's Home; once
            # per job per category (one not on the shop yet asked again)
            ps_id = self.job_cached(
                ("ps_category_id", categ.id),
                lambda c=categ: self.backend_record._ps_category_id(c),
            )
            if ps_id and ps_id not in ids:
                ids.append(ps_id)
        if not ids and not self.odoo_owns("categories"):
            return {}  # no Odoo category on the shop: keep the shop's
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

    _text_sources = {
        "name": "name",
        "meta_title": "prestashop_meta_title",
        "meta_description": "prestashop_meta_description",
        "link_rewrite": "name",
        "description_short": "description_sale",
        "description": "description",
        "reference": "default_code",
        "ean13": "barcode",
    }
    #: ``_text_sources`` of the combinations (fields of the variant)
    _combination_text_sources = {"reference": "default_code", "ean13": "barcode"}

    def _check_texts(self, data):
        """The product's texts, then its combinations' (sent after the
        product, by the combination synchronizer): a text of a variant the
        shop would refuse fails the job before the product is sent."""
        data = super()._check_texts(data)
        backend = self.backend_record
        mapper = self.component(
            usage="export.mapper", model_name="prestashop.product.combination"
        )
        Binding = self.env["prestashop.product.combination"]
        fields = sorted(set(self._combination_text_sources.values()))
        for variant in self._variants():
            binding = variant.prestashop_combination_bind_ids.filtered(
                lambda b: b.backend_id == backend
            )[:1] or Binding.new(
                {
                    "backend_id": backend.id,
                    "odoo_id": variant.id,
                    "main_template_id": self.binding.id,
                }
            )
            values = mapper.map_record(binding).values(
                for_create=not binding.prestashop_id, fields=fields
            )
            self._checked_texts(
                values, "combinations", variant, self._combination_text_sources
            )
        return data

    def _has_to_skip(self):
        template = self.binding.odoo_id
        # never exported and not to be sold: nothing to deactivate
        return not self.external_id and not (
            self.binding.ps_published and template.active
        )

    def _export_dependencies(self):
        template = self.binding.odoo_id
        for categ in template.categ_id | template.prestashop_categ_ids:
            if not self.backend_record._ps_is_home_category(categ):
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

    def _export_notes(self):
        """Barcodes the shop's ``ean13`` cannot hold (letters, too long):
        not sent, and said."""
        version = self.backend_record.version
        products = self.binding.odoo_id.product_variant_ids
        notes = []
        for product in products.filtered("barcode"):
            if not ean13_or_empty(product.barcode, version):
                notes.append(
                    _(
                        "The barcode %(barcode)s of %(product)s was not sent: "
                        "PrestaShop takes digits only (EAN-13, EAN-8, UPC), at "
                        "most %(size)s.",
                        barcode=product.barcode,
                        product=product.display_name,
                        size=14 if (version or "").startswith("9") else 13,
                    )
                )
        return notes

    def _lookup_existing(self, data):
        """The product already on PrestaShop (its smallest id), or None.

        Looked up by the reference the creation sends (``data``, mapped for
        creation): Odoo's ``default_code``, else the generated
        ``ODOO-<template id>``, so a product without reference made by a try
        whose POST answer was lost is found too (one request); then, when
        not found and variants have references, by the combinations holding
        one of them (a product that exists on the shop already: one more
        request).  A candidate counts only when its reference is the one
        sent, exactly (the shop's filter ignores case, reads ``a|b`` as
        either and ``1,5`` as a range), and when no other Odoo product of
        this backend is bound to it: binding it would overwrite that
        product on the shop."""
        reference = (data.get("reference") or "").strip()
        if reference:
            rows = self.backend_adapter.search_read(
                {"filter[reference]": f"[{reference}]", "display": "[id,reference]"}
            )
            found = self._unbound(
                int(r["id"])
                for r in rows
                if (r.get("reference") or "").strip() == reference
            )
            if found:
                return min(found)
        refs = {r.strip() for r in self._variants().mapped("default_code") if r}
        if refs:
            combinations = self.backend_adapter._call(
                "list",
                "combinations",
                {
                    "filter[reference]": "[{}]".format("|".join(sorted(refs))),
                    "display": "[id,id_product,reference]",
                },
                fmt="xml",
            )
            found = self._unbound(
                int(c["id_product"])
                for c in combinations
                if (c.get("reference") or "").strip() in refs
            )
            if found:
                return min(found)
        return None

    def record_baseline(self, binding):
        """Set ``ps_sync_hash`` of the product and of its combinations to
        what an export would send now, sending nothing.  Called by the import
        (after which Odoo holds what the shop holds): the first export of a
        product that came from the shop sends only what changed in Odoo
        since, never Odoo's rendering of texts it did not touch."""
        self.binding = binding
        self.external_id = binding.prestashop_id
        binding.ps_sync_hash = baseline_hashes(self.mapper, binding, for_create=False)
        image_map = {}
        for image in binding.image_ids.sorted("sequence"):
            for variant in image.variant_ids:
                image_map.setdefault(variant.id, []).append(image.prestashop_id)
        self.component(
            usage="combination.synchronizer",
            model_name="prestashop.product.combination",
        ).record_baseline(binding, self._variants(), image_map)

    def _create(self, data):
        self._created = True
        return super()._create(data)

    def _update(self, data):
        self._keep_shop_categories(data)
        return super()._update(data)

    def _keep_shop_categories(self, data):
        """Add to the categories ``data`` sends the product's categories on
        the shop that map to no Odoo category (Home, where a shop shows its
        featured products; categories made in the shop only): PrestaShop
        replaces the whole list, and Odoo must not erase what it does not
        know.  One read of the product, only when categories are sent and
        the backend does not say Odoo owns them."""
        categories = (data.get("associations") or {}).get("categories")
        if categories is None or self.backend_record.ps_odoo_owns_categories:
            return
        shop = self.backend_adapter.read(self.external_id)
        mapped = set(
            self.env["prestashop.product.category"]
            .search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("odoo_id", "!=", False),
                ]
            )
            .mapped("prestashop_id")
        )
        sent = {int(c["id"]) for c in categories}
        for category in (shop.get("associations") or {}).get("categories") or []:
            category_id = ps_int(category.get("id"))
            if category_id and category_id not in mapped | sent:
                categories.append({"id": category_id})
                sent.add(category_id)

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
