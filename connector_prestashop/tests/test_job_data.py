# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What job rows keep: the batches queue one job per customer and order with
the record they read, and queue_job keeps those arguments for days (done)
or until deleted (failed).  No secret, and of a customer only what its
import reads."""

import json

from odoo.tests import tagged

from ..components.importer import SECRET_FIELDS
from .test_orders import OrderCase

BIRTHDAY = "1961-07-14"


@tagged("post_install", "-at_install")
class TestJobData(OrderCase):
    def _job_rows(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT method_name, args::text, kwargs::text FROM queue_job "
            "WHERE model_name LIKE 'prestashop.%%'"
        )
        # the columns hold queue_job's JSON text (a JSON string): decoded
        return [
            (method, json.loads(args), json.loads(kwargs))
            for method, args, kwargs in self.env.cr.fetchall()
        ]

    def test_no_secret_in_job_rows(self):
        store = self.sandbox.store
        secrets = set()
        for resource in ("customers", "orders"):
            for record in store.search(resource):
                # the values themselves (dates like last_passwd_gen aside)
                for field in ("passwd", "secure_key", "reset_password_token"):
                    if len(str(record.get(field) or "")) > 4:
                        secrets.add(str(record[field]))
        for customer in store.search("customers"):
            store.update("customers", customer["id"], {"birthday": BIRTHDAY})
        self.assertTrue(secrets, "the demo shop has password hashes and keys")
        self.env["prestashop.res.partner"].import_batch(self.backend)
        self.SO.import_batch(self.backend)
        rows = self._job_rows()
        per_record = [r for r in rows if r[0] == "import_record"]
        self.assertGreater(len(per_record), 5)
        # the batches did attach the records: the jobs need no request
        # (customers a chunk per job, in the arguments; orders one per job)
        self.assertTrue(any('"_addresses"' in args for _m, args, _k in rows))
        self.assertTrue(any('"_customer"' in kwargs for _m, _a, kwargs in rows))
        jobs = self.run_pending_jobs()
        self.assertEqual(set(jobs.mapped("state")), {"done"}, jobs.mapped("exc_info"))
        self.assertTrue(self.env["prestashop.sale.order"].search([]))
        # done jobs keep their arguments: read every row again
        for method, args, kwargs in self._job_rows():
            text = args + kwargs
            for field in SECRET_FIELDS | {"birthday", "newsletter_date_add", "optin"}:
                self.assertNotIn(f'"{field}"', text, method)
            for secret in secrets:
                self.assertNotIn(secret, text, method)
            self.assertNotIn(BIRTHDAY, text, method)
