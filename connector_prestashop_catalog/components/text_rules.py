# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What PrestaShop accepts in the texts the catalog export sends, and what
the connector does with a text it would refuse.

A webservice write runs ``ObjectModel::validateFieldsLang`` /
``validateFields`` (``classes/ObjectModel.php``): per field of the class's
``$definition``, the *size* (``'size' =>``, counted by ``Tools::strlen``:
characters after ``html_entity_decode``) then the *validator* (``'validate'
=>``, a ``Validate::<name>`` of ``classes/Validate.php``, skipped for an
empty value), and answers HTTP 400, error 84 (multilanguage field) or 85,
``Property Product->meta_title is not valid``: the message names neither the
text nor the character.  :data:`RULES` holds, for each resource and text
field the export sends, the validator and size of PrestaShop 8.1
(``classes/Product.php``, ``Combination.php``, ``Category.php``,
``AttributeGroup.php``, ``ProductAttribute.php``); :data:`CHANGES` what 9.0
changes (``ean13`` became ``isGtin``, size 14; ``description`` and
``description_short`` got ``'size' => ObjectModel::SIZE_MEDIUM_TEXT``,
4194303; an option value's ``color`` got 32; ``isCleanHtml`` refuses
more).  ``Product::validateField`` adds the
``description_short`` limit: ``PS_PRODUCT_SHORT_DESC_LIMIT`` (800 when not
set) characters of text once the tags and line breaks are removed.

What the connector does (:func:`check`):

* a rule with ``clean`` (meta title, meta description, URL name): the text
  is made acceptable, as nobody types it for the shop: each refused
  character becomes a space, then it is cut to the size at a word boundary;
  a URL name is made again from itself (:func:`url_name`);
* any other: a :class:`Problem` (field, language, refused characters or
  HTML, length and limit), for the exporter to fail the job with before
  anything is sent.

``PS_ALLOW_HTML_IFRAME`` (frames, forms, inputs and embedded objects in
HTML) and ``PS_ALLOW_ACCENTED_CHARS_URL`` (non-ASCII URL names) are taken as
PrestaShop's default, off: what is sent is then accepted by any shop.

URL names (``link_rewrite``) are transliterated by ``python-slugify`` (the
library Odoo's ``ir.http._slugify`` prefers; its ``text-unidecode``
backend, or ``Unidecode`` when that is installed), with the language's
own romanisation where the library's generic one differs
(:data:`LANGUAGE_REPLACEMENTS`).
"""

import html
import re
from dataclasses import dataclass

from slugify import slugify

#: ``link_rewrite`` size (Product, Category)
LINK_REWRITE_SIZE = 128
#: PrestaShop's default ``PS_PRODUCT_SHORT_DESC_LIMIT``
#: (``ProductSettings::MAX_DESCRIPTION_SHORT_LENGTH``)
SHORT_DESC_LIMIT = 800


@dataclass(frozen=True)
class Rule:
    """What PrestaShop checks in one field: ``validator`` (the
    ``Validate::<name>``, None for none), ``size`` (characters; None for
    none) and whether the connector ``clean``\\ s a refused text instead of
    failing."""

    validator: str | None = None
    size: int | None = None
    clean: bool = False


#: ``{resource: {field: Rule}}``, PrestaShop 8.1 (``$definition`` of the
#: classes named in the module docstring)
RULES = {
    "products": {
        "name": Rule("isCatalogName", 128),
        "meta_title": Rule("isGenericName", 255, clean=True),
        "meta_description": Rule("isGenericName", 512, clean=True),
        "link_rewrite": Rule("isLinkRewrite", LINK_REWRITE_SIZE, clean=True),
        # size: the shop's PS_PRODUCT_SHORT_DESC_LIMIT, see check()
        "description_short": Rule("isCleanHtml"),
        "description": Rule("isCleanHtml"),
        "reference": Rule("isReference", 64),
        "supplier_reference": Rule("isReference", 64),
        "ean13": Rule("isEan13", 13),
        "mpn": Rule("isMpn", 40),
    },
    "combinations": {
        # Combination.php: reference and supplier_reference have no validator
        "reference": Rule(None, 64),
        "supplier_reference": Rule(None, 64),
        "ean13": Rule("isEan13", 13),
        "mpn": Rule("isMpn", 40),
    },
    "categories": {
        "name": Rule("isCatalogName", 128),
        "link_rewrite": Rule("isLinkRewrite", LINK_REWRITE_SIZE, clean=True),
        "description": Rule("isCleanHtml"),
        "meta_title": Rule("isGenericName", 255, clean=True),
        "meta_description": Rule("isGenericName", 512, clean=True),
    },
    "product_options": {
        "name": Rule("isGenericName", 128),
        "public_name": Rule("isGenericName", 64),
    },
    "product_option_values": {
        "name": Rule("isGenericName", 128),
        "color": Rule("isColor"),
    },
}

#: ``{major version: {resource: {field: Rule}}}`` replacing :data:`RULES`
#: from that version on (9.0.0 release tree, ``classes/Product.php``,
#: ``ProductAttribute.php``)
CHANGES = {
    9: {
        "products": {
            "ean13": Rule("isGtin", 14),
            "description": Rule("isCleanHtml", 4194303),
            "description_short": Rule("isCleanHtml", 4194303),
        },
        "product_option_values": {
            "color": Rule("isColor", 32),
        },
    },
}


def major_version(version):
    """The major version of a PrestaShop version string (``"9.0.0"`` -> 9;
    8 when unknown, the connector's reference version)."""
    match = re.match(r"\s*(\d+)", version or "")
    return int(match.group(1)) if match else 8


def rules_for(resource, version=None):
    """``{field: Rule}`` of ``resource`` on a shop of ``version``."""
    rules = dict(RULES.get(resource, {}))
    major = major_version(version)
    for since, changes in sorted(CHANGES.items()):
        if major >= since:
            rules.update(changes.get(resource, {}))
    return rules


# -- Validate.php --------------------------------------------------------------
#: characters refused by the character-class validators
#: (``/^[^<>;=#{}]*$/u`` and the like)
FORBIDDEN = {
    "isCatalogName": "<>;=#{}",
    "isGenericName": "<>={}",
    "isReference": "<>;={}",
}

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
#: events 9.0 adds to the list
_EVENTS_9 = (
    "|onpagehide|onpageshow|onautocomplete|onautocompleteerror|oncanplay|"
    "oncanplaythrough|onclose|oncuechange|ondurationchange|onemptied|onended|"
    "oninvalid|onloadeddata|onloadedmetadata|onloadstart|onpause|onplay|"
    "onplaying|onpopstate|onprogress|onratechange|onreset|onseeked|onseeking|"
    "onshow|onsort|onstalled|onstorage|onsuspend|ontimeupdate|ontoggle|"
    "onvolumechange|onwaiting"
)
_MS = re.I | re.M | re.S


def unsafe_html(value, major=8):
    """What ``Validate::isCleanHtml`` refuses in ``value`` (list of the
    snippets found, empty when it passes): ``<script``, an event attribute
    of its list followed by ``=``, ``...script:``, and (``PS_ALLOW_HTML_IFRAME``
    off) ``<iframe``, ``<frame``, ``<form``, ``<input``, ``<embed``,
    ``<object``; 9.0 also any ``on...="..."`` attribute in a tag and the
    right-to-left override character U+202E."""
    events = _EVENTS + (_EVENTS_9 if major >= 9 else "")
    found = [m.group(0) for m in re.finditer(r"<[\s]*script", value, _MS)]
    if major >= 9:
        found += [
            m.group(1) + "="
            for m in re.finditer(r"<\s*\w+[^>]*\s(on\w+)=[\"'][^\"']*[\"']", value, _MS)
        ]
    found += [m.group(0) for m in re.finditer(r"(" + events + r")[\s]*=", value, _MS)]
    # PrestaShop: /.*script\:/ims; the word before it is shown ("javascript:")
    found += [m.group(0) for m in re.finditer(r"\w*script\:", value, _MS)]
    found += [
        m.group(0)
        for m in re.finditer(r"<[\s]*(i?frame|form|input|embed|object)", value, _MS)
    ]
    if major >= 9 and "\u202e" in value:
        found.append("U+202E")
    return list(dict.fromkeys(found))


def _url_char(char):
    return char.isascii() and (char.isalnum() or char in "_-")


def refused_characters(validator, value):
    """The characters of ``value`` that ``validator`` refuses, in order of
    appearance (empty when it passes); None for a validator that judges the
    whole value (``isColor``: see :func:`invalid`) or only limits the size
    (``isMpn``: 40 characters, the field's size)."""
    if validator in FORBIDDEN:
        chars = FORBIDDEN[validator]
        return list(dict.fromkeys(c for c in value if c in chars))
    if validator in ("isEan13", "isGtin"):  # /^[0-9]{0,13}$/ (14: isGtin)
        return list(dict.fromkeys(c for c in value if not "0" <= c <= "9"))
    if validator == "isLinkRewrite":  # /^[_a-zA-Z0-9\-]+$/
        return list(dict.fromkeys(c for c in value if not _url_char(c)))
    return None


def invalid(validator, value):
    """Whether a whole-value validator refuses ``value``."""
    if validator == "isColor":
        return not re.match(r"^(#[0-9a-fA-F]{6}|[a-zA-Z0-9-]*)$", value)
    return False


def php_empty(value):
    """PHP ``empty()`` of a string: validators are skipped for it."""
    return value in ("", "0")


def length(value):
    """``Tools::strlen``: characters once HTML entities are decoded."""
    return len(html.unescape(value))


def short_description_length(value):
    """What ``Product::validateField`` compares to ``PS_PRODUCT_SHORT_DESC_LIMIT``:
    characters of ``value`` without its tags and line breaks."""
    text = re.sub(r"<[^>]*>", "", value)
    return len(text.replace("\r", "").replace("\n", ""))


# -- the check ---------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    """A text PrestaShop would refuse.

    ``field``: the PrestaShop field; ``lang``: its PrestaShop language id
    (None for a field that is not multilanguage); ``kind``: ``characters``
    (``found``: the refused characters; ``allowed``: None, ``refused``: the
    validator's refused characters, or "" when only some are allowed),
    ``html`` (``found``: the refused HTML), ``invalid`` (the whole value,
    ``found`` = (value,)), ``size`` (``length`` characters, more than
    ``limit``; ``text_only`` for the short description's limit)."""

    field: str
    lang: int | None
    kind: str
    validator: str | None = None
    found: tuple = ()
    refused: str = ""
    length: int = 0
    limit: int = 0
    text_only: bool = False


def cut(text, size):
    """``text`` with its white space runs made one space, cut to ``size``
    characters at the last space before the limit when there is one
    (counted as sent: an entity PrestaShop decodes only counts less)."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= size:
        return text
    text = text[: size + 1]
    head = text[:size]
    if not text[size:].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip()


def clean(rule, value, lang_iso=None):
    """``value`` made acceptable for a ``clean`` rule: refused characters
    become spaces, then :func:`cut` to the size; a URL name is made again
    with :func:`url_name`."""
    if rule.validator == "isLinkRewrite":
        return url_name(value, lang_iso, rule.size or LINK_REWRITE_SIZE)
    for char in FORBIDDEN.get(rule.validator, ""):
        value = value.replace(char, " ")
    return cut(value, rule.size) if rule.size else re.sub(r"\s+", " ", value).strip()


def _problems(field, lang, rule, value, major, short_desc_limit):
    problems = []
    if field == "description_short" and rule.validator == "isCleanHtml":
        text_length = short_description_length(value)
        if text_length > short_desc_limit:
            problems.append(
                Problem(
                    field,
                    lang,
                    "size",
                    length=text_length,
                    limit=short_desc_limit,
                    text_only=True,
                )
            )
    if rule.size and length(value) > rule.size:
        problems.append(
            Problem(field, lang, "size", length=length(value), limit=rule.size)
        )
    if rule.validator and not php_empty(value):
        if rule.validator == "isCleanHtml":
            found = unsafe_html(value, major)
            if found:
                problems.append(
                    Problem(field, lang, "html", rule.validator, tuple(found))
                )
        else:
            chars = refused_characters(rule.validator, value)
            if chars:
                problems.append(
                    Problem(
                        field,
                        lang,
                        "characters",
                        rule.validator,
                        tuple(chars),
                        refused=FORBIDDEN.get(rule.validator, ""),
                    )
                )
            elif chars is None and invalid(rule.validator, value):
                problems.append(
                    Problem(field, lang, "invalid", rule.validator, (value,))
                )
    return problems


def check(resource, data, version=None, lang_isos=None, short_desc_limit=None):
    """Check the texts of ``data`` (the mapped values a write sends to
    ``resource``; multilanguage fields as ``{ps_lang_id: text}``) against
    PrestaShop's rules on a shop of ``version``.

    Returns ``(data, problems)``: a copy of ``data`` with the ``clean``
    fields made acceptable, and the list of :class:`Problem` of the others
    (empty when everything passes).  ``lang_isos``: ``{ps_lang_id: iso
    code}`` for URL names made again; ``short_desc_limit``: the shop's
    ``PS_PRODUCT_SHORT_DESC_LIMIT`` (default :data:`SHORT_DESC_LIMIT`)."""
    major = major_version(version)
    limit = short_desc_limit or SHORT_DESC_LIMIT
    lang_isos = lang_isos or {}
    data = dict(data)
    problems = []
    for field, rule in rules_for(resource, version).items():
        value = data.get(field)
        if isinstance(value, dict):
            texts = value.items()
        elif isinstance(value, str):
            texts = [(None, value)]
        else:
            continue
        cleaned = {}
        for lang, text in texts:
            if not isinstance(text, str):
                continue
            found = _problems(field, lang, rule, text, major, limit)
            if found and rule.clean:
                cleaned[lang] = clean(rule, text, lang_isos.get(lang))
            else:
                problems += found
        if cleaned:
            data[field] = (
                {**value, **cleaned} if isinstance(value, dict) else cleaned[None]
            )
    return data, problems


# -- URL names ---------------------------------------------------------------
#: ``(old, new)`` applied to any text before the library's transliteration:
#: the micro sign is ``u`` in ASCII units (``5µm`` -> ``5um``), not the
#: Greek ``m`` the library reads it as
GENERIC_REPLACEMENTS = [("µ", "u")]

#: ``{iso code: [(old, new)]}`` on the lower-cased text, where the
#: library's generic transliteration is not the language's own
#: romanisation.  Ukrainian: the national romanisation (Cabinet of
#: Ministers resolution no. 55 of 27 January 2010): зг is zgh (not zh, ж),
#: the soft sign and the apostrophe are dropped; the word-initial forms are
#: in :data:`WORD_INITIAL`.
LANGUAGE_REPLACEMENTS = {
    "uk": [
        ("'", ""),
        ("\u2019", ""),
        ("\u02bc", ""),
        ("ь", ""),
        ("зг", "zgh"),
        ("ж", "zh"),
        ("и", "y"),
        ("г", "h"),
        ("ґ", "g"),
        ("є", "ie"),
        ("ї", "i"),
        ("й", "i"),
        ("і", "i"),
        ("х", "kh"),
        ("ц", "ts"),
        ("ч", "ch"),
        ("ш", "sh"),
        ("щ", "shch"),
        ("ю", "iu"),
        ("я", "ia"),
    ],
}
#: ``{iso code: {letter: romanisation at the start of a word}}``
WORD_INITIAL = {
    "uk": {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"},
}
_APOSTROPHES = "'\u2019\u02bc"


def iso_code(code):
    """The ISO 639-1 code of a PrestaShop ``language_code`` (``uk-ua``) or
    Odoo language code (``uk_UA``): ``uk``."""
    return re.split(r"[-_@]", (code or "").strip().lower())[0]


def url_name(text, lang=None, max_length=LINK_REWRITE_SIZE):
    """A PrestaShop URL name (``isLinkRewrite`` without accented characters:
    ASCII letters and digits, words joined by ``-``, lower case) of
    ``text``, written in the language of iso code ``lang``, cut to
    ``max_length`` at a word boundary.  ``"item"`` when nothing is left.

    ``Вишиванка`` (``uk``) -> ``vyshyvanka``; ``Tasse à café`` ->
    ``tasse-a-cafe``; ``5µm`` -> ``5um``."""
    text = (text or "").lower()
    iso = iso_code(lang)
    replacements = list(LANGUAGE_REPLACEMENTS.get(iso, ())) + GENERIC_REPLACEMENTS
    initial = WORD_INITIAL.get(iso)
    if initial:
        # the apostrophe does not start a word (Знам'янка: Znamianka)
        text = re.sub(f"[{_APOSTROPHES}]", "", text)
        letters = "".join(initial)
        text = re.sub(rf"(?<![^\W\d_])[{letters}]", lambda m: initial[m.group(0)], text)
    slug = slugify(
        text,
        max_length=max_length,
        word_boundary=True,
        replacements=replacements,
    )
    return slug or "item"
