"""prestapyt 0.11.1, unmodified, against the sandbox: get, search with
filters, add, edit, delete."""

from __future__ import annotations

import pytest

from .conftest import KEY

prestapyt = pytest.importorskip("prestapyt")


@pytest.fixture
def ws(sb):
    return prestapyt.PrestaShopWebServiceDict(sb.url + "/api", KEY)


def test_get_and_search(ws):
    product = ws.get("products", 1)["product"]
    assert product["id"] == "1"
    assert product["reference"] == "ML-DRAP-001"
    ids = ws.search("products", options={"filter[id]": "[1|3|5]"})
    assert ids == [1, 3, 5]
    rows = ws.get(
        "stock_availables",
        options={
            "display": "[id,quantity]",
            "filter[id_product]": "[1]",
            "filter[id_product_attribute]": "[0]",
        },
    )
    assert rows["stock_availables"]["stock_available"]["id"] == "1"


def test_add_edit_delete(ws, sb):
    blank = ws.get("product_options", options={"schema": "blank"})
    opt = blank["product_option"]
    opt.update({"is_color_group": "0", "group_type": "select"})
    opt["name"]["language"] = [{"attrs": {"id": "1"}, "value": "Material"}]
    opt["public_name"]["language"] = [{"attrs": {"id": "1"}, "value": "Material"}]
    opt.pop("associations", None)
    created = ws.add("product_options", {"product_option": opt})
    new_id = int(created["prestashop"]["product_option"]["id"])
    assert sb.store.get("product_options", new_id)["name"][1] == "Material"
    current = ws.get("product_options", new_id)
    current["product_option"]["group_type"] = "radio"
    current["product_option"].pop("associations", None)
    ws.edit("product_options", current)
    assert sb.store.get("product_options", new_id)["group_type"] == "radio"
    ws.delete("product_options", resource_ids=new_id)
    assert sb.store.get("product_options", new_id) is None
    with pytest.raises(prestapyt.PrestaShopWebServiceError):
        ws.get("product_options", new_id)
