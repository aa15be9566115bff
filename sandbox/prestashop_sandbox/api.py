"""The webservice dispatcher: ``WebserviceApp.handle()`` turns one request into
one :class:`Response`, independent of the HTTP server (so tests and the
benchmark can call it in-process).  ``ROUTES`` is the table of what answers
which path."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from dataclasses import dataclass, field

from lxml import etree

from . import logic, render_json, render_xml, validate
from .errors import NotFound, RawResponse, WsError, closest
from .query import ListQuery
from .store import copy_record

XML_CT = ("Content-type", "text/xml;charset=utf-8")
JSON_CT = ("Content-Type", "application/json")
POWERED = ("X-Powered-By", "PrestaShop Webservice")
PHP_POWERED = ("X-Powered-By", "PHP/8.2.36")
REALM = (
    'Basic realm="Welcome to PrestaShop Webservice, please enter the '
    'authentication key as the login. No password required."'
)
IMAGE_TYPES = (
    "general",
    "products",
    "categories",
    "manufacturers",
    "suppliers",
    "stores",
    "customizations",
)
MIMES = (
    "image/gif, image/jpg, image/jpeg, image/pjpeg, image/png, image/webp, image/x-png"
)
#: PHP class names for validation messages
CLASSES = {
    "customers": "Customer",
    "orders": "Order",
    "products": "Product",
    "categories": "Category",
    "addresses": "Address",
    "carts": "Cart",
    "combinations": "Combination",
    "product_options": "AttributeGroup",
    "product_option_values": "Attribute",
    "order_histories": "OrderHistory",
    "specific_prices": "SpecificPrice",
    "stock_availables": "StockAvailable",
    "order_carriers": "OrderCarrier",
    "order_slip": "OrderSlip",
    "tags": "Tag",
}


@dataclass
class Response:
    status: int
    headers: list = field(default_factory=list)
    body: bytes = b""


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes
    host: str

    @property
    def json(self) -> bool:
        fmt = (
            self.query.get("output_format")
            or self.headers.get("output-format")
            or self.headers.get("io-format")
            or ""
        )
        return fmt.upper() == "JSON"


#: the methods a webservice key can be granted on a resource (the
#: ``webservice_permission`` table; the back office's check boxes)
METHODS = ("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD")


class WebserviceApp:
    """One shop: a store, a key, a profile."""

    def __init__(self, store, key: str):
        self.store = store
        self.key = key
        self.profile = store.profile
        #: what the key may do: ``None`` (every method on every resource,
        #: the sandbox's default) or ``{resource: {methods}}`` as the
        #: back office's check boxes leave it (see :meth:`deny`)
        self.permissions = None

    # -- the key's permissions -----------------------------------------
    def resource_names(self) -> list:
        return sorted(
            set(self.store.resources) | {r[0] for r in self.profile.root_resources}
        )

    def deny(self, resource: str, *methods: str) -> None:
        """Untick ``methods`` of ``resource`` for the key (all of them when
        none is given: the resource is then absent from the key's
        permissions, as PrestaShop stores it)."""
        perms = self.permissions
        if perms is None:
            perms = {name: set(METHODS) for name in self.resource_names()}
        left = perms.get(resource, set()) - set(methods or METHODS)
        if left:
            perms[resource] = left
        else:
            perms.pop(resource, None)
        self.permissions = perms

    def allowed(self, resource: str, method: str | None = None) -> bool:
        if self.permissions is None:
            return True
        granted = self.permissions.get(resource)
        return bool(granted) and (method is None or method in granted)

    def _check_permissions(self, req, name: str) -> None:
        """``WebserviceRequest::checkResource()`` then ``checkHTTPMethod()``:
        a resource the key has no permission on is a 401 (error 26), a
        method not ticked a 405 (error 25)."""
        if not self.allowed(name):
            raise WsError(
                401,
                [
                    (
                        26,
                        f'Resource of type "{name}" is not allowed with this '
                        "authentication key",
                    )
                ],
            )
        if not self.allowed(name, req.method):
            raise WsError(
                405,
                [
                    (
                        25,
                        f"Method {req.method} is not allowed for the resource "
                        f"{name} with this authentication key",
                    )
                ],
            )

    # -- entry point ---------------------------------------------------
    def handle(self, req: Request) -> Response:
        t0 = time.perf_counter()
        try:
            auth = self._auth(req)
            if auth is not None:
                return auth
            status, body, ctype, sha1 = self._dispatch(req)
        except RawResponse as r:
            hdr = (
                [PHP_POWERED]
                + list(r.headers.items())
                + [("Content-type", "text/html; charset=utf-8")]
            )
            return Response(r.status, hdr, r.body.encode())
        except NotFound:
            return self._ws(req, 404, b"", ("Content-Type", ""), False, t0)
        except WsError as e:
            body = (
                render_json.errors(e.errors)
                if req.json
                else render_xml.errors(e.errors)
            )
            ct = JSON_CT if req.json else XML_CT
            return self._ws(req, e.status, body.encode(), ct, e.sha1, t0)
        except Exception as exc:  # noqa: BLE001 - a sandbox bug must not kill the connection
            errs = [(0, f"sandbox internal error: {type(exc).__name__}: {exc}")]
            body = render_json.errors(errs) if req.json else render_xml.errors(errs)
            return self._ws(
                req, 500, body.encode(), JSON_CT if req.json else XML_CT, False, t0
            )
        if isinstance(body, str):
            body = body.encode()
        resp = self._ws(req, status, body, ctype, sha1, t0)
        local = req.headers.get("local-content-sha1")
        if local and status == 200 and local == hashlib.sha1(body).hexdigest():
            resp.status, resp.body = 304, b""
        if req.method == "HEAD":
            resp.body = b""
        return resp

    def _ws(self, req, status, body: bytes, ctype, sha1: bool, t0) -> Response:
        hdr = [
            ("Access-Time", str(int(time.time()))),
            POWERED,
            ("PSWS-Version", self.profile.version),
            ctype,
            ("Execution-Time", f"{time.perf_counter() - t0:.3f}"),
        ]
        if sha1:
            hdr.append(("Content-Sha1", hashlib.sha1(body).hexdigest()))
        return Response(status, hdr, body)

    def _auth(self, req: Request):
        key = req.query.get("ws_key")
        authz = req.headers.get("authorization", "")
        if key is None and authz.lower().startswith("basic "):
            try:
                key = base64.b64decode(authz[6:].strip()).decode().split(":", 1)[0]
            except (ValueError, UnicodeDecodeError):
                key = ""
        if key is None:
            return Response(
                401,
                [
                    PHP_POWERED,
                    ("WWW-Authenticate", REALM),
                    ("Content-type", "text/html; charset=utf-8"),
                ],
                b"401 Unauthorized",
            )
        if key != self.key:
            errs = [
                (20, "Authentification key is not active"),
                (21, "No permission for this authentication key"),
            ]
            body = render_json.errors(errs) if req.json else render_xml.errors(errs)
            return Response(
                401,
                [
                    ("WWW-Authenticate", REALM),
                    ("Access-Time", str(int(time.time()))),
                    POWERED,
                    ("PSWS-Version", "0"),
                    JSON_CT if req.json else XML_CT,
                    ("Execution-Time", "0"),
                ],
                body.encode(),
            )
        return None

    # -- routing -------------------------------------------------------
    def _dispatch(self, req: Request):
        parts = [p for p in req.path.strip("/").split("/") if p]
        if not parts:
            return self.root(req)
        name = parts[0]
        if name in self.store.resources or name in {
            r[0] for r in self.profile.root_resources
        }:
            self._check_permissions(req, name)
        for prefix, handler in ROUTES:
            if name == prefix:
                return handler(self, req, parts)
        if name in self.store.resources:
            return self.resource(req, name, parts[1] if len(parts) > 1 else None)
        if name in {r[0] for r in self.profile.root_resources}:
            return self.empty_resource(req, name, parts)
        names = [r[0] for r in self.profile.root_resources]
        raise WsError(
            400,
            [
                (
                    27,
                    f'Resource of type "{name}" does not exists. Did you '
                    f'mean: "{closest(name, names)}"? The full list is: "'
                    + '", "'.join(names)
                    + '"',
                )
            ],
        )

    def base(self, req) -> str:
        return f"http://{req.host}/api/"

    def ok(self, req, body: str, status: int = 200):
        return status, body, (JSON_CT if req.json else XML_CT), True

    # -- root ------------------------------------------------------------
    def root(self, req):
        if req.json:
            raise RawResponse(
                500,
                "",
                {
                    "Set-Cookie": "PrestaShop-sandbox=deleted; "
                    "path=/; HttpOnly; SameSite=Lax"
                },
            )
        base = self.base(req)
        out = [render_xml.HEAD, f'<api shopName="{self._shop_name()}">\n']
        for name, desc, has_schema in self.profile.root_resources:
            # only the resources the key may use, with what it may do
            if not self.allowed(name):
                continue
            perms = " ".join(
                f'{m.lower()}="{"true" if self.allowed(name, m) else "false"}"'
                for m in METHODS
            )
            out.append(
                f'<{name} xlink:href="{base}{name}" {perms}>\n'
                f'<description xlink:href="{base}{name}" {perms}>\n{desc}'
                "</description>\n"
            )
            if has_schema:
                for kind in ("blank", "synopsis"):
                    out.append(
                        f'<schema xlink:href="{base}{name}?schema={kind}" '
                        f'type="{kind}"/>\n'
                    )
            out.append(f"</{name}>\n")
        out.append("</api>\n" + render_xml.TAIL)
        return self.ok(req, "".join(out))

    def _shop_name(self) -> str:
        shop = self.store.tables.get("shops", {}).get(1)
        return (shop or {}).get("name") or self.profile.shop_name

    def empty_resource(self, req, name, parts):
        if len(parts) > 1:
            raise NotFound()
        if req.json:
            return self.ok(req, "[]")
        return self.ok(
            req, render_xml.HEAD + f"<{name}>\n</{name}>\n" + render_xml.TAIL
        )

    # -- resources ------------------------------------------------------
    def resource(self, req, name, rid):
        m = req.method
        if m in ("GET", "HEAD"):
            return self.get(req, name, rid)
        if m == "POST":
            return self.post(req, name, rid)
        if m in ("PUT", "PATCH"):
            return self.put(req, name, rid, m == "PATCH")
        if m == "DELETE":
            return self.delete(req, name, rid)
        raise WsError(405, [(25, f"Method {m} is not valid")])

    def get(self, req, name, rid):
        res = self.store.resources[name]
        q = req.query
        if q.get("schema") in ("blank", "synopsis"):
            if req.json:
                return self.ok(req, render_json.schema(res, q["schema"]))
            return self.ok(
                req,
                render_xml.schema(
                    self.base(req), res, q["schema"], self.store.language_ids()
                ),
            )
        lq = ListQuery(res, q, self.profile)
        base = self.base(req)
        with self.store.lock:
            if rid is not None:
                if not rid.isdigit():
                    raise NotFound()
                rec = self.store.get(name, int(rid))
                if rec is None:
                    raise NotFound()
                rec = self._view(name, rec, q)
                virtual = self._virtual(name, rec, lq)
                fields = lq.fields if lq.fields is not None else res.fields
                assocs = lq.fields is None or lq.full
                if req.json:
                    if lq.display_raw:
                        return self.ok(
                            req,
                            render_json.listing(
                                res,
                                [rec],
                                fields,
                                assocs,
                                lq.language,
                                [virtual] if virtual else None,
                            ),
                        )
                    return self.ok(
                        req,
                        render_json.single(
                            res, rec, fields, assocs, lq.language, virtual
                        ),
                    )
                return self.ok(
                    req,
                    render_xml.single(
                        base, res, rec, fields, assocs, lq.language, virtual
                    ),
                )
            rows = lq.apply(self._rows(name, q, lq))
            virtuals = (
                [self._virtual(name, r, lq) for r in rows] if lq.virtual else None
            )
            if req.json:
                body = render_json.listing(
                    res, rows, lq.fields, lq.full, lq.language, virtuals
                )
            else:
                body = render_xml.listing(
                    base, res, rows, lq.fields, lq.full, lq.language, virtuals
                )
            return self.ok(req, body)

    def _rows(self, name, q, lq=None):
        """The candidate rows, in table order, for ``lq`` to filter.  An
        equality filter on ``id`` (``filter[id]=[1|2|3]``) is served from the
        table's key, as the shop's database uses its primary key
        (:meth:`ListQuery.id_keys`, :meth:`Store.rows_by_ids`); otherwise
        every row.  A plain ``id_shop=N`` parameter sets the shop context of
        the request but does not filter ``stock_availables`` (the real shop
        lists every shop's rows, in id order: shop 1's first in the seeds);
        ``filter[id_shop]=[N]`` filters."""
        keys = lq.id_keys() if lq is not None else None
        if keys is not None:
            return self.store.rows_by_ids(name, keys)
        return self.store.table(name).values()

    def _view(self, name, rec, q):
        return rec

    def _virtual(self, name, rec, lq):
        if not lq.virtual or name != "products":
            return None
        out = {}
        for vname, opts in lq.virtual.items():
            if (
                lq.fields is not None
                and lq.display_raw != "full"
                and vname not in getattr(lq, "display_virtual", [])
            ):
                continue
            out[vname] = logic.virtual_price(
                self.store, rec, opts.get("use_tax", "0") == "1"
            )
        return out

    # -- writes -----------------------------------------------------------
    def _parse_body(self, req) -> list:
        """The entity nodes of a write body: every element child of
        ``<prestashop>``, which ``saveEntityFromXml`` loops over
        (``$xml->children()``).  500 code 127 when the XML does not parse, 400
        code 40 when it holds no entity."""
        text = req.body.decode("utf-8", "replace")
        text = text.removeprefix("xml=")
        if not text.strip():
            raise WsError(
                500,
                [
                    (
                        127,
                        (
                            "XML error : String could not be parsed as XML\n"
                            f"XML length : {len(text)}\nOriginal XML : {text}"
                        ),
                    )
                ],
            )
        parser = etree.XMLParser(resolve_entities=False)
        try:
            root = etree.fromstring(text.encode("utf-8"), parser)
        except etree.XMLSyntaxError:
            warnings = self._xml_warnings(text, parser.error_log)
            raise WsError(
                500,
                warnings
                + [
                    (
                        127,
                        (
                            "XML error : String could not be "
                            "parsed as XML\nXML length : "
                            f"{len(text)}\nOriginal XML : {text}"
                        ),
                    )
                ],
            )
        entities = [child for child in root if isinstance(child.tag, str)]
        if not entities:
            raise WsError(400, [(40, "The XML is not valid")])
        return entities

    def _xml_warnings(self, text, log) -> list:
        lines = text.split("\n")
        out = []
        errs = list(log)
        # libxml2 >= 2.11 stops after the mismatches; older ones (and PHP's)
        # also report the premature end: add it only when it is missing
        if any("mismatch" in e.message for e in errs) and not any(
            e.message.startswith("Premature end of data") for e in errs
        ):
            last = errs[-1]
            first = re.search(
                r"<([A-Za-z_][\w.-]*)",
                text[text.find("?>") + 2 if "?>" in text else 0 :],
            )
            errs.append(
                type(
                    "E",
                    (),
                    {
                        "message": "Premature end of data in tag "
                        f"{first.group(1) if first else ''} line {last.line}",
                        "line": last.line,
                        "column": last.column,
                    },
                )()
            )
        for e in errs:
            line = lines[e.line - 1] if 0 < e.line <= len(lines) else ""
            out.append(
                self.profile.xml_warning(
                    f"Entity: line {e.line}: parser error : {e.message}"
                )
            )
            out.append(self.profile.xml_warning(line[:80]))
            out.append(self.profile.xml_warning(" " * max(e.column - 1, 0) + "^"))
        return out

    def _read_object(self, res, node) -> tuple:
        """(fields present: name -> raw value, associations or None)."""
        values, assocs = {}, None
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "associations":
                assocs = {}
                for a in child:
                    ad = res.assoc_map.get(a.tag)
                    if ad is None:
                        continue
                    items = []
                    for it in a:
                        if not isinstance(it.tag, str):
                            continue
                        item = {}
                        for sf in it:
                            if isinstance(sf.tag, str):
                                item[sf.tag] = _int_or_str(sf.text or "")
                        items.append(item)
                    assocs[a.tag] = items
                continue
            f = res.field_map.get(child.tag)
            if f is None:
                continue
            if f.multilang:
                values[child.tag] = {
                    int(lg.get("id")): lg.text or ""
                    for lg in child
                    if lg.get("id", "").isdigit()
                }
            else:
                values[child.tag] = child.text if child.text is not None else ""
        return values, assocs

    def _validate(self, res, values, mode, php_warnings, stored=None) -> None:
        """Field loop of saveEntityFromXml: 93 read-only, 41 required absent;
        then the ``ws_modifier`` of a POST, ``validateFieldsLang`` (84) and
        ``validateFields`` (85), see :mod:`prestashop_sandbox.validate`.
        First problem only."""
        for f in res.fields:
            if f.name == "id":
                continue
            present = f.name in values
            if present and f.read_only:
                raise WsError(
                    400,
                    php_warnings
                    + [
                        (
                            93,
                            (
                                f'parameter "{f.name}" not '
                                "writable. Please remove this "
                                "attribute of this XML"
                            ),
                        )
                    ],
                )
            if not present and f.required and not f.multilang and mode != "patch":
                raise WsError(
                    400, php_warnings + [(41, (f'parameter "{f.name}" required'))]
                )
        cfg = self.validation_config()
        validate.apply_modifiers(res.name, values, mode, cfg)
        cls = getattr(res, "cls", None) or CLASSES.get(
            res.name, res.node.title().replace("_", "")
        )
        problem = validate.check_write(
            res, cls, values, mode, stored, cfg, self.profile.escape_arrow
        )
        if problem:
            raise WsError(400, php_warnings + [problem])

    def validation_config(self) -> dict:
        """The configuration values the validators read."""
        c = {
            name: logic.config(self.store, name)
            for name in (
                "PS_ALLOW_ACCENTED_CHARS_URL",
                "PS_ALLOW_HTML_IFRAME",
                "PS_PRODUCT_SHORT_DESC_LIMIT",
            )
        }
        for k in ("PS_ALLOW_ACCENTED_CHARS_URL", "PS_ALLOW_HTML_IFRAME"):
            c[k] = str(c[k] or "0") not in ("", "0")
        c["PS_LANG_DEFAULT"] = int(logic.config(self.store, "PS_LANG_DEFAULT") or 1)
        c["_version"] = self.profile.version
        return c

    def post(self, req, name, rid):
        """POST of every entity of the body, in order, as
        ``saveEntityFromXml`` does: an ``<id>`` in any of them (or an id in the
        URL) refuses the whole request (400 code 91); then each entity is
        validated and created, and a failing one stops the loop with its error
        while the ones before it stay created (no transaction).  201 with
        every created object (:meth:`_render_written`).  Orders
        (``POST_HOOKS``) take the first entity only."""
        res = self.store.resources[name]
        entities = [self._read_object(res, n) for n in self._parse_body(req)]
        if rid is not None or any(_body_id(v) != "" for v, _ in entities):
            raise WsError(400, [(91, "id is forbidden when adding a new resource")])
        for values, _ in entities:
            values.pop("id", None)
        hook = POST_HOOKS.get(name)
        if hook is not None:
            return hook(self, req, res, *entities[0])
        created = []
        for values, assocs in entities:
            created.append(self._post_one(req, res, values, assocs))
        return self.ok(req, self._render_written(req, res, created), 201)

    def _post_one(self, req, res, values, assocs) -> dict:
        """Validate and create one entity; the echoed object (WsError when
        refused)."""
        name = res.name
        self._validate(res, values, "post", [])
        if name == "products" and values.get("position_in_category", None) == "":
            raise WsError(
                500,
                [(134, ("You cannot set 0 or a negative position, the minimum is 1."))],
            )
        with self.store.lock:
            rid = self._create(res, values, assocs)
            if name == "order_histories" and req.query.get("sendemail") == "1":
                logic.send_state_mail(self.store, self.store.get(name, rid))
            echo = self._echo(res, self.store.get(name, rid), values, assocs)
            if name == "products":
                echo["quantity"] = ""
        return echo

    def _create(self, res, values, assocs) -> int:
        stored = {
            k: logic.normalize(self.store, res.name, k, v) for k, v in values.items()
        }
        if assocs:
            stored["associations"] = assocs
        echo = {}
        rid = self.store.create(res.name, stored, echo=echo)
        self._hook_echo = echo
        return rid

    def _echo(self, res, rec, values, assocs) -> dict:
        """The object the real shop echoes: what was sent, as sent, plus what
        ``add()`` computed."""
        echo = dict(rec)
        for k, v in values.items():
            f = res.field_map.get(k)
            if f is None or f.multilang:
                continue
            if k in ("date_add", "date_upd") and not v:
                continue
            if k in logic.NULLABLE:
                v = logic.normalize(self.store, res.name, k, v)
            echo[k] = v
        if assocs is not None:
            echo["associations"] = {**rec.get("associations", {}), **assocs}
        echo.update(getattr(self, "_hook_echo", None) or {})
        self._hook_echo = None
        return echo

    def _render_one(self, req, res, rec):
        if req.json:
            return render_json.single(res, rec, res.fields, True, None)
        return render_xml.single(self.base(req), res, rec, res.fields, True, None)

    def _render_written(self, req, res, recs: list) -> str:
        """The answer of a write: ``WebserviceOutputBuilder::getContent`` in
        its details view with every field, one object node per written entity.
        XML: the nodes one after the other in ``<prestashop>``.  JSON
        (``WebserviceOutputJSON::renderNodeFooter``, 8.1 and 9.0): without a
        ``display`` parameter each object is stored under the object node name,
        overwriting the previous one, so only the LAST object is answered (a
        single object, falsy fields dropped); with ``display`` in the query
        (any value) the objects are appended under the list node name (falsy
        fields kept), as a ``GET`` with ``display`` answers."""
        if req.json:
            if "display" in req.query:
                return render_json.listing(res, recs, res.fields, True, None)
            return render_json.single(res, recs[-1], res.fields, True, None)
        base = self.base(req)
        return (
            render_xml.HEAD
            + "".join(
                render_xml.object_xml(base, res, r, res.fields, True, None)
                for r in recs
            )
            + render_xml.TAIL
        )

    def put(self, req, name, rid, patch):
        """PUT / PATCH of every entity of the body, as
        ``WebserviceRequest::saveEntityFromXml`` (PrestaShop 8.1 / 9.0) does.
        First over all entities: the ids of their ``<id>`` (empty ones left
        out; PHP ``(int)``), a repeated id is 400 code 89, an entity without
        id 400 code 90, nothing written.  The URL's id plays no part (the
        body's ids win, 8.1.2 seq 161; ``PUT /api/customers`` without id
        reaches the body check, seq 159).  Then entity by entity, in order: an
        unknown id is 404 code 92, a refused field its validation error; the
        loop stops there and the entities before stay written (no
        transaction).  200 with every written object
        (:meth:`_render_written`), each as it was right after its write."""
        res = self.store.resources[name]
        entities = [self._read_object(res, n) for n in self._parse_body(req)]
        targets = []
        for values, _ in entities:
            raw = _body_id(values)
            values.pop("id", None)
            if raw != "":
                targets.append(_php_int(raw))
        if len(set(targets)) != len(targets):
            raise WsError(400, [(89, "id is duplicate in request")])
        if len(targets) != len(entities):
            raise WsError(400, [(90, "id is required when modifying a resource")])
        written = []
        with self.store.lock:
            for (values, assocs), target in zip(entities, targets):
                rec = self._put_one(res, target, values, assocs, patch)
                written.append(copy_record(rec))
        return self.ok(req, self._render_written(req, res, written))

    def _put_one(self, res, target: int, values, assocs, patch) -> dict:
        """Check and write one entity (the store lock held); the record as
        written (WsError when refused)."""
        name = res.name
        rec = self.store.get(name, target)
        if rec is None:
            raise WsError(404, [(92, "Invalid ID")])
        warnings = []
        if (
            name == "products"
            and "position_in_category" in values
            and self.profile.product_position_warning
        ):
            warnings = [(3, self.profile.product_position_warning)]
        self._validate(res, values, "patch" if patch else "put", warnings, stored=rec)
        if warnings:
            raise WsError(500, warnings)
        if name == "combinations":
            values.pop("active", None)
        changes = {
            k: logic.normalize(self.store, name, k, v) for k, v in values.items()
        }
        if not patch:
            for f in res.fields:
                if (
                    f.name not in values
                    and f.name != "id"
                    and not f.read_only
                    and not f.not_filterable
                    and not f.multilang
                    and f.name not in ("date_add", "date_upd")
                ):
                    changes[f.name] = logic.field_default(name, f)
        if assocs:
            changes["associations"] = assocs
        rec = self.store.update(name, target, changes)
        if name == "products" and not patch:
            rec = dict(rec, quantity="")
        return rec

    def delete(self, req, name, rid):
        ids = []
        if rid is not None:
            ids = [rid]
        elif req.query.get("id"):
            ids = re.split(r"[|,]", req.query["id"].strip("[]"))
        with self.store.lock:
            missing = [
                i
                for i in ids
                if not i.isdigit() or self.store.get(name, int(i)) is None
            ]
            if missing or not ids:
                raise WsError(404, [(87, "Id(s) not exists: " + ", ".join(missing))])
            for i in ids:
                self.store.delete(name, int(i))
        return 200, b"", ("Content-Type", ""), False


def _int_or_str(v: str):
    return int(v) if v.strip().lstrip("-").isdigit() else v


def _body_id(values: dict) -> str:
    """The text of an entity's ``<id>`` as ``(string) $entity->id`` reads it
    (``""`` when absent or empty; whitespace counts as a value)."""
    v = values.get("id")
    return v if isinstance(v, str) else ""


_PHP_NUM = re.compile(r"[ \t\n\r\v\f]*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)")


def _php_int(text: str) -> int:
    """PHP's ``(int) "..."``: the leading number, 0 when there is none
    (``"12abc"`` is 12, ``"abc"`` 0, ``"1e2"`` 100)."""
    m = _PHP_NUM.match(text)
    if not m:
        return 0
    num = m.group(1)
    try:
        return int(num) if num.lstrip("+-").isdigit() else int(float(num))
    except (OverflowError, ValueError):
        return 0


# -- special routes -------------------------------------------------------
def route_images(app: WebserviceApp, req: Request, parts: list):
    base = app.base(req)
    store = app.store
    if len(parts) == 1 or req.method == "DELETE" and len(parts) == 1:
        attrs = (
            'get="true" put="false" post="false" patch="false" delete="false" '
            f'head="true" upload_allowed_mimetypes="{MIMES}"'
        )
        body = (
            render_xml.HEAD
            + "<image_types>\n"
            + "".join(
                f'<{t} xlink:href="{base}images/{t}" {attrs}/>\n' for t in IMAGE_TYPES
            )
            + "</image_types>\n"
            + render_xml.TAIL
        )
        return 200, body, XML_CT, True
    kind = parts[1]
    if kind != "products":
        if kind == "customizations" and not app.profile.customization_images_ok:
            raise RawResponse(500, "")
        return (
            200,
            (render_xml.HEAD + "<image_types>\n</image_types>\n" + render_xml.TAIL),
            XML_CT,
            True,
        )
    products = store.tables["products"]
    if len(parts) == 2:
        if req.json:
            raise WsError(
                500,
                [(3, ('[PHP Warning #2] Undefined array key "objectsNodeName"'))],
                sha1=True,
            )
        ids = [
            pid
            for pid, p in products.items()
            if p.get("associations", {}).get("images")
        ]
        types = sorted(
            (
                t
                for t in store.tables.get("image_types", {}).values()
                if str(t.get("products")) == "1"
            ),
            key=lambda t: t["name"],
        )
        body = (
            render_xml.HEAD
            + "<image_types>\n"
            + "".join(
                f'<image_type id="{t["id"]}" name="{t["name"]}" '
                f'xlink:href="{base}image_types/{t["id"]}"/>\n'
                for t in types
            )
            + "</image_types>\n<images>\n"
            + "".join(
                f'<image id="{pid}" xlink:href="{base}images/products/{pid}"/>\n'
                for pid in ids
            )
            + "</images>\n"
            + render_xml.TAIL
        )
        return 200, body, XML_CT, True
    pid = parts[2]
    if not pid.isdigit() or int(pid) not in products:
        raise WsError(400, [(57, "This image id does not exist")], sha1=True)
    pid = int(pid)
    p = products[pid]
    imgs = p.setdefault("associations", {}).setdefault("images", [])
    if len(parts) == 3:
        if req.method == "POST":
            return upload_image(app, req, p)
        if req.json:
            raise WsError(500, [(61, "This image does not exist on disk")], sha1=True)
        body = (
            render_xml.HEAD
            + f'<image id="{pid}">\n'
            + "".join(
                f'<declination id="{i["id"]}" xlink:href="{base}images/products/{pid}/'
                f'{i["id"]}"/>\n'
                for i in imgs
            )
            + "</image>\n"
            + render_xml.TAIL
        )
        return 200, body, XML_CT, True
    iid = parts[3]
    if not iid.isdigit() or int(iid) not in [int(i["id"]) for i in imgs]:
        raise WsError(400, [(57, "This image id does not exist")], sha1=True)
    iid = int(iid)
    if req.method == "DELETE":
        with store.lock:
            p["associations"]["images"] = [i for i in imgs if int(i["id"]) != iid]
            store.images.pop((pid, iid), None)
            if int(p.get("id_default_image") or 0) == iid:
                rest = p["associations"]["images"]
                p["id_default_image"] = rest[0]["id"] if rest else 0
        return 200, b"", ("Content-Type", ""), False
    data = store.images.get((pid, iid)) or PLACEHOLDER_JPEG
    return 200, data, ("Content-Type", "image/jpeg"), True


def upload_image(app, req, product):
    data = _multipart_file(req, "image")
    if data is None:
        raise WsError(
            400,
            [(76, ('Please set an "image" parameter with image data for value'))],
            sha1=True,
        )
    store = app.store
    with store.lock:
        iid = (
            max(
                [0]
                + [
                    int(i["id"])
                    for p in store.tables["products"].values()
                    for i in p.get("associations", {}).get("images", [])
                ]
                + [store.next_ids.get("_images", 0)]
            )
            + 1
        )
        store.next_ids["_images"] = iid
        imgs = product["associations"]["images"]
        cover = 0 if imgs else 1
        imgs.append({"id": iid})
        store.images[(product["id"], iid)] = data
        if cover:
            product["id_default_image"] = iid
    base = app.base(req)
    langs = "".join(
        f'<language id="{lg}" xlink:href="{base}languages/{lg}"><![CDATA[]]></language>'
        for lg in store.language_ids()
    )
    body = (
        render_xml.HEAD + f"<image>\n<id><![CDATA[{iid}]]></id>\n"
        f"<id_product><![CDATA[{product['id']}]]></id_product>\n"
        f"<position><![CDATA[{len(imgs)}]]></position>\n"
        f"<cover><![CDATA[{cover or ''}]]></cover>\n<legend>{langs}</legend>\n"
        f'</image>\n<content encode="base64"><![CDATA['
        f"{base64.b64encode(data).decode()}]]></content>\n" + render_xml.TAIL
    )
    return 200, body, XML_CT, True


def _multipart_file(req, field_name):
    ctype = req.headers.get("content-type", "")
    m = re.search(r"boundary=\"?([^\";]+)\"?", ctype)
    if not m or not req.body:
        return None
    boundary = b"--" + m.group(1).encode()
    for part in req.body.split(boundary):
        head, _, data = part.partition(b"\r\n\r\n")
        if f'name="{field_name}"'.encode() in head:
            return data[:-2] if data.endswith(b"\r\n") else data
    return None


def route_search(app, req, parts):
    q, lang = req.query.get("query"), req.query.get("language")
    if not q or not lang:
        raise WsError(
            400,
            [
                (
                    100,
                    (
                        "You have to set both the 'language' and 'query' "
                        "parameters to get a result"
                    ),
                )
            ],
            sha1=True,
        )
    base = app.base(req)
    lang = int(lang) if lang.isdigit() else 1
    words = q.lower().split()
    pids = [
        pid
        for pid, p in app.store.tables["products"].items()
        if all(
            w
            in " ".join(
                [
                    (p.get("name") or {}).get(lang, ""),
                    (p.get("description_short") or {}).get(lang, ""),
                    p.get("reference") or "",
                ]
            ).lower()
            for w in words
        )
    ]
    cats = []
    for pid in pids:
        for c in (
            app.store.tables["products"][pid]
            .get("associations", {})
            .get("categories", [])
        ):
            if int(c["id"]) not in cats:
                cats.append(int(c["id"]))
    body = (
        render_xml.HEAD
        + "<products>\n"
        + "".join(
            f'<product id="{i}" xlink:href="{base}products/{i}"/>\n' for i in pids
        )
        + "</products>\n<categories>\n"
        + "".join(
            f'<category id="{i}" xlink:href="{base}categories/{i}"/>\n'
            for i in sorted(cats)
        )
        + "</categories>\n"
        + render_xml.TAIL
    )
    return 200, body, XML_CT, True


def route_categories(app, req, parts):
    if (
        req.method == "GET"
        and "position" in (req.query.get("sort") or "")
        and "position_" in req.query.get("sort", "")
    ):
        raise RawResponse(500, "")
    return app.resource(req, "categories", parts[1] if len(parts) > 1 else None)


def post_order(app, req, res, values, assocs):
    app._validate(res, values, "post", [])
    store = app.store
    with store.lock:
        cart = store.get("carts", int(values.get("id_cart") or 0))
        if cart is None:
            raise RawResponse(500, app.profile.die_messages["*"])
        try:
            order = logic.validate_order(store, cart, values)
        except logic.CartUsed:
            lang = store.get("languages", int(cart.get("id_lang") or 1)) or {}
            msgs = app.profile.die_messages
            raise RawResponse(500, msgs.get(lang.get("iso_code"), msgs["*"]))
    if app.profile.order_post_error:
        raise WsError(500, [app.profile.order_post_error])
    echo = {f.name: values.get(f.name, "") for f in res.fields}
    echo["id"] = order["id"]
    echo["associations"] = order["associations"]
    return app.ok(req, app._render_one(req, res, echo), 201)


POST_HOOKS = {"orders": post_order}

#: path prefix -> handler (everything else is a plain resource)
ROUTES = [
    ("images", route_images),
    ("search", route_search),
    ("categories", route_categories),
]

# a 1x1 white JPEG served for images whose bytes the seed does not hold
PLACEHOLDER_JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////"
    "////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAA"
    "AAAAAAAAAAAAAP/aAAgBAQABPxA="
)
