"""Catalogue writes: categories' depth and position, options' and values'
positions, a product's computed fields and stock row, combinations in their
product (associations, default combination, stock rows)."""

from __future__ import annotations

from ..logic import _new_stock, _stock_rows, sync_product_stock
from . import on


@on("before_create", "categories")
def category_position(store, rec, echo):
    parent = store.tables["categories"].get(int(rec.get("id_parent") or 0))
    rec["level_depth"] = int(parent["level_depth"]) + 1 if parent else 1
    rec["nb_products_recursive"] = -1
    if not int(rec.get("id_shop_default") or 0):
        rec["id_shop_default"] = 1
    rec["position"] = sum(
        1
        for c in store.tables["categories"].values()
        if int(c.get("id_parent") or 0) == int(rec.get("id_parent") or 0)
    )
    if echo is not None:
        echo["id_shop_default"] = rec["id_shop_default"]
        echo["level_depth"] = rec["level_depth"]
        echo["nb_products_recursive"] = -1


@on("before_create", "product_options")
def option_position(store, rec, echo):
    pos = len(store.tables["product_options"])
    if rec.get("position") in ("", None, 0, "0"):
        rec["position"] = pos
    if echo is not None and echo.get("position") in ("", None):
        echo["position"] = pos


@on("before_create", "product_option_values")
def option_value_position(store, rec, echo):
    gid = int(rec.get("id_attribute_group") or 0)
    pos = sum(
        1
        for v in store.tables["product_option_values"].values()
        if int(v.get("id_attribute_group") or 0) == gid
    )
    rec["position"] = pos
    if echo is not None:
        echo["position"] = pos


@on("before_create", "products")
def product_computed_fields(store, rec, echo):
    rec["quantity"] = 0
    cat = int(rec.get("id_category_default") or 0)
    rec["position_in_category"] = 1 + sum(
        1
        for p in store.tables["products"].values()
        if int(p.get("id_category_default") or 0) == cat
    )
    rec["id_default_image"] = ""
    man = (
        store.tables.get("manufacturers", {}).get(int(rec.get("id_manufacturer") or 0))
        or {}
    )
    rec["manufacturer_name"] = man.get("name", "")
    if echo is not None:
        echo["cache_default_attribute"] = 0
        echo["id_default_combination"] = 0
    rec["type"] = "simple" if rec.get("product_type") != "pack" else "pack"
    if echo is not None:
        echo["type"] = rec["type"]
    a = rec.setdefault("associations", {})
    if not a.get("categories") and rec.get("id_category_default"):
        a["categories"] = [{"id": int(rec["id_category_default"])}]


@on("after_create", "products")
def product_stock_row(store, rec, echo):
    _new_stock(store, rec["id"], 0)
    sync_product_stock(store, rec["id"])


@on("after_create", "combinations")
def combination_in_its_product(store, rec, echo):
    rid = rec["id"]
    pid = int(rec["id_product"])
    p = store.tables["products"].get(pid)
    if p is None:
        return
    a = p.setdefault("associations", {})
    a.setdefault("combinations", []).append({"id": rid})
    pov = a.setdefault("product_option_values", [])
    for v in rec.get("associations", {}).get("product_option_values", []):
        if {"id": int(v["id"])} not in pov:
            pov.append({"id": int(v["id"])})
    if not _stock_rows(store, pid):
        _new_stock(store, pid, 0)
    _new_stock(store, pid, rid)
    if str(rec.get("default_on")) == "1" or not p.get("id_default_combination"):
        p["id_default_combination"] = rid
        p["cache_default_attribute"] = rid
    sync_product_stock(store, pid)


@on("after_create", "product_option_values")
def value_in_its_option(store, rec, echo):
    g = store.tables["product_options"].get(int(rec.get("id_attribute_group") or 0))
    if g is not None:
        g.setdefault("associations", {}).setdefault("product_option_values", []).append(
            {"id": rec["id"]}
        )


@on("after_update", "combinations")
def default_combination(store, rec, old, echo):
    if str(rec.get("default_on")) != "1":
        return
    p = store.tables["products"].get(int(rec["id_product"]))
    if p is not None:
        p["id_default_combination"] = rec["id"]
        p["cache_default_attribute"] = rec["id"]


@on("after_delete", "combinations")
def combination_out_of_its_product(store, rec):
    rid = rec["id"]
    pid = int(rec["id_product"])
    for s in list(_stock_rows(store, pid)):
        if int(s["id_product_attribute"]) == rid:
            del store.tables["stock_availables"][s["id"]]
    p = store.tables["products"].get(pid)
    if p is not None:
        a = p.setdefault("associations", {})
        a["combinations"] = [
            c for c in a.get("combinations", []) if int(c["id"]) != rid
        ]
        if int(p.get("id_default_combination") or 0) == rid:
            nxt = a["combinations"][0]["id"] if a["combinations"] else 0
            p["id_default_combination"] = nxt
            p["cache_default_attribute"] = nxt
        keep = set()
        for c in a["combinations"]:
            crec = store.tables["combinations"].get(int(c["id"]))
            for v in (
                (crec or {}).get("associations", {}).get("product_option_values", [])
            ):
                keep.add(int(v["id"]))
        a["product_option_values"] = [
            v for v in a.get("product_option_values", []) if int(v["id"]) in keep
        ]
    sync_product_stock(store, pid)


@on("after_delete", "products")
def product_stock_and_combinations(store, rec):
    rid = rec["id"]
    for s in list(_stock_rows(store, rid)):
        del store.tables["stock_availables"][s["id"]]
    for c in [
        c for c in store.tables["combinations"].values() if int(c["id_product"]) == rid
    ]:
        del store.tables["combinations"][c["id"]]


@on("after_delete", "product_option_values")
def value_out_of_its_option(store, rec):
    g = store.tables["product_options"].get(int(rec.get("id_attribute_group") or 0))
    if g is not None:
        a = g.setdefault("associations", {})
        a["product_option_values"] = [
            v for v in a.get("product_option_values", []) if int(v["id"]) != rec["id"]
        ]
