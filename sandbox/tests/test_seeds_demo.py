"""Invariants of the Maison Lumière demo seed.

The connector's order import compares PrestaShop's totals with its own, so the
demo orders must be right to the cent; the catalogue must be referentially
sound so that an import never meets a dangling id.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from prestashop_sandbox.resources import build_resources
from prestashop_sandbox.seeds import demo
from prestashop_sandbox.seeds.demo import build_demo, ean13_is_valid

RESOURCES = build_resources()  # the built-in 8.1.2 definitions
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def seed():
    """The demo's resources (without ``_images``, the pictures' bytes)."""
    return {
        name: rows for name, rows in build_demo().items() if not name.startswith("_")
    }


def dec(value) -> Decimal:
    return Decimal(str(value))


def cents(value) -> bool:
    return dec(value) == dec(value).quantize(CENT)


def half_up(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding="ROUND_HALF_UP")


# -- shape ------------------------------------------------------------------


def test_build_is_deterministic_and_fresh(seed):
    again = build_demo()
    assert again.pop("_images") == build_demo()["_images"]
    assert again == seed
    again["products"][1]["price"] = "0.000000"
    again["products"][1]["associations"]["categories"].clear()
    assert build_demo()["products"][1]["associations"]["categories"]


def test_no_record_shares_a_mutable_value(seed):
    """The store mutates records in place: nothing may be aliased."""
    seen = set()
    for rows in seed.values():
        for record in rows.values():
            for value in record.values():
                if isinstance(value, (dict, list)):
                    assert id(value) not in seen
                    seen.add(id(value))


def test_every_field_is_a_real_prestashop_field(seed):
    for name, rows in seed.items():
        assert name in RESOURCES, name
        resource = RESOURCES[name]
        assoc_fields = {a.name: {f.name for f in a.fields} for a in resource.assocs}
        for rid, record in rows.items():
            assert isinstance(rid, int)
            unknown = set(record) - set(resource.field_map) - {"associations"}
            assert not unknown, (name, rid, unknown)
            for assoc, items in record.get("associations", {}).items():
                assert assoc in assoc_fields, (name, assoc)
                for item in items:
                    assert set(item) <= assoc_fields[assoc], (name, assoc, item)


def test_values_have_the_stored_types(seed):
    """ints where PHP casts to int, strings (decimals with scale) elsewhere."""
    for name, rows in seed.items():
        fields = RESOURCES[name].field_map
        for record in rows.values():
            for key, value in record.items():
                if key == "associations":
                    continue
                if fields[key].multilang:
                    assert set(value) == {1, 2}, (name, key)
                elif fields[key].is_int and key != "manufacturer_name":
                    # "" is a NULL column (configurations.id_shop)
                    assert type(value) is int or value == "", (name, key, value)
                else:
                    assert value is None or type(value) is str, (name, key, value)
    assert seed["orders"][1]["total_paid"].endswith("0000")
    assert seed["taxes"][1]["rate"] == "20.000"


# -- referential integrity -------------------------------------------------

# xlink targets the demo does not seed on purpose (no customisations).
NOT_SEEDED = {"customizations", "images/products", "genders", "warehouses"}


def test_every_xlink_id_points_to_a_record(seed):
    for name, rows in seed.items():
        resource = RESOURCES[name]
        for rid, record in rows.items():
            for f in resource.fields:
                value = record.get(f.name)
                if not f.xlink or f.xlink in NOT_SEEDED or value in (0, "0", "", None):
                    continue
                assert f.xlink in seed, (name, f.name, f.xlink)
                assert int(value) in seed[f.xlink], (name, rid, f.name, value)


def test_other_ids_point_to_records(seed):
    checks = {
        "products": {
            "id_tax_rules_group": "tax_rule_groups",
            "id_default_combination": "combinations",
            "id_category_default": "categories",
        },
        "carriers": {"id_tax_rules_group": "tax_rule_groups"},
        "tax_rules": {"id_tax": "taxes", "id_tax_rules_group": "tax_rule_groups"},
        "order_details": {
            "product_attribute_id": "combinations",
            "id_order_invoice": "order_invoices",
            "id_tax_rules_group": "tax_rule_groups",
        },
        "order_histories": {"id_employee": "employees"},
        "order_carriers": {"id_order_invoice": "order_invoices"},
        "carts": {"id_guest": "guests"},
        "customers": {"id_default_group": "groups"},
    }
    for name, fields in checks.items():
        for record in seed[name].values():
            for key, target in fields.items():
                if record[key]:
                    assert int(record[key]) in seed[target], (name, key, record[key])


def test_association_ids_exist(seed):
    targets = {
        "categories": "categories",
        "combinations": "combinations",
        "stock_availables": "stock_availables",
        "product_option_values": "product_option_values",
        "groups": "groups",
        "products": "products",
    }
    for name, rows in seed.items():
        for record in rows.values():
            for assoc, items in record.get("associations", {}).items():
                if assoc in targets:
                    for item in items:
                        assert item["id"] in seed[targets[assoc]], (name, assoc, item)
    for product in seed["products"].values():
        for item in product["associations"]["product_features"]:
            value = seed["product_feature_values"][item["id_feature_value"]]
            assert value["id_feature"] == item["id"]


def test_categories_form_a_tree(seed):
    categories = seed["categories"]
    for cid, category in categories.items():
        depth, parent = 0, category["id_parent"]
        while parent:
            depth, parent = depth + 1, categories[parent]["id_parent"]
        assert category["level_depth"] == depth
        for child in category["associations"]["categories"]:
            assert categories[child["id"]]["id_parent"] == cid
    assert categories[2]["is_root_category"] == "1"


# -- catalogue --------------------------------------------------------------


def test_texts_exist_in_french_and_english(seed):
    for name in ("products", "categories"):
        for record in seed[name].values():
            for key in ("name", "link_rewrite"):
                assert record[key][1] and record[key][2], (name, key)
    differing = [p for p in seed["products"].values() if p["name"][1] != p["name"][2]]
    assert len(differing) == len(seed["products"])
    for state in seed["order_states"].values():
        assert state["name"][1] != state["name"][2]


def test_ean13_check_digits_and_unique_references(seed):
    codes = [p["ean13"] for p in seed["products"].values() if p["ean13"]]
    codes += [c["ean13"] for c in seed["combinations"].values()]
    assert codes and all(ean13_is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)
    refs = [p["reference"] for p in seed["products"].values()]
    refs += [c["reference"] for c in seed["combinations"].values()]
    assert len(set(refs)) == len(refs)
    for detail in seed["order_details"].values():
        assert ean13_is_valid(detail["product_ean13"])
    assert not ean13_is_valid("3770012001006")


def test_tax_included_prices_are_round(seed):
    """Typed tax included, so whole cents; but for the one product typed tax
    excluded (8.49 + 20 % = 10.188, for the per-item rounding of order 12)."""
    rates = {tid: dec(t["rate"]) for tid, t in seed["taxes"].items()}
    typed_excl = {spec.id for spec in demo._PRODUCTS if spec.price_excl}
    assert typed_excl == {15}
    assert seed["products"][15]["price"] == "8.490000"
    for pid, product in seed["products"].items():
        if pid in typed_excl:
            continue
        rate = rates[product["id_tax_rules_group"]]
        combos = [
            seed["combinations"][c["id"]]
            for c in product["associations"]["combinations"]
        ] or [{"price": "0"}]
        for combo in combos:
            excl = dec(product["price"]) + dec(combo["price"])
            incl = excl * (1 + rate / 100)
            assert abs(incl - half_up(incl)) < Decimal("0.000005"), product["reference"]


def test_catalogue_mix(seed):
    products = seed["products"].values()
    types = Counter(p["product_type"] for p in products)
    assert types["combinations"] >= 4 and types["standard"] >= 5
    assert {p["id_tax_rules_group"] for p in products} == {1, 2, 3, 4}
    assert sum(p["active"] == "0" for p in products) == 1
    for product in products:
        assert product["manufacturer_name"] == (
            seed["manufacturers"][product["id_manufacturer"]]["name"]
            if product["id_manufacturer"]
            else ""
        )


# -- stock ------------------------------------------------------------------


def _stock_by_key(seed, shop=1):
    return {
        (s["id_product"], s["id_product_attribute"]): s
        for s in seed["stock_availables"].values()
        if s["id_shop"] == shop
    }


@pytest.mark.parametrize("multishop", [False, True])
def test_stock_rows_match_combinations(multishop):
    seed = build_demo(multishop=multishop)
    for shop in (1, 2) if multishop else (1,):
        stock = _stock_by_key(seed, shop)
        for pid, product in seed["products"].items():
            combos = [c["id"] for c in product["associations"]["combinations"]]
            assert (pid, 0) in stock
            for cid in combos:
                assert seed["combinations"][cid]["id_product"] == pid
                assert (pid, cid) in stock
            if combos:
                total = sum(stock[(pid, cid)]["quantity"] for cid in combos)
                assert stock[(pid, 0)]["quantity"] == total
            listed = product["associations"]["stock_availables"]
            assert len(listed) == len(combos) + 1
    for row in seed["stock_availables"].values():
        assert row["depends_on_stock"] == "0" and row["out_of_stock"] == 2
        assert row["id_shop_group"] == 0 and row["quantity"] >= 0


def test_multishop_adds_a_shop_without_renumbering():
    single, multi = build_demo(), build_demo(multishop=True)
    assert set(multi["shops"]) == {1, 2}
    assert multi["shops"][2]["id_shop_group"] == 1
    # the first catalogue's rows keep their ids; a later product's rows come
    # after every shop's (so adding it renumbered nothing either)
    later = {s.id for s in demo._PRODUCTS[demo.FIRST_CATALOGUE :]}
    shop1 = {
        (r["id_product"], r["id_product_attribute"]): (sid, r)
        for sid, r in multi["stock_availables"].items()
        if r["id_shop"] == 1
    }
    for sid, row in single["stock_availables"].items():
        if row["id_product"] in later:
            multi_sid, multi_row = shop1[(row["id_product"], 0)]
            assert multi_row == row and multi_sid > sid
        else:
            assert multi["stock_availables"][sid] == row
    assert any(r["id_shop"] == 2 for r in multi["stock_availables"].values())
    last = max(multi["stock_availables"])
    assert multi["stock_availables"][last]["id_product"] in later


def test_stock_reflects_the_orders(seed):
    """Initial quantity minus what every order not cancelled took."""
    initial = {}
    for spec in demo._PRODUCTS:
        initial[(spec.id, 0)] = spec.stock
    taken = Counter()
    for detail in seed["order_details"].values():
        order = seed["orders"][detail["id_order"]]
        if order["current_state"] in (demo.OS_CANCELED, demo.OS_ERROR):
            continue
        taken[(detail["product_id"], detail["product_attribute_id"])] += detail[
            "product_quantity"
        ]
        if detail["product_attribute_id"]:
            taken[(detail["product_id"], 0)] += detail["product_quantity"]
    pristine = _stock_by_key(_unordered_stock())
    current = _stock_by_key(seed)
    assert taken
    for key, row in current.items():
        assert row["quantity"] == pristine[key]["quantity"] - taken[key], key


def _unordered_stock():
    catalog = demo._catalog(False)
    return {"stock_availables": catalog.stock_availables}


# -- orders -----------------------------------------------------------------


def _rate(seed, tax_group, id_country):
    for rule in seed["tax_rules"].values():
        if rule["id_tax_rules_group"] == tax_group and rule["id_country"] == id_country:
            return dec(seed["taxes"][rule["id_tax"]]["rate"])
    return Decimal(0)


def test_order_lines_are_priced_per_line_or_per_item(seed):
    """Cart::applyProductCalculations: round_type 2 rounds unit x quantity,
    round_type 1 (order 12) rounds the unit price, then multiplies."""
    round_types = Counter()
    for detail in seed["order_details"].values():
        order = seed["orders"][detail["id_order"]]
        country = seed["addresses"][order["id_address_delivery"]]["id_country"]
        rate = _rate(seed, detail["id_tax_rules_group"], country)
        qty = detail["product_quantity"]
        excl, incl = (
            dec(detail["unit_price_tax_excl"]),
            dec(detail["unit_price_tax_incl"]),
        )
        # a converted price carries more decimals than its 6-decimal excl
        tolerance = Decimal("0.000001") if order["id_currency"] != 1 else 0
        assert abs(incl - half_up(excl * (1 + rate / 100), "0.000001")) <= tolerance
        round_types[order["round_type"]] += 1
        if order["round_type"] == demo.ROUND_ITEM:
            assert dec(detail["total_price_tax_excl"]) == half_up(excl) * qty
            assert dec(detail["total_price_tax_incl"]) == half_up(incl) * qty
        else:
            assert order["round_type"] == demo.ROUND_LINE
            assert dec(detail["total_price_tax_excl"]) == half_up(excl * qty)
            assert dec(detail["total_price_tax_incl"]) == half_up(incl * qty)
        taxes = detail["associations"]["taxes"]
        assert bool(taxes) == bool(rate)
    assert set(round_types) == {demo.ROUND_ITEM, demo.ROUND_LINE}


def test_order_totals_to_the_cent(seed):
    for oid, order in seed["orders"].items():
        details = [d for d in seed["order_details"].values() if d["id_order"] == oid]
        t = {k: dec(v) for k, v in order.items() if k.startswith("total_")}
        for key, value in t.items():
            assert cents(value), (oid, key, value)
        assert t["total_products"] == sum(
            dec(d["total_price_tax_excl"]) for d in details
        )
        assert t["total_products_wt"] == sum(
            dec(d["total_price_tax_incl"]) for d in details
        )
        assert t["total_paid_tax_incl"] == (
            t["total_products_wt"]
            + t["total_shipping_tax_incl"]
            + t["total_wrapping_tax_incl"]
            - t["total_discounts_tax_incl"]
        )
        assert t["total_paid_tax_excl"] == (
            t["total_products"]
            + t["total_shipping_tax_excl"]
            + t["total_wrapping_tax_excl"]
            - t["total_discounts_tax_excl"]
        )
        assert t["total_paid"] == t["total_paid_tax_incl"]
        assert t["total_shipping"] == t["total_shipping_tax_incl"]
        assert t["total_discounts"] == t["total_discounts_tax_incl"]
        assert t["total_wrapping"] == t["total_wrapping_tax_incl"]
        carrier_rate = dec(order["carrier_tax_rate"])
        assert t["total_shipping_tax_incl"] == half_up(
            t["total_shipping_tax_excl"] * (1 + carrier_rate / 100)
        )
        paid = seed["order_states"][order["current_state"]]["paid"] == "1"
        if paid:
            assert t["total_paid_real"] == t["total_paid"]
        rows = order["associations"]["order_rows"]
        assert [r["id"] for r in rows] == [
            did for did, d in seed["order_details"].items() if d["id_order"] == oid
        ]
        for row in rows:
            detail = seed["order_details"][row["id"]]
            for key in ("product_quantity", "unit_price_tax_incl", "product_reference"):
                assert row[key] == detail[key]


def test_order_satellites_agree_with_orders(seed):
    orders = seed["orders"]
    for carrier in seed["order_carriers"].values():
        order = orders[carrier["id_order"]]
        assert carrier["id_carrier"] == order["id_carrier"]
        assert carrier["shipping_cost_tax_incl"] == order["total_shipping_tax_incl"]
        assert carrier["tracking_number"] == order["shipping_number"]
    assert len(seed["order_carriers"]) == len(orders)
    for rule in seed["order_cart_rules"].values():
        order = orders[int(rule["id_order"])]
        assert rule["value"] == order["total_discounts_tax_incl"]
        assert rule["value_tax_excl"] == order["total_discounts_tax_excl"]
    by_reference = {o["reference"]: o for o in orders.values()}
    for payment in seed["order_payments"].values():
        assert (
            payment["amount"] == by_reference[payment["order_reference"]]["total_paid"]
        )
    for iid, invoice in seed["order_invoices"].items():
        order = orders[int(invoice["id_order"])]
        assert order["invoice_number"] == int(invoice["number"]) == iid
        assert invoice["total_paid_tax_incl"] == order["total_paid_tax_incl"]
        assert invoice["total_products_wt"] == order["total_products_wt"]
    for oid, order in orders.items():
        history = [h for h in seed["order_histories"].values() if h["id_order"] == oid]
        assert history and history[-1]["id_order_state"] == order["current_state"]
        assert history[0]["date_add"] == order["date_add"]
        cart = seed["carts"][order["id_cart"]]
        assert cart["id_customer"] == order["id_customer"]
        assert sum(r["quantity"] for r in cart["associations"]["cart_rows"]) == sum(
            r["product_quantity"] for r in order["associations"]["order_rows"]
        )
        for key in ("id_address_delivery", "id_address_invoice"):
            assert seed["addresses"][order[key]]["id_customer"] == order["id_customer"]


def test_order_references_are_nine_upper_case_letters(seed):
    refs = [o["reference"] for o in seed["orders"].values()]
    assert all(len(r) == 9 and r.isalpha() and r.isupper() for r in refs)
    assert len(set(refs)) == len(refs)


def _lines(seed, oid):
    return [d for d in seed["order_details"].values() if d["id_order"] == oid]


def test_order_in_swiss_francs(seed):
    """Order 11: Tools::convertPrice (x 0.94) on the euro prices, the tax on
    the unrounded converted price; shipping converted then rounded; the
    cart, the order and its payment in francs at 0.94."""
    chf = seed["currencies"][demo.CURRENCY_CHF]
    assert (chf["iso_code"], chf["conversion_rate"], chf["precision"]) == (
        "CHF",
        "0.940000",
        2,
    )
    order = seed["orders"][11]
    assert order["id_currency"] == 2 and order["conversion_rate"] == "0.940000"
    assert seed["carts"][order["id_cart"]]["id_currency"] == 2
    for detail in _lines(seed, 11):
        euros = dec(seed["products"][detail["product_id"]]["price"])
        excl = half_up(euros * dec("0.94"), "0.000001")
        assert dec(detail["unit_price_tax_excl"]) == excl
        assert dec(detail["unit_price_tax_incl"]) == half_up(
            euros * dec("0.94") * dec("1.2"), "0.000001"
        )
    # 89.00 and 2 x 34.90 euros tax incl.; Chronopost 12.00 euros tax excl.
    assert [dec(d["total_price_tax_incl"]) for d in _lines(seed, 11)] == [
        dec("83.66"),
        dec("65.61"),
    ]
    totals = {k: dec(order[k]) for k in ("total_products", "total_products_wt")}
    assert totals == {
        "total_products": dec("124.40"),
        "total_products_wt": dec("149.27"),
    }
    assert dec(order["total_shipping_tax_excl"]) == dec("11.28")
    assert dec(order["total_shipping_tax_incl"]) == dec("13.54")
    assert dec(order["total_paid_tax_incl"]) == dec("162.81")
    assert dec(order["total_paid_tax_excl"]) == dec("135.68")
    payment = next(
        p
        for p in seed["order_payments"].values()
        if p["order_reference"] == order["reference"]
    )
    assert payment["id_currency"] == 2 and payment["conversion_rate"] == "0.940000"
    assert payment["amount"] == "162.810000"
    others = [o for oid, o in seed["orders"].items() if oid != 11]
    assert {(o["id_currency"], o["conversion_rate"]) for o in others} == {
        (1, "1.000000")
    }


def test_order_rounded_per_item(seed):
    """Order 12, round_type 1: 7 x round(10.188) = 71.33 where per line it
    would be round(71.316) = 71.32."""
    order = seed["orders"][12]
    assert order["round_type"] == demo.ROUND_ITEM
    (line,) = _lines(seed, 12)
    assert (line["product_id"], line["product_quantity"]) == (15, 7)
    assert line["unit_price_tax_excl"] == "8.490000"
    assert line["unit_price_tax_incl"] == "10.188000"
    assert line["total_price_tax_excl"] == order["total_products"] == "59.430000"
    assert line["total_price_tax_incl"] == order["total_products_wt"] == "71.330000"
    assert half_up(dec("10.188") * 7) == dec("71.32")
    assert order["total_paid_tax_incl"] == "78.230000"
    assert order["total_paid_tax_excl"] == "65.180000"
    others = {o["round_type"] for oid, o in seed["orders"].items() if oid != 12}
    assert others == {demo.ROUND_LINE}


def test_gift_cart_rule(seed):
    """Order 13: the gift (the kindling basket, 10 %) is an order line at its
    price and the rule's value is that price (CartRuleCalculator), on an
    order whose other line and shipping are at 20 %."""
    rule = seed["cart_rules"][demo.CART_RULE_GIFT]
    assert rule["gift_product"] == 12 and rule["gift_product_attribute"] == 0
    assert seed["products"][12]["id_tax_rules_group"] == demo.TAX_GROUP_10
    order = seed["orders"][13]
    lines = {d["product_id"]: d for d in _lines(seed, 13)}
    assert set(lines) == {4, 12}
    assert lines[4]["id_tax_rules_group"] == demo.TAX_GROUP_20
    gift = lines[12]
    assert (gift["unit_price_tax_excl"], gift["unit_price_tax_incl"]) == (
        "14.000000",
        "15.400000",
    )
    (used,) = [r for r in seed["order_cart_rules"].values() if r["id_order"] == 13]
    assert used["id_cart_rule"] == demo.CART_RULE_GIFT
    assert (used["value"], used["value_tax_excl"]) == ("15.400000", "14.000000")
    assert order["total_discounts_tax_incl"] == "15.400000"
    assert order["total_discounts_tax_excl"] == "14.000000"
    assert order["total_products"] == "113.170000"
    assert order["total_products_wt"] == "134.400000"
    assert order["total_paid_tax_incl"] == "125.900000"
    assert order["total_paid_tax_excl"] == "104.920000"


def test_groups_display_and_rounding_configuration(seed):
    """groups.price_display_method: 0 tax included (Visitor, Guest,
    Customer, as a PrestaShop install), 1 tax excluded (Professionals)."""
    display = {g["name"][1]: g["price_display_method"] for g in seed["groups"].values()}
    assert display == {
        "Visitor": 0,
        "Guest": 0,
        "Customer": 0,
        "Professionals": 1,
    }
    config = {c["name"]: c["value"] for c in seed["configurations"].values()}
    assert config["PS_ROUND_TYPE"] == "2" and config["PS_PRICE_ROUND_MODE"] == "2"
    assert config["PS_TIMEZONE"] == "Europe/Paris"


def test_the_demo_counts(seed):
    counts = {name: len(seed[name]) for name in ("orders", "products", "currencies")}
    assert counts == {"orders": 13, "products": 15, "currencies": 2}
    assert len(seed["carts"]) == 14  # the abandoned cart is 11
    assert all(o["id_cart"] != demo.ABANDONED_CART for o in seed["orders"].values())


def test_the_orders_cover_the_import_cases(seed):
    orders = seed["orders"]
    states = {o["current_state"] for o in orders.values()}
    assert {1, 2, 4, 6, 10} <= states
    assert any(
        o["gift"] == "1" and o["total_wrapping"] != "0.000000" for o in orders.values()
    )
    assert len(seed["order_cart_rules"]) >= 1
    rates_per_order = Counter()
    for d in seed["order_details"].values():
        rates_per_order[(d["id_order"], d["id_tax_rules_group"])] += 1
    per_order = Counter(oid for oid, _group in rates_per_order)
    assert max(per_order.values()) >= 2
    assert any(d["product_attribute_id"] for d in seed["order_details"].values())
    assert any(
        d["reduction_percent"] == "10.00" for d in seed["order_details"].values()
    )
    guest_ids = {cid for cid, c in seed["customers"].items() if c["is_guest"] == "1"}
    assert any(o["id_customer"] in guest_ids for o in orders.values())
    deleted_carriers = {o["id_carrier"] for o in orders.values()} & {
        cid for cid, c in seed["carriers"].items() if c["deleted"] == "1"
    }
    assert deleted_carriers


def test_customers_edge_cases(seed):
    emails = Counter(c["email"].strip().lower() for c in seed["customers"].values())
    assert emails["jean.dupont@example.com"] == 2
    b2b = [c for c in seed["customers"].values() if c["company"]]
    assert b2b and b2b[0]["siret"] and b2b[0]["id_default_group"] == demo.GROUP_PRO
    assert any(a["vat_number"] for a in seed["addresses"].values())
    assert any(a["deleted"] == "1" for a in seed["addresses"].values())
    for customer in seed["customers"].values():
        assert len(customer["secure_key"]) == 32
        assert (
            customer["passwd"].startswith("$2y$10$") and len(customer["passwd"]) == 60
        )


def test_carriers_share_a_reference_after_an_edit(seed):
    by_reference = Counter(c["id_reference"] for c in seed["carriers"].values())
    assert by_reference[1] == 2
    live = [c for c in seed["carriers"].values() if c["deleted"] == "0"]
    assert len(live) == 2 and all("@" in c["url"] for c in live)


def test_pricing_helpers():
    assert demo.remove_tax(demo.euros("29.90"), 20_000) == 24_916_667
    assert demo.add_tax(24_916_667, 20_000) == 29_900_000
    assert demo.div_half_up(5, 10) == 1 and demo.div_half_up(4, 10) == 0
    assert demo.fr_vat_number("851234567").startswith("FR")


# -- over HTTP --------------------------------------------------------------


def test_demo_over_http():
    sandbox_module = pytest.importorskip("prestashop_sandbox")
    sandbox_class = getattr(sandbox_module, "Sandbox", None)
    if sandbox_class is None:
        pytest.skip("Sandbox server not available yet")
    requests = pytest.importorskip("requests")
    sandbox = sandbox_class(key="DEMOKEY" * 4 + "TEST", version="8.1.2", seed="demo")
    sandbox.start()
    try:
        session = requests.Session()
        session.auth = (sandbox.key, "")
        base = sandbox.url.rstrip("/") + "/api/"
        order = session.get(base + "orders/2", params={"output_format": "JSON"})
        assert order.status_code == 200, order.text
        body = order.json()["order"]
        expected = build_demo()["orders"][2]
        assert body["total_paid"] == expected["total_paid"]
        assert body["reference"] == expected["reference"]
        products = session.get(
            base + "products", params={"display": "[id,reference]", "limit": "0,3"}
        )
        assert products.status_code == 200 and "ML-DRAP-001" in products.text
        french = session.get(base + "categories/4", params={"language": "2"})
        assert "Draps" in french.text
    finally:
        sandbox.stop()


# -- pictures ---------------------------------------------------------------


def test_combinations_share_pictures():
    """The fitted sheet: a cover, then one picture per colour that both
    sizes of the colour show (several combinations, one image)."""
    full = build_demo()
    sheet = full["products"][1]
    assert [i["id"] for i in sheet["associations"]["images"]] == [1, 2, 3]
    assert sheet["id_default_image"] == 1
    shown = {}
    for item in sheet["associations"]["combinations"]:
        for image in full["combinations"][item["id"]]["associations"]["images"]:
            shown.setdefault(image["id"], []).append(item["id"])
    assert sorted(shown) == [2, 3] and all(len(c) == 2 for c in shown.values())
    assert set(full["_images"]) == {(1, 1), (1, 2), (1, 3)}
    assert len(set(full["_images"].values())) == 3
    assert all(data.startswith(b"\x89PNG") for data in full["_images"].values())
    # no other product has pictures
    assert not [
        p for pid, p in full["products"].items()
        if pid != 1 and p["associations"]["images"]
    ]  # fmt: skip
