# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The product import creates the variants the shop sells, and nothing else
(no variant of every option mix archived at once)."""

from odoo.tests import tagged

from .test_orders import OrderCase


@tagged("post_install", "-at_install")
class TestShopVariants(OrderCase):
    """Demo product 8 (T-shirt) sells sizes S-XL x White/Blue: combinations
    8-15, one per mix.  Two are deleted on the shop first: 6 of the 8 mixes."""

    def setUp(self):
        super().setUp()
        self.store = self.sandbox.store
        for comb_id in (11, 14):  # XL White, L Blue
            self.store.delete("combinations", comb_id)
        self.Binding = self.env["prestashop.product.template"]
        self.Combination = self.env["prestashop.product.combination"]

    def _import(self):
        self.Binding.import_record(self.backend, 8)
        return self.Binding.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 8)]
        )

    def _all_variants(self, template):
        return (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("product_tmpl_id", "=", template.id)])
        )

    def _options(self, comb_id):
        """English names of a shop combination's option values."""
        comb = self.store.get("combinations", comb_id)
        return {
            self.store.get("product_option_values", int(v["id"]))["name"][1]
            for v in comb["associations"]["product_option_values"]
        }

    def _assert_shop_variants(self, binding, comb_ids):
        """Exactly one active variant per combination of ``comb_ids``, bound
        to it with its options; no other variant, archived ones included."""
        variants = self._all_variants(binding.odoo_id)
        self.assertEqual(len(variants), len(comb_ids))
        self.assertTrue(all(variants.mapped("active")))
        bindings = self.Combination.search([("main_template_id", "=", binding.id)])
        self.assertEqual(sorted(bindings.mapped("prestashop_id")), sorted(comb_ids))
        self.assertEqual(bindings.odoo_id, variants)
        for comb in bindings:
            ptavs = comb.odoo_id.product_template_attribute_value_ids
            self.assertEqual(
                set(ptavs.with_context(lang="en_US").mapped("name")),
                self._options(comb.prestashop_id),
            )
            self.assertEqual(
                comb.odoo_id.default_code,
                self.store.get("combinations", comb.prestashop_id)["reference"],
            )
        return variants

    def test_subset_of_mixes_then_reimport_then_new_combination(self):
        binding = self._import()
        template = binding.odoo_id
        sold = [8, 9, 10, 12, 13, 15]
        variants = self._assert_shop_variants(binding, sold)
        # both attributes have every value: Odoo alone would make 4 x 2
        self.assertEqual(
            [len(line.value_ids) for line in template.attribute_line_ids], [4, 2]
        )

        # a re-import neither creates nor archives a variant
        self.store.update("products", 8, {"price": "25.000000"})
        self._import()
        self.assertEqual(self._assert_shop_variants(binding, sold), variants)
        self.assertAlmostEqual(template.list_price, 25.0)

        # a combination added on the shop since gets its variant, only it
        new_id = self.store.create(
            "combinations",
            {
                "id_product": 8,
                "reference": "ML-TSH-008-XL-BLANC-2",
                "ean13": "",
                "price": "0.000000",
                "weight": "0.000000",
                "associations": {
                    "product_option_values": [{"id": 4}, {"id": 5}],
                },
            },
        )
        self._import()
        after = self._assert_shop_variants(binding, [*sold, new_id])
        self.assertLessEqual(variants, after)  # the others are the same records
        new = after - variants
        self.assertEqual(new.prestashop_combination_bind_ids.prestashop_id, new_id)

        # a combination deleted on the shop: its variant is archived, kept
        self.store.delete("combinations", 13)
        self._import()
        kept = self._all_variants(template)
        self.assertEqual(kept, after)
        gone = (
            self.Combination.with_context(active_test=False)
            .search([("prestashop_id", "=", 13)])
            .odoo_id
        )
        self.assertTrue(gone)
        self.assertEqual(kept.filtered(lambda v: not v.active), gone)
        self.assertEqual(len(template.product_variant_ids), len(sold))

    def test_combination_job_imports_its_product(self):
        """The job of a combination (``import_record`` of
        ``prestashop.product.combination``) imports its product with every
        combination of it, through the combination mapper."""
        self.store.update(
            "combinations", 12, {"reference": "TS-S-BLUE", "weight": "0.05"}
        )
        self.Combination.with_delay().import_record(self.backend, 12)
        jobs = self.run_pending_jobs()
        self.assertEqual(jobs.mapped("state"), ["done"], jobs.mapped("exc_info"))
        binding = self.Binding.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 8)]
        )
        self._assert_shop_variants(binding, [8, 9, 10, 12, 13, 15])
        variant = self.Combination.search([("prestashop_id", "=", 12)]).odoo_id
        self.assertEqual(variant.default_code, "TS-S-BLUE")
        product_weight = float(self.store.get("products", 8)["weight"])
        self.assertAlmostEqual(variant.weight, product_weight + 0.05, places=6)
        paths = [r.path for r in self.sandbox.requests]
        self.assertIn("combinations/12", paths)  # read for its product's id

    def test_product_without_combinations_keeps_its_single_variant(self):
        self.Binding.import_record(self.backend, 2)
        binding = self.Binding.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 2)]
        )
        variants = self._all_variants(binding.odoo_id)
        self.assertEqual(len(variants), 1)
        self.assertTrue(variants.active)
        self.assertFalse(variants.product_template_attribute_value_ids)
        self.assertEqual(
            variants.default_code, self.store.get("products", 2)["reference"]
        )

    def test_odoo_product_matched_by_a_combination_reference(self):
        """An Odoo product (one variant, no attribute) with the reference of
        combination 13 (M Blue): the import binds the product to its
        template, and its variant sells combination 13 (kept, not archived
        and replaced); the other combinations get new variants."""
        odoo_variant = self.env["product.product"].create(
            {"name": "T-shirt (Odoo)", "default_code": "ML-TSH-008-M-BLEU"}
        )
        binding = self._import()
        self.assertEqual(binding.odoo_id, odoo_variant.product_tmpl_id)
        self._assert_shop_variants(binding, [8, 9, 10, 12, 13, 15])
        self.assertEqual(
            self.Combination.search([("prestashop_id", "=", 13)]).odoo_id,
            odoo_variant,
        )
