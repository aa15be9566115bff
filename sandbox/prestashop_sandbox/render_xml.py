"""XML output, built as strings (no DOM: a 1,000-product page must render in
well under a second).  Layout, CDATA, tabs and ``xlink:href`` as PrestaShop's
``WebserviceOutputXML`` writes them."""

from __future__ import annotations

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n'
)
TAIL = "</prestashop>\n"


def cdata(v) -> str:
    if v is None:
        return "<![CDATA[]]>"
    return f"<![CDATA[{v}]]>"


def _truthy(v) -> bool:
    return v not in (None, "", 0, "0")


def field_xml(base: str, f, v, rec: dict, language) -> str:
    name = f.name
    if f.multilang:
        v = v or {}
        langs = [language] if language else sorted(v)
        inner = "".join(
            f'<language id="{lang}" xlink:href="{base}languages/{lang}">'
            f"{cdata(v.get(lang, ''))}</language>"
            for lang in langs
        )
        return f"\t<{name}>{inner}</{name}>\n"
    attrs = ""
    if f.xlink and (_truthy(v) or (f.name == "current_state" and v == "")):
        if f.xlink == "images/products":
            attrs = f' xlink:href="{base}images/products/{rec.get("id")}/{v}"'
        else:
            attrs = f' xlink:href="{base}{f.xlink}/{v}"'
    if f.not_filterable:
        attrs += ' notFilterable="true"'
    return f"\t<{name}{attrs}>{cdata(v)}</{name}>\n"


def assocs_xml(base: str, res, rec: dict) -> str:
    data = rec.get("associations") or {}
    out = ["<associations>\n"]
    for a in res.assocs:
        attrs = "".join(f' {k}="{v}"' for k, v in a.attrs.items())
        items = data.get(a.name) or []
        if not items:
            out.append(f"<{a.name}{attrs}/>\n")
            continue
        out.append(f"<{a.name}{attrs}>\n")
        for it in items:
            href = ""
            if a.item_xlink:
                if a.item_xlink == "images/products":
                    pid = rec.get("id_product") or rec.get("id")
                    href = f' xlink:href="{base}images/products/{pid}/{it.get("id")}"'
                else:
                    href = f' xlink:href="{base}{a.item_xlink}/{it.get("id")}"'
            out.append(f"\t<{a.item}{href}>\n")
            for af in a.fields:
                v = it.get(af.name)
                x = f' xlink:href="{base}{af.xlink}/{v}"' if af.xlink else ""
                out.append(f"\t<{af.name}{x}>{cdata(v)}</{af.name}>\n")
            out.append(f"\t</{a.item}>\n")
        out.append(f"</{a.name}>\n")
    out.append("</associations>\n")
    return "".join(out)


def object_xml(base, res, rec, fields, with_assocs, language, virtual=None) -> str:
    parts = [f"<{res.node}>\n"]
    for f in fields:
        parts.append(field_xml(base, f, rec.get(f.name), rec, language))
        if virtual and f.name == "price":
            pass
    if virtual:
        for k, v in virtual.items():
            parts.append(f"\t<{k}>{cdata(v)}</{k}>\n")
    if with_assocs and res.assocs:
        parts.append(assocs_xml(base, res, rec))
    parts.append(f"</{res.node}>\n")
    return "".join(parts)


def single(base, res, rec, fields, with_assocs, language, virtual=None) -> str:
    return (
        HEAD + object_xml(base, res, rec, fields, with_assocs, language, virtual) + TAIL
    )


def listing(base, res, rows, fields, with_assocs, language, virtuals=None) -> str:
    parts = [HEAD, f"<{res.list_node}>\n"]
    if fields is None:
        for r in rows:
            parts.append(
                f'<{res.node} id="{r["id"]}" xlink:href="{base}{res.name}/'
                f'{r["id"]}"/>\n'
            )
    else:
        for i, r in enumerate(rows):
            parts.append(
                object_xml(
                    base,
                    res,
                    r,
                    fields,
                    with_assocs,
                    language,
                    virtuals[i] if virtuals else None,
                )
            )
    parts.append(f"</{res.list_node}>\n")
    parts.append(TAIL)
    return "".join(parts)


def errors(errs: list) -> str:
    body = "".join(
        f"<error>\n<code>{cdata(code)}</code>\n<message>{cdata(msg)}</message>\n"
        "</error>\n"
        for code, msg in errs
    )
    return HEAD + "<errors>\n" + body + "</errors>\n" + TAIL


def schema(base, res, kind: str, languages: list, hide_ro: bool = True) -> str:
    """``?schema=blank`` (writable fields, empty) or ``synopsis`` (attributes)."""
    parts = [HEAD, f"<{res.node}>\n"]
    for f in res.fields:
        if kind == "blank":
            if f.read_only:
                continue
        elif f.name == "id":
            continue
        attrs = ""
        if kind == "synopsis":
            attrs = "".join(f' {k}="{v}"' for k, v in f.attrs.items())
        if f.multilang:
            if kind == "synopsis":
                inner = "".join(
                    f'<language id="{lg}" xlink:href="{base}languages/{lg}" '
                    f'format="isUnsignedId" ><![CDATA[]]></language>'
                    for lg in languages
                )
            else:
                inner = "".join(
                    f'<language id="{lg}"><![CDATA[]]></language>' for lg in languages
                )
            parts.append(f"\t<{f.name}{attrs}>{inner}</{f.name}>\n")
        else:
            parts.append(f"\t<{f.name}{attrs}><![CDATA[]]></{f.name}>\n")
    if res.assocs:
        parts.append("<associations>\n")
        for a in res.assocs:
            aattrs = ""
            if kind == "synopsis":
                aattrs = "".join(f' {k}="{v}"' for k, v in a.attrs.items())
            parts.append(f"<{a.name}{aattrs}>\n\t<{a.item}>\n")
            for af in a.fields:
                fa = ""
                if kind == "synopsis":
                    if af.xlink:
                        fa += f' xlink:href="{base}{af.xlink}/"'
                    fa += "".join(f' {k}="{v}"' for k, v in af.attrs.items())
                parts.append(f"\t<{af.name}{fa}><![CDATA[]]></{af.name}>\n")
            parts.append(f"\t</{a.item}>\n</{a.name}>\n")
        parts.append("</associations>\n")
    parts.append(f"</{res.node}>\n")
    parts.append(TAIL)
    return "".join(parts)
