"""Localization, taxes and shipping.

Each resource follows a PrestaShop ObjectModel class: its ``$definition``
(``fields``: type, ``validate`` -> ``format``, ``size`` -> ``maxSize``,
``required``, ``lang``) and its ``$webserviceParameters`` (extra fields with a
``getter``, ``setter`` => false, ``xlink_resource``; ``associations``), on
branch 8.1.x; the 9.0.x changes are in ``CHANGES`` at the end.  Fields are
in PrestaShop's rendering order (``ObjectModel::getWebserviceParameters``:
the webservice fields first, then the rest of the definition).

* ``languages``: ``Language`` (``classes/Language.php``)
* ``currencies``: ``Currency`` (``classes/Currency.php``)
* ``countries``: ``Country`` (``classes/Country.php``)
* ``states``: ``State`` (``classes/State.php``)
* ``zones``: ``Zone`` (``classes/Zone.php``)
* ``taxes``: ``Tax`` (``classes/tax/Tax.php``)
* ``tax_rules``: ``TaxRule`` (``classes/tax/TaxRule.php``)
* ``tax_rule_groups``: ``TaxRulesGroup`` (``classes/tax/TaxRulesGroup.php``)
* ``carriers``: ``Carrier`` (``classes/Carrier.php``)
* ``deliveries``: ``Delivery`` (``classes/Delivery.php``)
* ``price_ranges``: ``RangePrice`` (``classes/range/RangePrice.php``)
* ``weight_ranges``: ``RangeWeight`` (``classes/range/RangeWeight.php``)
"""

from ._base import Change, F, R

LANGUAGES = R(
    "languages",
    "language",
    cls="Language",
    fields=[
        F("name", "string", format="isGenericName", size=32, required=True),
        F("iso_code", "string", format="isLanguageIsoCode", size=2, required=True),
        F("locale", "string", format="isLocale", size=5),
        F("language_code", "string", format="isLanguageCode", size=5),
        F("active", "bool", format="isBool"),
        F("is_rtl", "bool", format="isBool"),
        F(
            "date_format_lite",
            "string",
            format="isPhpDateFormat",
            size=32,
            required=True,
        ),
        F(
            "date_format_full",
            "string",
            format="isPhpDateFormat",
            size=32,
            required=True,
        ),
    ],
)

CURRENCIES = R(
    "currencies",
    "currency",
    cls="Currency",
    fields=[
        F("names", lang=True, getter=True),
        F(
            "name",
            "string",
            format="isGenericName",
            size=255,
            required=True,
            getter=True,
        ),
        F("symbol", "string", size=255, lang=True, getter=True),
        F("iso_code", "string", format="isLanguageIsoCode", size=3, required=True),
        F("numeric_iso_code", "string", format="isNumericIsoCode", size=3),
        F("precision", "int", format="isInt"),
        F("conversion_rate", "float", format="isUnsignedFloat", required=True),
        F("deleted", "bool", format="isBool"),
        F("active", "bool", format="isBool"),
        F("unofficial", "bool", format="isBool"),
        F("modified", "bool", format="isBool"),
        F("pattern", "string", size=255, lang=True),
    ],
)

COUNTRIES = R(
    "countries",
    "country",
    cls="Country",
    fields=[
        F("id_zone", "int", format="isUnsignedId", required=True, xlink="zones"),
        F("id_currency", "int", format="isUnsignedId", xlink="currencies"),
        F("call_prefix", "int", format="isInt"),
        F("iso_code", "string", format="isLanguageIsoCode", size=3, required=True),
        F("active", "bool", format="isBool"),
        F("contains_states", "bool", format="isBool", required=True),
        F("need_identification_number", "bool", format="isBool", required=True),
        F("need_zip_code", "bool", format="isBool"),
        F("zip_code_format", "string", format="isZipCodeFormat"),
        F("display_tax_label", "bool", format="isBool", required=True),
        F("name", "string", format="isGenericName", size=64, required=True, lang=True),
    ],
)

STATES = R(
    "states",
    "state",
    cls="State",
    fields=[
        F("id_zone", "int", format="isUnsignedId", required=True, xlink="zones"),
        F("id_country", "int", format="isUnsignedId", required=True, xlink="countries"),
        F("iso_code", "string", format="isStateIsoCode", size=7, required=True),
        F("name", "string", format="isGenericName", size=80, required=True),
        F("active", "bool", format="isBool"),
    ],
)

ZONES = R(
    "zones",
    "zone",
    cls="Zone",
    fields=[
        F("name", "string", format="isGenericName", size=64, required=True),
        F("active", "bool", format="isBool"),
    ],
)

TAXES = R(
    "taxes",
    "tax",
    cls="Tax",
    fields=[
        F("rate", "float", format="isFloat", required=True),
        F("active", "bool"),
        F("deleted", "bool"),
        F("name", "string", format="isGenericName", size=32, required=True, lang=True),
    ],
)

TAX_RULES = R(
    "tax_rules",
    "tax_rule",
    cls="TaxRule",
    fields=[
        F(
            "id_tax_rules_group",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="tax_rule_groups",
        ),
        F("id_state", "int", format="isUnsignedId", xlink="states"),
        F("id_country", "int", format="isUnsignedId", required=True, xlink="countries"),
        F("zipcode_from", "string", format="isPostCode"),
        F("zipcode_to", "string", format="isPostCode"),
        F("id_tax", "int", format="isUnsignedId", required=True),
        F("behavior", "int", format="isUnsignedInt"),
        F("description", "string", format="isString"),
    ],
)

TAX_RULE_GROUPS = R(
    "tax_rule_groups",
    "tax_rule_group",
    cls="TaxRulesGroup",
    fields=[
        F("name", "string", format="isGenericName", size=64, required=True),
        F("active", "bool", format="isBool"),
        F("deleted", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
)

CARRIERS = R(
    "carriers",
    "carrier",
    cls="Carrier",
    fields=[
        F("deleted", "bool", format="isBool"),
        F("is_module", "bool", format="isBool"),
        F("id_tax_rules_group", getter=True, xlink="tax_rule_groups"),
        F("id_reference", "int"),
        F("name", "string", format="isCarrierName", size=64, required=True),
        F("active", "bool", format="isBool", required=True),
        F("is_free", "bool", format="isBool"),
        F("url", "string", format="isAbsoluteUrl"),
        F("shipping_handling", "bool", format="isBool"),
        F("shipping_external", "bool"),
        F("range_behavior", "bool", format="isBool"),
        F("shipping_method", "int", format="isUnsignedInt"),
        F("max_width", "int", format="isUnsignedInt"),
        F("max_height", "int", format="isUnsignedInt"),
        F("max_depth", "int", format="isUnsignedInt"),
        F("max_weight", "float", format="isFloat"),
        F("grade", "int", format="isUnsignedInt", size=1),
        F("external_module_name", "string", size=64),
        F("need_range", "bool"),
        F("position", "int"),
        F(
            "delay",
            "string",
            format="isGenericName",
            size=512,
            required=True,
            lang=True,
        ),
    ],
)

DELIVERIES = R(
    "deliveries",
    "delivery",
    cls="Delivery",
    fields=[
        F("id_carrier", "int", format="isUnsignedId", required=True, xlink="carriers"),
        F(
            "id_range_price",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="price_ranges",
        ),
        F(
            "id_range_weight",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="weight_ranges",
        ),
        F("id_zone", "int", format="isUnsignedId", required=True, xlink="zones"),
        F("id_shop", "int"),
        F("id_shop_group", "int"),
        F("price", "float", format="isPrice", required=True),
    ],
)

PRICE_RANGES = R(
    "price_ranges",
    "price_range",
    cls="RangePrice",
    fields=[
        F("id_carrier", "int", format="isInt", required=True, xlink="carriers"),
        F("delimiter1", "float", format="isUnsignedFloat", required=True),
        F("delimiter2", "float", format="isUnsignedFloat", required=True),
    ],
)

WEIGHT_RANGES = R(
    "weight_ranges",
    "weight_range",
    cls="RangeWeight",
    fields=[
        F("id_carrier", "int", format="isInt", required=True, xlink="carriers"),
        F("delimiter1", "float", format="isUnsignedFloat", required=True),
        F("delimiter2", "float", format="isUnsignedFloat", required=True),
    ],
)

RESOURCES = [
    LANGUAGES,
    CURRENCIES,
    COUNTRIES,
    STATES,
    ZONES,
    TAXES,
    TAX_RULES,
    TAX_RULE_GROUPS,
    CARRIERS,
    DELIVERIES,
    PRICE_RANGES,
    WEIGHT_RANGES,
]


#: what PrestaShop 9.0.x changes; checked against the 9.0.0 release tree
#: (``liubchenkovadim/docker-prestashop9-clear`` ``www/classes``, the
#: tree of the 9.0.0 recordings): ``validate``, ``required`` and literal
#: ``size`` of Carrier agree with it field by field
CHANGES = {
    "9.0.0": {
        "currencies": Change(
            update={
                "names": {"getter": False},
                "symbol": {"getter": False},
            },
        ),
        "countries": Change(
            update={
                "zip_code_format": {"size": 12},
            },
        ),
        "tax_rules": Change(
            update={
                "zipcode_from": {"size": 12},
                "zipcode_to": {"size": 12},
                "description": {"size": 100},
            },
        ),
        "carriers": Change(
            update={
                "url": {"size": 255},
            },
        ),
    },
}
