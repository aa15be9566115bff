# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestB2BPrices(CatalogTestCase):
    def test_pricelist_to_group_and_specific_prices(self):
        template = self.make_template(ref="B2B")
        binding = self.publish(template)
        glossy = template.product_variant_ids.filtered(
            lambda v: v.default_code == "B2B-GLOSSY"
        )
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Professionals",
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 5.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "applied_on": "1_product",
                            "product_tmpl_id": template.id,
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                            "min_quantity": 10,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": glossy.id,
                            "compute_price": "fixed",
                            "fixed_price": 18.0,
                        },
                    ),
                ],
            }
        )
        group = self.env["prestashop.customer.group"].create(
            {"backend_id": self.backend.id, "odoo_id": pricelist.id}
        )
        self.run_pending_jobs()
        store = self.sandbox.store
        # matched by name: the demo shop's "Professionals" group (4)
        self.assertEqual(group.prestashop_id, 4)
        self.assertEqual(float(store.get("groups", 4)["reduction"]), 5.0)
        prices = store.search(
            "specific_prices", id_group=4, id_product=binding.prestashop_id
        )
        self.assertEqual(len(prices), 2)
        pct = next(p for p in prices if p["reduction_type"] == "percentage")
        self.assertEqual(int(pct["from_quantity"]), 10)
        self.assertAlmostEqual(float(pct["reduction"]), 0.10)
        fixed = next(p for p in prices if p["reduction_type"] == "amount")
        self.assertAlmostEqual(float(fixed["price"]), 18.0)
        self.assertEqual(
            int(fixed["id_product_attribute"]),
            glossy.prestashop_combination_bind_ids.prestashop_id,
        )
        # kept in sync: a changed rule is patched, a removed one deleted
        self.sandbox.clear_log()
        item = pricelist.item_ids.filtered(lambda i: i.applied_on == "1_product")
        item.percent_price = 15.0
        self.run_pending_jobs()
        self.assertEqual(
            [
                r.method
                for r in self.sandbox.requests
                if r.path.startswith("specific_prices")
            ],
            ["PATCH"],
        )
        self.assertAlmostEqual(
            float(store.get("specific_prices", int(pct["id"]))["reduction"]), 0.15
        )
        item.unlink()
        self.run_pending_jobs()
        self.assertIsNone(store.get("specific_prices", int(pct["id"])))
        self.assertEqual(len(group.specific_price_ids), 1)

    def test_group_not_on_the_shop_is_created_only_when_asked(self):
        template = self.make_template(ref="B2C")
        self.publish(template)
        categ_rule = {
            "applied_on": "2_product_category",
            "categ_id": self.categ.id,
            "compute_price": "percentage",
            "percent_price": 3.0,
        }
        product_rule = {
            "applied_on": "1_product",
            "product_tmpl_id": template.id,
            "compute_price": "percentage",
            "percent_price": 10.0,
        }
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Wholesalers",
                "item_ids": [(0, 0, categ_rule), (0, 0, product_rule)],
            }
        )
        group = self.env["prestashop.customer.group"].create(
            {"backend_id": self.backend.id, "odoo_id": pricelist.id}
        )
        self.sandbox.clear_log()
        groups_before = len(self.sandbox.store.search("groups"))
        job = self.run_pending_jobs()
        self.assertEqual(job.mapped("state"), ["failed"])
        self.assertIn("no customer group named 'Wholesalers'", job.exc_info)
        self.assertIn("Create on PrestaShop", job.exc_info)
        self.assertFalse(self.sent("POST"))
        self.assertEqual(len(self.sandbox.store.search("groups")), groups_before)
        # the merchant asks for it: created, and told what to grant
        group.create_on_shop = True
        job.requeue()
        job = self.run_pending_jobs()
        self.assertEqual(job.mapped("state"), ["done"], job.exc_info)
        self.assertTrue(group.prestashop_id)
        self.assertEqual(
            self.sandbox.store.get("groups", group.prestashop_id)["name"][1],
            "Wholesalers",
        )
        self.assertIn("Payment > Preferences", group.ps_setup_note)
        # the job result counts the rule it skipped (on a category)
        self.assertIn("1 specific prices; 1 pricelist rules skipped", job.result)
        self.assertIn("Payment > Preferences", job.result)

    def test_pricelist_takes_the_imported_group(self):
        """The metadata synchronisation imported the shop's groups (no
        pricelist): a pricelist naming one takes its binding's place, with
        the price side the shop gives it; a second pricelist for the same
        group says what to fix."""
        self.backend._prestashop_read_groups()
        Group = self.env["prestashop.customer.group"]
        imported = Group.search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 4)]
        )
        self.assertTrue(imported)
        self.assertFalse(imported.odoo_id)
        self.assertFalse(imported.ps_tax_included)  # shown tax excluded
        pricelist = self.env["product.pricelist"].create({"name": "Pros"})
        group = Group.create(
            {
                "backend_id": self.backend.id,
                "odoo_id": pricelist.id,
                "name": "professionals",
            }
        )
        group.ps_tax_included = True  # the default, before the export
        jobs = self.run_pending_jobs()
        self.assertEqual(jobs.mapped("state"), ["done"], jobs.mapped("exc_info"))
        self.assertFalse(imported.exists())
        self.assertEqual(group.prestashop_id, 4)
        self.assertFalse(group.ps_tax_included)
        self.assertFalse(self.sent("POST", "groups"))
        # an order of a professional is read tax excluded through it
        self.assertFalse(self.backend._prestashop_group_tax_included(4))
        # a second pricelist for the same group: what to fix, nothing sent
        other = self.env["product.pricelist"].create({"name": "Pros bis"})
        Group.create(
            {
                "backend_id": self.backend.id,
                "odoo_id": other.id,
                "name": "Professionals",
            }
        )
        jobs = self.run_pending_jobs()
        self.assertEqual(jobs.mapped("state"), ["failed"])
        self.assertIn("priced by the pricelist Pros already", jobs.exc_info)
        self.assertEqual(group.prestashop_id, 4)
