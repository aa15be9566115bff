"""PrestaShop's validation of written fields (``prestashop_sandbox.validate``),
on both profiles: the codes and messages a real shop answers."""

from __future__ import annotations

import re

import pytest
import requests

from prestashop_sandbox import Sandbox
from prestashop_sandbox import validate as v

from .conftest import KEY

VERSIONS = ("8.1.2", "9.0.0")


@pytest.fixture(scope="module", params=VERSIONS)
def vsb(request):
    sb = Sandbox(key=KEY, version=request.param, seed="demo").start()
    yield sb
    sb.stop()


@pytest.fixture
def shop(vsb):
    vsb.reset()
    return vsb


def arrow(sb):
    return "-&gt;" if sb.store.profile.escape_arrow else "->"


def ml(name, texts):
    inner = "".join(
        f'<language id="{lang}"><![CDATA[{t}]]></language>' for lang, t in texts
    )
    return f"<{name}>{inner}</{name}>"


def product_xml(name="Filtre 5 µm", extra="", link=None):
    names = [(1, name), (2, name)]
    body = ml("name", names)
    if link is not None:
        body += ml("link_rewrite", [(1, link), (2, link)])
    return (
        "<prestashop><product><price>10.000000</price>"
        f"<id_category_default>2</id_category_default>{body}{extra}"
        "</product></prestashop>"
    )


def post(sb, resource, body):
    return requests.post(f"{sb.url}/api/{resource}", data=body.encode(), auth=(KEY, ""))


def error(r):
    codes = re.findall(r"<code><!\[CDATA\[(\d+)\]\]></code>", r.text)
    msgs = re.findall(r"<message><!\[CDATA\[(.*?)\]\]></message>", r.text, re.S)
    return int(codes[-1]), msgs[-1]


def test_catalog_name_with_forbidden_characters_is_refused(shop):
    r = post(shop, "products", product_xml("Filtre <Pro> 5µm ; lot #3"))
    assert r.status_code == 400
    assert error(r) == (
        84,
        f'Validation error: "Property Product{arrow(shop)}name is not valid"',
    )
    assert not shop.store.search("products", reference="never")  # nothing saved


@pytest.mark.parametrize("char", list("<>;=#{}"))
def test_each_forbidden_catalog_character(shop, char):
    r = post(shop, "products", product_xml(f"Filtre {char} 5"))
    assert r.status_code == 400 and error(r)[0] == 84


def test_name_too_long_is_refused_with_its_length(shop):
    # without link_rewrite, the one str2url derives from the name is checked
    # first (link_rewrite comes before name in Product::$definition)
    r = post(shop, "products", product_xml("x" * 140))
    assert error(r) == (
        84,
        f'Validation error: "The length of property Product{arrow(shop)}'
        'link_rewrite is currently 140 chars. It must be between 0 and 128 chars."',
    )
    r = post(shop, "products", product_xml("x" * 140, link="x"))
    assert r.status_code == 400
    assert error(r) == (
        84,
        f'Validation error: "The length of property Product{arrow(shop)}name is '
        'currently 140 chars. It must be between 0 and 128 chars."',
    )
    # 128 characters (multibyte ones count once) pass
    r = post(shop, "products", product_xml("é" * 128))
    assert r.status_code == 201, r.text


def test_accented_name_accepted_and_link_rewrite_derived(shop):
    r = post(shop, "products", product_xml("Crème brûlée – façon grand-mère (5 µm)"))
    assert r.status_code == 201, r.text
    pid = int(re.search(r"<id><!\[CDATA\[(\d+)", r.text).group(1))
    rec = shop.store.get("products", pid)
    # Product::modifierWsLinkRewrite on POST: str2url of the name
    assert rec["link_rewrite"][1] == "creme-brulee-facon-grand-mere-5-mm"


def test_link_rewrite_invalid_on_post_is_rewritten_but_refused_on_put(shop):
    r = post(shop, "products", product_xml("Lampe", link="Lampe été!"))
    assert r.status_code == 201, r.text
    pid = int(re.search(r"<id><!\[CDATA\[(\d+)", r.text).group(1))
    assert shop.store.get("products", pid)["link_rewrite"][1] == "lampe-ete"
    body = (
        f"<prestashop><product><id>{pid}</id>"
        + ml("link_rewrite", [(1, "lampe été")])
        + "</product></prestashop>"
    )
    r = requests.patch(
        f"{shop.url}/api/products/{pid}", data=body.encode(), auth=(KEY, "")
    )
    assert r.status_code == 400
    assert error(r) == (
        84,
        f'Validation error: "Property Product{arrow(shop)}link_rewrite is not valid"',
    )


def test_link_rewrite_with_accented_urls_allowed():
    cfg = {"PS_ALLOW_ACCENTED_CHARS_URL": True}
    assert v.is_link_rewrite("lampe-été", cfg)
    assert v.is_link_rewrite("футболка", cfg)
    assert not v.is_link_rewrite("lampe été", cfg)
    assert not v.is_link_rewrite("lampe-été", {})
    assert v.is_link_rewrite("lampe_2-x", {})


def test_generic_name_allows_semicolon_and_hash(shop):
    # isGenericName forbids only <>={} (meta_title), isCatalogName also ;#
    r = post(
        shop, "products", product_xml("Lampe", extra=ml("meta_title", [(1, "A; #1")]))
    )
    assert r.status_code == 201, r.text
    r = post(
        shop, "products", product_xml("Lampe", extra=ml("meta_title", [(1, "a=b")]))
    )
    assert error(r) == (
        84,
        f'Validation error: "Property Product{arrow(shop)}meta_title is not valid"',
    )


def test_clean_html(shop):
    ok = "<p>Bonjour <b>monde</b> &amp; co</p><ul><li>5 µm</li></ul>"
    r = post(shop, "products", product_xml("Lampe", extra=ml("description", [(1, ok)])))
    assert r.status_code == 201, r.text
    for bad in (
        "<script>alert(1)</script>",
        '<img src=x onerror="x()">',
        "<iframe src=x>",
    ):
        r = post(
            shop, "products", product_xml("Lampe", extra=ml("description", [(1, bad)]))
        )
        assert error(r) == (
            84,
            f'Validation error: "Property Product{arrow(shop)}description '
            'is not valid"',
        ), bad


def test_description_short_limit_counts_text_without_tags(shop):
    text = "<p>" + "a" * 800 + "</p>"
    r = post(
        shop,
        "products",
        product_xml("Lampe", extra=ml("description_short", [(1, text)])),
    )
    assert r.status_code == 201, r.text
    text = "<p>" + "a" * 801 + "</p>"
    r = post(
        shop,
        "products",
        product_xml("Lampe", extra=ml("description_short", [(1, text)])),
    )
    assert error(r) == (
        84,
        f'Validation error: "The length of property Product{arrow(shop)}'
        "description_short is currently 808 chars. "
        'It must be between 0 and 807 chars."',
    )


@pytest.mark.parametrize(
    "field,value,ok",
    [
        ("reference", "REF-1/2 #3", True),
        ("reference", "REF;1", False),
        ("price", "12.5", True),
        ("price", "-1", False),
        ("price", "12,5", False),
        ("id_category_default", "abc", False),
        ("id_category_default", "1.0", False),
        ("active", "1", True),
        ("active", "true", False),
        ("weight", "0.250", True),
        ("weight", "-1", False),
        ("condition", "used", True),
        ("condition", "broken", False),
    ],
)
def test_plain_fields(shop, field, value, ok):
    extra = f"<{field}>{value}</{field}>"
    body = product_xml("Lampe", extra=extra)
    if field == "price":
        body = body.replace("<price>10.000000</price>", "")
    r = post(shop, "products", body)
    if ok:
        assert r.status_code == 201, r.text
        return
    assert r.status_code == 400
    code, msg = error(r)
    assert code == 85
    if field == "condition":
        assert msg == (
            f'Validation error: "Property Product{arrow(shop)}condition has a bad '
            'value (allowed values are: new, used, refurbished)."'
        )
    else:
        assert (
            msg
            == f'Validation error: "Property Product{arrow(shop)}{field} is not valid"'
        )


def test_ean13_and_gtin(shop):
    version = shop.store.profile.version
    r = post(
        shop, "products", product_xml("Lampe", extra="<ean13>12345678901234</ean13>")
    )
    if version == "8.1.2":  # isEan13, 13 chars
        assert error(r) == (
            85,
            'Validation error: "The length of property Product-&gt;ean13 is '
            'currently 14 chars. It must be between 0 and 13 chars."',
        )
    else:  # 9.0: isGtin, 14 chars
        assert r.status_code == 201, r.text
    r = post(shop, "products", product_xml("Lampe", extra="<ean13>12A4</ean13>"))
    assert error(r)[0] == 85 and "ean13 is not valid" in error(r)[1]


def test_required_default_language_only(shop):
    # Category: name and link_rewrite required, in the default language
    body = (
        "<prestashop><category><active>1</active><id_parent>2</id_parent>"
        + ml("name", [(2, "Seulement fr")])
        + ml("link_rewrite", [(2, "seulement-fr")])
        + "</category></prestashop>"
    )
    r = post(shop, "categories", body)
    assert error(r) == (
        84,
        f'Validation error: "Property Category{arrow(shop)}name is empty."',
    )
    body = body.replace(
        '<language id="2"><![CDATA[Seulement fr', '<language id="1"><![CDATA[Only en'
    )
    r = post(shop, "categories", body)
    assert r.status_code == 201, r.text


def test_customer_email_and_names(shop):
    base = (
        "<prestashop><customer><passwd>secret123</passwd>"
        "<lastname>{ln}</lastname><firstname>Anne</firstname>"
        "<email>{em}</email></customer></prestashop>"
    )
    r = post(shop, "customers", base.format(ln="Dupont-Lajoie", em="anne@example.com"))
    assert r.status_code == 201, r.text
    r = post(shop, "customers", base.format(ln="Dupont", em="anne@@example"))
    assert error(r) == (
        85,
        f'Validation error: "Property Customer{arrow(shop)}email is not valid"',
    )
    r = post(shop, "customers", base.format(ln="Dupont2", em="anne@example.com"))
    assert error(r) == (
        85,
        f'Validation error: "Property Customer{arrow(shop)}lastname is not valid"',
    )


def test_stock_quantity_range(shop):
    row = shop.store.search("stock_availables", id_product_attribute=0)[0]
    body = (
        f"<prestashop><stock_available><id>{row['id']}</id>"
        "<quantity>3000000000</quantity></stock_available></prestashop>"
    )
    r = requests.patch(
        f"{shop.url}/api/stock_availables/{row['id']}",
        data=body.encode(),
        auth=(KEY, ""),
    )
    assert r.status_code == 400
    assert error(r) == (
        85,
        f'Validation error: "The range of property StockAvailable{arrow(shop)}quantity '
        'is currently 3000000000. It must be between -2147483648 and 2147483647."',
    )


def test_demo_products_round_trip(shop):
    """Every demo product read back and PUT as a client does passes."""
    for pid in list(shop.store.table("products"))[:20]:
        r = requests.get(f"{shop.url}/api/products/{pid}", auth=(KEY, ""))
        body = re.sub(
            r"<(manufacturer_name|quantity|position_in_category)\b.*?</\1>",
            "",
            r.text,
            flags=re.S,
        )
        r = requests.put(
            f"{shop.url}/api/products/{pid}", data=body.encode(), auth=(KEY, "")
        )
        assert r.status_code == 200, (pid, r.text[:400])


def test_validators_unit():
    assert v.VALIDATORS["isFloat"]("1e3") and not v.VALIDATORS["isFloat"]("1,5")
    assert v.VALIDATORS["isInt"]("-3") and not v.VALIDATORS["isInt"]("03")
    assert v.VALIDATORS["isUnsignedInt"]("4294967295")
    assert not v.VALIDATORS["isUnsignedInt"]("4294967296")
    assert v.VALIDATORS["isDate"]("2024-02-29 10:00:00")
    assert not v.VALIDATORS["isDate"]("2023-02-29")
    assert v.VALIDATORS["isCustomerName"]("J. Martin")
    assert not v.VALIDATORS["isCustomerName"]("J.Martin")
    assert v.str2url("  Футболка конектора ") == "futbolka-konektora"
    assert v.str2url("Crème/Brûlée: l'été") == "creme-brulee-l-ete"
