# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shop's data is never damaged: an import writes nothing back, an export
sends only what Odoo masters and never erases what Odoo does not know."""

import copy
import json

from odoo.tests import tagged

from odoo.addons.connector_prestashop.tests.test_orders import OrderCase

WRITES = ("POST", "PUT", "PATCH", "DELETE")


class ShopDataCase(OrderCase):
    """The demo shop's metadata synchronised, its catalogue imported once."""

    def writes(self):
        return [(r.method, r.path) for r in self.sandbox.requests if r.method in WRITES]

    def patch_body(self, path):
        """Fields of the one PATCH sent to ``path`` (JSON or XML body)."""
        bodies = [r.body for r in self.sent("PATCH", path)]
        self.assertEqual(len(bodies), 1, self.writes())
        body = bodies[0]
        if body.lstrip().startswith("{"):
            return set(json.loads(body)["product"])
        from lxml import etree

        node = etree.fromstring(body.encode())[0]
        return {child.tag for child in node}

    def import_products(self):
        self.backend.action_import_products()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return jobs

    def export_jobs(self):
        """Export jobs of any state (a done one was queued all the same)."""
        return self.env["queue.job"].search([("method_name", "=", "export_record")])

    def template(self, ps_id):
        binding = self.env["prestashop.product.template"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", ps_id)]
        )
        # re-browsed: the import's records carry its no-export context
        return self.env["prestashop.product.template"].browse(binding.id)

    def export(self, binding):
        self.sandbox.clear_log()
        binding.export_record()
        return self.writes()


@tagged("post_install", "-at_install")
class TestImportNeverExports(ShopDataCase):
    def test_import_twice_sends_no_write_and_queues_no_export(self):
        self.import_products()
        self.assertEqual(
            self.env["prestashop.product.template"].search_count(
                [("backend_id", "=", self.backend.id)]
            ),
            len(self.sandbox.store.search("products")),
        )
        self.import_products()
        # not one write reached the shop, and no export waits to be sent
        self.assertEqual(self.writes(), [])
        self.assertFalse(self.export_jobs())
        store = self.sandbox.store
        self.assertEqual(store.get("products", 1)["reference"], "ML-DRAP-001")
        self.assertEqual(
            [
                int(c["id"])
                for c in store.get("products", 1)["associations"]["categories"]
            ],
            [2, 3, 4],
        )
        # the listener is alive: an edit in Odoo does queue an export
        self.template(1).odoo_id.list_price = 99.0
        self.assertEqual(len(self.export_jobs()), 1)

    def test_reimport_after_the_shop_added_an_option_deletes_nothing(self):
        """The merchant adds two combinations with a third option (Size: S
        and M) to a product in the shop: on re-import Odoo rebuilds the
        product's variants (a new attribute line of two values removes the
        old variants), which must not delete the shop's combinations."""
        self.import_products()
        store = self.sandbox.store
        combinations = list(store.get("products", 1)["associations"]["combinations"])
        first = store.get("combinations", int(combinations[0]["id"]))
        values = first["associations"]["product_option_values"]
        used = {
            int(store.get("product_option_values", int(v["id"]))["id_attribute_group"])
            for v in values
        }
        other = [
            v
            for v in store.search("product_option_values")
            if int(v["id_attribute_group"]) not in used
        ]
        group = int(other[0]["id_attribute_group"])
        sizes = [int(v["id"]) for v in other if int(v["id_attribute_group"]) == group]
        created = [
            store.create(
                "combinations",
                {
                    "id_product": 1,
                    "reference": f"ML-DRAP-001-SIZE-{size}",
                    "minimal_quantity": 1,
                    "associations": {
                        "product_option_values": list(values) + [{"id": size}]
                    },
                },
            )
            for size in sizes[:2]
        ]
        self.assertEqual(len(created), 2)
        store.update(
            "products",
            1,
            {
                "associations": {
                    "combinations": combinations + [{"id": c} for c in created]
                }
            },
            touch=True,
        )
        before = sorted(int(c["id"]) for c in combinations) + created
        self.sandbox.clear_log()
        self.import_products()
        self.run_pending_jobs()
        self.assertEqual(self.writes(), [])
        self.assertFalse(
            self.env["queue.job"].search([("method_name", "like", "%on_prestashop")])
        )
        self.assertEqual(
            sorted(int(c["id"]) for c in store.search("combinations", id_product=1)),
            before,
        )


@tagged("post_install", "-at_install")
class TestExportSendsWhatOdooMasters(ShopDataCase):
    def setUp(self):
        super().setUp()
        self.import_products()
        self.sandbox.clear_log()

    def test_first_export_of_an_imported_product_sends_nothing(self):
        before = copy.deepcopy(self.sandbox.store.get("products", 1))
        binding = self.template(1)
        # a product with four combinations: no reference in Odoo
        self.assertFalse(binding.odoo_id.default_code)
        self.assertEqual(binding.odoo_id.prestashop_categ_ids, self._categ(3))
        self.assertEqual(self.export(binding), [])
        after = self.sandbox.store.get("products", 1)
        for field in ("reference", "wholesale_price", "link_rewrite", "meta_title"):
            self.assertEqual(after[field], before[field], field)

    def test_an_edit_sends_that_field_and_keeps_what_odoo_does_not_know(self):
        store = self.sandbox.store
        before = copy.deepcopy(store.get("products", 1))
        binding = self.template(1)
        binding.odoo_id.write({"list_price": 80.0, "standard_price": 0.0})
        self.assertEqual(self.export(binding), [("PATCH", "products/1")])
        # the price only: the cost Odoo lost is not sent as 0
        self.assertEqual(self.patch_body("products/1"), {"id", "price"})
        after = store.get("products", 1)
        self.assertEqual(float(after["price"]), 80.0)
        for field in ("reference", "wholesale_price", "link_rewrite", "meta_title"):
            self.assertEqual(after[field], before[field], field)
        self.assertEqual(after["description_short"], before["description_short"])

        # renamed: the name changes, the URL name and meta titles stay
        binding.odoo_id.with_context(lang="en_US").name = "Stone-washed linen sheet"
        self.export(binding)
        self.assertEqual(self.patch_body("products/1"), {"id", "name"})
        after = store.get("products", 1)
        self.assertEqual(after["name"][1], "Stone-washed linen sheet")
        self.assertEqual(after["link_rewrite"], before["link_rewrite"])
        self.assertEqual(after["meta_title"], before["meta_title"])

    def test_categories_unknown_to_odoo_are_kept(self):
        store = self.sandbox.store
        binding = self.template(1)
        binding.odoo_id.categ_id = self._categ(5)  # Decoration
        self.export(binding)
        self.assertEqual(self.writes(), [("PATCH", "products/1")])
        after = store.get("products", 1)
        self.assertEqual(int(after["id_category_default"]), 5)
        # Sheets (4) left for Decoration (5); Home linen (3) is still an Odoo
        # category of the product; Home (2) maps to no Odoo category: kept
        self.assertEqual(
            sorted(int(c["id"]) for c in after["associations"]["categories"]),
            [2, 3, 5],
        )
        self.assertIn(
            1, [int(p["id"]) for p in store.search("products") if self._in(p, 2)]
        )

    def test_backend_says_odoo_owns_references_and_seo(self):
        store = self.sandbox.store
        self.backend.write({"ps_odoo_owns_reference": True, "ps_odoo_owns_seo": True})
        binding = self.template(1)
        binding.odoo_id.with_context(lang="en_US").name = "Stone-washed linen sheet"
        self.export(binding)
        after = store.get("products", 1)
        # Odoo has no reference for a product with combinations: it owns it
        self.assertEqual(after["reference"], "")
        self.assertEqual(after["link_rewrite"][1], "stone-washed-linen-sheet")
        self.assertEqual(after["meta_title"][1], "Stone-washed linen sheet")

    # -- helpers -----------------------------------------------------------------
    def _categ(self, ps_id):
        return (
            self.env["prestashop.product.category"]
            .search(
                [("backend_id", "=", self.backend.id), ("prestashop_id", "=", ps_id)]
            )
            .odoo_id
        )

    @staticmethod
    def _in(product, category_id):
        return category_id in [
            int(c["id"]) for c in product["associations"].get("categories", [])
        ]
