"""What the shop computes, as the real one does (the recordings show each
result): field defaults and normalisation, stock rows and their sums, order
state changes, prices and taxes, the ``validateOrder`` checkout, state
e-mails.  The side effects of a write, per resource, are in
:mod:`prestashop_sandbox.behaviours` (one module per family), which call
these; they run for HTTP writes and for ``sb.store`` calls alike."""

from __future__ import annotations

import json
import random
import string
import uuid

FLOAT_FORMATS = (
    "isPrice",
    "isUnsignedFloat",
    "isFloat",
    "isNegativePrice",
    "isOptFloat",
)
#: decimal scale of float columns that are not decimal(20,6)
SCALE = {
    "carrier_tax_rate": 3,
    "rate": 3,
    "ecotax_tax_rate": 3,
    "group_reduction": 2,
    "reduction_percent": 2,
}


#: columns that stay NULL (rendered empty) when not set
NULLABLE = {"default_on", "id_default_image"}
#: float columns without a float validator
FLOAT_NAMES = {"unit_price_ratio", "unit_price"}


def round_line(value: float) -> float:
    """PrestaShop's Tools::ps_round(value, 2) in PS_ROUND_HALF_UP mode."""
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(value)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def fmt_float(name: str, v) -> str:
    try:
        return f"{float(v):.{SCALE.get(name, 6)}f}"
    except (TypeError, ValueError):
        return str(v)


def field_default(res: str, f):
    """DB default of a column, typed as PHP would return it."""
    fmt = f.attrs.get("format", "")
    if f.is_int:
        return 0
    if f.name in FLOAT_NAMES:
        return fmt_float(f.name, 0)
    if fmt == "isDateFormat" or f.name in ("birthday", "available_date"):
        return "0000-00-00"
    if f.is_date or f.name.endswith(("date_add", "date_upd", "_date", "_validity")):
        return "0000-00-00 00:00:00"
    if fmt in FLOAT_FORMATS:
        return fmt_float(f.name, 0)
    if fmt == "isBool":
        return "0"
    return ""


def normalize(store, res: str, name: str, value):
    """Turn a value posted as text into what the DB gives back on a GET."""
    r = store.resources[res]
    f = r.field_map.get(name)
    if f is None:
        return value
    if f.multilang:
        return value
    if (name in NULLABLE and value in ("", None, "0")) or (
        name == "new" and res == "products"
    ):
        return ""
    if value is None or value == "":
        return field_default(res, f)
    fmt = f.attrs.get("format", "")
    if f.is_int:
        try:
            return int(float(value))
        except (TypeError, ValueError):
            return 0
    if fmt in FLOAT_FORMATS:
        return fmt_float(name, value)
    return str(value)


# -- derived associations ---------------------------------------------------
def derive_all(store) -> None:
    """Compute associations that a seed may leave out from the related rows."""
    t = store.tables
    store._stock_by_product = None  # rows loaded past the store's writes
    prods = t.get("products", {})
    combos_by_p: dict = {}
    for c in t.get("combinations", {}).values():
        combos_by_p.setdefault(int(c.get("id_product") or 0), []).append(c["id"])
    stock_by_p: dict = {}
    for s in t.get("stock_availables", {}).values():
        stock_by_p.setdefault(int(s.get("id_product") or 0), []).append(s)
    for pid, p in prods.items():
        a = p.setdefault("associations", {})
        if not a.get("combinations") and combos_by_p.get(pid):
            a["combinations"] = [{"id": i} for i in combos_by_p[pid]]
        if not a.get("stock_availables") and stock_by_p.get(pid):
            a["stock_availables"] = [
                {"id": s["id"], "id_product_attribute": s["id_product_attribute"]}
                for s in stock_by_p[pid]
                if int(s.get("id_shop") or 1) == 1
            ]
    vals_by_g: dict = {}
    for v in t.get("product_option_values", {}).values():
        vals_by_g.setdefault(int(v.get("id_attribute_group") or 0), []).append(v["id"])
    for gid, g in t.get("product_options", {}).items():
        a = g.setdefault("associations", {})
        if not a.get("product_option_values") and vals_by_g.get(gid):
            a["product_option_values"] = [{"id": i} for i in vals_by_g[gid]]


# -- stock --------------------------------------------------------------------
def _stock_rows(store, pid: int, id_shop=None) -> list:
    """The stock rows of product ``pid`` (of shop ``id_shop``), in the
    order they were listed by :func:`_stock_index` (each checked: a row
    deleted or moved to another product since is left out)."""
    table = store.tables.get("stock_availables", {})
    rows = (table.get(rid) for rid in dict.fromkeys(_stock_index(store).get(pid, ())))
    return [
        s
        for s in rows
        if s is not None
        and int(s["id_product"]) == pid
        and (id_shop is None or int(s.get("id_shop") or 0) == int(id_shop))
    ]


def _stock_index(store) -> dict:
    """``{id_product: [stock row ids]}``, as MySQL's index on
    ``ps_stock_available.id_product`` answers: a write to a combination's
    row re-sums its product's row (:func:`sync_product_stock`) without
    scanning a 60,000-row table twice.  Built once per table object (a
    ``restore`` gives a new one; :func:`derive_all`, after a load, forgets
    it) and kept by :func:`_index_stock_row` for every row created or moved
    to another product; a row deleted stays listed, :func:`_stock_rows`
    leaves it out."""
    table = store.tables.get("stock_availables", {})
    cached = store.__dict__.get("_stock_by_product")
    if cached is not None and cached[0] is table:
        return cached[1]
    index = {}
    for rid, row in table.items():
        index.setdefault(int(row["id_product"]), []).append(rid)
    store._stock_by_product = (table, index)
    return index


def _index_stock_row(store, rec: dict) -> None:
    """List a stock row created (or moved) under its product in the index,
    when there is one (else it is built from the table when needed)."""
    cached = store.__dict__.get("_stock_by_product")
    if cached is not None and cached[0] is store.tables.get("stock_availables"):
        cached[1].setdefault(int(rec["id_product"]), []).append(rec["id"])


def stock_owners(store) -> list:
    """``(id_shop, id_shop_group)`` of the stock rows a write creates, as
    ``StockAvailable::setQuantity``/``addSqlShopParams`` does for every shop:
    a shop whose group shares its stock (``share_stock``) writes the group's
    row (``id_shop`` 0, ``id_shop_group`` the group), any other shop its own
    (``id_shop`` the shop, ``id_shop_group`` 0).  One pair per group or shop,
    shops in id order; ``[(1, 0)]`` without a shops table."""
    shops = store.tables.get("shops") or {}
    groups = store.tables.get("shop_groups") or {}
    out = []
    for sid in sorted(shops):
        gid = int(shops[sid].get("id_shop_group") or 1)
        g = groups.get(gid) or {}
        pair = (0, gid) if str(g.get("share_stock") or "0") == "1" else (sid, 0)
        if pair not in out:
            out.append(pair)
    return out or [(1, 0)]


def _new_stock(store, pid: int, ipa: int, id_shop=None) -> dict:
    """The stock rows of a new product or combination, one per owner (see
    :func:`stock_owners`); returns the first."""
    owners = stock_owners(store)
    if id_shop is not None:
        owners = [o for o in owners if id_shop in (o[0], 0)][:1] or [(id_shop, 0)]
    rows = [_new_stock_row(store, pid, ipa, *o) for o in owners]
    return rows[0]


def _new_stock_row(store, pid: int, ipa: int, id_shop: int, id_group: int) -> dict:
    sid = store.allocate_id("stock_availables")
    rec = store.complete(
        "stock_availables",
        {
            "id": sid,
            "id_product": pid,
            "id_product_attribute": ipa,
            "id_shop": id_shop,
            "id_shop_group": id_group,
            "quantity": 0,
            "depends_on_stock": "0",
            "out_of_stock": 2,
            "location": "",
        },
    )
    store.tables["stock_availables"][sid] = rec
    _index_stock_row(store, rec)
    return rec


def sync_product_stock(store, pid: int) -> None:
    """Product-level row (id_product_attribute 0) = sum of combination rows,
    per shop; the product's stock_availables association follows."""
    rows = _stock_rows(store, pid)
    shops = sorted({int(s.get("id_shop") or 1) for s in rows}) or [1]
    for shop in shops:
        srows = [s for s in rows if int(s.get("id_shop") or 1) == shop]
        combos = [s for s in srows if int(s["id_product_attribute"]) != 0]
        base = [s for s in srows if int(s["id_product_attribute"]) == 0]
        if combos and base:
            base[0]["quantity"] = sum(int(s["quantity"]) for s in combos)
    p = store.tables.get("products", {}).get(pid)
    if p is not None:
        p.setdefault("associations", {})["stock_availables"] = [
            {"id": s["id"], "id_product_attribute": s["id_product_attribute"]}
            for s in sorted(
                _stock_rows(store, pid),
                key=lambda s: (int(s.get("id_shop") or 1), s["id"]),
            )
            if int(s.get("id_shop") or 1) == shops[0]
        ]


def change_stock(store, pid: int, ipa: int, delta: int, id_shop: int = 1) -> None:
    for s in _stock_rows(store, pid):
        if int(s["id_product_attribute"]) == ipa and int(s.get("id_shop") or 1) in (
            id_shop,
            0,
        ):
            s["quantity"] = int(s["quantity"]) + delta
            break
    if ipa:
        sync_product_stock(store, pid)


# -- hooks ------------------------------------------------------------------
def _hash_password(pw: str) -> str:
    """A string shaped like the bcrypt hash PrestaShop's ``Hashing::hash``
    stores (``$2y$10$`` + 53 characters), salted at random."""
    from .seeds.demo import fake_bcrypt

    return fake_bcrypt(pw + uuid.uuid4().hex)


# -- orders -----------------------------------------------------------------
def apply_order_state(
    store, order: dict, id_state: int, history: bool = True, id_employee: int = 0
) -> None:
    """OrderHistory::changeIdOrderState: current_state, valid, invoice and
    delivery numbers/dates, date_upd."""
    stamp = store.now()
    state = store.tables["order_states"].get(id_state) or {}
    if history:
        hid = store.allocate_id("order_histories")
        store.tables["order_histories"][hid] = store.complete(
            "order_histories",
            {
                "id": hid,
                "id_employee": id_employee,
                "id_order_state": id_state,
                "id_order": order["id"],
                "date_add": stamp,
            },
        )
    order["current_state"] = id_state
    if str(state.get("logable", "0")) == "1":
        order["valid"] = "1"
    if str(state.get("invoice", "0")) == "1" and not int(
        order.get("invoice_number") or 0
    ):
        _make_invoice(store, order, stamp)
    if str(state.get("delivery", "0")) == "1" and not int(
        order.get("delivery_number") or 0
    ):
        nums = [
            int(i.get("delivery_number") or 0)
            for i in store.tables["order_invoices"].values()
        ]
        order["delivery_number"] = max(nums + [0]) + 1
        order["delivery_date"] = stamp
        for inv in store.tables["order_invoices"].values():
            if int(inv["id_order"]) == order["id"]:
                inv["delivery_number"] = order["delivery_number"]
                inv["delivery_date"] = stamp
    order["date_upd"] = stamp


def _make_invoice(store, order: dict, stamp: str) -> None:
    nums = [int(i.get("number") or 0) for i in store.tables["order_invoices"].values()]
    number = max(nums + [0]) + 1
    order["invoice_number"] = number
    order["invoice_date"] = stamp
    iid = store.allocate_id("order_invoices")
    shop = store.tables.get("shops", {}).get(int(order.get("id_shop") or 1)) or {}
    store.tables["order_invoices"][iid] = store.complete(
        "order_invoices",
        {
            "id": iid,
            "id_order": order["id"],
            "number": number,
            "delivery_number": 0,
            "delivery_date": "0000-00-00 00:00:00",
            "total_discount_tax_excl": order["total_discounts_tax_excl"],
            "total_discount_tax_incl": order["total_discounts_tax_incl"],
            "total_paid_tax_excl": order["total_paid_tax_excl"],
            "total_paid_tax_incl": order["total_paid_tax_incl"],
            "total_products": order["total_products"],
            "total_products_wt": order["total_products_wt"],
            "total_shipping_tax_excl": order["total_shipping_tax_excl"],
            "total_shipping_tax_incl": order["total_shipping_tax_incl"],
            "shipping_tax_computation_method": 0,
            "total_wrapping_tax_excl": order["total_wrapping_tax_excl"],
            "total_wrapping_tax_incl": order["total_wrapping_tax_incl"],
            "shop_address": shop.get("name", ""),
            "note": "",
            "date_add": stamp,
        },
    )
    for d in store.tables["order_details"].values():
        if int(d["id_order"]) == order["id"]:
            d["id_order_invoice"] = iid


def config(store, name: str, default=None):
    for c in store.tables.get("configurations", {}).values():
        if c.get("name") == name and not c.get("id_shop"):
            return c.get("value")
    return default


def tax_rate(store, id_group: int, id_country: int) -> tuple:
    """(rate, id_tax) of a tax rules group for a country (0 if none)."""
    for r in store.tables.get("tax_rules", {}).values():
        if (
            int(r["id_tax_rules_group"]) == id_group
            and int(r["id_country"]) == id_country
        ):
            tax = store.tables.get("taxes", {}).get(int(r["id_tax"]))
            if tax is not None:
                return float(tax["rate"]), int(tax["id"])
    return 0.0, 0


def reduction_for(
    store, pid: int, ipa: int, id_group: int, id_customer: int, qty: int = 1
):
    """Best-matching percentage/amount specific price (None if none)."""
    best = None
    for sp in store.tables.get("specific_prices", {}).values():
        if int(sp["id_product"]) not in (0, pid):
            continue
        if int(sp.get("id_product_attribute") or 0) not in (0, ipa):
            continue
        if int(sp.get("id_group") or 0) not in (0, id_group):
            continue
        if int(sp.get("id_customer") or 0) not in (0, id_customer):
            continue
        if int(sp.get("id_cart") or 0):
            continue
        if int(float(sp.get("from_quantity") or 1)) > qty:
            continue
        best = sp
    return best


def unit_price(
    store, pid: int, ipa: int, id_group: int = 0, id_customer: int = 0, qty: int = 1
) -> tuple:
    """(original price, reduced price, reduction percent) tax excluded."""
    p = store.tables["products"][pid]
    base = float(p["price"])
    if ipa:
        c = store.tables["combinations"].get(ipa)
        if c is not None:
            base += float(c.get("price") or 0)
    sp = reduction_for(store, pid, ipa, id_group, id_customer, qty)
    price, pct = base, 0.0
    if sp is not None:
        if float(sp.get("price") or -1) >= 0:
            price = float(sp["price"])
        red = float(sp.get("reduction") or 0)
        if sp.get("reduction_type") == "percentage":
            pct = red * 100
            price = price * (1 - red)
        else:
            price = price - red
    return base, round(price, 6), pct


def default_country(store) -> int:
    return int(config(store, "PS_COUNTRY_DEFAULT", 0) or 0)


def virtual_price(store, p: dict, use_tax: bool) -> str:
    pid = p["id"]
    ipa = int(p.get("cache_default_attribute") or 0)
    _base, price, _pct = unit_price(store, pid, ipa)
    if use_tax:
        rate, _ = tax_rate(
            store, int(p.get("id_tax_rules_group") or 0), default_country(store)
        )
        price = price * (1 + rate / 100)
    return f"{round(price + 1e-9, 2):.6f}"


def random_reference() -> str:
    return "".join(random.choice(string.ascii_uppercase) for _ in range(9))


def carrier_price(
    store, id_carrier: int, id_country: int, total: float, weight: float
) -> float:
    """Shipping tax excl. from the carrier's price or weight ranges (zone of the
    delivery country)."""
    carrier = store.tables["carriers"].get(id_carrier) or {}
    if str(carrier.get("is_free", "0")) == "1":
        return 0.0
    country = store.tables.get("countries", {}).get(id_country) or {}
    zone = int(country.get("id_zone") or 0)
    by_price = int(carrier.get("shipping_method") or 0) == 2
    ranges = store.tables.get("price_ranges" if by_price else "weight_ranges", {})
    value = total if by_price else weight
    deliveries = store.tables.get("deliveries", {}).values()
    key = "id_range_price" if by_price else "id_range_weight"
    for rng in ranges.values():
        if int(rng["id_carrier"]) != id_carrier:
            continue
        if float(rng["delimiter1"]) <= value < float(rng["delimiter2"]):
            for d in deliveries:
                if (
                    int(d.get(key) or 0) == rng["id"]
                    and int(d["id_carrier"]) == id_carrier
                    and int(d["id_zone"]) == zone
                ):
                    return float(d["price"])
    return 0.0


def shipping_handling(store, carrier: dict) -> float:
    if str(carrier.get("shipping_handling", "0")) == "1":
        return float(config(store, "PS_SHIPPING_HANDLING", 0) or 0)
    return 0.0


class CartUsed(Exception):
    pass


def line_totals(excl: float, incl: float, qty: int, round_type: int) -> tuple:
    """(total tax excl., total tax incl.) of a cart line, as
    Cart::applyProductCalculations for the order's round type: 1
    (ROUND_ITEM) rounds the unit prices to the cent then multiplies, 2
    (ROUND_LINE) rounds unit x quantity, 3 (ROUND_TOTAL) leaves it unrounded
    (the order total is rounded)."""
    if round_type == 1:
        return round_line(excl) * qty, round_line(incl) * qty
    if round_type == 3:
        return excl * qty, incl * qty
    return round_line(excl * qty), round_line(incl * qty)


def conversion_rate(store, id_currency: int) -> float:
    """Currency.conversion_rate of the cart's currency; 1 for the default
    currency, whose prices Tools::convertPrice leaves as they are."""
    default = int(config(store, "PS_CURRENCY_DEFAULT", 1) or 1)
    currency = store.tables.get("currencies", {}).get(id_currency)
    if id_currency == default or currency is None:
        return 1.0
    return float(currency.get("conversion_rate") or 1)


def validate_order(store, cart: dict, posted: dict) -> dict:
    """PaymentModule::validateOrder from a cart: lines, carrier from
    delivery_option, taxes, state 11 (PS_OS_WS_PAYMENT) when total_paid is the
    cart total else 8 (PS_OS_ERROR), stock moved only for a valid order.

    Amounts are in the cart's currency (``id_currency``): the catalogue and
    shipping prices (default currency) times its conversion_rate
    (Tools::convertPrice), unit prices kept at 6 decimals, the tax added to
    the unrounded converted price; the order and its payment keep the rate.
    Line and order totals follow ``PS_ROUND_TYPE`` (1 per item, 2 per line,
    the default, 3 on the total), stored as the order's round_type; the
    shipping totals are rounded to the cent (Cart::getPackageShippingCost)."""
    if cart["id"] in store.used_carts or any(
        int(o["id_cart"]) == cart["id"] for o in store.tables["orders"].values()
    ):
        raise CartUsed()
    stamp = store.now()
    id_lang = int(cart.get("id_lang") or 1)
    customer = store.tables["customers"].get(int(cart.get("id_customer") or 0)) or {}
    id_group = int(customer.get("id_default_group") or 0)
    addr_id = int(cart.get("id_address_delivery") or 0)
    addr = store.tables["addresses"].get(addr_id) or {}
    id_country = int(addr.get("id_country") or default_country(store))
    id_carrier = int(config(store, "PS_CARRIER_DEFAULT", 1) or 1)
    try:
        opt = json.loads(cart.get("delivery_option") or "")
        if isinstance(opt, dict) and opt:
            id_carrier = int(str(next(iter(opt.values()))).strip(",").split(",")[0])
    except (ValueError, TypeError):
        pass
    carrier = store.tables["carriers"].get(id_carrier) or {}
    id_currency = int(cart.get("id_currency") or 1)
    conv = conversion_rate(store, id_currency)
    round_type = int(config(store, "PS_ROUND_TYPE", 2) or 2)
    lines = []
    total_excl = total_incl = weight = 0.0
    for row in cart.get("associations", {}).get("cart_rows", []):
        pid, ipa = int(row["id_product"]), int(row.get("id_product_attribute") or 0)
        qty = int(row["quantity"])
        p = store.tables["products"].get(pid)
        if p is None:
            continue
        base, price, pct = unit_price(
            store, pid, ipa, id_group, int(cart.get("id_customer") or 0), qty
        )
        rate, id_tax = tax_rate(
            store, int(p.get("id_tax_rules_group") or 0), id_country
        )
        incl = round(price * conv * (1 + rate / 100), 6)
        if conv != 1:
            base, price = round(base * conv, 6), round(price * conv, 6)
        c = store.tables["combinations"].get(ipa) if ipa else None
        w = float(p.get("weight") or 0) + float((c or {}).get("weight") or 0)
        weight += w * qty
        line_excl, line_incl = line_totals(price, incl, qty, round_type)
        total_excl += line_excl
        total_incl += line_incl
        qd = 0.0
        sp = reduction_for(
            store, pid, ipa, id_group, int(cart.get("id_customer") or 0), qty
        )
        if sp is not None and int(float(sp.get("from_quantity") or 0)) == qty:
            qd = incl - float(sp.get("price") or 0) * (1 + rate / 100)
        lines.append(
            (p, c, pid, ipa, qty, base, price, pct, incl, rate, id_tax, w, qd)
            + (line_excl, line_incl)
        )
    total_excl, total_incl = round_line(total_excl), round_line(total_incl)
    ship_excl = carrier_price(store, id_carrier, id_country, total_excl / conv, weight)
    if ship_excl or str(carrier.get("is_free", "0")) != "1":
        ship_excl += shipping_handling(store, carrier)
    crate, _ = tax_rate(store, int(carrier.get("id_tax_rules_group") or 0), id_country)
    ship_incl = round_line(ship_excl * conv * (1 + crate / 100))
    ship_excl = round_line(ship_excl * conv)
    total_paid = round(total_incl + ship_incl, 2)
    try:
        posted_total = round(float(posted.get("total_paid") or 0), 2)
    except ValueError:
        posted_total = -1
    ok = abs(posted_total - total_paid) < 0.005
    oid = store.allocate_id("orders")
    order = store.complete(
        "orders",
        {
            "id": oid,
            "id_address_delivery": addr_id,
            "id_address_invoice": int(cart.get("id_address_invoice") or 0),
            "id_cart": cart["id"],
            "id_currency": id_currency,
            "id_lang": id_lang,
            "id_customer": int(cart.get("id_customer") or 0),
            "id_carrier": id_carrier,
            "current_state": 0,
            "module": posted.get("module") or "",
            "invoice_number": 0,
            "invoice_date": "0000-00-00 00:00:00",
            "delivery_number": 0,
            "delivery_date": "0000-00-00 00:00:00",
            "valid": "0",
            "date_add": stamp,
            "date_upd": stamp,
            "shipping_number": "",
            "note": "",
            "id_shop_group": int(cart.get("id_shop_group") or 1),
            "id_shop": int(cart.get("id_shop") or 1),
            "secure_key": customer.get("secure_key") or "",
            "payment": posted.get("payment") or "",
            "recyclable": str(cart.get("recyclable") or 0),
            "gift": str(cart.get("gift") or 0),
            "gift_message": cart.get("gift_message") or "",
            "mobile_theme": "0",
            "total_discounts": fmt_float("x", 0),
            "total_discounts_tax_incl": fmt_float("x", 0),
            "total_discounts_tax_excl": fmt_float("x", 0),
            "total_paid": fmt_float("x", total_paid),
            "total_paid_tax_incl": fmt_float("x", total_paid),
            "total_paid_tax_excl": fmt_float("x", round_line(total_excl + ship_excl)),
            "total_paid_real": fmt_float("x", 0),
            "total_products": fmt_float("x", total_excl),
            "total_products_wt": fmt_float("x", total_incl),
            "total_shipping": fmt_float("x", ship_incl),
            "total_shipping_tax_incl": fmt_float("x", ship_incl),
            "total_shipping_tax_excl": fmt_float("x", ship_excl),
            "carrier_tax_rate": fmt_float("carrier_tax_rate", crate),
            "total_wrapping": fmt_float("x", 0),
            "total_wrapping_tax_incl": fmt_float("x", 0),
            "total_wrapping_tax_excl": fmt_float("x", 0),
            "round_mode": 2,
            "round_type": round_type,
            "conversion_rate": fmt_float("x", conv),
            "reference": random_reference(),
        },
    )
    store.tables["orders"][oid] = order
    rows = []
    sep = store.profile.attribute_separator
    for line in lines:
        p, c, pid, ipa, qty, base, price, pct, incl, rate, id_tax, w, qd = line[:13]
        line_excl, line_incl = line[13:]
        did = store.allocate_id("order_details")
        name = (p.get("name") or {}).get(id_lang) or (p.get("name") or {}).get(1, "")
        if c is not None:
            parts = []
            for v in c.get("associations", {}).get("product_option_values", []):
                val = store.tables["product_option_values"].get(int(v["id"])) or {}
                grp = (
                    store.tables["product_options"].get(
                        int(val.get("id_attribute_group") or 0)
                    )
                    or {}
                )
                parts.append(
                    f"{(grp.get('public_name') or {}).get(id_lang, '')}{sep}"
                    f"{(val.get('name') or {}).get(id_lang, '')}"
                )
            name = f"{name} ({', '.join(parts)})"
        src = c if c is not None else p
        detail = store.complete(
            "order_details",
            {
                "id": did,
                "id_order": oid,
                "product_id": pid,
                "product_attribute_id": ipa,
                "product_quantity_reinjected": 0,
                "group_reduction": "0.00",
                "discount_quantity_applied": 0,
                "download_hash": "",
                "download_deadline": "0000-00-00 00:00:00",
                "id_order_invoice": 0,
                "id_warehouse": 0,
                "id_shop": order["id_shop"],
                "id_customization": 0,
                "product_name": name,
                "product_quantity": qty,
                "product_quantity_in_stock": qty,
                "product_quantity_return": 0,
                "product_quantity_refunded": 0,
                "product_price": fmt_float("x", price),
                "reduction_percent": f"{pct:.2f}",
                "reduction_amount": fmt_float("x", 0),
                "reduction_amount_tax_incl": fmt_float("x", 0),
                "reduction_amount_tax_excl": fmt_float("x", 0),
                "product_quantity_discount": fmt_float("x", qd),
                "product_ean13": src.get("ean13") or "",
                "product_isbn": src.get("isbn") or "",
                "product_upc": src.get("upc") or "",
                "product_mpn": src.get("mpn") or "",
                "product_reference": src.get("reference") or "",
                "product_supplier_reference": src.get("supplier_reference") or "",
                "product_weight": fmt_float("x", w),
                "tax_computation_method": 0,
                "id_tax_rules_group": int(p.get("id_tax_rules_group") or 0),
                "ecotax": fmt_float("x", 0),
                "ecotax_tax_rate": fmt_float("rate", 0),
                "download_nb": 0,
                "unit_price_tax_incl": fmt_float("x", incl),
                "unit_price_tax_excl": fmt_float("x", price),
                "total_price_tax_incl": fmt_float("x", line_incl),
                "total_price_tax_excl": fmt_float("x", line_excl),
                "total_shipping_price_tax_excl": fmt_float("x", 0),
                "total_shipping_price_tax_incl": fmt_float("x", 0),
                "purchase_supplier_price": fmt_float(
                    "x", p.get("wholesale_price") or 0
                ),
                "original_product_price": fmt_float("x", base),
                "original_wholesale_price": fmt_float(
                    "x", p.get("wholesale_price") or 0
                ),
                "total_refunded_tax_excl": fmt_float("x", 0),
                "total_refunded_tax_incl": fmt_float("x", 0),
                "associations": {"taxes": [{"id": id_tax}] if id_tax else []},
            },
        )
        store.tables["order_details"][did] = detail
        rows.append(
            {
                "id": did,
                "product_id": pid,
                "product_attribute_id": ipa,
                "product_quantity": qty,
                "product_name": name,
                "product_reference": detail["product_reference"],
                "product_ean13": detail["product_ean13"],
                "product_isbn": detail["product_isbn"],
                "product_upc": detail["product_upc"],
                "product_price": detail["product_price"],
                "id_customization": 0,
                "unit_price_tax_incl": detail["unit_price_tax_incl"],
                "unit_price_tax_excl": detail["unit_price_tax_excl"],
            }
        )
    order["associations"] = {"order_rows": rows}
    ocid = store.allocate_id("order_carriers")
    store.tables["order_carriers"][ocid] = store.complete(
        "order_carriers",
        {
            "id": ocid,
            "id_order": oid,
            "id_carrier": id_carrier,
            "id_order_invoice": 0,
            "weight": fmt_float("x", weight),
            "shipping_cost_tax_excl": fmt_float("x", ship_excl),
            "shipping_cost_tax_incl": fmt_float("x", ship_incl),
            "tracking_number": "",
            "date_add": stamp,
        },
    )
    store.used_carts.add(cart["id"])
    state = 11 if ok else 8
    paid_amount = posted_total if posted_total >= 0 else 0.0
    pid_ = store.allocate_id("order_payments")
    store.tables["order_payments"][pid_] = store.complete(
        "order_payments",
        {
            "id": pid_,
            "order_reference": order["reference"],
            "id_currency": order["id_currency"],
            "amount": fmt_float("x", paid_amount),
            "payment_method": order["payment"],
            "conversion_rate": order["conversion_rate"],
            "transaction_id": "",
            "card_number": "",
            "card_brand": "",
            "card_expiration": "",
            "card_holder": "",
            "date_add": stamp,
            "id_employee": "",
        },
    )
    order["total_paid_real"] = fmt_float("x", posted.get("total_paid_real") or 0)
    if ok:
        for p, c, pid, ipa, qty, *_ in lines:
            change_stock(store, pid, ipa, -qty, order["id_shop"])
    apply_order_state(store, order, state, history=True)
    for inv in store.tables["order_invoices"].values():
        if int(inv["id_order"]) == oid:
            for oc in store.tables["order_carriers"].values():
                if int(oc["id_order"]) == oid:
                    oc["id_order_invoice"] = inv["id"]
    return order


def _lang_text(value, id_lang: int) -> str:
    if isinstance(value, dict):
        return str(value.get(id_lang) or value.get(str(id_lang)) or "")
    return str(value or "")


def send_state_mail(store, history: dict) -> dict | None:
    """``POST order_histories?sendemail=1``: ``OrderHistory::addWithemail``
    sends the new state's template mail to the customer when the state has
    ``send_email`` and a ``template`` in the order's language.  The mail is
    recorded in ``store.outbox`` (nothing leaves the machine) as a dict:
    ``to``, ``to_name``, ``template``, ``subject`` (the state's name, as
    PrestaShop's ``Mail::Send`` subject ``"{state name}"`` for state mails),
    ``id_lang``, ``id_order``, ``id_order_state`` and ``vars``
    (``{firstname}``, ``{lastname}``, ``{id_order}``, ``{order_name}``, and,
    for a state whose template is ``shipped`` or ``in_transit``,
    ``{shipping_number}`` and ``{followup}``: the carrier's tracking URL with
    ``@`` replaced by the order carrier's tracking number).  Returns the mail
    or None when the state sends none."""
    order = store.tables["orders"].get(int(history.get("id_order") or 0))
    state = store.tables["order_states"].get(int(history.get("id_order_state") or 0))
    if order is None or state is None or str(state.get("send_email", "0")) != "1":
        return None
    id_lang = int(order.get("id_lang") or 1)
    template = _lang_text(state.get("template"), id_lang)
    if not template:
        return None
    customer = store.tables["customers"].get(int(order.get("id_customer") or 0)) or {}
    oc = next(
        (
            r
            for r in store.tables["order_carriers"].values()
            if int(r.get("id_order") or 0) == order["id"]
        ),
        {},
    )
    tracking = str(oc.get("tracking_number") or order.get("shipping_number") or "")
    carrier = store.tables["carriers"].get(int(order.get("id_carrier") or 0)) or {}
    variables = {
        "{firstname}": customer.get("firstname", ""),
        "{lastname}": customer.get("lastname", ""),
        "{id_order}": order["id"],
        "{order_name}": order.get("reference", ""),
    }
    if template in ("shipped", "in_transit"):
        url = str(carrier.get("url") or "")
        variables["{shipping_number}"] = tracking
        variables["{followup}"] = url.replace("@", tracking) if url else ""
    mail = {
        "to": customer.get("email", ""),
        "to_name": f"{customer.get('firstname', '')} {customer.get('lastname', '')}",
        "template": template,
        "subject": _lang_text(state.get("name"), id_lang),
        "id_lang": id_lang,
        "id_order": order["id"],
        "id_order_state": int(history["id_order_state"]),
        "vars": variables,
    }
    store.outbox.append(mail)
    return mail
