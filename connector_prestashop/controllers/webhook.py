# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order webhook: a PrestaShop module calls it when an order is validated or
changes state, and Odoo queues the import of that order at once.

    POST /prestashop/<backend id>/order
    Content-Type: application/json
    X-Prestashop-Signature: hex(HMAC-SHA256(secret, raw body))

    {"id_order": 42, "ts": 1735689600, "nonce": "3f9c..."}

Checks, in this order (each answer says nothing about the backend beyond the
status code):

* the backend exists, is active and has a secret, else 404;
* at most ``webhook_rate_limit`` calls per minute and backend, else 429
  (counted before the signature, so that a flood of forged calls is cut
  short too);
* the signature, compared in constant time (``hmac.compare_digest``), else
  401;
* ``ts`` within 5 minutes of Odoo's clock and a ``nonce`` never seen for
  this backend, else 401 (a captured call cannot be replayed);
* ``id_order`` a positive integer, else 400.

Then the import of the order is queued (identity key: one waiting job per
order) and the answer is 202.
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

from odoo import SUPERUSER_ID, fields, http
from odoo.http import request

_logger = logging.getLogger(__name__)

#: accepted clock difference between the shop and Odoo, in seconds
MAX_SKEW = 300
SIGNATURE_HEADER = "X-Prestashop-Signature"


def signature(secret, body):
    """The signature PrestaShop sends: hex HMAC-SHA256 of the raw body."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class PrestashopWebhookController(http.Controller):
    @http.route(
        "/prestashop/<int:backend_id>/order",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        save_session=False,
        readonly=False,
    )
    def order_webhook(self, backend_id, **_kwargs):
        env = request.env(user=SUPERUSER_ID)
        backend = env["prestashop.backend"].browse(backend_id).exists()
        secret = backend.webhook_secret if backend and backend.active else None
        if not secret:
            return self._answer(404, "unknown")
        Call = env["prestashop.webhook.call"]
        minute_ago = fields.Datetime.now() - timedelta(minutes=1)
        recent = Call.search_count(
            [("backend_id", "=", backend.id), ("at", ">=", minute_ago)]
        )
        if recent >= (backend.webhook_rate_limit or 60):
            self._log(backend, "rate_limited")
            return self._answer(429, "too many calls", {"Retry-After": "60"})
        call = Call.create({"backend_id": backend.id, "outcome": "received"})
        body = request.httprequest.get_data() or b""
        sent = request.httprequest.headers.get(SIGNATURE_HEADER) or ""
        if not sent:
            return self._refuse(call, 401, "missing signature")
        if not hmac.compare_digest(signature(secret, body), sent.strip().lower()):
            return self._refuse(call, 401, "bad signature")
        try:
            payload = json.loads(body)
            ts = int(payload.get("ts"))
            nonce = str(payload.get("nonce") or "")[:128]
        except (ValueError, TypeError, AttributeError):
            return self._refuse(call, 400, "bad payload")
        if abs(time.time() - ts) > MAX_SKEW:
            return self._refuse(call, 401, "stale")
        if not nonce or Call.search_count(
            [("backend_id", "=", backend.id), ("nonce", "=", nonce)]
        ):
            return self._refuse(call, 401, "replay")
        try:
            order_id = int(payload.get("id_order"))
        except (ValueError, TypeError):
            order_id = 0
        if order_id <= 0:
            return self._refuse(call, 400, "bad id_order")
        call.write({"nonce": nonce, "order_id": order_id, "outcome": "queued"})
        backend.import_order_from_webhook(order_id)
        self._log(backend, "queued", order_id)
        return self._answer(202, "queued")

    def _refuse(self, call, status, reason):
        call.outcome = reason
        self._log(call.backend_id, reason)
        return self._answer(status, reason)

    def _log(self, backend, outcome, order_id=None):
        # never the secret nor the signature
        _logger.info(
            "prestashop webhook backend=%s outcome=%s order=%s",
            backend.id,
            outcome.replace(" ", "_"),
            order_id or "-",
        )

    def _answer(self, status, message, headers=None):
        return request.make_json_response(
            {"status": message}, status=status, headers=list((headers or {}).items())
        )
