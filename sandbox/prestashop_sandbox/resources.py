"""Resource definitions of the PrestaShop webservice (ObjectModel ``$definition``
plus ``$webserviceParameters``), built at start-up.

No field table lives here.  The fields (names and rendering order, ``format``,
``required``, ``maxSize``, ``read_only``/``readOnly``, ``notFilterable``,
multilanguage) and the associations (item node, item fields and their xlinks)
are read from a schema directory of ``?schema=synopsis`` files by
:mod:`prestashop_sandbox.schema`.  This module adds what a synopsis does not
show, as rules about PrestaShop's behaviour (see the ``# --- rules`` section):

* which fields PHP hands to ``json_encode`` as ints (JSON numbers);
* which fields render ``xlink:href`` and to what (PrestaShop declares these in
  each class's ``$webserviceParameters['fields'][..]['xlink_resource']``);
* list node names and association item links that differ from the defaults.

Why one generic engine and not classes: the webservice renders every resource
the same way (fields in definition order, then associations), so the loaded
definitions drive a single renderer; per-resource behaviour lives in
:mod:`prestashop_sandbox.logic`, version differences in
:mod:`prestashop_sandbox.profiles`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .schema import find_schema_dir, load_synopsis_dir

__all__ = ["ROOT_RESOURCES", "Assoc", "Field", "Resource", "build_resources"]

DATE_FORMATS = ("isDate", "isDateFormat", "isBirthDate")


@dataclass
class Field:
    name: str
    attrs: dict
    multilang: bool = False
    is_int: bool = False
    xlink: str | None = None

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


# Field xlinks.  A field renders ``xlink:href="<api>/<target>/<value>"`` when
# its class declares an ``xlink_resource`` for it; the synopsis does not show
# these.  Which fields declare one, per resource (PrestaShop's
# ``$webserviceParameters['fields']``):
XLINKED = {
    "addresses": "id_customer id_manufacturer id_supplier id_country id_state",
    "carriers": "id_tax_rules_group",
    "carts": "id_address_delivery id_address_invoice id_currency id_customer "
    "id_guest id_lang",
    "categories": "id_parent",
    "combinations": "id_product",
    "countries": "id_zone",
    "customers": "id_default_group id_lang",
    "deliveries": "id_carrier id_range_price id_range_weight id_zone",
    "employees": "id_lang",
    "guests": "id_customer",
    "order_carriers": "id_order id_carrier",
    "order_details": "id_order product_id product_attribute_id",
    "order_histories": "id_employee id_order_state id_order",
    "order_slip": "id_customer id_order",
    "orders": "id_address_delivery id_address_invoice id_cart id_currency "
    "id_lang id_customer id_carrier current_state",
    "price_ranges": "id_carrier",
    "product_customization_fields": "id_product",
    "product_feature_values": "id_feature",
    "product_option_values": "id_attribute_group",
    "product_suppliers": "id_product id_product_attribute id_supplier id_currency",
    "products": "id_manufacturer id_supplier id_category_default id_default_image "
    "id_default_combination id_tax_rules_group",
    "shop_urls": "id_shop",
    "shops": "id_shop_group",
    "specific_prices": "id_shop id_product id_currency id_country id_group "
    "id_customer",
    "states": "id_zone id_country",
    "stock_availables": "id_product id_product_attribute id_shop",
    "stores": "id_country id_state",
    "tags": "id_lang",
    "tax_rules": "id_tax_rules_group id_country",
    "weight_ranges": "id_carrier",
}
#: the target is the resource whose node is the name without ``id_``
#: (``id_zone`` -> ``zones``), except for these names
XLINK_TARGETS = {
    "id_address_delivery": "addresses",
    "id_address_invoice": "addresses",
    "id_lang": "languages",
    "id_parent": "categories",
    "id_category_default": "categories",
    "id_default_group": "groups",
    "id_default_image": "images/products",
    "id_default_combination": "combinations",
    "id_product_attribute": "combinations",
    "product_attribute_id": "combinations",
    "product_id": "products",
    "id_range_price": "price_ranges",
    "id_range_weight": "weight_ranges",
    "id_feature": "product_features",
    "id_attribute_group": "product_options",
    "id_tax_rules_group": "tax_rule_groups",
    "current_state": "order_states",
}
#: entry points served by a specific management class, not an ObjectModel
#: (their synopsis is an image-type listing or an error): routed by the API
SPECIFIC_MANAGEMENT = frozenset({"images", "search"})
#: list nodes (``objectsNodeName``) that are not the resource name
LIST_NODES = {"order_slip": "order_slips"}
#: association items render ``xlink:href`` to their ``api`` resource, except
#: product images, which link to the image itself
ITEM_XLINKS = {("products", "images"): "images/products"}


def _field_xlink(name: str, node_to_resource: dict) -> str | None:
    target = XLINK_TARGETS.get(name)
    if target is None and name.startswith("id_"):
        target = node_to_resource.get(name[3:])
    return target


def build_resources(version: str = "8.1.2", schema_dir=None, dump_dir=None) -> dict:
    """``{name: Resource}`` for ``version``, read from its schema directory
    (see :func:`prestashop_sandbox.schema.find_schema_dir`) plus the rules
    above.  Each call returns fresh objects (callers may change them)."""
    path = find_schema_dir(version, schema_dir=schema_dir, dump_dir=dump_dir)
    return resources_from_synopsis(load_synopsis_dir(path))


def resources_from_synopsis(synopsis: dict) -> dict:
    node_to_resource = {s.node: name for name, s in synopsis.items()}
    out = {}
    for name, syn in synopsis.items():
        if name in SPECIFIC_MANAGEMENT or syn.node == "errors":
            continue
        linked = set(XLINKED.get(name, "").split())
        fields = [Field("id", {}, False, True, None)]
        for sf in syn.fields:
            xlink = None
            if sf.name in linked:
                xlink = _field_xlink(sf.name, node_to_resource)
            fields.append(
                Field(
                    sf.name,
                    dict(sf.attrs),
                    sf.multilang,
                    renders_as_number(name, sf.name, sf.attrs),
                    xlink,
                )
            )
        assocs = [
            Assoc(
                sa.name,
                sa.item,
                dict(sa.attrs),
                [AssocField(f.name, dict(f.attrs), f.xlink) for f in sa.fields],
                ITEM_XLINKS.get((name, sa.name), sa.attrs.get("api")),
            )
            for sa in syn.assocs
        ]
        res = Resource(name, syn.node, fields, assocs)
        res.list_node = LIST_NODES.get(name, name)
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
