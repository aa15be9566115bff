"""Order writes: slips' details, carts' rows (the profile's address rule),
a new order history changing the order's state, a tracking number copied to
its order."""

from __future__ import annotations

from ..logic import apply_order_state
from . import on


@on("before_create", "order_slip")
def slip_details(store, rec, echo):
    for d in rec.get("associations", {}).get("order_slip_details", []):
        d["id"] = rec["id"]


@on("before_create", "carts")
def cart_rows_address(store, rec, echo):
    if store.profile.cart_row_keeps_address:
        return
    for row in rec.get("associations", {}).get("cart_rows", []):
        row["id_address_delivery"] = 0
    if echo is not None:
        for row in echo.get("associations", {}).get("cart_rows", []):
            row["id_address_delivery"] = 0


@on("after_create", "order_histories")
def order_state_changed(store, rec, echo):
    order = store.tables["orders"].get(int(rec.get("id_order") or 0))
    if order is not None:
        apply_order_state(store, order, int(rec["id_order_state"]), history=False)
    if echo is not None:
        echo["date_add"] = rec["date_add"]
    rec["id_employee"] = int(rec.get("id_employee") or 0)


@on("after_update", "order_carriers")
def tracking_number_on_order(store, rec, old, echo):
    order = store.tables["orders"].get(int(rec.get("id_order") or 0))
    if order is not None and rec.get("tracking_number") != old.get("tracking_number"):
        order["shipping_number"] = rec.get("tracking_number") or ""
