# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The order webhook over real HTTP: authentication (no secret, wrong
secret, stale, replay), rate limit, strict payload (issue 16, point 6)."""

import json
import logging
import threading
import time
import uuid
from contextlib import closing

import psycopg2
import requests

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import HttpCase, tagged

from ..controllers.webhook import MAX_BODY, signature
from .common import LogCapture


class LevelCapture(logging.Handler):
    """Every log record of a block at ``level`` or above, all loggers (the
    HTTP server's threads included)."""

    def __init__(self, level=logging.ERROR):
        super().__init__(level=level)
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def __enter__(self):
        logging.getLogger().addHandler(self)
        return self

    def __exit__(self, *exc):
        logging.getLogger().removeHandler(self)


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

    def calls(self):
        """The rows of ``prestashop.webhook.call`` of the backend."""
        self.env.invalidate_all()
        return self.env["prestashop.webhook.call"].search(
            [("backend_id", "=", self.backend.id)]
        )

    def post(self, body, signed=True, signature_header=None):
        """POST ``body`` (bytes) as is, signed with the backend's secret."""
        headers = {"Content-Type": "application/json"}
        if signed:
            headers["X-Prestashop-Signature"] = signature_header or signature(
                self.secret, body
            )
        # not url_open: it sends a GET when the body is empty
        return self.opener.post(
            f"{self.base_url()}/prestashop/{self.backend.id}/order",
            data=body,
            headers=headers,
            timeout=12,
        )

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
        self.assertEqual(again.status_code, 409)
        self.assertEqual(again.json()["status"], "replay")
        self.assertFalse(self.jobs(45))
        self.assertEqual(len(self.calls()), 1)

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
        # refused as unsigned before the limit is even looked at
        self.assertEqual(self.call(104, secret="forged")[0].status_code, 401)
        self.assertEqual(len(self.calls()), 3)

    # -- issue 16, point 6 ---------------------------------------------------------
    def test_unsigned_calls_write_nothing_nor_use_the_limit(self):
        """A flood of forged calls leaves no row and does not lock the shop's
        signed calls out; a non-ASCII signature is a 401, not a 500."""
        self.backend.webhook_rate_limit = 2
        with LogCapture() as logs:
            statuses = [
                self.call(200 + i, secret="forged")[0].status_code for i in range(12)
            ]
            statuses += [self.call(220, sign=False)[0].status_code]
            body = json.dumps(
                {"id_order": 221, "ts": int(time.time()), "nonce": uuid.uuid4().hex}
            ).encode()
            statuses.append(self.post(body, signature_header="é" * 64).status_code)
            statuses.append(self.post(body, signature_header="0" * 64).status_code)
        self.assertEqual(statuses, [401] * 15)
        self.assertFalse(self.calls())
        self.assertEqual(
            len([line for line in logs.lines if "outcome=bad_signature" in line]), 14
        )
        # the shop's own calls still get through, up to the limit
        self.assertEqual(self.call(230)[0].status_code, 202)
        self.assertEqual(self.call(231)[0].status_code, 202)
        self.assertEqual(self.call(232)[0].status_code, 429)
        self.assertEqual(self.calls().mapped("order_id"), [231, 230])
        self.assertEqual(len(self.jobs(230)), 1)
        self.assertFalse(self.jobs(232))

    def test_malformed_signed_calls_are_400(self):
        """Signed but malformed: 400, never rounded nor cut, nothing written,
        nothing queued."""
        now = int(time.time())
        good = {"id_order": 300, "ts": now, "nonce": "n" * 32}
        bad_values = [
            ("id_order", True),
            ("id_order", False),
            ("id_order", 7.9),
            ("id_order", 7.0),
            ("id_order", "7.9"),
            ("id_order", -1),
            ("id_order", "-1"),
            ("id_order", 0),
            ("id_order", 2**31),
            ("id_order", 10**400),
            ("id_order", "42 "),
            ("id_order", " 42"),
            ("id_order", "4_2"),
            ("id_order", "\u0664\u0662"),  # Arabic-Indic digits
            ("id_order", ""),
            ("id_order", None),
            ("id_order", [42]),
            ("id_order", {"id": 42}),
            ("ts", 10**400),
            ("ts", -5),
            ("ts", 2**60),
            ("ts", "soon"),
            ("ts", float(now)),
            ("ts", True),
            ("ts", None),
            ("nonce", "n" * 129),
            ("nonce", "n" * 7),
            ("nonce", "n" * 31 + " "),
            ("nonce", "<script>" + "n" * 20),
            ("nonce", "é" * 20),
            ("nonce", "n" * 31 + "\n"),
            ("nonce", 1234567890123),
            ("nonce", None),
        ]
        bodies = []
        for key, value in bad_values:
            payload = dict(good, **{key: value})
            bodies.append((f"{key}={value!r}"[:60], json.dumps(payload).encode()))
        for key in good:
            missing = {k: v for k, v in good.items() if k != key}
            bodies.append((f"no {key}", json.dumps(missing).encode()))
        bodies += [
            ("not JSON", b"id_order=300"),
            ("a list", json.dumps([good]).encode()),
            ("a string", b'"300"'),
            ("NaN ts", json.dumps(good).replace(str(now), "NaN").encode()),
            ("Infinity ts", json.dumps(good).replace(str(now), "Infinity").encode()),
            ("not UTF-8", json.dumps(good).encode().replace(b"nnnn", b"\xff\xfe", 1)),
            ("empty", b""),
            ("deep", b"[" * 2000 + b"]" * 2000),
            ("huge int", b'{"id_order": ' + b"9" * 4000 + b"}"),
        ]
        with LevelCapture() as errors:
            for label, body in bodies:
                response = self.post(body)
                self.assertEqual(response.status_code, 400, f"{label}: {response.text}")
                self.assertEqual(response.json(), {"status": "bad payload"}, label)
        self.assertFalse(errors.records, [r.getMessage() for r in errors.records])
        self.assertFalse(self.calls())
        self.assertFalse(
            self.env["queue.job"].search([("method_name", "=", "import_record")])
        )

    def test_accepted_forms(self):
        """A digit string is an integer too; a 128-character nonce is kept
        whole."""
        nonce = "A1b2-_.~+/=:" * 10 + "z" * 8
        self.assertEqual(len(nonce), 128)
        body = json.dumps(
            {"id_order": "0310", "ts": str(int(time.time())), "nonce": nonce}
        ).encode()
        response = self.post(body)
        self.assertEqual(response.status_code, 202, response.text)
        self.assertEqual(len(self.jobs(310)), 1)
        self.assertEqual(self.calls().mapped("nonce"), [nonce])
        self.assertEqual(self.calls().order_id, 310)

    def test_body_too_large(self):
        body = json.dumps(
            {
                "id_order": 320,
                "ts": int(time.time()),
                "nonce": uuid.uuid4().hex,
                "padding": "x" * MAX_BODY,
            }
        ).encode()
        response = self.post(body)
        self.assertEqual(response.status_code, 413)
        self.assertFalse(self.calls())
        self.assertFalse(self.jobs(320))

    def test_concurrent_copies_of_one_call(self):
        """Ten copies of one signed call at once: one is queued, the others
        get 409, and no ERROR is logged (no unique violation)."""
        body = json.dumps(
            {"id_order": 330, "ts": int(time.time()), "nonce": uuid.uuid4().hex}
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Prestashop-Signature": signature(self.secret, body),
        }
        url = f"{self.base_url()}/prestashop/{self.backend.id}/order"
        statuses = []
        barrier = threading.Barrier(10)

        def send():
            barrier.wait()
            statuses.append(
                requests.post(url, data=body, headers=headers, timeout=30).status_code
            )

        threads = [threading.Thread(target=send) for _i in range(10)]
        with LevelCapture() as errors:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        self.assertEqual(sorted(statuses), [202] + [409] * 9)
        self.assertEqual(len(self.jobs(330)), 1)
        self.assertEqual(len(self.calls()), 1)
        self.assertFalse(errors.records, [r.getMessage() for r in errors.records])

    def test_claim_race_between_two_transactions(self):
        """What the HTTP test above cannot show (test requests share one
        transaction): two real transactions claiming one nonce.  The one that
        waited for the other gets a serialization failure (REPEATABLE READ),
        with no ERROR logged, and its retry is refused quietly."""
        db = self.env.cr.dbname
        required = [
            row[0]
            for row in self._fetch(
                "SELECT column_name FROM information_schema.columns WHERE "
                "table_name = 'prestashop_backend' AND is_nullable = 'NO' "
                "AND column_default IS NULL AND column_name != 'id'"
            )
        ]
        values = self._fetch(
            "SELECT {} FROM prestashop_backend WHERE id = %s".format(
                ", ".join(required)
            ),
            (self.backend.id,),
        )[0]
        with (
            closing(sql_db.db_connect(db).cursor()) as cr_a,
            closing(sql_db.db_connect(db).cursor()) as cr_b,
        ):
            for cr in (cr_a, cr_b):  # never wait for the test's own transaction
                cr.execute("SET lock_timeout = '10s'")
            cr_a.execute(
                "INSERT INTO prestashop_backend ({}) VALUES ({}) RETURNING id".format(
                    ", ".join(required), ", ".join(["%s"] * len(required))
                ),
                values,
            )
            backend_id = cr_a.fetchone()[0]
            cr_a.commit()  # pylint: disable=invalid-commit
            try:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                nonce = uuid.uuid4().hex
                cr_b.execute("SELECT 1")  # B's snapshot: before A commits
                self.assertTrue(
                    env_a["prestashop.webhook.call"]._claim(
                        env_a["prestashop.backend"].browse(backend_id), nonce, 340
                    )
                )
                timer = threading.Timer(0.5, cr_a.commit)
                timer.start()
                with LevelCapture() as errors:
                    with self.assertRaises(psycopg2.errors.SerializationFailure):
                        env_b["prestashop.webhook.call"]._claim(
                            env_b["prestashop.backend"].browse(backend_id), nonce, 340
                        )
                    timer.join()
                    cr_b.rollback()  # what Odoo's HTTP layer does, then retries
                    self.assertFalse(
                        env_b["prestashop.webhook.call"]._claim(
                            env_b["prestashop.backend"].browse(backend_id), nonce, 340
                        )
                    )
                self.assertFalse(
                    errors.records, [r.getMessage() for r in errors.records]
                )
                cr_b.rollback()
            finally:
                cr_a.rollback()
                cr_a.execute(
                    "DELETE FROM prestashop_webhook_call WHERE backend_id = %s",
                    (backend_id,),
                )
                cr_a.execute(
                    "DELETE FROM prestashop_backend WHERE id = %s", (backend_id,)
                )
                cr_a.commit()  # pylint: disable=invalid-commit
                for cr in (cr_a, cr_b):  # pooled connections: as they were
                    cr.rollback()
                    cr.execute("RESET lock_timeout")
                    cr.commit()  # pylint: disable=invalid-commit

    def _fetch(self, query, params=None):
        self.env.flush_all()
        self.env.cr.execute(query, params)
        return self.env.cr.fetchall()
