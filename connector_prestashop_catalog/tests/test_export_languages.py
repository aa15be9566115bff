# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The languages the export writes texts in: a shop language Odoo cannot
give (mapped to an inactive Odoo language, or not mapped) gets the default
language's texts and the job says which and where to fix it, or the job
fails before sending anything when the backend does not allow that."""

from odoo.tests import tagged

from .common import CatalogTestCase


@tagged("post_install", "-at_install")
class TestExportLanguages(CatalogTestCase):
    def _product(self, binding):
        return self.sandbox.store.get("products", binding.prestashop_id)

    def _export(self, template):
        template.publish_on_prestashop(self.backend)
        return self.run_pending_jobs()

    def test_both_languages_active(self):
        """Both mapped languages active: each gets its own text, no warning."""
        binding = self.publish(self.make_template("MUG1", variants=False))
        product = self._product(binding)
        self.assertEqual(product["name"], {1: "Coffee mug", 2: "Tasse à café"})
        job = self.env["queue.job"].search([], order="id desc", limit=1)
        self.assertNotIn("default language", job.result or "")

    def test_inactive_language_filled_and_said(self):
        """French mapped but not active in Odoo: the French name is the
        English one (the backend's default), and the job's result names the
        language and where to activate it."""
        template = self.make_template("MUG2", variants=False)
        self.env.ref("base.lang_fr").active = False
        jobs = self._export(template)
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        binding = template.prestashop_bind_ids
        product = self._product(binding)
        self.assertEqual(product["name"], {1: "Coffee mug", 2: "Coffee mug"})
        self.assertEqual(product["link_rewrite"][2], "coffee-mug")
        result = jobs.filtered(lambda j: "Export" in (j.name or "")).mapped("result")
        said = " ".join(r or "" for r in result)
        self.assertIn("Français", said)
        self.assertIn("not active in Odoo", said)
        self.assertIn("Settings > Languages", said)

    def test_inactive_language_refused(self):
        """The backend does not allow filling: the job fails, names the
        language and the setting, and nothing reaches the shop; activated,
        the requeued job sends the French texts."""
        self.backend.ps_lang_fallback = False
        template = self.make_template("MUG3", variants=False)
        self.env.ref("base.lang_fr").active = False
        self.sandbox.clear_log()
        jobs = self._export(template)
        failed = jobs.filtered(lambda j: j.state == "failed")
        self.assertEqual(len(failed), 1, jobs.mapped("state"))
        self.assertIn("Français", failed.exc_message)
        self.assertIn("Settings > Languages", failed.exc_message)
        self.assertIn("Fill Missing Languages", failed.exc_message)
        self.assertFalse(self.sent("POST"))
        self.assertFalse(self.sandbox.store.search("products", reference="MUG3"))
        # what the message says to do, then requeue
        self.env.ref("base.lang_fr").active = True
        failed.requeue()
        done = self.run_pending_jobs()
        self.assertEqual(set(done.mapped("state")), {"done"}, done.mapped("exc_info"))
        product = self._product(template.prestashop_bind_ids)
        self.assertEqual(product["name"], {1: "Coffee mug", 2: "Tasse à café"})

    def test_unmapped_shop_language(self):
        """A shop language mapped to no Odoo language gets the default
        language's texts (PrestaShop would keep it empty), said in the
        result."""
        ps_fr = self.backend.lang_ids.filtered(lambda b: b.prestashop_id == 2)
        ps_fr.odoo_id = False
        jobs = self._export(self.make_template("MUG4", variants=False))
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        product = self.sandbox.store.search("products", reference="MUG4")[0]
        self.assertEqual(product["name"], {1: "Coffee mug", 2: "Coffee mug"})
        said = " ".join(r or "" for r in jobs.mapped("result"))
        self.assertIn("mapped to no Odoo language", said)
        self.assertIn("Languages tab", said)
