# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration of the catalogue: categories, products, combinations,
options, pictures."""

import base64
import hashlib

from odoo import _
from odoo.tools import SQL, html2plaintext

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping, only_create

from ...components.mapper import ps_bool, ps_float, ps_int
from ..product_image.common import variant_image_key


def ml_value(value, lang_id):
    """One language of a multi-language field (keys may be int or str once
    the record went through a job's JSON arguments)."""
    if not isinstance(value, dict):
        return value or ""
    for key, text in value.items():
        if str(key) == str(lang_id):
            return text or ""
    return ""


def ean13_ok(code):
    code = (code or "").strip()
    if len(code) != 13 or not code.isdigit():
        return False
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code[:12]))
    return str((10 - total % 10) % 10) == code[12]


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
        lang_id = self._lang_id(lang_code)
        value = record.get(field)
        return ml_value(value, lang_id) or (
            next((v for v in value.values() if v), "")
            if isinstance(value, dict)
            else value or ""
        )

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
        return super()._prepare_create(data)

    def _creation_context(self, data):
        context = dict(super()._creation_context(data), **self._import_context())
        if self.prestashop_record.get("_combinations"):
            # no variant of every option mix: _import_combinations creates
            # the combinations' own
            context["prestashop_shop_variants"] = True
        if not data.get("odoo_id"):
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
            name = ml_value(record.get("name"), lang.prestashop_id)
            short = ml_value(record.get("description_short"), lang.prestashop_id)
            description = ml_value(record.get("description"), lang.prestashop_id)
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
            name = (
                ml_value(value.get("name"), default_id)
                or next(iter(value.get("name", {}).values()), str(value["id"]))
                if isinstance(value.get("name"), dict)
                else str(value.get("name"))
            )
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
            ml_value(option.get("public_name") or option.get("name"), default_id)
            or ml_value(option.get("name"), default_id)
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
            text = ml_value(value, lang.prestashop_id)
            if text and lang.odoo_id.active and code != default:
                record.with_context(lang=code).write({"name": text})

    def _import_combinations(self, binding):
        """The product's attribute lines, then one variant per combination the
        shop sells, bound to it (``prestashop.product.combination``).

        Odoo would make a variant of every option mix of the lines (size x
        colour) whenever they are written; under the context key
        ``prestashop_shop_variants`` it makes none (``_create_variant_ids`` of
        ``product.template``, models/product_template/common.py) and the
        variants are the combinations' (:meth:`_combination_variants`): a
        re-import creates nothing, a combination added on the shop since gets
        its variant.  The template's variants that sell none of the shop's
        combinations (a matched Odoo product's own, a combination deleted on
        the shop) are archived."""
        combinations = self.prestashop_record.get("_combinations") or []
        if not combinations:
            return
        template = binding.odoo_id.with_context(
            prestashop_shop_variants=True, **self._import_context()
        )
        pavs = self._attribute_values()
        no_value = self.env["product.attribute.value"]
        comb_values = {}  # {combination id: product.attribute.value}
        wanted = {}
        for comb in combinations:
            values = no_value
            for v in (comb.get("associations") or {}).get("product_option_values", []):
                values |= pavs.get(ps_int(v.get("id")), no_value)
            comb_values[ps_int(comb["id"])] = values
            for pav in values:
                wanted[pav.attribute_id] = wanted.get(pav.attribute_id, no_value) | pav
        commands = []
        for attribute, values in wanted.items():
            line = template.attribute_line_ids.filtered(
                lambda ln, a=attribute: ln.attribute_id == a
            )
            if line:
                missing = values - line.value_ids
                if missing:
                    commands.append(
                        (1, line.id, {"value_ids": [(4, v.id) for v in missing]})
                    )
            else:
                commands.append(
                    (
                        0,
                        0,
                        {
                            "attribute_id": attribute.id,
                            "value_ids": [(6, 0, values.ids)],
                        },
                    )
                )
        if commands:
            template.write({"attribute_line_ids": commands})
        self._price_extras(template, combinations, pavs)
        variants = self._combination_variants(template, combinations, comb_values)
        self._bind_combinations(binding, combinations, variants)
        sold = self.env["product.product"].concat(*variants.values())
        template.invalidate_recordset(["product_variant_ids"])
        stale = template.product_variant_ids - sold
        if stale:
            stale.write({"active": False})

    def _combination_variants(self, template, combinations, comb_values):
        """``{combination id: product.product}``, the variant of each of the
        shop's ``combinations`` (``comb_values``: ``{combination id:
        product.attribute.value}``, its options).

        A variant is found by its options (``product_template_attribute_value_ids``,
        without those of ``no_variant`` attributes: Odoo's rule).  A
        combination without one takes a variant of the template with part of
        its options that sells no other combination of the shop (the
        combination's own variant when the shop added an option to the
        product, the single variant of an Odoo product matched by reference,
        preferably the one with the combination's reference or EAN13) or gets
        a new one: they are created in one ``create``.  Weight, reference and
        EAN13 are written only when they differ (each write of a variant
        clears Odoo's caches)."""
        ptavs = {
            ptav.product_attribute_value_id: ptav
            for ptav in template.attribute_line_ids.product_template_value_ids
            if ptav.ptav_active and ptav.attribute_id.create_variant != "no_variant"
        }
        existing = {}  # {frozenset of ptav ids: variant}, an active one first
        all_variants = template.with_context(
            active_test=False
        ).product_variant_ids.sorted(lambda p: (p.active, -p.id))
        for variant in all_variants:
            existing[frozenset(variant.product_template_attribute_value_ids.ids)] = (
                variant
            )
        keys = {
            ps_int(comb["id"]): frozenset(
                ptavs[pav].id for pav in comb_values[ps_int(comb["id"])] if pav in ptavs
            )
            for comb in combinations
        }
        result = {cid: existing[key] for cid, key in keys.items() if key in existing}
        claimed = {v.id for v in result.values()}
        shop_ids = set(keys)
        backend = self.backend_record
        base_weight = ps_float(self.prestashop_record.get("weight"))
        codes = {
            ps_int(comb["id"]): (
                (comb.get("reference") or "").strip(),
                comb["ean13"].strip() if ean13_ok(comb.get("ean13")) else "",
            )
            for comb in combinations
        }
        # variants to reuse: the combinations' own and those with their
        # reference or EAN13 first, then any
        for strict in (True, False):
            for cid, key in keys.items():
                if cid in result or key in {keys[c] for c in result}:
                    continue
                variant = self._reusable_variant(
                    all_variants,
                    claimed,
                    key,
                    cid,
                    shop_ids,
                    backend,
                    *codes[cid],
                    strict=strict,
                )
                if variant:
                    result[cid] = variant
                    claimed.add(variant.id)
        to_create = {}  # {key: create values}
        to_create_combs = {}  # {key: [combination id]}
        for comb in combinations:
            cid = ps_int(comb["id"])
            weight = base_weight + ps_float(comb.get("weight"))
            ref, ean = codes[cid]
            variant = result.get(cid) or next(
                (v for c, v in result.items() if keys[c] == keys[cid]), None
            )
            if variant:
                self._update_variant(variant, keys[cid], weight, ref, ean)
                result[cid] = variant
                continue
            to_create_combs.setdefault(keys[cid], []).append(cid)
            if keys[cid] in to_create:
                continue
            vals = {
                "product_tmpl_id": template.id,
                "product_template_attribute_value_ids": [(6, 0, sorted(keys[cid]))],
                "weight": weight,
            }
            if ref:
                vals["default_code"] = ref
            if ean:
                vals["barcode"] = ean
            to_create[keys[cid]] = vals
        if to_create:
            created = template.env["product.product"].create(list(to_create.values()))
            for key, variant in zip(to_create, created, strict=True):
                for cid in to_create_combs[key]:
                    result[cid] = variant
        # the cache holds the options in the order given; read again, they
        # come in Odoo's order (by attribute line), as the export reads them
        self.env["product.product"].concat(*result.values()).invalidate_recordset(
            ["product_template_attribute_value_ids"]
        )
        return result

    def _update_variant(self, variant, key, weight, ref, ean):
        """Give ``variant`` the options ``key`` (ptav ids), ``weight`` and,
        when it has none, reference ``ref`` and EAN13 ``ean``: one write, of
        what differs only."""
        vals = {}
        if frozenset(variant.product_template_attribute_value_ids.ids) != key:
            vals["product_template_attribute_value_ids"] = [(6, 0, sorted(key))]
        if round(variant.weight - weight, 6):
            vals["weight"] = weight
        if not variant.active:
            vals["active"] = True
        if ref and not variant.default_code:
            vals["default_code"] = ref
        if ean and not variant.barcode:
            vals["barcode"] = ean
        if vals:
            variant.write(vals)

    def _reusable_variant(
        self, variants, claimed, key, comb_id, shop_ids, backend, ref, ean, strict
    ):
        """A variant of ``variants`` not ``claimed`` whose options are part of
        ``key`` (a combination's options, ptav ids) and that sells no other
        combination of ``shop_ids``: the one bound to ``comb_id`` first, then
        one with reference ``ref`` or EAN13 ``ean``, then (not ``strict``)
        any; or None."""
        best = None
        for variant in variants:
            own = frozenset(variant.product_template_attribute_value_ids.ids)
            if variant.id in claimed or not own < key:
                continue
            bound = {
                b.prestashop_id
                for b in variant.prestashop_combination_bind_ids
                if b.backend_id == backend
            }
            if comb_id in bound:
                return variant
            if bound & shop_ids:
                continue
            if (ref and variant.default_code == ref) or (
                ean and variant.barcode == ean
            ):
                return variant
            if best is None and not strict:
                best = variant
        return best

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

    def _bind_combinations(self, binding, combinations, variants):
        """Bind each of the shop's ``combinations`` not bound yet to its
        variant (``variants``: ``{combination id: product.product}``); the
        new bindings are created in one ``create``.  A variant sells one
        combination: when another combination of the product that the shop
        still has is bound to it (the shop sells two combinations that Odoo
        sees alike, e.g. after a new option was added to some of them only),
        the new one is left unbound and the product gets a note saying so.
        A variant whose combination is gone from the shop is bound to the new
        one."""
        Binding = self.env["prestashop.product.combination"].with_context(
            active_test=False, **self._import_context()
        )
        shop_ids = {ps_int(c["id"]) for c in combinations}
        variant_ids = list({v.id for v in variants.values()})
        found = Binding.search(
            [
                ("backend_id", "=", self.backend_record.id),
                "|",
                ("prestashop_id", "in", list(shop_ids)),
                ("odoo_id", "in", variant_ids),
            ]
        )
        bound_combs = {b.prestashop_id for b in found}
        # {variant id: (combination id, binding or None while to create)}
        by_variant = {b.odoo_id.id: (b.prestashop_id, b) for b in found}
        to_create = []
        for comb in combinations:
            comb_id = ps_int(comb["id"])
            if comb_id in bound_combs:
                continue
            variant = variants[comb_id]
            other_id, other = by_variant.get(variant.id, (None, None))
            if other_id in shop_ids:
                binding.odoo_id.message_post(
                    body=_(
                        "PrestaShop combination %(new)s has the same options in "
                        "Odoo as combination %(bound)s (%(variant)s), which stays "
                        "linked to that variant: give them distinct options in "
                        "PrestaShop, then import the product again.",
                        new=comb_id,
                        bound=other_id,
                        variant=variant.display_name,
                    )
                )
                continue
            bound_combs.add(comb_id)
            if other:  # its combination is gone from the shop: this one sells it
                other.write({"prestashop_id": comb_id, "main_template_id": binding.id})
                by_variant[variant.id] = (comb_id, other)
                continue
            by_variant[variant.id] = (comb_id, None)
            to_create.append(
                {
                    "backend_id": self.backend_record.id,
                    "prestashop_id": comb_id,
                    "odoo_id": variant.id,
                    "main_template_id": binding.id,
                }
            )
        if to_create:
            Binding.create(to_create)

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

    def _price_extras(self, template, combinations, pavs):
        """PrestaShop prices a combination, Odoo an attribute value: each value
        gets the smallest impact of the combinations having it, exact when
        impacts add up (the usual case)."""
        impacts = {}
        for comb in combinations:
            impact = ps_float(comb.get("price"))
            values = [
                pavs.get(ps_int(v.get("id")))
                for v in (comb.get("associations") or {}).get(
                    "product_option_values", []
                )
            ]
            values = [v for v in values if v]
            if len(values) == 1 or len({v.attribute_id for v in values}) == 1:
                for v in values:
                    impacts[v] = min(impacts.get(v, impact), impact)
            else:
                for v in values:
                    impacts[v] = min(impacts.get(v, impact), impact)
        for ptav in template.attribute_line_ids.product_template_value_ids:
            pav = ptav.product_attribute_value_id
            if pav in impacts:
                ptav.price_extra = impacts[pav]


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
