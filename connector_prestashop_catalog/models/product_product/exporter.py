# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Variants -> combinations, run by the product export.

A combination is created per active variant, updated (PATCH of what changed)
when the variant changes, and deleted when the variant is archived (the
webservice cannot deactivate a combination)."""

import logging

from odoo.tools import config

from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import changed_by, mapping

from ...components.exporter import baseline_hashes, ean13_or_empty, value_hash

_logger = logging.getLogger(__name__)


class CombinationExportMapper(Component):
    _name = "prestashop.product.combination.export.mapper"
    _inherit = "prestashop.catalog.export.mapper"
    _apply_on = "prestashop.product.combination"

    @mapping
    def product(self, record):
        return {"id_product": record.main_template_id.prestashop_id}

    @changed_by("default_code", "barcode")
    @mapping
    def codes(self, record):
        """The variant's reference (created as ``ODOO-<template id>-<variant
        id>`` when it has none, the key the synchronizer looks the
        combination up by; an empty one on an update keeps the shop's unless
        Odoo owns references, see ``reference``) and EAN13 (the barcode as
        the shop's field takes it; an empty one keeps the shop's unless Odoo
        owns references, as the product's)."""
        values = self.reference(
            record, record.default_code, self.generated_reference(record.odoo_id)
        )
        ean13 = ean13_or_empty(record.barcode, self.backend_record.version)
        # a barcode the shop cannot take still clears the shop's old one
        if ean13 or record.barcode or self.odoo_owns("reference"):
            values["ean13"] = ean13
        return values

    @staticmethod
    def generated_reference(variant):
        """Reference a combination without one is created with:
        ``ODOO-<product.template id>-<product.product id>``."""
        return f"ODOO-{variant.product_tmpl_id.id}-{variant.id}"

    @changed_by("weight")
    @mapping
    def weight(self, record):
        base = (
            record.product_tmpl_id.weight
            if len(record.product_tmpl_id.product_variant_ids) <= 1
            else 0.0
        )
        return {"weight": round((record.weight or 0.0) - base, 6)}

    @changed_by("price_extra")
    @mapping
    def price(self, record):
        """The combination's price impact, tax excluded: what the variant's
        extra price adds to the product's price once taxes are taken out
        (a fixed tax included in the price is taken out once, from the
        product's price, never from the impact)."""
        template = record.product_tmpl_id
        taxes = self.sale_taxes(template)
        extra = record.price_extra
        if extra and taxes:
            base = template.list_price
            extra = self.tax_excluded_unrounded(
                base + extra, taxes
            ) - self.tax_excluded_unrounded(base, taxes)
        return {"price": round(extra or 0.0, 6), "minimal_quantity": 1}

    @mapping
    def default_on(self, record):
        return {"default_on": 1 if self.options.get("default") else 0}

    @changed_by("product_template_attribute_value_ids", "image_variant_1920")
    @mapping
    def associations(self, record):
        values = []
        for ptav in record.product_template_attribute_value_ids:
            binding = ptav.product_attribute_value_id.prestashop_bind_ids.filtered(
                lambda b: b.backend_id == self.backend_record
            )
            if binding.prestashop_id:
                values.append({"id": binding.prestashop_id})
        images = [{"id": i} for i in self.options.get("image_ids") or []]
        return {"associations": {"product_option_values": values, "images": images}}


class CombinationSynchronizer(Component):
    _name = "prestashop.product.combination.synchronizer"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.product.combination"
    _usage = "combination.synchronizer"

    def _commit(self):
        if not config["test_enable"]:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _existing(self, template_binding):
        """Combinations already on PrestaShop for this product (it was bound
        to an existing product, or an earlier try created combinations and
        lost an answer) that no variant of this backend is bound to:
        ``[(reference, id)]`` by ascending id, one request (filtered by
        product only: a reference is never put in a filter, where the shop
        reads ``a|b`` as either, ``1,5`` as a range and ignores case).  A
        variant is matched by the reference its creation sends (Odoo's, else
        ``ODOO-<template id>-<variant id>``), exactly: see :meth:`_take`."""
        adapter = self.component(usage="backend.adapter")
        records = adapter.search_read(
            {"filter[id_product]": f"[{template_binding.prestashop_id}]"}
        )
        found = [
            ((r.get("reference") or "").strip(), int(r["id"]))
            for r in records
            if (r.get("reference") or "").strip()
        ]
        bound = set(
            self.env["prestashop.product.combination"]
            .with_context(active_test=False)
            .search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "in", [ps_id for _ref, ps_id in found]),
                ]
            )
            .mapped("prestashop_id")
        )
        return sorted(
            ((ref, ps_id) for ref, ps_id in found if ps_id not in bound),
            key=lambda item: item[1],
        )

    @staticmethod
    def _take(existing, reference):
        """The id of the first combination of ``existing`` (see
        :meth:`_existing`, taken ones removed from it) whose reference is
        ``reference``, compared exactly (case and all), or None: two
        variants sharing a reference get one combination each."""
        reference = (reference or "").strip()
        for index, (ref, ps_id) in enumerate(existing):
            if reference and ref == reference:
                del existing[index]
                return ps_id
        return None

    def record_baseline(self, template_binding, variants, image_map):
        """``ps_sync_hash`` of the bound combinations set to what
        :meth:`sync` would send now (see the product exporter's
        ``record_baseline``)."""
        mapper = self.component(usage="export.mapper")
        default = variants[:1]
        bindings = self.env["prestashop.product.combination"].search(
            [
                ("main_template_id", "=", template_binding.id),
                ("prestashop_id", "!=", 0),
            ]
        )
        for binding in bindings.filtered(lambda b: b.odoo_id in variants):
            binding.ps_sync_hash = baseline_hashes(
                mapper,
                binding,
                default=binding.odoo_id == default,
                image_ids=image_map.get(binding.odoo_id.id),
            )

    def sync(self, template_binding, variants, image_map, fresh=False):
        """Create, update or delete the combinations of ``template_binding``.

        ``image_map``: ``{variant id: [image ids]}``; ``fresh``: the product
        was just created (no combination can exist yet: no lookup)."""
        backend = self.backend_record
        Binding = self.env["prestashop.product.combination"].with_context(
            active_test=False, connector_no_export=True
        )
        adapter = self.component(usage="backend.adapter")
        mapper = self.component(usage="export.mapper")
        bindings = Binding.search([("main_template_id", "=", template_binding.id)])
        existing = None
        default = variants[:1]
        for variant in variants:
            binding = bindings.filtered(lambda b, v=variant: b.odoo_id == v)
            if not binding:
                binding = Binding.search(
                    [("backend_id", "=", backend.id), ("odoo_id", "=", variant.id)]
                )
                if binding:
                    binding.main_template_id = template_binding
                else:
                    binding = Binding.create(
                        {
                            "backend_id": backend.id,
                            "odoo_id": variant.id,
                            "main_template_id": template_binding.id,
                        }
                    )
            options = {
                "default": variant == default,
                "image_ids": image_map.get(variant.id),
            }
            data = mapper.map_record(binding).values(
                for_create=not binding.prestashop_id, **options
            )
            hashes = {k: value_hash(v) for k, v in data.items()}
            if not binding.prestashop_id:
                if existing is None:
                    existing = [] if fresh else self._existing(template_binding)
                # the reference the creation sends: Odoo's or ODOO-<t>-<v>
                found = self._take(existing, data.get("reference"))
                if found:
                    # found (a retry, or the shop had it): what Odoo masters
                    data = mapper.map_record(binding).values(**options)
                    hashes = {k: value_hash(v) for k, v in data.items()}
                    adapter.patch(found, data)
                    ps_id = found
                else:
                    ps_id = int(adapter.create(data)["id"])
                binding.write({"prestashop_id": ps_id, "ps_sync_hash": hashes})
                self._commit()
            else:
                old = binding.ps_sync_hash or {}
                changed = {k: v for k, v in data.items() if old.get(k) != hashes[k]}
                if changed:
                    changed["id_product"] = data["id_product"]
                    adapter.patch(binding.prestashop_id, changed)
                    binding.ps_sync_hash = hashes
        # archived / removed variants: their combination is deleted
        for binding in bindings.filtered(lambda b: b.odoo_id not in variants):
            if binding.prestashop_id:
                try:
                    adapter.delete(binding.prestashop_id)
                except Exception as err:  # already gone on PrestaShop
                    if "404" not in str(err):
                        raise
            binding.unlink()
            self._commit()
