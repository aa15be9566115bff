# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration: categories, pictures, descriptions, Odoo stock."""

import base64
import hashlib
import io

from PIL import Image

from odoo.tests import tagged

from odoo.addons.connector_prestashop.models.product_image.common import (
    variant_image_key,
)

from .test_orders import OrderCase


def png_bytes(color, size=(4, 4)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestMigrationCatalog(OrderCase):
    def _run_all(self):
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return jobs

    def _category(self, ps_id):
        return (
            self.env["prestashop.product.category"]
            .search(
                [("backend_id", "=", self.backend.id), ("prestashop_id", "=", ps_id)]
            )
            .odoo_id
        )

    def _upload(self, product_id, data):
        """A picture added on PrestaShop (only product 1 has some)."""
        store = self.sandbox.store
        product = store.get("products", product_id)
        image_id = (
            max(
                [0]
                + [
                    int(i["id"])
                    for p in store.search("products")
                    for i in p["associations"]["images"]
                ]
            )
            + 1
        )
        product["associations"] = dict(
            product["associations"],
            images=product["associations"]["images"] + [{"id": image_id}],
        )
        if not int(product.get("id_default_image") or 0):
            product["id_default_image"] = image_id
        store.images[(product_id, image_id)] = data
        return image_id

    def _migrate(self):
        self.backend.action_import_products()
        return self._run_all()

    def test_categories_tree_matched_by_name_under_parent(self):
        all_categ = self.env.ref("product.product_category_all")
        decoration = self.env["product.category"].create(
            {"name": "Decoration", "parent_id": all_categ.id}
        )
        # same name under another parent: not a match
        other = self.env["product.category"].create({"name": "Candles"})
        count = self.env["product.category"].search_count([])
        self.env["prestashop.product.category"].import_batch(self.backend)
        self.assertEqual([r.path for r in self.sandbox.requests], ["categories"])
        bindings = self.env["prestashop.product.category"].search(
            [("backend_id", "=", self.backend.id)]
        )
        # root (1) and home (2) are not imported: their children go under All
        self.assertEqual(sorted(bindings.mapped("prestashop_id")), list(range(3, 10)))
        self.assertEqual(self._category(5), decoration)
        self.assertEqual(self.env["product.category"].search_count([]), count + 6)
        sheets = self._category(4)
        self.assertEqual(sheets.name, "Sheets")
        self.assertEqual(sheets.parent_id, self._category(3))
        self.assertEqual(sheets.parent_id.name, "Home linen")
        self.assertEqual(sheets.parent_id.parent_id, all_categ)
        candles = self._category(6)
        self.assertNotEqual(candles, other)
        self.assertEqual(candles.parent_id, decoration)
        self.assertEqual(self._category(8).complete_name, "All / Clothing / T-shirts")
        # again: nothing created twice
        self.sandbox.clear_log()
        self.env["prestashop.product.category"].import_batch(self.backend)
        self.assertEqual([r.path for r in self.sandbox.requests], ["categories"])
        self.assertEqual(self.env["product.category"].search_count([]), count + 6)
        self.assertEqual(
            self.env["prestashop.product.category"].search_count(
                [("backend_id", "=", self.backend.id)]
            ),
            7,
        )

    def test_configurable_parent_of_imported_categories(self):
        parent = self.env["product.category"].create({"name": "Shop"})
        self.backend.product_category_parent_id = parent
        self.env["prestashop.product.category"].import_batch(self.backend)
        self.assertEqual(self._category(7).parent_id, parent)
        self.assertEqual(self._category(8).parent_id, self._category(7))

    def test_products_categories_pictures_descriptions_once(self):
        store = self.sandbox.store
        cover_png = png_bytes((200, 30, 30))
        variant_png = png_bytes((30, 30, 200))
        cover_id = self._upload(8, cover_png)
        variant_image_id = self._upload(8, variant_png)
        comb = store.get(
            "combinations",
            int(store.get("products", 8)["associations"]["combinations"][1]["id"]),
        )
        comb["associations"] = dict(
            comb["associations"], images=[{"id": variant_image_id}]
        )
        self._migrate()
        paths = [(r.method, r.path) for r in self.sandbox.requests]
        self.assertEqual(
            paths[:5],
            [
                ("GET", "categories"),
                ("GET", "products"),
                ("GET", "combinations"),
                ("GET", "product_option_values"),
                ("GET", "product_options"),
            ],
        )
        # one request per picture, in the product's job only
        self.assertEqual(
            sorted(p for m, p in paths[5:]),
            sorted(
                [
                    f"images/products/8/{cover_id}",
                    f"images/products/8/{variant_image_id}",
                ]
                # the demo's fitted sheet: a cover and two shared pictures
                + [f"images/products/1/{i}" for i in (1, 2, 3)]
            ),
        )
        Binding = self.env["prestashop.product.template"]
        tshirt_binding = Binding.search([("prestashop_id", "=", 8)])
        tshirt = tshirt_binding.odoo_id
        # category: the product's default one
        self.assertEqual(tshirt.categ_id, self._category(8))
        self.assertEqual(
            Binding.search([("prestashop_id", "=", 2)]).categ_id, self._category(3)
        )
        # pictures: the cover on the template, the combination's on its variant
        self.assertTrue(tshirt.image_1920)
        self.assertEqual(
            Image.open(io.BytesIO(base64.b64decode(tshirt.image_1920))).getpixel(
                (0, 0)
            )[:3],
            (200, 30, 30),
        )
        variant = (
            self.env["prestashop.product.combination"]
            .search([("prestashop_id", "=", comb["id"])])
            .odoo_id
        )
        self.assertTrue(variant.image_variant_1920)
        self.assertEqual(
            Image.open(
                io.BytesIO(base64.b64decode(variant.image_variant_1920))
            ).getpixel((0, 0))[:3],
            (30, 30, 200),
        )
        others = tshirt.product_variant_ids - variant
        self.assertFalse(any(others.mapped("image_variant_1920")))
        images = tshirt_binding.image_ids
        self.assertEqual(
            {(i.source_key, i.prestashop_id) for i in images},
            {
                ("main", cover_id),
                (
                    variant_image_key(hashlib.sha1(variant_png).hexdigest()),
                    variant_image_id,
                ),
            },
        )
        main = images.filtered(lambda i: i.source_key == "main")
        self.assertEqual(
            main.checksum,
            hashlib.sha1(base64.b64decode(tshirt.image_1920)).hexdigest(),
        )
        self.assertEqual(
            images.filtered(lambda i: i.source_key != "main").variant_ids, variant
        )
        # descriptions in both languages
        fr, en = tshirt.with_context(lang="fr_FR"), tshirt.with_context(lang="en_US")
        self.assertIn("Teint et cousu au Portugal.", fr.description)
        self.assertIn("Dyed and sewn in Portugal.", en.description)
        ps = store.get("products", 8)
        self.assertIn(
            fr.description_sale, ps["description_short"][2].replace("<p>", "")
        )
        self.assertIn(
            en.description_sale, ps["description_short"][1].replace("<p>", "")
        )
        self.assertNotEqual(fr.description_sale, en.description_sale)
        # again: nothing read twice, nothing created twice
        counts = {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in (
                "product.template",
                "product.product",
                "product.category",
                "prestashop.product.image",
                "prestashop.product.template",
                "prestashop.product.combination",
                "prestashop.product.category",
            )
        }
        self.sandbox.clear_log()
        self._migrate()
        self.assertFalse(
            [r.path for r in self.sandbox.requests if r.path.startswith("images")]
        )
        self.assertEqual(
            {
                model: self.env[model].with_context(active_test=False).search_count([])
                for model in counts
            },
            counts,
        )

    def test_combinations_sharing_a_picture(self):
        """The demo's fitted sheet: its two white combinations show picture
        2, its two grey ones picture 3.  Each picture is read once and bound
        once, to every variant showing it."""
        store = self.sandbox.store
        self._migrate()
        self.assertEqual(
            sorted(r.path for r in self.sent("GET") if r.path.startswith("images")),
            [f"images/products/1/{i}" for i in (1, 2, 3)],
        )
        binding = self.env["prestashop.product.template"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 1)]
        )
        Combination = self.env["prestashop.product.combination"]

        def variants(image_id):
            combinations = [
                int(item["id"])
                for item in store.get("products", 1)["associations"]["combinations"]
                if image_id
                in [
                    int(i["id"])
                    for i in store.get("combinations", int(item["id"]))["associations"][
                        "images"
                    ]
                ]
            ]
            self.assertEqual(len(combinations), 2)
            return Combination.search(
                [
                    ("backend_id", "=", self.backend.id),
                    ("prestashop_id", "in", combinations),
                ]
            ).odoo_id

        white, grey = variants(2), variants(3)
        self.assertEqual(len(white | grey), 4)
        images = binding.image_ids
        self.assertEqual(sorted(images.mapped("prestashop_id")), [1, 2, 3])
        by_id = {i.prestashop_id: i for i in images}
        self.assertEqual(by_id[1].source_key, "main")
        self.assertFalse(by_id[1].variant_ids)
        for image_id, shown_by in ((2, white), (3, grey)):
            image = by_id[image_id]
            data = store.images[(1, image_id)]
            checksum = hashlib.sha1(data).hexdigest()
            self.assertEqual(image.variant_ids, shown_by)
            self.assertEqual(image.source_key, variant_image_key(checksum))
            self.assertEqual(image.checksum, checksum)
            for variant in shown_by:
                self.assertEqual(
                    base64.b64decode(variant.image_variant_1920), data, variant
                )
        self.assertEqual(
            base64.b64decode(binding.odoo_id.image_1920), store.images[(1, 1)]
        )
        # again: nothing read, nothing bound twice
        self.sandbox.clear_log()
        self._migrate()
        self.assertFalse([r for r in self.sent("GET") if r.path.startswith("images")])
        self.assertEqual(binding.image_ids, images)

    def test_odoo_stock_from_prestashop_quantities(self):
        self._migrate()
        warehouse = self.backend.warehouse_id
        store = self.sandbox.store
        rows = {
            (r["id_product"], r["id_product_attribute"]): r["quantity"]
            for r in store.search("stock_availables")
            if r["id_shop"] == 1
        }
        # an Odoo quantity that PrestaShop corrects
        duvet = (
            self.env["prestashop.product.template"]
            .search([("prestashop_id", "=", 2)])
            .odoo_id.product_variant_ids
        )
        self.env["stock.quant"]._update_available_quantity(
            duvet, warehouse.lot_stock_id, 500
        )
        self.sandbox.clear_log()
        self.backend.action_import_initial_stock()
        jobs = self.env["queue.job"].search(
            [("method_name", "=", "import_initial_stock")]
        )
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.channel, "root.prestashop.stock")
        self._run_all()
        stock_requests = self.sent("GET", "stock_availables")
        self.assertEqual(len(stock_requests), 1)
        self.assertIn("filter[id_product]", stock_requests[0].query)
        # + the open orders' reservations: order 7 (awaiting cheque) and
        # order 11 (paid) hold one duvet cover each, orders 1 and 9 (paid)
        # three T-shirts
        self.assertEqual(
            duvet.with_context(warehouse_id=warehouse.id).qty_available,
            rows[(2, 0)] + 2,
        )
        reserved = {9: 2, 15: 1}
        for comb in self.env["prestashop.product.combination"].search(
            [("main_template_id.prestashop_id", "=", 8)]
        ):
            self.assertEqual(
                comb.odoo_id.with_context(warehouse_id=warehouse.id).qty_available,
                max(
                    rows[(8, comb.prestashop_id)] + reserved.get(comb.prestashop_id, 0),
                    0,
                ),
            )
        # again: nothing to adjust
        moves = self.env["stock.move"].search_count([])
        self.backend.import_initial_stock()
        self.assertEqual(self.env["stock.move"].search_count([]), moves)

    def test_initial_stock_is_physical_open_orders_reserve_it(self):
        """On hand = PrestaShop's physical quantity (available + what the
        open orders reserve); once such an order is imported (reserving its
        units in Odoo), Odoo's free quantity is PrestaShop's available one
        and its on-hand the physical one."""
        self._migrate()
        warehouse = self.backend.warehouse_id
        store = self.sandbox.store
        available = {
            (r["id_product"], r["id_product_attribute"]): r["quantity"]
            for r in store.search("stock_availables")
            if r["id_shop"] == 1
        }
        # order 1 (paid, not shipped): 2 x T-shirt combination 9, 1 x candle 5
        order = self.ps_order(1)
        lines = {
            (int(d["product_id"]), int(d["product_attribute_id"])): int(
                d["product_quantity"]
            )
            for d in store.search("order_details")
            if int(d["id_order"]) == 1
        }
        self.assertEqual(lines, {(8, 9): 2, (5, 0): 1})
        self.assertFalse(
            int(store.get("order_states", int(order["current_state"]))["shipped"])
        )
        self.sandbox.clear_log()
        self.backend.import_initial_stock()
        self.assertEqual(
            sorted({r.path for r in self.sandbox.requests}),
            ["configurations", "order_details", "order_states", "orders"]
            + ["stock_availables"],
        )
        variants = self.backend._initial_stock_variants()
        tshirt, candle = variants[(8, 9)], variants[(5, 0)]

        def quantities(product):
            product = product.with_context(warehouse_id=warehouse.id)
            return product.qty_available, product.free_qty

        # order 1 is the only open order with these products
        physical = {key: available[key] + qty for key, qty in lines.items()}
        self.assertEqual(quantities(tshirt), (physical[(8, 9)], physical[(8, 9)]))
        self.assertEqual(quantities(candle), (physical[(5, 0)], physical[(5, 0)]))
        # a shipped order reserves nothing: order 2 (shipped), combination 4
        self.assertEqual(
            variants[(1, 4)].with_context(warehouse_id=warehouse.id).qty_available,
            available[(1, 4)],
        )
        self.import_order(1)
        self.run_pending_jobs()
        self.assertEqual(self.binding(1).odoo_id.state, "sale")
        self.assertEqual(quantities(tshirt), (physical[(8, 9)], available[(8, 9)]))
        self.assertEqual(quantities(candle), (physical[(5, 0)], available[(5, 0)]))
        # PrestaShop's available quantity is left as it was
        rows = {
            (r["id_product"], r["id_product_attribute"]): r["quantity"]
            for r in store.search("stock_availables")
            if r["id_shop"] == 1
        }
        self.assertEqual(rows[(8, 9)], available[(8, 9)])
        self.assertEqual(rows[(5, 0)], available[(5, 0)])
