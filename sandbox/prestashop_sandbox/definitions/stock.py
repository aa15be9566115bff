"""Stock: available quantities, movements, warehouses and supply orders.

Each resource follows a PrestaShop ObjectModel class: its ``$definition``
(``fields``: type, ``validate`` -> ``format``, ``size`` -> ``maxSize``,
``required``, ``lang``) and its ``$webserviceParameters`` (extra fields with a
``getter``, ``setter`` => false, ``xlink_resource``; ``associations``), on
branch 8.1.x; the 9.0.x changes are in ``CHANGES`` at the end.  Fields are
in PrestaShop's rendering order (``ObjectModel::getWebserviceParameters``:
the webservice fields first, then the rest of the definition).

* ``stock_availables``: ``StockAvailable`` (``classes/stock/StockAvailable.php``)
* ``stock_movements``: ``StockMvtWS`` (``classes/stock/StockMvtWS.php``)
* ``stock_movement_reasons``: ``StockMvtReason`` (``classes/stock/StockMvtReason.php``)
* ``stocks``: ``Stock`` (``classes/stock/Stock.php``)
* ``warehouses``: ``Warehouse`` (``classes/stock/Warehouse.php``)
* ``warehouse_product_locations``: ``WarehouseProductLocation``
  (``classes/stock/WarehouseProductLocation.php``)
* ``supply_orders``: ``SupplyOrder`` (``classes/stock/SupplyOrder.php``)
* ``supply_order_details``: ``SupplyOrderDetail``
  (``classes/stock/SupplyOrderDetail.php``)
* ``supply_order_histories``: ``SupplyOrderHistory``
  (``classes/stock/SupplyOrderHistory.php``)
* ``supply_order_receipt_histories``: ``SupplyOrderReceiptHistory``
  (``classes/stock/SupplyOrderReceiptHistory.php``)
* ``supply_order_states``: ``SupplyOrderState`` (``classes/stock/SupplyOrderState.php``)
"""

from ._base import A, Change, F, R

STOCK_AVAILABLES = R(
    "stock_availables",
    "stock_available",
    cls="StockAvailable",
    fields=[
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F(
            "id_product_attribute",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="combinations",
        ),
        F("id_shop", "int", format="isUnsignedId", xlink="shops"),
        F("id_shop_group", "int", format="isUnsignedId", xlink="shop_groups"),
        F("quantity", "int", format="isInt", required=True),
        F("depends_on_stock", "bool", format="isBool", required=True),
        F("out_of_stock", "int", format="isInt", required=True),
        F("location", "string", format="isString", size=255),
    ],
)

STOCK_MOVEMENTS = R(
    "stock_movements",
    "stock_mvt",
    cls="StockMvtWS",
    fields=[
        F("id_product", xlink="products"),
        F("id_product_attribute", xlink="combinations"),
        F("id_warehouse", xlink="warehouses"),
        F("id_currency", xlink="currencies"),
        F("management_type"),
        F(
            "id_employee",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="employees",
        ),
        F("id_stock", "int", format="isUnsignedId", required=True, xlink="stocks"),
        F(
            "id_stock_mvt_reason",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="stock_movement_reasons",
        ),
        F("id_order", "int", format="isUnsignedId", xlink="orders"),
        F("id_supply_order", "int", format="isUnsignedId", xlink="supply_orders"),
        F("product_name", lang=True, getter=True),
        F("ean13"),
        F("upc"),
        F("reference"),
        F("mpn"),
        F("physical_quantity", "int", format="isUnsignedInt", required=True),
        F("sign", "int", format="isInt", required=True),
        F("last_wa", "float", format="isPrice"),
        F("current_wa", "float", format="isPrice"),
        F("price_te", "float", format="isPrice", required=True),
        F("date_add", "date", format="isDate", required=True),
    ],
)

STOCK_MOVEMENT_REASONS = R(
    "stock_movement_reasons",
    "stock_movement_reason",
    cls="StockMvtReason",
    fields=[
        F("sign", "int"),
        F("deleted", "bool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("name", "string", format="isGenericName", size=255, required=True, lang=True),
    ],
)

STOCKS = R(
    "stocks",
    "stock",
    cls="Stock",
    fields=[
        F(
            "id_warehouse",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="warehouses",
        ),
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F(
            "id_product_attribute",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="combinations",
        ),
        F("real_quantity", getter=True, setter=False),
        F("reference", "string", format="isReference"),
        F("ean13", "string", format="isEan13"),
        F("isbn", "string", format="isIsbn"),
        F("upc", "string", format="isUpc"),
        F("mpn", "string", format="isMpn"),
        F("physical_quantity", "int", format="isUnsignedInt", required=True),
        F("usable_quantity", "int", format="isInt", required=True),
        F("price_te", "float", format="isPrice", required=True),
    ],
)

WAREHOUSES = R(
    "warehouses",
    "warehouse",
    cls="Warehouse",
    fields=[
        F("id_address", "int", format="isUnsignedId", required=True, xlink="addresses"),
        F(
            "id_employee",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="employees",
        ),
        F(
            "id_currency",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="currencies",
        ),
        F("valuation", getter=True, setter=False),
        F("deleted", "bool"),
        F("reference", "string", format="isString", size=64, required=True),
        F("name", "string", format="isString", size=45, required=True),
        F("management_type", "string", format="isStockManagement", required=True),
    ],
    associations=[
        A("stocks", "stock"),
        A("carriers", "carrier"),
        A("shops", "shop", fields=[F("id"), F("name")]),
    ],
)

WAREHOUSE_PRODUCT_LOCATIONS = R(
    "warehouse_product_locations",
    "warehouse_product_location",
    cls="WarehouseProductLocation",
    fields=[
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F(
            "id_product_attribute",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="combinations",
        ),
        F(
            "id_warehouse",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="warehouses",
        ),
        F("location", "string", format="isReference", size=64),
    ],
)

SUPPLY_ORDERS = R(
    "supply_orders",
    "supply_order",
    cls="SupplyOrder",
    fields=[
        F(
            "id_supplier",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="suppliers",
        ),
        F("id_lang", "int", format="isUnsignedId", required=True, xlink="languages"),
        F(
            "id_warehouse",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="warehouses",
        ),
        F(
            "id_supply_order_state",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="supply_order_states",
        ),
        F(
            "id_currency",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="currencies",
        ),
        F("supplier_name", "string", format="isCatalogName"),
        F("reference", "string", format="isGenericName", required=True),
        F("date_delivery_expected", "date", format="isDate", required=True),
        F("total_te", "float", format="isPrice"),
        F("total_with_discount_te", "float", format="isPrice"),
        F("total_ti", "float", format="isPrice"),
        F("total_tax", "float", format="isPrice"),
        F("discount_rate", "float", format="isFloat"),
        F("discount_value_te", "float", format="isPrice"),
        F("is_template", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
    associations=[
        A(
            "supply_order_details",
            "supply_order_detail",
            fields=[
                F("id"),
                F("id_product"),
                F("id_product_attribute"),
                F("supplier_reference"),
                F("product_name"),
            ],
        ),
    ],
)

SUPPLY_ORDER_DETAILS = R(
    "supply_order_details",
    "supply_order_detail",
    cls="SupplyOrderDetail",
    fields=[
        F(
            "id_supply_order",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="supply_orders",
        ),
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F(
            "id_product_attribute",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="combinations",
        ),
        F("reference", "string", format="isReference"),
        F("supplier_reference", "string", format="isReference"),
        F("name", "string", format="isGenericName", required=True),
        F("ean13", "string", format="isEan13"),
        F("isbn", "string", format="isIsbn"),
        F("upc", "string", format="isUpc"),
        F("mpn", "string", format="isMpn"),
        F("exchange_rate", "float", format="isFloat", required=True),
        F("unit_price_te", "float", format="isPrice", required=True),
        F("quantity_expected", "int", format="isUnsignedInt", required=True),
        F("quantity_received", "int", format="isUnsignedInt"),
        F("price_te", "float", format="isPrice", required=True),
        F("discount_rate", "float", format="isFloat", required=True),
        F("discount_value_te", "float", format="isPrice", required=True),
        F("price_with_discount_te", "float", format="isPrice", required=True),
        F("tax_rate", "float", format="isFloat", required=True),
        F("tax_value", "float", format="isPrice", required=True),
        F("price_ti", "float", format="isPrice", required=True),
        F("tax_value_with_order_discount", "float", format="isFloat", required=True),
        F("price_with_order_discount_te", "float", format="isPrice", required=True),
    ],
)

SUPPLY_ORDER_HISTORIES = R(
    "supply_order_histories",
    "supply_order_history",
    cls="SupplyOrderHistory",
    fields=[
        F(
            "id_supply_order",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="supply_orders",
        ),
        F(
            "id_employee",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="employees",
        ),
        F(
            "id_state",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="supply_order_states",
        ),
        F("employee_firstname", "string", format="isName"),
        F("employee_lastname", "string", format="isName"),
        F("date_add", "date", format="isDate", required=True),
    ],
)

SUPPLY_ORDER_RECEIPT_HISTORIES = R(
    "supply_order_receipt_histories",
    "supply_order_receipt_history",
    cls="SupplyOrderReceiptHistory",
    fields=[
        F(
            "id_supply_order_detail",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="supply_order_details",
        ),
        F(
            "id_employee",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="employees",
        ),
        F(
            "id_supply_order_state",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="supply_order_states",
        ),
        F("employee_firstname", "string", format="isName"),
        F("employee_lastname", "string", format="isName"),
        F("quantity", "int", format="isUnsignedInt", required=True),
        F("date_add", "date", format="isDate"),
    ],
)

SUPPLY_ORDER_STATES = R(
    "supply_order_states",
    "supply_order_state",
    cls="SupplyOrderState",
    fields=[
        F("delivery_note", "bool", format="isBool"),
        F("editable", "bool", format="isBool"),
        F("receipt_state", "bool", format="isBool"),
        F("pending_receipt", "bool", format="isBool"),
        F("enclosed", "bool", format="isBool"),
        F("color", "string", format="isColor"),
        F("name", "string", format="isGenericName", size=128, required=True, lang=True),
    ],
)

RESOURCES = [
    STOCK_AVAILABLES,
    STOCK_MOVEMENTS,
    STOCK_MOVEMENT_REASONS,
    STOCKS,
    WAREHOUSES,
    WAREHOUSE_PRODUCT_LOCATIONS,
    SUPPLY_ORDERS,
    SUPPLY_ORDER_DETAILS,
    SUPPLY_ORDER_HISTORIES,
    SUPPLY_ORDER_RECEIPT_HISTORIES,
    SUPPLY_ORDER_STATES,
]


#: what PrestaShop 9.0.x changes; checked against the 9.0.0 release tree
#: (``liubchenkovadim/docker-prestashop9-clear`` ``www/classes``, the
#: tree of the 9.0.0 recordings): ``validate``, ``required`` and literal
#: ``size`` of StockAvailable agree with it field by field
CHANGES = {
    "9.0.0": {
        "stock_movements": Change(
            update={
                "product_name": {"getter": False},
            },
        ),
        "stocks": Change(
            update={
                "reference": {"size": 64},
                "ean13": {"size": 13},
                "isbn": {"size": 32},
                "upc": {"size": 12},
                "mpn": {"size": 40},
            },
        ),
    },
}
