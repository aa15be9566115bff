"""The PrestaShop webservice resources the sandbox serves, declared in the
package's own code, one module per family:

``catalog``
    products, combinations, categories, options and values, features,
    specific prices, tags, attachments, brands, suppliers, image types...
``stock``
    stock_availables, stock movements, warehouses, supply orders
``customers``
    customers, addresses, groups, guests, customer threads and messages
``orders``
    carts, cart rules, orders and their details, histories, states,
    carriers, invoices, payments, slips, returns, customizations
``localization``
    languages, currencies, countries, states, zones, taxes, carriers, ranges
``shops``
    shops, shop groups and URLs, configurations, employees, stores, CMS

Each module declares its resources as PrestaShop 8.1.x defines them (the
class's ``$definition`` and ``$webserviceParameters``) and, in ``CHANGES``,
what later versions change (``{"9.0.0": {resource: Change(..)}}``).
:func:`definitions` returns the resources of one version with those changes
applied.  Nothing here reads a file: the sandbox runs from a plain checkout.
"""

from __future__ import annotations

from . import catalog, customers, localization, orders, shops, stock
from ._base import A, Change, F, R, apply_change

__all__ = ["A", "Change", "F", "R", "VERSIONS", "definitions"]

FAMILIES = (catalog, stock, customers, orders, localization, shops)
#: the versions the definitions describe, oldest first
VERSIONS = ("8.1.2", "9.0.0")


def _key(version: str) -> tuple:
    return tuple(int(p) for p in version.split("."))


def definitions(version: str = "8.1.2") -> dict:
    """``{resource name: R}`` for ``version`` (every family, every change of
    the versions up to it applied; resources whose ``since`` is later left
    out)."""
    if version not in VERSIONS:
        raise ValueError(f"unknown PrestaShop version {version!r}")
    out = {}
    for family in FAMILIES:
        for res in family.RESOURCES:
            if res.since and _key(res.since) > _key(version):
                continue
            for v in VERSIONS:
                if _key(v) > _key(version):
                    break
                change = getattr(family, "CHANGES", {}).get(v, {}).get(res.name)
                if change is not None:
                    res = apply_change(res, change)
            out[res.name] = res
    return out
