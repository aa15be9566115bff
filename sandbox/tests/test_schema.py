"""The built-in resource definitions, and (contract) the sandbox's own
``?schema=synopsis`` / ``?schema=blank`` answers against a real shop's."""

from __future__ import annotations

import re
import time

import pytest
import requests
from lxml import etree

from prestashop_sandbox import Sandbox
from prestashop_sandbox.definitions import definitions
from prestashop_sandbox.resources import build_resources, renders_as_number

from .conftest import KEY


def test_definitions_are_built_in_and_fast():
    started = time.perf_counter()
    res = build_resources("9.0.0")
    assert time.perf_counter() - started < 1.0
    cat = res["categories"]
    assert "redirect_type" in cat.field_map and "meta_keywords" not in cat.field_map
    assert cat.field_map["name"].multilang and cat.field_map["name"].required
    assert cat.field_map["id_parent"].xlink == "categories"
    prod = res["products"]
    assert [a.name for a in prod.assocs][:2] == ["categories", "images"]
    assert prod.assoc_map["images"].item_xlink == "images/products"
    assert res["order_slip"].list_node == "order_slips"
    p8 = build_resources("8.1.2")["products"].field_map
    assert p8["name"].attrs == {"maxSize": "128", "format": "isCatalogName"}
    assert p8["ean13"].attrs["format"] == "isEan13"
    assert prod.field_map["ean13"].attrs == {"maxSize": "14", "format": "isGtin"}
    assert "order_returns" in definitions("9.0.0")
    assert "order_returns" not in definitions("8.1.2")


def test_number_rule():
    assert renders_as_number("products", "id_manufacturer", {"format": "isUnsignedId"})
    assert renders_as_number("carriers", "position", {})
    assert not renders_as_number("deliveries", "id_shop", {})
    assert not renders_as_number("products", "active", {"format": "isBool"})
    assert renders_as_number("currencies", "active", {"format": "isBool"})
    assert not renders_as_number("products", "price", {"format": "isPrice"})


# --- contract: schemas against the recordings -----------------------------------


def _canon(text: str) -> str:
    """An XML document with hosts normalised and whitespace between tags gone."""
    text = re.sub(r"http://127\.0\.0\.1:\d+/", "http://HOST/", text)
    root = etree.fromstring(text.encode(), etree.XMLParser(remove_blank_text=True))
    return etree.tostring(root, encoding="unicode")


@pytest.mark.parametrize("version", ["8.1.2", "9.0.0"])
def test_schemas_match_the_recordings(recordings, version, capsys):
    folder = recordings / version / "dump" / "schema"
    with Sandbox(key=KEY, version=version, seed="demo") as sb:
        sb.start()
        results = {}
        for kind in ("synopsis", "blank"):
            for path in sorted(folder.glob(f"*.{kind}.xml")):
                name = path.name[: -len(f".{kind}.xml")]
                recorded = path.read_text()
                if "<errors>" in recorded or name in ("images", "search"):
                    continue  # error documents / image listings, not schemas
                got = requests.get(
                    f"{sb.url}/api/{name}", params={"schema": kind}, auth=(KEY, "")
                )
                ok = got.status_code == 200 and _canon(got.text) == _canon(recorded)
                results[(kind, name)] = ok
    bad = sorted(f"{k}:{n}" for (k, n), ok in results.items() if not ok)
    with capsys.disabled():
        for kind in ("synopsis", "blank"):
            n = [ok for (k, _), ok in results.items() if k == kind]
            print(f"\nschema contract {version} {kind}: {sum(n)}/{len(n)} match")
    assert len(results) > 100
    assert not bad, f"schemas differing from the recordings: {bad}"
