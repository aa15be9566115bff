"""The generated benchmark shop: builds fast, deterministic and consistent."""

from __future__ import annotations

import time
from collections import Counter
from decimal import Decimal

import pytest

from prestashop_sandbox.resources import build_resources
from prestashop_sandbox.seeds import demo
from prestashop_sandbox.seeds.generator import build_large

RESOURCES = build_resources()  # the built-in 8.1.2 definitions


@pytest.fixture(scope="module")
def shop():
    return build_large(200)


def dec(value) -> Decimal:
    return Decimal(str(value))


def half_up(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding="ROUND_HALF_UP")


def test_small_shop_is_fast_and_sized():
    started = time.perf_counter()
    shop = build_large(200)
    assert time.perf_counter() - started < 2.0
    assert len(shop["products"]) == 200
    assert len(shop["orders"]) == 2000
    assert len(shop["customers"]) == 400
    assert 2000 <= len(shop["order_details"]) <= 8000
    assert len(shop["order_carriers"]) == len(shop["carts"]) == 2000


def test_arguments_and_determinism(shop):
    assert build_large(200) == shop
    other = build_large(50, seed=1, orders=30, customers=7)
    assert len(other["orders"]) == 30 and len(other["customers"]) == 7
    assert build_large(50, seed=2, orders=30, customers=7) != other


def test_metadata_comes_from_the_demo(shop):
    base = demo.build_demo()
    for name in ("languages", "taxes", "order_states", "carriers", "countries"):
        assert shop[name] == base[name]


def test_fields_are_real_and_stored(shop):
    for name, rows in shop.items():
        resource = RESOURCES[name]
        for record in list(rows.values())[:50]:
            assert set(record) - set(resource.field_map) <= {"associations"}, name
            for key, value in record.items():
                if key == "associations" or resource.field_map[key].multilang:
                    continue
                if resource.field_map[key].is_int:
                    assert type(value) is int or value == "", (name, key, value)
                else:
                    assert value is None or type(value) is str, (name, key, value)


def test_no_record_shares_a_mutable_value(shop):
    seen = set()
    for rows in shop.values():
        for record in rows.values():
            for value in record.values():
                if isinstance(value, (dict, list)):
                    assert id(value) not in seen
                    seen.add(id(value))


def test_combinations_and_stock(shop):
    products = shop["products"]
    with_combinations = [
        p for p in products.values() if p["associations"]["combinations"]
    ]
    assert 0.25 < len(with_combinations) / len(products) < 0.4
    for product in with_combinations:
        assert 2 <= len(product["associations"]["combinations"]) <= 6
    stock = {(s["id_product"], s["id_product_attribute"]): s["quantity"]
             for s in shop["stock_availables"].values()}  # fmt: skip
    for pid, product in products.items():
        combos = [c["id"] for c in product["associations"]["combinations"]]
        if combos:
            assert stock[(pid, 0)] == sum(stock[(pid, c)] for c in combos)
        assert len(product["associations"]["stock_availables"]) == len(combos) + 1
    codes = [c["ean13"] for c in shop["combinations"].values()]
    codes += [p["ean13"] for p in products.values() if p["ean13"]]
    assert all(demo.ean13_is_valid(c) for c in codes) and len(set(codes)) == len(codes)


def test_orders_are_right_to_the_cent(shop):
    lines, line_ids = {}, {}
    for did, detail in shop["order_details"].items():
        lines.setdefault(detail["id_order"], []).append(detail)
        line_ids.setdefault(detail["id_order"], []).append(did)
        qty = detail["product_quantity"]
        assert dec(detail["total_price_tax_excl"]) == half_up(
            dec(detail["unit_price_tax_excl"]) * qty
        )
        assert dec(detail["total_price_tax_incl"]) == half_up(
            dec(detail["unit_price_tax_incl"]) * qty
        )
    for oid, order in shop["orders"].items():
        details = lines[oid]
        assert dec(order["total_products"]) == sum(
            dec(d["total_price_tax_excl"]) for d in details
        )
        assert dec(order["total_products_wt"]) == sum(
            dec(d["total_price_tax_incl"]) for d in details
        )
        assert dec(order["total_paid_tax_incl"]) == (
            dec(order["total_products_wt"])
            + dec(order["total_shipping_tax_incl"])
            + dec(order["total_wrapping_tax_incl"])
            - dec(order["total_discounts_tax_incl"])
        )
        assert dec(order["total_paid_tax_excl"]) == (
            dec(order["total_products"])
            + dec(order["total_shipping_tax_excl"])
            - dec(order["total_discounts_tax_excl"])
        )
        rows = order["associations"]["order_rows"]
        assert [r["id"] for r in rows] == line_ids[oid]


def test_references_point_to_records(shop):
    for order in shop["orders"].values():
        assert order["id_customer"] in shop["customers"]
        address = shop["addresses"][order["id_address_delivery"]]
        assert address["id_customer"] == order["id_customer"]
        assert order["id_carrier"] in shop["carriers"]
        assert order["current_state"] in shop["order_states"]
        assert order["id_cart"] in shop["carts"]
    for detail in shop["order_details"].values():
        assert detail["product_id"] in shop["products"]
        attribute = detail["product_attribute_id"]
        if attribute:
            assert shop["combinations"][attribute]["id_product"] == detail["product_id"]
    for history in shop["order_histories"].values():
        assert history["id_order"] in shop["orders"]
    histories = Counter(h["id_order"] for h in shop["order_histories"].values())
    assert set(histories) == set(shop["orders"])
    for product in shop["products"].values():
        for item in product["associations"]["categories"]:
            assert item["id"] in shop["categories"]
