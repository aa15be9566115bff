"""Fault injection, per sandbox: latency, a 5xx rate (seeded RNG, so runs are
reproducible), "next N requests" failures, hangs, dropped connections,
truncated bodies, and a shop that is down.  The server asks :meth:`Faults.pick`
once per request."""

from __future__ import annotations

import random
import threading


#: what PHP prints for a notice with display_errors on (html_errors on)
PHP_NOTICE = (
    "<br />\n<b>Notice</b>:  Undefined index: id_shop in "
    "<b>/var/www/html/modules/somemodule/somemodule.php</b> on line <b>12</b>"
    "<br />\n"
)


class Faults:
    def __init__(self, seed: int = 0):
        self._lock = threading.Lock()
        self.seed = seed
        self.reset()

    def reset(self) -> None:
        with getattr(self, "_lock", threading.Lock()):
            self.latency = 0.0
            self.error_rate = 0.0
            self.error_status = 503
            self.down = False
            self._rng = random.Random(self.seed)
            self._queue = []  # list of (kind, arg)

    def fail_next(self, n: int = 1, status: int = 503, after: int = 0) -> None:
        """Fail the next ``n`` requests with ``status``, after letting
        ``after`` requests through (a failure in the middle of a batch)."""
        with self._lock:
            self._queue += [None] * after + [("fail", status)] * n

    def hang_next(self, n: int = 1, seconds: float = 30.0) -> None:
        with self._lock:
            self._queue += [("hang", seconds)] * n

    def drop_next(self, n: int = 1) -> None:
        with self._lock:
            self._queue += [("drop", None)] * n

    def malformed_next(self, n: int = 1, after: int = 0) -> None:
        """Cut the answer of the next ``n`` requests half-way, after letting
        ``after`` requests through; the request itself is applied (a POST
        creates its record): an answer lost after the write."""
        with self._lock:
            self._queue += [None] * after + [("malformed", None)] * n

    def notice_next(
        self, n: int = 1, text: str | None = None, cut: bool = False
    ) -> None:
        """Print a PHP notice before the body of the next ``n`` answers, as a
        real shop with ``display_errors`` on does (the body then starts with
        ``<br />`` instead of ``<?xml``).  ``cut``: the answer after the
        notice stops half-way (the script died after it)."""
        with self._lock:
            self._queue += [("notice_cut" if cut else "notice", text or PHP_NOTICE)] * n

    def body_next(
        self,
        body: bytes | str,
        status: int = 200,
        content_type: str = "text/xml;charset=utf-8",
        n: int = 1,
    ) -> None:
        """Answer the next ``n`` requests with exactly ``body``, ``status``
        and ``content_type`` (the webservice's other headers kept; the
        request itself is applied): what a hostile or broken shop sends,
        e.g. XML declaring external entities."""
        if isinstance(body, str):
            body = body.encode("utf-8")
        with self._lock:
            self._queue += [("body", (status, content_type, body))] * n

    def pick(self):
        """The fault for this request: None or (kind, arg)."""
        with self._lock:
            if self.down:
                return ("drop", None)
            if self._queue:
                return self._queue.pop(0)
            if self.error_rate and self._rng.random() < self.error_rate:
                return ("fail", self.error_status)
        return None

    def configure(self, data: dict) -> None:
        """Control API: ``{"latency":..,"error_rate":..,"fail_next":n,...}``."""
        if "latency" in data:
            self.latency = float(data["latency"])
        if "error_rate" in data:
            self.error_rate = float(data["error_rate"])
        if "down" in data:
            self.down = bool(data["down"])
        if data.get("fail_next"):
            self.fail_next(int(data["fail_next"]), int(data.get("status", 503)))
        if data.get("hang_next"):
            self.hang_next(int(data["hang_next"]), float(data.get("seconds", 30)))
        if data.get("drop_next"):
            self.drop_next(int(data["drop_next"]))
        if data.get("malformed_next"):
            self.malformed_next(int(data["malformed_next"]))
        if data.get("notice_next"):
            self.notice_next(
                int(data["notice_next"]), data.get("text"), bool(data.get("cut"))
            )
        if data.get("body_next"):
            self.body_next(
                data.get("body") or "",
                int(data.get("status", 200)),
                data.get("content_type") or "text/xml;charset=utf-8",
                int(data["body_next"]),
            )
        if data.get("reset"):
            self.reset()
