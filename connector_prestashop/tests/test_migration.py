# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration: products, combinations and customers."""

from odoo.tests import tagged

from ..models.product_template.importer import ean13_ok
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
        # the jobs read nothing but the pictures (the fitted sheet's), once
        self.assertEqual(
            sorted(r.path for r in self.sandbox.requests),
            [f"images/products/1/{i}" for i in (1, 2, 3)],
        )
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
        # a new product without combinations: its single variant made with
        # the shop's reference, EAN-13, weight and cost, which the template
        # reads
        simple = Binding.search([("backend_id", "=", self.backend.id)]).filtered(
            lambda b: not store.get("products", b.prestashop_id)["associations"].get(
                "combinations"
            )
            and b.prestashop_id not in (2, 3)
        )
        self.assertTrue(simple)
        for binding in simple:
            ps = store.get("products", binding.prestashop_id)
            template = binding.odoo_id
            self.assertEqual(len(template.product_variant_ids), 1)
            for record in (template.product_variant_id, template):
                self.assertEqual(record.default_code, ps["reference"] or False)
                self.assertEqual(
                    record.barcode, ps["ean13"] if ean13_ok(ps["ean13"]) else False
                )
                self.assertAlmostEqual(record.weight, float(ps["weight"]), places=6)
                self.assertAlmostEqual(
                    record.standard_price, float(ps["wholesale_price"]), places=6
                )
        self.assertTrue(any(simple.mapped("standard_price")))
        self.assertTrue(any(simple.mapped("barcode")))
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
        # the customer groups were read at metadata sync (shops' step)
        self.assertEqual(
            [r.path for r in self.sandbox.requests], ["customers", "addresses"]
        )
        self.sandbox.clear_log()
        self._run_all()
        self.assertEqual(self.sandbox.requests, [])
        bindings = self.env["prestashop.res.partner"].search(
            [("backend_id", "=", self.backend.id)]
        )
        # every customer but the GDPR module's anonymous one (left out)
        self.assertEqual(
            len(bindings),
            len(
                [
                    c
                    for c in self.sandbox.store.search("customers")
                    if c["email"] != "anonymous@psgdpr.com"
                ]
            ),
        )
        self.assertEqual(
            bindings.filtered(lambda b: b.prestashop_id == 1).odoo_id, camille
        )
        self.assertEqual(camille.name, "Camille M.")
        # customers 5 (guest) and 6 share one partner
        jean = bindings.filtered(lambda b: b.prestashop_id in (5, 6)).odoo_id
        self.assertEqual(len(jean), 1)
        # Camille's live address is a contact; the deleted one is not
        self.assertEqual(camille.child_ids.mapped("street"), ["14 rue Oberkampf"])


@tagged("post_install", "-at_install")
class TestCustomersEveryShopHas(OrderCase):
    """The GDPR module's anonymous customer (every PrestaShop 8 shop has it)
    and VAT numbers Odoo refuses: never an import error."""

    #: the demo shop's GDPR anonymous customer (its address: VAT "0000")
    anonymous_id = 8

    def setUp(self):
        super().setUp()
        store = self.sandbox.store
        self.assertEqual(
            store.get("customers", self.anonymous_id)["email"], "anonymous@psgdpr.com"
        )
        # a real customer's address with a mistyped VAT number
        address = store.search("addresses", id_customer=1)[0]
        store.update(
            "addresses",
            address["id"],
            {"company": "Atelier Martin", "vat_number": "FR123"},
        )

    def _import_customers(self):
        self.env["prestashop.res.partner"].import_batch(self.backend)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return jobs

    def _binding(self, ps_id):
        return self.env["prestashop.res.partner"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", ps_id)]
        )

    def test_anonymous_customer_left_out_by_default(self):
        self._import_customers()
        self.assertFalse(self._binding(self.anonymous_id))
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "anonymous@psgdpr.com")])
        )
        # the mistyped VAT number: kept in a note, the customer imported
        camille = self._binding(1).odoo_id
        self.assertTrue(camille)
        self.assertFalse(camille.vat)
        self.assertIn(
            "FR123",
            " ".join(camille.message_ids.mapped(lambda m: str(m.body))),
        )

    def test_anonymous_customer_imported_when_the_backend_says(self):
        self.backend.import_anonymous_customer = True
        self._import_customers()
        partner = self._binding(self.anonymous_id).odoo_id
        self.assertEqual(partner.email, "anonymous@psgdpr.com")
        self.assertFalse(partner.vat)
        notes = " ".join(partner.message_ids.mapped(lambda m: str(m.body)))
        self.assertIn("0000", notes)
        # again: nothing fails, nothing is created twice
        self._import_customers()
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("email", "=", "anonymous@psgdpr.com"), ("parent_id", "=", False)]
            ),
            1,
        )


@tagged("post_install", "-at_install")
class TestImportInTheShopLanguage(OrderCase):
    """A French-speaking user presses "Import products" on a backend whose
    default language is not set: the import works in one language (the
    first mapped one), so options and values are matched, never doubled."""

    def test_products_with_combinations_imported_by_a_french_user(self):
        self.backend.default_lang_id = False
        self.assertEqual(self.backend._default_lang_code(), "en_US")
        backend = self.backend.with_context(lang="fr_FR")
        backend.action_import_products()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        store = self.sandbox.store
        for product in store.search("products"):
            combinations = product["associations"].get("combinations") or []
            binding = self.env["prestashop.product.template"].search(
                [
                    ("backend_id", "=", self.backend.id),
                    ("prestashop_id", "=", product["id"]),
                ]
            )
            template = binding.odoo_id
            lines = template.attribute_line_ids
            # one line per option, never the same option twice
            self.assertEqual(len(lines), len(lines.attribute_id), template.name)
            self.assertEqual(
                len(template.product_variant_ids), max(1, len(combinations))
            )
        tshirt = (
            self.env["prestashop.product.template"]
            .search([("backend_id", "=", self.backend.id), ("prestashop_id", "=", 8)])
            .odoo_id
        )
        names = {
            lang: sorted(
                tshirt.with_context(lang=lang).attribute_line_ids.mapped(
                    "attribute_id.name"
                )
            )
            for lang in ("en_US", "fr_FR")
        }
        self.assertNotEqual(names["en_US"], names["fr_FR"])
        # imported again by the same user: nothing created twice
        counts = (
            self.env["product.attribute"].search_count([]),
            self.env["product.attribute.value"].search_count([]),
        )
        backend.action_import_products()
        self.run_pending_jobs()
        self.assertEqual(
            (
                self.env["product.attribute"].search_count([]),
                self.env["product.attribute.value"].search_count([]),
            ),
            counts,
        )
