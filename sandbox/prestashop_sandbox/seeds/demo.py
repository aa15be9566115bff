"""The project's own demo shop, "Maison Lumière", as a sandbox seed.

A small French home-goods and fashion shop with two languages (1 = en, 2 = fr),
the euro (and the Swiss franc, id 2, at 0.94), French VAT and a handful of
orders that cover the cases a connector must import correctly (several tax
rates, combinations, discounts, gift wrapping, a guest, a B2B group price,
shipped / unpaid / cancelled orders, an order in Swiss francs (11), one
rounded per item (12), a gift cart rule (13)).

Every amount is computed here from the catalogue with PrestaShop's default
rounding (``PS_PRICE_ROUND_MODE`` = 2, half up; ``PS_ROUND_TYPE`` = 2, per
line; order 12: ``round_type`` 1, per item), in integer micro-units of the
order's currency, so the order totals are right to the cent by construction:
the connector's order import checks them against PrestaShop.

The texts, names, references and amounts are written for this project; none
of them come from a real shop.

Record format (shared with the store): ``{resource: {id: record}}``; scalars are
``str``/``int``/``float``/``None`` with booleans as 0/1, multilanguage fields
are ``{lang_id: text}`` and ``"associations"`` maps an association name to a
list of small dicts. Every record is a fresh dict: the store may mutate them.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass, field

LANG_EN = 1
LANG_FR = 2
CURRENCY_EUR = 1
CURRENCY_CHF = 2
#: Currency.conversion_rate of the franc (francs per euro) in millionths.
CHF_RATE_MICROS = 940_000
# Order::ROUND_ITEM, ROUND_LINE, ROUND_TOTAL (PS_ROUND_TYPE, orders.round_type).
ROUND_ITEM, ROUND_LINE, ROUND_TOTAL = 1, 2, 3
COUNTRY_FR = 8
SHOP_ID = 1
SHOP_GROUP_ID = 1
ZERO_DATE = "0000-00-00 00:00:00"
ZERO_DAY = "0000-00-00"
SHOP_CREATED = "2026-09-01 09:00:00"

GROUP_VISITOR, GROUP_GUEST, GROUP_CUSTOMER, GROUP_PRO = 1, 2, 3, 4
TAX_GROUP_20, TAX_GROUP_10, TAX_GROUP_5_5, TAX_GROUP_2_1 = 1, 2, 3, 4

# Order state ids of a standard PrestaShop install (PS_OS_* configuration).
OS_CHEQUE, OS_PAYMENT, OS_PREPARATION, OS_SHIPPING, OS_DELIVERED = 1, 2, 3, 4, 5
OS_CANCELED, OS_REFUND, OS_ERROR, OS_OUTOFSTOCK_PAID, OS_BANKWIRE = 6, 7, 8, 9, 10
OS_WS_PAYMENT, OS_OUTOFSTOCK_UNPAID, OS_COD = 11, 12, 13

CARRIER_COLISSIMO_OLD = 1
CARRIER_CHRONOPOST = 2
CARRIER_COLISSIMO = 3

GIFT_WRAPPING_EXCL_MICROS = 2_500_000


# ---------------------------------------------------------------------------
# Pricing: integer arithmetic, half-up, as PrestaShop's ROUND_LINE does it.
# Amounts are micro-euros (6 decimals, PrestaShop's storage precision) and tax
# rates are thousandths of a percent (20 % = 20_000), so nothing drifts.
# ---------------------------------------------------------------------------


def div_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half up (amounts here are never negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


def to_cents_micros(micros: int) -> int:
    """Round a micro-euro amount to the cent, keeping micro-euro units."""
    return div_half_up(micros, 10_000) * 10_000


def add_tax(excl_micros: int, rate_milli: int) -> int:
    """Tax-included unit price kept at 6 decimals, as Product::getPriceStatic."""
    return div_half_up(excl_micros * (100_000 + rate_milli), 100_000)


def remove_tax(incl_micros: int, rate_milli: int) -> int:
    """Tax-excluded price (6 decimals) whose tax-included price is incl."""
    return div_half_up(incl_micros * 100_000, 100_000 + rate_milli)


def apply_percent(micros: int, percent_milli: int) -> int:
    """Price after a percentage reduction, kept at 6 decimals."""
    return div_half_up(micros * (100_000 - percent_milli), 100_000)


def money(micros: int) -> str:
    """An amount as PrestaShop stores it: decimal(20,6) text, "84.000000"."""
    whole, frac = divmod(micros, 1_000_000)
    return f"{whole}.{frac:06d}"


def euros(text: str) -> int:
    """Parse '29.90' into micro-euros without float rounding."""
    whole, _, frac = text.partition(".")
    return int(whole) * 1_000_000 + int((frac + "000000")[:6])


def convert(micros: int, rate_micros: int) -> int:
    """An amount of the default currency in another one, kept at 6 decimals:
    Tools::convertPrice multiplies by the currency's conversion_rate."""
    return div_half_up(micros * rate_micros, 1_000_000)


@dataclass
class PricedLine:
    """One order line, all in micro-units of the order's currency.

    ``unit_incl`` defaults to ``add_tax(unit_excl)``; pass it when PrestaShop
    computes it from an unrounded price (a converted one).  The line totals
    follow ``round_type`` as Cart::applyProductCalculations: ROUND_LINE
    rounds unit x quantity to the cent, ROUND_ITEM rounds the unit price to
    the cent then multiplies (tax excluded and included separately),
    ROUND_TOTAL keeps unit x quantity unrounded.
    """

    unit_excl: int
    quantity: int
    rate_milli: int
    unit_incl: int = 0
    total_excl: int = 0
    total_incl: int = 0
    round_type: int = ROUND_LINE

    def __post_init__(self) -> None:
        if not self.unit_incl:
            self.unit_incl = add_tax(self.unit_excl, self.rate_milli)
        if self.round_type == ROUND_ITEM:
            self.total_excl = to_cents_micros(self.unit_excl) * self.quantity
            self.total_incl = to_cents_micros(self.unit_incl) * self.quantity
        elif self.round_type == ROUND_TOTAL:
            self.total_excl = self.unit_excl * self.quantity
            self.total_incl = self.unit_incl * self.quantity
        else:
            self.total_excl = to_cents_micros(self.unit_excl * self.quantity)
            self.total_incl = to_cents_micros(self.unit_incl * self.quantity)


@dataclass
class OrderTotals:
    """The totals PrestaShop stores on an order, derived from its lines."""

    products: int = 0
    products_wt: int = 0
    shipping_excl: int = 0
    shipping_incl: int = 0
    wrapping_excl: int = 0
    wrapping_incl: int = 0
    discounts_excl: int = 0
    discounts_incl: int = 0
    carrier_rate_milli: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def paid_excl(self) -> int:
        return (
            self.products
            + self.shipping_excl
            + self.wrapping_excl
            - self.discounts_excl
        )

    @property
    def paid_incl(self) -> int:
        return (
            self.products_wt
            + self.shipping_incl
            + self.wrapping_incl
            - self.discounts_incl
        )


def compute_totals(
    lines: list[PricedLine],
    shipping_excl: int,
    carrier_rate_milli: int,
    wrapping_excl: int = 0,
    wrapping_rate_milli: int = 0,
    discount_percent_milli: int = 0,
    free_shipping: bool = False,
    gift: PricedLine | None = None,
) -> OrderTotals:
    """Order totals from priced lines, shipping, wrapping and one cart rule.

    ``shipping_excl`` may have 6 decimals (a converted price): as
    Cart::getPackageShippingCost, both shipping totals are rounded to the
    cent from it, the tax-included one after the tax is added.  The product
    totals are the sums of the line totals, rounded to the cent (a no-op but
    for ROUND_TOTAL).  A percentage cart rule applies to the products only
    (PrestaShop's reduction on the order without shipping); a free-shipping
    rule adds the shipping cost to the discounts while the shipping stays on
    the order; a gift rule discounts one unit of the ``gift`` line
    (CartRuleCalculator: the row's initial unit price, each of tax excluded
    and included).
    """
    totals = OrderTotals(carrier_rate_milli=carrier_rate_milli)
    totals.products = to_cents_micros(sum(line.total_excl for line in lines))
    totals.products_wt = to_cents_micros(sum(line.total_incl for line in lines))
    totals.shipping_excl = to_cents_micros(shipping_excl)
    totals.shipping_incl = to_cents_micros(add_tax(shipping_excl, carrier_rate_milli))
    totals.wrapping_excl = wrapping_excl
    totals.wrapping_incl = to_cents_micros(add_tax(wrapping_excl, wrapping_rate_milli))
    if discount_percent_milli:
        totals.discounts_excl = to_cents_micros(
            div_half_up(totals.products * discount_percent_milli, 100_000)
        )
        totals.discounts_incl = to_cents_micros(
            div_half_up(totals.products_wt * discount_percent_milli, 100_000)
        )
    if free_shipping:
        totals.discounts_excl += totals.shipping_excl
        totals.discounts_incl += totals.shipping_incl
    if gift is not None:
        totals.discounts_excl += to_cents_micros(gift_unit(gift)[0])
        totals.discounts_incl += to_cents_micros(gift_unit(gift)[1])
    return totals


def gift_unit(line: PricedLine) -> tuple[int, int]:
    """(tax excluded, tax included) value of a gift: one unit of its line, as
    CartRow's initial unit price (rounded to the cent under ROUND_ITEM)."""
    if line.round_type == ROUND_ITEM:
        return to_cents_micros(line.unit_excl), to_cents_micros(line.unit_incl)
    return line.unit_excl, line.unit_incl


# ---------------------------------------------------------------------------
# Small deterministic helpers.
# ---------------------------------------------------------------------------


def ml(en: str, fr: str) -> dict[int, str]:
    """A multilanguage value: 1 = English, 2 = French."""
    return {LANG_EN: en, LANG_FR: fr}


def ean13(base12: str) -> str:
    """Append the GS1 check digit so that barcode validators accept it."""
    if len(base12) != 12 or not base12.isdigit():
        raise ValueError(f"need 12 digits, got {base12!r}")
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(base12))
    return base12 + str((10 - total % 10) % 10)


def ean13_is_valid(code: str) -> bool:
    """True for a 13-digit code whose last digit is its GS1 check digit."""
    return len(code) == 13 and code.isdigit() and ean13(code[:12]) == code


def md5_hex(seed: str) -> str:
    """A 32-hex key (secure_key, cart keys) that is stable across runs."""
    return hashlib.md5(seed.encode()).hexdigest()


_BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def fake_bcrypt(seed: str) -> str:
    """A string shaped like PrestaShop's bcrypt hash; it matches no password."""
    digest = hashlib.sha512(seed.encode()).digest()
    body = "".join(_BCRYPT_ALPHABET[b % 64] for b in digest[:53])
    return "$2y$10$" + body


def order_reference(number: int) -> str:
    """Nine upper-case letters, like Order::generateReference, but stable."""
    digest = hashlib.sha1(f"order-{number}".encode()).digest()
    return "".join(chr(65 + b % 26) for b in digest[:9])


def link_rewrite(text: str) -> str:
    """A URL slug the way PrestaShop builds link_rewrite (ASCII, dashes)."""
    table = str.maketrans("àâäçéèêëîïôöùûüÿœæ", "aaaceeeeiioouuuyoa")
    slug = []
    for char in text.lower().translate(table):
        slug.append(char if char.isascii() and char.isalnum() else "-")
    return "-".join(part for part in "".join(slug).split("-") if part)


# ---------------------------------------------------------------------------
# Shop structure and localisation.
# ---------------------------------------------------------------------------


def _shops(multishop: bool, shared_stock: bool = False) -> tuple[dict, dict]:
    groups = {
        SHOP_GROUP_ID: {
            "name": "Default",
            "color": "",
            "share_customer": 0,
            "share_order": 0,
            "share_stock": int(shared_stock),
            "active": 1,
            "deleted": 0,
        }
    }
    shops = {
        1: _shop("Maison Lumière", "#F4C95D"),
    }
    if multishop:
        shops[2] = _shop("Maison Lumière Outlet", "#7A8C99")
    return groups, shops


def _shop(name: str, color: str) -> dict:
    return {
        "id_shop_group": SHOP_GROUP_ID,
        "id_category": 2,
        "active": 1,
        "deleted": 0,
        "name": name,
        "color": color,
        "theme_name": "classic",
    }


def _shop_urls(multishop: bool) -> dict:
    urls = {1: _shop_url(1, "maison-lumiere.test")}
    if multishop:
        urls[2] = _shop_url(2, "outlet.maison-lumiere.test")
    return urls


def _shop_url(id_shop: int, domain: str) -> dict:
    return {
        "id_shop": id_shop,
        "active": 1,
        "main": 1,
        "domain": domain,
        "domain_ssl": domain,
        "physical_uri": "/",
        "virtual_uri": "",
    }


def _languages() -> dict:
    return {
        LANG_EN: {
            "name": "English (English)",
            "iso_code": "en",
            "locale": "en-US",
            "language_code": "en-us",
            "active": 1,
            "is_rtl": 0,
            "date_format_lite": "m/d/Y",
            "date_format_full": "m/d/Y H:i:s",
        },
        LANG_FR: {
            "name": "Français (French)",
            "iso_code": "fr",
            "locale": "fr-FR",
            "language_code": "fr-fr",
            "active": 1,
            "is_rtl": 0,
            "date_format_lite": "d/m/Y",
            "date_format_full": "d/m/Y H:i:s",
        },
    }


def _currencies() -> dict:
    return {
        CURRENCY_EUR: {
            "names": ml("Euro", "euro"),
            "name": "Euro",
            "symbol": ml("€", "€"),
            "iso_code": "EUR",
            "numeric_iso_code": "978",
            "precision": 2,
            "conversion_rate": 1.0,
            "deleted": 0,
            "active": 1,
            "unofficial": 0,
            "modified": 0,
            "pattern": ml("", ""),
        },
        # A second currency the shop accepts; its rate is francs per euro.
        CURRENCY_CHF: {
            "names": ml("Swiss Franc", "franc suisse"),
            "name": "Swiss Franc",
            "symbol": ml("CHF", "CHF"),
            "iso_code": "CHF",
            "numeric_iso_code": "756",
            "precision": 2,
            "conversion_rate": CHF_RATE_MICROS / 1_000_000,
            "deleted": 0,
            "active": 1,
            "unofficial": 0,
            "modified": 0,
            "pattern": ml("", ""),
        },
    }


ZONE_EUROPE, ZONE_NORTH_AMERICA, ZONE_EUROPE_NON_EU = 1, 2, 7


def _zones() -> dict:
    return {
        ZONE_EUROPE: {"name": "Europe", "active": 1},
        ZONE_NORTH_AMERICA: {"name": "North America", "active": 1},
        ZONE_EUROPE_NON_EU: {"name": "Europe (non-EU)", "active": 1},
    }


# id, iso, zone, call prefix, zip format, states?, active, en, fr.
# The ids are those of a standard PrestaShop install (France is 8).
_COUNTRIES = (
    (1, "DE", ZONE_EUROPE, 49, "NNNNN", 0, 1, "Germany", "Allemagne"),
    (3, "BE", ZONE_EUROPE, 32, "NNNN", 0, 1, "Belgium", "Belgique"),
    (6, "ES", ZONE_EUROPE, 34, "NNNNN", 0, 1, "Spain", "Espagne"),
    (8, "FR", ZONE_EUROPE, 33, "NNNNN", 0, 1, "France", "France"),
    (10, "IT", ZONE_EUROPE, 39, "NNNNN", 0, 1, "Italy", "Italie"),
    (12, "LU", ZONE_EUROPE, 352, "NNNN", 0, 1, "Luxembourg", "Luxembourg"),
    (13, "NL", ZONE_EUROPE, 31, "NNNN LL", 0, 1, "Netherlands", "Pays-Bas"),
    (17, "GB", ZONE_EUROPE_NON_EU, 44, "", 0, 1, "United Kingdom", "Royaume-Uni"),
    (19, "CH", ZONE_EUROPE_NON_EU, 41, "NNNN", 0, 1, "Switzerland", "Suisse"),
    (21, "US", ZONE_NORTH_AMERICA, 1, "NNNNN", 1, 1, "United States", "États-Unis"),
    (4, "CA", ZONE_NORTH_AMERICA, 1, "LNL NLN", 1, 0, "Canada", "Canada"),
)
EU_COUNTRIES = (1, 3, 6, 8, 10, 12, 13)
COUNTRY_BE, COUNTRY_US = 3, 21


def _countries() -> dict:
    countries = {}
    for cid, iso, zone, prefix, zip_fmt, states, active, en, fr in _COUNTRIES:
        countries[cid] = {
            "id_zone": zone,
            "id_currency": 0,
            "call_prefix": prefix,
            "iso_code": iso,
            "active": active,
            "contains_states": states,
            "need_identification_number": 0,
            "need_zip_code": 1 if zip_fmt else 0,
            "zip_code_format": zip_fmt,
            "display_tax_label": 1,
            "name": ml(en, fr),
        }
    return countries


STATE_NY = 3


def _states() -> dict:
    rows = ((1, "CA", "California"), (2, "FL", "Florida"), (3, "NY", "New York"))
    rows += ((4, "TX", "Texas"),)
    return {
        sid: {
            "id_zone": ZONE_NORTH_AMERICA,
            "id_country": COUNTRY_US,
            "iso_code": iso,
            "name": name,
            "active": 1,
        }
        for sid, iso, name in rows
    }


def _groups() -> dict:
    rows = (
        (GROUP_VISITOR, "Visitor", "Visiteur", 0),
        (GROUP_GUEST, "Guest", "Invité", 0),
        (GROUP_CUSTOMER, "Customer", "Client", 0),
        (GROUP_PRO, "Professionals", "Professionnels", 1),
    )
    return {
        gid: {
            # The B2B reduction is a group specific price (see
            # _specific_prices), so the group itself keeps 0 % and does not
            # stack a second reduction on top of it.
            "reduction": 0.0,
            "price_display_method": tax_excl,
            "show_prices": 1,
            "date_add": SHOP_CREATED,
            "date_upd": SHOP_CREATED,
            "name": ml(en, fr),
        }
        for gid, en, fr, tax_excl in rows
    }


def _configurations(multishop: bool) -> dict:
    values = (
        ("PS_SHOP_NAME", "Maison Lumière"),
        ("PS_SHOP_EMAIL", "bonjour@maison-lumiere.test"),
        ("PS_SHOP_DEFAULT", "1"),
        ("PS_LANG_DEFAULT", str(LANG_EN)),
        ("PS_CURRENCY_DEFAULT", str(CURRENCY_EUR)),
        ("PS_COUNTRY_DEFAULT", str(COUNTRY_FR)),
        ("PS_TIMEZONE", "Europe/Paris"),
        ("PS_CARRIER_DEFAULT", str(CARRIER_COLISSIMO)),
        ("PS_TAX", "1"),
        ("PS_PRICE_ROUND_MODE", "2"),
        ("PS_ROUND_TYPE", "2"),
        ("PS_WEIGHT_UNIT", "kg"),
        ("PS_STOCK_MANAGEMENT", "1"),
        ("PS_ORDER_OUT_OF_STOCK", "0"),
        ("PS_GIFT_WRAPPING", "1"),
        ("PS_GIFT_WRAPPING_PRICE", "2.5"),
        ("PS_GIFT_WRAPPING_TAX_RULES_GROUP", str(TAX_GROUP_20)),
        ("PS_UNIDENTIFIED_GROUP", str(GROUP_VISITOR)),
        ("PS_GUEST_GROUP", str(GROUP_GUEST)),
        ("PS_CUSTOMER_GROUP", str(GROUP_CUSTOMER)),
        ("PS_MULTISHOP_FEATURE_ACTIVE", "1" if multishop else "0"),
        ("PS_OS_CHEQUE", str(OS_CHEQUE)),
        ("PS_OS_PAYMENT", str(OS_PAYMENT)),
        ("PS_OS_PREPARATION", str(OS_PREPARATION)),
        ("PS_OS_SHIPPING", str(OS_SHIPPING)),
        ("PS_OS_DELIVERED", str(OS_DELIVERED)),
        ("PS_OS_CANCELED", str(OS_CANCELED)),
        ("PS_OS_REFUND", str(OS_REFUND)),
        ("PS_OS_ERROR", str(OS_ERROR)),
        ("PS_OS_OUTOFSTOCK", str(OS_OUTOFSTOCK_PAID)),
        ("PS_OS_BANKWIRE", str(OS_BANKWIRE)),
        ("PS_OS_WS_PAYMENT", str(OS_WS_PAYMENT)),
    )
    return {
        index: {
            "value": value,
            "name": name,
            "id_shop_group": "",
            "id_shop": "",
            "date_add": SHOP_CREATED,
            "date_upd": SHOP_CREATED,
        }
        for index, (name, value) in enumerate(values, start=1)
    }


# ---------------------------------------------------------------------------
# Taxes: French VAT. The shop sells below the EU distance-selling threshold, so
# French VAT also applies to the other EU countries; the rest of the world has
# no rule and pays no VAT (export).
# ---------------------------------------------------------------------------

# tax id = tax rules group id, rate in thousandths of a percent.
TAX_RATES_MILLI = {
    TAX_GROUP_20: 20_000,
    TAX_GROUP_10: 10_000,
    TAX_GROUP_5_5: 5_500,
    TAX_GROUP_2_1: 2_100,
}
_TAX_GROUP_NAMES = {
    TAX_GROUP_20: "FR Taux standard (20%)",
    TAX_GROUP_10: "FR Taux réduit (10%)",
    TAX_GROUP_5_5: "FR Taux réduit (5.5%)",
    TAX_GROUP_2_1: "FR Taux super réduit (2.1%)",
}


def rate_for(tax_group: int, id_country: int) -> int:
    """The VAT rate (thousandths of %) a tax rules group gives a country."""
    return TAX_RATES_MILLI[tax_group] if id_country in EU_COUNTRIES else 0


def _taxes() -> tuple[dict, dict, dict]:
    taxes, groups, rules = {}, {}, {}
    for tid, rate in TAX_RATES_MILLI.items():
        label = f"{rate / 1000:g}%"
        taxes[tid] = {
            "rate": rate / 1000,
            "active": 1,
            "deleted": 0,
            "name": ml(f"FR VAT {label}", f"TVA FR {label}"),
        }
        groups[tid] = {
            "name": _TAX_GROUP_NAMES[tid],
            "active": 1,
            "deleted": 0,
            "date_add": SHOP_CREATED,
            "date_upd": SHOP_CREATED,
        }
    for group_id in TAX_RATES_MILLI:
        for id_country in EU_COUNTRIES:
            rules[len(rules) + 1] = {
                "id_tax_rules_group": group_id,
                "id_state": 0,
                "id_country": id_country,
                "zipcode_from": "0",
                "zipcode_to": "0",
                "id_tax": group_id,
                "behavior": 0,
                "description": "",
            }
    return taxes, groups, rules


# ---------------------------------------------------------------------------
# Order states (the standard PrestaShop set and flags) and carriers.
# ---------------------------------------------------------------------------

# id: (en, fr, template, color, module, flags) with flags as the string
# "paid shipped delivery invoice logable send_email pdf_invoice pdf_delivery".
_ORDER_STATES = {
    1: (
        "Awaiting check payment",
        "En attente du paiement par chèque",
        "cheque",
        "#34209E",
        "ps_checkpayment",
        "00000100",
    ),
    2: ("Payment accepted", "Paiement accepté", "payment", "#3498D8", "", "10011110"),
    3: (
        "Processing in progress",
        "En cours de préparation",
        "preparation",
        "#3498D8",
        "",
        "10111100",
    ),
    4: ("Shipped", "Expédié", "shipped", "#01B887", "", "11111100"),
    5: ("Delivered", "Livré", "", "#01B887", "", "11111000"),
    6: ("Canceled", "Annulé", "order_canceled", "#2C3E50", "", "00000100"),
    7: ("Refunded", "Remboursé", "refund", "#01B887", "", "00010100"),
    8: (
        "Payment error",
        "Erreur de paiement",
        "payment_error",
        "#E74C3C",
        "",
        "00000100",
    ),
    9: (
        "On backorder (paid)",
        "En attente de réapprovisionnement (payé)",
        "outofstock",
        "#3498D8",
        "",
        "10010100",
    ),
    10: (
        "Awaiting bank wire payment",
        "En attente de virement bancaire",
        "bankwire",
        "#34209E",
        "ps_wirepayment",
        "00000100",
    ),
    11: (
        "Remote payment accepted",
        "Paiement à distance accepté",
        "payment",
        "#3498D8",
        "",
        "10011100",
    ),
    12: (
        "On backorder (not paid)",
        "En attente de réapprovisionnement (non payé)",
        "outofstock",
        "#34209E",
        "",
        "00000100",
    ),
    13: (
        "Awaiting Cash On Delivery validation",
        "En attente de validation du paiement à la livraison",
        "cashondelivery",
        "#34209E",
        "ps_cashondelivery",
        "00000000",
    ),
    14: (
        "Partial refund",
        "Remboursement partiel",
        "refund",
        "#01B887",
        "",
        "10010100",
    ),
}
_STATE_FLAGS = (
    "paid", "shipped", "delivery", "invoice", "logable", "send_email",
    "pdf_invoice", "pdf_delivery",
)  # fmt: skip


def _order_states() -> dict:
    states = {}
    for sid, (en, fr, template, color, module, flags) in _ORDER_STATES.items():
        record = {
            "unremovable": 1 if sid <= 13 else 0,
            "hidden": 0,
            "module_name": module,
            "color": color,
            "deleted": 0,
            "name": ml(en, fr),
            "template": ml(template, template),
        }
        record.update(zip(_STATE_FLAGS, (int(f) for f in flags)))
        states[sid] = record
    return states


def state_flag(states: dict, id_state: int, flag: str) -> bool:
    return bool(states[id_state][flag])


CARRIER_SHIPPING_EXCL = {
    CARRIER_COLISSIMO_OLD: euros("5.00"),
    CARRIER_CHRONOPOST: euros("12.00"),
    CARRIER_COLISSIMO: euros("5.75"),
}


def _carriers() -> dict:
    """Two live carriers plus the deleted copy PrestaShop keeps after an edit.

    Editing Colissimo (id 1) made PrestaShop copy it to id 3 with the same
    id_reference and flag id 1 deleted; old orders still point to id 1.
    """
    colissimo_delay = ("Delivery in 48-72 hours", "Livraison en 48-72 h")
    tracking = "https://www.laposte.fr/outils/suivre-vos-envois?code=@"
    return {
        CARRIER_COLISSIMO_OLD: _carrier(
            "Colissimo", 1, ml(*colissimo_delay), tracking, deleted=1, position=0
        ),
        CARRIER_CHRONOPOST: _carrier(
            "Chronopost Express",
            2,
            ml("Delivered tomorrow before 1 pm", "Livré demain avant 13 h"),
            "https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=@",
            deleted=0,
            position=1,
        ),
        CARRIER_COLISSIMO: _carrier(
            "Colissimo", 1, ml(*colissimo_delay), tracking, deleted=0, position=0
        ),
    }


def _carrier(
    name: str, reference: int, delay: dict, url: str, deleted: int, position: int
) -> dict:
    return {
        "deleted": deleted,
        "is_module": 0,
        "id_tax_rules_group": TAX_GROUP_20,
        "id_reference": reference,
        "name": name,
        "active": 1,
        "is_free": 0,
        "url": url,
        "shipping_handling": 0,
        "shipping_external": 0,
        "range_behavior": 0,
        "shipping_method": 2,
        "max_width": 0,
        "max_height": 0,
        "max_depth": 0,
        "max_weight": 30.0,
        "grade": 0,
        "external_module_name": "",
        "need_range": 0,
        "position": position,
        "delay": delay,
    }


# ---------------------------------------------------------------------------
# Catalogue.
# ---------------------------------------------------------------------------

# id: (parent, en, fr, description en, description fr)
_CATEGORIES = {
    1: (0, "Root", "Racine", "", ""),
    2: (1, "Home", "Accueil", "", ""),
    3: (2, "Home linen", "Linge de maison",
        "Washed linen and percale for the bedroom.",
        "Lin lavé et percale pour la chambre."),
    4: (3, "Sheets", "Draps",
        "Fitted and flat sheets, woven in Europe.",
        "Draps housses et draps plats tissés en Europe."),
    5: (2, "Decoration", "Décoration",
        "Objects that warm up a room.",
        "Des objets qui réchauffent une pièce."),
    6: (5, "Candles", "Bougies",
        "Vegetable-wax candles poured in Provence.",
        "Bougies en cire végétale coulées en Provence."),
    7: (2, "Clothing", "Vêtements",
        "Simple clothes in natural fibres.",
        "Des vêtements simples en fibres naturelles."),
    8: (7, "T-shirts", "T-shirts",
        "Organic cotton T-shirts.",
        "T-shirts en coton biologique."),
    9: (2, "Books and magazines", "Livres et magazines",
        "Reading for slow afternoons.",
        "De la lecture pour les après-midi tranquilles."),
}  # fmt: skip


def _categories(products: dict) -> dict:
    children: dict[int, list[int]] = {}
    for cid, (parent, *_rest) in _CATEGORIES.items():
        children.setdefault(parent, []).append(cid)
    members: dict[int, list[int]] = {cid: [] for cid in _CATEGORIES}
    for pid, product in products.items():
        for assoc in product["associations"]["categories"]:
            members[assoc["id"]].append(pid)
    categories = {}
    for cid, (parent, en, fr, desc_en, desc_fr) in _CATEGORIES.items():
        siblings = children.get(parent, [])
        categories[cid] = {
            "id_parent": parent,
            "level_depth": _depth(cid),
            "nb_products_recursive": len(_subtree_products(cid, children, members)),
            "active": 1,
            "id_shop_default": SHOP_ID,
            "is_root_category": 1 if cid == 2 else 0,
            "position": siblings.index(cid),
            "date_add": SHOP_CREATED,
            "date_upd": SHOP_CREATED,
            "name": ml(en, fr),
            "link_rewrite": ml(link_rewrite(en), link_rewrite(fr)),
            "description": ml(_para(desc_en), _para(desc_fr)),
            "additional_description": ml("", ""),
            "meta_title": ml(en if cid > 2 else "", fr if cid > 2 else ""),
            "meta_description": ml(desc_en, desc_fr),
            "meta_keywords": ml("", ""),
            "associations": {
                "categories": [{"id": c} for c in children.get(cid, [])],
                "products": [{"id": p} for p in members[cid]],
            },
        }
    return categories


def _depth(cid: int) -> int:
    depth = 0
    while _CATEGORIES[cid][0]:
        cid = _CATEGORIES[cid][0]
        depth += 1
    return depth


def _subtree_products(cid: int, children: dict, members: dict) -> set[int]:
    found = set(members[cid])
    for child in children.get(cid, []):
        found |= _subtree_products(child, children, members)
    return found


def _para(text: str) -> str:
    return f"<p>{text}</p>" if text else ""


def _manufacturers() -> dict:
    rows = (
        (1, "Atelier Lin & Co", "atelier-lin-co",
         "A family weaving mill working European flax since 1962.",
         "Un tissage familial qui travaille le lin européen depuis 1962."),
        (2, "Cire de Provence", "cire-de-provence",
         "Candle makers pouring soy and rapeseed wax by hand.",
         "Des ciriers qui coulent à la main la cire de soja et de colza."),
    )  # fmt: skip
    return {
        mid: {
            "active": 1,
            "link_rewrite": slug,
            "name": name,
            "date_add": SHOP_CREATED,
            "date_upd": SHOP_CREATED,
            "description": ml(_para(en), _para(fr)),
            "short_description": ml(en, fr),
            "meta_title": ml(name, name),
            "meta_description": ml("", ""),
            "meta_keywords": ml("", ""),
            "associations": {"addresses": []},
        }
        for mid, name, slug, en, fr in rows
    }


def _suppliers() -> dict:
    return {
        1: {
            "link_rewrite": "textiles-du-nord",
            "name": "Textiles du Nord SARL",
            "active": 1,
            "date_add": SHOP_CREATED,
            "date_upd": SHOP_CREATED,
            "description": ml(
                "<p>Textile wholesaler in Roubaix.</p>",
                "<p>Grossiste textile à Roubaix.</p>",
            ),
            "meta_title": ml("", ""),
            "meta_description": ml("", ""),
            "meta_keywords": ml("", ""),
        }
    }


FEATURE_MATERIAL, FEATURE_ORIGIN = 1, 2
_FEATURE_VALUES = {
    1: (FEATURE_MATERIAL, "Linen", "Lin"),
    2: (FEATURE_MATERIAL, "Organic cotton", "Coton biologique"),
    3: (FEATURE_MATERIAL, "Soy wax", "Cire de soja"),
    4: (FEATURE_MATERIAL, "Merino wool", "Laine mérinos"),
    5: (FEATURE_ORIGIN, "Made in France", "Fabriqué en France"),
    6: (FEATURE_ORIGIN, "Made in Portugal", "Fabriqué au Portugal"),
}


def _features() -> tuple[dict, dict]:
    features = {
        FEATURE_MATERIAL: {"position": 0, "name": ml("Material", "Matière")},
        FEATURE_ORIGIN: {"position": 1, "name": ml("Origin", "Origine")},
    }
    values = {
        vid: {"id_feature": fid, "custom": 0, "value": ml(en, fr)}
        for vid, (fid, en, fr) in _FEATURE_VALUES.items()
    }
    return features, values


OPTION_SIZE, OPTION_COLOR, OPTION_DIMENSIONS = 1, 2, 3
_OPTIONS = {
    OPTION_SIZE: ("select", 0, "Size", "Taille"),
    OPTION_COLOR: ("color", 1, "Color", "Couleur"),
    OPTION_DIMENSIONS: ("select", 0, "Dimensions", "Dimensions"),
}
# id: (option, en, fr, color hex)
_OPTION_VALUES = {
    1: (OPTION_SIZE, "S", "S", ""),
    2: (OPTION_SIZE, "M", "M", ""),
    3: (OPTION_SIZE, "L", "L", ""),
    4: (OPTION_SIZE, "XL", "XL", ""),
    5: (OPTION_COLOR, "White", "Blanc", "#F7F5EF"),
    6: (OPTION_COLOR, "Blue", "Bleu", "#2F5D8A"),
    7: (OPTION_COLOR, "Grey", "Gris", "#9A9A9A"),
    8: (OPTION_DIMENSIONS, "140 x 190 cm", "140 x 190 cm", ""),
    9: (OPTION_DIMENSIONS, "160 x 200 cm", "160 x 200 cm", ""),
}
S, M, L, XL, WHITE, BLUE, GREY, D140, D160 = range(1, 10)


def _options() -> tuple[dict, dict]:
    options = {}
    for oid, (group_type, is_color, en, fr) in _OPTIONS.items():
        options[oid] = {
            "is_color_group": is_color,
            "group_type": group_type,
            "position": oid - 1,
            "name": ml(en, fr),
            "public_name": ml(en, fr),
            "associations": {
                "product_option_values": [
                    {"id": vid} for vid, row in _OPTION_VALUES.items() if row[0] == oid
                ]
            },
        }
    values = {}
    for vid, (oid, en, fr, color) in _OPTION_VALUES.items():
        position = sum(
            1 for v, row in _OPTION_VALUES.items() if row[0] == oid and v < vid
        )
        values[vid] = {
            "id_attribute_group": oid,
            "color": color,
            "position": position,
            "name": ml(en, fr),
        }
    return options, values


@dataclass
class ProductSpec:
    """What the shop owner typed in; every stored field derives from it."""

    id: int
    reference: str
    category: int
    tax_group: int
    price_incl: str
    wholesale: str
    weight: str
    manufacturer: int
    supplier: int
    name: tuple[str, str]
    short: tuple[str, str]
    description: tuple[str, str]
    features: tuple[int, ...]
    stock: int = 0
    # (option values, price impact incl. tax, weight impact, stock)
    combinations: tuple = ()
    active: int = 1
    isbn: str = ""
    extra_categories: tuple[int, ...] = ()
    # The tax-excluded price, when the owner typed that one (price_incl "").
    price_excl: str = ""


_PRODUCTS = (
    ProductSpec(
        1, "ML-DRAP-001", 4, TAX_GROUP_20, "74.90", "28.00", "1.1", 1, 1,
        ("Washed linen fitted sheet", "Drap housse en lin lavé"),
        ("Stone-washed French flax, deep 30 cm pocket.",
         "Lin français lavé à la pierre, bonnet de 30 cm."),
        ("Soft from the first night and softer after each wash.",
         "Doux dès la première nuit et encore plus après chaque lavage."),
        (1, 5),
        combinations=(
            ((D140, WHITE), "0.00", "0", 12),
            ((D140, GREY), "0.00", "0", 9),
            ((D160, WHITE), "10.00", "0.2", 7),
            ((D160, GREY), "10.00", "0.2", 6),
        ),
        extra_categories=(3,),
    ),
    ProductSpec(
        2, "ML-HOUSSE-002", 3, TAX_GROUP_20, "89.00", "33.50", "1.4", 1, 1,
        ("Percale duvet cover 240 x 220", "Housse de couette en percale 240 x 220"),
        ("80-thread organic cotton percale.", "Percale de coton bio 80 fils."),
        ("Crisp and cool, ideal for summer nights.",
         "Nette et fraîche, idéale pour les nuits d'été."),
        (2, 6),
        stock=14,
    ),
    ProductSpec(
        3, "ML-TAIE-003", 3, TAX_GROUP_20, "34.90", "11.20", "0.45", 1, 1,
        ("Linen pillowcases (set of 2)", "Taies d'oreiller en lin (lot de 2)"),
        ("Two 65 x 65 cm pillowcases.", "Deux taies de 65 x 65 cm."),
        ("Envelope closure, no buttons.", "Fermeture portefeuille, sans boutons."),
        (1, 5),
        stock=30,
    ),
    ProductSpec(
        4, "ML-PLAID-004", 5, TAX_GROUP_20, "119.00", "46.00", "1.2", 1, 0,
        ("Merino wool throw", "Plaid en laine mérinos"),
        ("130 x 170 cm, fringed edges.", "130 x 170 cm, bords frangés."),
        ("Warm without weight, for the sofa or the end of the bed.",
         "Chaud sans être lourd, pour le canapé ou le bout du lit."),
        (4, 6),
        stock=20,
    ),
    ProductSpec(
        5, "ML-BOUG-005", 6, TAX_GROUP_20, "24.90", "6.40", "0.35", 2, 0,
        ("Fig tree scented candle", "Bougie parfumée Figuier"),
        ("40 hours of burning, cotton wick.", "40 heures de combustion, mèche coton."),
        ("Green fig leaves and a touch of cedar.",
         "Feuilles de figuier vert et une touche de cèdre."),
        (3, 5),
        stock=40,
    ),
    ProductSpec(
        6, "ML-BOUG-006", 6, TAX_GROUP_20, "19.90", "4.80", "0.25", 2, 0,
        ("Winter Light candle", "Bougie Lumière d'hiver"),
        ("Orange peel, clove and cinnamon.",
         "Écorce d'orange, clou de girofle, cannelle."),
        ("Three sizes, all poured by hand.",
         "Trois tailles, toutes coulées à la main."),
        (3, 5),
        combinations=(
            ((S,), "0.00", "0", 25),
            ((M,), "5.00", "0.15", 18),
            ((L,), "12.00", "0.4", 10),
        ),
    ),
    ProductSpec(
        7, "ML-VASE-007", 5, TAX_GROUP_20, "45.00", "15.00", "0.9", 0, 0,
        ("Glazed stoneware vase", "Vase en grès émaillé"),
        ("Height 24 cm, thrown on the wheel.", "Hauteur 24 cm, tourné à la main."),
        ("Each glaze is slightly different.", "Chaque émail est légèrement différent."),
        (5,),
        stock=8,
    ),
    ProductSpec(
        8, "ML-TSH-008", 8, TAX_GROUP_20, "29.90", "7.90", "0.18", 0, 1,
        ("Lumière organic cotton T-shirt", "T-shirt en coton bio Lumière"),
        ("Straight cut, 180 g/m² jersey.", "Coupe droite, jersey 180 g/m²."),
        ("Dyed and sewn in Portugal.", "Teint et cousu au Portugal."),
        (2, 6),
        combinations=(
            ((S, WHITE), "0.00", "0", 10),
            ((M, WHITE), "0.00", "0", 15),
            ((L, WHITE), "0.00", "0", 12),
            ((XL, WHITE), "2.00", "0.02", 6),
            ((S, BLUE), "0.00", "0", 8),
            ((M, BLUE), "0.00", "0", 14),
            ((L, BLUE), "0.00", "0", 11),
            ((XL, BLUE), "2.00", "0.02", 5),
        ),
        extra_categories=(7,),
    ),
    ProductSpec(
        9, "ML-TSH-009", 8, TAX_GROUP_20, "39.00", "11.50", "0.22", 0, 1,
        ("Breton striped T-shirt", "T-shirt rayé marinière"),
        ("Navy and ecru stripes, boat neck.", "Rayures marine et écru, col bateau."),
        ("The timeless stripe, in heavy cotton.",
         "La rayure intemporelle, en coton épais."),
        (2, 5),
        combinations=(
            ((S,), "0.00", "0", 6),
            ((M,), "0.00", "0", 9),
            ((L,), "0.00", "0", 7),
        ),
        extra_categories=(7,),
    ),
    ProductSpec(
        10, "ML-TAB-010", 7, TAX_GROUP_20, "32.00", "9.60", "0.3", 1, 1,
        ("Linen apron", "Tablier en lin"),
        ("Adjustable strap, front pocket.", "Lanière réglable, poche ventrale."),
        ("For the kitchen or the workshop.", "Pour la cuisine ou l'atelier."),
        (1, 5),
        combinations=(
            ((WHITE,), "0.00", "0", 9),
            ((GREY,), "0.00", "0", 11),
            ((BLUE,), "0.00", "0", 4),
        ),
    ),
    ProductSpec(
        11, "ML-LIVRE-011", 9, TAX_GROUP_5_5, "28.00", "16.80", "0.75", 0, 0,
        ("Book: The Art of Hosting", "Livre : L'art de recevoir"),
        ("160 pages of table settings and recipes.",
         "160 pages d'arts de la table et de recettes."),
        ("Written by the Maison Lumière team.",
         "Écrit par l'équipe de Maison Lumière."),
        (),
        stock=25,
        isbn="978291234567",
    ),
    ProductSpec(
        12, "ML-BOIS-012", 5, TAX_GROUP_10, "15.40", "5.00", "3.0", 0, 0,
        ("Kindling wood basket", "Panier de bois d'allumage"),
        ("3 kg of dry beech kindling in a wicker basket.",
         "3 kg de petit bois de hêtre sec dans un panier en osier."),
        ("Lights the fire without firelighters.", "Allume le feu sans allume-feu."),
        (5,),
        stock=16,
    ),
    ProductSpec(
        13, "ML-MAG-013", 9, TAX_GROUP_2_1, "6.90", "3.10", "0.2", 0, 0,
        ("Maison Lumière magazine, issue 12", "Magazine Maison Lumière n°12"),
        ("Our seasonal magazine: winter issue.",
         "Notre magazine de saison : numéro d'hiver."),
        ("Interiors, crafts and a few recipes.",
         "Intérieurs, artisanat et quelques recettes."),
        (),
        stock=50,
    ),
    ProductSpec(
        14, "ML-COUS-014", 5, TAX_GROUP_20, "39.90", "12.00", "0.5", 0, 1,
        ("Corduroy velvet cushion", "Coussin en velours côtelé"),
        ("45 x 45 cm, feather filling.", "45 x 45 cm, garnissage plumes."),
        ("Discontinued: no longer sold.", "Retiré de la vente."),
        (2,),
        stock=3,
        active=0,
    ),
    # Priced tax excluded: 8.49 + 20 % = 10.188, not a whole number of cents.
    ProductSpec(
        15, "ML-BOUG-015", 6, TAX_GROUP_20, "", "3.20", "0.3", 2, 0,
        ("Soy wax tealights (box of 12)", "Bougies chauffe-plat (boîte de 12)"),
        ("Four hours each, in recyclable aluminium cups.",
         "Quatre heures chacune, en coupelles d'aluminium recyclable."),
        ("Unscented, for table lanterns and tea warmers.",
         "Sans parfum, pour les photophores et les chauffe-théières."),
        (3, 5),
        stock=60,
        price_excl="8.49",
    ),
)  # fmt: skip
#: Products 1-14 were in the shop's first catalogue: their stock rows come
#: first for every shop, so a later product does not renumber them.
FIRST_CATALOGUE = 14

EAN_PREFIX = "3770012"  # a made-up GS1 France company prefix

#: Pictures: ``(id_product, id_image, RGB, option value)``.  The fitted sheet
#: has a cover, then one picture per colour that both sizes of the colour
#: show (a combination's ``associations.images``, PrestaShop's
#: ``product_attribute_image``): as in PrestaShop's own demo, where the
#: combinations of a product share its pictures.  Ids follow the order.
_PICTURES = (
    (1, 1, (214, 204, 186), None),  # the cover: no combination shows it
    (1, 2, (247, 246, 240), WHITE),
    (1, 3, (146, 146, 150), GREY),
)


def png(rgb: tuple[int, int, int], size: int = 8) -> bytes:
    """A plain ``size`` x ``size`` PNG of one colour (deterministic)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


@dataclass
class Catalog:
    """Products with the lookups the order builder needs."""

    products: dict
    combinations: dict
    stock_availables: dict
    # (id_product, id_product_attribute) -> stock row id, for shop 1
    stock_index: dict
    # id_product_attribute -> list of option value ids
    combination_values: dict
    # (id_product, id_image) -> picture bytes (the seed's ``_images``)
    images: dict = field(default_factory=dict)


def _product_record(spec: ProductSpec, created: str) -> dict:
    rate = TAX_RATES_MILLI[spec.tax_group]
    name_en, name_fr = spec.name
    has_combinations = bool(spec.combinations)
    if spec.isbn:
        ean = ean13(spec.isbn)
    elif has_combinations:
        ean = ""  # the barcodes are on the combinations
    else:
        ean = ean13(f"{EAN_PREFIX}{spec.id:03d}00")
    return {
        "id_manufacturer": spec.manufacturer,
        "id_supplier": spec.supplier,
        "id_category_default": spec.category,
        "new": None,
        "cache_default_attribute": 0,
        "id_default_image": 0,
        "id_default_combination": 0,
        "id_tax_rules_group": spec.tax_group,
        "position_in_category": 0,
        "manufacturer_name": "",
        "quantity": 0,
        "type": "simple",
        "id_shop_default": SHOP_ID,
        "reference": spec.reference,
        "supplier_reference": f"TDN-{spec.id:04d}" if spec.supplier else "",
        "location": "",
        "width": 0.0,
        "height": 0.0,
        "depth": 0.0,
        "weight": float(spec.weight),
        "quantity_discount": 0,
        "ean13": ean,
        "isbn": _hyphenate_isbn(ean) if spec.isbn else "",
        "upc": "",
        "mpn": "",
        "cache_is_pack": 0,
        "cache_has_attachments": 0,
        "is_virtual": 0,
        "state": 1,
        "additional_delivery_times": 1,
        "delivery_in_stock": ml("", ""),
        "delivery_out_stock": ml("", ""),
        "product_type": "combinations" if has_combinations else "standard",
        "on_sale": 0,
        "online_only": 0,
        "ecotax": 0.0,
        "minimal_quantity": 1,
        "low_stock_threshold": 0,
        "low_stock_alert": 0,
        "price": money(
            euros(spec.price_excl)
            if spec.price_excl
            else remove_tax(euros(spec.price_incl), rate)
        ),
        "wholesale_price": money(euros(spec.wholesale)),
        "unity": "",
        "unit_price": 0.0,
        "unit_price_ratio": 0.0,
        "additional_shipping_cost": 0.0,
        "customizable": 0,
        "text_fields": 0,
        "uploadable_files": 0,
        "active": spec.active,
        "redirect_type": "default" if spec.active else "301-category",
        "id_type_redirected": 0,
        "available_for_order": spec.active,
        "available_date": ZERO_DAY,
        "show_condition": 0,
        "condition": "new",
        "show_price": 1,
        "indexed": 1,
        "visibility": "both" if spec.active else "none",
        "advanced_stock_management": 0,
        "date_add": created,
        "date_upd": created,
        "pack_stock_type": 3,
        "meta_description": ml(*spec.short),
        "meta_keywords": ml("", ""),
        "meta_title": ml(f"{name_en} | Maison Lumière", f"{name_fr} | Maison Lumière"),
        "link_rewrite": ml(link_rewrite(name_en), link_rewrite(name_fr)),
        "name": ml(name_en, name_fr),
        "description": ml(_para(spec.description[0]), _para(spec.description[1])),
        "description_short": ml(_para(spec.short[0]), _para(spec.short[1])),
        "available_now": ml("In stock", "En stock"),
        "available_later": ml("Back soon", "Bientôt de retour"),
        "associations": {
            "categories": [
                {"id": c} for c in sorted({2, spec.category, *spec.extra_categories})
            ],
            "images": [],
            "combinations": [],
            "product_option_values": [],
            "product_features": [
                {"id": _FEATURE_VALUES[v][0], "id_feature_value": v}
                for v in spec.features
            ],
            "tags": [],
            "stock_availables": [],
            "attachments": [],
            "accessories": [],
            "product_bundle": [],
        },
    }


def _hyphenate_isbn(isbn13: str) -> str:
    """978-2-912345-67-5: prefix, group, registrant + title, check digit."""
    return f"{isbn13[:3]}-{isbn13[3]}-{isbn13[4:10]}-{isbn13[10:12]}-{isbn13[12]}"


def _value_code(value_id: int) -> str:
    """Short reference suffix of an option value: M, BLEU, 160."""
    return link_rewrite(_OPTION_VALUES[value_id][2]).split("-")[0].upper()


def _combination_record(spec: ProductSpec, index: int, row: tuple) -> dict:
    values, impact_incl, weight, _stock = row
    rate = TAX_RATES_MILLI[spec.tax_group]
    suffix = "-".join(_value_code(v) for v in values)
    return {
        "id_product": spec.id,
        "ean13": ean13(f"{EAN_PREFIX}{spec.id:03d}{index:02d}"),
        "isbn": "",
        "upc": "",
        "mpn": "",
        "reference": f"{spec.reference}-{suffix}",
        "supplier_reference": "",
        "wholesale_price": 0.0,
        "price": money(remove_tax(euros(impact_incl), rate)),
        "ecotax": 0.0,
        "weight": float(weight),
        "unit_price_impact": 0.0,
        "minimal_quantity": 1,
        "low_stock_threshold": 0,
        "low_stock_alert": 0,
        "default_on": 1 if index == 1 else "",
        "available_date": ZERO_DAY,
        "available_now": ml("", ""),
        "available_later": ml("", ""),
        "associations": {
            "product_option_values": [{"id": v} for v in values],
            "images": [],
        },
    }


def _stock_record(
    id_product: int, id_attribute: int, quantity: int, shop: int, group: int = 0
) -> dict:
    """A stock_availables row.  As ``StockAvailable::addSqlShopParams``: a
    shop group that shares its stock owns the rows (``id_shop`` 0,
    ``id_shop_group`` the group); otherwise each shop owns its own
    (``id_shop`` the shop, ``id_shop_group`` 0)."""
    return {
        "id_product": id_product,
        "id_product_attribute": id_attribute,
        "id_shop": 0 if group else shop,
        "id_shop_group": group,
        "quantity": quantity,
        "depends_on_stock": 0,
        "out_of_stock": 2,
        "location": "",
    }


def _catalog(multishop: bool, shared_stock: bool = False) -> Catalog:
    catalog = Catalog({}, {}, {}, {}, {})
    manufacturers = _manufacturers()
    shops = (1, 2) if multishop and not shared_stock else (1,)
    group = SHOP_GROUP_ID if shared_stock else 0
    stock_rows: dict[int, list[tuple[int, int]]] = {}
    for spec in _PRODUCTS:
        created = f"2026-09-{1 + spec.id:02d} 10:{spec.id:02d}:00"
        product = _product_record(spec, created)
        if spec.manufacturer:
            product["manufacturer_name"] = manufacturers[spec.manufacturer]["name"]
        catalog.products[spec.id] = product
        rows = [(0, spec.stock)]
        for index, row in enumerate(spec.combinations, start=1):
            cid = len(catalog.combinations) + 1
            catalog.combinations[cid] = _combination_record(spec, index, row)
            catalog.combination_values[cid] = list(row[0])
            product["associations"]["combinations"].append({"id": cid})
            if index == 1:
                product["cache_default_attribute"] = cid
                product["id_default_combination"] = cid
            rows.append((cid, row[3]))
        if spec.combinations:
            rows[0] = (0, sum(quantity for _cid, quantity in rows[1:]))
            values = sorted({v for row in spec.combinations for v in row[0]})
            product["associations"]["product_option_values"] = [
                {"id": v} for v in values
            ]
        stock_rows[spec.id] = rows
    _add_pictures(catalog)
    batches = (_PRODUCTS[:FIRST_CATALOGUE], _PRODUCTS[FIRST_CATALOGUE:])
    for shop, spec in ((s, p) for b in batches for s in shops for p in b):
        product = catalog.products[spec.id]
        rows = stock_rows[spec.id] if shop == 1 else _outlet(stock_rows[spec.id])
        for id_attribute, quantity in rows:
            sid = len(catalog.stock_availables) + 1
            catalog.stock_availables[sid] = _stock_record(
                spec.id, id_attribute, quantity, shop, group
            )
            if shop == 1:
                catalog.stock_index[(spec.id, id_attribute)] = sid
                product["associations"]["stock_availables"].append(
                    {"id": sid, "id_product_attribute": id_attribute}
                )
    return catalog


def _add_pictures(catalog: Catalog) -> None:
    """Product and combination ``associations.images`` and the bytes; the
    first picture of a product is its cover (``id_default_image``)."""
    for id_product, id_image, rgb, value in _PICTURES:
        product = catalog.products[id_product]
        product["associations"]["images"].append({"id": id_image})
        if not product["id_default_image"]:
            product["id_default_image"] = id_image
        catalog.images[(id_product, id_image)] = png(rgb)
        for item in product["associations"]["combinations"]:
            if value in catalog.combination_values[item["id"]]:
                combination = catalog.combinations[item["id"]]
                combination["associations"]["images"].append({"id": id_image})


def _outlet(rows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The second shop's own quantities; the product row stays the sum."""
    outlet = [(cid, quantity * 3 // 4 + 1) for cid, quantity in rows]
    if len(outlet) > 1:
        outlet[0] = (0, sum(quantity for _cid, quantity in outlet[1:]))
    return outlet


def _decrement_stock(catalog: Catalog, id_product: int, id_attr: int, qty: int) -> None:
    """What validateOrder does: the combination row and the product row."""
    rows = catalog.stock_availables
    rows[catalog.stock_index[(id_product, id_attr)]]["quantity"] -= qty
    if id_attr:
        rows[catalog.stock_index[(id_product, 0)]]["quantity"] -= qty


def _specific_prices() -> dict:
    common = {
        "id_shop_group": 0,
        "id_shop": 0,
        "id_cart": 0,
        "id_product_attribute": 0,
        "id_currency": 0,
        "id_country": 0,
        "id_customer": 0,
        "id_specific_price_rule": 0,
        "price": -1.0,
        "reduction_tax": 1,
        "from": ZERO_DATE,
        "to": ZERO_DATE,
    }
    return {
        # Professionals pay the merino throw 10 % less.
        1: {
            **common,
            "id_product": 4,
            "id_group": GROUP_PRO,
            "from_quantity": 1,
            "reduction": 0.1,
            "reduction_type": "percentage",
        },
        # Quantity break: 2 euros off each candle from 3 candles.
        2: {
            **common,
            "id_product": 5,
            "id_group": 0,
            "from_quantity": 3,
            "reduction": 2.0,
            "reduction_type": "amount",
        },
    }


B2B_PRICE_PRODUCT = 4
B2B_REDUCTION_MILLI = 10_000
CART_RULE_WELCOME, CART_RULE_FREE_SHIPPING, CART_RULE_GIFT = 1, 2, 3
GIFT_PRODUCT = 12  # the kindling basket, 10 % VAT


def _cart_rules() -> dict:
    common = {
        "id_customer": 0,
        "date_from": "2026-09-01 00:00:00",
        "date_to": "2027-09-01 00:00:00",
        "quantity_per_user": 1,
        "priority": 1,
        "partial_use": 0,
        "minimum_amount_tax": 1,
        "minimum_amount_currency": CURRENCY_EUR,
        "minimum_amount_shipping": 0,
        "country_restriction": 0,
        "carrier_restriction": 0,
        "group_restriction": 0,
        "cart_rule_restriction": 0,
        "product_restriction": 0,
        "shop_restriction": 0,
        "reduction_amount": 0.0,
        "reduction_tax": 0,
        "reduction_currency": CURRENCY_EUR,
        "reduction_product": 0,
        "reduction_exclude_special": 0,
        "gift_product": 0,
        "gift_product_attribute": 0,
        "highlight": 0,
        "active": 1,
        "date_add": "2026-09-01 09:30:00",
        "date_upd": "2026-09-01 09:30:00",
    }
    return {
        CART_RULE_WELCOME: {
            **common,
            "description": "10 % off the first order.",
            "quantity": 998,
            "code": "BIENVENUE10",
            "minimum_amount": 0.0,
            "free_shipping": 0,
            "reduction_percent": 10.0,
            "name": ml("Welcome offer -10%", "Offre de bienvenue -10 %"),
        },
        CART_RULE_FREE_SHIPPING: {
            **common,
            "description": "Free shipping from 50 euros.",
            "quantity": 499,
            "code": "LIVRAISONOFFERTE",
            "minimum_amount": 50.0,
            "free_shipping": 1,
            "reduction_percent": 0.0,
            "name": ml("Free shipping", "Livraison offerte"),
        },
        # No code: PrestaShop applies it by itself from 100 euros and adds
        # the gift to the cart.
        CART_RULE_GIFT: {
            **common,
            "description": "A kindling basket offered from 100 euros.",
            "quantity": 99,
            "code": "",
            "minimum_amount": 100.0,
            "free_shipping": 0,
            "reduction_percent": 0.0,
            "gift_product": GIFT_PRODUCT,
            "name": ml("Offered kindling basket", "Panier de bois d'allumage offert"),
        },
    }


# ---------------------------------------------------------------------------
# Customers and addresses.
# ---------------------------------------------------------------------------

# id: (firstname, lastname, email, lang, gender, birthday, newsletter, groups,
#      is_guest, created)
_CUSTOMERS = {
    1: ("Camille", "Martin", "camille.martin@example.com", LANG_FR, 2,
        "1988-04-12", 1, (GROUP_CUSTOMER,), 0, "2026-09-15 19:04:11"),
    2: ("Thomas", "Bernard", "thomas.bernard@example.org", LANG_FR, 1,
        "1979-11-03", 0, (GROUP_CUSTOMER,), 0, "2026-09-22 08:31:45"),
    3: ("Emily", "Clarke", "emily.clarke@example.co.uk", LANG_EN, 2,
        ZERO_DAY, 1, (GROUP_CUSTOMER,), 0, "2026-10-02 21:17:02"),
    4: ("Sophie", "Lefèvre", "sophie.lefevre@atelier-vauban.example", LANG_FR,
        2, "1984-06-27", 0, (GROUP_CUSTOMER, GROUP_PRO), 0,
        "2026-10-08 10:12:37"),
    # A guest checkout, then an account with the same address typed otherwise.
    5: ("Jean", "Dupont", " Jean.Dupont@Example.com", LANG_FR, 1, ZERO_DAY, 0,
        (GROUP_GUEST,), 1, "2026-11-15 19:58:20"),
    6: ("Jean", "Dupont", "jean.dupont@example.com", LANG_FR, 1, "1991-02-14",
        1, (GROUP_CUSTOMER,), 0, "2026-11-18 12:21:09"),
    7: ("Olivia", "Johnson", "olivia.johnson@example.com", LANG_EN, 2,
        "1993-09-30", 0, (GROUP_CUSTOMER,), 0, "2026-11-21 14:40:55"),
}  # fmt: skip
B2B_CUSTOMER = 4
#: The customer PrestaShop's GDPR module (psgdpr, installed in every
#: PrestaShop 8 and 9 shop) creates to take over the orders of forgotten
#: customers; its address carries the VAT number "0000".
ANONYMOUS_CUSTOMER = 8
ANONYMOUS_ADDRESS = 11
ANONYMOUS_CREATED = "2026-09-01 09:00:00"


def _customers() -> dict:
    customers = {}
    for cid, row in _CUSTOMERS.items():
        first, last, email, lang, gender, birthday, news, groups, guest, created = row
        record = {
            "id_default_group": groups[-1],
            "id_lang": lang,
            "newsletter_date_add": created if news else ZERO_DATE,
            "ip_registration_newsletter": "",
            "last_passwd_gen": created,
            "secure_key": md5_hex(f"customer-{cid}"),
            "deleted": 0,
            "passwd": fake_bcrypt(f"customer-{cid}"),
            "lastname": last,
            "firstname": first,
            "email": email,
            "id_gender": gender,
            "birthday": birthday,
            "newsletter": news,
            "optin": 0,
            "website": "",
            "company": "",
            "siret": "",
            "ape": "",
            "outstanding_allow_amount": 0.0,
            "show_public_prices": 0,
            "id_risk": 0,
            "max_payment_days": 0,
            "active": 1,
            "note": "",
            "is_guest": guest,
            "id_shop": SHOP_ID,
            "id_shop_group": SHOP_GROUP_ID,
            "date_add": created,
            "date_upd": created,
            "reset_password_token": "",
            "reset_password_validity": ZERO_DATE,
            "associations": {"groups": [{"id": g} for g in groups]},
        }
        customers[cid] = record
    customers[ANONYMOUS_CUSTOMER] = dict(
        customers[1],
        id_default_group=GROUP_CUSTOMER,
        id_lang=LANG_EN,
        newsletter_date_add=ZERO_DATE,
        last_passwd_gen=ANONYMOUS_CREATED,
        secure_key=md5_hex(f"customer-{ANONYMOUS_CUSTOMER}"),
        passwd=fake_bcrypt(f"customer-{ANONYMOUS_CUSTOMER}"),
        lastname="Anonymous",
        firstname="Anonymous",
        email="anonymous@psgdpr.com",
        id_gender=1,
        birthday=ZERO_DAY,
        newsletter=0,
        active=0,
        date_add=ANONYMOUS_CREATED,
        date_upd=ANONYMOUS_CREATED,
        associations={"groups": [{"id": GROUP_CUSTOMER}]},
    )
    customers[B2B_CUSTOMER].update(
        company="Atelier Vauban",
        siret="85123456700019",
        ape="4759B",
        website="https://atelier-vauban.example",
        outstanding_allow_amount=2000.0,
        max_payment_days=30,
        note="Boutique de décoration à Lille, paiement par virement.",
    )
    return customers


def fr_vat_number(siren: str) -> str:
    """French intra-EU VAT number: FR + key + SIREN (key = (12 + 3 (n % 97)) % 97)."""
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


# id: (customer, alias, company, address1, address2, postcode, city, country,
#      state, phone, mobile, deleted, created)
_ADDRESSES = {
    1: (1, "Mon adresse", "", "14 rue Oberkampf", "Bâtiment B, 3e étage",
        "75011", "Paris", COUNTRY_FR, 0, "01 43 55 12 34", "06 12 34 56 78", 0,
        "2026-09-15 19:06:40"),
    2: (1, "Ancienne adresse", "", "3 rue Caulaincourt", "", "75018", "Paris",
        COUNTRY_FR, 0, "", "06 12 34 56 78", 1, "2026-09-15 19:05:02"),
    3: (2, "Maison", "", "27 quai Saint-Vincent", "", "69001", "Lyon",
        COUNTRY_FR, 0, "04 78 28 11 90", "", 0, "2026-09-22 08:33:10"),
    4: (2, "Bureau", "Bernard Architectes", "112 cours Lafayette", "", "69003",
        "Lyon", COUNTRY_FR, 0, "04 72 61 20 40", "06 98 76 54 32", 0,
        "2026-11-09 09:35:51"),
    5: (3, "Home", "", "Rue du Bailli 45", "", "1050", "Ixelles", COUNTRY_BE,
        0, "", "+32 470 12 34 56", 0, "2026-10-02 21:19:30"),
    6: (4, "Siège", "Atelier Vauban", "8 place du Concert", "", "59800",
        "Lille", COUNTRY_FR, 0, "03 20 12 34 56", "", 0,
        "2026-10-08 10:14:02"),
    7: (4, "Entrepôt", "Atelier Vauban", "45 rue de l'Épeule", "Quai 2",
        "59100", "Roubaix", COUNTRY_FR, 0, "03 20 98 76 54", "", 0,
        "2026-10-08 10:15:44"),
    8: (5, "Mon adresse", "", "9 rue Kervégan", "", "44000", "Nantes",
        COUNTRY_FR, 0, "", "07 61 23 45 67", 0, "2026-11-15 19:58:20"),
    9: (6, "Domicile", "", "9, rue Kervégan", "", "44000", "Nantes",
        COUNTRY_FR, 0, "", "07 61 23 45 67", 0, "2026-11-18 12:23:40"),
    10: (7, "Home", "", "350 Bleecker Street", "Apt 4B", "10014", "New York",
         COUNTRY_US, STATE_NY, "+1 212 555 0147", "", 0,
         "2026-11-21 14:42:13"),
}  # fmt: skip


def _addresses() -> dict:
    addresses = {}
    for aid, row in _ADDRESSES.items():
        (customer, alias, company, line1, line2, postcode, city, country, state,
         phone, mobile, deleted, created) = row  # fmt: skip
        first, last = _CUSTOMERS[customer][:2]
        addresses[aid] = {
            "id_customer": customer,
            "id_manufacturer": 0,
            "id_supplier": 0,
            "id_warehouse": 0,
            "id_country": country,
            "id_state": state,
            "alias": alias,
            "company": company,
            "lastname": last,
            "firstname": first,
            "vat_number": "",
            "address1": line1,
            "address2": line2,
            "postcode": postcode,
            "city": city,
            "other": "",
            "phone": phone,
            "phone_mobile": mobile,
            "dni": "",
            "deleted": deleted,
            "date_add": created,
            "date_upd": created,
        }
    for aid in (6, 7):
        addresses[aid]["vat_number"] = fr_vat_number("851234567")
    addresses[ANONYMOUS_ADDRESS] = dict(
        addresses[1],
        id_customer=ANONYMOUS_CUSTOMER,
        alias="Anonymous",
        company="Anonymous",
        lastname="Anonymous",
        firstname="Anonymous",
        vat_number="0000",
        address1="Anonymous",
        address2="",
        postcode="00000",
        city="Anonymous",
        phone="0000000000",
        phone_mobile="",
        dni="0000",
        deleted=0,
        date_add=ANONYMOUS_CREATED,
        date_upd=ANONYMOUS_CREATED,
    )
    return addresses


# ---------------------------------------------------------------------------
# Carts and orders.
# ---------------------------------------------------------------------------

# module, payment label en, payment label fr
PAYMENTS = {
    "cheque": ("ps_checkpayment", "Payment by check", "Chèque"),
    "wire": ("ps_wirepayment", "Bank transfer", "Virement bancaire"),
    "card": ("stripe_official", "Credit card (Stripe)", "Carte bancaire (Stripe)"),
}
SHOP_ADDRESS = "Maison Lumière\n21 rue des Lampistes\n75003 Paris\nFrance"


@dataclass
class OrderSpec:
    """An order as the customer placed it; the stored records derive from it."""

    id: int
    customer: int
    address_invoice: int
    address_delivery: int
    carrier: int
    payment: str
    lines: tuple  # (id_product, option value ids, quantity)
    history: tuple  # (id_order_state, date)
    cart_rule: int = 0
    gift_message: str = ""
    tracking: str = ""
    note: str = ""
    currency: int = CURRENCY_EUR
    round_type: int = ROUND_LINE  # PS_ROUND_TYPE when the order was placed
    cart: int = 0  # the cart's id when it is not the order's


_ORDERS = (
    OrderSpec(1, 1, 1, 1, CARRIER_COLISSIMO_OLD, "card",
              ((8, (M, WHITE), 2), (5, (), 1)),
              ((OS_PAYMENT, "2026-11-05 14:12:09"),)),
    OrderSpec(2, 2, 3, 4, CARRIER_CHRONOPOST, "wire",
              ((1, (D160, GREY), 1), (3, (), 2)),
              ((OS_BANKWIRE, "2026-11-09 09:40:27"),
               (OS_PAYMENT, "2026-11-10 10:05:13"),
               (OS_PREPARATION, "2026-11-10 15:30:00"),
               (OS_SHIPPING, "2026-11-11 11:02:45")),
              tracking="XR482915736FR",
              note="Livraison au bureau, accueil ouvert de 9 h à 18 h."),
    # Two VAT rates: 20 % and 5.5 % (a book), shipped to Belgium.
    OrderSpec(3, 3, 5, 5, CARRIER_COLISSIMO, "cheque",
              ((7, (), 1), (11, (), 1)),
              ((OS_CHEQUE, "2026-11-12 18:22:51"),
               (OS_PAYMENT, "2026-11-16 09:10:04"))),
    # B2B: the group price on the throw, invoice and delivery addresses differ.
    OrderSpec(4, 4, 6, 7, CARRIER_CHRONOPOST, "wire",
              ((4, (), 3), (9, (M,), 2)),
              ((OS_BANKWIRE, "2026-11-13 08:55:30"),
               (OS_PAYMENT, "2026-11-14 16:40:18"))),
    # Guest checkout with gift wrapping; 20 % and 10 % (firewood).
    OrderSpec(5, 5, 8, 8, CARRIER_COLISSIMO, "card",
              ((6, (L,), 1), (12, (), 2)),
              ((OS_PAYMENT, "2026-11-15 20:03:37"),),
              gift_message="Joyeux anniversaire Maman ! Bisous, Jean"),
    OrderSpec(6, 6, 9, 9, CARRIER_COLISSIMO, "wire",
              ((10, (GREY,), 1), (13, (), 1)),
              ((OS_BANKWIRE, "2026-11-18 12:30:02"),)),
    OrderSpec(7, 1, 1, 1, CARRIER_COLISSIMO, "cheque",
              ((2, (), 1),),
              ((OS_CHEQUE, "2026-11-19 17:45:26"),),
              cart_rule=CART_RULE_FREE_SHIPPING),
    OrderSpec(8, 2, 3, 3, CARRIER_COLISSIMO, "wire",
              ((9, (L,), 1),),
              ((OS_BANKWIRE, "2026-11-20 10:00:41"),
               (OS_CANCELED, "2026-11-25 10:00:00"))),
    # Export outside the EU: no VAT at all.
    OrderSpec(9, 7, 10, 10, CARRIER_CHRONOPOST, "card",
              ((8, (XL, BLUE), 1), (4, (), 1)),
              ((OS_PAYMENT, "2026-11-21 15:00:12"),)),
    OrderSpec(10, 3, 5, 5, CARRIER_COLISSIMO, "card",
              ((10, (WHITE,), 1), (8, (L, BLUE), 2)),
              ((OS_PAYMENT, "2026-11-22 11:11:11"),
               (OS_PREPARATION, "2026-11-23 09:00:00"),
               (OS_SHIPPING, "2026-11-23 17:04:30"),
               (OS_DELIVERED, "2026-11-25 12:00:00")),
              cart_rule=CART_RULE_WELCOME,
              tracking="6A12345678901"),
    # The carts of 11-13 come after the abandoned cart 11 (see
    # _add_abandoned_cart): each order's is its id + 1.
    # In Swiss francs: every amount converted at 0.94.
    OrderSpec(11, 2, 3, 3, CARRIER_CHRONOPOST, "card",
              ((2, (), 1), (3, (), 2)),
              ((OS_PAYMENT, "2026-11-27 10:20:00"),),
              currency=CURRENCY_CHF, cart=12),
    # Placed while the shop rounded per item (PS_ROUND_TYPE 1): 7 x 10.19,
    # not 7 x 10.188 rounded.
    OrderSpec(12, 6, 9, 9, CARRIER_COLISSIMO, "wire",
              ((15, (), 7),),
              ((OS_BANKWIRE, "2026-11-28 09:05:00"),
               (OS_PAYMENT, "2026-11-29 11:30:00")),
              round_type=ROUND_ITEM, cart=13),
    # The gift rule: the basket (10 %) is a line and its price the discount.
    OrderSpec(13, 1, 1, 1, CARRIER_COLISSIMO, "card",
              ((4, (), 1), (GIFT_PRODUCT, (), 1)),
              ((OS_PAYMENT, "2026-11-30 16:45:00"),),
              cart_rule=CART_RULE_GIFT, cart=14),
)  # fmt: skip
ABANDONED_CART = 11


def minus_minutes(date: str, minutes: int) -> str:
    """A date a few minutes earlier (carts are created before their order)."""
    from datetime import datetime, timedelta

    moment = datetime.strptime(date, "%Y-%m-%d %H:%M:%S") - timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class _OrderWriter:
    """Turns OrderSpecs into carts, orders and their satellite records."""

    def __init__(self, seed: dict, catalog: Catalog) -> None:
        self.seed = seed
        self.catalog = catalog
        self.states = seed["order_states"]
        self.combination_ids = {
            (self.catalog.combinations[cid]["id_product"], tuple(values)): cid
            for cid, values in catalog.combination_values.items()
        }
        self.invoice_numbers = self._invoice_numbers()
        self.delivery_numbers = self._first_reached("delivery")

    def _first_reached(self, flag: str) -> dict[int, tuple[int, str]]:
        """order id -> (sequential number, date) of the first state with flag."""
        events = []
        for spec in _ORDERS:
            for state, date in spec.history:
                if state_flag(self.states, state, flag):
                    events.append((date, spec.id))
                    break
        return {oid: (n, date) for n, (date, oid) in enumerate(sorted(events), 1)}

    def _invoice_numbers(self) -> dict[int, tuple[int, str]]:
        return self._first_reached("invoice")

    def write(self, spec: OrderSpec) -> None:
        seed = self.seed
        customer = seed["customers"][spec.customer]
        country = seed["addresses"][spec.address_delivery]["id_country"]
        lang = customer["id_lang"]
        date_add = spec.history[0][1]
        current_state, date_upd = spec.history[-1]
        rows = [self._price_row(spec, line, country) for line in spec.lines]
        wrapping = GIFT_WRAPPING_EXCL_MICROS if spec.gift_message else 0
        rule = seed["cart_rules"].get(spec.cart_rule)
        gift = next(
            (
                row["priced"]
                for row in rows
                if rule and rule["gift_product"] == row["product_id"]
            ),
            None,
        )
        rate_micros = self._rate_micros(spec)
        totals = compute_totals(
            [row["priced"] for row in rows],
            shipping_excl=convert(CARRIER_SHIPPING_EXCL[spec.carrier], rate_micros),
            carrier_rate_milli=rate_for(TAX_GROUP_20, country),
            wrapping_excl=convert(wrapping, rate_micros),
            wrapping_rate_milli=rate_for(TAX_GROUP_20, country),
            discount_percent_milli=int(rule["reduction_percent"] * 1000) if rule else 0,
            free_shipping=bool(rule and rule["free_shipping"]),
            gift=gift,
        )
        invoice_id, invoice_date = self.invoice_numbers.get(spec.id, (0, ZERO_DATE))
        delivery_no, delivery_date = self.delivery_numbers.get(spec.id, (0, ZERO_DATE))
        paid = any(state_flag(self.states, s, "paid") for s, _d in spec.history)
        module, label_en, label_fr = PAYMENTS[spec.payment]
        label = label_fr if lang == LANG_FR else label_en
        self._write_cart(spec, customer, minus_minutes(date_add, 7))
        detail_rows = self._write_details(spec, rows, lang, invoice_id)
        order = {
            "id_address_delivery": spec.address_delivery,
            "id_address_invoice": spec.address_invoice,
            "id_cart": spec.cart or spec.id,
            "id_currency": spec.currency,
            "id_lang": lang,
            "id_customer": spec.customer,
            "id_carrier": spec.carrier,
            "current_state": current_state,
            "module": module,
            "invoice_number": invoice_id,
            "invoice_date": invoice_date,
            "delivery_number": delivery_no,
            "delivery_date": delivery_date,
            "valid": int(state_flag(self.states, current_state, "logable")),
            "date_add": date_add,
            "date_upd": date_upd,
            "shipping_number": spec.tracking,
            "note": spec.note,
            "id_shop_group": SHOP_GROUP_ID,
            "id_shop": SHOP_ID,
            "secure_key": customer["secure_key"],
            "payment": label,
            "recyclable": 0,
            "gift": 1 if spec.gift_message else 0,
            "gift_message": spec.gift_message,
            "mobile_theme": 0,
            **order_total_fields(totals, paid),
            "round_mode": 2,
            "round_type": spec.round_type,
            "conversion_rate": rate_micros / 1_000_000,
            "reference": order_reference(spec.id),
            "associations": {"order_rows": detail_rows},
        }
        seed["orders"][spec.id] = order
        self._write_history(spec)
        self._write_carrier(spec, rows, totals, invoice_id)
        if rule:
            self._write_cart_rule(spec, rule, totals, lang, invoice_id)
        if paid:
            self._write_payment(spec, order, label)
        if invoice_id:
            self._write_invoice(spec, invoice_id, totals, delivery_no, delivery_date)
        if current_state not in (OS_CANCELED, OS_ERROR):
            for row in rows:
                _decrement_stock(
                    self.catalog, row["product_id"], row["attribute_id"], row["qty"]
                )

    def _rate_micros(self, spec: OrderSpec) -> int:
        """The order currency's conversion_rate in millionths."""
        rate = self.seed["currencies"][spec.currency]["conversion_rate"]
        return round(rate * 1_000_000)

    def _price_row(self, spec: OrderSpec, line: tuple, country: int) -> dict:
        """The line priced as Product::priceCalculation: the price in euros
        (6 decimals) times the conversion rate, the tax added to the
        unrounded converted price, each kept at 6 decimals."""
        id_product, values, qty = line
        product = self.catalog.products[id_product]
        attribute_id = self.combination_ids[(id_product, values)] if values else 0
        base = euros(product["price"])
        weight = product["weight"]
        reference, ean = product["reference"], product["ean13"]
        if attribute_id:
            combination = self.catalog.combinations[attribute_id]
            base += euros(combination["price"])
            weight += combination["weight"]
            reference, ean = combination["reference"], combination["ean13"]
        unit, reduction = base, 0
        customer_groups = self.seed["customers"][spec.customer]["associations"]
        if (
            id_product == B2B_PRICE_PRODUCT
            and {"id": GROUP_PRO} in customer_groups["groups"]
        ):
            unit, reduction = apply_percent(base, B2B_REDUCTION_MILLI), 10.0
        rate = rate_for(product["id_tax_rules_group"], country)
        rate_micros = self._rate_micros(spec)
        unit_incl = div_half_up(
            unit * rate_micros * (100_000 + rate), 1_000_000 * 100_000
        )
        unit, base = convert(unit, rate_micros), convert(base, rate_micros)
        return {
            "product_id": id_product,
            "attribute_id": attribute_id,
            "values": values,
            "qty": qty,
            "base": base,
            "reduction_percent": reduction,
            "weight": round(weight, 6),
            "reference": reference,
            "ean13": ean,
            "rate": rate,
            "tax_group": product["id_tax_rules_group"],
            "priced": PricedLine(
                unit, qty, rate, unit_incl=unit_incl, round_type=spec.round_type
            ),
        }

    def _line_name(self, row: dict, lang: int) -> str:
        name = self.catalog.products[row["product_id"]]["name"][lang]
        if not row["values"]:
            return name
        parts = []
        for value_id in row["values"]:
            value = self.seed["product_option_values"][value_id]
            option = self.seed["product_options"][value["id_attribute_group"]]
            parts.append(f"{option['public_name'][lang]} : {value['name'][lang]}")
        return f"{name} - {', '.join(parts)}"

    def _write_details(
        self, spec: OrderSpec, rows: list, lang: int, invoice_id: int
    ) -> list:
        details = self.seed["order_details"]
        order_rows = []
        for row in rows:
            did = len(details) + 1
            priced: PricedLine = row["priced"]
            product = self.catalog.products[row["product_id"]]
            detail = order_detail_record(
                id_order=spec.id,
                product_id=row["product_id"],
                attribute_id=row["attribute_id"],
                name=self._line_name(row, lang),
                priced=priced,
                base=row["base"],
                reduction_percent=row["reduction_percent"],
                reference=row["reference"],
                ean=row["ean13"],
                weight=row["weight"],
                tax_group=row["tax_group"],
                wholesale=product["wholesale_price"],
                invoice_id=invoice_id,
            )
            details[did] = detail
            order_rows.append(order_row(did, detail))
        return order_rows

    def _write_cart(self, spec: OrderSpec, customer: dict, date: str) -> None:
        rows = []
        for row_product, values, qty in spec.lines:
            attribute = self.combination_ids[(row_product, values)] if values else 0
            rows.append(
                {
                    "id_product": row_product,
                    "id_product_attribute": attribute,
                    "id_address_delivery": spec.address_delivery,
                    "id_customization": 0,
                    "quantity": qty,
                }
            )
        self.seed["carts"][spec.cart or spec.id] = cart_record(
            spec.customer,
            customer,
            spec.address_delivery,
            spec.address_invoice,
            spec.carrier,
            date,
            rows,
            gift_message=spec.gift_message,
            id_currency=spec.currency,
        )

    def _write_history(self, spec: OrderSpec) -> None:
        histories = self.seed["order_histories"]
        for state, date in spec.history:
            histories[len(histories) + 1] = {
                "id_employee": 0
                if state in (OS_PAYMENT, OS_CHEQUE, OS_BANKWIRE)
                else 1,
                "id_order_state": state,
                "id_order": spec.id,
                "date_add": date,
            }

    def _write_carrier(
        self, spec: OrderSpec, rows: list, totals: OrderTotals, invoice_id: int
    ) -> None:
        carriers = self.seed["order_carriers"]
        weight = sum(row["weight"] * row["qty"] for row in rows)
        carriers[len(carriers) + 1] = {
            "id_order": spec.id,
            "id_carrier": spec.carrier,
            "id_order_invoice": invoice_id,
            "weight": round(weight, 6),
            "shipping_cost_tax_excl": money(totals.shipping_excl),
            "shipping_cost_tax_incl": money(totals.shipping_incl),
            "tracking_number": spec.tracking,
            "date_add": spec.history[0][1],
        }

    def _write_cart_rule(
        self, spec: OrderSpec, rule: dict, totals: OrderTotals, lang: int, invoice: int
    ) -> None:
        rules = self.seed["order_cart_rules"]
        rules[len(rules) + 1] = {
            "id_order": spec.id,
            "id_cart_rule": spec.cart_rule,
            "id_order_invoice": invoice,
            "name": rule["name"][lang],
            "value": money(totals.discounts_incl),
            "value_tax_excl": money(totals.discounts_excl),
            "free_shipping": rule["free_shipping"],
            "deleted": 0,
        }

    def _write_payment(self, spec: OrderSpec, order: dict, label: str) -> None:
        payments = self.seed["order_payments"]
        paid_date = next(
            date
            for state, date in spec.history
            if state_flag(self.states, state, "paid")
        )
        card = spec.payment == "card"
        payments[len(payments) + 1] = {
            "order_reference": order["reference"],
            "id_currency": spec.currency,
            "amount": order["total_paid_tax_incl"],
            "payment_method": label,
            "conversion_rate": order["conversion_rate"],
            "transaction_id": f"pi_{md5_hex(f'payment-{spec.id}')[:24]}"
            if card
            else "",
            "card_number": "**** **** **** 4242" if card else "",
            "card_brand": "visa" if card else "",
            "card_expiration": "08/2029" if card else "",
            "card_holder": "",
            "date_add": paid_date,
            "id_employee": 0,
        }

    def _write_invoice(
        self,
        spec: OrderSpec,
        invoice_id: int,
        totals: OrderTotals,
        delivery_no: int,
        delivery_date: str,
    ) -> None:
        self.seed["order_invoices"][invoice_id] = {
            "id_order": spec.id,
            "number": invoice_id,
            "delivery_number": delivery_no,
            "delivery_date": delivery_date,
            "total_discount_tax_excl": money(totals.discounts_excl),
            "total_discount_tax_incl": money(totals.discounts_incl),
            "total_paid_tax_excl": money(totals.paid_excl),
            "total_paid_tax_incl": money(totals.paid_incl),
            "total_products": money(totals.products),
            "total_products_wt": money(totals.products_wt),
            "total_shipping_tax_excl": money(totals.shipping_excl),
            "total_shipping_tax_incl": money(totals.shipping_incl),
            "shipping_tax_computation_method": 0,
            "total_wrapping_tax_excl": money(totals.wrapping_excl),
            "total_wrapping_tax_incl": money(totals.wrapping_incl),
            "shop_address": SHOP_ADDRESS,
            "note": "",
            "date_add": self.invoice_numbers[spec.id][1],
        }


def order_total_fields(totals: OrderTotals, paid: bool) -> dict:
    """The total_* fields of an order (shared with the large generator)."""
    return {
        "total_discounts": money(totals.discounts_incl),
        "total_discounts_tax_incl": money(totals.discounts_incl),
        "total_discounts_tax_excl": money(totals.discounts_excl),
        "total_paid": money(totals.paid_incl),
        "total_paid_tax_incl": money(totals.paid_incl),
        "total_paid_tax_excl": money(totals.paid_excl),
        "total_paid_real": money(totals.paid_incl if paid else 0),
        "total_products": money(totals.products),
        "total_products_wt": money(totals.products_wt),
        "total_shipping": money(totals.shipping_incl),
        "total_shipping_tax_incl": money(totals.shipping_incl),
        "total_shipping_tax_excl": money(totals.shipping_excl),
        "carrier_tax_rate": f"{totals.carrier_rate_milli / 1000:.3f}",
        "total_wrapping": money(totals.wrapping_incl),
        "total_wrapping_tax_incl": money(totals.wrapping_incl),
        "total_wrapping_tax_excl": money(totals.wrapping_excl),
    }


def order_detail_record(
    *,
    id_order: int,
    product_id: int,
    attribute_id: int,
    name: str,
    priced: PricedLine,
    base: int,
    reduction_percent: float,
    reference: str,
    ean: str,
    weight: float,
    tax_group: int,
    wholesale: float,
    invoice_id: int,
) -> dict:
    """One order_details row (shared with the large generator)."""
    return {
        "id_order": id_order,
        "product_id": product_id,
        "product_attribute_id": attribute_id,
        "product_quantity_reinjected": 0,
        "group_reduction": 0.0,
        "discount_quantity_applied": 0,
        "download_hash": "",
        "download_deadline": ZERO_DATE,
        "id_order_invoice": invoice_id,
        "id_warehouse": 0,
        "id_shop": SHOP_ID,
        "id_customization": 0,
        "product_name": name,
        "product_quantity": priced.quantity,
        "product_quantity_in_stock": priced.quantity,
        "product_quantity_return": 0,
        "product_quantity_refunded": 0,
        "product_price": money(priced.unit_excl),
        "reduction_percent": reduction_percent,
        "reduction_amount": 0.0,
        "reduction_amount_tax_incl": 0.0,
        "reduction_amount_tax_excl": 0.0,
        "product_quantity_discount": 0.0,
        "product_ean13": ean,
        "product_isbn": "",
        "product_upc": "",
        "product_mpn": "",
        "product_reference": reference,
        "product_supplier_reference": "",
        "product_weight": weight,
        "tax_computation_method": 0,
        "id_tax_rules_group": tax_group,
        "ecotax": 0.0,
        "ecotax_tax_rate": 0.0,
        "download_nb": 0,
        "unit_price_tax_incl": money(priced.unit_incl),
        "unit_price_tax_excl": money(priced.unit_excl),
        "total_price_tax_incl": money(priced.total_incl),
        "total_price_tax_excl": money(priced.total_excl),
        "total_shipping_price_tax_excl": 0.0,
        "total_shipping_price_tax_incl": 0.0,
        "purchase_supplier_price": wholesale,
        "original_product_price": money(base),
        "original_wholesale_price": wholesale,
        "total_refunded_tax_excl": 0.0,
        "total_refunded_tax_incl": 0.0,
        "associations": {"taxes": [{"id": tax_group}] if priced.rate_milli else []},
    }


def order_row(detail_id: int, detail: dict) -> dict:
    """The orders.order_rows association item mirroring an order_details row."""
    return {
        "id": detail_id,
        "product_id": detail["product_id"],
        "product_attribute_id": detail["product_attribute_id"],
        "product_quantity": detail["product_quantity"],
        "product_name": detail["product_name"],
        "product_reference": detail["product_reference"],
        "product_ean13": detail["product_ean13"],
        "product_isbn": "",
        "product_upc": "",
        "product_price": detail["product_price"],
        "id_customization": 0,
        "unit_price_tax_incl": detail["unit_price_tax_incl"],
        "unit_price_tax_excl": detail["unit_price_tax_excl"],
    }


def cart_record(
    id_customer: int,
    customer: dict,
    address_delivery: int,
    address_invoice: int,
    carrier: int,
    date: str,
    rows: list,
    gift_message: str = "",
    id_currency: int = CURRENCY_EUR,
) -> dict:
    """A cart as the checkout leaves it (shared with the large generator)."""
    return {
        "id_address_delivery": address_delivery,
        "id_address_invoice": address_invoice,
        "id_currency": id_currency,
        "id_customer": id_customer,
        "id_guest": id_customer,
        "id_lang": customer["id_lang"],
        "id_shop_group": SHOP_GROUP_ID,
        "id_shop": SHOP_ID,
        "id_carrier": carrier,
        "recyclable": 0,
        "gift": 1 if gift_message else 0,
        "gift_message": gift_message,
        "mobile_theme": 0,
        "delivery_option": f'{{"{address_delivery}":"{carrier},"}}',
        "secure_key": customer["secure_key"],
        "allow_seperated_package": 0,
        "date_add": date,
        "date_upd": date,
        "associations": {"cart_rows": rows},
    }


def guest_record(id_customer: int, lang_iso: str) -> dict:
    """The visitor record PrestaShop keeps for each cart owner."""
    return {
        "id_customer": id_customer,
        "id_operating_system": 0,
        "id_web_browser": 0,
        "javascript": 1,
        "screen_resolution_x": 1920,
        "screen_resolution_y": 1080,
        "screen_color": 24,
        "sun_java": 0,
        "adobe_flash": 0,
        "adobe_director": 0,
        "apple_quicktime": 0,
        "real_player": 0,
        "windows_media": 0,
        "accept_language": lang_iso,
        "mobile_theme": 0,
    }


# ---------------------------------------------------------------------------
# Stored representation.
# ---------------------------------------------------------------------------

# Decimal columns whose scale is not PrestaShop's usual decimal(20,6).
DECIMAL_SCALE = {
    ("groups", "reduction"): 2,
    ("taxes", "rate"): 3,
    ("orders", "carrier_tax_rate"): 3,
    ("order_details", "ecotax_tax_rate"): 3,
    ("order_details", "group_reduction"): 2,
    ("order_details", "reduction_percent"): 2,
    ("cart_rules", "reduction_percent"): 2,
}


def to_stored(seed: dict, resources: dict | None = None) -> dict:
    """Give every value the type PHP returns it with, in place; returns seed.

    The webservice shows decimals with their column scale ("84.000000",
    "20.000") and every column PHP does not cast to int as a string ("1" for
    an active flag), so the builders' natural ints and floats are converted
    here, field by field, after the resource definitions (``Field.is_int``,
    given by the rule of :func:`prestashop_sandbox.resources.renders_as_number`;
    ``resources`` default: the 8.1.2 definitions).
    """
    if resources is None:
        from ..resources import build_resources

        resources = build_resources()
    for name, rows in seed.items():
        resource = resources.get(name)
        if resource is None:
            continue
        int_fields = {f.name for f in resource.fields if f.is_int}
        for record in rows.values():
            _store_record(name, record, int_fields)
    return seed


def _store_record(resource: str, record: dict, int_fields: set) -> None:
    for key, value in record.items():
        kind = type(value)
        if kind is float:
            if key in int_fields:
                record[key] = int(value)
            else:
                scale = DECIMAL_SCALE.get((resource, key), 6)
                record[key] = f"{value:.{scale}f}"
        elif kind is int and key not in int_fields:
            record[key] = str(value)
        elif key == "associations":
            for items in value.values():
                for item in items:
                    for item_key, item_value in item.items():
                        if type(item_value) is float:
                            item[item_key] = f"{item_value:.6f}"


# ---------------------------------------------------------------------------
# Entry point.
# ---------------------------------------------------------------------------

ORDER_RESOURCES = (
    "carts",
    "orders",
    "order_details",
    "order_histories",
    "order_carriers",
    "order_cart_rules",
    "order_payments",
    "order_invoices",
)


def build_metadata(multishop: bool = False, shared_stock: bool = False) -> dict:
    """Shop, localisation, taxes, states and carriers: no catalogue, no orders.

    The large generator reuses this part as it is.
    """
    shop_groups, shops = _shops(multishop, shared_stock)
    taxes, tax_rule_groups, tax_rules = _taxes()
    return {
        "shop_groups": shop_groups,
        "shops": shops,
        "shop_urls": _shop_urls(multishop),
        "zones": _zones(),
        "countries": _countries(),
        "states": _states(),
        "currencies": _currencies(),
        "languages": _languages(),
        "groups": _groups(),
        "configurations": _configurations(multishop),
        "taxes": taxes,
        "tax_rule_groups": tax_rule_groups,
        "tax_rules": tax_rules,
        "order_states": _order_states(),
        "carriers": _carriers(),
    }


def build_demo(
    multishop: bool = False, resources: dict | None = None, shared_stock: bool = False
) -> dict:
    """The Maison Lumière demo shop as a fresh seed (safe to mutate).

    With ``multishop`` a second shop (id 2, same group 1) is added; every order
    is placed in shop 1.  Stock: without ``shared_stock`` (group
    ``share_stock`` 0, seed ``demo-multishop``) each shop has its own
    stock_availables rows (``id_shop`` 1 or 2, ``id_shop_group`` 0; shop 2's
    quantities are ``q * 3 // 4 + 1`` of shop 1's, product rows the sum of
    their combinations); with ``shared_stock`` (``share_stock`` 1, seed
    ``demo-multishop-shared``) one set of rows belongs to the group
    (``id_shop`` 0, ``id_shop_group`` 1) with shop 1's quantities.
    """
    seed = build_metadata(multishop, shared_stock)
    catalog = _catalog(multishop, shared_stock)
    features, feature_values = _features()
    options, option_values = _options()
    seed.update(
        manufacturers=_manufacturers(),
        suppliers=_suppliers(),
        product_features=features,
        product_feature_values=feature_values,
        product_options=options,
        product_option_values=option_values,
        products=catalog.products,
        combinations=catalog.combinations,
        stock_availables=catalog.stock_availables,
        categories=_categories(catalog.products),
        specific_prices=_specific_prices(),
        cart_rules=_cart_rules(),
        customers=_customers(),
        addresses=_addresses(),
    )
    for resource in ORDER_RESOURCES:
        seed[resource] = {}
    writer = _OrderWriter(seed, catalog)
    for spec in _ORDERS:
        writer.write(spec)
    _add_abandoned_cart(seed)
    seed["carts"] = dict(sorted(seed["carts"].items()))
    seed["_images"] = catalog.images
    seed["employees"] = _employees()
    seed["guests"] = {
        cid: guest_record(cid, "fr" if c["id_lang"] == LANG_FR else "en")
        for cid, c in seed["customers"].items()
    }
    return to_stored(seed, resources)


def _employees() -> dict:
    """The shop owner, who accepts cheques and wires and ships the parcels."""
    return {
        1: {
            "id_lang": LANG_FR,
            "last_passwd_gen": SHOP_CREATED,
            "passwd": fake_bcrypt("employee-1"),
            "lastname": "Fontaine",
            "firstname": "Claire",
            "email": "claire@maison-lumiere.test",
            "active": 1,
            "id_profile": 1,
        }
    }


def _add_abandoned_cart(seed: dict) -> None:
    """A cart that never became an order (the connector must ignore it)."""
    customer = seed["customers"][6]
    rows = [
        {
            "id_product": 5,
            "id_product_attribute": 0,
            "id_address_delivery": 9,
            "id_customization": 0,
            "quantity": 2,
        }
    ]
    seed["carts"][ABANDONED_CART] = cart_record(
        6, customer, 9, 9, CARRIER_COLISSIMO, "2026-11-26 22:14:05", rows
    )
