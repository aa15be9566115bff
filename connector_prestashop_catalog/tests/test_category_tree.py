# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One category tree both ways: Odoo's root of the shop's categories ("All",
the backend's "Parent of Imported Categories") is the shop's Home."""

from odoo.tests import tagged

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestCategoryTree(CatalogTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.all = cls.env.ref("product.product_category_all")
        cls.Category = cls.env["product.category"]

    def _shop_categories(self, name=None):
        return [
            c
            for c in self.sandbox.store.search("categories")
            if name is None or name in c["name"].values()
        ]

    def _binding(self, categ):
        return categ.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        )

    def _ps_binding(self, ps_id):
        return self.env["prestashop.product.category"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", ps_id)]
        )

    def _import_products(self):
        self.backend.action_import_products()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))

    def test_publish_then_import(self):
        """A product in a child of "All" is published: its category goes
        under Home, "All" is not created on the shop; "Import products"
        then matches the categories (no recursion, no duplicate)."""
        garden = self.Category.create({"name": "Garden", "parent_id": self.all.id})
        lantern = self.make_template(
            "LANTERN", variants=False, name="Lantern", categ_id=garden.id
        )
        shop_count = len(self._shop_categories())
        binding = self.publish(lantern)
        self.assertFalse(self._shop_categories("All"))
        self.assertFalse(self._binding(self.all))
        self.assertEqual(len(self._shop_categories()), shop_count + 1)
        garden_ps = self._binding(garden).prestashop_id
        self.assertTrue(garden_ps)
        store = self.sandbox.store
        self.assertEqual(int(store.get("categories", garden_ps)["id_parent"]), 2)
        product = store.get("products", binding.prestashop_id)
        self.assertEqual(int(product["id_category_default"]), garden_ps)
        # a product in "All" itself is in Home, nothing is created
        candle = self.make_template(
            "CANDLE",
            variants=False,
            name="Candle",
            categ_id=self.all.id,
            barcode="3760000000024",
        )
        candle_binding = self.publish(candle)
        product = store.get("products", candle_binding.prestashop_id)
        self.assertEqual(int(product["id_category_default"]), 2)
        self.assertEqual(
            [int(c["id"]) for c in product["associations"]["categories"]], [2]
        )
        self.assertEqual(len(self._shop_categories()), shop_count + 1)
        # then the initial migration: categories matched, nothing twice
        odoo_count = self.Category.search_count([])
        self._import_products()
        self.assertFalse(self.all.parent_id)
        self.assertEqual(garden.parent_id, self.all)
        self.assertEqual(self._ps_binding(garden_ps).odoo_id, garden)
        self.assertEqual(self.Category.search_count([("name", "=", "Garden")]), 1)
        # the shop's own categories (3 to 9) are new to Odoo
        self.assertEqual(self.Category.search_count([]), odoo_count + 7)
        self.assertEqual(self._ps_binding(3).odoo_id.parent_id, self.all)
        self.assertFalse(self._shop_categories("All"))
        self.assertEqual(lantern.categ_id, garden)

    def test_all_created_by_an_older_export(self):
        """A shop where an older version created Odoo's "All" under Home,
        bound to it: "Import products" leaves "All" at the top (no
        "Recursion Detected"), and the export never sends it again."""
        store = self.sandbox.store
        garden = self.Category.create({"name": "Garden", "parent_id": self.all.id})
        lantern = self.make_template(
            "LANTERN", variants=False, name="Lantern", categ_id=garden.id
        )
        binding = self.publish(lantern)
        garden_ps = self._binding(garden).prestashop_id
        # what the older export did: "All" under Home, Garden under "All"
        with self.backend.work_on("prestashop.product.category") as work:
            adapter = work.component(usage="backend.adapter")
            all_ps = int(
                adapter.create(
                    {
                        "id_parent": 2,
                        "active": 1,
                        "name": {1: "All", 2: "All"},
                        "link_rewrite": {1: "all", 2: "all"},
                    }
                )["id"]
            )
        store.get("categories", garden_ps)["id_parent"] = all_ps
        self.env["prestashop.product.category"].create(
            {"backend_id": self.backend.id, "odoo_id": self.all.id}
        ).prestashop_id = all_ps
        self._import_products()
        self.assertFalse(self.all.parent_id)
        self.assertEqual(garden.parent_id, self.all)
        self.assertEqual(self.Category.search_count([("name", "=", "Garden")]), 1)
        self.assertEqual(self.Category.search_count([("name", "=", "All")]), 1)
        # an export of the product leaves the shop's categories alone
        self.sandbox.clear_log()
        binding.export_record()
        self.assertFalse(self.sent("POST", "categories"))
        self.assertFalse(
            [r for r in self.sandbox.requests if r.path == f"categories/{all_ps}"]
        )

    def test_import_then_publish(self):
        """After "Import products", a new product published in an imported
        category uses it: no category created, none named "All"."""
        self._import_products()
        sheets = self._ps_binding(4).odoo_id
        self.assertEqual(sheets.parent_id.parent_id, self.all)
        shop_count = len(self._shop_categories())
        self.sandbox.clear_log()
        pillow = self.make_template(
            "PILLOW", variants=False, name="Pillow", categ_id=sheets.id
        )
        binding = self.publish(pillow)
        self.assertFalse(self.sent("POST", "categories"))
        self.assertFalse(self._shop_categories("All"))
        self.assertEqual(len(self._shop_categories()), shop_count)
        product = self.sandbox.store.get("products", binding.prestashop_id)
        self.assertEqual(int(product["id_category_default"]), 4)
        # and "Import products" again: nothing moves
        odoo_count = self.Category.search_count([])
        self._import_products()
        self.assertEqual(self.Category.search_count([]), odoo_count)
        self.assertFalse(self.all.parent_id)
        self.assertEqual(pillow.categ_id, sheets)

    def test_backend_names_the_root(self):
        """The backend names its own root ("Boutique") and its own Home (a
        shop category other than 2): the root is that Home, never a shop
        category; a category outside the root goes under Home too, and
        Odoo's "All" is never created."""
        store = self.sandbox.store
        home = min(
            int(c["id"])
            for c in store.search("categories")
            if int(c["id_parent"] or 0) == 2
        )
        boutique = self.Category.create({"name": "Boutique", "parent_id": self.all.id})
        lamps = self.Category.create({"name": "Lampes", "parent_id": boutique.id})
        workshop = self.Category.create({"name": "Atelier", "parent_id": self.all.id})
        self.backend.write(
            {"product_category_parent_id": boutique.id, "ps_home_category_id": home}
        )
        shop_count = len(self._shop_categories())
        lamp = self.publish(
            self.make_template("LAMP", variants=False, name="Lamp", categ_id=lamps.id)
        )
        vice = self.publish(
            self.make_template(
                "VICE",
                variants=False,
                name="Vice",
                categ_id=workshop.id,
                barcode="3760000000024",
            )
        )
        # two categories created, both under the backend's Home
        self.assertEqual(len(self._shop_categories()), shop_count + 2)
        for categ in (lamps, workshop):
            ps_id = self._binding(categ).prestashop_id
            self.assertEqual(int(store.get("categories", ps_id)["id_parent"]), home)
        for name in ("Boutique", "All"):
            self.assertFalse(self._shop_categories(name), name)
        self.assertFalse(self._binding(boutique) | self._binding(self.all))
        product = store.get("products", lamp.prestashop_id)
        self.assertEqual(
            int(product["id_category_default"]), self._binding(lamps).prestashop_id
        )
        # a product in the root itself is in the backend's Home
        root_product = self.publish(
            self.make_template(
                "ROOT",
                variants=False,
                name="Root product",
                categ_id=boutique.id,
                barcode="3760000000031",
            )
        )
        product = store.get("products", root_product.prestashop_id)
        self.assertEqual(int(product["id_category_default"]), home)
        self.assertTrue(vice.prestashop_id)
