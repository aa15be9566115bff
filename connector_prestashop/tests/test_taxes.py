# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""PrestaShop taxes mapped to Odoo taxes by rate AND country, per price mode.

The demo shop has one French tax per rate, used by the rules of every EU
country of its groups (French VAT charged abroad, below the distance-selling
threshold).  Each test adds the taxes PrestaShop creates per country for
Austria, the United Kingdom and Monaco ("USt. AT 20%"...) and makes the 20 %
group use them for those countries, as a shop registered for OSS does."""

from collections import Counter

from odoo import Command
from odoo.tests import tagged

from .common import PrestashopTestCase

AT, GB, MC, CH = "AT", "GB", "MC", "CH"


@tagged("post_install", "-at_install")
class TestTaxes(PrestashopTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.taxes = cls.create_fr_taxes(rates=(20.0, 10.0, 5.5, 2.1), included=True)
        cls.fr_tax = {t.amount: t for t in cls.taxes if not t.price_include}
        cls.fr_tax_inc = {t.amount: t for t in cls.taxes if t.price_include}

    def setUp(self):
        super().setUp()
        store = self.sandbox.store
        ps_country = {c["iso_code"]: c["id"] for c in store.search("countries")}
        for iso, en in ((AT, "Austria"), (MC, "Monaco")):
            ps_country[iso] = store.create(
                "countries",
                {
                    "id_zone": 1,
                    "iso_code": iso,
                    "active": 1,
                    "call_prefix": 43,
                    "name": {1: en, 2: en},
                },
            )
        self.ps_country = ps_country
        # the tax rule group the French 20 % tax is used by
        group_20 = int(
            store.search("tax_rules", id_tax=self.ps_fr_20(), id_country=8)[0][
                "id_tax_rules_group"
            ]
        )
        self.ps_tax = {}
        for iso, name in (
            (AT, "USt. AT 20%"),
            (GB, "VAT UK 20%"),
            (MC, "TVA MC 20%"),
        ):
            self.ps_tax[iso] = store.create(
                "taxes",
                {"rate": 20.0, "active": 1, "deleted": 0, "name": {1: name, 2: name}},
            )
            self.add_rule(group_20, ps_country[iso], self.ps_tax[iso])
        # one tax for two countries that are not France
        self.ps_tax["GB+CH"] = store.create(
            "taxes",
            {"rate": 8.1, "active": 1, "deleted": 0, "name": {1: "VAT 8.1%"}},
        )
        group = store.create(
            "tax_rule_groups", {"name": "Non-EU 8.1%", "active": 1, "deleted": 0}
        )
        for iso in (GB, CH):
            self.add_rule(group, ps_country[iso], self.ps_tax["GB+CH"])

    # -- helpers ---------------------------------------------------------------
    def ps_fr_20(self):
        """Id of the demo's French 20 % tax."""
        return next(
            t["id"]
            for t in self.sandbox.store.search("taxes")
            if float(t["rate"]) == 20.0
        )

    def add_rule(self, group, id_country, id_tax):
        self.sandbox.store.create(
            "tax_rules",
            {
                "id_tax_rules_group": group,
                "id_country": id_country,
                "id_state": 0,
                "zipcode_from": "0",
                "zipcode_to": "0",
                "id_tax": id_tax,
                "behavior": 0,
                "description": "",
            },
        )

    def sync(self):
        self.backend.synchronize_metadata()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))

    def binding(self, key):
        ps_id = self.ps_tax[key] if isinstance(key, str) else key
        return self.backend.tax_ids.filtered(lambda b: b.prestashop_id == int(ps_id))

    def fr_binding(self, rate):
        fr_ids = {
            int(t["id"])
            for t in self.sandbox.store.search("taxes")
            if t["id"] not in self.ps_tax.values()
        }
        return self.backend.tax_ids.filtered(
            lambda b: b.prestashop_id in fr_ids and b.rate == rate
        )

    def at_tax_group(self):
        return self.env["account.tax.group"].create(
            {
                "name": "USt.",
                "country_id": self.env.ref("base.at").id,
                "company_id": self.company.id,
            }
        )

    # -- tests -------------------------------------------------------------------
    def test_foreign_taxes_stay_unmapped_with_a_note(self):
        """No Odoo tax of Austria, the UK or Monaco: their 20 % stay unmapped
        (never the French 20 %) and say which country lacks a tax; the
        French 20 % maps to the French taxes, one per price mode."""
        self.sync()
        for iso, name in (
            (AT, "Austria (AT)"),
            (GB, "United Kingdom (GB)"),
            (MC, "Monaco (MC)"),
        ):
            binding = self.binding(iso)
            self.assertEqual(binding.country_ids.code, iso)
            self.assertFalse(binding.odoo_id, iso)
            self.assertFalse(binding.odoo_price_include_id, iso)
            self.assertIn(f"No Odoo sale tax of 20 % for {name}.", binding.mapping_note)
            self.assertIn("l10n_eu_oss", binding.mapping_note)
            self.assertFalse(binding._odoo_tax(True))
            self.assertFalse(binding._odoo_tax(False))
        self.assertIn("USt. AT 20%", self.backend.unmapped_summary)
        # used by the UK and Switzerland: no single Odoo tax can fit
        binding = self.binding("GB+CH")
        self.assertFalse(binding.odoo_id)
        self.assertIn("several countries (CH, GB)", binding.mapping_note)
        # French 20 % (also used for the other EU countries): French taxes
        fr20 = self.fr_binding(20.0)
        self.assertIn(self.env.ref("base.fr"), fr20.country_ids)
        self.assertIn(self.env.ref("base.be"), fr20.country_ids)
        self.assertEqual(fr20.odoo_id, self.fr_tax[20.0])
        self.assertEqual(fr20.odoo_price_include_id, self.fr_tax_inc[20.0])
        self.assertEqual(fr20._odoo_tax(False).name, "TVA 20.0%")
        self.assertEqual(fr20._odoo_tax(True).name, "TVA 20.0% TTC")
        self.assertFalse(fr20.mapping_note)
        # the 20 % group still maps to the French tax (its FR rule)
        group = self.backend.tax_rule_group_ids.filtered(
            lambda g: "AT: 20.0%" in (g.rule_summary or "")
        )
        self.assertEqual(group.odoo_id, self.fr_tax[20.0])
        # countries come from the rules read once: no request per tax
        gets = Counter(r.path for r in self.sent("GET"))
        for resource in ("taxes", "tax_rule_groups", "tax_rules"):
            self.assertEqual(gets[resource], 1, resource)
        self.assertFalse([p for p in gets if p.startswith("tax") and "/" in p])

    def test_tax_of_that_country(self):
        """An Odoo sale tax of Austria (foreign VAT): the Austrian 20 % maps
        to it; its tax-included variant is missing and said so."""
        at_tax = self.env["account.tax"].create(
            {
                "name": "20% AT",
                "amount": 20.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "country_id": self.env.ref("base.at").id,
                "company_id": self.company.id,
                "tax_group_id": self.at_tax_group().id,
            }
        )
        self.sync()
        binding = self.binding(AT)
        self.assertEqual(binding.odoo_id, at_tax)
        self.assertFalse(binding.odoo_price_include_id)
        self.assertEqual(
            binding.mapping_note.split(". ")[0],
            "No Odoo sale tax of 20 % tax included for Austria (AT)",
        )
        # Monaco still has none; France keeps its own
        self.assertFalse(self.binding(MC).odoo_id)
        self.assertEqual(self.fr_binding(20.0).odoo_id, self.fr_tax[20.0])

    def test_oss_fiscal_position(self):
        """As l10n_eu_oss makes it: an OSS tax with the company's country,
        pointed to by the fiscal position of the destination (Austria)."""
        oss_group = self.env["account.tax.group"].create(
            {
                "name": "OSS 20%",
                "country_id": self.env.ref("base.fr").id,
                "company_id": self.company.id,
            }
        )
        oss_tax = self.env["account.tax"].create(
            {
                "name": "20.0% AT VAT",
                "amount": 20.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "country_id": self.env.ref("base.fr").id,
                "company_id": self.company.id,
                "tax_group_id": oss_group.id,
                "sequence": 1000,
            }
        )
        self.env["account.fiscal.position"].create(
            {
                "name": "OSS B2C Austria",
                "country_id": self.env.ref("base.at").id,
                "company_id": self.company.id,
                "auto_apply": True,
                "tax_ids": [
                    Command.create(
                        {"tax_src_id": self.fr_tax[20.0].id, "tax_dest_id": oss_tax.id}
                    )
                ],
            }
        )
        self.sync()
        self.assertEqual(self.binding(AT).odoo_id, oss_tax)
        # the OSS tax has the French country: never a French tax for France
        fr20 = self.fr_binding(20.0)
        self.assertEqual(fr20.odoo_id, self.fr_tax[20.0])
        self.assertFalse(fr20.mapping_note)
        # no fiscal position for Monaco: still unmapped
        self.assertFalse(self.binding(MC).odoo_id)
        self.assertIn("Monaco (MC)", self.binding(MC).mapping_note)

    def test_archived_tax_is_named_then_matched_once_active(self):
        self.fr_tax[10.0].active = False
        self.sync()
        fr10 = self.fr_binding(10.0)
        self.assertFalse(fr10.odoo_id)
        self.assertEqual(fr10.odoo_price_include_id, self.fr_tax_inc[10.0])
        self.assertIn("10 %: an archived tax 'TVA 10.0%' exists", fr10.mapping_note)
        self.assertIn(fr10.name, self.backend.unmapped_summary)
        # a mapping made by hand stays; the archived one, once active, is found
        manual = self.fr_tax[20.0]
        self.binding(AT).odoo_id = manual
        self.fr_tax[10.0].active = True
        self.sync()
        self.assertEqual(fr10.odoo_id, self.fr_tax[10.0])
        self.assertFalse(fr10.mapping_note)
        self.assertEqual(self.binding(AT).odoo_id, manual)
        self.assertIn("tax included for Austria (AT)", self.binding(AT).mapping_note)

    def test_one_tax_imported_alone_reads_its_rules(self):
        """A tax imported on its own (not from the metadata batch) reads the
        rules using it in one request to know its countries."""
        self.env["prestashop.res.country"].import_batch(self.backend)
        self.sandbox.clear_log()
        self.env["prestashop.account.tax"].import_record(self.backend, self.ps_tax[AT])
        self.assertEqual(self.binding(AT).country_ids, self.env.ref("base.at"))
        self.assertFalse(self.binding(AT).odoo_id)
        rules = self.sent("GET", "tax_rules")
        self.assertEqual(len(rules), 1)
        self.assertEqual(rules[0].query.get("filter[id_tax]"), f"[{self.ps_tax[AT]}]")
        self.assertEqual(len(self.sandbox.requests), 2)
