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
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

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


class PrestaShopBudgetWait(PrestaShopError):
    """The shop's request budget is spent for ``seconds`` more and waiting
    here would hold the worker: nothing was sent.  A job is postponed by
    that much without spending a try (``fixable_error``)."""

    retryable = True

    def __init__(self, seconds, allowed, mid_work=False):
        """``mid_work``: the job had sent requests already (postponing it
        redoes them: that costs the job a try, so that a job needing more
        requests than the budget allows in one try ends, failed, instead of
        being postponed for ever)."""
        super().__init__(
            f"The shop's request budget ({allowed} requests a minute) is spent "
            f"for {seconds:.0f} s more; nothing was sent."
        )
        self.seconds = seconds
        self.mid_work = mid_work


class PrestaShopAuthError(PrestaShopError):
    """401 (errors 16 to 21): the webservice key is wrong or inactive."""


class PrestaShopPermissionError(PrestaShopError):
    """The key lacks a permission: 401 error 26 (no permission at all on the
    resource), 405 error 25 (not this method), 403 error 132 (not this
    shop).  ``resource`` names the resource, ``method`` the HTTP method."""

    @property
    def resource(self):
        return (self.path or "").split("/", 1)[0].split("?", 1)[0]


class PrestaShopSetupError(PrestaShopError):
    """A setting of the shop or of the backend to change; waiting does not
    help.  ``kind`` says which: ``"php_notice"`` (the shop prints PHP
    notices before its answers), ``"not_webservice"`` (nothing like the
    PrestaShop webservice answers at the Shop URL), ``"disabled"`` (the
    webservice is turned off, error 22).  ``detail`` is what was seen (the
    notice, the status and content type)."""

    def __init__(self, message, kind, detail="", **kwargs):
        super().__init__(message, **kwargs)
        self.kind = kind
        self.detail = detail


class PrestaShopNotFound(PrestaShopError):
    """404: the id does not exist (any more) on the shop."""


class PrestaShopRequestError(PrestaShopError):
    """400 or a 500 with an error document: the shop refused the request."""


# ------------------------------------------------------- what the shop prints

#: C0 control characters but tab, newline and carriage return, and DEL.
#: PrestaShop stores them as typed (an address pasted from a spreadsheet
#: holds a vertical tab) and prints them raw in XML (which is then not
#: well-formed XML 1.0) and ``\u00XX``-escaped in JSON
#: (``WebserviceOutputXML::renderField`` writes CDATA without filtering,
#: ``json_encode`` escapes).  They are never meaningful in Odoo.
CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
_CONTROL_RE = re.compile(f"[{CONTROL_CHARS}]")
# in UTF-8 these bytes only ever stand for themselves: safe on raw bodies
_CONTROL_BYTES_RE = re.compile(f"[{CONTROL_CHARS}]".encode())
#: How a JSON text writes them (``json_encode``: ``\u00XX``, ``\b``,
#: ``\f``, DEL as itself); a JSON answer without any has nothing to strip
#: (a 5,000-row page is not walked for nothing).
_JSON_CONTROL_RE = re.compile(rb"\\u00(?:0[0-8bcef]|1[0-9a-f]|7f)|\\[bf]|\x7f", re.I)

#: What PHP prints before the answer with ``display_errors`` on: one or
#: more "Notice: ... in FILE on line N", as HTML (``html_errors`` on:
#: ``<br />\n<b>Notice</b>:  ... on line <b>12</b><br />``) or plain text.
_PHP_MESSAGES = (
    rb"(?:PHP )?(?:Notice|Warning|Deprecated|Strict Standards|User Notice|"
    rb"User Warning|User Deprecated|Fatal error|Parse error|"
    rb"Recoverable fatal error)"
)
_PHP_NOTICE_RE = re.compile(
    rb"\A(?:\s*(?:<br\s*/?>\s*)?(?:<b>)?"
    + _PHP_MESSAGES
    + rb"(?:</b>)?:.*?on line\s*(?:<b>)?\d+(?:</b>)?(?:\s*<br\s*/?>)?)+\s*",
    re.S,
)


def strip_controls(value):
    """``value`` without control characters (see :data:`CONTROL_CHARS`):
    ``str`` and ``bytes`` are cleaned, lists and dicts recursively (JSON
    answers), anything else is returned as is."""
    if isinstance(value, str):
        return _CONTROL_RE.sub("", value)
    if isinstance(value, bytes):
        return _CONTROL_BYTES_RE.sub(b"", value)
    if isinstance(value, list):
        return [strip_controls(v) for v in value]
    if isinstance(value, dict):
        return {k: strip_controls(v) for k, v in value.items()}
    return value


def split_php_output(body, start=(b"<?xml", b"<prestashop")):
    """Split what PHP printed before the answer from the answer.

    :param body: the raw answer (bytes)
    :param start: how the answer itself starts (XML by default; JSON answers
        pass ``(b"{", b"[")``)
    :return: ``(notice, document)``: ``notice`` is the printed text (bytes,
        empty when there is none), ``document`` the rest.  XML answers also
        lose anything printed before ``<?xml`` (a module's ``echo``).
    """
    head = body.lstrip()
    if not head or head.startswith(start):
        return b"", body
    match = _PHP_NOTICE_RE.match(body)
    if match:
        return body[: match.end()], body[match.end() :]
    if start[0] == b"<?xml":
        at = body.find(b"<?xml")
        if at > 0:
            return body[:at], body[at:]
    return b"", body


def notice_text(notice):
    """A printed PHP notice as one line of text, without its HTML."""
    text = notice.decode("utf-8", "replace") if isinstance(notice, bytes) else notice
    text = re.sub(r"<[^>]+>", "", text)
    return " ".join(text.split())[:500]


def _notice_error(notice, method=None, path=None):
    text = notice_text(notice)
    return PrestaShopSetupError(
        "The shop prints PHP notices before its answers, so they cannot be "
        f"read ({text}): turn off display_errors in PHP and the debug mode of "
        "PrestaShop (Advanced Parameters > Performance > Debug mode, or "
        "_PS_MODE_DEV_ in config/defines.inc.php), or fix the module that "
        "prints the notice.",
        "php_notice",
        text,
        method=method,
        path=path,
    )


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


def xml_parser():
    """The parser of every XML body the client reads, answers and error
    documents alike (:func:`xml_document`): what comes back from the shop is
    not trusted.  No entity is substituted (``resolve_entities=False``: an
    external entity cannot copy a local file into a record or an error
    message, nested entities cannot fill the memory), no DTD is loaded, the
    network is never used, libxml2's size limits stay on
    (``huge_tree=False``).  A new one per document: lxml parsers must not be
    used by two threads at once."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
    )


def xml_document(document):
    """The root element of ``document`` (bytes) read with :func:`xml_parser`.

    :raise etree.XMLSyntaxError: not well-formed
    :raise ValueError: a document type declaration (``<!DOCTYPE``, where
        entities are declared): the webservice never sends one
        (``WebserviceOutputXML``), so it is refused rather than read
    """
    root = etree.fromstring(document, parser=xml_parser())
    if root.getroottree().docinfo.doctype:
        raise ValueError(
            "it declares a document type (<!DOCTYPE>), which the PrestaShop "
            "webservice never sends"
        )
    return root


def parse_xml(body, method=None, path=None):
    """Parse a PrestaShop XML body (bytes).

    Control characters are removed first (PrestaShop prints them raw, which
    XML 1.0 forbids).  A PHP notice printed before the answer is left out
    and logged as a warning when the answer after it is well-formed.  Read
    with the hardened :func:`xml_document` (no entity, no DTD).

    :raise PrestaShopSetupError: a notice, and no readable answer after it
        (permanent: the shop must stop printing notices)
    :raise PrestaShopNetworkError: a garbled answer (cut connection...) or
        one declaring a document type: retryable
    """
    if isinstance(body, str):
        body = body.encode("utf-8")
    notice, document = split_php_output(strip_controls(body))
    try:
        root = xml_document(document)
    except (etree.XMLSyntaxError, ValueError) as err:
        if notice:
            raise _notice_error(notice, method, path) from err
        raise PrestaShopNetworkError(
            f"PrestaShop sent an unreadable answer to {method or 'GET'} "
            f"{path or ''} ({err}).",
            method=method,
            path=path,
        ) from err
    if notice:
        _logger.warning(
            "PrestaShop printed this before its answer to %s %s (read anyway; "
            "turn off display_errors / the debug mode of the shop): %s",
            method or "GET",
            path,
            notice_text(notice),
        )
    return root


def _xml_text(element, value):
    """Set ``value`` (str) as the text of ``element`` as PrestaShop writes
    its own (a CDATA section), without the control characters XML 1.0
    cannot hold (:data:`CONTROL_CHARS`).  A text holding ``]]>`` cannot be
    a CDATA section: it goes as escaped text, which PrestaShop's
    ``simplexml_load_string`` reads the same."""
    value = strip_controls(value)
    element.text = etree.CDATA(value) if value and "]]>" not in value else value


def _value_to_xml(parent, name, value):
    """``<name>value</name>`` under ``parent``: a multi-language value
    (``{language id: text}``) as ``<language id="..">`` children, ``None``
    and ``False`` empty, ``True`` 1, floats with 6 decimals (PrestaShop's
    ``decimal(20,6)``)."""
    element = etree.SubElement(parent, name)
    if isinstance(value, dict):
        for lang, text in value.items():
            language = etree.SubElement(element, "language", id=str(int(lang)))
            _xml_text(language, str(text or ""))
        return
    if value is None or value is False:
        element.text = ""  # <name></name>, as the shop's own empty fields
        return
    if value is True:
        value = 1
    if isinstance(value, float):
        value = f"{value:.6f}"
    _xml_text(element, str(value))


def record_to_xml(node, record):
    """Serialise a record (the read format) into a PrestaShop XML body."""
    return records_to_xml(node, [record])


def records_to_xml(node, records):
    """Several records in one body: ``<prestashop><node>..</node><node>..
    </node></prestashop>``; PrestaShop writes them one after the other
    (``WebserviceRequest::saveEntityFromXml`` loops over the children).

    :param node: the resource's node name (``product``, ``order_history``).
    :param records: dicts in the read format (see :func:`element_to_record`);
        ``associations`` is ``{association: [item dicts]}``.
    :return: str, the XML document (UTF-8 declared).
    :raise ValueError: a field name that is not an XML name.
    """
    root = etree.Element("prestashop")
    root.text = ""
    for record in records:
        _entity_xml(root, node, record)
    return '<?xml version="1.0" encoding="UTF-8"?>' + etree.tostring(
        root, encoding="unicode"
    )


def _entity_xml(root, node, record):
    entity = etree.SubElement(root, node)
    for name, value in record.items():
        if name != "associations":
            _value_to_xml(entity, name, value)
            continue
        # empty elements written <a></a>, as before lxml (the same XML)
        associations = etree.SubElement(entity, "associations")
        associations.text = ""
        for assoc, items in value.items():
            container = etree.SubElement(associations, assoc)
            container.text = ""
            item_node = _singular(assoc)
            for item in items:
                element = etree.SubElement(container, item_node)
                for key, item_value in item.items():
                    _value_to_xml(element, key, item_value)


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
    """Extract (code, message) from a PrestaShop error document, if any
    (the first error: PrestaShop lists PHP warnings, code 3, after it).
    Read with the hardened :func:`xml_document`, as every answer: a document
    declaring entities is no error document, ``(None, None)``."""
    if not body:
        return None, None
    if isinstance(body, str):
        body = body.encode("utf-8")
    body = strip_controls(body)
    try:
        if "json" in (content_type or ""):
            _notice, document = split_php_output(body, (b"{", b"["))
            errors = json.loads(document).get("errors") or []
            if errors:
                return int(errors[0].get("code") or 0), errors[0].get("message", "")
            return None, None
        _notice, document = split_php_output(body)
        root = xml_document(document)
        err = root.find("errors/error")
        if err is not None:
            code = err.findtext("code") or "0"
            return int(code.strip() or 0), (err.findtext("message") or "").strip()
    except (ValueError, etree.XMLSyntaxError, AttributeError):
        # not a PrestaShop error document: the caller reports the raw body
        return None, None
    return None, None


#: 401 error codes of ``WebserviceRequest::authenticate()``: the key itself
#: (none sent, empty, not 32 characters, unknown or inactive, no permission
#: at all).  Error 26 (401 too) is a permission missing on one resource.
KEY_ERROR_CODES = (16, 17, 18, 20, 21)


# ---------------------------------------------------------------------- client


#: What :meth:`PrestaShopClient.parallel` gives for a call it did not send
#: (another had failed).
_NOT_SENT = object()


class SharedBudget:
    """A request budget taken by several connections of one job
    (:meth:`PrestaShopClient.parallel`), one at a time: a take reads and
    writes the backend's counter and the job's own (``work``)."""

    def __init__(self, budget, failed=None):
        """``failed``: a ``threading.Event`` set when a call failed: a call
        waiting for its turn (another's take may sleep) is then not sent."""
        self.budget = budget
        self.failed = failed
        self._lock = threading.Lock()

    def take(self, count=1):
        with self._lock:
            if self.failed is not None and self.failed.is_set():
                raise _NotSent()
            return self.budget.take(count)


class _NotSent(Exception):
    """A call of :meth:`PrestaShopClient.parallel` not sent: another failed
    while it waited for the budget."""


class PrestaShopClient:
    """One HTTP session to one shop.  Never logs the key."""

    def __init__(self, url, key, timeout=DEFAULT_TIMEOUT, session=None, budget=None):
        """``budget``: an object whose ``take(count)`` is called before
        every request and returns when the shop's request budget lets it go,
        or raises :class:`PrestaShopBudgetWait` (the backend's
        ``RequestBudget``); None: no budget."""
        self.base = url.rstrip("/") + "/api/"
        self.timeout = timeout
        self.budget = budget
        self.session = session or requests.Session()
        self.session.auth = (key, "")
        self.session.headers["User-Agent"] = "odoo-connector-prestashop"
        self.request_count = 0
        self.version = None  # PSWS-Version of the last answer

    def close(self):
        self.session.close()

    def _clone(self, budget=None):
        """A client of the same shop and key on a session of its own."""
        clone = PrestaShopClient(
            self.base[: -len("api/")], "", timeout=self.timeout, budget=budget
        )
        clone.session.auth = self.session.auth
        clone.session.headers.update(self.session.headers)
        return clone

    def parallel(self, method, calls, connections=4, return_exceptions=False):
        """``[getattr(self, method)(*args) for args in calls]``, sent over up
        to ``connections`` connections at once, each with a session of its
        own: the shop answers independent requests side by side, so their
        wall time is that of the busiest connection instead of the sum.

        ``calls``: argument tuples; results come in the same order.  Each
        request takes the budget when it is sent, one connection at a time
        (:class:`SharedBudget`).  After an error no other call is sent; the
        first error in the calls' order is raised once those under way are
        over, as if they had been sent one by one.  With
        ``return_exceptions`` each call's error takes its place among the
        results instead (every call is sent).  PrestaShop answers several
        requests of one key at once (one PHP worker each); four connections
        stay well under what a shop's web server serves.  Only for calls
        that do not depend on each other's effect on the shop."""
        calls = [tuple(args) for args in calls]
        connections = max(1, min(connections, len(calls)))
        if connections == 1:
            return self._run_calls(self, method, calls, return_exceptions)
        clones, failed = [], threading.Event()
        budget = SharedBudget(self.budget, failed) if self.budget is not None else None
        local = threading.local()

        def run(args):
            if failed.is_set():
                return _NOT_SENT
            clone = getattr(local, "client", None)
            if clone is None:
                clone = local.client = self._clone(budget)
                clones.append(clone)
            try:
                return self._run_calls(clone, method, [args], return_exceptions)[0]
            except _NotSent:
                return _NOT_SENT
            except BaseException:
                failed.set()
                raise

        pool = ThreadPoolExecutor(connections, thread_name_prefix="prestashop")
        try:
            futures = [pool.submit(run, args) for args in calls]
            results, errors = [], []
            for future in futures:
                try:
                    results.append(future.result())
                except Exception as err:  # the first, in the calls' order
                    errors.append(err)
            if errors:
                raise errors[0]
            return results
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            for clone in clones:
                self.request_count += clone.request_count
                self.version = clone.version or self.version
                clone.close()

    @staticmethod
    def _run_calls(client, method, calls, return_exceptions):
        results = []
        for args in calls:
            try:
                results.append(getattr(client, method)(*args))
            except PrestaShopError as err:
                if not return_exceptions:
                    raise
                results.append(err)
        return results

    # -- transport -----------------------------------------------------------
    def url(self, path=""):
        """The full URL of ``path`` (the key is never in it: it travels as
        HTTP basic auth)."""
        return self.base + path

    def request(self, method, path, params=None, data=None, headers=None):
        """Send one request and return the ``requests.Response`` when it is a
        success; raise the matching :class:`PrestaShopError` otherwise.

        Messages name the method and the URL and say what is wrong; whether
        it is retried is for the caller to say (a job retries, a button
        press does not)."""
        url = self.url(path)
        if self.budget is not None:
            self.budget.take(1)
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
                f"PrestaShop did not answer {method} {url} in time (after "
                f"{self.timeout} s).",
                method=method,
                path=path,
            ) from err
        except requests.RequestException as err:
            raise PrestaShopNetworkError(
                f"Nothing answered {method} {url} ({type(err).__name__}): the "
                "shop is down or the Shop URL is wrong.",
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
            if not path and not resp.headers.get("PSWS-Version"):
                raise self._not_webservice(resp, method, path)
            return resp
        self._raise_for(resp, method, path)

    def _not_webservice(self, resp, method, path):
        """The answer comes from something else than the webservice (a web
        page, a web server's "not found"): the Shop URL is wrong, or the
        shop does not route /api/ (friendly URLs / .htaccess)."""
        seen = (
            f"HTTP {resp.status_code}, "
            f"{resp.headers.get('Content-Type') or 'no content type'}"
        )
        return PrestaShopSetupError(
            f"{self.url(path)} is not the PrestaShop webservice ({seen}): check "
            "the Shop URL on the backend (the shop's address, without /api) and "
            "that the shop's friendly URLs are on (Shop Parameters > Traffic & "
            "SEO), as /api/ needs them.",
            "not_webservice",
            seen,
            status=resp.status_code,
            method=method,
            path=path,
        )

    def _raise_for(self, resp, method, path):
        status = resp.status_code
        code, message = _error_from_document(
            resp.content, resp.headers.get("Content-Type")
        )
        where = f"{method} {path}"
        resource = path.split("/", 1)[0]
        said = f" PrestaShop said: {message}" if message else ""
        if not resp.headers.get("PSWS-Version") and status in (404, 405):
            # the web server answered, not the webservice
            raise self._not_webservice(resp, method, path)
        if status == 401 and code == 26 or status == 405 and code == 25:
            raise PrestaShopPermissionError(
                f"The webservice key has no {method} permission on {resource} "
                f"(HTTP {status}, error {code}): in PrestaShop, Advanced "
                f"Parameters > Webservice > the key > tick {method} on the line "
                f"{resource}.{said}",
                status,
                code,
                method,
                path,
            )
        if status == 401:
            raise PrestaShopAuthError(
                "PrestaShop refused the webservice key (HTTP 401"
                + (f", error {code}" if code else "")
                + "). Check the key on the backend, that it is active and that "
                "the webservice is enabled in PrestaShop (Advanced Parameters > "
                f"Webservice).{said}",
                status,
                code,
                method,
                path,
            )
        if status == 403 and code == 132:
            raise PrestaShopPermissionError(
                "The webservice key may not be used on this shop (HTTP 403, "
                "error 132): in PrestaShop, Advanced Parameters > Webservice > "
                f"the key > Shop association, tick the shop.{said}",
                status,
                code,
                method,
                path,
            )
        if status == 403:
            raise PrestaShopPermissionError(
                f"The webservice key may not do {where} (HTTP 403): in "
                "PrestaShop, Advanced Parameters > Webservice > the key > tick "
                f"{method} on the line {resource}.{said}",
                status,
                code,
                method,
                path,
            )
        if status == 503 and code == 22:
            raise PrestaShopSetupError(
                "The PrestaShop webservice is disabled: in PrestaShop, Advanced "
                "Parameters > Webservice > Enable PrestaShop's webservice.",
                "disabled",
                message or "",
                status=status,
                code=code,
                method=method,
                path=path,
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
            notice, _rest = split_php_output(resp.content or b"")
            if notice:
                raise _notice_error(notice, method, path)
            raise PrestaShopServerError(
                f"PrestaShop failed on {where} (HTTP {status}).",
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
        return parse_xml(resp.content, "GET", path)

    def get_json(self, path, params=None):
        """A JSON answer, every text without control characters (PrestaShop
        escapes them as ``\\u00XX``) and read past a PHP notice (see
        :func:`parse_xml`)."""
        params = dict(params or {}, output_format="JSON")
        resp = self.request("GET", path, params=params)
        notice, document = split_php_output(resp.content, (b"{", b"["))
        try:
            data = json.loads(document) if document.strip() else []
        except ValueError as err:
            if notice:
                raise _notice_error(notice, "GET", path) from err
            raise PrestaShopNetworkError(
                f"PrestaShop sent unreadable JSON for GET {path}.",
                method="GET",
                path=path,
            ) from err
        if notice:
            _logger.warning(
                "PrestaShop printed this before its answer to GET %s (read "
                "anyway; turn off display_errors / the debug mode of the shop): "
                "%s",
                path,
                notice_text(notice),
            )
        return strip_controls(data) if _JSON_CONTROL_RE.search(document) else data

    # read/create/write below are HTTP calls, not Odoo ORM overrides: no super
    def read(self, resource, record_id, params=None):  # pylint: disable=method-required-super
        """One record, in XML (single-object JSON drops falsy fields)."""
        root = self.get_xml(f"{resource}/{int(record_id)}", params)
        node = root[0] if len(root) else None
        if node is None:
            raise PrestaShopNetworkError(
                f"PrestaShop sent an empty answer for GET {resource}/{record_id}.",
                method="GET",
                path=f"{resource}/{record_id}",
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
        root = parse_xml(resp.content, method, path)
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

    def patch_many(self, resource, node, records):
        """One PATCH of several records on the collection URL (each record
        with its ``id``): PrestaShop writes them in order and stops at the
        first it refuses (404 code 92 for an unknown id, 400 for an invalid
        value), the ones before it written (no transaction:
        ``WebserviceRequest::saveEntityFromXml``).  Duplicate ids are refused
        before anything is written (400 code 89).  Returns the records
        PrestaShop echoes (read format), in order."""
        body = records_to_xml(node, records).encode("utf-8")
        resp = self.request(
            "PATCH",
            resource,
            data=body,
            headers={"Content-Type": "text/xml; charset=utf-8"},
        )
        if not resp.content:
            return []
        root = parse_xml(resp.content, "PATCH", resource)
        return [element_to_record(child) for child in root]

    def delete(self, resource, record_id):
        self.request("DELETE", f"{resource}/{int(record_id)}")
        return True
