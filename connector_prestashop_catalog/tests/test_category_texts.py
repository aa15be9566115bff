# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Category texts: Odoo's category name is not translatable, so the export
never spreads it over the shop's translations and URL names (en=1, fr=2, the
backend's default language English)."""

import json

from lxml import etree

from odoo.tests import tagged

from .common import CatalogTestCase

WRITES = ("POST", "PUT", "PATCH", "DELETE")


def body_fields(body):
    """``{field: value}`` of a webservice write body (XML or JSON); a
    multilanguage field is ``{language id: text}``."""
    if body.lstrip().startswith("{"):
        node = next(iter(json.loads(body).values()))
        return {
            key: (
                {int(v["id"]): v["value"] for v in value}
                if isinstance(value, list)
                else value
            )
            for key, value in node.items()
        }
    node = etree.fromstring(body.encode())[0]
    values = {}
    for child in node:
        langs = child.findall("language")
        values[child.tag] = (
            {int(lang.get("id")): lang.text or "" for lang in langs}
            if langs
            else child.text
        )
    return values


@tagged("post_install", "-at_install")
class TestCategoryTexts(CatalogTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Category = cls.env["product.category"]

    def _writes(self):
        return [(r.method, r.path) for r in self.sandbox.requests if r.method in WRITES]

    def _body(self, method, path):
        bodies = [r.body for r in self.sent(method, path)]
        self.assertEqual(len(bodies), 1, self._writes())
        return body_fields(bodies[0])

    def _ps_id(self, categ):
        return categ.prestashop_bind_ids.filtered(
            lambda b: b.backend_id == self.backend
        ).prestashop_id

    def _shop(self, ps_id):
        category = self.sandbox.store.get("categories", ps_id)
        return (
            {int(k): v for k, v in category["name"].items()},
            {int(k): v for k, v in category["link_rewrite"].items()},
        )

    def _rename(self, categ, name):
        self.sandbox.clear_log()
        categ.name = name
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))

    def test_created_then_renamed(self):
        """Created: Odoo's name in every language, URL names made from it
        (transliterated).  Renamed: the name in the default language only,
        the URL names kept unless Odoo owns SEO texts; a move still sends
        the new parent."""
        teas = self.Category.create(
            {"name": "Thés et cafés", "parent_id": self.categ_parent.id}
        )
        self.sandbox.clear_log()
        self.publish(self.make_template("TEA", variants=False, categ_id=teas.id))
        ps_id = self._ps_id(teas)
        posted = [
            body_fields(r.body)
            for r in self.sent("POST", "categories")
            if body_fields(r.body)["name"][1] == "Thés et cafés"
        ]
        self.assertEqual(len(posted), 1, self._writes())
        self.assertEqual(posted[0]["name"], {1: "Thés et cafés", 2: "Thés et cafés"})
        self.assertEqual(
            posted[0]["link_rewrite"], {1: "thes-et-cafes", 2: "thes-et-cafes"}
        )
        self.assertEqual(
            self._shop(ps_id),
            (
                {1: "Thés et cafés", 2: "Thés et cafés"},
                {1: "thes-et-cafes", 2: "thes-et-cafes"},
            ),
        )
        # the merchant translates it on the shop; Odoo renames it
        self.sandbox.store.update(
            "categories",
            ps_id,
            {"name": {2: "Thés et cafés fins"}, "link_rewrite": {2: "thes-fins"}},
        )
        self._rename(teas, "Teas and coffees")
        self.assertEqual(self._writes(), [("PATCH", f"categories/{ps_id}")])
        body = self._body("PATCH", f"categories/{ps_id}")
        self.assertEqual(body["name"], {1: "Teas and coffees"})
        self.assertNotIn("link_rewrite", body)
        self.assertEqual(
            self._shop(ps_id),
            (
                {1: "Teas and coffees", 2: "Thés et cafés fins"},
                {1: "thes-et-cafes", 2: "thes-fins"},
            ),
        )
        # Odoo owns SEO texts: the URL name follows, in the default language
        self.backend.ps_odoo_owns_seo = True
        self._rename(teas, "Fine teas")
        body = self._body("PATCH", f"categories/{ps_id}")
        self.assertEqual(body["name"], {1: "Fine teas"})
        self.assertEqual(body["link_rewrite"], {1: "fine-teas"})
        self.assertEqual(
            self._shop(ps_id),
            (
                {1: "Fine teas", 2: "Thés et cafés fins"},
                {1: "fine-teas", 2: "thes-fins"},
            ),
        )
        # a move still goes, texts untouched
        self.sandbox.clear_log()
        teas.parent_id = False
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        body = self._body("PATCH", f"categories/{ps_id}")
        self.assertEqual(set(body) - {"id"}, {"id_parent"})
        self.assertEqual(
            int(self.sandbox.store.get("categories", ps_id)["id_parent"]),
            self.backend.ps_home_category_id,
        )
        self.assertEqual(
            self._shop(ps_id)[0], {1: "Fine teas", 2: "Thés et cafés fins"}
        )

    def test_existing_shop_category_keeps_its_texts(self):
        """An Odoo category with the name of a shop category under the same
        parent is bound to it, nothing written; a later rename sends the
        default language's name only."""
        decoration = self.Category.create({"name": "decoration "})
        before = self._shop(5)
        self.assertEqual(before[0], {1: "Decoration", 2: "Décoration"})
        self.sandbox.clear_log()
        self.publish(self.make_template("DECO", variants=False, categ_id=decoration.id))
        self.assertEqual(self._ps_id(decoration), 5)
        self.assertFalse([w for w in self._writes() if w[1].startswith("categories")])
        self.assertEqual(self._shop(5), before)
        self._rename(decoration, "Home decoration")
        self.assertEqual(self._writes(), [("PATCH", "categories/5")])
        body = self._body("PATCH", "categories/5")
        self.assertEqual(body["name"], {1: "Home decoration"})
        self.assertNotIn("link_rewrite", body)
        self.assertEqual(
            self._shop(5), ({1: "Home decoration", 2: "Décoration"}, before[1])
        )

    def test_imported_category_renamed(self):
        """An imported category (Sheets / Draps) used by a published product
        is not written; renamed in Odoo, its French name and URL names
        stay."""
        self.backend.action_import_products()
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        sheets = (
            self.env["prestashop.product.category"]
            .search([("backend_id", "=", self.backend.id), ("prestashop_id", "=", 4)])
            .odoo_id
        )
        self.assertEqual(sheets.name, "Sheets")
        before = self._shop(4)
        self.assertEqual(before, ({1: "Sheets", 2: "Draps"}, {1: "sheets", 2: "draps"}))
        self.sandbox.clear_log()
        self.publish(
            self.make_template(
                "PILLOW", variants=False, name="Pillow", categ_id=sheets.id
            )
        )
        self.assertFalse([w for w in self._writes() if w[1].startswith("categories")])
        self._rename(sheets, "Bed sheets")
        self.assertEqual(self._writes(), [("PATCH", "categories/4")])
        body = self._body("PATCH", "categories/4")
        self.assertEqual(body["name"], {1: "Bed sheets"})
        self.assertNotIn("link_rewrite", body)
        self.assertEqual(
            self._shop(4), ({1: "Bed sheets", 2: "Draps"}, {1: "sheets", 2: "draps"})
        )

    def test_same_name_twice_under_one_parent(self):
        """ "Gifts" and "GIFTS" under one parent: the second is not bound to
        the shop category of the first (a new one is created), no job
        fails."""
        gifts = self.Category.create({"name": "Gifts"})
        gifts_upper = self.Category.create({"name": "GIFTS"})
        self.publish(self.make_template("GIFT0", variants=False, categ_id=gifts.id))
        self.sandbox.clear_log()
        self.publish(
            self.make_template(
                "GIFT1",
                variants=False,
                categ_id=gifts_upper.id,
                barcode="3760000000024",
            )
        )
        first, second = self._ps_id(gifts), self._ps_id(gifts_upper)
        self.assertTrue(first and second)
        self.assertNotEqual(first, second)
        self.assertEqual(len(self.sent("POST", "categories")), 1, self._writes())
        self.assertEqual(self._shop(first)[0], {1: "Gifts", 2: "Gifts"})
        self.assertEqual(self._shop(second)[0], {1: "GIFTS", 2: "GIFTS"})
        self.assertEqual(
            int(self.sandbox.store.get("categories", second)["id_parent"]), 2
        )
