"""Several entities in one write, as ``WebserviceRequest::saveEntityFromXml``
(PrestaShop 8.1 / 9.0) loops over every child of ``<prestashop>``; and id
filters served from the table's key instead of a scan."""

from __future__ import annotations

import json

import pytest
import requests
from lxml import etree

from prestashop_sandbox import Sandbox
from prestashop_sandbox.query import ListQuery

from .conftest import KEY

STOCK_FIELDS = (
    "id_product",
    "id_product_attribute",
    "id_shop",
    "id_shop_group",
    "depends_on_stock",
    "out_of_stock",
)


@pytest.fixture(scope="module", params=["8.1.2", "9.0.0"])
def shop(request):
    sb = Sandbox(key=KEY, version=request.param, seed="demo").start()
    yield sb
    sb.stop()


@pytest.fixture
def sb(shop):
    shop.reset()
    return shop


def _stock_put(sb, sid, quantity, with_id=True) -> str:
    """A full ``<stock_available>`` node as a client writes it back."""
    rec = sb.store.get("stock_availables", sid)
    fields = "".join(f"<{k}>{rec[k]}</{k}>" for k in STOCK_FIELDS)
    ident = f"<id>{sid}</id>" if with_id else ""
    return (
        f"<stock_available>{ident}{fields}<quantity>{quantity}</quantity>"
        "</stock_available>"
    )


def _stock_patch(sid, quantity) -> str:
    return (
        f"<stock_available><id>{sid}</id><quantity>{quantity}</quantity>"
        "</stock_available>"
    )


def _send(sb, method, path, nodes, **params):
    body = "<prestashop>" + "".join(nodes) + "</prestashop>"
    return requests.request(
        method,
        f"{sb.url}/api/{path}",
        data=body.encode(),
        auth=(KEY, ""),
        params=params,
    )


def _qty(sb, sid) -> int:
    return int(sb.store.get("stock_availables", sid)["quantity"])


def _error(r) -> tuple:
    root = etree.fromstring(r.content)
    return int(root.findtext("errors/error/code")), root.findtext(
        "errors/error/message"
    )


def _nodes(r, tag) -> list:
    root = etree.fromstring(r.content)
    assert [c.tag for c in root] == [tag] * len(root)
    return list(root)


# -- several entities in one PUT / PATCH -------------------------------------
@pytest.mark.parametrize("path", ["stock_availables", "stock_availables/8"])
def test_put_writes_every_entity_in_order(sb, path):
    r = _send(sb, "PUT", path, [_stock_put(sb, 7, 40), _stock_put(sb, 9, 41)])
    assert r.status_code == 200, r.text
    assert (_qty(sb, 7), _qty(sb, 9), _qty(sb, 8)) == (40, 41, 15)
    nodes = _nodes(r, "stock_available")
    assert [(n.findtext("id"), n.findtext("quantity")) for n in nodes] == [
        ("7", "40"),
        ("9", "41"),
    ]


def test_each_entity_renders_as_the_single_entity_answer(sb):
    one = _send(sb, "PUT", "stock_availables/7", [_stock_put(sb, 7, 40)])
    two = _send(sb, "PUT", "stock_availables/9", [_stock_put(sb, 9, 41)])
    single = [etree.tostring(_nodes(r, "stock_available")[0]) for r in (one, two)]
    sb.reset()
    both = _send(
        sb, "PUT", "stock_availables", [_stock_put(sb, 7, 40), _stock_put(sb, 9, 41)]
    )
    assert [etree.tostring(n) for n in _nodes(both, "stock_available")] == single


def test_patch_writes_every_entity(sb):
    # the URL's id (6) plays no part: the body's ids are written
    r = _send(
        sb, "PATCH", "stock_availables/6", [_stock_patch(7, 1), _stock_patch(9, 2)]
    )
    assert r.status_code == 200, r.text
    assert (_qty(sb, 6), _qty(sb, 7), _qty(sb, 9)) == (12, 1, 2)
    assert len(_nodes(r, "stock_available")) == 2


def test_side_effects_run_for_each_entity(sb):
    # two combination rows of product 1: its product row (1) sums them
    r = _send(
        sb, "PATCH", "stock_availables", [_stock_patch(2, 20), _stock_patch(3, 30)]
    )
    assert r.status_code == 200, r.text
    assert _qty(sb, 1) == 20 + 30 + 7 + 5


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_duplicate_id_refuses_everything(sb, method):
    nodes = [_stock_patch(7, 1), _stock_patch(9, 2), _stock_patch(7, 3)]
    r = _send(sb, method, "stock_availables", nodes)
    assert r.status_code == 400
    assert _error(r) == (89, "id is duplicate in request")
    assert (_qty(sb, 7), _qty(sb, 9)) == (26, 39)


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
@pytest.mark.parametrize("path", ["stock_availables", "stock_availables/9"])
def test_entity_without_id_refuses_everything(sb, method, path):
    nodes = [_stock_put(sb, 7, 1), _stock_put(sb, 9, 2, with_id=False)]
    r = _send(sb, method, path, nodes)
    assert r.status_code == 400
    assert _error(r) == (90, "id is required when modifying a resource")
    assert (_qty(sb, 7), _qty(sb, 9)) == (26, 39)


def test_single_entity_without_id_is_refused_even_with_an_id_in_the_url(sb):
    # saveEntityFromXml counts the body's ids only
    r = _send(sb, "PUT", "stock_availables/7", [_stock_put(sb, 7, 1, False)])
    assert r.status_code == 400
    assert _error(r)[0] == 90
    assert _qty(sb, 7) == 26


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_unknown_id_stops_the_loop_earlier_entities_stay_written(sb, method):
    nodes = [_stock_put(sb, 7, 1), _stock_patch(99999, 2), _stock_put(sb, 9, 3)]
    r = _send(sb, method, "stock_availables", nodes)
    assert r.status_code == 404
    assert _error(r) == (92, "Invalid ID")
    assert (_qty(sb, 7), _qty(sb, 9)) == (1, 39)


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_validation_error_stops_the_loop_earlier_entities_stay_written(sb, method):
    nodes = [
        _stock_put(sb, 7, 1),
        _stock_put(sb, 8, 2),
        _stock_put(sb, 9, 99999999999),
        _stock_put(sb, 10, 4),
    ]
    r = _send(sb, method, "stock_availables", nodes)
    assert r.status_code == 400
    code, message = _error(r)
    assert code == 85
    assert "quantity is currently 99999999999" in message
    assert [_qty(sb, i) for i in (7, 8, 9, 10)] == [1, 2, 39, 52]


def test_read_only_field_in_second_entity(sb):
    nodes = [
        "<product><id>2</id><reference>FIRST</reference></product>",
        "<product><id>1</id><quantity>3</quantity></product>",
    ]
    r = _send(sb, "PATCH", "products", nodes)
    assert r.status_code == 400
    assert _error(r) == (
        93,
        'parameter "quantity" not writable. Please remove this attribute of '
        "this XML",
    )
    assert sb.store.get("products", 2)["reference"] == "FIRST"


def test_json_answer_is_the_last_entity_or_a_list_with_display(sb):
    nodes = [_stock_patch(7, 1), _stock_patch(9, 2)]
    r = _send(sb, "PATCH", "stock_availables", nodes, output_format="JSON")
    assert r.status_code == 200, r.text
    # WebserviceOutputJSON stores each object under "stock_available":
    # the last one overwrites the others
    assert list(r.json()) == ["stock_available"]
    assert r.json()["stock_available"]["id"] == 9
    assert r.json()["stock_available"]["quantity"] == 2
    sb.reset()
    r = _send(
        sb, "PATCH", "stock_availables", nodes, output_format="JSON", display="full"
    )
    assert r.status_code == 200, r.text
    rows = r.json()["stock_availables"]
    assert [(s["id"], s["quantity"]) for s in rows] == [(7, 1), (9, 2)]
    # a list keeps the falsy fields, as a GET with display does
    assert rows[0]["id_shop_group"] == 0


def test_single_entity_json_answer_unchanged(sb):
    r = _send(
        sb, "PATCH", "stock_availables/7", [_stock_patch(7, 5)], output_format="JSON"
    )
    got = json.loads(r.text)["stock_available"]
    assert got["id"] == 7 and got["quantity"] == 5
    assert "id_shop_group" not in got  # a single object drops falsy fields


# -- POST ----------------------------------------------------------------------
def test_post_creates_every_entity(sb):
    before = len(sb.store.table("tags"))
    nodes = [
        "<tag><id_lang>1</id_lang><name>alpha</name></tag>",
        "<tag><id_lang>1</id_lang><name>beta</name></tag>",
    ]
    r = _send(sb, "POST", "tags", nodes)
    assert r.status_code == 201, r.text
    got = [(n.findtext("id"), n.findtext("name")) for n in _nodes(r, "tag")]
    assert [name for _, name in got] == ["alpha", "beta"]
    assert len(sb.store.table("tags")) == before + 2
    assert [sb.store.get("tags", int(i))["name"] for i, _ in got] == ["alpha", "beta"]


def test_post_with_an_id_in_any_entity_is_refused(sb):
    before = len(sb.store.table("tags"))
    nodes = [
        "<tag><id_lang>1</id_lang><name>alpha</name></tag>",
        "<tag><id>3</id><id_lang>1</id_lang><name>beta</name></tag>",
    ]
    r = _send(sb, "POST", "tags", nodes)
    assert r.status_code == 400
    assert _error(r) == (91, "id is forbidden when adding a new resource")
    assert len(sb.store.table("tags")) == before


def test_post_error_in_second_entity_keeps_the_first(sb):
    before = len(sb.store.table("tags"))
    nodes = [
        "<tag><id_lang>1</id_lang><name>alpha</name></tag>",
        "<tag><name>beta</name></tag>",  # id_lang required
    ]
    r = _send(sb, "POST", "tags", nodes)
    assert r.status_code == 400
    assert _error(r) == (41, 'parameter "id_lang" required')
    assert len(sb.store.table("tags")) == before + 1


# -- id filters through the table's key ----------------------------------------
class CountingTable(dict):
    """A table that counts how often it is walked through."""

    walks = 0

    def __iter__(self):
        CountingTable.walks += 1
        return super().__iter__()

    def values(self):
        CountingTable.walks += 1
        return super().values()

    def items(self):
        CountingTable.walks += 1
        return super().items()

    def __reversed__(self):
        CountingTable.walks += 1
        return super().__reversed__()


def _scan(sb, res, params) -> list:
    """What the filter gives over every row (the path without the index)."""
    lq = ListQuery(sb.store.resources[res], params, sb.store.profile)
    return [r["id"] for r in lq.apply(sb.store.table(res).values())]


def _listed(sb, res, params) -> list:
    r = requests.get(f"{sb.url}/api/{res}", params=params, auth=(KEY, ""))
    assert r.status_code == 200, r.text
    return [
        int(n.get("id") or n.findtext("id")) for n in etree.fromstring(r.content)[0]
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"filter[id]": "[12|3|999|1|3]"},
        {"filter[id]": "[5]"},
        {"filter[id]": "5"},
        {"filter[id]": "[05|2.0|x|2.5|-0|1e1]"},
        {"filter[id]": "[nan]"},
        {"filter[id]": "[1|2|3|4|5|6]", "sort": "[id_DESC]", "limit": "1,3"},
        {"filter[id]": "[1|2|3|4|5|6]", "filter[active]": "[1]"},
        {"filter[id]": "[1|2|3]", "display": "[id,reference]"},
    ],
)
def test_id_filter_gives_the_rows_of_a_scan(sb, params):
    expected = _scan(sb, "products", params)
    assert _listed(sb, "products", params) == expected
    if "filter[active]" not in params and "limit" not in params:
        assert expected  # the cases are not vacuous


def test_id_filter_keeps_the_table_order(sb):
    # the demo's countries are not stored in id order (1, 3, 6, ..., 21, 4)
    ids = list(sb.store.table("countries"))
    assert ids != sorted(ids)
    params = {"filter[id]": "[" + "|".join(str(i) for i in sorted(ids)) + "]"}
    assert _listed(sb, "countries", params) == ids == _scan(sb, "countries", params)


def test_id_filter_after_creates_and_deletes(sb):
    def listed(ids):
        params = {"filter[id]": "[" + "|".join(str(i) for i in ids) + "]"}
        got = _listed(sb, "tags", params)
        assert got == _scan(sb, "tags", params)
        return got

    a, b, c, d = (sb.store.create("tags", {"id_lang": 1, "name": n}) for n in "abcd")
    assert listed([c, a]) == [a, c]  # ranks the table
    e = sb.store.create("tags", {"id_lang": 1, "name": "e"})
    assert listed([e, d, a]) == [a, d, e]  # new rows ranked after the others
    # a deleted id written again goes to the end of the table, as in a scan
    sb.store.delete("tags", a)
    sb.store.create("tags", {"id": a, "id_lang": 1, "name": "again"})
    assert listed([a, b, e]) == [b, e, a]


def test_id_filter_does_not_walk_the_table(sb):
    table = CountingTable(sb.store.table("products"))
    dict.__setitem__(sb.store.tables, "products", table)
    CountingTable.walks = 0
    assert _listed(sb, "products", {"filter[id]": "[3]"}) == [3]
    assert CountingTable.walks == 0
    # several ids: their order in the table is ranked once, then reused
    assert _listed(sb, "products", {"filter[id]": "[3|1|2]"}) == [1, 2, 3]
    CountingTable.walks = 0
    assert _listed(sb, "products", {"filter[id]": "[4|2|7]"}) == [2, 4, 7]
    assert CountingTable.walks == 0
    # a filter on another field does walk it (the counter works)
    _listed(sb, "products", {"filter[reference]": "[x]"})
    assert CountingTable.walks > 0
