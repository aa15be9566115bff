"""Webservice errors as PrestaShop reports them: an HTTP status plus a list of
``(code, message)`` pairs (only the first validation problem is reported, but
PHP warnings -- code 3 -- ride along, as on the real shop)."""

from __future__ import annotations


class WsError(Exception):
    """A webservice error document (``<errors>``)."""

    def __init__(self, status: int, errors: list, sha1: bool = False):
        super().__init__(errors)
        self.status = status
        self.errors = list(errors)
        #: the real shop sends Content-Sha1 on a few error answers
        self.sha1 = sha1


class RawResponse(Exception):
    """An answer that bypasses the webservice output (PHP fatal, ``die()``):
    no PSWS headers, ``text/html``."""

    def __init__(self, status: int, body: str = "", headers: dict | None = None):
        super().__init__(status)
        self.status = status
        self.body = body
        self.headers = headers or {}


class NotFound(Exception):
    """GET of a missing id: 404, empty body, empty Content-Type."""


def closest(word: str, words: list) -> str:
    """PHP ``WebserviceRequest::getClosest``: Levenshtein, the last of the
    best wins (``<=``)."""
    best, shortest = "", -1
    for w in words:
        d = _lev(word, w)
        if d == 0:
            return w
        if shortest < 0 or d <= shortest:
            best, shortest = w, d
    return best


def _lev(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
