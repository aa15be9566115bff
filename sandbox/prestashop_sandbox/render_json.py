"""JSON output with the quirks of ``WebserviceOutputJSON``: a single object
drops every falsy field, lists keep them, an empty list is a bare ``[]``,
multilanguage fields are ``[{"id":..,"value":..}]`` (a plain string with
``language=``), slashes are escaped."""

from __future__ import annotations

import json

_FALSY = (None, "", 0, "0")


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).replace(
        "/", "\\/"
    )


def _value(f, v, language):
    if f.multilang:
        v = v or {}
        if language:
            return v.get(language, "")
        return [{"id": lang, "value": v[lang]} for lang in sorted(v)]
    return v


def _assocs(res, rec):
    data = rec.get("associations") or {}
    out = {}
    for a in res.assocs:
        items = data.get(a.name)
        if items:
            out[a.name] = [
                {af.name: it.get(af.name) for af in a.fields} for it in items
            ]
    return out


def obj(res, rec, fields, with_assocs, language, drop_falsy, virtual=None) -> dict:
    out = {}
    for f in fields:
        v = _value(f, rec.get(f.name), language)
        if (
            drop_falsy
            and (not f.multilang or language)
            and (v in _FALSY and type(v) is not float)
        ):
            continue
        out[f.name] = v
    if virtual:
        out.update(virtual)
    if with_assocs and res.assocs:
        a = _assocs(res, rec)
        if a:
            out["associations"] = a
    return out


def single(res, rec, fields, with_assocs, language, virtual=None) -> str:
    return dumps(
        {res.node: obj(res, rec, fields, with_assocs, language, True, virtual)}
    )


def listing(res, rows, fields, with_assocs, language, virtuals=None) -> str:
    if not rows:
        return "[]"
    if fields is None:
        return dumps({res.list_node: [{"id": r["id"]} for r in rows]})
    return dumps(
        {
            res.list_node: [
                obj(
                    res,
                    r,
                    fields,
                    with_assocs,
                    language,
                    False,
                    virtuals[i] if virtuals else None,
                )
                for i, r in enumerate(rows)
            ]
        }
    )


def errors(errs: list) -> str:
    return dumps({"errors": [{"code": c, "message": m} for c, m in errs]})


def schema(res, kind: str) -> str:
    """JSON schemas keep only the association skeleton (seq 90, 91)."""
    out = {}
    if res.assocs:
        out["associations"] = {
            a.name: [{af.name: None for af in a.fields}] for a in res.assocs
        }
    return dumps({res.node: out})
