"""Catalogue: products and what hangs on them.

Each resource follows a PrestaShop ObjectModel class: its ``$definition``
(``fields``: type, ``validate`` -> ``format``, ``size`` -> ``maxSize``,
``required``, ``lang``) and its ``$webserviceParameters`` (extra fields with a
``getter``, ``setter`` => false, ``xlink_resource``; ``associations``), on
branch 8.1.x; the 9.0.x changes are in ``CHANGES`` at the end.  Fields are
in PrestaShop's rendering order (``ObjectModel::getWebserviceParameters``:
the webservice fields first, then the rest of the definition).

* ``products``: ``Product`` (``classes/Product.php``)
* ``combinations``: ``Combination`` (``classes/Combination.php``)
* ``categories``: ``Category`` (``classes/Category.php``)
* ``product_options``: ``AttributeGroup`` (``classes/AttributeGroup.php``)
* ``product_option_values``: ``ProductAttribute`` (``classes/ProductAttribute.php``)
* ``product_features``: ``Feature`` (``classes/Feature.php``)
* ``product_feature_values``: ``FeatureValue`` (``classes/FeatureValue.php``)
* ``specific_prices``: ``SpecificPrice`` (``classes/SpecificPrice.php``)
* ``specific_price_rules``: ``SpecificPriceRule`` (``classes/SpecificPriceRule.php``)
* ``tags``: ``Tag`` (``classes/Tag.php``)
* ``attachments``: ``Attachment`` (``classes/Attachment.php``)
* ``product_customization_fields``: ``CustomizationField``
  (``classes/CustomizationField.php``)
* ``product_suppliers``: ``ProductSupplier`` (``classes/ProductSupplier.php``)
* ``manufacturers``: ``Manufacturer`` (``classes/Manufacturer.php``)
* ``suppliers``: ``Supplier`` (``classes/Supplier.php``)
* ``image_types``: ``ImageType`` (``classes/ImageType.php``)
"""

from ._base import A, Change, F, R

PRODUCTS = R(
    "products",
    "product",
    cls="Product",
    fields=[
        F("id_manufacturer", "int", format="isUnsignedId", xlink="manufacturers"),
        F("id_supplier", "int", format="isUnsignedId", xlink="suppliers"),
        F("id_category_default", "int", format="isUnsignedId", xlink="categories"),
        F("new"),
        F("cache_default_attribute", "int"),
        F("id_default_image", getter=True, xlink="images/products"),
        F("id_default_combination", getter=True, xlink="combinations"),
        F("id_tax_rules_group", "int", format="isUnsignedId", xlink="tax_rule_groups"),
        F("position_in_category", getter=True),
        F("manufacturer_name", getter=True, setter=False),
        F("quantity", getter=True, setter=False),
        F("type", getter=True),
        F("id_shop_default", "int", format="isUnsignedId"),
        F("reference", "string", format="isReference", size=64),
        F("supplier_reference", "string", format="isReference", size=64),
        F("location", "string", format="isString", size=255),
        F("width", "float", format="isUnsignedFloat"),
        F("height", "float", format="isUnsignedFloat"),
        F("depth", "float", format="isUnsignedFloat"),
        F("weight", "float", format="isUnsignedFloat"),
        F("quantity_discount", "bool", format="isBool"),
        F("ean13", "string", format="isEan13", size=13),
        F("isbn", "string", format="isIsbn", size=32),
        F("upc", "string", format="isUpc", size=12),
        F("mpn", "string", format="isMpn", size=40),
        F("cache_is_pack", "bool", format="isBool"),
        F("cache_has_attachments", "bool", format="isBool"),
        F("is_virtual", "bool", format="isBool"),
        F("state", "int", format="isUnsignedId"),
        F("additional_delivery_times", "int", format="isUnsignedId"),
        F("delivery_in_stock", "string", format="isGenericName", size=255, lang=True),
        F("delivery_out_stock", "string", format="isGenericName", size=255, lang=True),
        F("product_type", "string", format="isGenericName"),
        F("on_sale", "bool", format="isBool"),
        F("online_only", "bool", format="isBool"),
        F("ecotax", "float", format="isPrice"),
        F("minimal_quantity", "int", format="isUnsignedInt"),
        F("low_stock_threshold", "int", format="isInt"),
        F("low_stock_alert", "bool", format="isBool"),
        F("price", "float", format="isPrice", required=True),
        F("wholesale_price", "float", format="isPrice"),
        F("unity", "string", format="isString"),
        F("unit_price", "float", format="isPrice"),
        F("unit_price_ratio", "float"),
        F("additional_shipping_cost", "float", format="isPrice"),
        F("customizable", "int", format="isUnsignedInt"),
        F("text_fields", "int", format="isUnsignedInt"),
        F("uploadable_files", "int", format="isUnsignedInt"),
        F("active", "bool", format="isBool"),
        F("redirect_type", "string", format="isString"),
        F("id_type_redirected", "int", format="isUnsignedId"),
        F("available_for_order", "bool", format="isBool"),
        F("available_date", "date", format="isDateFormat"),
        F("show_condition", "bool", format="isBool"),
        F("condition", "string", format="isGenericName"),
        F("show_price", "bool", format="isBool"),
        F("indexed", "bool", format="isBool"),
        F("visibility", "string", format="isProductVisibility"),
        F("advanced_stock_management", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("pack_stock_type", "int", format="isUnsignedInt"),
        F("meta_description", "string", format="isGenericName", size=512, lang=True),
        F("meta_keywords", "string", format="isGenericName", size=255, lang=True),
        F("meta_title", "string", format="isGenericName", size=255, lang=True),
        F("link_rewrite", "string", format="isLinkRewrite", size=128, lang=True),
        F("name", "string", format="isCatalogName", size=128, lang=True),
        F("description", "html", format="isCleanHtml", lang=True),
        F("description_short", "html", format="isCleanHtml", lang=True),
        F("available_now", "string", format="isGenericName", size=255, lang=True),
        F("available_later", "string", format="IsGenericName", size=255, lang=True),
    ],
    associations=[
        A("categories", "category", fields=[F("id", required=True)]),
        A("images", "image"),
        A("combinations", "combination", fields=[F("id", required=True)]),
        A(
            "product_option_values",
            "product_option_value",
            fields=[F("id", required=True)],
        ),
        A(
            "product_features",
            "product_feature",
            fields=[
                F("id", required=True),
                F("id_feature_value", required=True, xlink="product_feature_values"),
            ],
        ),
        A("tags", "tag", fields=[F("id", required=True)]),
        A(
            "stock_availables",
            "stock_available",
            fields=[F("id", required=True), F("id_product_attribute", required=True)],
        ),
        A("attachments", "attachment", fields=[F("id", required=True)]),
        A(
            "accessories",
            "product",
            api="products",
            fields=[F("id", required=True, xlink="products")],
        ),
        A(
            "product_bundle",
            "product",
            api="products",
            fields=[F("id", required=True), F("id_product_attribute"), F("quantity")],
        ),
    ],
)

COMBINATIONS = R(
    "combinations",
    "combination",
    cls="Combination",
    fields=[
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F("ean13", "string", format="isEan13", size=13),
        F("isbn", "string", format="isIsbn", size=32),
        F("upc", "string", format="isUpc", size=12),
        F("mpn", "string", format="isMpn", size=40),
        F("reference", "string", size=64),
        F("supplier_reference", "string", size=64),
        F("wholesale_price", "float", format="isNegativePrice", size=27),
        F("price", "float", format="isNegativePrice", size=20),
        F("ecotax", "float", format="isPrice", size=20),
        F("weight", "float", format="isFloat"),
        F("unit_price_impact", "float", format="isNegativePrice", size=20),
        F("minimal_quantity", "int", format="isUnsignedId", required=True),
        F("low_stock_threshold", "int", format="isInt"),
        F("low_stock_alert", "bool", format="isBool"),
        F("default_on", "bool", format="isBool"),
        F("available_date", "date", format="isDateFormat"),
        F("available_now", "string", format="isGenericName", size=255, lang=True),
        F("available_later", "string", format="IsGenericName", size=255, lang=True),
    ],
    associations=[
        A("product_option_values", "product_option_value"),
        A("images", "image", api="images/products"),
    ],
)

CATEGORIES = R(
    "categories",
    "category",
    cls="Category",
    fields=[
        F("id_parent", "int", format="isUnsignedInt", xlink="categories"),
        F("level_depth", "int", format="isUnsignedInt", setter=False),
        F("nb_products_recursive", getter=True, setter=False),
        F("active", "bool", format="isBool", required=True),
        F("id_shop_default", "int", format="isUnsignedId"),
        F("is_root_category", "bool", format="isBool"),
        F("position", "int"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("name", "string", format="isCatalogName", size=128, required=True, lang=True),
        F(
            "link_rewrite",
            "string",
            format="isLinkRewrite",
            size=128,
            required=True,
            lang=True,
        ),
        F("description", "html", format="isCleanHtml", lang=True),
        F("additional_description", "html", format="isCleanHtml", lang=True),
        F("meta_title", "string", format="isGenericName", size=255, lang=True),
        F("meta_description", "string", format="isGenericName", size=512, lang=True),
        F("meta_keywords", "string", format="isGenericName", size=255, lang=True),
    ],
    associations=[
        A("categories", "category"),
        A("products", "product"),
    ],
)

PRODUCT_OPTIONS = R(
    "product_options",
    "product_option",
    cls="AttributeGroup",
    fields=[
        F("is_color_group", "bool", format="isBool"),
        F("group_type", "string", required=True),
        F("position", "int", format="isInt"),
        F("name", "string", format="isGenericName", size=128, required=True, lang=True),
        F(
            "public_name",
            "string",
            format="isGenericName",
            size=64,
            required=True,
            lang=True,
        ),
    ],
    associations=[
        A("product_option_values", "product_option_value"),
    ],
)

PRODUCT_OPTION_VALUES = R(
    "product_option_values",
    "product_option_value",
    cls="ProductAttribute",
    fields=[
        F(
            "id_attribute_group",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="product_options",
        ),
        F("color", "string", format="isColor"),
        F("position", "int", format="isInt"),
        F("name", "string", format="isGenericName", size=128, required=True, lang=True),
    ],
)

PRODUCT_FEATURES = R(
    "product_features",
    "product_feature",
    cls="Feature",
    fields=[
        F("position", "int", format="isInt"),
        F("name", "string", format="isGenericName", size=128, required=True, lang=True),
    ],
)

PRODUCT_FEATURE_VALUES = R(
    "product_feature_values",
    "product_feature_value",
    cls="FeatureValue",
    fields=[
        F(
            "id_feature",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="product_features",
        ),
        F("custom", "bool", format="isBool"),
        F(
            "value",
            "string",
            format="isGenericName",
            size=255,
            required=True,
            lang=True,
        ),
    ],
)

SPECIFIC_PRICES = R(
    "specific_prices",
    "specific_price",
    cls="SpecificPrice",
    fields=[
        F("id_shop_group", "int", format="isUnsignedId", xlink="shop_groups"),
        F("id_shop", "int", format="isUnsignedId", required=True, xlink="shops"),
        F("id_cart", "int", format="isUnsignedId", required=True, xlink="carts"),
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F(
            "id_product_attribute",
            "int",
            format="isUnsignedId",
            xlink="product_attributes",
        ),
        F(
            "id_currency",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="currencies",
        ),
        F("id_country", "int", format="isUnsignedId", required=True, xlink="countries"),
        F("id_group", "int", format="isUnsignedId", required=True, xlink="groups"),
        F(
            "id_customer",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="customers",
        ),
        F("id_specific_price_rule", "int", format="isUnsignedId"),
        F("price", "float", format="isNegativePrice", required=True),
        F("from_quantity", "int", format="isUnsignedInt", required=True),
        F("reduction", "float", format="isPrice", required=True),
        F("reduction_tax", "int", format="isBool", required=True),
        F("reduction_type", "string", format="isReductionType", required=True),
        F("from", "date", format="isDateFormat", required=True),
        F("to", "date", format="isDateFormat", required=True),
    ],
)

SPECIFIC_PRICE_RULES = R(
    "specific_price_rules",
    "specific_price_rule",
    cls="SpecificPriceRule",
    fields=[
        F("id_shop", "int", format="isUnsignedId", required=True, xlink="shops"),
        F("id_country", "int", format="isUnsignedId", required=True, xlink="countries"),
        F(
            "id_currency",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="currencies",
        ),
        F("id_group", "int", format="isUnsignedId", required=True, xlink="groups"),
        F("name", "string", format="isCleanHtml", required=True),
        F("from_quantity", "int", format="isUnsignedInt", required=True),
        F("price", "float", format="isNegativePrice", required=True),
        F("reduction", "float", format="isPrice", required=True),
        F("reduction_tax", "int", format="isBool", required=True),
        F("reduction_type", "string", format="isReductionType", required=True),
        F("from", "date", format="isDateFormat"),
        F("to", "date", format="isDateFormat"),
    ],
)

TAGS = R(
    "tags",
    "tag",
    cls="Tag",
    fields=[
        F("id_lang", "int", format="isUnsignedId", required=True, xlink="languages"),
        F("name", "string", format="isGenericName", size=32, required=True),
    ],
)

ATTACHMENTS = R(
    "attachments",
    "attachment",
    cls="Attachment",
    fields=[
        F("file", "string", format="isGenericName", size=40, required=True),
        F("file_name", "string", format="isGenericName", size=128),
        F("file_size", "int", format="isUnsignedId"),
        F("mime", "string", format="isCleanHtml", size=128, required=True),
        F("name", "string", format="isGenericName", size=32, required=True, lang=True),
        F("description", "string", format="isCleanHtml", lang=True),
    ],
    associations=[
        A("products", "product", fields=[F("id", required=True)]),
    ],
)

PRODUCT_CUSTOMIZATION_FIELDS = R(
    "product_customization_fields",
    "customization_field",
    cls="CustomizationField",
    fields=[
        F("id_product", "int", format="isUnsignedId", required=True, xlink="products"),
        F("type", "int", format="isUnsignedId", required=True),
        F("required", "bool", format="isBool", required=True),
        F("is_module", "bool", format="isBool"),
        F("is_deleted", "bool", format="isBool"),
        F("name", "string", size=255, required=True, lang=True),
    ],
)

PRODUCT_SUPPLIERS = R(
    "product_suppliers",
    "product_supplier",
    cls="ProductSupplier",
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
            "id_supplier",
            "int",
            format="isUnsignedId",
            required=True,
            xlink="suppliers",
        ),
        F("id_currency", "int", format="isUnsignedId", xlink="currencies"),
        F("product_supplier_reference", "string", format="isReference", size=64),
        F("product_supplier_price_te", "float", format="isPrice"),
    ],
)

MANUFACTURERS = R(
    "manufacturers",
    "manufacturer",
    cls="Manufacturer",
    fields=[
        F("active", "bool"),
        F("link_rewrite", getter=True, setter=False),
        F("name", "string", format="isCatalogName", size=64, required=True),
        F("date_add", "date"),
        F("date_upd", "date"),
        F("description", "html", format="isCleanHtml", lang=True),
        F("short_description", "html", format="isCleanHtml", lang=True),
        F("meta_title", "string", format="isGenericName", size=255, lang=True),
        F("meta_description", "string", format="isGenericName", size=512, lang=True),
        F("meta_keywords", "string", format="isGenericName", lang=True),
    ],
    associations=[
        A("addresses", "address", fields=[F("id", xlink="addresses")]),
    ],
)

SUPPLIERS = R(
    "suppliers",
    "supplier",
    cls="Supplier",
    fields=[
        F("link_rewrite"),
        F("name", "string", format="isCatalogName", size=64, required=True),
        F("active", "bool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("description", "html", format="isCleanHtml", lang=True),
        F("meta_title", "string", format="isGenericName", size=255, lang=True),
        F("meta_description", "string", format="isGenericName", size=512, lang=True),
        F("meta_keywords", "string", format="isGenericName", size=255, lang=True),
    ],
)

IMAGE_TYPES = R(
    "image_types",
    "image_type",
    cls="ImageType",
    fields=[
        F("name", "string", format="isImageTypeName", size=64, required=True),
        F("width", "int", format="isImageSize", required=True),
        F("height", "int", format="isImageSize", required=True),
        F("categories", "bool", format="isBool"),
        F("products", "bool", format="isBool"),
        F("manufacturers", "bool", format="isBool"),
        F("suppliers", "bool", format="isBool"),
        F("stores", "bool", format="isBool"),
    ],
)

RESOURCES = [
    PRODUCTS,
    COMBINATIONS,
    CATEGORIES,
    PRODUCT_OPTIONS,
    PRODUCT_OPTION_VALUES,
    PRODUCT_FEATURES,
    PRODUCT_FEATURE_VALUES,
    SPECIFIC_PRICES,
    SPECIFIC_PRICE_RULES,
    TAGS,
    ATTACHMENTS,
    PRODUCT_CUSTOMIZATION_FIELDS,
    PRODUCT_SUPPLIERS,
    MANUFACTURERS,
    SUPPLIERS,
    IMAGE_TYPES,
]


#: what PrestaShop 9.0.x changes; checked against the 9.0.0 release tree
#: (``liubchenkovadim/docker-prestashop9-clear`` ``www/classes``, the
#: tree of the 9.0.0 recordings): ``validate``, ``required`` and literal
#: ``size`` of Product, Combination, Category, AttributeGroup,
#: ProductAttribute, SpecificPrice and Tag agree with it field by field
CHANGES = {
    "9.0.0": {
        "products": Change(
            remove=("meta_keywords",),
            update={
                "ean13": {"format": "isGtin", "size": 14},
                "minimal_quantity": {"format": "isPositiveInt"},
                "unity": {"size": 255},
                "description": {"size": 4194303},
                "description_short": {"size": 4194303},
            },
        ),
        "combinations": Change(
            update={
                "minimal_quantity": {"format": "isPositiveInt"},
            },
        ),
        "categories": Change(
            remove=("meta_keywords",),
            insert={
                "position": (F("redirect_type", "string", format="isString"),),
                "redirect_type": (
                    F("id_type_redirected", "int", format="isUnsignedId"),
                ),
            },
        ),
        "product_options": Change(
            update={
                "group_type": {"size": 255},
            },
        ),
        "product_option_values": Change(
            update={
                "color": {"size": 32},
            },
        ),
        "product_feature_values": Change(
            insert={
                "custom": (F("position", "int", format="isInt"),),
            },
        ),
        "specific_price_rules": Change(
            update={
                "name": {"size": 255},
            },
        ),
        "attachments": Change(
            update={
                "file_name": {"size": 255},
                "name": {"size": 255},
                "description": {"size": 4194303},
            },
        ),
        "manufacturers": Change(
            remove=("meta_keywords",),
            update={
                "description": {"size": 4194303},
                "short_description": {"size": 4194303},
            },
        ),
        "suppliers": Change(
            remove=("meta_keywords",),
            update={
                "description": {"size": 4194303},
            },
        ),
    },
}
