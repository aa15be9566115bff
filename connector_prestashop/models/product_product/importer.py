# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Combinations: PrestaShop combination -> Odoo variant, imported with
their product (initial migration, and an order's unknown product).

The product importer (``prestashop.product.template.importer``) creates the
options and their values, then hands the combinations to
:class:`CombinationImporter` (:meth:`~CombinationImporter.import_for_product`),
whose mapper (:class:`CombinationImportMapper`) gives each variant its
values: the place to map a combination field onto a variant field."""

from odoo import _, models

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping

from ...components.mapper import ps_float, ps_int
from ..product_template.importer import ean13_ok


class CombinationImportMapper(Component):
    """A PrestaShop combination -> the values of its Odoo variant.

    Option ``product``: the product's PrestaShop record (a combination's
    weight is an impact on the product's).  Applied by
    :class:`CombinationImporter` at creation and at every import (written
    when they differ; reference and barcode only when the variant has
    none)."""

    _name = "prestashop.product.combination.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.product.combination"

    @mapping
    def weight(self, record):
        """The product's weight plus the combination's impact (kg)."""
        product = self.options.get("product") or {}
        return {
            "weight": ps_float(product.get("weight")) + ps_float(record.get("weight"))
        }

    @mapping
    def codes(self, record):
        """Reference and EAN-13 (a valid one only), when the shop has them."""
        values = {}
        reference = (record.get("reference") or "").strip()
        if reference:
            values["default_code"] = reference
        if ean13_ok(record.get("ean13")):
            values["barcode"] = record["ean13"].strip()
        return values


class CombinationImporter(Component):
    """A PrestaShop combination, imported with its product: Odoo's attribute
    lines and variants need all of the product's combinations at once.

    * :meth:`run` (the job ``import_record`` of
      ``prestashop.product.combination``; an order line with a combination
      Odoo does not know) imports the combination's product, and so the
      combination;
    * :meth:`import_for_product` is what the product importer calls."""

    _name = "prestashop.product.combination.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.product.combination"

    #: Variant fields the import fills only when Odoo has none (Odoo is the
    #: catalogue's master once the product is imported).
    _kept_when_set = ("default_code", "barcode")

    def run(self, external_id, data=None):
        """Import the product of combination ``external_id`` (``data``: the
        combination's record when read already), with all its combinations.
        Returns what the product importer returns (its binding, or why it
        skipped the product)."""
        record = data or self.backend_adapter.read(int(external_id))
        importer = self.component(
            usage="record.importer", model_name="prestashop.product.template"
        )
        return importer.run(ps_int(record.get("id_product")))

    def import_for_product(self, binding, product, pavs):
        """Import the combinations of a product being imported: its
        attribute lines, then one variant per combination the shop sells,
        bound to it (``prestashop.product.combination``), its values mapped
        by the combination mapper
        (``prestashop.product.combination.import.mapper``).

        :param binding: the product's ``prestashop.product.template``
            binding (created or updated by the product importer).
        :param product: the product's PrestaShop record, with its
            combinations (``_combinations``, as
            ``prestashop.product.template.adapter.read_related`` attaches
            them).
        :param pavs: ``{PrestaShop option value id: product.attribute.value}``
            (the product importer's ``_attribute_values``).

        Odoo would make a variant of every option mix of the lines (size x
        colour) whenever they are written; under the context key
        ``prestashop_shop_variants`` it makes none (``_create_variant_ids`` of
        ``product.template``, models/product_template/common.py) and the
        variants are the combinations' (:meth:`_combination_variants`): a
        re-import creates nothing, a combination added on the shop since gets
        its variant.  The template's variants that sell none of the shop's
        combinations (a matched Odoo product's own, a combination deleted on
        the shop) are archived."""
        self.product_record = product
        combinations = product.get("_combinations") or []
        if not combinations:
            return
        template = binding.odoo_id.with_context(prestashop_shop_variants=True)
        comb_values = self._attribute_lines(template, combinations, pavs)
        self._price_extras(template, combinations, pavs)
        variants = self._combination_variants(template, combinations, comb_values)
        self._bind_combinations(binding, combinations, variants)
        sold = self.env["product.product"].concat(*variants.values())
        template.invalidate_recordset(["product_variant_ids"])
        stale = template.product_variant_ids - sold
        if stale:
            stale.write({"active": False})

    def _attribute_lines(self, template, combinations, pavs):
        """Give ``template`` the attribute lines and values of the shop's
        ``combinations`` (values added to a line, never removed: Odoo keeps
        what it sells).  Returns ``{combination id: product.attribute.value}``,
        the options of each combination."""
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
        return comb_values

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
        a new one: they are created in one ``create``, with the values of
        :meth:`_variant_values`, which are written on an existing variant
        only when they differ (:meth:`_update_variant`)."""
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
        mapped = {
            ps_int(comb["id"]): self._variant_values(comb) for comb in combinations
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
                    mapped[cid],
                    strict=strict,
                )
                if variant:
                    result[cid] = variant
                    claimed.add(variant.id)
        to_create = {}  # {key: create values}
        to_create_combs = {}  # {key: [combination id]}
        for comb in combinations:
            cid = ps_int(comb["id"])
            variant = result.get(cid) or next(
                (v for c, v in result.items() if keys[c] == keys[cid]), None
            )
            if variant:
                self._update_variant(variant, keys[cid], mapped[cid])
                result[cid] = variant
                continue
            to_create_combs.setdefault(keys[cid], []).append(cid)
            if keys[cid] in to_create:
                continue
            to_create[keys[cid]] = dict(
                mapped[cid],
                product_tmpl_id=template.id,
                product_template_attribute_value_ids=[(6, 0, sorted(keys[cid]))],
            )
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

    def _variant_values(self, combination):
        """Values of the variant of ``combination`` (a PrestaShop record):
        the combination mapper's (``prestashop.product.combination.import.mapper``,
        the product's record in its option ``product``)."""
        return self.mapper.map_record(combination).values(product=self.product_record)

    def _update_variant(self, variant, key, values):
        """Give ``variant`` the options ``key`` (ptav ids) and the mapped
        ``values`` (:meth:`_variant_values`): one write, of what differs
        only; the fields of :attr:`_kept_when_set` (reference, barcode)
        only when the variant has none (Odoo's, once set, win)."""
        vals = {}
        if frozenset(variant.product_template_attribute_value_ids.ids) != key:
            vals["product_template_attribute_value_ids"] = [(6, 0, sorted(key))]
        if not variant.active:
            vals["active"] = True
        for field, value in values.items():
            current = variant[field]
            if isinstance(current, models.BaseModel):
                # a relation mapped as ids
                current = (
                    current.id
                    if variant._fields[field].type == "many2one"
                    else current.ids
                )
            if field in self._kept_when_set and current:
                continue
            if isinstance(value, float) and not round((current or 0.0) - value, 6):
                continue
            if value != current:
                vals[field] = value
        if vals:
            variant.write(vals)

    def _reusable_variant(
        self, variants, claimed, key, comb_id, shop_ids, backend, values, strict
    ):
        """A variant of ``variants`` not ``claimed`` whose options are part of
        ``key`` (a combination's options, ptav ids) and that sells no other
        combination of ``shop_ids``: the one bound to ``comb_id`` first, then
        one with the reference or EAN13 of ``values`` (the combination's
        mapped values), then (not ``strict``) any; or None."""
        ref, ean = values.get("default_code"), values.get("barcode")
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
        Binding = self.model.with_context(binding.env.context, active_test=False)
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
