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
* the body is at most ``MAX_BODY`` bytes, else 413;
* the signature, compared in constant time (``hmac.compare_digest``), else
  401.  Nothing is written to the database before this point: a flood of
  forged calls costs one read each and can neither fill a table nor use up
  the shop's rate limit;
* the body is a JSON object whose ``id_order`` is a positive integer of at
  most ``MAX_ID`` (a JSON integer or a string of ASCII digits: ``true``,
  ``7.9``, ``-1``, ``"7 "`` are refused, never rounded), whose ``ts`` is an
  integer in the same form between 0 and ``MAX_TS``, and whose ``nonce`` is 8
  to 128 characters among ``A-Z a-z 0-9 . _ ~ + / = : -`` (refused when
  longer, never cut), else 400;
* at most ``webhook_rate_limit`` accepted calls per minute and backend, else
  429 (only signed, well-formed calls are counted);
* ``ts`` within 5 minutes of Odoo's clock, else 401 (stale);
* a ``nonce`` never accepted for this backend, else 409 (replay).  The nonce
  is claimed with ``INSERT ... ON CONFLICT DO NOTHING``, so that copies of
  one call arriving at the same instant are refused quietly (no unique
  violation in the log): see :meth:`PrestashopWebhookCall._claim`.

Then the import of the order is queued (identity key: one waiting job per
order) and the answer is 202.  Only accepted calls leave a row in
``prestashop.webhook.call``.
"""

import hashlib
import hmac
import json
import logging
import re
import time
from datetime import timedelta

from odoo import SUPERUSER_ID, fields, http
from odoo.http import request

_logger = logging.getLogger(__name__)

#: accepted clock difference between the shop and Odoo, in seconds
MAX_SKEW = 300
SIGNATURE_HEADER = "X-Prestashop-Signature"
#: the largest body read, in bytes (a real call is about 80)
MAX_BODY = 4096
#: the largest ``id_order``: Odoo's integer columns are signed 32-bit
MAX_ID = 2**31 - 1
#: the largest ``ts`` (Unix seconds): far in the future, still exact as a float
MAX_TS = 2**53
_DIGITS = re.compile(r"[0-9]{1,20}")
_NONCE = re.compile(r"[A-Za-z0-9._~+/=:-]{8,128}")


def signature(secret, body):
    """The signature PrestaShop sends: hex HMAC-SHA256 of the raw body."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def signature_ok(secret, body, sent):
    """Whether ``sent`` (the header's value, ``str``, any case) is the
    signature of ``body``, compared in constant time.  Bytes are compared:
    ``hmac.compare_digest`` raises ``TypeError`` on non-ASCII ``str``."""
    expected = signature(secret, body).encode()
    return hmac.compare_digest(
        expected, (sent or "").strip().lower().encode("utf-8", "replace")
    )


def strict_int(value, maximum):
    """``value`` as an ``int`` when it is a JSON integer or a string of ASCII
    digits between 0 and ``maximum``, else ``None``: never rounded nor
    coerced (``True``, ``7.9``, ``"7 "``, Arabic-Indic digits, ``-1`` give
    ``None``)."""
    if type(value) is int:  # bool is a subclass of int: refused
        number = value
    elif isinstance(value, str) and _DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 <= number <= maximum else None


def _no_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_payload(body):
    """``(id_order, ts, nonce)`` of a webhook body, or ``None`` when any of
    them is missing or malformed (see the module's docstring)."""
    try:
        payload = json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(payload, dict):
        return None
    order_id = strict_int(payload.get("id_order"), MAX_ID)
    ts = strict_int(payload.get("ts"), MAX_TS)
    nonce = payload.get("nonce")
    if not order_id or ts is None:
        return None
    if not isinstance(nonce, str) or not _NONCE.fullmatch(nonce):
        return None
    return order_id, ts, nonce


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
        httprequest = request.httprequest
        if (httprequest.content_length or 0) > MAX_BODY:
            return self._refuse(backend, 413, "too large")
        # bounded by Content-Length (checked above); cached for a retry
        body = httprequest.get_data(cache=True) or b""
        if len(body) > MAX_BODY:
            return self._refuse(backend, 413, "too large")
        sent = httprequest.headers.get(SIGNATURE_HEADER)
        if not sent:
            return self._refuse(backend, 401, "missing signature")
        if not signature_ok(secret, body, sent):
            return self._refuse(backend, 401, "bad signature")
        # signed by the shop from here on
        parsed = parse_payload(body)
        if parsed is None:
            return self._refuse(backend, 400, "bad payload")
        order_id, ts, nonce = parsed
        Call = env["prestashop.webhook.call"]
        minute_ago = fields.Datetime.now() - timedelta(minutes=1)
        recent = Call.search_count(
            [("backend_id", "=", backend.id), ("at", ">=", minute_ago)]
        )
        if recent >= (backend.webhook_rate_limit or 60):
            return self._refuse(backend, 429, "too many calls", {"Retry-After": "60"})
        if abs(time.time() - ts) > MAX_SKEW:
            return self._refuse(backend, 401, "stale")
        if not Call._claim(backend, nonce, order_id):
            return self._refuse(backend, 409, "replay", order_id=order_id)
        backend.import_order_from_webhook(order_id)
        self._log(backend, "queued", order_id)
        return self._answer(202, "queued")

    def _refuse(self, backend, status, reason, headers=None, order_id=None):
        """Answer ``status`` and log ``reason``; writes nothing."""
        self._log(backend, reason, order_id)
        return self._answer(status, reason, headers)

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
