# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.connector.database import pg_try_advisory_lock

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestTwoWorkers(CatalogTestCase):
    def test_two_workers_export_one_product(self):
        """While another worker exports the product (it holds the export
        lock), this job sends nothing and is retried; then exactly one
        PrestaShop product exists."""
        template = self.make_template(ref="TWIN", variants=False)
        template.publish_on_prestashop(self.backend)
        binding = template.prestashop_bind_ids
        job = self.env["queue.job"].search(
            [("state", "=", "pending"), ("model_name", "=", binding._name)]
        )
        self.assertEqual(len(job), 1)
        lock = f"prestashop-export({self.backend.id},{binding._name},{binding.id})"
        self.sandbox.clear_log()
        with self.env.registry.cursor() as other_cr:
            self.assertTrue(pg_try_advisory_lock(self.env(cr=other_cr), lock))
            record = self.run_job(job)
            self.assertEqual(record.state, "pending")
            self.assertEqual(record.retry, 0, "waiting for a lock is not a failure")
        self.assertFalse([r for r in self.sandbox.requests if r.method != "GET"])
        self.assertFalse(binding.prestashop_id)
        self.assertEqual(self.run_job(job).state, "done")
        products = self.sandbox.store.search("products", reference="TWIN")
        self.assertEqual(len(products), 1)
        self.assertEqual(binding.prestashop_id, int(products[0]["id"]))
        posts = [
            r
            for r in self.sandbox.requests
            if r.method == "POST" and r.path == "products"
        ]
        self.assertEqual(len(posts), 1)
