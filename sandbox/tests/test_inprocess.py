"""The in-process API the connector's tests rely on."""

from __future__ import annotations

import time

import requests

from prestashop_sandbox import Sandbox

from .conftest import KEY


def test_reset_is_fast_and_complete(sb):
    sb.store.update("products", 1, {"reference": "CHANGED"})
    requests.get(sb.url + "/api/products/1", auth=(KEY, ""))
    assert sb.requests
    t0 = time.perf_counter()
    sb.reset()
    assert time.perf_counter() - t0 < 0.25
    assert sb.store.get("products", 1)["reference"] == "ML-DRAP-001"
    assert sb.requests == []


def test_store_api_side_effects(sb):
    before = sb.store.get("products", 20 - 19)["date_upd"]
    rows = sb.store.search("stock_availables", id_product=1)
    combo_row = next(r for r in rows if r["id_product_attribute"] != 0)
    sb.store.update("stock_availables", combo_row["id"], {"quantity": 5000})
    total = sum(
        r["quantity"]
        for r in sb.store.search("stock_availables", id_product=1)
        if r["id_product_attribute"] != 0
    )
    base = next(
        r
        for r in sb.store.search("stock_availables", id_product=1)
        if r["id_product_attribute"] == 0
    )
    assert base["quantity"] == total
    new_id = sb.store.create("tags", {"id_lang": 1, "name": "from-test"})
    r = requests.get(f"{sb.url}/api/tags/{new_id}?output_format=JSON", auth=(KEY, ""))
    assert r.json()["tag"]["name"] == "from-test"
    sb.store.update("products", 1, {"price": "30.000000"})
    assert sb.store.get("products", 1)["date_upd"] >= before
    sb.store.delete("tags", new_id)
    assert sb.store.get("tags", new_id) is None


def test_place_order_totals_and_side_effects(dump_sb):
    sb = dump_sb  # totals computed on the recorded demo shop
    stock_before = {
        r["id_product_attribute"]: r["quantity"]
        for r in sb.store.search("stock_availables", id_product=1)
    }
    oid = sb.place_order(2, [(1, 1, 2)], id_carrier=2, paid=True)
    order = sb.store.get("orders", oid)
    assert order["current_state"] == 2
    # 2 x 23.90 * 1.2 VAT (FR) - 20 % specific price, + 7.00 * 1.2 shipping
    assert order["total_products"] == f"{2 * 23.9 * 0.8:.6f}"
    assert order["total_paid"] == f"{round(2 * 23.9 * 0.8 * 1.2 + 8.4, 2):.6f}"
    details = sb.store.search("order_details", id_order=oid)
    assert len(details) == 1 and details[0]["product_quantity"] == 2
    assert sb.store.search("order_carriers", id_order=oid)
    assert [
        h["id_order_state"] for h in sb.store.search("order_histories", id_order=oid)
    ] == [2]
    after = {
        r["id_product_attribute"]: r["quantity"]
        for r in sb.store.search("stock_availables", id_product=1)
    }
    assert after[1] == stock_before[1] - 2
    assert after[0] == stock_before[0] - 2
    unpaid = sb.place_order(
        2, [(1, 1, 1)], id_carrier=2, paid=False, module="ps_wirepayment"
    )
    assert sb.store.get("orders", unpaid)["current_state"] == 10
    sb.set_order_state(oid, 4)
    order = sb.store.get("orders", oid)
    assert order["current_state"] == 4 and order["delivery_number"] >= 1
    r = requests.get(
        f"{sb.url}/api/orders/{oid}?display=[id,current_state]", auth=(KEY, "")
    )
    assert "<current_state" in r.text and "[4]" in r.text


def _set_config(sb, name: str, value: str) -> None:
    (row,) = sb.store.search("configurations", name=name)
    sb.store.update("configurations", row["id"], {"value": value})


def test_place_order_rounds_per_the_configured_round_type(sb):
    """7 tealights at 8.49 + 20 % = 10.188: per line (the default) 71.32,
    per item 7 x 10.19 = 71.33, on the total 71.316 -> 71.32."""
    seen = {}
    for round_type in ("2", "1", "3"):
        _set_config(sb, "PS_ROUND_TYPE", round_type)
        oid = sb.place_order(6, [(15, 0, 7)], id_carrier=3, paid=True)
        order = sb.store.get("orders", oid)
        (detail,) = sb.store.search("order_details", id_order=oid)
        assert detail["unit_price_tax_incl"] == "10.188000"
        seen[round_type] = (
            order["round_type"],
            order["total_products"],
            order["total_products_wt"],
            detail["total_price_tax_incl"],
            order["conversion_rate"],
        )
    assert seen == {
        "2": (2, "59.430000", "71.320000", "71.320000", "1.000000"),
        "1": (1, "59.430000", "71.330000", "71.330000", "1.000000"),
        "3": (3, "59.430000", "71.320000", "71.316000", "1.000000"),
    }


def test_place_order_in_the_carts_currency(sb):
    """A cart in Swiss francs (id 2, 0.94): prices converted, the tax on the
    unrounded converted price; the order and its payment keep the rate."""
    oid = sb.place_order(2, [(2, 0, 1), (3, 0, 2)], id_carrier=2, id_currency=2)
    order = sb.store.get("orders", oid)
    assert order["id_currency"] == 2 and order["conversion_rate"] == "0.940000"
    cart = sb.store.get("carts", int(order["id_cart"]))
    assert int(cart["id_currency"]) == 2
    details = sb.store.search("order_details", id_order=oid)
    assert [
        (d["unit_price_tax_excl"], d["unit_price_tax_incl"], d["total_price_tax_incl"])
        for d in details
    ] == [
        ("69.716667", "83.660000", "83.660000"),
        ("27.338333", "32.806000", "65.610000"),
    ]
    assert (order["total_products"], order["total_products_wt"]) == (
        "124.400000",
        "149.270000",
    )
    (payment,) = [
        p
        for p in sb.store.search("order_payments")
        if p["order_reference"] == order["reference"]
    ]
    assert int(payment["id_currency"]) == 2
    assert payment["conversion_rate"] == "0.940000"
    assert payment["amount"] == order["total_paid"] == "149.270000"
    euro = sb.store.get("orders", sb.place_order(2, [(2, 0, 1)], id_carrier=2))
    assert (euro["id_currency"], euro["conversion_rate"]) == (1, "1.000000")
    assert euro["total_products_wt"] == "89.000000"


def test_multishop_stock(recordings):
    seed_dir = recordings / "8.1.2" / "dump"
    with Sandbox(key=KEY, seed=seed_dir) as sb:
        st = sb.store
        st.create(
            "shops",
            {
                "id": 2,
                "id_shop_group": 1,
                "name": "Second shop",
                "active": "1",
                "id_category": 2,
            },
        )
        sid = st.create(
            "stock_availables",
            {"id_product": 1, "id_product_attribute": 1, "id_shop": 2, "quantity": 7},
        )
        url = f"{sb.url}/api/stock_availables"
        q = {
            "display": "[id,id_shop,quantity]",
            "filter[id_product]": "[1]",
            "filter[id_product_attribute]": "[1]",
        }
        shop2 = requests.get(url, params={**q, "id_shop": "2"}, auth=(KEY, "")).text
        assert f"<![CDATA[{sid}]]>" in shop2
        # a plain id_shop does not filter (as the real shop); filter[id_shop] does
        shop1 = requests.get(url, params={**q, "id_shop": "1"}, auth=(KEY, "")).text
        assert f"<![CDATA[{sid}]]>" in shop1
        only1 = requests.get(
            url, params={**q, "filter[id_shop]": "[1]"}, auth=(KEY, "")
        )
        assert f"<![CDATA[{sid}]]>" not in only1.text


def test_version_profile_and_context_manager(recordings):
    with Sandbox(key=KEY, version="9.0.0", seed=recordings / "9.0.0" / "dump") as sb:
        r = requests.get(sb.url + "/api/products/1", auth=(KEY, ""))
        assert r.headers["PSWS-Version"] == "9.0.0"
        assert "<meta_keywords>" not in r.text
    with Sandbox(key=KEY, seed="empty") as sb:
        r = requests.get(sb.url + "/api/products?output_format=JSON", auth=(KEY, ""))
        assert r.text == "[]"


def test_multishop_seed_has_shop_specific_stock():
    from prestashop_sandbox import Sandbox

    with Sandbox(key="K", seed="demo-multishop") as sb:
        shops = {int(s["id"]) for s in sb.store.search("shops")}
        assert shops == {1, 2}
        rows = sb.store.search("stock_availables")
        by_shop = {}
        for row in rows:
            by_shop.setdefault(int(row["id_shop"]), {})[
                (int(row["id_product"]), int(row["id_product_attribute"]))
            ] = int(row["quantity"])
        assert set(by_shop) == {1, 2}
        assert by_shop[1].keys() == by_shop[2].keys()
        assert by_shop[1] != by_shop[2]  # each shop has its own quantities


def test_state_change_with_sendemail_fills_the_outbox(sb):
    oid = sb.place_order(2, [(1, 0, 1)], id_carrier=2, paid=True)
    oc = sb.store.search("order_carriers", id_order=oid)[0]
    sb.store.update("order_carriers", oc["id"], {"tracking_number": "TRACK123"})
    body = (
        "<prestashop><order_history><id_order>%d</id_order>"
        "<id_order_state>4</id_order_state></order_history></prestashop>" % oid
    )
    url = sb.url + "/api/order_histories"
    r = requests.post(url, data=body, auth=(KEY, ""))
    assert r.status_code == 201 and sb.outbox == []  # no sendemail: no mail
    r = requests.post(url + "?sendemail=1", data=body, auth=(KEY, ""))
    assert r.status_code == 201
    (mail,) = sb.outbox
    customer = sb.store.get("customers", 2)
    assert mail["to"] == customer["email"] and mail["template"] == "shipped"
    assert mail["vars"]["{shipping_number}"] == "TRACK123"
    assert mail["id_order"] == oid and mail["subject"]
    assert requests.get(sb.url + "/_sandbox/outbox").json()["mails"] == [mail]
    sb.reset()
    assert sb.outbox == []


def test_multishop_seeds_follow_share_stock():
    url = "/api/stock_availables?display=[id,id_shop,id_shop_group,quantity]"
    with Sandbox(key=KEY, seed="demo-multishop") as own:
        own.start()
        rows = own.store.search("stock_availables", id_product=1)
        assert {(r["id_shop"], r["id_shop_group"]) for r in rows} == {(1, 0), (2, 0)}
        assert own.store.get("shop_groups", 1)["share_stock"] in (0, "0")
        q = "&filter[id_product]=[1]&output_format=JSON"
        every = requests.get(own.url + url + q + "&id_shop=2", auth=(KEY, "")).json()
        shops = [r["id_shop"] for r in every["stock_availables"]]
        assert shops == sorted(shops) and set(shops) == {1, 2}  # id_shop ignored
        only2 = requests.get(
            own.url + url + q + "&filter[id_shop]=[2]", auth=(KEY, "")
        ).json()
        assert {r["id_shop"] for r in only2["stock_availables"]} == {2}
    with Sandbox(key=KEY, seed="demo-multishop-shared") as shared:
        rows = shared.store.search("stock_availables", id_product=1)
        assert {(r["id_shop"], r["id_shop_group"]) for r in rows} == {(0, 1)}
        assert shared.store.get("shop_groups", 1)["share_stock"] in (1, "1")
