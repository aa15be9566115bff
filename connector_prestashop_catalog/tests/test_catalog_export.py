# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CatalogTestCase, png_b64


@tagged("post_install", "-at_install")
class TestCatalogExport(CatalogTestCase):
    def test_round_trip(self):
        """Export, then read PrestaShop back and compare with Odoo."""
        template = self.make_template()
        binding = self.publish(template)
        store = self.sandbox.store
        self.assertTrue(binding.prestashop_id)
        product = store.get("products", binding.prestashop_id)
        # names and texts in both languages, from Odoo translations
        self.assertEqual(product["name"], {1: "Coffee mug", 2: "Tasse à café"})
        self.assertEqual(product["link_rewrite"], {1: "coffee-mug", 2: "tasse-a-cafe"})
        self.assertIn("Une tasse pour le café.", product["description_short"][2])
        self.assertEqual(product["meta_title"][2], "Tasse à café")
        # prices: tax excluded + tax rule group -> Odoo's price with tax, to the cent
        self.assertAlmostEqual(float(product["price"]), 19.99, places=6)
        self.assertEqual(int(product["id_tax_rules_group"]), 1)
        odoo_ttc = self.tax20.compute_all(19.99)["total_included"]
        self.assertEqual(
            self.ps_price_with_tax(binding.prestashop_id), round(odoo_ttc, 2)
        )
        self.assertAlmostEqual(float(product["wholesale_price"]), 4.5)
        self.assertAlmostEqual(float(product["weight"]), 0.35)
        self.assertEqual(str(product["active"]), "1")
        # categories: parents first, under Home; the default one is the product's
        cat = store.get("categories", int(product["id_category_default"]))
        self.assertEqual(cat["name"][1], "Mugs")
        parent = store.get("categories", int(cat["id_parent"]))
        self.assertEqual(parent["name"][1], "Odoo Goods")
        self.assertEqual(int(parent["id_parent"]), 2)
        self.assertEqual(
            [int(c["id"]) for c in product["associations"]["categories"]], [cat["id"]]
        )
        # combinations with their option values, references, price impacts
        combos = store.search("combinations", id_product=binding.prestashop_id)
        self.assertEqual(len(combos), 2)
        by_ref = {c["reference"]: c for c in combos}
        self.assertEqual(set(by_ref), {"MUG-MATTE", "MUG-GLOSSY"})
        self.assertAlmostEqual(float(by_ref["MUG-GLOSSY"]["price"]), 2.0)
        self.assertAlmostEqual(float(by_ref["MUG-MATTE"]["price"]), 0.0)
        self.assertEqual(
            int(store.get("products", binding.prestashop_id)["id_default_combination"]),
            by_ref["MUG-MATTE"]["id"],
        )
        value_ids = by_ref["MUG-GLOSSY"]["associations"]["product_option_values"]
        value = store.get("product_option_values", int(value_ids[0]["id"]))
        self.assertEqual(value["name"], {1: "Glossy", 2: "Brillant"})
        option = store.get("product_options", int(value["id_attribute_group"]))
        self.assertEqual(option["name"], {1: "Finish", 2: "Finition"})
        self.assertEqual(len(binding.combination_ids), 2)
        # the main image, uploaded once
        self.assertEqual(len(product["associations"]["images"]), 1)
        self.assertEqual(len(binding.image_ids), 1)

    def test_first_export_cost_and_one_patch_per_update(self):
        """First export: 2 lookups (the product's reference, its variants')
        + 1 POST + images + variants once the categories/options exist; an
        update of one field: one PATCH."""
        first = self.make_template(ref="A")
        self.publish(first)  # creates categories and options once
        template = self.make_template(ref="B")
        self.sandbox.clear_log()
        binding = self.publish(template)
        variants, images = 2, 1
        requests = [(r.method, r.path) for r in self.sandbox.requests]
        self.assertLessEqual(len(requests), 2 + variants + images + 1, requests)
        self.assertEqual(
            sum(1 for m, p in requests if m == "POST" and p == "products"), 1
        )
        # bursts of edits -> one job; one PATCH with only what changed
        self.sandbox.clear_log()
        template.name = "Big coffee mug"
        template.name = "Large coffee mug"
        template.list_price = 21.0
        jobs = self.env["queue.job"].search(
            [
                ("state", "=", "pending"),
                ("model_name", "=", "prestashop.product.template"),
            ]
        )
        self.assertEqual(len(jobs), 1)
        self.assertTrue(jobs.eta, "the export is debounced")
        self.assertEqual(jobs.channel, "root.prestashop.export")
        self.run_pending_jobs()
        self.assertEqual(
            [(r.method, r.path) for r in self.sandbox.requests],
            [("PATCH", f"products/{binding.prestashop_id}")],
        )
        body = self.sandbox.requests[0].body
        body = body.decode() if isinstance(body, bytes) else body
        self.assertIn("Large coffee mug", body)
        self.assertNotIn("wholesale_price", body)
        self.assertEqual(self.ps_price_with_tax(binding.prestashop_id), 25.2)
        # a field PrestaShop does not show queues nothing
        template.description_purchase = "Ask the supplier"
        self.assertFalse(self.env["queue.job"].search([("state", "=", "pending")]))

    def test_never_a_duplicate(self):
        """Exported twice, or retried after the POST answer was lost: one
        PrestaShop product (looked up by reference before creating)."""
        template = self.make_template(ref="SOLO", variants=False)
        binding = self.publish(template)
        ps_id = binding.prestashop_id
        count = len(self.sandbox.store.search("products"))
        # the same export again: nothing changed, nothing sent
        self.sandbox.clear_log()
        template.publish_on_prestashop(self.backend)
        self.run_pending_jobs()
        self.assertFalse([r for r in self.sandbox.requests if r.method != "GET"])
        # lost answer: PrestaShop created it but Odoo never learnt the id
        binding.with_context(connector_no_export=True).write(
            {"prestashop_id": 0, "ps_sync_hash": False}
        )
        binding.image_ids.unlink()
        template.publish_on_prestashop(self.backend)
        self.run_pending_jobs()
        self.assertEqual(binding.prestashop_id, ps_id)
        self.assertEqual(len(self.sandbox.store.search("products")), count)
        # variants found again through their combinations' references
        multi = self.make_template(ref="MULTI")
        mbinding = self.publish(multi)
        mid = mbinding.prestashop_id
        combos = len(self.sandbox.store.search("combinations"))
        mbinding.with_context(connector_no_export=True).write(
            {"prestashop_id": 0, "ps_sync_hash": False}
        )
        self.env.cr.execute(
            "UPDATE prestashop_product_combination SET prestashop_id = NULL, "
            "ps_sync_hash = NULL WHERE id IN %s",
            (tuple(mbinding.combination_ids.ids),),
        )
        mbinding.combination_ids.invalidate_recordset()
        multi.publish_on_prestashop(self.backend)
        self.run_pending_jobs()
        self.assertEqual(mbinding.prestashop_id, mid)
        self.assertEqual(len(self.sandbox.store.search("combinations")), combos)

    def test_archive_and_unpublish_deactivate(self):
        template = self.make_template(ref="ARCH", variants=False)
        binding = self.publish(template)
        template.active = False
        self.run_pending_jobs()
        product = self.sandbox.store.get("products", binding.prestashop_id)
        self.assertEqual(str(product["active"]), "0")
        template.active = True
        self.run_pending_jobs()
        self.assertEqual(
            str(self.sandbox.store.get("products", binding.prestashop_id)["active"]),
            "1",
        )
        # mass action: unpublish
        wizard = (
            self.env["prestashop.publish.wizard"]
            .with_context(active_model="product.template", active_ids=template.ids)
            .create({"backend_id": self.backend.id, "action": "unpublish"})
        )
        wizard.action_apply()
        self.run_pending_jobs()
        self.assertEqual(
            str(self.sandbox.store.get("products", binding.prestashop_id)["active"]),
            "0",
        )
        self.assertFalse([r for r in self.sandbox.requests if r.method == "DELETE"])

    def test_variants_added_and_archived(self):
        template = self.make_template(ref="VAR")
        binding = self.publish(template)
        store = self.sandbox.store
        # a new variant (new value) -> a new combination
        line = template.attribute_line_ids
        satin = self.env["product.attribute.value"].create(
            {"name": "Satin", "attribute_id": self.color.id}
        )
        line.value_ids = [(4, satin.id)]
        self.run_pending_jobs()
        self.assertEqual(
            len(store.search("combinations", id_product=binding.prestashop_id)), 3
        )
        # an archived variant -> its combination is removed
        glossy = template.product_variant_ids.filtered(
            lambda v: v.default_code == "VAR-GLOSSY"
        )
        comb_id = glossy.prestashop_combination_bind_ids.prestashop_id
        glossy.active = False
        self.run_pending_jobs()
        self.assertIsNone(store.get("combinations", comb_id))
        self.assertEqual(
            len(store.search("combinations", id_product=binding.prestashop_id)), 2
        )

    def test_images_checksum(self):
        template = self.make_template(ref="IMG")
        matte = template.product_variant_ids.filtered(
            lambda v: v.default_code == "IMG-MATTE"
        )
        matte.image_variant_1920 = png_b64((0, 0, 255))
        self.env["prestashop.extra.image"].create(
            {
                "product_tmpl_id": template.id,
                "name": "side",
                "image_1920": png_b64((0, 255, 0)),
            }
        )
        binding = self.publish(template)
        store = self.sandbox.store
        product = store.get("products", binding.prestashop_id)
        self.assertEqual(len(product["associations"]["images"]), 3)
        variant_image = binding.image_ids.filtered(
            lambda i: i.source_key.startswith("variant")
        )
        comb = store.get(
            "combinations", matte.prestashop_combination_bind_ids.prestashop_id
        )
        self.assertEqual(
            [int(i["id"]) for i in comb["associations"]["images"]],
            [variant_image.prestashop_id],
        )
        # unchanged pictures are not sent again
        self.sandbox.clear_log()
        template.image_1920 = png_b64((255, 0, 0))  # same bytes
        self.run_pending_jobs()
        self.assertFalse([r for r in self.sandbox.requests if "images" in r.path])
        # a changed picture replaces the old one; a removed one is deleted
        template.image_1920 = png_b64((10, 10, 10))
        template.prestashop_extra_image_ids.unlink()
        self.run_pending_jobs()
        sent = [
            (r.method, r.path.split("/")[0])
            for r in self.sandbox.requests
            if r.path.startswith("images")
        ]
        self.assertEqual(
            sorted(sent),
            sorted([("DELETE", "images"), ("POST", "images"), ("DELETE", "images")]),
        )
        product = store.get("products", binding.prestashop_id)
        self.assertEqual(len(product["associations"]["images"]), 2)

    def test_existing_option_matched_by_name(self):
        """The demo shop has "Size" (option 1) with S and M: reused."""
        option_count = len(self.sandbox.store.search("product_options"))
        template = self.make_template(
            ref="TEE",
            attribute_line_ids=[
                (
                    0,
                    0,
                    {
                        "attribute_id": self.size.id,
                        "value_ids": [(6, 0, self.size.value_ids.ids)],
                    },
                )
            ],
        )
        self.publish(template)
        self.assertEqual(
            len(self.sandbox.store.search("product_options")), option_count
        )
        self.assertEqual(self.size.prestashop_bind_ids.prestashop_id, 1)

    def test_price_included_tax_to_the_cent(self):
        self.backend.tax_rule_group_ids.filtered(
            lambda g: g.prestashop_id == 1
        ).odoo_id = self.tax20_incl
        template = self.make_template(
            ref="TTC",
            variants=False,
            list_price=24.99,
            taxes_id=[(6, 0, self.tax20_incl.ids)],
        )
        binding = self.publish(template)
        product = self.sandbox.store.get("products", binding.prestashop_id)
        self.assertAlmostEqual(float(product["price"]), 20.825, places=6)
        self.assertEqual(self.ps_price_with_tax(binding.prestashop_id), 24.99)

    def test_unmapped_tax_says_what_to_fix(self):
        tax = self.env["account.tax"].create(
            {
                "name": "TVA 8.5%",
                "amount": 8.5,
                "type_tax_use": "sale",
                "company_id": self.company.id,
            }
        )
        template = self.make_template(
            ref="DOM", variants=False, taxes_id=[(6, 0, tax.ids)]
        )
        template.publish_on_prestashop(self.backend)
        jobs = self.run_pending_jobs()
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertTrue(failed)
        self.assertIn("Tax rule groups", failed.exc_message)
        self.assertNotIn(self.backend.sudo().webservice_key, failed.exc_info or "")
        self.assertFalse(self.sandbox.store.search("products", reference="DOM"))

    def test_publish_now_and_read_back(self):
        """Publishing (the wizard, a script) queues export jobs due at once;
        ``delay=None`` waits the backend's edit debounce instead.  The
        product then reads back over the webservice with its names,
        combinations and price with tax."""
        debounced = self.make_template(ref="LATER", variants=False)
        jobs = debounced.publish_on_prestashop(self.backend, delay=None)
        self.assertTrue(jobs)
        self.assertTrue(all(job.eta for job in jobs), "the debounce waits")
        template = self.make_template(ref="NOW")
        jobs = template.publish_on_prestashop(self.backend)
        self.assertTrue(jobs)
        self.assertFalse([job for job in jobs if job.eta], "delay=0 waits for nothing")
        done = self.run_pending_jobs()
        self.assertEqual(set(done.mapped("state")), {"done"}, done.mapped("exc_info"))
        binding = template.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        )
        with self.backend.work_on("prestashop.product.template") as work:
            record = work.component(usage="backend.adapter").read(binding.prestashop_id)
        self.assertEqual(
            sorted(map(str, record["name"].values())), ["Coffee mug", "Tasse à café"]
        )
        self.assertEqual(len(record["associations"]["combinations"]), 2)
        self.assertEqual(
            self.ps_price_with_tax(binding.prestashop_id),
            round(self.tax20.compute_all(19.99)["total_included"], 2),
        )

    def test_connector_user_publishes(self):
        """A connector user who may not edit products publishes one: the
        binding is the connector's, the product is exported."""
        user = self.env["res.users"].create(
            {
                "name": "Connector user",
                "login": "catalog_connector_user",
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            self.env.ref("base.group_user").id,
                            self.env.ref("connector.group_connector_manager").id,
                        ],
                    )
                ],
            }
        )
        template = self.make_template(ref="USER", variants=False)
        self.assertFalse(
            self.env["product.template"].with_user(user).has_access("write")
        )
        wizard = (
            self.env["prestashop.publish.wizard"]
            .with_user(user)
            .with_context(active_model="product.template", active_ids=template.ids)
            .create({"backend_id": self.backend.id})
        )
        wizard.action_apply()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        binding = template.prestashop_bind_ids
        self.assertTrue(binding.prestashop_id)
        self.assertEqual(
            self.sandbox.store.get("products", binding.prestashop_id)["reference"],
            "USER",
        )
