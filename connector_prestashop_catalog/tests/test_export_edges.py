# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a breaker found in the catalog export: the look-up before creating
never takes another product, a product with several sale taxes is refused,
barcodes go as the shop's ean13 takes them, a language the shop does not
show is no problem, the shop's short description limit is read."""

from odoo.tests import tagged

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestExportEdges(CatalogTestCase):
    def _binding(self, template):
        return template.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        )

    def _export(self, template):
        template.publish_on_prestashop(self.backend)
        return self.run_pending_jobs()

    def _two(self, ref1, ref2):
        """Publish "First" (``ref1``) then "Second" (``ref2``): two shop
        products, the first untouched."""
        first = self.publish(
            self.make_template(ref1, variants=False, name="First", barcode=False)
        )
        self.sandbox.clear_log()
        second = self.make_template(ref2, variants=False, name="Second", barcode=False)
        jobs = self._export(second)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        second = self._binding(second)
        self.assertTrue(second.prestashop_id)
        self.assertNotEqual(second.prestashop_id, first.prestashop_id)
        shop_first = self.sandbox.store.get("products", first.prestashop_id)
        self.assertEqual(shop_first["name"][1], "First")
        self.assertEqual(shop_first["reference"], ref1)
        self.assertFalse(self.sent("PATCH", f"products/{first.prestashop_id}"))
        return second

    def test_lookup_takes_the_same_reference_only(self):
        """Another case, an OR list, a range, the same reference as another
        Odoo product: never the other product."""
        for ref1, ref2 in (
            ("CASE-1", "case-1"),
            ("PIPE-A", "PIPE-A|PIPE-B"),
            ("150", "100,200"),
            ("SAME", "SAME"),
        ):
            with self.subTest(ref2=ref2):
                self._two(ref1, ref2)

    def test_lookup_still_binds_its_own_lost_product(self):
        """The look-up still finds the product a try made whose answer was
        lost (same reference exactly, bound to nothing)."""
        template = self.make_template("LOST-1", variants=False, barcode=False)
        template.publish_on_prestashop(self.backend)
        job = self.env["queue.job"].search(
            [("method_name", "=", "export_record"), ("state", "=", "pending")]
        )
        self.sandbox.faults.malformed_next(1, after=1)  # the product's POST
        record = self.run_job(job)
        self.assertEqual(record.state, "pending", record.exc_info)
        record.eta = False
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        shop = self.sandbox.store.search("products", reference="LOST-1")
        self.assertEqual(len(shop), 1)
        self.assertEqual(self._binding(template).prestashop_id, int(shop[0]["id"]))

    def test_several_sale_taxes_refused(self):
        """20 % included + 5.5 % included: the shop would show 28.59 for
        29.90; the job fails saying to keep one tax, and no product is sent."""
        tax55 = self.taxes.filtered(lambda t: t.amount == 10.0).copy(
            {
                "name": "TVA 5,5% TTC",
                "amount": 5.5,
                "price_include_override": "tax_included",
            }
        )
        template = self.make_template(
            "TWO-TAX",
            variants=False,
            list_price=29.90,
            taxes_id=[(6, 0, (self.tax20_incl | tax55).ids)],
        )
        self.sandbox.clear_log()
        jobs = self._export(template)
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertEqual(len(failed), 1, jobs.mapped("state"))
        self.assertIn("several sale taxes", failed.exc_message)
        self.assertIn("TVA 5,5% TTC", failed.exc_message)
        self.assertFalse(self.sent("POST", "products"))
        self.assertFalse(self.sandbox.store.search("products", reference="TWO-TAX"))

    def test_barcodes_as_the_shop_takes_them(self):
        """EAN-8 and UPC-A go as they are; a barcode with letters is not sent,
        and the job's result says so."""
        for ref, barcode, sent in (
            ("EAN8", "12345670", "12345670"),
            ("UPCA", "123456789012", "123456789012"),
            ("INTERNAL", "ABC-123", ""),
        ):
            with self.subTest(barcode=barcode):
                template = self.make_template(ref, variants=False, barcode=barcode)
                jobs = self._export(template)
                self.assertEqual(set(jobs.mapped("state")), {"done"})
                product = self.sandbox.store.get(
                    "products", self._binding(template).prestashop_id
                )
                self.assertEqual(product["ean13"] or "", sent)
                said = " ".join(r or "" for r in jobs.mapped("result"))
                if sent:
                    self.assertNotIn("barcode", said)
                else:
                    self.assertIn("ABC-123", said)
                    self.assertIn("digits only", said)

    def test_language_the_shop_does_not_show(self):
        """A shop language inactive on the shop, mapped to an Odoo language
        not active: no failure, even when the backend does not fill missing
        languages, and no warning."""
        self.backend.ps_lang_fallback = False
        ps_fr = self.backend.lang_ids.filtered(lambda b: b.prestashop_id == 2)
        ps_fr.ps_active = False
        template = self.make_template("NOSHOW", variants=False)
        self.env.ref("base.lang_fr").active = False
        jobs = self._export(template)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        said = " ".join(r or "" for r in jobs.mapped("result"))
        self.assertNotIn("default language", said)

    def test_short_description_limit_read_from_the_shop(self):
        """PS_PRODUCT_SHORT_DESC_LIMIT 100 on the shop, read at metadata
        sync: a 150-character sales description fails naming 100, before
        anything is sent."""
        store = self.sandbox.store
        rows = store.search("configurations", name="PS_PRODUCT_SHORT_DESC_LIMIT")
        if rows:
            for row in rows:
                row["value"] = "100"
        else:
            store.create(
                "configurations",
                {"name": "PS_PRODUCT_SHORT_DESC_LIMIT", "value": "100"},
            )
        self.env["prestashop.shop"].import_batch(self.backend)
        self.assertEqual(self.backend.ps_short_desc_limit, 100)
        template = self.make_template(
            "SHORT", variants=False, description_sale="x" * 150
        )
        self.sandbox.clear_log()
        jobs = self._export(template)
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertEqual(len(failed), 1, jobs.mapped("state"))
        self.assertIn("100", failed.exc_message)
        self.assertFalse(self.sent("POST"))

    # -- a second breaker round ------------------------------------------------
    def test_lost_image_answer_then_failure_then_requeue(self):
        """The picture's POST applied, its answer lost; the next try fails
        (a tax without rule group); fixed and requeued by hand (its try
        count back to 0): the picture the first try uploaded is bound, not
        uploaded again."""
        # the category on the shop first: then the 3rd request is the picture's
        self.publish(self.make_template("FIRST", variants=False, barcode=False))
        template = self.make_template("IMGQ", variants=False, barcode=False)
        template.publish_on_prestashop(self.backend)
        job = self.env["queue.job"].search(
            [("state", "=", "pending"), ("method_name", "=", "export_record")]
        )
        self.sandbox.faults.malformed_next(1, after=2)
        job = self.run_job(job)
        self.assertEqual(job.state, "pending", job.exc_info)
        product_id = self.sandbox.store.search("products", reference="IMGQ")[0]["id"]
        unmapped = self.tax20.copy({"name": "Unmapped 20"})
        template.taxes_id = [(6, 0, unmapped.ids)]
        job = self.run_job(job)
        self.assertEqual(job.state, "failed", job.exc_info)
        template.taxes_id = [(6, 0, self.tax20.ids)]
        job.requeue()
        self.assertEqual(job.retry, 0)
        self.sandbox.clear_log()
        job = self.run_job(job)
        self.assertEqual(job.state, "done", job.exc_info)
        self.assertFalse(self.sent("POST", f"images/products/{product_id}"))
        images = self.sandbox.store.get("products", product_id)["associations"]
        self.assertEqual(len(images["images"]), 1, images)

    def test_barcode_changed_to_one_the_shop_cannot_take(self):
        """The shop's old EAN is cleared (Odoo no longer gives it), and
        full-width digits are no EAN: left out with a note, not a failure."""
        binding = self.publish(self.make_template("EANX", variants=False))
        template = binding.odoo_id
        template.barcode = "ABC-123"
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        product = self.sandbox.store.get("products", binding.prestashop_id)
        self.assertEqual(product["ean13"] or "", "")
        fullwidth = self.make_template(
            "FW", variants=False, barcode="\uff13\uff17\uff16\uff10\uff10\uff10"
        )
        jobs = self._export(fullwidth)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        self.assertIn("digits only", " ".join(r or "" for r in jobs.mapped("result")))
