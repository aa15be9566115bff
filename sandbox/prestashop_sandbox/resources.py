"""The resource tables the engine runs on, built from the package's own
definitions (:mod:`prestashop_sandbox.definitions`: PrestaShop's ObjectModel
``$definition`` plus ``$webserviceParameters``, per version).

Each :class:`Resource` holds its fields in rendering order with their
synopsis attributes (``format``, ``required``, ``maxSize``,
``read_only``/``readOnly``, ``notFilterable``), multilanguage flag, field
``xlink:href`` target and JSON number type, and its associations.  This module
adds what is a rule about PrestaShop's rendering rather than a declaration of
a class (see the ``# --- rules`` section): which fields PHP hands to
``json_encode`` as ints (JSON numbers) and the association item links that
differ from the default.

Why one generic engine and not classes: the webservice renders every resource
the same way (fields in definition order, then associations), so the
definitions drive a single renderer; per-resource behaviour lives in
:mod:`prestashop_sandbox.logic`, version differences in
:mod:`prestashop_sandbox.profiles` (behaviour) and in each definitions
module's ``CHANGES`` (fields).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .definitions import definitions

__all__ = ["ROOT_RESOURCES", "Assoc", "Field", "Resource", "build_resources"]

DATE_FORMATS = ("isDate", "isDateFormat", "isBirthDate")


@dataclass
class Field:
    name: str
    attrs: dict
    multilang: bool = False
    is_int: bool = False
    xlink: str | None = None
    #: the declaration (:class:`prestashop_sandbox.definitions.F`); None for id
    defn: object = None

    @property
    def read_only(self) -> bool:
        return "read_only" in self.attrs

    @property
    def required(self) -> bool:
        return "required" in self.attrs

    @property
    def not_filterable(self) -> bool:
        return "notFilterable" in self.attrs

    @property
    def is_date(self) -> bool:
        return self.attrs.get("format") == "isDate" or self.name in (
            "date_add",
            "date_upd",
        )


@dataclass
class AssocField:
    name: str
    attrs: dict
    xlink: str | None = None


@dataclass
class Assoc:
    name: str
    item: str
    attrs: dict
    fields: list
    item_xlink: str | None = None


@dataclass
class Resource:
    name: str
    node: str
    fields: list
    assocs: list = field(default_factory=list)

    def __post_init__(self):
        self.field_map = {f.name: f for f in self.fields}
        self.assoc_map = {a.name: a for a in self.assocs}
        self.ml_fields = [f.name for f in self.fields if f.multilang]


# --- rules: what a synopsis does not say ---------------------------------------
#
# JSON numbers.  The webservice hands PHP values to ``json_encode`` as the
# object holds them: the id, and the columns PrestaShop declares ``TYPE_INT``
# (those whose validator only accepts whole numbers), come back as ints;
# everything else (booleans, decimals, dates, text) as the database string.
INT_FORMATS = frozenset(
    {
        "isUnsignedId",
        "isNullOrUnsignedId",
        "isUnsignedInt",
        "isPositiveInt",
        "isInt",
        "isImageSize",  # image_types width/height
        "isPriceDisplayMethod",  # groups: 0 or 1, an int column
    }
)
#: a column without validator is an int when it is a foreign key (``id_*``)
#: or a ``position``; ...
INT_NAMES_PREFIX = "id_"
INT_NAMES = frozenset({"position"})
#: ... except where the class declares it without a type (Delivery's shop
#: columns, which PHP leaves as the database strings)
NOT_INT = {"deliveries": {"id_shop", "id_shop_group"}}
#: classes whose objects PHP builds with their booleans cast to int (they are
#: loaded through caches that cast: Currency, Language, Shop, ShopGroup), and
#: single booleans cast by their class (Group::$show_prices,
#: SpecificPrice::$reduction_tax)
BOOLS_AS_INT = {"currencies", "languages", "shops", "shop_groups"}
INT_BOOLS = {"groups": {"show_prices"}, "specific_prices": {"reduction_tax"}}
#: values computed by a webservice getter or a class method that returns an
#: int (nb_products_recursive, product quantity/positions, invoice and
#: delivery numbers, the +1/-1 sign of a stock movement reason)
INT_GETTERS = {
    "categories": {"nb_products_recursive"},
    "products": {
        "cache_default_attribute",
        "position_in_category",
        "manufacturer_name",
        "quantity",
    },
    "orders": {"invoice_number", "delivery_number"},
    "stock_movement_reasons": {"sign"},
}


def renders_as_number(resource: str, name: str, attrs: dict) -> bool:
    """The rule above: does ``resource.name`` render as a JSON number?"""
    fmt = attrs.get("format")
    if name == "id" or fmt in INT_FORMATS:
        return True
    if fmt == "isBool":
        return resource in BOOLS_AS_INT or name in INT_BOOLS.get(resource, ())
    if name in INT_GETTERS.get(resource, ()):
        return True
    if fmt is None and (name.startswith(INT_NAMES_PREFIX) or name in INT_NAMES):
        return name not in NOT_INT.get(resource, ())
    return False


#: entry points served by a specific management class, not an ObjectModel
#: (their synopsis is an image-type listing or an error): routed by the API
SPECIFIC_MANAGEMENT = frozenset({"images", "search"})
#: association items render ``xlink:href`` to their ``api`` resource, except
#: product images, which link to the image itself
ITEM_XLINKS = {("products", "images"): "images/products"}


def build_resources(version: str = "8.1.2") -> dict:
    """``{name: Resource}`` for ``version`` from the built-in definitions plus
    the rules above.  Each call returns fresh objects (callers may change
    them)."""
    out = {}
    for name, d in definitions(version).items():
        if name in SPECIFIC_MANAGEMENT:
            continue
        fields = [Field("id", {}, False, True, None)]
        for f in d.fields:
            attrs = f.synopsis_attrs()
            fields.append(
                Field(
                    f.name,
                    attrs,
                    f.lang,
                    renders_as_number(name, f.name, attrs),
                    f.xlink,
                    f,
                )
            )
        assocs = [
            Assoc(
                a.name,
                a.item,
                a.synopsis_attrs(),
                [AssocField(af.name, af.synopsis_attrs(), af.xlink) for af in a.fields],
                ITEM_XLINKS.get((name, a.name), a.synopsis_attrs().get("api")),
            )
            for a in d.associations
        ]
        res = Resource(name, d.node, fields, assocs)
        res.list_node = d.list_node or name
        res.cls = d.cls
        out[name] = res
    return out


ROOT_RESOURCES = [
    ("addresses", "The Customer, Brand and Customer addresses", True),
    ("attachments", "The product Attachments", False),
    ("carriers", "The Carriers", True),
    ("cart_rules", "Cart rules management", True),
    ("carts", "Customer's carts", True),
    ("categories", "The product categories", True),
    ("combinations", "The product combinations", True),
    ("configurations", "Shop configuration", True),
    ("contacts", "Shop contacts", True),
    ("content_management_system", "Content management system", True),
    ("countries", "The countries", True),
    ("currencies", "The currencies", True),
    ("customer_messages", "Customer services messages", True),
    ("customer_threads", "Customer services threads", True),
    ("customers", "The e-shop's customers", True),
    ("customizations", "Customization values", True),
    ("deliveries", "Product delivery", True),
    ("employees", "The Employees", True),
    ("groups", "The customer's groups", True),
    ("guests", "The guests", True),
    ("image_types", "The image types", True),
    ("images", "The images", False),
    ("languages", "Shop languages", True),
    ("manufacturers", "The product brands", True),
    ("messages", "The Messages", True),
    ("order_carriers", "The Order carriers", True),
    ("order_cart_rules", "The Order cart rules", True),
    ("order_details", "Details of an order", True),
    ("order_histories", "The Order histories", True),
    ("order_invoices", "The Order invoices", True),
    ("order_payments", "The Order payments", True),
    ("order_slip", "The Order slips", True),
    ("order_states", "The Order statuses", True),
    ("orders", "The Customers orders", True),
    ("price_ranges", "Price ranges", True),
    ("product_customization_fields", "Customization Field", True),
    ("product_feature_values", "The product feature values", True),
    ("product_features", "The product features", True),
    ("product_option_values", "The product options value", True),
    ("product_options", "The product options", True),
    ("product_suppliers", "Product Suppliers", True),
    ("products", "The products", True),
    ("search", "Search", False),
    ("shop_groups", "Shop groups from multi-shop feature", True),
    ("shop_urls", "Shop URLs from multi-shop feature", True),
    ("shops", "Shops from multi-shop feature", True),
    ("specific_price_rules", "Specific price management", True),
    ("specific_prices", "Specific price management", True),
    ("states", "The available states of countries", True),
    ("stock_availables", "Available quantities", True),
    ("stock_movement_reasons", "Stock movement reason", True),
    ("stock_movements", "Stock movements", True),
    ("stocks", "Stocks", True),
    ("stores", "The stores", True),
    ("suppliers", "The product suppliers", True),
    ("supply_order_details", "Supply Order Details", True),
    ("supply_order_histories", "Supply Order Histories", True),
    ("supply_order_receipt_histories", "Supply Order Receipt Histories", True),
    ("supply_order_states", "Supply Order Statuses", True),
    ("supply_orders", "Supply Orders", True),
    ("tags", "The Products tags", True),
    ("tax_rule_groups", "Tax rule groups", True),
    ("tax_rules", "Tax rules entity", True),
    ("taxes", "The tax rate", True),
    ("translated_configurations", "Shop configuration", True),
    ("warehouse_product_locations", "Location of products in warehouses", True),
    ("warehouses", "Warehouses", True),
    ("weight_ranges", "Weight ranges", True),
    ("zones", "The Countries zones", True),
    ("order_returns", "The Customers orders returns", True),
]
