"""What a real shop checks in a webservice write, before it saves anything.

A small port of the PrestaShop code a ``POST``/``PUT``/``PATCH`` runs through
(8.1.x: ``alexsoft12/prestashop`` at ``v81.2``; 9.0.x: the 9.0.0 release tree
the 9.0.0 recordings were made with):

``classes/webservice/WebserviceRequest.php`` ``saveEntityFromXml``
    reads the fields (``93`` read-only, ``41`` required node absent: done by
    the caller, :meth:`prestashop_sandbox.api.WebserviceApp._validate`),
    applies the ``ws_modifier`` (``Product``/``Category::modifierWsLinkRewrite``
    on ``POST``: an empty ``link_rewrite`` becomes ``Tools::str2url(name)``, an
    invalid one ``str2url`` of itself), then ``validateFieldsLang`` (a
    multilanguage field: HTTP 400, code **84**) and ``validateFields`` (any
    other field: HTTP 400, code **85**), each ``Validation error: "<message>"``;
    only the first problem is reported.
``classes/ObjectModel.php`` ``validateField``
    in this order: *required* (only for the default language:
    ``Property Product->name is empty.``), *allowed values* (``Property
    Product->condition has a bad value (allowed values are: new, used,
    refurbished).``), *size* (``Tools::strlen``, i.e. characters after
    ``html_entity_decode``: ``The length of property Product->name is currently
    140 chars. It must be between 0 and 128 chars.``), *range* (``The range of
    property StockAvailable->quantity is currently N. It must be between
    -2147483648 and 2147483647.``), then the *validator*, skipped for an
    empty value (PHP ``empty()``: ``""``, ``"0"``): ``Property Product->name is
    not valid``.  8.1 passes the message through ``htmlspecialchars`` (the
    ``->`` reads ``-&gt;`` in the answer), 9.0 does not.
``classes/Product.php`` ``validateField``
    ``description_short``: at most ``PS_PRODUCT_SHORT_DESC_LIMIT`` (800)
    characters of text once the tags are stripped.
``classes/Validate.php``
    the validators, below, with their regular expressions.  PHP's ``$`` also
    matches before a final newline, as Python's does.

What is not ported (the value is accepted, so the sandbox is never stricter
than a shop): validators that need a service (``isCustomerName``'s Symfony
constraint is ported from its two patterns; ``isEmail`` is approximated, see
:func:`is_email`), and validators no definition uses.  Values already stored
are taken as valid (a real shop revalidates the whole object on ``PUT``/
``PATCH``; the sandbox checks what the request sends, plus the required
default-language value).
"""

from __future__ import annotations

import html
import re
import unicodedata

__all__ = ["VALIDATORS", "check_write", "str2url"]

UINT_MAX = 4294967295
INT64 = (-(2**63), 2**63 - 1)


# -- PHP helpers -----------------------------------------------------------
def php_empty(v) -> bool:
    """PHP ``empty()`` of a string value."""
    return v is None or v == "" or v == "0"


def php_strlen(v: str) -> int:
    """``Tools::strlen``: ``mb_strlen(html_entity_decode($v))``."""
    return len(html.unescape(v))


def _php_int_str(v: str) -> bool:
    """``(string) (int) $v === (string) $v``."""
    if not re.fullmatch(r"-?(0|[1-9][0-9]*)", v) or v == "-0":
        return False
    return INT64[0] <= int(v) <= INT64[1]


_NUMERIC = re.compile(
    r"[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*"
)


def is_numeric(v: str) -> bool:
    """PHP 8 ``is_numeric`` of a string (leading/trailing white space allowed)."""
    return _NUMERIC.fullmatch(v) is not None


def _letter_or_symbol(c: str) -> bool:
    return unicodedata.category(c)[0] in "LS"


# -- Validate.php ----------------------------------------------------------
def _re(pattern: str, flags=0):
    rx = re.compile(pattern, flags)
    return lambda v, cfg=None: rx.match(v) is not None


def is_float(v, cfg=None) -> bool:
    """``(string) ((float) $v) == (string) $v``: PHP 8 compares two numeric
    strings as numbers, so any numeric string passes (``0.250``, ``1e3``)."""
    return is_numeric(v)


def is_unsigned_float(v, cfg=None) -> bool:
    return is_numeric(v) and float(v) >= 0


def is_int(v, cfg=None) -> bool:
    return _php_int_str(v)


def is_unsigned_int(v, cfg=None) -> bool:
    return _php_int_str(v) and 0 <= int(v) <= UINT_MAX


def is_positive_int(v, cfg=None) -> bool:  # 9.0
    return is_unsigned_int(v) and int(v) > 0


def is_bool(v, cfg=None) -> bool:
    return v in ("0", "1")


def is_link_rewrite(v, cfg=None) -> bool:
    """Without ``PS_ALLOW_ACCENTED_CHARS_URL``: ``/^[_a-zA-Z0-9\\-]+$/``; with
    it, letters and symbols of any script too (``\\pL\\pS``)."""
    if cfg and cfg.get("PS_ALLOW_ACCENTED_CHARS_URL"):
        body = v[:-1] if v.endswith("\n") else v
        return bool(body) and all(
            c in "_-" or c.isascii() and c.isalnum() or _letter_or_symbol(c)
            for c in body
        )
    return re.match(r"^[_a-zA-Z0-9\-]+$", v) is not None


_EVENTS = (
    "onmousedown|onmousemove|onmmouseup|onmouseover|onmouseout|onload|onunload|"
    "onfocus|onblur|onchange|onsubmit|ondblclick|onclick|onkeydown|onkeyup|"
    "onkeypress|onmouseenter|onmouseleave|onerror|onselect|onreset|onabort|"
    "ondragdrop|onresize|onactivate|onafterprint|onmoveend|onafterupdate|"
    "onbeforeactivate|onbeforecopy|onbeforecut|onbeforedeactivate|"
    "onbeforeeditfocus|onbeforepaste|onbeforeprint|onbeforeunload|"
    "onbeforeupdate|onmove|onbounce|oncellchange|oncontextmenu|oncontrolselect|"
    "oncopy|oncut|ondataavailable|ondatasetchanged|ondatasetcomplete|"
    "ondeactivate|ondrag|ondragend|ondragenter|ondragexit|onmousewheel|"
    "ondragleave|ondragover|ondragstart|ondrop|onerrorupdate|onfilterchange|"
    "onfinish|onfocusin|onfocusout|onhashchange|onhelp|oninput|onlosecapture|"
    "onmessage|onmouseup|onmovestart|onoffline|ononline|onpaste|"
    "onpropertychange|onreadystatechange|onresizeend|onresizestart|onrowenter|"
    "onrowexit|onrowsdelete|onrowsinserted|onscroll|onsearch|onselectionchange|"
    "onselectstart|onstart|onstop|onanimationcancel|onanimationend|"
    "onanimationiteration|onanimationstart|onpointerover|onpointerenter|"
    "onpointerdown|onpointermove|onpointerup|onpointerout|onpointerleave|"
    "onpointercancel|ongotpointercapture|onlostpointercapture"
)
_EVENTS_90 = (
    "|onpagehide|onpageshow|onautocomplete|onautocompleteerror|oncanplay|"
    "oncanplaythrough|onclose|oncuechange|ondurationchange|onemptied|onended|"
    "oninvalid|onloadeddata|onloadedmetadata|onloadstart|onpause|onplay|"
    "onplaying|onpopstate|onprogress|onratechange|onreset|onseeked|onseeking|"
    "onshow|onsort|onstalled|onstorage|onsuspend|ontimeupdate|ontoggle|"
    "onvolumechange|onwaiting"
)
_MS = re.I | re.M | re.S


def is_clean_html(v, cfg=None) -> bool:
    """No ``<script``, no ``on...=`` event attribute, no ``script:``; no
    ``<iframe``/``<frame``/``<form``/``<input``/``<embed``/``<object`` unless
    ``PS_ALLOW_HTML_IFRAME``.  9.0 adds more events, any ``on\\w+="..."``
    attribute and the right-to-left override character (U+202E)."""
    v90 = bool(cfg and cfg.get("_version", "8").startswith("9"))
    events = _EVENTS + (_EVENTS_90 if v90 else "")
    if (
        re.search(r"<[\s]*script", v, _MS)
        or (v90 and re.search(r"<\s*\w+[^>]*\s(on\w+)=[\"'][^\"']*[\"']", v, _MS))
        or re.search(r"(" + events + r")[\s]*=", v, _MS)
        or re.search(r".*script\:", v, _MS)
    ):
        return False
    if not (cfg and cfg.get("PS_ALLOW_HTML_IFRAME")) and re.search(
        r"<[\s]*(i?frame|form|input|embed|object)", v, _MS
    ):
        return False
    return not (v90 and "\u202e" in v)


_ISBN = re.compile(
    r"^(?:ISBN(?:-1[03])?:? )?(?=[0-9X]{10}$|(?=(?:[0-9]+[- ]){3})[- 0-9X]{13}$"
    r"|97[89][0-9]{10}$|(?=(?:[0-9]+[- ]){4})[- 0-9]{17}$)(?:97[89][- ]?)?"
    r"[0-9]{1,5}[- ]?[0-9]+[- ]?[0-9]+[- ]?[0-9X]$",
    re.I,
)


def is_date(v, cfg=None) -> bool:
    m = re.match(
        r"^([0-9]{4})-((?:0?[0-9])|(?:1[0-2]))-((?:0?[0-9])|(?:[1-2][0-9])|(?:3[01]))"
        r"( [0-9]{2}:[0-9]{2}:[0-9]{2})?$",
        v,
    )
    if not m:
        return False
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d and y >= 1):
        return False
    import calendar

    return d <= calendar.monthrange(y, mo)[1]


_CUSTOMER_NAME = re.compile(
    r"^(?!\s*$)(?:[^0-9!<>,;?=+()/\\@#\"°*`{}_^$%:¤\[\]|.。]|[。.](?:\s|$))*$"
)


def is_customer_name(v, cfg=None) -> bool:
    if not _CUSTOMER_NAME.match(v):
        return False
    if "." not in v and "。" not in v:
        return True
    return re.search(r"[.。](\s{1}[^ ]|$)", v) is not None


def is_email(v, cfg=None) -> bool:
    """Approximates Symfony's loose ``Email`` plus egulias' ``RFCValidation``
    (8.1 adds ``SwiftMailerValidation``: ASCII only; 9.0
    ``CyrillicCharactersInEmailValidation``: no Cyrillic)."""
    if php_empty(v) or not re.match(r"^.+\@\S+\.\S+$", v):
        return False
    local, _, domain = v.rpartition("@")
    atext = r"A-Za-z0-9!#$%&'*+/=?^_`{|}~\-"
    if cfg and cfg.get("_version", "8").startswith("9"):
        if re.search(r"[\u0400-\u04ff]", v):
            return False
        atext += r"\u0080-\uffff"
    elif not v.isascii():
        return False
    if not re.fullmatch(rf"[{atext}]+(\.[{atext}]+)*", local):
        return False
    labels = domain.split(".")
    return all(
        re.fullmatch(
            r"[A-Za-z0-9\u0080-\uffff]([A-Za-z0-9\u0080-\uffff-]*"
            r"[A-Za-z0-9\u0080-\uffff])?",
            lb,
        )
        for lb in labels
    )


def _accept(v, cfg=None) -> bool:
    return True


#: ``Validate::<name>`` -> check(value: str, config) -> bool (values are the
#: strings the XML carried; ``cfg`` holds the shop configuration used)
VALIDATORS = {
    "isCatalogName": _re(r"^[^<>;=#{}]*$"),
    "isGenericName": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[^<>={}]*$", v) is not None,
    "IsGenericName": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[^<>={}]*$", v) is not None,
    "isReference": _re(r"^[^<>;={}]*$"),
    "isCarrierName": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[^<>;=#{}]*$", v) is not None,
    "isName": _re(r"^[^0-9!<>,;?=+()@#\"°{}_$%:¤|]*$"),
    "isCustomerName": is_customer_name,
    "isAddress": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[^!<>?=+@{}_$%]*$", v) is not None,
    "isCityName": _re(r"^[^!<>;?=+@#\"°{}_$%]*$"),
    "isMessage": lambda v, cfg=None: re.search(r"[<>{}]", v) is None,
    "isLinkRewrite": is_link_rewrite,
    "isCleanHtml": is_clean_html,
    "isEan13": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[0-9]{0,13}$", v) is not None,
    "isGtin": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[0-9]{0,14}$", v) is not None,
    "isUpc": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[0-9]{0,12}$", v) is not None,
    "isIsbn": lambda v, cfg=None: php_empty(v) or _ISBN.match(v) is not None,
    "isMpn": lambda v, cfg=None: php_strlen(v) <= 40,
    "isPrice": _re(r"^[0-9]{1,10}(\.[0-9]{1,9})?$"),
    "isNegativePrice": _re(r"^[-]?[0-9]{1,10}(\.[0-9]{1,9})?$"),
    "isFloat": is_float,
    "isUnsignedFloat": is_unsigned_float,
    "isInt": is_int,
    "isUnsignedInt": is_unsigned_int,
    "isUnsignedId": is_unsigned_int,
    "isNullOrUnsignedId": is_unsigned_int,
    "isPositiveInt": is_positive_int,
    "isPercentage": lambda v, cfg=None: is_float(v) and 0 <= float(v) <= 100,
    "isBool": is_bool,
    "isDate": is_date,
    "isDateOrNull": lambda v, cfg=None: v in ("0000-00-00 00:00:00", "0000-00-00")
    or is_date(v),
    "isDateFormat": _re(
        r"^([0-9]{4})-((0?[0-9])|(1[0-2]))-((0?[0-9])|([1-2][0-9])|(3[01]))"
        r"( [0-9]{2}:[0-9]{2}:[0-9]{2})?$"
    ),
    "isEmail": is_email,
    "isPhoneNumber": _re(r"^[+0-9. ()/-]*$"),
    "isPostCode": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[a-zA-Z 0-9-]+$", v) is not None,
    "isZipCodeFormat": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[NLCnlc 0-9-]+$", v) is not None,
    "isString": _accept,
    "isColor": _re(r"^(#[0-9a-fA-F]{6}|[a-zA-Z0-9-]*)$"),
    "isProductVisibility": _re(r"^both|catalog|search|none$", re.I),
    "isReductionType": lambda v, cfg=None: v in ("amount", "percentage"),
    "isLanguageIsoCode": _re(r"^[a-zA-Z]{2,3}$"),
    "isLanguageCode": _re(r"^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"),
    "isLocale": _re(r"^[a-z]{2}-[A-Z]{2}$"),
    "isStateIsoCode": _re(r"^[a-zA-Z0-9]{1,4}((-)[a-zA-Z0-9]{1,4})?$"),
    "isNumericIsoCode": _re(r"^[0-9]{3}$"),
    "isModuleName": _re(r"^[a-zA-Z0-9_-]+$"),
    "isTplName": _re(r"^[a-zA-Z0-9_-]+$"),
    "isImageTypeName": _re(r"^[a-zA-Z0-9_ -]+$"),
    "isImageSize": _re(r"^[0-9]{1,4}$"),
    "isConfigName": _re(r"^[a-zA-Z_0-9-]+$"),
    "isPhpDateFormat": _re(r"^[^<>]+$"),
    "isTrackingNumber": _re(r"^[~:#,%&_=\(\)\[\]\.\? \+\-@/a-zA-Z0-9]+$"),
    "isAbsoluteUrl": lambda v, cfg=None: php_empty(v)
    or re.match(r"^(https?:)?//[$~:;#,%&_=\(\)\[\]\.\? \+\-@/a-zA-Z0-9]+$", v)
    is not None,
    "isCoordinate": _re(r"^\-?[0-9]{1,8}\.[0-9]{1,8}$", re.S),
    "isDniLite": lambda v, cfg=None: php_empty(v)
    or re.match(r"^[0-9A-Za-z-.]{1,16}$", v) is not None,
    "isStockManagement": lambda v, cfg=None: v in ("WA", "FIFO", "LIFO"),
    "isThemeName": _re(r"^[\w-]{3,255}$"),
    "isPriceDisplayMethod": lambda v, cfg=None: v in ("0", "1"),
    "isHashedPassword": lambda v, cfg=None: php_strlen(v) in (32, 60),
    "isApe": _re(r"^[0-9]{3,4}[a-zA-Z]{1}$", re.S),
    "isJson": _accept,  # json_decode of any scalar text: not ported
    "isUrl": _accept,  # \pL\pS classes: not ported (accepted)
    "isBirthDate": _accept,  # DateTime::createFromFormat: not ported
}

#: ``'values' =>`` (allowed values) and ``'default' =>`` of definitions
#: (Product.php, both versions); ``'range' =>`` (StockAvailable.php)
ALLOWED = {
    ("products", "condition"): (("new", "used", "refurbished"), "new"),
    ("products", "visibility"): (("both", "catalog", "search", "none"), "both"),
    ("products", "product_type"): (
        ("standard", "pack", "virtual", "combinations", ""),
        "",
    ),
}
RANGES = {("stock_availables", "quantity"): (-2147483648, 2147483647)}
#: fields written through a webservice setter that transforms the value
#: before validation (``Customer``/``Employee::setWsPasswd`` hashes it)
SETTER_FIELDS = {"customers": {"passwd"}, "employees": {"passwd"}}


# -- Tools::str2url ----------------------------------------------------------
_CYRILLIC = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяыэёъ",
        "a b v g g d e e z z i i i j k l m n o p r s t u f h c c s s "
        "' u a y e e \"".split(),
    )
)


_CYRILLIC.update(
    dict(
        zip(
            "αβγδεζηθικλμνξοπρσςτυφχψωµßæœøđłþð",
            "a v g d e z i th i k l m n x o p r s s t y f ch ps o m "
            "ss ae oe o d l th d".split(),
        )
    )
)


def str2url(s: str) -> str:
    """``Tools::str2url`` (``StringModifier::str2url``): trimmed, lower case,
    transliterated to ASCII (ICU ``Any-Latin; Latin-ASCII``, approximated:
    accents dropped, Cyrillic in ISO 9), then only letters, digits and
    separators, separators as one ``-``."""
    s = s.strip().lower()
    s = "".join(_CYRILLIC.get(c, c) for c in s)
    s = "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    )
    s = "".join(
        c for c in s if c.isalnum() or c.isspace() or c in "':/[]-" or c.isalpha()
    )
    s = re.sub(r"[\s':/\[\]\-]+", " ", s)
    return s.replace(" ", "-").replace("/", "-")


# -- ObjectModel::validateField ----------------------------------------------
def _message(cls, field, text, escape) -> str:
    arrow = "-&gt;" if escape else "->"
    return text.replace("{p}", f"{cls}{arrow}{field}")


def validate_field(res, cls, f, value, lang, cfg, escape) -> str | None:
    """``ObjectModel::validateField`` for one value (``lang``: its language
    id, None for a plain field); the message, or None when it passes."""
    defn = f.defn
    if f.required or (defn is not None and defn.required):
        if lang is None or lang == cfg["PS_LANG_DEFAULT"]:
            if value is None or value == "":
                return _message(cls, f.name, "Property {p} is empty.", escape)
    if value is None:
        return None
    allowed = ALLOWED.get((res, f.name))
    if allowed:
        values, default = allowed
        if not value and default:
            value = default
        if value not in values:
            return _message(
                cls,
                f.name,
                "Property {p} has a bad value (allowed values are: "
                + ", ".join(values)
                + ").",
                escape,
            )
    size = defn.size if defn is not None else None
    if res == "products" and f.name == "description_short":
        limit = int(cfg.get("PS_PRODUCT_SHORT_DESC_LIMIT") or 0) or 800
        text = re.sub(r"<[^>]*>", "", value) if value else ""
        text = text.replace("\r", "").replace("\n", "")
        size = limit + php_strlen(value) - len(text)
    if size and php_strlen(value) > size:
        return _message(
            cls,
            f.name,
            f"The length of property {{p}} is currently {php_strlen(value)} chars. "
            f"It must be between 0 and {size} chars.",
            escape,
        )
    rng = RANGES.get((res, f.name))
    if rng and re.fullmatch(r"-?\d+", value.strip() or "0"):
        n = int(value.strip() or "0")
        if not rng[0] <= n <= rng[1]:
            return _message(
                cls,
                f.name,
                f"The range of property {{p}} is currently {n}. "
                f"It must be between {rng[0]} and {rng[1]}.",
                escape,
            )
    fmt = defn.format if defn is not None else None
    if fmt and not php_empty(value) and f.name not in SETTER_FIELDS.get(res, ()):
        check = VALIDATORS.get(fmt, _accept)
        if not check(value, cfg):
            return _message(cls, f.name, "Property {p} is not valid", escape)
    return None


def apply_modifiers(res, values: dict, method: str, cfg) -> None:
    """The ``ws_modifier`` of ``POST`` (``modifierWsLinkRewrite`` of Product
    and Category), on the parsed values, in place."""
    if method != "post" or res not in ("products", "categories"):
        return
    names = values.get("name")
    if not isinstance(names, dict):
        return
    rewrite = values.get("link_rewrite")
    rewrite = dict(rewrite) if isinstance(rewrite, dict) else {}
    for lang, name in names.items():
        cur = rewrite.get(lang)
        if php_empty(cur):
            rewrite[lang] = str2url(name or "")
        elif not is_link_rewrite(cur, cfg):
            rewrite[lang] = str2url(cur)
    values["link_rewrite"] = rewrite


def check_write(res, cls, values: dict, method: str, stored, cfg, escape):
    """``validateFieldsLang`` then ``validateFields`` of a write: ``(code,
    message)`` of the first problem, or None.  ``values``: the fields the XML
    carried (multilanguage ones as ``{id_lang: text}``); ``stored``: the
    record a PUT/PATCH changes (None on POST)."""
    lang_fields = [f for f in res.fields if f.multilang]
    i18n = bool(lang_fields) and (
        method != "patch" or any(f.name in values for f in lang_fields)
    )
    if i18n:
        default = cfg["PS_LANG_DEFAULT"]
        for f in lang_fields:
            if method == "patch" and f.name not in values:
                continue
            sent = values.get(f.name)
            if not isinstance(sent, dict):
                sent = {}
            merged = {}
            if stored is not None and f.name in values:
                # PUT/PATCH load the object: languages not sent keep theirs
                # (a PUT without the node empties it: ``(string)`` of none)
                merged.update(stored.get(f.name) or {})
            merged.update({int(k): v for k, v in sent.items()})
            merged.setdefault(default, "")
            for lang, v in merged.items():
                if lang not in sent and lang != default:
                    continue  # stored values are taken as valid
                msg = validate_field(res.name, cls, f, v, lang, cfg, escape)
                if msg:
                    return 84, f'Validation error: "{msg}"'
    for f in res.fields:
        if f.multilang or f.name == "id" or f.name not in values:
            continue
        if f.defn is None or f.defn.type is None:
            continue  # a webservice-only field: no definition entry
        msg = validate_field(res.name, cls, f, values[f.name], None, cfg, escape)
        if msg:
            return 85, f'Validation error: "{msg}"'
    return None
