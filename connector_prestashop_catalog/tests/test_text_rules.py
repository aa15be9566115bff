# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Texts PrestaShop refuses (``components/text_rules.py``): a refused name,
description or reference fails the job before anything is sent, with a
message naming the Odoo field, the record, the language, the characters and
the limit; meta texts and URL names are cleaned instead; URL names are
transliterated as the shop language writes."""

from prestashop_sandbox import definitions, validate

from odoo.tests import tagged

from ..components import text_rules
from .common import CatalogTestCase

#: texts each validator is tried on, against the sandbox's port of it
SAMPLES = (
    "Filtre <Pro> 5µm ; lot #3",
    "a = b",
    "{x}",
    "lot #3",
    "plain text, 5µm",
    "REF-01/a",
    "<p>Nice</p><script>alert(1)</script>",
    "Set onclick= to start",
    '<a href="javascript:go()">x</a>',
    '<p onfoo="x">y</p>',
    "<iframe src=x>",
    "onpageshow=1",
    "left \u202e right",
    "12345678901234",
    "#FF00AA",
    "rgb(1,2,3)",
    "bad slug!",
    "ok-slug_2",
)


@tagged("post_install", "-at_install")
class TestTextRules(CatalogTestCase):
    def test_rules_are_the_shops(self):
        """The module's rules are those of the sandbox's PrestaShop
        definitions (validator and size of every field checked, both
        versions), and it refuses exactly what the sandbox's validators
        refuse (what a shop of that version answers error 84/85 to)."""
        for version in definitions.VERSIONS:
            shop = definitions.definitions(version)
            cfg = {"_version": version}
            for resource in text_rules.RULES:
                fields = {f.name: f for f in shop[resource].fields}
                for name, rule in text_rules.rules_for(resource, version).items():
                    field = fields[name]
                    self.assertEqual(
                        (rule.validator, rule.size),
                        (field.format, field.size),
                        f"{version} {resource}.{name}",
                    )
                    if not rule.validator:
                        continue
                    shop_check = validate.VALIDATORS[rule.validator]
                    for sample in SAMPLES:
                        if rule.size and len(sample) > rule.size:
                            continue
                        data, problems = text_rules.check(
                            resource, {name: sample}, version
                        )
                        where = f"{version} {resource}.{name}: {sample!r}"
                        if rule.clean:
                            # never a failure: a text the shop takes
                            self.assertFalse(problems, where)
                            self.assertTrue(shop_check(data[name], cfg), where)
                        else:
                            self.assertEqual(
                                bool(problems), not shop_check(sample, cfg), where
                            )

    def test_ukrainian_romanisation(self):
        """The 2010 national romanisation's own examples (Cabinet of
        Ministers resolution no. 55), word-initial forms and ``зг``
        included; other languages keep the library's transliteration."""
        examples = {
            "Згорани": "zghorany",
            "Розгон": "rozghon",
            "Харків": "kharkiv",
            "Щербухи": "shcherbukhy",
            "Гадяч": "hadiach",
            "Ґорґани": "gorgany",
            "Єнакієве": "yenakiieve",
            "Їжакевич": "yizhakevych",
            "Кадиївка": "kadyivka",
            "Йосипівка": "yosypivka",
            "Стрий": "stryi",
            "Юрій": "yurii",
            "Яготин": "yahotyn",
            "Знам'янка": "znamianka",
            "Маріуполь": "mariupol",
            "Житомир": "zhytomyr",
            "Вишиванка": "vyshyvanka",
        }
        for word, expected in examples.items():
            self.assertEqual(text_rules.url_name(word, "uk"), expected, word)
        self.assertEqual(text_rules.url_name("Вишиванка", "ru"), "vishivanka")
        self.assertEqual(text_rules.url_name("Filtre 5µm", "fr"), "filtre-5um")
        long_name = "word " * 40
        self.assertEqual(text_rules.url_name(long_name), "-".join(["word"] * 25))

    def _export(self, template):
        self.sandbox.clear_log()
        template.publish_on_prestashop(self.backend)
        return self.run_pending_jobs()

    def _failure(self, jobs):
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertEqual(len(failed), 1, jobs.mapped("exc_info"))
        return failed.exc_message

    def _writes(self):
        return [(r.method, r.path) for r in self.sandbox.requests if r.method != "GET"]

    def _read_back(self, binding):
        with self.backend.work_on("prestashop.product.template") as work:
            return work.component(usage="backend.adapter").read(binding.prestashop_id)

    def test_refused_name_fails_before_anything_is_sent(self):
        """``<``, ``>``, ``;`` and ``#`` are refused in a product name
        (``isCatalogName``): the job fails naming the field, the record, the
        language and the characters; no request writes anything, not even
        the product's category."""
        categories = len(self.sandbox.store.search("categories"))
        template = self.make_template(
            ref="FLT", variants=False, name="Filtre <Pro> 5µm ; lot #3"
        )
        message = self._failure(self._export(template))
        self.assertEqual(self._writes(), [])
        self.assertFalse(self.sandbox.store.search("products", reference="FLT"))
        self.assertEqual(len(self.sandbox.store.search("categories")), categories)
        self.assertIn('Product "[FLT] Filtre <Pro> 5µm ; lot #3"', message)
        self.assertIn("Name in English (US) contains < > ; #", message)
        self.assertIn("remove them", message)
        self.assertIn("requeue this job", message)
        # the French name is fine: not listed
        self.assertNotIn("French", message)
        # corrected as the message says, the requeued job exports it
        template.name = "Filtre Pro 5µm lot 3"
        failed = self.env["queue.job"].search([("state", "=", "failed")])
        failed.requeue()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        product = self.sandbox.store.search("products", reference="FLT")[0]
        self.assertEqual(product["link_rewrite"][1], "filtre-pro-5um-lot-3")

    def test_name_over_128_characters(self):
        name = "Extra long " * 12 + "mug with a handle"  # 149 characters
        self.assertGreater(len(name), 128)
        template = self.make_template(ref="LONG", variants=False, name=name)
        message = self._failure(self._export(template))
        self.assertFalse(self.sent("POST", "products"))
        self.assertEqual(self._writes(), [])
        self.assertIn(
            f"Name in English (US) has {len(name)} characters; PrestaShop takes "
            "at most 128",
            message,
        )

    def test_meta_texts_cleaned_and_url_name_transliterated(self):
        """Meta title and description are cleaned, not failed: ``<>={}``
        (``isGenericName``) become spaces (``#`` is allowed there and kept),
        the description is cut to 512 characters at a word boundary; the
        URL name reads ``5um`` for ``5µm``.  The shop accepts them."""
        template = self.make_template(
            ref="META",
            variants=False,
            name="Filter 5µm",
            prestashop_meta_title="Filter <Pro> #3 = {best}",
            prestashop_meta_description="word " * 120,
        )
        jobs = self._export(template)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        binding = template.prestashop_bind_ids
        record = self._read_back(binding)
        self.assertEqual(record["meta_title"][1], "Filter Pro #3 best")
        self.assertEqual(record["meta_description"][1], " ".join(["word"] * 102))
        self.assertEqual(record["link_rewrite"][1], "filter-5um")
        self.assertEqual(record["link_rewrite"][2], "tasse-a-cafe")
        self.assertEqual(record["name"][1], "Filter 5µm")
        # an update sends the same cleaned texts: nothing changed, no PATCH
        self.sandbox.clear_log()
        template.publish_on_prestashop(self.backend)
        self.run_pending_jobs()
        self.assertFalse(self.sent("PATCH"))

    def test_ukrainian_url_name(self):
        """A shop language whose iso code is ``uk``: the URL name follows the
        Ukrainian national romanisation (``Вишиванка``: ``vyshyvanka``, not
        the library's generic ``vishivanka``)."""
        uk_id = self.sandbox.store.create(
            "languages",
            {
                "name": "Українська (Ukrainian)",
                "iso_code": "uk",
                "locale": "uk-UA",
                "language_code": "uk-ua",
                "active": 1,
                "is_rtl": 0,
                "date_format_lite": "d.m.Y",
                "date_format_full": "d.m.Y H:i:s",
            },
        )
        uk = self.env.ref("base.lang_uk_UA")
        uk.active = True
        self.env["prestashop.res.lang"].create(
            {
                "backend_id": self.backend.id,
                "prestashop_id": uk_id,
                "name": "Українська",
                "language_code": "uk-ua",
                "ps_active": True,
                "odoo_id": uk.id,
            }
        )
        template = self.make_template(ref="VYSH", variants=False, name="Embroidered")
        template.with_context(lang="uk_UA").name = "Вишиванка"
        jobs = self._export(template)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        record = self._read_back(template.prestashop_bind_ids)
        self.assertEqual(record["name"][uk_id], "Вишиванка")
        self.assertEqual(record["link_rewrite"][uk_id], "vyshyvanka")
        self.assertEqual(record["link_rewrite"][1], "embroidered")

    def test_category_with_refused_name(self):
        """``;`` in a category name: the product's job fails naming the
        category; no category, no product is created."""
        self.categ.name = "Mugs; cups"
        categories = len(self.sandbox.store.search("categories"))
        template = self.make_template(ref="CAT", variants=False)
        message = self._failure(self._export(template))
        self.assertEqual(self._writes(), [])
        self.assertEqual(len(self.sandbox.store.search("categories")), categories)
        self.assertIn('Product Category "Odoo Goods / Mugs; cups"', message)
        self.assertIn("Name in English (US) contains ;", message)

    def test_option_value_with_refused_name(self):
        """``{}`` in an attribute value (``isGenericName``): the job fails
        naming the value; no value and no product is created."""
        matte = self.color.value_ids.filtered(lambda v: v.name == "Matte")
        matte.name = "Matte {v2}"
        values = len(self.sandbox.store.search("product_option_values"))
        template = self.make_template(ref="OPT")
        message = self._failure(self._export(template))
        self.assertFalse(self.sent("POST", "product_option_values"))
        self.assertFalse(self.sent("POST", "products"))
        self.assertEqual(
            len(self.sandbox.store.search("product_option_values")), values
        )
        self.assertIn('Attribute Value "Finish: Matte {v2}"', message)
        self.assertIn("Value in English (US) contains { }", message)

    def test_script_in_description_fails(self):
        """``<script`` in the description (``isCleanHtml``) fails the job.
        Odoo's HTML sanitizer removes scripts on write; a description stored
        otherwise (SQL, an unsanitized field of another module) keeps them,
        hence the direct write."""
        template = self.make_template(ref="SCR", variants=False)
        self.env.cr.execute(
            "UPDATE product_template SET description = %s WHERE id = %s",
            (
                '{"en_US": "<p>Nice</p><script>alert(1)</script>"}',
                template.id,
            ),
        )
        template.invalidate_recordset(["description"])
        message = self._failure(self._export(template))
        self.assertEqual(self._writes(), [])
        self.assertIn("Description in English (US) contains <script", message)
        self.assertIn("PrestaShop refuses scripts", message)

    def test_event_text_in_sales_description_fails(self):
        """Plain text PrestaShop's HTML filter takes for an event attribute
        (``onclick=``) in the sales description, sent as the short
        description: the job fails naming the sales description."""
        template = self.make_template(
            ref="EVT", variants=False, description_sale="Set onclick= to start"
        )
        message = self._failure(self._export(template))
        self.assertEqual(self._writes(), [])
        self.assertIn(
            "Sales Description in English (US) contains onclick=",
            message,
        )

    def test_variant_reference_too_long(self):
        """A variant reference over 64 characters (``Combination``): the job
        fails before the product is created, naming the variant."""
        template = self.make_template(ref="VAR")
        variant = template.product_variant_ids[0]
        variant.default_code = "R" * 70
        message = self._failure(self._export(template))
        self.assertEqual(self._writes(), [])
        self.assertIn("Product Variant", message)
        self.assertIn(
            "Internal Reference has 70 characters; PrestaShop takes at most 64",
            message,
        )
