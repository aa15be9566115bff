"""Seed a sandbox from a real shop's dump directory: ``<resource>.json`` files
answered by ``GET /api/<resource>?display=full&output_format=JSON`` (the JSON
keeps PHP's value types) and ``images/products.xml`` for image ids.  Any
merchant can point ``--seed-dump`` at a dump of their own shop."""

from __future__ import annotations

import json
import re
from pathlib import Path


def _convert(value):
    if (
        isinstance(value, list)
        and value
        and isinstance(value[0], dict)
        and set(value[0]) == {"id", "value"}
    ):
        return {int(x["id"]): x["value"] for x in value}
    return value


def load_dump(path) -> dict:
    path = Path(path)
    seed: dict = {}
    for fp in sorted(path.glob("*.json")):
        name = fp.stem
        if name.startswith("_") or "." in name:
            continue
        try:
            data = json.loads(fp.read_text(encoding="utf-8") or "null")
        except ValueError:
            continue
        if not isinstance(data, dict) or not isinstance(data.get(name), list):
            continue
        rows = {}
        for row in data[name]:
            rec = {k: _convert(v) for k, v in row.items() if k != "associations"}
            if "associations" in row:
                rec["associations"] = {
                    a: list(items) for a, items in row["associations"].items()
                }
            rows[int(row["id"])] = rec
        seed[name] = rows
    # product images: the products' associations hold them already; the
    # listing tells which product has images when associations are missing
    listing = path / "images" / "products.xml"
    if listing.exists() and "products" in seed:
        text = listing.read_text(encoding="utf-8")
        for pid in re.findall(r'<image id="(\d+)"', text):
            seed["products"].get(int(pid), {}).setdefault(
                "associations", {}
            ).setdefault("images", [])
    return seed
