# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration of the catalogue: categories, products, combinations,
options, pictures."""

import base64
import hashlib
import re

from odoo import _
from odoo.tools import SQL, html2plaintext
from odoo.tools.barcode import get_barcode_check_digit

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create

from ...components.mapper import ml_text, ps_bool, ps_float, ps_int
from ..product_image.common import variant_image_key


def ean13_ok(code):
    """Whether PrestaShop's ``ean13`` text is an EAN-13 with the right check
    digit (GS1's, ``odoo.tools.barcode.get_barcode_check_digit``), worth
    Odoo's barcode; a leading 0 is allowed (a UPC-A written as EAN-13),
    which Odoo's ``check_barcode_encoding(code, "ean13")`` refuses."""
    code = (code or "").strip()
    return bool(re.fullmatch(r"[0-9]{13}", code)) and get_barcode_check_digit(
        code
    ) == int(code[-1])


class ProductTemplateImportMapper(Component):
    _name = "prestashop.product.template.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.product.template"

    def _lang_id(self, lang_code=None):
        """``backend._ps_lang_id``, once per language for the mapper's
        fields."""
        cache = self.__dict__.setdefault("_lang_id_cache", {})
        if lang_code not in cache:
            cache[lang_code] = self.backend_record._ps_lang_id(lang_code)
        return cache[lang_code]

    def _text(self, record, field, lang_code=None):
        """``field`` of ``record`` in ``lang_code`` (the backend's default
        language by default), another language's text when it has none."""
        return ml_text(record.get(field), self._lang_id(lang_code) or None)

    @mapping
    def names(self, record):
        short = self._text(record, "description_short")
        description = self._text(record, "description") or False
        values = {
            "name": self._text(record, "name")
            or record.get("reference")
            or str(record.get("id")),
            "description_sale": html2plaintext(short).strip() if short else False,
            "description": description,
        }
        if "description_ecommerce" in self.env["product.template"]._fields:
            # website_sale: the shop's long description
            values["description_ecommerce"] = description
        return values

    @mapping
    def category(self, record):
        """``id_category_default`` -> ``categ_id`` (the categories are
        imported before the products; PrestaShop's home category and an
        unknown one give the parent of the imported categories)."""
        categ = self.binder_for("prestashop.product.category").to_internal(
            record.get("id_category_default"), unwrap=True
        )
        return {
            "categ_id": (categ or self.backend_record._prestashop_category_parent()).id
        }

    @mapping
    def values(self, record):
        has_combinations = bool(record.get("_combinations"))
        values = {
            "list_price": ps_float(record.get("price")),
            "weight": ps_float(record.get("weight")),
            "sale_ok": ps_bool(record.get("available_for_order", "1")),
            "ps_date_upd": record.get("date_upd"),
        }
        if not has_combinations:
            if (record.get("reference") or "").strip():
                values["default_code"] = record["reference"].strip()
            if ean13_ok(record.get("ean13")):
                values["barcode"] = record["ean13"].strip()
        if ps_float(record.get("wholesale_price")):
            values["standard_price"] = ps_float(record.get("wholesale_price"))
        group = self.binder_for("prestashop.tax.rule.group").to_internal(
            record.get("id_tax_rules_group")
        )
        if group and group.odoo_id:
            values["taxes_id"] = [(6, 0, group.odoo_id.ids)]
        return values

    @only_create
    @mapping
    def product_type(self, record):
        virtual = ps_bool(record.get("is_virtual"))
        return {
            "type": "service" if virtual else "consu",
            "is_storable": not virtual,
            "invoice_policy": "order",
        }


class ProductTemplateImporter(Component):
    _name = "prestashop.product.template.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.product.template"

    def _get_prestashop_data(self):
        record = self.backend_adapter.read(self.external_id)
        return self.backend_adapter.read_related([record])[0]

    def _must_skip(self, binding):
        if "_combinations" not in self.prestashop_record:
            self.backend_adapter.read_related([self.prestashop_record])
        return None

    def _import_dependencies(self):
        self._import_dependency(
            self.prestashop_record.get("id_tax_rules_group"),
            "prestashop.tax.rule.group",
        )

    def _match_existing(self, map_record):
        """An Odoo product with the same reference or EAN13 (the product's or
        one of its combinations'), not bound to another product of this shop
        already (two shop products with one reference, a product duplicated
        in the back office: each gets its own Odoo product)."""
        record = self.prestashop_record
        refs = [record.get("reference")] + [
            c.get("reference") for c in record.get("_combinations") or []
        ]
        eans = [record.get("ean13")] + [
            c.get("ean13") for c in record.get("_combinations") or []
        ]
        refs = [k.strip() for k in refs if (k or "").strip()]
        eans = [k.strip() for k in eans if (k or "").strip()]
        if not refs and not eans:
            return None
        # one search for both; a reference match wins over an EAN13 one.  (A
        # template's reference is its single variant's: searching the
        # variants, archived ones too, finds it.)
        domain = [("default_code", "in", refs)] if refs else []
        if eans:
            domain = (["|"] + domain if domain else []) + [("barcode", "in", eans)]
        found = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search(domain, order="id")
        )
        backend = self.backend_record
        found = found.filtered(
            lambda p: backend not in p.product_tmpl_id.prestashop_bind_ids.backend_id
        )
        by_ref = found.filtered(lambda p: p.default_code in refs)
        return (by_ref or found)[:1].product_tmpl_id or None

    def _prepare_create(self, data):
        if data.get("odoo_id"):
            template = self.env["product.template"].browse(data["odoo_id"])
            # matched: keep what Odoo has, fill what it lacks
            data = {
                k: v
                for k, v in data.items()
                if k not in template._fields
                or k in ("odoo_id", "backend_id")
                or not template[k]
            }
            data.pop("type", None)
            data.pop("is_storable", None)
        self._single_variant = None
        if not data.get("odoo_id") and not self.prestashop_record.get("_combinations"):
            # the template's fields that are its variant's (reference,
            # barcode, weight, cost...): Odoo's creation writes them on the
            # template once its variant exists (``product.template.create``),
            # a write per product; the variant is created with them
            # (:meth:`_create_single_variants`)
            related = self.env[
                "product.template"
            ]._get_related_fields_variant_template()
            self._single_variant = {
                name: data.pop(name) for name in related if data.get(name)
            }
        return super()._prepare_create(data)

    def _create(self, data):
        binding = super()._create(data)
        self._create_single_variants(binding, [self])
        return binding

    def _create_single_variants(self, bindings, importers):
        """Create in one ``create`` the variant of each new product without
        combinations of ``bindings`` (``importers``: the record importer of
        each, in the same order), with the values :meth:`_prepare_create`
        set aside; Odoo's template creation, whose variant making the
        context key ``prestashop_shop_variants`` turned off
        (:meth:`_creation_context`), would make it without them
        (``product.template._create_variant_ids``, Odoo 18
        ``addons/product/models/product_template.py``)."""
        no_option = self.env["product.template.attribute.value"]
        vals_list = [
            dict(binding.odoo_id._prepare_variant_values(no_option), **values)
            for binding, importer in zip(bindings, importers, strict=True)
            if (values := importer._single_variant) is not None
        ]
        if vals_list:
            self.env["product.product"].with_context(
                connector_no_export=True,
                disable_auto_svl=True,
                **self._import_context(),
            ).create(vals_list)

    def _creation_context(self, data):
        context = dict(super()._creation_context(data), **self._import_context())
        if not data.get("odoo_id"):
            # no variant of every option mix: the combination importer
            # creates the combinations' own, and the single variant of a
            # product without combinations is created with its values
            # (:meth:`_create_single_variants`)
            context["prestashop_shop_variants"] = True
            # a new product has no stock to revalue at its cost: no stock
            # valuation layer to compute (stock_account's product.product
            # write)
            context["disable_auto_svl"] = True
        return context

    def _created(self, binding):
        # what follows (_after_import) runs without these two
        return binding.with_context(
            prestashop_shop_variants=None, disable_auto_svl=None
        )

    def _bulk_keys(self, values):
        # one Odoo product per reference or EAN13 (_match_existing): a
        # product sharing one with a product waiting to be created is
        # imported after it, and finds it
        record = self.prestashop_record
        keys = super()._bulk_keys(values)
        for item in [record] + list(record.get("_combinations") or []):
            for field in ("reference", "ean13"):
                if (item.get(field) or "").strip():
                    keys.append((field, item[field].strip()))
        return keys

    def _update(self, binding, data):
        binding.with_context(connector_no_export=True, **self._import_context()).write(
            data
        )

    def _import_context(self):
        """Context of the product's creates and writes: no mail tracking and
        no "created" note in the chatter (as OCA importers do): the product
        comes from the shop, its history is the shop's."""
        return {"tracking_disable": True, "mail_create_nolog": True}

    def _after_import(self, binding):
        binding = binding.with_context(**self._import_context())
        self._import_translations(binding)
        self._import_combinations(binding)
        self._import_images(binding)

    # -- languages -----------------------------------------------------------------
    def _import_translations(self, binding):
        record = self.prestashop_record
        default = self.backend_record._default_lang_code()
        for lang in self.backend_record.lang_ids:
            code = lang.odoo_id.code
            if not lang.odoo_id.active or code == default:
                continue
            # a text missing in a language stays untranslated in Odoo
            name, short, description = (
                ml_text(record.get(field), lang.prestashop_id, fallback=False)
                for field in ("name", "description_short", "description")
            )
            template = binding.odoo_id
            values = {}
            if name:
                values["name"] = name
            if short:
                values["description_sale"] = html2plaintext(short).strip()
            if values:
                template.with_context(lang=code).write(values)
            if description:
                for fname in ("description", "description_ecommerce"):
                    if fname in template._fields:
                        self._translate_html(template, fname, code, description)

    def _translate_html(self, record, fname, lang_code, value):
        """Set the ``lang_code`` text of an HTML field translated by terms
        (writing it in that language would replace the source text): the
        terms of the source are mapped one to one."""
        field = record._fields[fname]
        if not callable(field.translate):
            record.with_context(lang=lang_code).write({fname: value})
            return
        source_lang = self.backend_record._default_lang_code()
        source = record.with_context(lang=source_lang)[fname] or ""
        src_terms = field.get_trans_terms(source)
        dst_terms = field.get_trans_terms(value)
        if src_terms and len(src_terms) == len(dst_terms):
            record.update_field_translations(
                fname,
                {lang_code: dict(zip(src_terms, dst_terms, strict=True))},
                source_lang=source_lang,
            )

    # -- options and combinations ------------------------------------------------------
    def _attribute_values(self):
        """{PrestaShop option value id: product.attribute.value}, made once
        per record imported (the catalog addon asks again)."""
        record = self.prestashop_record
        cached = getattr(self, "_attribute_values_cache", None)
        if cached and cached[0] is record:
            return cached[1]
        default_id = self.backend_record._ps_lang_id()
        options = {ps_int(o["id"]): o for o in record.get("_options") or []}
        attributes = {}  # {option id: product.attribute}
        result = {}
        for value in record.get("_values") or []:
            option_id = ps_int(value.get("id_attribute_group"))
            option = options.get(option_id)
            if not option:
                continue
            if option_id not in attributes:
                attributes[option_id] = self._attribute(option, default_id)
            attribute = attributes[option_id]
            name = ml_text(value.get("name"), default_id) or str(value["id"])
            pav = attribute.value_ids.filtered(lambda v, n=name: v.name == n)[:1]
            if not pav:
                pav = self._create_once(
                    self.env["product.attribute.value"],
                    {
                        "attribute_id": attribute.id,
                        "name": name,
                        "html_color": value.get("color") or False,
                    },
                    SQL(
                        "SELECT 1 FROM product_attribute_value WHERE attribute_id = %s "
                        "AND name->>%s = %s",
                        attribute.id,
                        self.env.lang or "en_US",
                        name,
                    ),
                    f"The value {name} of {attribute.name}",
                )
                self._translate(pav, value.get("name"))
            result[ps_int(value["id"])] = pav
        self._attribute_values_cache = (record, result)
        return result

    def _attribute(self, option, default_id):
        name = (
            ml_text(option.get("public_name"), default_id, fallback=False)
            or ml_text(option.get("name"), default_id)
            or str(option["id"])
        )
        Attribute = self.env["product.attribute"]
        attribute = Attribute.search([("name", "=", name)], limit=1)
        if not attribute:
            attribute = self._create_once(
                Attribute,
                {
                    "name": name,
                    "create_variant": "always",
                    "display_type": "color"
                    if ps_bool(option.get("is_color_group"))
                    else "select",
                },
                SQL(
                    "SELECT 1 FROM product_attribute WHERE name->>%s = %s",
                    self.env.lang or "en_US",
                    name,
                ),
                f"The attribute {name}",
            )
            self._translate(attribute, option.get("public_name") or option.get("name"))
        return attribute

    def _translate(self, record, value):
        default = self.backend_record._default_lang_code()
        for lang in self.backend_record.lang_ids:
            code = lang.odoo_id.code
            text = ml_text(value, lang.prestashop_id, fallback=False)
            if text and lang.odoo_id.active and code != default:
                record.with_context(lang=code).write({"name": text})

    def _import_combinations(self, binding):
        """The product's combinations, by their own importer
        (``prestashop.product.combination.importer``,
        :meth:`~CombinationImporter.import_for_product`): attribute lines,
        one variant per combination the shop sells, bound to it."""
        if not self.prestashop_record.get("_combinations"):
            return
        importer = self.component(
            usage="record.importer", model_name="prestashop.product.combination"
        )
        importer.import_for_product(
            binding.with_context(**self._import_context()),
            self.prestashop_record,
            self._attribute_values(),
        )

    def _combination_bindings(self):
        """``{combination id: prestashop.product.combination}`` of the
        product's combinations already bound (one search)."""
        combinations = self.prestashop_record.get("_combinations") or []
        ids = [ps_int(c["id"]) for c in combinations]
        if not ids:
            return {}
        bindings = (
            self.env["prestashop.product.combination"]
            .with_context(active_test=False)
            .search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "in", ids),
                ]
            )
        )
        return {b.prestashop_id: b for b in bindings}

    # -- pictures ----------------------------------------------------------------------
    def _import_images(self, binding):
        """The cover -> the template's picture; a combination's own picture
        (not the cover) -> its variant's.  One request per picture, and none
        for a picture already imported.  Each is bound in
        ``prestashop.product.image`` with the checksum of its bytes in Odoo,
        so that the catalog export does not upload it again; a picture that
        several combinations share (PrestaShop's ``product_attribute_image``)
        is read once and bound once, to all their variants (``variant_ids``,
        key :func:`variant_image_key`)."""
        record = self.prestashop_record
        image_ids = [
            ps_int(i.get("id"))
            for i in (record.get("associations") or {}).get("images") or []
            if ps_int(i.get("id"))
        ]
        if not image_ids:
            return
        cover = ps_int(record.get("id_default_image"))
        if cover not in image_ids:
            cover = image_ids[0]
        template = binding.odoo_id.with_context(connector_no_export=True)
        existing = {b.source_key: b for b in binding.image_ids}
        main = existing.get("main")
        if not (main and main.prestashop_id == cover) and not template.image_1920:
            data = self._read_image(cover)
            template.image_1920 = base64.b64encode(data)
            self._bind_image(
                binding,
                main,
                "main",
                cover,
                template.image_1920,
                self.env["product.product"],
            )
        imported = {
            b.prestashop_id for b in binding.image_ids if b.source_key != "main"
        }
        for image_id, variants in self._variant_images(image_ids, cover).items():
            todo = variants.filtered(lambda v: not v.image_variant_1920)
            if image_id in imported or not todo:
                continue
            todo = todo.with_context(connector_no_export=True)
            todo.write(
                {"image_variant_1920": base64.b64encode(self._read_image(image_id))}
            )
            stored = todo[:1].image_variant_1920
            key = variant_image_key(hashlib.sha1(base64.b64decode(stored)).hexdigest())
            self._bind_image(binding, existing.get(key), key, image_id, stored, todo)

    def _variant_images(self, image_ids, cover):
        """``{PrestaShop image id: product.product}``: the variants whose
        combination shows that picture first (the cover and pictures of
        other products left out)."""
        bindings = None
        result = {}
        for comb in self.prestashop_record.get("_combinations") or []:
            own = [
                ps_int(i.get("id"))
                for i in (comb.get("associations") or {}).get("images") or []
                if ps_int(i.get("id")) in image_ids and ps_int(i.get("id")) != cover
            ]
            if own and bindings is None:
                bindings = self._combination_bindings()
            comb_binding = own and bindings.get(ps_int(comb["id"]))
            if own and comb_binding:
                result.setdefault(own[0], self.env["product.product"])
                result[own[0]] |= comb_binding.odoo_id
        return result

    def _read_image(self, image_id):
        adapter = self.component(
            usage="backend.adapter", model_name="prestashop.product.image"
        )
        return adapter.read_image(self.external_id, image_id)

    def _bind_image(self, binding, image, key, image_id, stored, variants):
        """Bind a picture; the checksum is the one of the bytes Odoo stored
        (what the catalog export compares)."""
        values = {
            "prestashop_id": image_id,
            "checksum": hashlib.sha1(base64.b64decode(stored)).hexdigest(),
            "variant_ids": [(6, 0, variants.ids)],
        }
        if image:
            image.with_context(connector_no_export=True).write(values)
            return image
        return (
            self.env["prestashop.product.image"]
            .with_context(connector_no_export=True)
            .create(
                dict(
                    values,
                    backend_id=self.backend_record.id,
                    main_template_id=binding.id,
                    source_key=key,
                    sequence=0 if key == "main" else 10,
                )
            )
        )


class ProductTemplateBulkImporter(Component):
    """A chunk of products (``import_records``), created together: the
    single variants of those without combinations too."""

    _name = "prestashop.product.template.bulk.importer"
    _inherit = "prestashop.bulk.importer"
    _apply_on = "prestashop.product.template"

    def _look_up_chunk(self, records):
        """Also the categories of the chunk's products, at once (one
        search; the mappers then find them in the job's look-ups)."""
        lookup = super()._look_up_chunk(records)
        ids = set()
        for record in records:
            ids.add(ps_int(record.get("id_category_default")))
            for category in (record.get("associations") or {}).get("categories") or []:
                ids.add(ps_int(category.get("id")))
        self.binder_for("prestashop.product.category").prime(ids, unwrap=True)
        return lookup

    def _create_bindings(self, context, items):
        bindings = super()._create_bindings(context, items)
        importers = [importer for importer, _record, _values in items]
        importers[0]._create_single_variants(bindings, importers)
        return bindings


class ProductTemplateBatchImporter(Component):
    """One job per page of products (:meth:`run_page`), which reads their
    combinations and options (4 requests or a few more) and queues one job
    per chunk of products (``_chunk_size``)."""

    _name = "prestashop.product.template.batch.importer"
    _inherit = "prestashop.delayed.batch.importer"
    _apply_on = "prestashop.product.template"
    # thousands of products: created 20 at a time
    _chunk_size = 20

    def run(self, filters=None):
        """The first page of the products (``filters``: webservice filters;
        none: the whole catalogue, its categories first, one request),
        which queues the next page's job (:meth:`run_page`)."""
        if not filters:
            self.env["prestashop.product.category"].import_batch(self.backend_record)
        return self.run_page(self._page_params(filters), 0)

    def run_page(self, filters, offset):
        """One page of products from ``offset`` with their combinations and
        options (4 requests or a few more), queued a chunk per job; a full
        page queues the job of the next.  Returns the number of products
        queued."""
        adapter = self.backend_adapter
        page = adapter.search_read(filters, limit=adapter._page_size, offset=offset)
        adapter.read_related(page)
        for record in page:
            self._import_record(record)
        self._queue_chunk()
        if len(page) >= adapter._page_size:
            self._queue_page(filters, offset + adapter._page_size)
        return len(page)

    def _chunk_description(self, chunk, ids):
        return _(
            "Import PrestaShop products %(first)s to %(last)s (%(count)s)",
            first=ids[0],
            last=ids[-1],
            count=len(chunk),
        )

    def _job_description(self, record):
        return _(
            "Import PrestaShop product %(ref)s (id %(id)s)",
            ref=record.get("reference") or "",
            id=record["id"],
        )
