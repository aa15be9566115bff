# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two companies, each with its backend: a user sees the bindings of their
companies' backends only (record rules on every binding model), and a
product the companies share, changed by a user of one of them, is still
exported to the other's shop."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.connector_prestashop.tests.common import TEST_KEY

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestMultiCompany(CatalogTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create(
            {
                "name": "Boutique B",
                "country_id": cls.env.ref("base.fr").id,
                "currency_id": cls.company.currency_id.id,
            }
        )
        cls.backend_b = cls.env["prestashop.backend"].create(
            {
                "name": "Shop of company B",
                "company_id": cls.company_b.id,
                "warehouse_id": cls.env["stock.warehouse"]
                .search([("company_id", "=", cls.company_b.id)], limit=1)
                .id,
                "location": cls.sandbox.url,
                "webservice_key": TEST_KEY,
                "version": cls.sandbox_version,
                "timeout": 2,
                "request_budget": 100000,
                "default_lang_id": cls.env.ref("base.lang_en").id,
                "catalog_export_delay": 10,
            }
        )
        # backend B configured as A is (its languages)
        for lang in cls.backend.lang_ids:
            lang.copy(
                {"backend_id": cls.backend_b.id, "prestashop_id": lang.prestashop_id}
            )
        cls.user_a = cls.env["res.users"].create(
            {
                "name": "Connector user of A",
                "login": "connector_user_a",
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
                "groups_id": [
                    (
                        6,
                        0,
                        [
                            cls.env.ref("base.group_user").id,
                            cls.env.ref("sales_team.group_sale_manager").id,
                            cls.env.ref("connector.group_connector_manager").id,
                        ],
                    )
                ],
            }
        )

    def _bindings_of(self, user, model, companies=None):
        env = self.env(user=user)
        if companies:
            env = env(context=dict(env.context, allowed_company_ids=companies.ids))
        return env[model].search([("backend_id", "in", self.backends.ids)])

    @property
    def backends(self):
        return self.backend | self.backend_b

    def test_bindings_seen_in_their_backends_company_only(self):
        template = self.make_template(ref="MC", variants=False, company_id=False)
        for backend, prestashop_id in ((self.backend, 901), (self.backend_b, 902)):
            self.env["prestashop.product.template"].with_context(
                connector_no_export=True
            ).create(
                {
                    "backend_id": backend.id,
                    "odoo_id": template.id,
                    "prestashop_id": prestashop_id,
                }
            )
        for model in (
            "prestashop.res.lang",
            "prestashop.product.template",
        ):
            with self.subTest(model=model):
                mine = self._bindings_of(self.user_a, model)
                self.assertTrue(mine)
                self.assertEqual(mine.backend_id, self.backend)
                theirs = self.env[model].search(
                    [("backend_id", "=", self.backend_b.id)]
                )
                self.assertTrue(theirs)
                with self.assertRaises(AccessError):
                    theirs.with_user(self.user_a).read(["prestashop_id"])
        # a user of both companies, both selected, sees both
        self.user_a.company_ids = self.company | self.company_b
        both = self._bindings_of(
            self.user_a,
            "prestashop.product.template",
            companies=self.company | self.company_b,
        )
        self.assertEqual(both.backend_id, self.backends)
        # the product itself (shared) lists only the bindings the user sees
        self.user_a.company_ids = self.company
        self.assertEqual(
            template.with_user(self.user_a).prestashop_bind_ids.backend_id, self.backend
        )

    def test_shared_product_changed_in_one_company_reaches_both_shops(self):
        template = self.make_template(ref="MCS", variants=False, company_id=False)
        self.publish(template)
        template.publish_on_prestashop(self.backend_b)
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        bindings = template.prestashop_bind_ids
        self.assertEqual(bindings.backend_id, self.backends)
        self.assertTrue(all(bindings.mapped("prestashop_id")))
        self.sandbox.clear_log()
        # a user of company A, who cannot see company B's binding, changes it
        template.with_user(self.user_a).list_price = 24.99
        jobs = self.env["queue.job"].search(
            [("state", "=", "pending"), ("method_name", "=", "export_record")]
        )
        self.assertEqual(
            {job.records.backend_id for job in jobs},
            {self.backend, self.backend_b},
        )
        self.assertEqual(set(jobs.mapped("user_id")), {self.user_a})
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        # each backend sent the new price (the sandbox is both companies'
        # shop: backend B bound the product A's export made, by reference)
        updates = [
            r
            for r in self.sandbox.requests
            if r.method in ("PATCH", "PUT") and r.path.startswith("products/")
        ]
        self.assertEqual(len(updates), 2)
        self.assertEqual(
            {int(r.path.rsplit("/", 1)[1]) for r in updates},
            set(bindings.mapped("prestashop_id")),
        )
        for binding in bindings:
            product = self.sandbox.store.get("products", binding.prestashop_id)
            self.assertAlmostEqual(float(product["price"]), 24.99, places=6)
