"""A large, deterministic shop for benchmarks and paging tests.

``build_large(size)`` keeps the demo's metadata (languages, taxes, countries,
order states, carriers, options...) and generates ``size`` products (about a
third with 2-6 combinations), ``customers`` customers with addresses and
``orders`` orders with carts, order_details, order_histories and
order_carriers. Totals use the demo's integer pricing (ROUND_LINE, half up), so
they are right to the cent like the demo's.

Speed matters more than completeness here (100,000 orders must build in a few
seconds): records carry the fields a connector reads, in their stored form
(strings for decimals and flags, ints for ids), and leave the rest to the
resource defaults the store fills in. Every record and every nested dict or
list is fresh (nothing is shared between records), because the store mutates
records in place; only immutable strings are shared. Orders have no invoice,
payment or order_invoices rows: the benchmark does not need them.
"""

from __future__ import annotations

import gc
import random
from datetime import datetime, timedelta

from . import demo
from .demo import (
    CARRIER_CHRONOPOST,
    CARRIER_COLISSIMO,
    CARRIER_SHIPPING_EXCL,
    LANG_EN,
    LANG_FR,
    TAX_GROUP_20,
    add_tax,
    compute_totals,
    ean13,
    euros,
    order_reference,
    rate_for,
    remove_tax,
)

ANCHOR = datetime(2026, 11, 26, 23, 0, 0)
DAYS = 365

# Demo resources reused as they are; the demo's catalogue, customers and orders
# are replaced by generated ones.
KEPT_FROM_DEMO = (
    "shop_groups", "shops", "shop_urls", "zones", "countries", "states",
    "currencies", "languages", "groups", "configurations", "taxes",
    "tax_rule_groups", "tax_rules", "order_states", "carriers", "manufacturers",
    "suppliers", "product_features", "product_feature_values", "product_options",
    "product_option_values", "cart_rules", "employees",
)  # fmt: skip

_NOUNS = (
    ("Sheet", "Drap"), ("Cushion", "Coussin"), ("Candle", "Bougie"),
    ("Vase", "Vase"), ("Throw", "Plaid"), ("Towel", "Serviette"),
    ("Mug", "Tasse"), ("Basket", "Panier"), ("Lamp", "Lampe"),
    ("Apron", "Tablier"), ("Napkin", "Serviette de table"), ("Rug", "Tapis"),
)  # fmt: skip
_ADJECTIVES = (
    ("linen", "en lin"), ("stoneware", "en grès"), ("woven", "tissé"),
    ("striped", "rayé"), ("organic", "bio"), ("hand-made", "fait main"),
    ("soft", "douce"), ("natural", "naturel"),
)  # fmt: skip
_FIRST = (
    "Camille",
    "Louis",
    "Léa",
    "Hugo",
    "Chloé",
    "Jules",
    "Manon",
    "Arthur",
    "Inès",
    "Gabriel",
    "Sarah",
    "Lucas",
    "Emma",
    "Nathan",
    "Alice",
    "Paul",
)
_LAST = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
)
_CITIES = (
    ("75011", "Paris"),
    ("69003", "Lyon"),
    ("13006", "Marseille"),
    ("31000", "Toulouse"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("44000", "Nantes"),
    ("67000", "Strasbourg"),
)
# (id_country, weight in %) of delivery addresses
_COUNTRY_MIX = ((8, 85), (3, 5), (1, 3), (6, 2), (10, 2), (19, 2), (21, 1))
# (current state, history) with weights; the history ends at the state.
_STATE_MIX = (
    (40, (2, 3, 4, 5)), (25, (2,)), (10, (2, 4)), (5, (2, 3)),
    (10, (10,)), (5, (1,)), (5, (10, 6)),
)  # fmt: skip
_PRICES_INCL = (
    "9.90",
    "14.90",
    "19.90",
    "24.90",
    "29.90",
    "34.90",
    "39.00",
    "45.00",
    "59.00",
    "74.90",
    "89.00",
    "119.00",
    "149.00",
)
_SIZES = (demo.S, demo.M, demo.L, demo.XL)
_COLORS = (demo.WHITE, demo.BLUE, demo.GREY)
_PAID_STATES = {2, 3, 4, 5}


def build_large(
    size: int = 10_000,
    seed: int = 0,
    orders: int | None = None,
    customers: int | None = None,
    resources: dict | None = None,
) -> dict:
    """A shop with ``size`` products, ``customers`` (default size*2) customers
    and ``orders`` (default size*10) orders, identical for identical args."""
    orders = size * 10 if orders is None else orders
    customers = size * 2 if customers is None else customers
    # Millions of fresh containers and no cycles: the cyclic collector would
    # rescan the growing heap again and again and triple the build time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(size, seed, orders, customers, resources)
    finally:
        if was_enabled:
            gc.enable()


def _build(
    size: int, seed: int, orders: int, customers: int, resources: dict | None
) -> dict:
    rng = random.Random(seed)
    base = demo.build_demo(resources=resources)
    shop = {name: base[name] for name in KEPT_FROM_DEMO}
    catalog = _Catalog(rng, size, base)
    shop.update(catalog.tables())
    people = _People(rng, customers)
    shop.update(customers=people.customers, addresses=people.addresses,
                guests=people.guests)  # fmt: skip
    shop.update(_Orders(rng, catalog, people, base).build(orders))
    shop["specific_prices"] = {}
    # A small table whose id columns are typed by the resource definitions.
    demo.to_stored({"order_cart_rules": shop["order_cart_rules"]}, resources)
    return shop


START = ANCHOR - timedelta(days=DAYS)
_MONEY_CACHE: dict[int, str] = {}


def money(micros: int) -> str:
    """demo.money, memoised: the same few thousand amounts recur all along."""
    text = _MONEY_CACHE.get(micros)
    if text is None:
        text = _MONEY_CACHE[micros] = demo.money(micros)
    return text


def order_total_fields(totals: demo.OrderTotals, paid: bool) -> dict:
    """demo.order_total_fields with each distinct amount formatted once."""
    zero = money(0)
    paid_incl = money(totals.paid_incl)
    shipping_incl = money(totals.shipping_incl)
    discounts_incl = money(totals.discounts_incl)
    return {
        "total_discounts": discounts_incl,
        "total_discounts_tax_incl": discounts_incl,
        "total_discounts_tax_excl": money(totals.discounts_excl),
        "total_paid": paid_incl,
        "total_paid_tax_incl": paid_incl,
        "total_paid_tax_excl": money(totals.paid_excl),
        "total_paid_real": paid_incl if paid else zero,
        "total_products": money(totals.products),
        "total_products_wt": money(totals.products_wt),
        "total_shipping": shipping_incl,
        "total_shipping_tax_incl": shipping_incl,
        "total_shipping_tax_excl": money(totals.shipping_excl),
        "carrier_tax_rate": f"{totals.carrier_rate_milli / 1000:.3f}",
        "total_wrapping": zero,
        "total_wrapping_tax_incl": zero,
        "total_wrapping_tax_excl": zero,
    }


def _seconds(rng: random.Random, count: int) -> list[int]:
    """Sorted instants (seconds after START) over the last year: ids grow
    with dates, as in a real shop."""
    span = DAYS * 86_400
    return sorted(rng.randrange(span) for _ in range(count))


def _date(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def _dates(rng: random.Random, count: int) -> list[str]:
    return [_date(s) for s in _seconds(rng, count)]


class _Catalog:
    """Products, combinations, stock rows and categories."""

    def __init__(self, rng: random.Random, size: int, base: dict) -> None:
        self.rng = rng
        self.base = base
        self.products: dict = {}
        self.combinations: dict = {}
        self.stock: dict = {}
        self.categories = {cid: dict(c) for cid, c in base["categories"].items()}
        self.leaves = self._add_categories(max(4, size // 250))
        self.option_names = {
            vid: v["name"] for vid, v in base["product_option_values"].items()
        }
        # per product: (price excl micros, tax group, [(id_attr, impact, ref, ean)])
        self.sellable: list[tuple[int, int, int, str, str, list]] = []
        for pid in range(1, size + 1):
            self._add_product(pid)

    def _add_categories(self, count: int) -> list[int]:
        parents = (3, 5, 7, 9)
        leaves = [4, 6, 8]
        for index in range(count):
            cid = 10 + index
            parent = parents[index % len(parents)]
            name = f"Collection {index + 1}"
            self.categories[cid] = {
                "id_parent": parent,
                "level_depth": 3,
                "active": "1",
                "id_shop_default": 1,
                "is_root_category": "0",
                "position": index // len(parents),
                "date_add": demo.SHOP_CREATED,
                "date_upd": demo.SHOP_CREATED,
                "name": {LANG_EN: name, LANG_FR: name},
                "link_rewrite": {LANG_EN: f"collection-{index + 1}",
                                 LANG_FR: f"collection-{index + 1}"},
                "associations": {"categories": [], "products": []},
            }  # fmt: skip
            leaves.append(cid)
        for cid, category in self.categories.items():
            category["associations"] = {
                "categories": [
                    {"id": c} for c, row in self.categories.items()
                    if row["id_parent"] == cid
                ],
                "products": [],
            }  # fmt: skip
        return leaves

    def _add_product(self, pid: int) -> None:
        rng = self.rng
        noun_en, noun_fr = _NOUNS[pid % len(_NOUNS)]
        adj_en, adj_fr = _ADJECTIVES[(pid // len(_NOUNS)) % len(_ADJECTIVES)]
        name_en, name_fr = (
            f"{adj_en.capitalize()} {noun_en.lower()} {pid}",
            (f"{noun_fr} {adj_fr} {pid}"),
        )
        roll = rng.random()
        tax_group = TAX_GROUP_20 if roll < 0.9 else (2 if roll < 0.95 else 3)
        rate = demo.TAX_RATES_MILLI[tax_group]
        price = remove_tax(euros(_PRICES_INCL[pid % len(_PRICES_INCL)]), rate)
        category = self.leaves[pid % len(self.leaves)]
        reference = f"GEN-{pid:06d}"
        with_combinations = pid % 3 == 0
        active = "0" if pid % 97 == 0 else "1"
        product = {
            "id_manufacturer": pid % 3,
            "id_supplier": pid % 2,
            "id_category_default": category,
            "id_default_combination": 0,
            "cache_default_attribute": 0,
            "id_tax_rules_group": tax_group,
            "type": "simple",
            "id_shop_default": 1,
            "reference": reference,
            "ean13": "" if with_combinations else ean13(f"37{pid:07d}000"),
            "weight": f"{0.1 + (pid % 20) / 10:.6f}",
            "state": 1,
            "product_type": "combinations" if with_combinations else "standard",
            "minimal_quantity": 1,
            "price": money(price),
            "wholesale_price": money(price * 2 // 5),
            "active": active,
            "available_for_order": active,
            "show_price": "1",
            "condition": "new",
            "visibility": "both",
            "indexed": "1",
            "redirect_type": "default",
            "date_add": demo.SHOP_CREATED,
            "date_upd": demo.SHOP_CREATED,
            "name": {LANG_EN: name_en, LANG_FR: name_fr},
            "link_rewrite": {LANG_EN: demo.link_rewrite(name_en),
                             LANG_FR: demo.link_rewrite(name_fr)},
            "description_short": {LANG_EN: f"<p>{name_en}.</p>",
                                  LANG_FR: f"<p>{name_fr}.</p>"},
            "associations": {
                "categories": [{"id": 2}, {"id": category}],
                "combinations": [],
                "product_option_values": [],
                "stock_availables": [],
            },
        }  # fmt: skip
        self.products[pid] = product
        self.categories[category]["associations"]["products"].append({"id": pid})
        self.categories[2]["associations"]["products"].append({"id": pid})
        variants = (
            self._add_combinations(pid, product, reference, rate)
            if (with_combinations)
            else []
        )
        self._add_stock(pid, product, variants)
        if active == "1":
            self.sellable.append(
                (pid, price, tax_group, reference, product["ean13"], variants)
            )

    def _add_combinations(
        self, pid: int, product: dict, reference: str, rate: int
    ) -> list:
        count = 2 + pid % 5
        start = pid % 12
        variants = []
        values_seen = set()
        for k in range(count):
            cell = (start + k) % 12
            size, color = _SIZES[cell % 4], _COLORS[cell // 4]
            cid = len(self.combinations) + 1
            impact = remove_tax(2_000_000, rate) if size == demo.XL else 0
            ref = f"{reference}-{cell:02d}"
            code = ean13(f"38{cid:07d}000")
            self.combinations[cid] = {
                "id_product": pid,
                "ean13": code,
                "reference": ref,
                "price": money(impact),
                "weight": "0.000000",
                "minimal_quantity": 1,
                "default_on": "1" if k == 0 else "",
                "associations": {
                    "product_option_values": [{"id": size}, {"id": color}],
                    "images": [],
                },
            }
            values_seen.update((size, color))
            product["associations"]["combinations"].append({"id": cid})
            variants.append((cid, impact, ref, code, size, color))
        product["id_default_combination"] = variants[0][0]
        product["cache_default_attribute"] = variants[0][0]
        product["associations"]["product_option_values"] = [
            {"id": v} for v in sorted(values_seen)
        ]
        return variants

    def _add_stock(self, pid: int, product: dict, variants: list) -> None:
        quantities = [self.rng.randrange(0, 60) for _ in variants]
        rows = [(0, sum(quantities) if variants else self.rng.randrange(0, 200))]
        rows += [(v[0], q) for v, q in zip(variants, quantities)]
        listed = product["associations"]["stock_availables"]
        for id_attribute, quantity in rows:
            sid = len(self.stock) + 1
            self.stock[sid] = {
                "id_product": pid,
                "id_product_attribute": id_attribute,
                "id_shop": 1,
                "id_shop_group": 0,
                "quantity": quantity,
                "depends_on_stock": "0",
                "out_of_stock": 2,
                "location": "",
            }
            listed.append({"id": sid, "id_product_attribute": id_attribute})

    def line_name(self, name: str, size: int, color: int, lang: int) -> str:
        size_label = "Taille" if lang == LANG_FR else "Size"
        color_label = "Couleur" if lang == LANG_FR else "Color"
        return (
            f"{name} - {size_label} : {self.option_names[size][lang]}, "
            f"{color_label} : {self.option_names[color][lang]}"
        )

    def tables(self) -> dict:
        return {
            "products": self.products,
            "combinations": self.combinations,
            "stock_availables": self.stock,
            "categories": self.categories,
        }


class _People:
    """Customers, their addresses and guests."""

    def __init__(self, rng: random.Random, count: int) -> None:
        self.customers: dict = {}
        self.addresses: dict = {}
        self.guests: dict = {}
        # customer id -> (delivery address id, id_country, lang, secure key)
        self.profile: dict = {}
        countries = [c for c, weight in _COUNTRY_MIX for _ in range(weight)]
        dates = _dates(rng, count)
        passwd = demo.fake_bcrypt("generated-customer")
        for cid in range(1, count + 1):
            first = _FIRST[cid % len(_FIRST)]
            last = _LAST[(cid // len(_FIRST)) % len(_LAST)]
            country = countries[rng.randrange(100)]
            lang = LANG_FR if country in (8, 3, 19) else LANG_EN
            key = demo.md5_hex(f"generated-{cid}")
            created = dates[cid - 1]
            guest = cid % 20 == 0
            self.customers[cid] = {
                "id_default_group": 2 if guest else 3,
                "id_lang": lang,
                "secure_key": key,
                "passwd": passwd,
                "lastname": last,
                "firstname": first,
                "email": f"{demo.link_rewrite(first)}.{last.lower()}.{cid}@example.com",
                "id_gender": 1 + cid % 2,
                "newsletter": "1" if cid % 3 == 0 else "0",
                "active": "1",
                "is_guest": "1" if guest else "0",
                "id_shop": 1,
                "id_shop_group": 1,
                "date_add": created,
                "date_upd": created,
                "associations": {"groups": [{"id": 2 if guest else 3}]},
            }
            self.guests[cid] = {"id_customer": cid, "accept_language": "fr"}
            aid = self._add_address(cid, first, last, country, created)
            self.profile[cid] = (aid, country, lang, key)

    def _add_address(
        self, cid: int, first: str, last: str, country: int, created: str
    ) -> int:
        aid = len(self.addresses) + 1
        postcode, city = _CITIES[cid % len(_CITIES)]
        self.addresses[aid] = {
            "id_customer": cid,
            "id_country": country,
            "id_state": demo.STATE_NY if country == demo.COUNTRY_US else 0,
            "alias": "Mon adresse",
            "lastname": last,
            "firstname": first,
            "address1": f"{1 + cid % 120} rue de la Paix",
            "postcode": "10014" if country == demo.COUNTRY_US else postcode,
            "city": "New York" if country == demo.COUNTRY_US else city,
            "phone_mobile": f"06 {cid % 100:02d} {cid // 100 % 100:02d} 00 00",
            "deleted": "0",
            "date_add": created,
            "date_upd": created,
        }
        return aid


class _Orders:
    """Carts, orders, order_details, order_histories and order_carriers."""

    def __init__(
        self, rng: random.Random, catalog: _Catalog, people: _People, base: dict
    ) -> None:
        self.rng = rng
        self.catalog = catalog
        self.people = people
        self.welcome = base["cart_rules"][demo.CART_RULE_WELCOME]
        self.tables: dict = {
            name: {}
            for name in ("carts", "orders", "order_details", "order_histories",
                         "order_carriers", "order_cart_rules")
        }  # fmt: skip
        self.states = [h for weight, h in _STATE_MIX for _ in range(weight)]

    def build(self, count: int) -> dict:
        if not self.catalog.sellable or not self.people.customers:
            return self.tables
        for oid, instant in enumerate(_seconds(self.rng, count), start=1):
            self._add_order(oid, instant)
        return self.tables

    def _pick_lines(self) -> list[tuple]:
        rng = self.rng
        sellable = self.catalog.sellable
        lines = []
        for _ in range(1 + int(rng.random() ** 2 * 4)):
            pid, price, group, ref, ean, variants = sellable[
                rng.randrange(len(sellable))
            ]
            qty = 1 + int(rng.random() ** 3 * 3)
            if variants:
                cid, impact, ref, ean, size, color = variants[
                    rng.randrange(len(variants))
                ]
                lines.append(
                    (pid, cid, price + impact, group, ref, ean, qty, size, color)
                )
            else:
                lines.append((pid, 0, price, group, ref, ean, qty, 0, 0))
        return lines

    def _add_order(self, oid: int, instant: int) -> None:
        rng = self.rng
        cid = 1 + rng.randrange(len(self.people.customers))
        aid, country, lang, key = self.people.profile[cid]
        carrier = CARRIER_CHRONOPOST if rng.random() < 0.15 else CARRIER_COLISSIMO
        history = self.states[rng.randrange(100)]
        state = history[-1]
        lines = self._pick_lines()
        priced = [
            demo.PricedLine(unit, qty, rate_for(group, country))
            for _pid, _cid, unit, group, _ref, _ean, qty, _s, _c in lines
        ]
        discount = oid % 20 == 0
        totals = compute_totals(
            priced,
            shipping_excl=CARRIER_SHIPPING_EXCL[carrier],
            carrier_rate_milli=rate_for(TAX_GROUP_20, country),
            discount_percent_milli=10_000 if discount else 0,
        )
        rows = self._add_details(oid, lines, priced, lang)
        stamps = [_date(instant + 72_000 * i) for i in range(len(history))]
        date = stamps[0]
        self.tables["carts"][oid] = self._cart(oid, cid, aid, carrier, lang, key,
                                               date, lines)  # fmt: skip
        order = {
            "id_address_delivery": aid,
            "id_address_invoice": aid,
            "id_cart": oid,
            "id_currency": 1,
            "id_lang": lang,
            "id_customer": cid,
            "id_carrier": carrier,
            "current_state": state,
            "module": "ps_wirepayment" if history[0] == 10 else "stripe_official",
            "valid": "1" if state in _PAID_STATES else "0",
            "date_add": date,
            "date_upd": stamps[-1],
            "shipping_number": f"6A{oid:011d}" if 4 in history else "",
            "id_shop_group": 1,
            "id_shop": 1,
            "secure_key": key,
            "payment": "Virement bancaire" if history[0] == 10 else "Carte bancaire",
            "gift": "0",
            **order_total_fields(totals, any(s in _PAID_STATES for s in history)),
            "round_mode": 2,
            "round_type": 2,
            "conversion_rate": "1.000000",
            "reference": order_reference(oid),
            "associations": {"order_rows": rows},
        }
        self.tables["orders"][oid] = order
        self._add_satellites(oid, carrier, history, stamps, totals, lines, discount,
                             lang, order["shipping_number"])  # fmt: skip

    def _add_details(self, oid: int, lines: list, priced: list, lang: int) -> list:
        details = self.tables["order_details"]
        products = self.catalog.products
        rows = []
        for line, p in zip(lines, priced):
            pid, attr, unit, group, ref, ean, qty, size, color = line
            did = len(details) + 1
            name = products[pid]["name"][lang]
            if attr:
                name = self.catalog.line_name(name, size, color, lang)
            unit_excl, unit_incl = money(unit), money(p.unit_incl)
            details[did] = {
                "id_order": oid,
                "product_id": pid,
                "product_attribute_id": attr,
                "id_shop": 1,
                "product_name": name,
                "product_quantity": qty,
                "product_quantity_in_stock": qty,
                "product_price": unit_excl,
                "product_ean13": ean,
                "product_reference": ref,
                "id_tax_rules_group": group,
                "unit_price_tax_incl": unit_incl,
                "unit_price_tax_excl": unit_excl,
                "total_price_tax_incl": money(p.total_incl),
                "total_price_tax_excl": money(p.total_excl),
                "original_product_price": unit_excl,
                "associations": {"taxes": [{"id": group}] if p.rate_milli else []},
            }
            rows.append({
                "id": did, "product_id": pid, "product_attribute_id": attr,
                "product_quantity": qty, "product_name": name,
                "product_reference": ref, "product_ean13": ean, "product_isbn": "",
                "product_upc": "", "product_price": unit_excl, "id_customization": 0,
                "unit_price_tax_incl": unit_incl, "unit_price_tax_excl": unit_excl,
            })  # fmt: skip
        return rows

    def _cart(self, oid, cid, aid, carrier, lang, key, date, lines) -> dict:
        return {
            "id_address_delivery": aid,
            "id_address_invoice": aid,
            "id_currency": 1,
            "id_customer": cid,
            "id_guest": cid,
            "id_lang": lang,
            "id_shop_group": 1,
            "id_shop": 1,
            "id_carrier": carrier,
            "delivery_option": f'{{"{aid}":"{carrier},"}}',
            "secure_key": key,
            "date_add": date,
            "date_upd": date,
            "associations": {
                "cart_rows": [
                    {"id_product": line[0], "id_product_attribute": line[1],
                     "id_address_delivery": aid, "id_customization": 0,
                     "quantity": line[6]}
                    for line in lines
                ]
            },
        }  # fmt: skip

    def _add_satellites(
        self, oid, carrier, history, stamps, totals, lines, discount, lang, tracking
    ) -> None:
        histories = self.tables["order_histories"]
        for state, stamp in zip(history, stamps):
            histories[len(histories) + 1] = {
                "id_employee": 0,
                "id_order_state": state,
                "id_order": oid,
                "date_add": stamp,
            }
        weight = sum(
            float(self.catalog.products[line[0]]["weight"]) * line[6] for line in lines
        )
        carriers = self.tables["order_carriers"]
        carriers[len(carriers) + 1] = {
            "id_order": oid,
            "id_carrier": carrier,
            "weight": f"{weight:.6f}",
            "shipping_cost_tax_excl": money(totals.shipping_excl),
            "shipping_cost_tax_incl": money(totals.shipping_incl),
            "tracking_number": tracking,
            "date_add": stamps[0],
        }
        if discount:
            rules = self.tables["order_cart_rules"]
            rules[len(rules) + 1] = {
                "id_order": oid,
                "id_cart_rule": demo.CART_RULE_WELCOME,
                "name": self.welcome["name"][lang],
                "value": money(totals.discounts_incl),
                "value_tax_excl": money(totals.discounts_excl),
                "free_shipping": "0",
                "deleted": "0",
            }


__all__ = ["add_tax", "build_large"]
