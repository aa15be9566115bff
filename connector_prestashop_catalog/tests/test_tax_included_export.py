# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Products sold tax included (the French "20% G INC", B2C): the tax rule
group is found through its tax-included Odoo tax, mapped by a real metadata
synchronisation, and the price PrestaShop shows with taxes is Odoo's list
price to the cent, for the product and its combinations."""

from decimal import ROUND_HALF_UP, Decimal

from odoo.tests import tagged

from .common import CatalogTestCase


def ps_round(amount):
    """PrestaShop's ``Tools::ps_round(amount, 2)`` (half up, the default
    ``PS_PRICE_ROUND_MODE``)."""
    return float(Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP))


@tagged("post_install", "-at_install")
class TestTaxIncludedExport(CatalogTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tax10 = cls.taxes.filtered(lambda t: t.amount == 10.0)
        cls.tax10_incl = cls.tax20_incl.copy({"name": "TVA 10% TTC", "amount": 10.0})
        # the groups are made by the metadata synchronisation (setUp), not
        # by hand as CatalogTestCase does
        cls.backend.tax_rule_group_ids.unlink()

    def setUp(self):
        super().setUp()
        self.backend.synchronize_metadata()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))

    # -- helpers ---------------------------------------------------------------
    def group(self, rate):
        """The group of the demo shop's French tax of ``rate``."""
        return self.backend.tax_rule_group_ids.filtered(
            lambda g: g.rule_summary and f"FR: {rate}%" in g.rule_summary
        )

    def shop_rate(self, group_id):
        """Rate (%) of the group's French rule, read from the shop."""
        fr = self.env["prestashop.res.country"].search(
            [("backend_id", "=", self.backend.id), ("iso_code", "=", "FR")]
        )
        with self.backend.work_on("prestashop.tax.rule.group") as work:
            rules = work.component(usage="backend.adapter").read_rules([group_id])
        rule = next(r for r in rules if int(r["id_country"]) == fr.prestashop_id)
        with self.backend.work_on("prestashop.account.tax") as work:
            tax = work.component(usage="backend.adapter").read(int(rule["id_tax"]))
        return float(tax["rate"])

    def read_product(self, ps_id):
        with self.backend.work_on("prestashop.product.template") as work:
            return work.component(usage="backend.adapter").read(ps_id)

    def read_combinations(self, ps_id):
        with self.backend.work_on("prestashop.product.combination") as work:
            return work.component(usage="backend.adapter").search_read(
                {"filter[id_product]": f"[{ps_id}]"}
            )

    def export_single(self, price, tax):
        template = self.make_template(
            ref=f"P{price}-{tax.id}",
            variants=False,
            list_price=price,
            taxes_id=[(6, 0, tax.ids)],
            image_1920=False,
            barcode=False,
        )
        return template, self.publish(template)

    # -- tests -------------------------------------------------------------------
    def test_metadata_sync_maps_both_taxes_of_a_group(self):
        """The French rule's tax gives the group its Odoo taxes, excluded and
        included; a mapping made by hand is kept by the next sync; the
        backend's list shows both."""
        g20, g10 = self.group(20.0), self.group(10.0)
        self.assertEqual(len(g20), 1)
        self.assertEqual(len(g10), 1)
        self.assertEqual(g20.odoo_id, self.tax20)
        self.assertEqual(g20.odoo_price_include_id, self.tax20_incl)
        self.assertEqual(g10.odoo_id, self.tax10)
        self.assertEqual(g10.odoo_price_include_id, self.tax10_incl)
        # no tax-included Odoo tax of 5.5 %: nothing guessed
        g55 = self.group(5.5)
        self.assertTrue(g55)
        self.assertFalse(g55.odoo_price_include_id)
        # hand-made mappings survive a sync; a missing one is filled
        other = self.tax20_incl.copy({"name": "TVA 20% TTC bis"})
        g20.odoo_price_include_id = other
        g10.odoo_price_include_id = False
        self.backend.synchronize_metadata()
        self.run_pending_jobs()
        self.assertEqual(g20.odoo_price_include_id, other)
        self.assertEqual(g20.odoo_id, self.tax20)
        self.assertEqual(g10.odoo_price_include_id, self.tax10_incl)
        # next to odoo_id in the backend's tax rule group list
        arch = self.env["prestashop.backend"].get_view(
            self.env.ref("connector_prestashop.view_prestashop_backend_form").id
        )["arch"]
        self.assertRegex(
            arch,
            r'(?s)name="tax_rule_group_ids".*?name="odoo_id"[^>]*/>\s*'
            r'<field name="odoo_price_include_id"',
        )

    def test_tax_included_prices_to_the_cent(self):
        """Sent tax excluded; PrestaShop's price x (1 + rate), rounded to the
        cent, is Odoo's tax-included list price, for awkward prices and both
        rates (0.03, 1000.05 at 20 %, 0.05, 1000.06 at 10 % come back wrong
        from a tax-excluded price rounded to the cent: 6 decimals are
        sent)."""
        cases = [
            (29.90, self.tax20_incl),
            (19.99, self.tax20_incl),
            (0.99, self.tax20_incl),
            (1234.56, self.tax20_incl),
            (0.01, self.tax20_incl),
            (0.03, self.tax20_incl),
            (1000.05, self.tax20_incl),
            (29.90, self.tax10_incl),
            (19.99, self.tax10_incl),
            (0.99, self.tax10_incl),
            (1234.56, self.tax10_incl),
            (0.05, self.tax10_incl),
            (1000.06, self.tax10_incl),
        ]
        for price, tax in cases:
            with self.subTest(price=price, tax=tax.name):
                template, binding = self.export_single(price, tax)
                product = self.read_product(binding.prestashop_id)
                group = int(product["id_tax_rules_group"])
                self.assertEqual(group, self.group(tax.amount).prestashop_id)
                rate = self.shop_rate(group)
                self.assertEqual(rate, tax.amount)
                shown = ps_round(float(product["price"]) * (1 + rate / 100))
                self.assertEqual(shown, price)
                self.assertNotEqual(float(product["price"]), price)
                # and as the shop computes it itself
                self.assertEqual(self.ps_price_with_tax(binding.prestashop_id), price)

    def test_combination_impacts_to_the_cent(self):
        """Each combination's price with taxes (product price + impact, x
        (1 + rate)) is its variant's Odoo price to the cent."""
        template = self.make_template(
            ref="TTCV",
            list_price=29.90,
            taxes_id=[(6, 0, self.tax20_incl.ids)],
            image_1920=False,
        )
        values = template.attribute_line_ids.product_template_value_ids
        values.filtered(lambda v: v.name == "Matte").price_extra = 0.03
        values.filtered(lambda v: v.name == "Glossy").price_extra = 1204.66
        binding = self.publish(template)
        product = self.read_product(binding.prestashop_id)
        rate = self.shop_rate(int(product["id_tax_rules_group"]))
        self.assertEqual(rate, 20.0)
        combinations = {
            c["reference"]: c for c in self.read_combinations(binding.prestashop_id)
        }
        self.assertEqual(set(combinations), {"TTCV-MATTE", "TTCV-GLOSSY"})
        for variant in template.product_variant_ids:
            combination = combinations[variant.default_code]
            shown = ps_round(
                (float(product["price"]) + float(combination["price"]))
                * (1 + rate / 100)
            )
            self.assertEqual(shown, round(variant.lst_price, 2), variant.default_code)
        self.assertEqual(
            sorted(round(v.lst_price, 2) for v in template.product_variant_ids),
            [29.93, 1234.56],
        )
        # the default combination (Matte), as the shop computes it
        self.assertEqual(self.ps_price_with_tax(binding.prestashop_id), 29.93)
        # an impact changed in Odoo: still to the cent
        values.filtered(lambda v: v.name == "Glossy").price_extra = 0.09
        self.run_pending_jobs()
        glossy = template.product_variant_ids.filtered(
            lambda v: v.default_code == "TTCV-GLOSSY"
        )
        combination = self.read_combinations(binding.prestashop_id)
        combination = next(c for c in combination if c["reference"] == "TTCV-GLOSSY")
        shown = ps_round((float(product["price"]) + float(combination["price"])) * 1.2)
        self.assertEqual(shown, round(glossy.lst_price, 2))
        self.assertEqual(shown, 29.99)

    def test_tax_excluded_product_still_works(self):
        """A product with the tax-excluded tax: its price sent as is, the
        same group, PrestaShop's price with tax is Odoo's computation."""
        for price, tax in ((19.99, self.tax20), (0.99, self.tax10)):
            with self.subTest(price=price, tax=tax.name):
                template, binding = self.export_single(price, tax)
                product = self.read_product(binding.prestashop_id)
                self.assertAlmostEqual(float(product["price"]), price, places=6)
                group = int(product["id_tax_rules_group"])
                self.assertEqual(group, self.group(tax.amount).prestashop_id)
                odoo = tax.compute_all(price)["total_included"]
                self.assertEqual(
                    self.ps_price_with_tax(binding.prestashop_id), round(odoo, 2)
                )

    def test_price_tax_excluded_is_odoos(self):
        """The tax-excluded price is Odoo's (``compute_all``): a group tax
        holding the included 20 % is taken out as the 20 % itself, a fixed
        included tax (an eco-tax) too; an excluded tax leaves the price."""
        Tax = self.env["account.tax"]
        group = Tax.create(
            {
                "name": "TVA 20% TTC (groupe)",
                "amount_type": "group",
                "type_tax_use": "sale",
                "children_tax_ids": [(6, 0, self.tax20_incl.ids)],
            }
        )
        eco = self.tax20_incl.copy(
            {
                "name": "Éco-participation 0,50 TTC",
                "amount_type": "fixed",
                "amount": 0.5,
            }
        )
        with self.backend.work_on("prestashop.product.template") as work:
            mapper = work.component(usage="export.mapper")
            for amount, taxes, expected in (
                (12.0, self.tax20_incl, 10.0),
                (12.0, group, 10.0),
                (12.34, group, 10.283333),
                (12.5, eco, 12.0),
                (19.99, self.tax20, 19.99),
                (19.99, Tax, 19.99),
            ):
                with self.subTest(amount=amount, taxes=taxes.mapped("name")):
                    self.assertEqual(mapper.price_tax_excluded(amount, taxes), expected)

    def test_group_unknown_for_an_unmapped_included_tax(self):
        """An included tax mapped to no group (here 5.5 %, not in Odoo at
        the sync) says what to map, and nothing is created."""
        tax = self.tax20_incl.copy({"name": "TVA 5.5% TTC", "amount": 5.5})
        template = self.make_template(
            ref="NOGROUP", variants=False, taxes_id=[(6, 0, tax.ids)]
        )
        template.publish_on_prestashop(self.backend)
        jobs = self.run_pending_jobs()
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertTrue(failed)
        self.assertIn("TVA 5.5% TTC", failed.exc_message)
        self.assertFalse(self.sandbox.store.search("products", reference="NOGROUP"))
        # mapped by hand on the group: exported
        self.group(5.5).odoo_price_include_id = tax
        failed.requeue()
        self.run_pending_jobs()
        binding = template.prestashop_bind_ids
        self.assertTrue(binding.prestashop_id)
        self.assertEqual(self.ps_price_with_tax(binding.prestashop_id), 19.99)
