# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The order webhook over real HTTP: authentication (no secret, wrong
secret, stale, replay) and rate limit."""

import json
import time
import uuid

from odoo.tests import HttpCase, tagged

from ..controllers.webhook import signature
from .common import LogCapture


@tagged("post_install", "-at_install")
class TestWebhook(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend = cls.env["prestashop.backend"].create(
            {
                "name": "Webhook shop",
                "location": "http://127.0.0.1:9",
                "webservice_key": "WEBHOOKTESTKEY0000000000000000000",
            }
        )
        cls.backend.action_generate_webhook_secret()
        cls.secret = cls.backend.webhook_secret

    def call(
        self,
        order_id=42,
        secret=None,
        ts=None,
        nonce=None,
        sign=True,
        backend=None,
        body=None,
    ):
        body = (
            body
            or json.dumps(
                {
                    "id_order": order_id,
                    "ts": int(ts if ts is not None else time.time()),
                    "nonce": nonce or uuid.uuid4().hex,
                }
            ).encode()
        )
        headers = {"Content-Type": "application/json"}
        if sign:
            headers["X-Prestashop-Signature"] = signature(secret or self.secret, body)
        backend = backend or self.backend
        response = self.url_open(
            f"/prestashop/{backend.id}/order", data=body, headers=headers
        )
        return response, body, headers

    def jobs(self, order_id=42):
        self.env.invalidate_all()
        return self.env["queue.job"].search(
            [
                ("model_name", "=", "prestashop.sale.order"),
                ("method_name", "=", "import_record"),
                (
                    "identity_key",
                    "=",
                    f"prestashop-import-order-{self.backend.id}-{order_id}",
                ),
            ]
        )

    def test_signed_call_queues_the_import(self):
        with LogCapture() as logs:
            response, _body, _headers = self.call(42)
        self.assertEqual(response.status_code, 202, response.text)
        job = self.jobs(42)
        self.assertEqual(len(job), 1)
        self.assertEqual(job.args, [self.backend, 42])
        self.assertEqual(job.channel, "root.prestashop.orders")
        self.assertEqual(job.prestashop_backend_id, self.backend)
        # a second call for the same order while the first waits: one job
        self.call(42)
        self.assertEqual(len(self.jobs(42)), 1)
        self.assertFalse([line for line in logs.lines if self.secret in line])

    def test_no_signature(self):
        response, _b, _h = self.call(43, sign=False)
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self.jobs(43))

    def test_wrong_secret(self):
        response, _b, _h = self.call(44, secret="not-the-secret")
        self.assertEqual(response.status_code, 401)
        self.assertFalse(self.jobs(44))

    def test_replay(self):
        response, body, headers = self.call(45)
        self.assertEqual(response.status_code, 202)
        self.jobs(45).unlink()
        again = self.url_open(
            f"/prestashop/{self.backend.id}/order", data=body, headers=headers
        )
        self.assertEqual(again.status_code, 401)
        self.assertEqual(again.json()["status"], "replay")
        self.assertFalse(self.jobs(45))

    def test_stale_timestamp(self):
        response, _b, _h = self.call(46, ts=time.time() - 3600)
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json()["status"], "stale")
        self.assertFalse(self.jobs(46))

    def test_disabled_without_secret_and_unknown_backend(self):
        other = self.env["prestashop.backend"].create(
            {"name": "No webhook", "location": "http://127.0.0.1:9"}
        )
        response, _b, _h = self.call(47, backend=other)
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/prestashop/999999/order", data=b"{}")
        self.assertEqual(response.status_code, 404)

    def test_rate_limit(self):
        self.backend.webhook_rate_limit = 3
        statuses = [self.call(100 + i)[0].status_code for i in range(3)]
        self.assertEqual(statuses, [202, 202, 202])
        response = self.call(103)[0]
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.headers.get("Retry-After"), "60")
        self.assertFalse(self.jobs(103))
        # forged calls count too: a flood cannot get through
        self.assertEqual(self.call(104, secret="forged")[0].status_code, 429)
