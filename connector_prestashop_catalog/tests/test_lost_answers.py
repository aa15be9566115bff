# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Lost answers during a product export: the retry binds what the lost
request created (a picture, a combination) instead of creating it twice."""

from odoo.tests import tagged

from .common import CatalogTestCase, png_b64


@tagged("post_install", "-at_install")
class TestLostAnswers(CatalogTestCase):
    def setUp(self):
        super().setUp()
        # categories, options and values exported once, so that the faults
        # below hit the product's own requests
        self.publish(self.make_template(ref="PRIME", image_1920=False))
        self.sandbox.clear_log()

    def binding(self, template):
        return template.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        )

    def pending_job(self):
        job = self.env["queue.job"].search(
            [("state", "=", "pending"), ("method_name", "=", "export_record")]
        )
        self.assertEqual(len(job), 1)
        return job

    def shop_images(self, product_id):
        return [
            int(i["id"])
            for i in self.sandbox.store.get("products", product_id)["associations"][
                "images"
            ]
        ]

    # -- pictures --------------------------------------------------------------
    def test_first_export_reads_no_picture(self):
        """A first export uploads its pictures without reading any: no
        request per picture, no read of the product's images."""
        binding = self.publish(self.make_template(ref="ECO", variants=False))
        self.assertEqual(
            len(self.sent("POST", f"images/products/{binding.prestashop_id}")), 1
        )
        self.assertFalse([r for r in self.sent("GET") if r.path.startswith("images")])
        self.assertEqual(len(binding.image_ids), 1)

    def test_picture_answer_lost(self):
        """The answer to a picture's upload is cut after PrestaShop stored
        it: the job is retried (not failed) with a message naming the
        request, and the retry binds the stored picture instead of
        uploading it again."""
        template = self.make_template(ref="IMG", variants=False, barcode=False)
        template.publish_on_prestashop(self.backend)
        job = self.pending_job()
        # GET products (look-up), POST products, then the picture's POST
        self.sandbox.faults.malformed_next(1, after=2)
        job = self.run_job(job)
        self.assertEqual(
            [(r.method, r.path) for r in self.sandbox.requests][:2],
            [("GET", "products"), ("POST", "products")],
        )
        product_id = self.sandbox.store.search("products", reference="IMG")[0]["id"]
        path = f"images/products/{product_id}"
        self.assertEqual(len(self.sent("POST", path)), 1)
        self.assertEqual(job.state, "pending")
        self.assertIn(f"POST {path}", job.exc_info or job.result or "")
        self.assertNotIn("GET  ", job.exc_info or job.result or "")
        stored = self.shop_images(product_id)
        self.assertEqual(len(stored), 1)

        self.sandbox.clear_log()
        job = self.run_job(job)
        self.assertEqual(job.state, "done", job.exc_info)
        self.assertFalse(self.sent("POST", path))
        self.assertEqual(len(self.sent("GET", path)), 1)
        self.assertEqual(self.shop_images(product_id), stored)
        binding = self.binding(template)
        self.assertEqual(binding.prestashop_id, product_id)
        self.assertEqual(binding.image_ids.mapped("prestashop_id"), stored)
        self.assertEqual(len(self.sandbox.store.search("products", reference="IMG")), 1)

        # the next export with nothing new sends nothing about pictures
        self.sandbox.clear_log()
        binding.export_record()
        self.assertFalse([r for r in self.sandbox.requests if "images" in r.path])

    def test_picture_retry_keeps_merchant_older_pictures(self):
        """A retry binds only pictures newer than those bound to the
        product: one the shop had before (added by hand) is not taken."""
        template = self.make_template(ref="OLD", variants=False, barcode=False)
        binding = self.publish(template)
        product_id = binding.prestashop_id
        first = binding.image_ids.prestashop_id
        # a picture replaced in Odoo, uploaded by a retried job: the shop's
        # own newer picture would be taken, an older unbound one never is
        self.sandbox.store.tables["products"][product_id]["associations"][
            "images"
        ].insert(0, {"id": 1})
        template.image_1920 = png_b64((0, 0, 255))
        job = self.pending_job()
        self.sandbox.faults.malformed_next(1, after=1)
        self.sandbox.clear_log()
        job = self.run_job(job)
        self.assertEqual(job.state, "pending", job.exc_info)
        new = max(self.shop_images(product_id))
        self.assertGreater(new, first)
        self.sandbox.clear_log()
        job = self.run_job(job)
        self.assertEqual(job.state, "done", job.exc_info)
        self.assertFalse(self.sent("POST", f"images/products/{product_id}"))
        self.assertEqual(binding.image_ids.mapped("prestashop_id"), [new])
        self.assertIn(1, self.shop_images(product_id))
        self.assertNotIn(first, self.shop_images(product_id))

    # -- combinations ------------------------------------------------------------
    def test_combination_answer_lost_shared_reference(self):
        """Two variants share the reference DV and the answer to the first
        combination's POST is lost: the retry binds that combination to
        one variant and creates the other's, in one job."""
        template = self.make_template(ref="DV")
        template.product_variant_ids.default_code = "DV"
        template.publish_on_prestashop(self.backend)
        job = self.pending_job()
        # GET products, GET combinations (look-ups), POST products, POST
        # images, then the first combination
        self.sandbox.faults.malformed_next(1, after=4)
        job = self.run_job(job)
        self.assertEqual(self.sandbox.requests[4].method, "POST")
        self.assertEqual(self.sandbox.requests[4].path, "combinations")
        self.assertEqual(job.state, "pending")
        product_id = self.sandbox.store.search("products", reference="DV")
        self.assertFalse(product_id)  # DV is the variants' reference only
        product_id = self.sandbox.store.search("combinations", reference="DV")[0][
            "id_product"
        ]
        first = self.sandbox.store.search("combinations", id_product=product_id)
        self.assertEqual(len(first), 1)

        self.sandbox.clear_log()
        job = self.run_job(job)
        self.assertEqual(job.state, "done", job.exc_info)
        combos = self.sandbox.store.search("combinations", id_product=product_id)
        self.assertEqual(len(combos), 2)
        self.assertEqual(len(self.sent("POST", "combinations")), 1)
        self.assertEqual(len(self.sent("PATCH", f"combinations/{first[0]['id']}")), 1)
        bound = self.binding(template).combination_ids.mapped("prestashop_id")
        self.assertEqual(sorted(bound), sorted(int(c["id"]) for c in combos))
        self.assertEqual(len(set(bound)), 2)
        self.assertFalse(
            self.env["queue.job"].search([("state", "in", ("pending", "failed"))])
        )

    def test_combination_lookup_exact_reference(self):
        """References PrestaShop's filters read otherwise (``A|B``: either;
        ``100,200``: a range; case ignored) are compared exactly with the
        shop's combinations, never put in a filter: look-alikes on the shop
        are neither bound nor changed."""
        template = self.make_template(ref="X")
        light, dark = template.product_variant_ids.sorted("id")
        light.default_code = "100,200"
        dark.default_code = "Pipe|X"
        template.publish_on_prestashop(self.backend)
        job = self.pending_job()
        self.sandbox.faults.malformed_next(1, after=4)
        job = self.run_job(job)
        self.assertEqual(job.state, "pending")
        store = self.sandbox.store
        made = store.search("combinations", reference="100,200")
        self.assertEqual(len(made), 1)
        product_id = int(made[0]["id_product"])
        self.assertEqual(len(store.search("combinations", id_product=product_id)), 1)
        # look-alikes of both references on the product, as a filter by
        # reference would return them
        decoys = [
            store.create(
                "combinations",
                {"id_product": product_id, "reference": ref, "price": "0"},
            )
            for ref in ("pipe|x", "PIPE|X", "Pipe", "X", "150", "100", "200")
        ]
        self.sandbox.clear_log()
        job = self.run_job(job)
        self.assertEqual(job.state, "done", job.exc_info)
        reads = [
            r
            for r in self.sent("GET", "combinations")
            if "filter[id_product]" in r.query
        ]
        self.assertEqual(len(reads), 1)
        self.assertFalse([k for k in reads[0].query if "reference" in k])
        combinations = self.binding(template).combination_ids
        by_variant = {c.odoo_id: c.prestashop_id for c in combinations}
        self.assertEqual(by_variant[light], int(made[0]["id"]))
        self.assertNotIn(by_variant[dark], decoys + [int(made[0]["id"])])
        self.assertEqual(
            store.get("combinations", by_variant[dark])["reference"], "Pipe|X"
        )
        for decoy in decoys:
            self.assertFalse(self.sent("PATCH", f"combinations/{decoy}"))
        self.assertEqual(len(self.sent("POST", "combinations")), 1)
