# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CatalogTestCase, png_b64, png_bytes


@tagged("post_install", "-at_install")
class TestMigratedImages(CatalogTestCase):
    def test_imported_picture_not_uploaded_again(self):
        """A picture imported by the initial migration is bound with its
        checksum: exporting the product does not upload it again."""
        store = self.sandbox.store
        product = store.get("products", 2)
        store.images[(2, 900)] = png_bytes((10, 200, 10))
        product["associations"] = dict(product["associations"], images=[{"id": 900}])
        product["id_default_image"] = 900
        self.env["prestashop.product.template"].import_record(self.backend, 2)
        binding = self.env["prestashop.product.template"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 2)]
        )
        self.assertTrue(binding.odoo_id.image_1920)
        self.assertEqual(binding.image_ids.mapped("prestashop_id"), [900])
        self.assertEqual(
            [r.path for r in self.sent("GET") if r.path.startswith("images")],
            ["images/products/2/900"],
        )
        self.sandbox.clear_log()
        binding = self.env["prestashop.product.template"].browse(binding.id)
        # an edit in Odoo after the import: the product is patched, the
        # picture is not uploaded again
        binding.odoo_id.list_price = 41.0
        binding.export_record()
        self.assertTrue(self.sent("PATCH", "products/2"))
        self.assertFalse(
            [r for r in self.sandbox.requests if r.path.startswith("images")]
        )
        self.assertEqual(binding.image_ids.mapped("prestashop_id"), [900])
        self.assertEqual(
            [i["id"] for i in store.get("products", 2)["associations"]["images"]],
            [900],
        )

    def _sheet(self):
        """The demo's fitted sheet imported: its white combinations share
        picture 2, its grey ones picture 3 (cover 1)."""
        self.env["prestashop.product.template"].import_record(self.backend, 1)
        binding = self.env["prestashop.product.template"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 1)]
        )
        # re-browsed: the import's records carry its no-export context
        return self.env["prestashop.product.template"].browse(binding.id)

    def test_shared_picture_not_uploaded_again(self):
        """A picture several combinations share is bound once; exporting
        the product afterwards neither uploads nor deletes a picture, nor
        changes the combinations' pictures."""
        binding = self._sheet()
        images = binding.image_ids
        self.assertEqual(sorted(images.mapped("prestashop_id")), [1, 2, 3])
        shared = images.filtered(lambda i: i.prestashop_id == 2)
        shown_by = shared.variant_ids
        self.assertEqual(len(shown_by), 2)
        self.assertEqual(
            sorted(r.path for r in self.sent("GET") if r.path.startswith("images")),
            ["images/products/1/1", "images/products/1/2", "images/products/1/3"],
        )
        self.sandbox.clear_log()
        binding.export_record()
        self.assertFalse(
            [r for r in self.sandbox.requests if r.path.startswith("images")]
        )
        self.assertFalse([r for r in self.sandbox.requests if r.method != "GET"])
        self.assertEqual(binding.image_ids, images)
        self.assertEqual(shared.variant_ids, shown_by)
        store = self.sandbox.store
        self.assertEqual(
            [int(i["id"]) for i in store.get("products", 1)["associations"]["images"]],
            [1, 2, 3],
        )

    def test_shared_picture_changed_on_one_variant(self):
        """One of the variants sharing a picture gets its own: that one is
        uploaded and linked to its combination; the shared picture stays on
        PrestaShop for the other variant."""
        binding = self._sheet()
        shared = binding.image_ids.filtered(lambda i: i.prestashop_id == 2)
        changed, kept = shared.variant_ids.sorted("id")
        changed.image_variant_1920 = png_b64((0, 90, 0))
        self.sandbox.clear_log()
        binding.export_record()
        self.assertEqual(
            [(r.method, r.path) for r in self.sandbox.requests if "images" in r.path],
            [("POST", "images/products/1")],
        )
        self.assertEqual(shared.prestashop_id, 2)
        self.assertEqual(shared.variant_ids, kept)
        new = binding.image_ids - binding.image_ids.filtered(
            lambda i: i.prestashop_id in (1, 2, 3)
        )
        self.assertEqual(new.variant_ids, changed)
        store = self.sandbox.store
        combination = (
            self.env["prestashop.product.combination"]
            .search([("odoo_id", "=", changed.id)])
            .prestashop_id
        )
        self.assertEqual(
            [
                int(i["id"])
                for i in store.get("combinations", combination)["associations"][
                    "images"
                ]
            ],
            [new.prestashop_id],
        )
