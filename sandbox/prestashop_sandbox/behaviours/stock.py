"""Stock writes: a stock row indexed by its product, a combination's row
summed into its product's (``StockAvailable::synchronize``)."""

from __future__ import annotations

from ..logic import _index_stock_row, sync_product_stock
from . import on


@on("after_create", "stock_availables")
def index_new_row(store, rec, echo):
    _index_stock_row(store, rec)


@on("after_update", "stock_availables")
def product_row_synchronized(store, rec, old, echo):
    pid = int(rec["id_product"])
    if int(old.get("id_product") or 0) != pid:  # moved to another product
        _index_stock_row(store, rec)
    if int(rec["id_product_attribute"]) != 0:
        sync_product_stock(store, pid)
