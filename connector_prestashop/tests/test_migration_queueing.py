# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration of customers at scale (issue 18): the batch reads a
page's addresses by id range, the per-customer jobs keep only what the
import reads, and the partners the import creates carry no chatter."""

import json

from odoo.tests import tagged

from ..models.res_partner.importer import ADDRESS_JOB_FIELDS, CUSTOMER_JOB_FIELDS
from .test_orders import OrderCase


@tagged("post_install", "-at_install")
class TestCustomerQueueing(OrderCase):
    def _customer_jobs(self):
        """``{"data": customer}`` per customer the batch queued (the
        migration queues them a chunk per job: ``import_records``)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT args::text FROM queue_job "
            "WHERE model_name = 'prestashop.res.partner' "
            "AND method_name = 'import_records' ORDER BY id"
        )
        args = [json.loads(row[0]) for row in self.env.cr.fetchall()]
        # queue_job keeps its own JSON text in the jsonb column (a string)
        args = [json.loads(a) if isinstance(a, str) else a for a in args]
        return [{"data": record} for chunk in args for record in chunk[1]]

    def test_page_addresses_read_by_id_range(self):
        self.env["prestashop.res.partner"].import_batch(self.backend)
        requests = self.sandbox.requests
        self.assertEqual([r.path for r in requests], ["customers", "addresses"])
        # the demo's customers are 1..8: one range, not a list of ids
        self.assertEqual(requests[1].query.get("filter[id_customer]"), "[1,8]")
        jobs = self._customer_jobs()
        # every customer but the GDPR anonymous one, each with its addresses
        self.assertEqual(len(jobs), 7)
        by_customer = {
            int(job["data"]["id"]): sorted(
                int(a["id"]) for a in job["data"]["_addresses"]
            )
            for job in jobs
        }
        self.assertEqual(by_customer[1], [1, 2])  # the deleted one too
        self.assertEqual(by_customer[4], [6, 7])
        self.assertEqual(by_customer[7], [10])
        for job in jobs:
            self.assertLessEqual(
                set(job["data"]) - {"_addresses"}, set(CUSTOMER_JOB_FIELDS)
            )
            for address in job["data"]["_addresses"]:
                self.assertLessEqual(set(address), set(ADDRESS_JOB_FIELDS))
                self.assertIn("address1", address)
                self.assertNotIn("date_add", address)
        done = self.run_pending_jobs()
        self.assertEqual(set(done.mapped("state")), {"done"}, done.mapped("exc_info"))
        sophie = (
            self.env["prestashop.res.partner"]
            .search([("prestashop_id", "=", 4), ("backend_id", "=", self.backend.id)])
            .odoo_id
        )
        self.assertEqual(len(sophie.child_ids), 2)
        self.assertTrue(all(sophie.child_ids.mapped("street")))

    def test_scattered_ids_read_by_list(self):
        """A filtered batch whose customers are far apart asks for their
        ids, not for every address in between."""
        self.env["prestashop.res.partner"].import_batch(
            self.backend, filters={"filter[id]": "[1|7]"}
        )
        requests = self.sandbox.requests
        self.assertEqual([r.path for r in requests], ["customers", "addresses"])
        self.assertEqual(requests[1].query.get("filter[id_customer]"), "[1|7]")
        jobs = self._customer_jobs()
        self.assertEqual(
            sorted((int(j["data"]["id"]), len(j["data"]["_addresses"])) for j in jobs),
            [(1, 2), (7, 1)],
        )

    def test_imported_partners_have_no_chatter(self):
        """Partners and contacts the import creates get no "Contact
        created" message and no follower (thousands at a migration); a
        later change of a partner is still tracked by Odoo as usual."""
        self.env["prestashop.res.partner"].import_batch(self.backend)
        done = self.run_pending_jobs()
        self.assertEqual(set(done.mapped("state")), {"done"}, done.mapped("exc_info"))
        bindings = self.env["prestashop.res.partner"].search(
            [("backend_id", "=", self.backend.id)]
        )
        partners = bindings.odoo_id | bindings.odoo_id.child_ids
        self.assertGreater(len(partners), 10)
        self.assertFalse(partners.message_ids)
        self.assertFalse(partners.message_follower_ids)
        # the records do not keep the import's context: Odoo tracks edits
        thomas = self.env["res.partner"].browse(
            bindings.filtered(lambda b: b.prestashop_id == 2).odoo_id.id
        )
        thomas.write({"email": "thomas.b@example.org"})
        # tracking values are written at commit (mail's precommit hook)
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(thomas.message_ids.tracking_value_ids)
