# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A small client for the PrestaShop webservice (``/api/...``).

Why not prestapyt: we need one ``requests`` session per work context with
timeouts, PATCH, classification of every failure into "retry later" or "tell
the user what to fix", and a record format that keeps multi-language fields
and associations intact.  The client has no Odoo dependency so that it can be
tested and reused on its own.

Record format returned by reads (the same for XML and JSON answers):

* scalar fields: ``str`` (PrestaShop sends everything as text);
* multi-language fields: ``{lang_id (int): str}``;
* ``"associations"``: ``{name: [ {field: str, ...}, ... ]}``.
"""

import json
import logging
import time
from xml.sax.saxutils import escape

import requests
from lxml import etree

_logger = logging.getLogger(__name__)

XLINK = "{http://www.w3.org/1999/xlink}href"

# Timeout of one request, in seconds: a shop that does not answer in time is
# treated as down (retried later), never waited for forever.
DEFAULT_TIMEOUT = 60


class PrestaShopError(Exception):
    """A PrestaShop answer the connector cannot use.

    ``retryable`` tells whether waiting and trying again may help (shop down,
    timeout, 5xx without an error document, garbled answer) or whether a person
    has to fix something first (wrong key, missing permission, unknown id,
    refused data).
    """

    retryable = False

    def __init__(self, message, status=None, code=None, method=None, path=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.method = method
        self.path = path


class PrestaShopNetworkError(PrestaShopError):
    """The shop could not be reached, timed out or answered garbage."""

    retryable = True


class PrestaShopServerError(PrestaShopError):
    """A 5xx answer without a PrestaShop error document (PHP fatal, proxy)."""

    retryable = True


class PrestaShopAuthError(PrestaShopError):
    """401: the webservice key is wrong or the webservice is disabled."""


class PrestaShopPermissionError(PrestaShopError):
    """403 / error 25: the key lacks a permission on a resource."""


class PrestaShopNotFound(PrestaShopError):
    """404: the id does not exist (any more) on the shop."""


class PrestaShopRequestError(PrestaShopError):
    """400 or a 500 with an error document: the shop refused the request."""


# ---------------------------------------------------------------- XML <-> dict


def _element_to_value(el):
    """Convert one field element into the record format."""
    langs = [c for c in el if c.tag == "language"]
    if langs:
        return {int(c.get("id")): (c.text or "") for c in langs}
    return el.text or ""


def element_to_record(el):
    """Convert a resource element (``<product>...</product>``) into a dict."""
    record = {}
    for child in el:
        if not isinstance(child.tag, str):  # comments
            continue
        if child.tag == "associations":
            assocs = {}
            for assoc in child:
                if not isinstance(assoc.tag, str):
                    continue
                items = []
                for item in assoc:
                    if not isinstance(item.tag, str):
                        continue
                    if len(item):
                        items.append(
                            {
                                f.tag: _element_to_value(f)
                                for f in item
                                if isinstance(f.tag, str)
                            }
                        )
                    else:  # <category id="2" xlink:href=.../> style items
                        items.append({"id": item.get("id") or (item.text or "")})
                assocs[assoc.tag] = items
            record["associations"] = assocs
        else:
            record[child.tag] = _element_to_value(child)
    return record


def parse_xml(body):
    """Parse a PrestaShop XML body; raise PrestaShopNetworkError if garbled."""
    try:
        return etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False))
    except (etree.XMLSyntaxError, ValueError) as err:
        raise PrestaShopNetworkError(
            f"PrestaShop sent an unreadable answer ({err}); it will be retried."
        ) from err


def _value_to_xml(name, value):
    if isinstance(value, dict):
        inner = "".join(
            f'<language id="{int(lang)}"><![CDATA[{_cdata(text)}]]></language>'
            for lang, text in value.items()
        )
        return f"<{name}>{inner}</{name}>"
    if value is None or value is False:
        return f"<{name}></{name}>"
    if value is True:
        value = 1
    if isinstance(value, float):
        value = f"{value:.6f}"
    return f"<{name}><![CDATA[{_cdata(str(value))}]]></{name}>"


def _cdata(text):
    # "]]>" cannot appear inside CDATA: split it across two sections.
    return text.replace("]]>", "]]]]><![CDATA[>")


def record_to_xml(node, record):
    """Serialise a record (the read format) into a PrestaShop XML body."""
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<prestashop>", f"<{node}>"]
    for name, value in record.items():
        if name == "associations":
            parts.append("<associations>")
            for assoc, items in value.items():
                parts.append(f"<{assoc}>")
                item_node = _singular(assoc)
                for item in items:
                    fields = "".join(_value_to_xml(k, v) for k, v in item.items())
                    parts.append(f"<{item_node}>{fields}</{item_node}>")
                parts.append(f"</{assoc}>")
            parts.append("</associations>")
        else:
            parts.append(_value_to_xml(escape(name), value))
    parts += [f"</{node}>", "</prestashop>"]
    return "".join(parts)


# Association item node names that are not "drop the final s".
_ASSOC_ITEMS = {
    "categories": "category",
    "order_rows": "order_row",
    "cart_rows": "cart_row",
    "product_option_values": "product_option_value",
    "stock_availables": "stock_available",
    "product_features": "product_feature",
    "accessories": "product",
    "product_bundle": "product",
    "order_slip_details": "order_slip_detail",
}


def _singular(name):
    return _ASSOC_ITEMS.get(name) or (name[:-1] if name.endswith("s") else name)


def json_to_record(obj):
    """Normalise one JSON object into the record format (lists only: single
    JSON objects drop falsy fields, so the connector reads those in XML)."""
    record = {}
    for key, value in obj.items():
        if key == "associations":
            record[key] = {
                name: [{k: _json_scalar(v) for k, v in item.items()} for item in items]
                for name, items in value.items()
            }
        elif (
            isinstance(value, list)
            and value
            and isinstance(value[0], dict)
            and "value" in value[0]
        ):
            record[key] = {int(v["id"]): v["value"] or "" for v in value}
        else:
            record[key] = _json_scalar(value)
    return record


def _json_scalar(value):
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def _error_from_document(body, content_type):
    """Extract (code, message) from a PrestaShop error document, if any."""
    if not body:
        return None, None
    try:
        if "json" in (content_type or ""):
            errors = json.loads(body).get("errors") or []
            if errors:
                return int(errors[0].get("code") or 0), errors[0].get("message", "")
            return None, None
        root = etree.fromstring(body.encode() if isinstance(body, str) else body)
        err = root.find("errors/error")
        if err is not None:
            code = err.findtext("code") or "0"
            return int(code.strip() or 0), (err.findtext("message") or "").strip()
    except (ValueError, etree.XMLSyntaxError, AttributeError):
        # not a PrestaShop error document: the caller reports the raw body
        return None, None
    return None, None


# ---------------------------------------------------------------------- client


class PrestaShopClient:
    """One HTTP session to one shop.  Never logs the key."""

    def __init__(self, url, key, timeout=DEFAULT_TIMEOUT, session=None):
        self.base = url.rstrip("/") + "/api/"
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.auth = (key, "")
        self.session.headers["User-Agent"] = "odoo-connector-prestashop"
        self.request_count = 0
        self.version = None  # PSWS-Version of the last answer

    def close(self):
        self.session.close()

    # -- transport -----------------------------------------------------------
    def request(self, method, path, params=None, data=None, headers=None):
        """Send one request and return the ``requests.Response`` when it is a
        success; raise the matching :class:`PrestaShopError` otherwise."""
        url = self.base + path
        started = time.monotonic()
        self.request_count += 1
        try:
            resp = self.session.request(
                method,
                url,
                params=params,
                data=data,
                headers=headers,
                timeout=self.timeout,
            )
        except requests.Timeout as err:
            raise PrestaShopNetworkError(
                f"PrestaShop did not answer {method} {path} in time; it will be "
                "retried.",
                method=method,
                path=path,
            ) from err
        except requests.RequestException as err:
            raise PrestaShopNetworkError(
                f"PrestaShop cannot be reached ({type(err).__name__}) for {method} "
                f"{path}; it will be retried.",
                method=method,
                path=path,
            ) from err
        _logger.debug(
            "PrestaShop %s %s -> %s (%.0f ms)",
            method,
            path,
            resp.status_code,
            (time.monotonic() - started) * 1000,
        )
        self.version = resp.headers.get("PSWS-Version") or self.version
        if resp.status_code < 400 or resp.status_code == 304:
            return resp
        self._raise_for(resp, method, path)

    def _raise_for(self, resp, method, path):
        status = resp.status_code
        code, message = _error_from_document(
            resp.text, resp.headers.get("Content-Type")
        )
        where = f"{method} {path}"
        if status == 401:
            raise PrestaShopAuthError(
                "PrestaShop refused the webservice key (HTTP 401). Check the key on "
                "the backend and that the webservice is enabled in PrestaShop "
                "(Advanced Parameters > Webservice).",
                status,
                code,
                method,
                path,
            )
        if status == 403 or code == 25:
            raise PrestaShopPermissionError(
                f"The webservice key may not do {where} (HTTP {status}). Give the "
                "key this permission in PrestaShop (Advanced Parameters > "
                f"Webservice). PrestaShop said: {message or '-'}",
                status,
                code,
                method,
                path,
            )
        if status == 404:
            raise PrestaShopNotFound(
                f"PrestaShop has no record at {path} (HTTP 404): it was deleted or "
                "the id is wrong.",
                status,
                code,
                method,
                path,
            )
        if status >= 500 and code is None:
            raise PrestaShopServerError(
                f"PrestaShop failed on {where} (HTTP {status}); it will be retried.",
                status,
                code,
                method,
                path,
            )
        raise PrestaShopRequestError(
            f"PrestaShop refused {where} (HTTP {status}, error {code}): {message}",
            status,
            code,
            method,
            path,
        )

    # -- reads -----------------------------------------------------------------
    def head(self, path=""):
        return self.request("HEAD", path)

    def get_xml(self, path, params=None):
        resp = self.request("GET", path, params=params)
        return parse_xml(resp.content)

    def get_json(self, path, params=None):
        params = dict(params or {}, output_format="JSON")
        resp = self.request("GET", path, params=params)
        try:
            return json.loads(resp.text) if resp.text.strip() else []
        except ValueError as err:
            raise PrestaShopNetworkError(
                f"PrestaShop sent unreadable JSON for {path}; it will be retried."
            ) from err

    # read/create/write below are HTTP calls, not Odoo ORM overrides: no super
    def read(self, resource, record_id, params=None):  # pylint: disable=method-required-super
        """One record, in XML (single-object JSON drops falsy fields)."""
        root = self.get_xml(f"{resource}/{int(record_id)}", params)
        node = root[0] if len(root) else None
        if node is None:
            raise PrestaShopNetworkError(
                f"PrestaShop sent an empty answer for {resource}/{record_id}; it "
                "will be retried."
            )
        return element_to_record(node)

    def list(self, resource, params=None, fmt="xml"):
        """A list of records (``display=full`` unless ``params`` says else)."""
        params = dict(params or {})
        params.setdefault("display", "full")
        if fmt == "json":
            data = self.get_json(resource, params)
            if isinstance(data, list):  # an empty result is a bare []
                return []
            items = next(iter(data.values()), [])
            return [json_to_record(obj) for obj in items]
        root = self.get_xml(resource, params)
        container = root[0] if len(root) else []
        return [
            element_to_record(node) for node in container if isinstance(node.tag, str)
        ]

    def search_ids(self, resource, params=None):
        params = dict(params or {})
        params.pop("display", None)
        root = self.get_xml(resource, params)
        container = root[0] if len(root) else []
        return [int(node.get("id")) for node in container if node.get("id")]

    def schema_blank(self, resource):
        root = self.get_xml(resource, {"schema": "blank"})
        return element_to_record(root[0])

    # -- writes ----------------------------------------------------------------
    def _write(self, method, path, node, record):
        body = record_to_xml(node, record).encode("utf-8")
        resp = self.request(
            method, path, data=body, headers={"Content-Type": "text/xml; charset=utf-8"}
        )
        if not resp.content:
            return {}
        root = parse_xml(resp.content)
        return element_to_record(root[0]) if len(root) else {}

    def create(self, resource, node, record):  # pylint: disable=method-required-super
        """POST; returns the stored record (re-read orders: see README)."""
        record = {k: v for k, v in record.items() if k != "id"}
        return self._write("POST", resource, node, record)

    def update(self, resource, node, record_id, record):
        """PUT: PrestaShop replaces the whole object (missing optional fields
        become empty), so send a complete record."""
        return self._write(
            "PUT", f"{resource}/{int(record_id)}", node, dict(record, id=int(record_id))
        )

    def patch(self, resource, node, record_id, record):
        """PATCH: only the given fields change; the ``<id>`` in the body is the
        one PrestaShop modifies, so it is always set from ``record_id``."""
        return self._write(
            "PATCH",
            f"{resource}/{int(record_id)}",
            node,
            dict(record, id=int(record_id)),
        )

    def delete(self, resource, record_id):
        self.request("DELETE", f"{resource}/{int(record_id)}")
        return True
