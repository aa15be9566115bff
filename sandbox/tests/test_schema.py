"""The runtime schema loader: where definitions come from, and how fast."""

from __future__ import annotations

import shutil
import time

import pytest

from prestashop_sandbox import Sandbox
from prestashop_sandbox.resources import build_resources, renders_as_number
from prestashop_sandbox.schema import (
    SchemaNotFound,
    find_schema_dir,
    load_synopsis_dir,
)

from .conftest import KEY


def test_order_of_lookup(recordings, tmp_path, monkeypatch):
    real = recordings / "8.1.2" / "dump" / "schema"
    own = tmp_path / "own"
    shutil.copytree(real, own)  # a merchant's own schema dir (tmp, not the repo)
    dump = tmp_path / "dump"
    (dump / "schema").mkdir(parents=True)
    shutil.copy(real / "zones.synopsis.xml", dump / "schema")
    monkeypatch.delenv("PRESTASHOP_SCHEMA_DIR", raising=False)
    assert find_schema_dir("8.1.2", schema_dir=own) == own
    assert find_schema_dir("8.1.2", dump_dir=dump) == dump / "schema"
    assert find_schema_dir("8.1.2") == real
    monkeypatch.setenv("PRESTASHOP_SCHEMA_DIR", str(own))
    assert find_schema_dir("8.1.2", dump_dir=dump) == own
    # only what the directory holds is defined
    monkeypatch.delenv("PRESTASHOP_SCHEMA_DIR")
    assert list(build_resources(dump_dir=dump)) == ["zones"]


def test_missing_schema_says_what_to_provide(tmp_path, monkeypatch):
    monkeypatch.delenv("PRESTASHOP_SCHEMA_DIR", raising=False)
    monkeypatch.setenv("PRESTASHOP_RECORDINGS", str(tmp_path / "nowhere"))
    with pytest.raises(SchemaNotFound) as err:
        Sandbox(key=KEY, seed="empty")
    text = str(err.value)
    assert "schema=synopsis" in text and "PRESTASHOP_SCHEMA_DIR" in text
    with pytest.raises(SchemaNotFound):
        find_schema_dir("8.1.2", schema_dir=tmp_path)


def test_loader_reads_definitions_fast(recordings):
    path = recordings / "9.0.0" / "dump" / "schema"
    started = time.perf_counter()
    res = build_resources("9.0.0", schema_dir=path)
    assert time.perf_counter() - started < 1.0
    assert load_synopsis_dir(path) is load_synopsis_dir(path)  # cached
    cat = res["categories"]
    assert "redirect_type" in cat.field_map and "meta_keywords" not in cat.field_map
    assert cat.field_map["name"].multilang and cat.field_map["name"].required
    assert cat.field_map["id_parent"].xlink == "categories"
    prod = res["products"]
    assert [a.name for a in prod.assocs][:2] == ["categories", "images"]
    assert prod.assoc_map["images"].item_xlink == "images/products"
    assert res["order_slip"].list_node == "order_slips"


def test_number_rule():
    assert renders_as_number("products", "id_manufacturer", {"format": "isUnsignedId"})
    assert renders_as_number("carriers", "position", {})
    assert not renders_as_number("deliveries", "id_shop", {})
    assert not renders_as_number("products", "active", {"format": "isBool"})
    assert renders_as_number("currencies", "active", {"format": "isBool"})
    assert not renders_as_number("products", "price", {"format": "isPrice"})
