"""Side effects of writes that follow the real shop: stock rows per shop or
shop group, combination ids, the customer fields ``Customer::add`` sets."""

from __future__ import annotations

import re

import pytest
import requests

from prestashop_sandbox import Sandbox

from .conftest import KEY

PRODUCT = (
    "<prestashop><product><price>5</price><id_category_default>2"
    '</id_category_default><name><language id="1">Lampe</language></name>'
    "</product></prestashop>"
)


def _post(sb, res, body):
    r = requests.post(f"{sb.url}/api/{res}", data=body.encode(), auth=(KEY, ""))
    assert r.status_code == 201, r.text
    return int(re.search(r"<id><!\[CDATA\[(\d+)", r.text).group(1))


def _combination(pid):
    return (
        f"<prestashop><combination><id_product>{pid}</id_product>"
        "<minimal_quantity>1</minimal_quantity></combination></prestashop>"
    )


@pytest.mark.parametrize("version", ["8.1.2", "9.0.0"])
@pytest.mark.parametrize(
    "seed,owners",
    [
        ("demo", [(1, 0)]),
        ("demo-multishop", [(1, 0), (2, 0)]),
        ("demo-multishop-shared", [(0, 1)]),
    ],
)
def test_stock_rows_of_new_product_and_combination(version, seed, owners):
    with Sandbox(key=KEY, version=version, seed=seed) as sb:
        pid = _post(sb, "products", PRODUCT)
        rows = sb.store.search("stock_availables", id_product=pid)
        assert sorted((int(r["id_shop"]), int(r["id_shop_group"])) for r in rows) == (
            sorted(owners)
        )
        cid = _post(sb, "combinations", _combination(pid))
        rows = sb.store.search("stock_availables", id_product=pid)
        assert len(rows) == 2 * len(owners)
        combo_rows = [r for r in rows if int(r["id_product_attribute"]) == cid]
        assert sorted(
            (int(r["id_shop"]), int(r["id_shop_group"])) for r in combo_rows
        ) == sorted(owners)
        # a quantity on a combination row sums into its product row
        row = combo_rows[0]
        sb.store.update("stock_availables", row["id"], {"quantity": 7})
        base = [
            r
            for r in sb.store.search("stock_availables", id_product=pid)
            if int(r["id_product_attribute"]) == 0 and r["id_shop"] == row["id_shop"]
        ]
        assert int(base[0]["quantity"]) == 7


def test_combination_ids_follow_auto_increment_after_delete():
    with Sandbox(key=KEY, version="8.1.2", seed="demo") as sb:
        last = max(sb.store.table("combinations"))
        p1 = _post(sb, "products", PRODUCT)
        p2 = _post(sb, "products", PRODUCT)
        a = _post(sb, "combinations", _combination(p1))
        b = _post(sb, "combinations", _combination(p2))
        assert (a, b) == (last + 1, last + 2)
        r = requests.delete(f"{sb.url}/api/combinations/{b}", auth=(KEY, ""))
        assert r.status_code == 200
        # InnoDB's auto-increment does not reuse a deleted id
        assert _post(sb, "combinations", _combination(p2)) == last + 3
        sb.reset()
        assert _post(sb, "combinations", _combination(1)) == last + 1


@pytest.mark.parametrize("version", ["8.1.2", "9.0.0"])
def test_new_customer_gets_secure_key_hash_and_passwd_date(version):
    with Sandbox(key=KEY, version=version, seed="demo") as sb:
        body = (
            "<prestashop><customer><passwd>secret123</passwd><lastname>Doe"
            "</lastname><firstname>Jane</firstname><email>jane@example.com</email>"
            "</customer></prestashop>"
        )
        r = requests.post(f"{sb.url}/api/customers", data=body, auth=(KEY, ""))
        assert r.status_code == 201
        key = re.search(r"<secure_key><!\[CDATA\[([0-9a-f]{32})\]\]>", r.text)
        assert key
        cid = int(re.search(r"<id><!\[CDATA\[(\d+)", r.text).group(1))
        r = requests.get(
            f"{sb.url}/api/customers/{cid}",
            params={"output_format": "JSON"},
            auth=(KEY, ""),
        )
        c = r.json()["customer"]
        assert c["secure_key"] == key.group(1)
        assert c["passwd"].startswith("$2y$10$") and len(c["passwd"]) == 60
        assert c["last_passwd_gen"]
        oid = sb.place_order(cid, lines=[(1, 1, 1)], id_carrier=2, paid=True)
        r = requests.get(
            f"{sb.url}/api/orders/{oid}",
            params={"output_format": "JSON"},
            auth=(KEY, ""),
        )
        assert r.json()["order"]["secure_key"] == key.group(1)
