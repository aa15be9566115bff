# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A product or variant without reference in Odoo is created on the shop
with a generated one (``ODOO-<template id>``, ``ODOO-<template id>-<variant
id>``), the key the export looks it up by before creating: a retry after a
lost POST answer binds what the first try created, never a second copy.
An update never writes the generated reference over the shop's."""

from odoo.tests import tagged

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestReferences(CatalogTestCase):
    def setUp(self):
        super().setUp()
        # categories and options exported once: the exports below send only
        # the product's own requests
        self.publish(self.make_template(ref="PRIME", image_1920=False))
        self.sandbox.clear_log()

    # -- helpers ---------------------------------------------------------------
    def without_reference(self, variants=False):
        template = self.make_template(
            ref="UNUSED",
            variants=variants,
            default_code=False,
            barcode=False,
            image_1920=False,
        )
        template.product_variant_ids.default_code = False
        self.assertFalse(template.default_code)
        return template

    def queue(self, template):
        template.publish_on_prestashop(self.backend)
        job = self.env["queue.job"].search(
            [("state", "=", "pending"), ("method_name", "=", "export_record")]
        )
        self.assertEqual(len(job), 1)
        return job

    def shop_products(self, template):
        return self.sandbox.store.search("products", reference=f"ODOO-{template.id}")

    def calls(self):
        return [(r.method, r.path) for r in self.sandbox.requests]

    def binding(self, template):
        return template.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        )

    # -- tests -------------------------------------------------------------------
    def test_product_without_reference_lost_answer_then_retry(self):
        template = self.without_reference()
        job = self.queue(template)
        # the POST is applied, its answer cut: Odoo never learns the id
        self.sandbox.faults.malformed_next(1, after=1)
        record = self.run_job(job)
        self.assertEqual(record.state, "pending", record.exc_info)
        self.assertEqual(record.retry, 1)
        self.assertIn("unreadable answer to POST products", record.result)
        self.assertEqual(self.calls(), [("GET", "products"), ("POST", "products")])
        lookup = self.sandbox.requests[0].query
        self.assertEqual(lookup["filter[reference]"], f"[ODOO-{template.id}]")
        self.assertEqual(len(self.shop_products(template)), 1)
        binding = self.binding(template)
        self.assertFalse(binding.prestashop_id)
        # the retry finds the product the first try made and binds it
        count = len(self.sandbox.store.search("products"))
        self.assertEqual(self.run_job(job).state, "done")
        products = self.shop_products(template)
        self.assertEqual(len(products), 1)
        self.assertEqual(binding.prestashop_id, int(products[0]["id"]))
        self.assertEqual(len(self.sandbox.store.search("products")), count)
        self.assertEqual(len(self.sent("POST", "products")), 1)
        self.assertEqual(products[0]["name"][1], "Coffee mug")

    def test_variants_without_reference_lost_answers_then_retry(self):
        """The product's POST answer lost, then (next try) a combination's:
        each retry binds what the shop has; one product, one combination
        per variant, each with its generated reference."""
        template = self.without_reference(variants=True)
        variants = template.product_variant_ids.sorted("id")
        job = self.queue(template)
        self.sandbox.faults.malformed_next(1, after=1)
        self.assertEqual(self.run_job(job).state, "pending")
        self.assertEqual(self.calls(), [("GET", "products"), ("POST", "products")])
        self.assertEqual(len(self.shop_products(template)), 1)
        # second try: the product is found; the first combination is created,
        # its answer lost
        self.sandbox.clear_log()
        ps_id = self.shop_products(template)[0]["id"]
        self.sandbox.faults.malformed_next(1, after=4)
        self.assertEqual(self.run_job(job).state, "pending")
        self.assertEqual(
            self.calls(),
            [
                ("GET", "products"),  # lookup
                ("GET", f"products/{ps_id}"),  # its categories, kept
                ("PATCH", f"products/{ps_id}"),
                ("GET", "combinations"),  # lookup
                ("POST", "combinations"),  # applied, answer cut
            ],
        )
        # third try: the combination is found by its generated reference
        self.sandbox.clear_log()
        self.assertEqual(self.run_job(job).state, "done")
        products = self.shop_products(template)
        self.assertEqual(len(products), 1)
        binding = self.binding(template)
        self.assertEqual(binding.prestashop_id, int(products[0]["id"]))
        combinations = self.sandbox.store.search(
            "combinations", id_product=binding.prestashop_id
        )
        self.assertEqual(
            sorted(c["reference"] for c in combinations),
            sorted(f"ODOO-{template.id}-{v.id}" for v in variants),
        )
        self.assertEqual(
            sorted(int(c["id"]) for c in combinations),
            sorted(binding.combination_ids.mapped("prestashop_id")),
        )
        self.assertEqual(len(self.sent("POST", "combinations")), 1)
        self.assertFalse(self.sent("POST", "products"))

    def test_generated_reference_only_on_creation(self):
        """The shop's reference is never overwritten by the generated one;
        Odoo's own reference, once set, is sent."""
        template = self.without_reference()
        binding = self.publish(template)
        ps_id = binding.prestashop_id
        store = self.sandbox.store
        self.assertEqual(
            store.get("products", ps_id)["reference"], f"ODOO-{template.id}"
        )
        # the merchant gives it a reference in the shop; an edit in Odoo
        # keeps it
        store.update("products", ps_id, {"reference": "SHOP-1"}, touch=True)
        template.name = "Tea mug"
        self.sandbox.clear_log()
        self.run_pending_jobs()
        self.assertEqual(
            [c for c in self.calls() if c[0] != "GET"], [("PATCH", f"products/{ps_id}")]
        )
        body = self.sent("PATCH")[0].body
        self.assertIn("Tea mug", body)
        self.assertNotIn("reference", body)
        self.assertEqual(store.get("products", ps_id)["reference"], "SHOP-1")
        # Odoo's own reference is Odoo's to send
        template.default_code = "TEA-1"
        self.run_pending_jobs()
        self.assertEqual(store.get("products", ps_id)["reference"], "TEA-1")

    def test_odoo_owns_references_keeps_its_generated_one(self):
        """Odoo owns references and has none: the generated reference it
        created the product with stays (an export with nothing new sends
        nothing); a reference Odoo had, then cleared, is emptied."""
        self.backend.ps_odoo_owns_reference = True
        template = self.without_reference(variants=True)
        binding = self.publish(template)
        ps_id = binding.prestashop_id
        store = self.sandbox.store
        self.sandbox.clear_log()
        binding.export_record()
        self.assertFalse([c for c in self.calls() if c[0] != "GET"])
        self.assertEqual(
            store.get("products", ps_id)["reference"], f"ODOO-{template.id}"
        )
        combination = binding.combination_ids[:1]
        self.assertEqual(
            store.get("combinations", combination.prestashop_id)["reference"],
            f"ODOO-{template.id}-{combination.odoo_id.id}",
        )
        # an edit of something else keeps it
        template.name = "Tea mug"
        self.run_pending_jobs()
        self.assertEqual(
            store.get("products", ps_id)["reference"], f"ODOO-{template.id}"
        )
        # a variant's reference set, then cleared in Odoo: emptied
        variant = combination.odoo_id
        variant.default_code = "TEA-MATTE"
        self.run_pending_jobs()
        self.assertEqual(
            store.get("combinations", combination.prestashop_id)["reference"],
            "TEA-MATTE",
        )
        variant.default_code = False
        self.run_pending_jobs()
        self.assertEqual(
            store.get("combinations", combination.prestashop_id)["reference"], ""
        )

    def test_variant_added_later_without_reference(self):
        """A variant added to a published product gets its generated
        reference and one combination."""
        template = self.without_reference(variants=True)
        binding = self.publish(template)
        satin = self.env["product.attribute.value"].create(
            {"name": "Satin", "attribute_id": self.color.id}
        )
        template.attribute_line_ids.value_ids = [(4, satin.id)]
        self.run_pending_jobs()
        new = template.product_variant_ids.filtered(
            lambda v: v.product_template_attribute_value_ids.name == "Satin"
        )
        combinations = self.sandbox.store.search(
            "combinations", id_product=binding.prestashop_id
        )
        self.assertEqual(len(combinations), 3)
        self.assertIn(
            f"ODOO-{template.id}-{new.id}", [c["reference"] for c in combinations]
        )
