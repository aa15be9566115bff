# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CatalogTestCase, png_bytes


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
