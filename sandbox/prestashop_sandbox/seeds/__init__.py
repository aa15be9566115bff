"""Seeds: what a sandbox starts with.

Record format (shared with ``demo.py`` and ``generator.py``)
-------------------------------------------------------------
A seed is ``dict[str resource, dict[int id, dict record]]``; resource names are
the webservice's (``products``, ``stock_availables``...).  A record maps a field
name to its value:

* scalars are ``str``, ``int``, ``float`` or ``None`` (rendered as text;
  booleans as ``0``/``1``).  Use ``int`` for the fields PrestaShop returns as
  JSON numbers (ids, quantities) and ``str`` for the others (``"1"`` for
  ``active``, ``"23.900000"`` for prices) if JSON types matter to you;
* multilanguage fields are ``dict[int lang_id, str]``;
* ``"associations"`` maps an association name to a list of dicts holding the
  association's fields, e.g. ``{"id": 3}`` for product categories,
  ``{"id": 12, "id_product_attribute": 0}`` for product stock_availables,
  ``{"id": 1, "product_id": 2, "product_attribute_id": 9,
  "product_quantity": 1, ...}`` for order_rows.

Fields a record leaves out get the definition's default (0, ``""``,
``"0.000000"``, ``"0000-00-00 00:00:00"``...).  Derived associations
(``products.stock_availables``/``combinations``,
``product_options.product_option_values``) are computed from the related rows
when absent.  The optional key ``"_images"`` maps ``(id_product, id_image)`` to
the picture's bytes (the demo's are PNG, as a shop whose image format
setting is PNG keeps them).

``load_seed(spec)`` dispatches: ``"demo"`` (``demo.build_demo()``),
``"empty"``, an ``int`` N (``generator.build_large(N)``), or a dump directory
(:mod:`.dump`, a real shop's ``display=full`` dump).
"""

from __future__ import annotations

import importlib
from pathlib import Path

__all__ = ["empty_seed", "load_seed"]


def empty_seed() -> dict:
    """One shop, one language, one currency: enough for writes to work."""
    return {
        "shop_groups": {1: {"name": "Default", "active": "1"}},
        "shops": {
            1: {
                "id_shop_group": 1,
                "id_category": 2,
                "active": "1",
                "name": "Sandbox shop",
            }
        },
        "languages": {
            1: {
                "name": "English (English)",
                "iso_code": "en",
                "locale": "en-US",
                "language_code": "en-us",
                "active": "1",
            }
        },
        "currencies": {
            1: {"iso_code": "EUR", "conversion_rate": "1.000000", "active": "1"}
        },
        "categories": {
            1: {
                "id_parent": 0,
                "level_depth": 0,
                "active": "1",
                "is_root_category": "0",
                "name": {1: "Root"},
                "link_rewrite": {1: "root"},
            },
            2: {
                "id_parent": 1,
                "level_depth": 1,
                "active": "1",
                "is_root_category": "1",
                "name": {1: "Home"},
                "link_rewrite": {1: "home"},
            },
        },
        "configurations": {},
    }


def load_seed(spec, resources: dict | None = None) -> dict:
    """``resources``: the definitions the demo and generated shops type their
    values by (default: the built-in 8.1.2 ones)."""
    if spec is None or spec == "demo":
        return _lazy("demo", "build_demo")(resources=resources)
    if spec == "demo-multishop":  # two shops with shop-specific stock
        return _lazy("demo", "build_demo")(multishop=True, resources=resources)
    if spec == "demo-multishop-shared":  # two shops sharing the group's stock
        return _lazy("demo", "build_demo")(
            multishop=True, shared_stock=True, resources=resources
        )
    if isinstance(spec, dict):  # a seed built by the caller
        return spec
    if spec == "empty":
        return empty_seed()
    if isinstance(spec, int) and not isinstance(spec, bool):
        return _lazy("generator", "build_large")(spec, resources=resources)
    path = Path(spec)
    if path.is_dir():
        from .dump import load_dump

        return load_dump(path)
    raise ValueError(f"unknown seed {spec!r}")


def _lazy(module: str, func: str):
    """Import the demo / generator modules only when asked (the generator is
    large and most runs never need it)."""
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)
