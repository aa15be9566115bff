"""``filter[field]=[a|b]`` equality: the per-query matcher (values compared
once, answers remembered per value) says what the row-by-row comparison
says, for every kind of value a table holds."""

from __future__ import annotations

import itertools

import requests

from prestashop_sandbox import Sandbox
from prestashop_sandbox.query import _equality, _match_value

#: what filters ask for: numbers written several ways, nan, text, empty
ASKED = ["5", "05", "5.0", "-0", "0", "nan", "NaN", "abc", "ABC", "", " 5 ", "inf"]
#: what rows hold: the same, ints, floats, booleans, None
HELD = ASKED + [5, 5.0, 0, 1, True, False, None, "1e3", "x5", "true"]


def test_equality_matcher_agrees_with_row_by_row_comparison():
    for size in (1, 2):
        for asked in itertools.combinations(ASKED, size):
            equal = _equality(list(asked))
            # twice: the second answer comes from what the matcher remembers
            for value in HELD + HELD:
                expected = _match_value(value, "eq", list(asked), False, None)
                assert equal(value) == expected, (value, asked)


def test_filter_on_a_large_table_answers_the_rows_asked():
    """A 3,000-row table filtered by ``id_shop`` and sorted by id, as the
    stock reconciliation reads it: the rows of that shop, in id order."""
    sb = Sandbox(key="K" * 32, seed="empty")
    sb.store.load(
        {
            "stock_availables": {
                i: {
                    "id_product": i,
                    "id_product_attribute": 0,
                    "id_shop": 1 + i % 3,
                    "id_shop_group": 0,
                    "quantity": i % 7,
                    "out_of_stock": 2,
                }
                for i in range(1, 3001)
            }
        }
    )
    with sb:
        answer = requests.get(
            f"{sb.url}/api/stock_availables",
            params={
                "filter[id_shop]": "[2]",
                "display": "[id,id_shop]",
                "sort": "[id_ASC]",
                "limit": "10,5",
                "output_format": "JSON",
            },
            auth=("K" * 32, ""),
            timeout=10,
        )
    assert answer.status_code == 200
    rows = answer.json()["stock_availables"]
    assert [int(r["id"]) for r in rows] == [31, 34, 37, 40, 43]
    assert {str(r["id_shop"]) for r in rows} == {"2"}


def test_product_stock_row_sums_its_combinations_as_rows_come_and_go():
    """A write to a combination's stock row re-sums its product's row (found
    through the store's index of stock rows by product, as MySQL's index on
    ``id_product``): also for rows added after the index was built, without
    rows deleted since, and for a row moved to another product."""
    sb = Sandbox(key="K" * 32, seed="empty")
    store = sb.store

    def row(pid, ipa, qty):
        return {
            "id_product": pid,
            "id_product_attribute": ipa,
            "id_shop": 1,
            "id_shop_group": 0,
            "quantity": qty,
            "out_of_stock": 2,
        }

    store.load(
        {"stock_availables": {1: row(7, 0, 0), 2: row(7, 1, 3), 3: row(8, 0, 5)}}
    )

    def product_row(pid):
        return next(
            int(r["quantity"])
            for r in store.table("stock_availables").values()
            if int(r["id_product"]) == pid and int(r["id_product_attribute"]) == 0
        )

    store.update("stock_availables", 2, {"quantity": 4})
    assert product_row(7) == 4
    added = store.create("stock_availables", row(7, 2, 10))
    store.update("stock_availables", 2, {"quantity": 5})
    assert product_row(7) == 15
    store.delete("stock_availables", added)
    store.update("stock_availables", 2, {"quantity": 6})
    assert product_row(7) == 6
    # a combination row moves to product 8: product 7 sums its others only
    moved = store.create("stock_availables", row(7, 3, 1))
    store.update("stock_availables", 2, {"quantity": 6})
    assert product_row(7) == 7
    store.update("stock_availables", moved, {"id_product": 8})
    store.update("stock_availables", 2, {"quantity": 6})
    assert (product_row(7), product_row(8)) == (6, 1)
    # a row moved back from product 0 counts again; an id deleted and
    # created again for another product is that product's
    store.update("stock_availables", moved, {"id_product": 0})
    store.update("stock_availables", moved, {"id_product": 7})
    store.update("stock_availables", 2, {"quantity": 6})
    assert product_row(7) == 7
    store.delete("stock_availables", moved)
    store.create("stock_availables", dict(row(8, 4, 2), id=moved))
    store.update("stock_availables", 2, {"quantity": 6})
    store.update("stock_availables", moved, {"quantity": 2})
    assert (product_row(7), product_row(8)) == (6, 2)
