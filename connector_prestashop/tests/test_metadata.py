# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter

from odoo.tests import tagged

from .common import PrestashopTestCase


@tagged("post_install", "-at_install")
class TestMetadata(PrestashopTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.taxes = cls.create_fr_taxes(rates=(20.0, 10.0, 5.5))  # no 2.1 %
        cls.env.ref("base.lang_fr").active = True

    def _sync(self):
        self.backend.synchronize_metadata()
        jobs = self.run_pending_jobs()
        self.assertTrue(jobs)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        return jobs

    def test_metadata_through_jobs(self):
        jobs = self._sync()
        self.assertEqual(set(jobs.mapped("channel")), {"root.prestashop.import"})
        ps = self.sandbox.store
        # languages: en-us -> en_US, fr-fr -> fr_FR
        langs = {b.language_code: b.odoo_id.code for b in self.backend.lang_ids}
        self.assertEqual(langs.get("fr-fr") or langs.get("fr-FR"), "fr_FR")
        self.assertEqual(len(self.backend.lang_ids), len(ps.search("languages")))
        # the euro and the Swiss franc (the demo's order 11)
        self.assertEqual(
            self.backend.currency_ids.odoo_id,
            self.env.ref("base.EUR") | self.env.ref("base.CHF"),
        )
        fr = self.env["prestashop.res.country"].search(
            [("backend_id", "=", self.backend.id), ("iso_code", "=", "FR")]
        )
        self.assertEqual(fr.odoo_id, self.env.ref("base.fr"))
        # taxes matched by rate; 2.1 % has no Odoo tax: shown, not guessed
        by_rate = {b.rate: b for b in self.backend.tax_ids if not b.deleted}
        self.assertEqual(by_rate[20.0].odoo_id.amount, 20.0)
        self.assertEqual(by_rate[5.5].odoo_id.amount, 5.5)
        self.assertFalse(by_rate[2.1].odoo_id)
        self.assertIn("2.1", by_rate[2.1].mapping_note)
        self.assertIn("2.1", self.backend.unmapped_summary)
        # tax rule groups -> the tax their FR rule gives
        groups = self.backend.tax_rule_group_ids.filtered(
            lambda g: g.odoo_id and not g.deleted
        )
        self.assertTrue(groups)
        for group in groups:
            self.assertIn("FR", group.rule_summary)
        # carriers: copies sharing id_reference -> one Odoo carrier
        refs = Counter(self.backend.carrier_ids.mapped("id_reference"))
        shared = [ref for ref, n in refs.items() if n > 1]
        self.assertTrue(shared, "the demo shop has an edited (copied) carrier")
        copies = self.backend.carrier_ids.filtered(
            lambda c: c.id_reference == shared[0]
        )
        self.assertEqual(len(copies.odoo_id), 1)
        # order states: paid ones are importable
        paid = self.backend.order_state_ids.filtered("paid")
        self.assertTrue(paid)
        self.assertEqual(self.backend.order_state_ids.filtered("import_order"), paid)
        # customer groups: bindings, with the side their prices are shown on
        groups = {g.prestashop_id: g for g in self.backend.customer_group_ids}
        self.assertEqual(set(groups), {g["id"] for g in ps.search("groups")})
        for group_id, group in groups.items():
            shop = ps.get("groups", group_id)
            self.assertIn(group.name, shop["name"].values())
            self.assertEqual(
                group.ps_tax_included, not int(shop["price_display_method"])
            )
        self.assertFalse(groups[4].ps_tax_included)  # Professionals
        self.assertTrue(groups[3].ps_tax_included)  # Customer
        self.assertEqual(
            self.backend._prestashop_group_names(),
            {gid: g.name for gid, g in groups.items()},
        )
        # payment modules seen on orders
        self.assertTrue(self.backend.payment_method_ids)
        self.assertEqual(len(self.backend.shop_ids), len(ps.search("shops")))
        # one list request per resource, never one request per record
        gets = Counter(r.path for r in self.sent("GET"))
        for resource in (
            "languages",
            "currencies",
            "countries",
            "taxes",
            "carriers",
            "order_states",
            "tax_rule_groups",
            "tax_rules",
            "groups",
        ):
            self.assertEqual(gets[resource], 1, resource)
        self.assertFalse([p for p in gets if "/" in p], gets)

    def test_resync_is_idempotent_and_keeps_manual_mapping(self):
        self._sync()
        counts = {
            f: len(self.backend[f])
            for f in (
                "lang_ids",
                "tax_ids",
                "carrier_ids",
                "order_state_ids",
                "customer_group_ids",
            )
        }
        carriers = self.env["delivery.carrier"].search_count([])
        state = self.backend.order_state_ids.filtered("paid")[:1]
        state.import_order = False
        tax = self.backend.tax_ids.filtered(lambda t: t.rate == 2.1)[:1]
        tax.odoo_id = self.taxes[0]
        self._sync()
        for field, count in counts.items():
            self.assertEqual(len(self.backend[field]), count, field)
        self.assertEqual(self.env["delivery.carrier"].search_count([]), carriers)
        self.assertFalse(state.import_order)
        self.assertEqual(tax.odoo_id, self.taxes[0])

    def test_existing_carrier_matched_by_name(self):
        carrier_name = self.sandbox.store.search("carriers", deleted="0")[0]["name"]
        product = self.env["product.product"].create(
            {"name": "Ship", "type": "service"}
        )
        existing = self.env["delivery.carrier"].create(
            {"name": carrier_name, "product_id": product.id}
        )
        self._sync()
        binding = self.backend.carrier_ids.filtered(lambda c: c.name == carrier_name)
        self.assertEqual(binding.odoo_id, existing)
