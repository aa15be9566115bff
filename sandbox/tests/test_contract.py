"""Contract test: replay every recorded exchange of a real shop against a fresh
sandbox seeded from that shop's dump, and compare status, content type and body
(structurally, minus the volatile fields that ``VOLATILE.md`` lists).

The image-upload step (write.image.upload) cannot match byte for byte: the
real shop returns the picture it re-encoded, so that step is compared without
its ``<content>``."""

from __future__ import annotations

import json
import re

import pytest
import requests
from lxml import etree

from prestashop_sandbox import Sandbox

from .conftest import KEY

VOLATILE = {
    "date_add",
    "date_upd",
    "secure_key",
    "passwd",
    "reference",
    "last_passwd_gen",
    "invoice_date",
    "delivery_date",
    "order_reference",
}
XL = "{http://www.w3.org/1999/xlink}href"

#: seq -> reason.  At most 13; none of them a connector path.
_COMMON = {
    8: "unsorted filtered list: the real shop returns combinations 20, 21, 19 "
    "(MySQL index order); the sandbox returns id order",
    80: "image listing in JSON is a PHP-broken answer (empty key, warnings) on "
    "the real shop; the connector reads images in XML",
    82: "same broken image JSON (error 61 with warnings)",
    117: "date_upd sort with limit: the demo rows share one second, so the tie "
    "order (and thus which 3 rows come back) is not stable (VOLATILE.md)",
}
ALLOW = {
    "8.1.2": dict(_COMMON),
    "9.0.0": dict(_COMMON),
}


def _norm_text(t):
    if t is None:
        return ""
    t = t.strip()
    t = re.sub(r"/opt/prestashop9?/", "/var/www/html/", t)
    t = re.sub(r"http://127\.0\.0\.1:\d+/", "http://HOST/", t)
    return t


#: associations read without ORDER BY on the real shop (9.0.0 VOLATILE.md)
UNORDERED_ASSOCS = {"combinations", "product_option_values"}


def _xml_tree(el, unordered):
    attrs = {k: _norm_text(v) for k, v in el.attrib.items()}
    kids = [c for c in el if isinstance(c.tag, str) and c.tag not in VOLATILE]
    items = [_xml_tree(c, unordered) for c in kids]
    parent = el.getparent()
    if unordered or (
        el.tag in UNORDERED_ASSOCS
        and parent is not None
        and parent.tag == "associations"
    ):
        items = sorted(items, key=repr)
    return (el.tag, attrs, _norm_text(el.text) if not kids else "", items)


def _json_norm(v, unordered, key=""):
    if isinstance(v, dict):
        return {
            k: _json_norm(
                x, unordered or (key == "associations" and k in UNORDERED_ASSOCS), k
            )
            for k, x in v.items()
            if k not in VOLATILE
        }
    if isinstance(v, list):
        out = [_json_norm(x, unordered) for x in v]
        return sorted(out, key=repr) if unordered else out
    if isinstance(v, str):
        return _norm_text(v)
    return v


def _ctype(headers):
    for k, v in headers.items():
        if k.lower() == "content-type":
            return v
    return None


def compare(ex, status, headers, body, unordered=False, skip=()):
    """Return a list of differences (empty when the exchange matches)."""
    diffs = []
    if status != ex["status"]:
        diffs.append(f"status {status} != {ex['status']}")
    want_ct = _ctype(ex["response_headers"]) or ""
    got_ct = _ctype(headers) or ""
    if want_ct.replace(" ", "") != got_ct.replace(" ", ""):
        diffs.append(f"content-type {got_ct!r} != {want_ct!r}")
    want = ex["response_body"]
    if ex["method"] == "HEAD" or want is None or want.startswith("<binary body"):
        return diffs
    if want.startswith("<?xml") or body.startswith("<?xml"):
        try:
            w = etree.fromstring(want.encode())
            g = etree.fromstring(body.encode())
        except etree.XMLSyntaxError as e:
            return diffs + [f"xml parse: {e}"]
        for el in list(w.iter()) + list(g.iter()):
            if el.tag in skip:
                el.getparent().remove(el)
        tw, tg = _xml_tree(w, unordered), _xml_tree(g, unordered)
        if tw != tg:
            diffs.append("xml body differs: " + _first_diff(tw, tg))
    elif want.startswith(("{", "[")):
        try:
            g = json.loads(body)
        except ValueError:
            return diffs + [f"json parse of {body[:80]!r}"]
        jw, jg = _json_norm(json.loads(want), unordered), _json_norm(g, unordered)
        if jw != jg:
            diffs.append("json body differs: " + _first_diff(jw, jg))
    elif _norm_text(want) != _norm_text(body):
        diffs.append(f"text body {body[:80]!r} != {want[:80]!r}")
    return diffs


def _first_diff(a, b, path=""):
    if type(a) is not type(b):
        return f"{path}: {a!r:.200} vs {b!r:.200}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in b or k not in a or a[k] != b[k]:
                if k not in b or k not in a:
                    return f"{path}/{k}: want {a.get(k)!r:.150} got {b.get(k)!r:.150}"
                return _first_diff(a[k], b[k], f"{path}/{k}")
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: len {len(a)} vs {len(b)}: {a!r:.300} vs {b!r:.300}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                name = (
                    x[0] if isinstance(x, tuple) and x and isinstance(x[0], str) else i
                )
                return _first_diff(x, y, f"{path}/{name}")
    return f"{path}: want {a!r:.200} got {b!r:.200}"


def _multipart(data: bytes):
    boundary = "sandboxBoundary7MA4YWxkTrZu0gW"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
        f'filename="upload.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
    ).encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def replay(recordings, version):
    folder = recordings / version
    exchanges = [
        json.loads(line)
        for line in (folder / "exchanges.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    sb = Sandbox(key=KEY, version=version, seed=folder / "dump").start()
    results = []
    refs = {}
    last_sha = {}
    http = requests.Session()
    try:
        for ex in exchanges:
            query = dict(ex["query"])
            for k, v in query.items():
                for real, ours in refs.items():
                    v = v.replace(real, ours)
                query[k] = v
            headers = {k: v for k, v in (ex["request_headers"] or {}).items()}
            auth = None
            if ex["auth"] == "basic":
                auth = (KEY, "")
            elif ex["auth"] == "basic-invalid-key":
                auth = ("INVALIDKEYINVALIDKEYINVALIDKEY12", "")
            elif ex["auth"] == "ws_key-param":
                query["ws_key"] = KEY
            sig = (ex["path"], json.dumps(ex["query"], sort_keys=True))
            if "Local-Content-Sha1" in headers:
                headers["Local-Content-Sha1"] = last_sha.get(sig, "")
            body = (ex["request_body"] or "").encode()
            skip = ()
            if ex["name"] == "write.image.upload":
                body, ctype = _multipart((folder / "upload.jpg").read_bytes())
                headers["Content-Type"] = ctype
                skip = ("content",)
            r = http.request(
                ex["method"],
                f"{sb.url}/api/{ex['path']}",
                params=query,
                headers=headers,
                data=body or None,
                auth=auth,
                timeout=10,
            )
            if "Content-Sha1" in r.headers:
                last_sha[sig] = r.headers["Content-Sha1"]
            text = r.content.decode("utf-8", "replace")
            unordered = "date_upd" in (ex["query"].get("sort") or "")
            diffs = compare(ex, r.status_code, dict(r.headers), text, unordered, skip)
            want = ex["response_body"] or ""
            for real in re.findall(r"<reference><!\[CDATA\[([A-Z]{9})\]\]>", want):
                got = re.findall(r"<reference><!\[CDATA\[([A-Z]{9})\]\]>", text)
                if got:
                    refs[real] = got[0]
            results.append((ex, diffs))
    finally:
        sb.stop()
    return results


@pytest.mark.parametrize("version", ["8.1.2", "9.0.0"])
def test_contract(recordings, version, capsys):
    results = replay(recordings, version)
    allow = ALLOW[version]
    assert len(allow) <= 13
    failed = [(ex, d) for ex, d in results if d and ex["seq"] not in allow]
    matched = sum(1 for ex, d in results if not d)
    listed = sum(1 for ex, d in results if d and ex["seq"] in allow)
    with capsys.disabled():
        print(
            f"\ncontract {version}: {matched}/{len(results)} match, "
            f"{listed} allow-listed"
        )
        for ex, d in failed:
            print(f"  FAIL seq {ex['seq']} {ex['name']}: {'; '.join(d)[:600]}")
    assert not failed
