"""Carts, orders and what follows an order.

Each resource follows a PrestaShop ObjectModel class: its ``$definition``
(``fields``: type, ``validate`` -> ``format``, ``size`` -> ``maxSize``,
``required``, ``lang``) and its ``$webserviceParameters`` (extra fields with a
``getter``, ``setter`` => false, ``xlink_resource``; ``associations``), on
branch 8.1.x; the 9.0.x changes are in ``CHANGES`` at the end.  Fields are
in PrestaShop's rendering order (``ObjectModel::getWebserviceParameters``:
the webservice fields first, then the rest of the definition).

* ``carts``: ``Cart`` (``classes/Cart.php``)
* ``cart_rules``: ``CartRule`` (``classes/CartRule.php``)
* ``orders``: ``Order`` (``classes/order/Order.php``)
* ``order_details``: ``OrderDetail`` (``classes/order/OrderDetail.php``)
* ``order_histories``: ``OrderHistory`` (``classes/order/OrderHistory.php``)
* ``order_states``: ``OrderState`` (``classes/order/OrderState.php``)
* ``order_carriers``: ``OrderCarrier`` (``classes/order/OrderCarrier.php``)
* ``order_cart_rules``: ``OrderCartRule`` (``classes/order/OrderCartRule.php``)
* ``order_invoices``: ``OrderInvoice`` (``classes/order/OrderInvoice.php``)
* ``order_payments``: ``OrderPayment`` (``classes/order/OrderPayment.php``)
* ``order_slip``: ``OrderSlip`` (``classes/order/OrderSlip.php``)
* ``customizations``: ``Customization`` (``classes/Customization.php``)
* ``order_returns``: ``OrderReturn`` (``classes/order/OrderReturn.php``; served
  by the webservice from 9.0.0)
"""

from ._base import A, Change, F, R

CARTS = R(
    "carts",
    "cart",
    cls="Cart",
    fields=[
        F("id_address_delivery", "int", format="isUnsignedId", xlink="addresses"),
        F("id_address_invoice", "int", format="isUnsignedId", xlink="addresses"),
        F(
            "id_currency",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="currencies",
        ),
        F("id_customer", "int", format="isUnsignedId", xlink="customers"),
        F("id_guest", "int", format="isUnsignedId", xlink="guests"),
        F("id_lang", "int", format="isUnsignedId", required=True, xlink="languages"),
        F("id_shop_group", "int", format="isUnsignedId"),
        F("id_shop", "int", format="isUnsignedId"),
        F("id_carrier", "int", format="isUnsignedId"),
        F("recyclable", "bool", format="isBool"),
        F("gift", "bool", format="isBool"),
        F("gift_message", "string", format="isMessage"),
        F("mobile_theme", "bool", format="isBool"),
        F("delivery_option", "string"),
        F("secure_key", "string", size=32),
        F("allow_seperated_package", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
    associations=[
        A(
            "cart_rows",
            "cart_row",
            virtual=True,
            fields=[
                F("id_product", required=True, xlink="products"),
                F("id_product_attribute", required=True, xlink="combinations"),
                F("id_address_delivery", required=True, xlink="addresses"),
                F("id_customization", xlink="customizations"),
                F("quantity", required=True),
            ],
        ),
    ],
)

CART_RULES = R(
    "cart_rules",
    "cart_rule",
    cls="CartRule",
    fields=[
        F("id_customer", "int", format="isUnsignedId"),
        F("date_from", "date", format="isDate", required=True),
        F("date_to", "date", format="isDate", required=True),
        F("description", "string", format="isCleanHtml", size=65534),
        F("quantity", "int", format="isUnsignedInt"),
        F("quantity_per_user", "int", format="isUnsignedInt"),
        F("priority", "int", format="isUnsignedInt"),
        F("partial_use", "bool", format="isBool"),
        F("code", "string", format="isCleanHtml", size=254),
        F("minimum_amount", "float", format="isFloat"),
        F("minimum_amount_tax", "bool", format="isBool"),
        F("minimum_amount_currency", "int", format="isInt"),
        F("minimum_amount_shipping", "bool", format="isBool"),
        F("country_restriction", "bool", format="isBool"),
        F("carrier_restriction", "bool", format="isBool"),
        F("group_restriction", "bool", format="isBool"),
        F("cart_rule_restriction", "bool", format="isBool"),
        F("product_restriction", "bool", format="isBool"),
        F("shop_restriction", "bool", format="isBool"),
        F("free_shipping", "bool", format="isBool"),
        F("reduction_percent", "float", format="isPercentage"),
        F("reduction_amount", "float", format="isFloat"),
        F("reduction_tax", "bool", format="isBool"),
        F("reduction_currency", "int", format="isUnsignedId"),
        F("reduction_product", "int", format="isInt"),
        F("reduction_exclude_special", "bool", format="isBool"),
        F("gift_product", "int", format="isUnsignedId"),
        F("gift_product_attribute", "int", format="isUnsignedId"),
        F("highlight", "bool", format="isBool"),
        F("active", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("name", "html", size=254, required=True, lang=True),
    ],
)

ORDERS = R(
    "orders",
    "order",
    cls="Order",
    fields=[
        F(
            "id_address_delivery",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="addresses",
        ),
        F(
            "id_address_invoice",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="addresses",
        ),
        F("id_cart", "int", format="isUnsignedId", required=True, xlink="carts"),
        F(
            "id_currency",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="currencies",
        ),
        F("id_lang", "int", format="isUnsignedId", required=True, xlink="languages"),
        F(
            "id_customer",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="customers",
        ),
        F("id_carrier", "int", format="isUnsignedId", required=True, xlink="carriers"),
        F("current_state", "int", format="isUnsignedId", xlink="order_states"),
        F("module", "string", format="isModuleName", required=True),
        F("invoice_number", "int"),
        F("invoice_date", "date"),
        F("delivery_number", "int"),
        F("delivery_date", "date"),
        F("valid", "bool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("shipping_number", getter=True),
        F("note", "html"),
        F("id_shop_group", "int", format="isUnsignedId"),
        F("id_shop", "int", format="isUnsignedId"),
        F("secure_key", "string", format="isMd5"),
        F("payment", "string", format="isGenericName", required=True),
        F("recyclable", "bool", format="isBool"),
        F("gift", "bool", format="isBool"),
        F("gift_message", "string", format="isMessage"),
        F("mobile_theme", "bool", format="isBool"),
        F("total_discounts", "float", format="isPrice"),
        F("total_discounts_tax_incl", "float", format="isPrice"),
        F("total_discounts_tax_excl", "float", format="isPrice"),
        F("total_paid", "float", format="isPrice", required=True),
        F("total_paid_tax_incl", "float", format="isPrice"),
        F("total_paid_tax_excl", "float", format="isPrice"),
        F("total_paid_real", "float", format="isPrice", required=True),
        F("total_products", "float", format="isPrice", required=True),
        F("total_products_wt", "float", format="isPrice", required=True),
        F("total_shipping", "float", format="isPrice"),
        F("total_shipping_tax_incl", "float", format="isPrice"),
        F("total_shipping_tax_excl", "float", format="isPrice"),
        F("carrier_tax_rate", "float", format="isFloat"),
        F("total_wrapping", "float", format="isPrice"),
        F("total_wrapping_tax_incl", "float", format="isPrice"),
        F("total_wrapping_tax_excl", "float", format="isPrice"),
        F("round_mode", "int", format="isUnsignedId"),
        F("round_type", "int", format="isUnsignedId"),
        F("conversion_rate", "float", format="isFloat", required=True),
        F("reference", "string"),
    ],
    associations=[
        A(
            "order_rows",
            "order_row",
            virtual=True,
            fields=[
                F("id"),
                F("product_id", required=True, xlink="products"),
                F("product_attribute_id", required=True),
                F("product_quantity", required=True),
                F("product_name", setter=False),
                F("product_reference", setter=False),
                F("product_ean13", setter=False),
                F("product_isbn", setter=False),
                F("product_upc", setter=False),
                F("product_price", setter=False),
                F("id_customization", xlink="customizations"),
                F("unit_price_tax_incl", setter=False),
                F("unit_price_tax_excl", setter=False),
            ],
        ),
    ],
)

ORDER_DETAILS = R(
    "order_details",
    "order_detail",
    cls="OrderDetail",
    fields=[
        F("id_order", "int", format="isUnsignedId", required=True, xlink="orders"),
        F("product_id", "int", format="isUnsignedId", xlink="products"),
        F("product_attribute_id", "int", format="isUnsignedId", xlink="combinations"),
        F("product_quantity_reinjected", "int", format="isUnsignedInt"),
        F("group_reduction", "float", format="isFloat"),
        F("discount_quantity_applied", "int", format="isInt"),
        F("download_hash", "string", format="isGenericName"),
        F("download_deadline", "date", format="isDateFormat"),
        F("id_order_invoice", "int", format="isUnsignedId"),
        F("id_warehouse", "int", format="isUnsignedId", required=True),
        F("id_shop", "int", format="isUnsignedId", required=True),
        F("id_customization", "int", format="isUnsignedId"),
        F("product_name", "string", format="isGenericName", required=True),
        F("product_quantity", "int", format="isInt", required=True),
        F("product_quantity_in_stock", "int", format="isInt"),
        F("product_quantity_return", "int", format="isUnsignedInt"),
        F("product_quantity_refunded", "int", format="isUnsignedInt"),
        F("product_price", "float", format="isPrice", required=True),
        F("reduction_percent", "float", format="isFloat"),
        F("reduction_amount", "float", format="isPrice"),
        F("reduction_amount_tax_incl", "float", format="isPrice"),
        F("reduction_amount_tax_excl", "float", format="isPrice"),
        F("product_quantity_discount", "float", format="isFloat"),
        F("product_ean13", "string", format="isEan13"),
        F("product_isbn", "string", format="isIsbn"),
        F("product_upc", "string", format="isUpc"),
        F("product_mpn", "string", format="isMpn"),
        F("product_reference", "string", format="isReference"),
        F("product_supplier_reference", "string", format="isReference"),
        F("product_weight", "float", format="isFloat"),
        F("tax_computation_method", "int", format="isUnsignedId"),
        F("id_tax_rules_group", "int", format="isInt"),
        F("ecotax", "float", format="isFloat"),
        F("ecotax_tax_rate", "float", format="isFloat"),
        F("download_nb", "int", format="isInt"),
        F("unit_price_tax_incl", "float", format="isPrice"),
        F("unit_price_tax_excl", "float", format="isPrice"),
        F("total_price_tax_incl", "float", format="isPrice"),
        F("total_price_tax_excl", "float", format="isPrice"),
        F("total_shipping_price_tax_excl", "float", format="isPrice"),
        F("total_shipping_price_tax_incl", "float", format="isPrice"),
        F("purchase_supplier_price", "float", format="isPrice"),
        F("original_product_price", "float", format="isPrice"),
        F("original_wholesale_price", "float", format="isPrice"),
        F("total_refunded_tax_excl", "float", format="isPrice"),
        F("total_refunded_tax_incl", "float", format="isPrice"),
    ],
    associations=[
        A("taxes", "tax"),
    ],
)

ORDER_HISTORIES = R(
    "order_histories",
    "order_history",
    cls="OrderHistory",
    fields=[
        F("id_employee", "int", format="isUnsignedId", xlink="employees"),
        F(
            "id_order_state",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="order_states",
        ),
        F("id_order", "int", format="isUnsignedId", required=True, xlink="orders"),
        F("date_add", "date", format="isDate"),
    ],
)

ORDER_STATES = R(
    "order_states",
    "order_state",
    cls="OrderState",
    fields=[
        F("unremovable", "bool", format="isBool"),
        F("delivery", "bool", format="isBool"),
        F("hidden", "bool", format="isBool"),
        F("send_email", "bool", format="isBool"),
        F("module_name", "string", format="isModuleName"),
        F("invoice", "bool", format="isBool"),
        F("color", "string", format="isColor"),
        F("logable", "bool", format="isBool"),
        F("shipped", "bool", format="isBool"),
        F("paid", "bool", format="isBool"),
        F("pdf_delivery", "bool", format="isBool"),
        F("pdf_invoice", "bool", format="isBool"),
        F("deleted", "bool", format="isBool"),
        F("name", "string", format="isGenericName", size=64, required=True, lang=True),
        F("template", "string", format="isTplName", size=64, lang=True),
    ],
)

ORDER_CARRIERS = R(
    "order_carriers",
    "order_carrier",
    cls="OrderCarrier",
    fields=[
        F("id_order", "int", format="isUnsignedId", required=True, xlink="orders"),
        F("id_carrier", "int", format="isUnsignedId", required=True, xlink="carriers"),
        F("id_order_invoice", "int", format="isUnsignedId"),
        F("weight", "float", format="isFloat"),
        F("shipping_cost_tax_excl", "float", format="isFloat"),
        F("shipping_cost_tax_incl", "float", format="isFloat"),
        F("tracking_number", "string", format="isTrackingNumber"),
        F("date_add", "date", format="isDate"),
    ],
)

ORDER_CART_RULES = R(
    "order_cart_rules",
    "order_cart_rule",
    cls="OrderCartRule",
    fields=[
        F("id_order", "int", format="isUnsignedId", required=True, xlink="orders"),
        F("id_cart_rule", "int", format="isUnsignedId", required=True),
        F("id_order_invoice", "int", format="isUnsignedId"),
        F("name", "html", required=True),
        F("value", "float", format="isFloat", required=True),
        F("value_tax_excl", "float", format="isFloat", required=True),
        F("free_shipping", "bool", format="isBool"),
        F("deleted", "bool", format="isBool"),
    ],
)

ORDER_INVOICES = R(
    "order_invoices",
    "order_invoice",
    cls="OrderInvoice",
    fields=[
        F("id_order", "int", format="isUnsignedId", required=True),
        F("number", "int", format="isUnsignedId", required=True),
        F("delivery_number", "int", format="isUnsignedId"),
        F("delivery_date", "date", format="isDateFormat"),
        F("total_discount_tax_excl", "float"),
        F("total_discount_tax_incl", "float"),
        F("total_paid_tax_excl", "float"),
        F("total_paid_tax_incl", "float"),
        F("total_products", "float"),
        F("total_products_wt", "float"),
        F("total_shipping_tax_excl", "float"),
        F("total_shipping_tax_incl", "float"),
        F("shipping_tax_computation_method", "int"),
        F("total_wrapping_tax_excl", "float"),
        F("total_wrapping_tax_incl", "float"),
        F("shop_address", "html", format="isCleanHtml", size=1000),
        F("note", "html"),
        F("date_add", "date", format="isDate"),
    ],
)

ORDER_PAYMENTS = R(
    "order_payments",
    "order_payment",
    cls="OrderPayment",
    fields=[
        F("order_reference", "string", size=9),
        F("id_currency", "int", format="isUnsignedId", required=True),
        F("amount", "float", format="isPrice", required=True),
        F("payment_method", "string", format="isGenericName"),
        F("conversion_rate", "float", format="isFloat"),
        F("transaction_id", "string", size=254),
        F("card_number", "string", size=254),
        F("card_brand", "string", size=254),
        F("card_expiration", "string", size=254),
        F("card_holder", "string", size=254),
        F("date_add", "date", format="isDate"),
        F("id_employee", "int", format="isUnsignedId"),
    ],
)

ORDER_SLIP = R(
    "order_slip",
    "order_slip",
    cls="OrderSlip",
    list_node="order_slips",
    fields=[
        F(
            "id_customer",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="customers",
        ),
        F("id_order", "int", format="isUnsignedId", required=True, xlink="orders"),
        F("conversion_rate", "float", format="isFloat", required=True),
        F("total_products_tax_excl", "float", format="isFloat", required=True),
        F("total_products_tax_incl", "float", format="isFloat", required=True),
        F("total_shipping_tax_excl", "float", format="isFloat", required=True),
        F("total_shipping_tax_incl", "float", format="isFloat", required=True),
        F("amount", "float", format="isFloat"),
        F("shipping_cost", "bool"),
        F("shipping_cost_amount", "float", format="isFloat"),
        F("partial", "int"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("order_slip_type", "int", format="isInt"),
    ],
    associations=[
        A(
            "order_slip_details",
            "order_slip_detail",
            virtual=True,
            fields=[
                F("id"),
                F("id_order_detail", required=True),
                F("product_quantity", required=True),
                F("amount_tax_excl", required=True),
                F("amount_tax_incl", required=True),
            ],
        ),
    ],
)

CUSTOMIZATIONS = R(
    "customizations",
    "customization",
    cls="Customization",
    fields=[
        F(
            "id_address_delivery",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="addresses",
        ),
        F("id_cart", "int", format="isUnsignedId", required=True, xlink="carts"),
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F("id_product_attribute", "int", format="isUnsignedId", required=True),
        F("quantity", "int", format="isUnsignedId", required=True),
        F("quantity_refunded", "int", format="isUnsignedId", required=True),
        F("quantity_returned", "int", format="isUnsignedId", required=True),
        F("in_cart", "bool", format="isBool", required=True),
    ],
    associations=[
        A(
            "customized_data_text_fields",
            "customized_data_text_field",
            virtual=True,
            fields=[
                F(
                    "id_customization_field",
                    required=True,
                    xlink="product_customization_fields",
                ),
                F("value"),
            ],
        ),
        A(
            "customized_data_images",
            "customized_data_image",
            virtual=True,
            fields=[
                F("id_customization_field", xlink="product_customization_fields"),
                F("value"),
            ],
        ),
    ],
)

ORDER_RETURNS = R(
    "order_returns",
    "order_return",
    cls="OrderReturn",
    since="9.0.0",
    fields=[
        F("id_customer", "int", format="isUnsignedId", required=True),
        F("id_order", "int", format="isUnsignedId", required=True),
        F("question", "html", format="isCleanHtml"),
        F("state", "string"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
)

RESOURCES = [
    CARTS,
    CART_RULES,
    ORDERS,
    ORDER_DETAILS,
    ORDER_HISTORIES,
    ORDER_STATES,
    ORDER_CARRIERS,
    ORDER_CART_RULES,
    ORDER_INVOICES,
    ORDER_PAYMENTS,
    ORDER_SLIP,
    CUSTOMIZATIONS,
    ORDER_RETURNS,
]


#: what PrestaShop 9.0.x changes; checked against the 9.0.0 release tree
#: (``liubchenkovadim/docker-prestashop9-clear`` ``www/classes``, the
#: tree of the 9.0.0 recordings): ``validate``, ``required`` and literal
#: ``size`` of Order, OrderDetail, OrderHistory, OrderCarrier, OrderState,
#: OrderSlip, OrderPayment and Cart agree with it field by field
CHANGES = {
    "9.0.0": {
        "carts": Change(
            update={
                "gift_message": {"format": "isCleanHtml", "size": 4194303},
                "delivery_option": {"size": 4194303},
            },
        ),
        "orders": Change(
            update={
                "module": {"size": 255},
                "note": {"size": 4194303},
                "secure_key": {"size": 32},
                "payment": {"size": 255},
                "gift_message": {"format": "isCleanHtml", "size": 4194303},
                "reference": {"size": 255},
            },
        ),
        "order_details": Change(
            update={
                "download_hash": {"size": 255},
                "product_name": {"size": 4194303},
                "product_ean13": {"size": 13},
                "product_isbn": {"size": 32},
                "product_upc": {"size": 12},
                "product_mpn": {"size": 40},
                "product_reference": {"size": 64},
                "product_supplier_reference": {"size": 64},
            },
        ),
        "order_states": Change(
            update={
                "module_name": {"size": 255},
                "color": {"size": 32},
            },
        ),
        "order_carriers": Change(
            update={
                "tracking_number": {"size": 64},
            },
        ),
        "order_cart_rules": Change(
            update={
                "name": {"size": 254},
            },
        ),
        "order_invoices": Change(
            update={
                "shop_address": {"size": 4194303},
                "note": {"size": 4194303},
            },
        ),
        "order_payments": Change(
            update={
                "order_reference": {"size": 255},
                "payment_method": {"size": 255},
            },
        ),
        "order_returns": Change(update={"question": {"size": 4194303}}),
    },
}
