# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration: products, combinations and customers."""

from odoo.tests import tagged

from .test_orders import OrderCase


@tagged("post_install", "-at_install")
class TestMigration(OrderCase):
    def _run_all(self):
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return jobs

    def test_products_matched_by_reference_and_ean13_variants_and_names(self):
        store = self.sandbox.store
        by_ref = self.env["product.product"].create(
            {"name": "Housse (Odoo)", "default_code": "ML-HOUSSE-002"}
        )
        by_ean = self.env["product.product"].create(
            {"name": "Taies (Odoo)", "barcode": store.get("products", 3)["ean13"]}
        )
        self.env["prestashop.product.template"].import_batch(self.backend)
        paths = [r.path for r in self.sandbox.requests]
        # a page of products, then combinations, option values and options
        self.assertEqual(
            paths,
            [
                "categories",
                "products",
                "combinations",
                "product_option_values",
                "product_options",
            ],
        )
        self.sandbox.clear_log()
        self._run_all()
        self.assertEqual(self.sandbox.requests, [])
        Binding = self.env["prestashop.product.template"]
        b2 = Binding.search([("prestashop_id", "=", 2)])
        b3 = Binding.search([("prestashop_id", "=", 3)])
        self.assertEqual(b2.odoo_id, by_ref.product_tmpl_id)
        self.assertEqual(b3.odoo_id, by_ean.product_tmpl_id)
        self.assertEqual(by_ref.name, "Housse (Odoo)")  # Odoo keeps its data
        self.assertEqual(
            self.env["product.product"].search_count(
                [("default_code", "=", "ML-HOUSSE-002")]
            ),
            1,
        )
        tshirt = Binding.search([("prestashop_id", "=", 8)]).odoo_id
        self.assertEqual(
            tshirt.with_context(lang="en_US").name, "Lumière organic cotton T-shirt"
        )
        self.assertEqual(
            tshirt.with_context(lang="fr_FR").name, "T-shirt en coton bio Lumière"
        )
        self.assertEqual(len(tshirt.product_variant_ids), 8)
        for comb in self.env["prestashop.product.combination"].search(
            [("main_template_id.prestashop_id", "=", 8)]
        ):
            ps = store.get("combinations", comb.prestashop_id)
            values = {
                store.get("product_option_values", int(v["id"]))["name"][1]
                for v in ps["associations"]["product_option_values"]
            }
            self.assertEqual(
                set(
                    comb.odoo_id.product_template_attribute_value_ids.with_context(
                        lang="en_US"
                    ).mapped("name")
                ),
                values,
            )
            self.assertEqual(comb.odoo_id.default_code, ps["reference"])
            self.assertEqual(comb.odoo_id.barcode, ps["ean13"])
        self.assertEqual(tshirt.taxes_id.amount, 20.0)
        self.assertAlmostEqual(
            tshirt.list_price, float(store.get("products", 8)["price"]), 2
        )

    def test_customers_with_addresses_matched_by_email(self):
        camille = self.env["res.partner"].create(
            {"name": "Camille M.", "email": "Camille.Martin@example.com "}
        )
        self.env["prestashop.res.partner"].import_batch(self.backend)
        self.assertEqual(
            [r.path for r in self.sandbox.requests],
            ["groups", "customers", "addresses"],
        )
        self.sandbox.clear_log()
        self._run_all()
        self.assertEqual(self.sandbox.requests, [])
        bindings = self.env["prestashop.res.partner"].search(
            [("backend_id", "=", self.backend.id)]
        )
        self.assertEqual(len(bindings), len(self.sandbox.store.search("customers")))
        self.assertEqual(
            bindings.filtered(lambda b: b.prestashop_id == 1).odoo_id, camille
        )
        self.assertEqual(camille.name, "Camille M.")
        # customers 5 (guest) and 6 share one partner
        jean = bindings.filtered(lambda b: b.prestashop_id in (5, 6)).odoo_id
        self.assertEqual(len(jean), 1)
        # Camille's live address is a contact; the deleted one is not
        self.assertEqual(camille.child_ids.mapped("street"), ["14 rue Oberkampf"])
