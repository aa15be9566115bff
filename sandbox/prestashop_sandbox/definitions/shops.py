"""Shops, configuration, employees, stores and CMS pages.

Each resource follows a PrestaShop ObjectModel class: its ``$definition``
(``fields``: type, ``validate`` -> ``format``, ``size`` -> ``maxSize``,
``required``, ``lang``) and its ``$webserviceParameters`` (extra fields with a
``getter``, ``setter`` => false, ``xlink_resource``; ``associations``), on
branch 8.1.x; the 9.0.x changes are in ``CHANGES`` at the end.  Fields are
in PrestaShop's rendering order (``ObjectModel::getWebserviceParameters``:
the webservice fields first, then the rest of the definition).

* ``shops``: ``Shop`` (``classes/shop/Shop.php``)
* ``shop_groups``: ``ShopGroup`` (``classes/shop/ShopGroup.php``)
* ``shop_urls``: ``ShopUrl`` (``classes/shop/ShopUrl.php``)
* ``configurations``: ``Configuration`` (``classes/Configuration.php``)
* ``translated_configurations``: ``TranslatedConfiguration``
  (``classes/TranslatedConfiguration.php``)
* ``employees``: ``Employee`` (``classes/Employee.php``)
* ``stores``: ``Store`` (``classes/Store.php``)
* ``content_management_system``: ``CMS`` (``classes/CMS.php``)
"""

from ._base import Change, F, R

SHOPS = R(
    "shops",
    "shop",
    cls="Shop",
    fields=[
        F("id_shop_group", "int", required=True, xlink="shop_groups"),
        F("id_category", "int", required=True),
        F("active", "bool", format="isBool"),
        F("deleted", "bool", format="isBool"),
        F("name", "string", format="isGenericName", size=64, required=True),
        F("color", "string", format="isColor"),
        F("theme_name", "string", format="isThemeName"),
    ],
)

SHOP_GROUPS = R(
    "shop_groups",
    "shop_group",
    cls="ShopGroup",
    fields=[
        F("name", "string", format="isGenericName", size=64, required=True),
        F("color", "string", format="isColor"),
        F("share_customer", "bool", format="isBool"),
        F("share_order", "bool", format="isBool"),
        F("share_stock", "bool", format="isBool"),
        F("active", "bool", format="isBool"),
        F("deleted", "bool", format="isBool"),
    ],
)

SHOP_URLS = R(
    "shop_urls",
    "shop_url",
    cls="ShopUrl",
    fields=[
        F("id_shop", "int", required=True, xlink="shops"),
        F("active", "bool", format="isBool"),
        F("main", "bool", format="isBool"),
        F("domain", "string", format="isCleanHtml", size=255, required=True),
        F("domain_ssl", "string", format="isCleanHtml", size=255),
        F("physical_uri", "string", size=64),
        F("virtual_uri", "string", size=64),
    ],
)

CONFIGURATIONS = R(
    "configurations",
    "configuration",
    cls="Configuration",
    fields=[
        F("value", "string"),
        F("name", "string", format="isConfigName", size=254, required=True),
        F("id_shop_group", "nothing", format="isUnsignedId"),
        F("id_shop", "nothing", format="isUnsignedId"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
)

TRANSLATED_CONFIGURATIONS = R(
    "translated_configurations",
    "translated_configuration",
    cls="TranslatedConfiguration",
    fields=[
        F("value", "string", lang=True),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("name", "string", format="isConfigName", size=32, required=True),
        F("id_shop_group", "nothing", format="isUnsignedId"),
        F("id_shop", "nothing", format="isUnsignedId"),
    ],
)

EMPLOYEES = R(
    "employees",
    "employee",
    cls="Employee",
    fields=[
        F("id_lang", "int", format="isUnsignedInt", required=True, xlink="languages"),
        F("last_passwd_gen", "string", setter=None),
        F("stats_date_from", "date", format="isDate", setter=None),
        F("stats_date_to", "date", format="isDate", setter=None),
        F("stats_compare_from", "date", format="isDate", setter=None),
        F("stats_compare_to", "date", format="isDate", setter=None),
        F("passwd", "string", format="isHashedPassword", size=255, required=True),
        F("lastname", "string", format="isName", size=255, required=True),
        F("firstname", "string", format="isName", size=255, required=True),
        F("email", "string", format="isEmail", size=255, required=True),
        F("active", "bool", format="isBool"),
        F("id_profile", "int", format="isInt", required=True),
        F("bo_color", "string", format="isColor", size=32),
        F("default_tab", "int", format="isInt"),
        F("bo_theme", "string", format="isGenericName", size=32),
        F("bo_css", "string", format="isGenericName", size=64),
        F("bo_width", "int", format="isUnsignedInt"),
        F("bo_menu", "bool", format="isBool"),
        F("stats_compare_option", "int", format="isUnsignedInt"),
        F("preselect_date_range", "string", size=32),
        F("id_last_order", "int", format="isUnsignedInt"),
        F("id_last_customer_message", "int", format="isUnsignedInt"),
        F("id_last_customer", "int", format="isUnsignedInt"),
        F("reset_password_token", "string", format="isSha1", size=40),
        F("reset_password_validity", "date", format="isDateOrNull"),
        F("has_enabled_gravatar", "bool", format="isBool"),
    ],
)

STORES = R(
    "stores",
    "store",
    cls="Store",
    fields=[
        F("id_country", "int", format="isUnsignedId", required=True, xlink="countries"),
        F("id_state", "int", format="isNullOrUnsignedId", xlink="states"),
        F("hours", "string", format="isJson", size=65000, lang=True, getter=True),
        F("postcode", "string", size=12),
        F("city", "string", format="isCityName", size=64, required=True),
        F("latitude", "float", format="isCoordinate", size=13),
        F("longitude", "float", format="isCoordinate", size=13),
        F("phone", "string", format="isPhoneNumber", size=16),
        F("fax", "string", format="isPhoneNumber", size=16),
        F("email", "string", format="isEmail", size=255),
        F("active", "bool", format="isBool", required=True),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("name", "string", format="isGenericName", size=255, required=True, lang=True),
        F("address1", "string", format="isAddress", size=255, required=True, lang=True),
        F("address2", "string", format="isAddress", size=255, lang=True),
        F("note", "string", format="isCleanHtml", size=65000, lang=True),
    ],
)

CONTENT_MANAGEMENT_SYSTEM = R(
    "content_management_system",
    "content",
    cls="CMS",
    fields=[
        F("id_cms_category", "int", format="isUnsignedInt"),
        F("position", "int"),
        F("indexation", "bool"),
        F("active", "bool"),
        F("meta_description", "string", format="isGenericName", size=512, lang=True),
        F("meta_keywords", "string", format="isGenericName", size=255, lang=True),
        F(
            "meta_title",
            "string",
            format="isGenericName",
            size=255,
            required=True,
            lang=True,
        ),
        F("head_seo_title", "string", format="isGenericName", size=255, lang=True),
        F(
            "link_rewrite",
            "string",
            format="isLinkRewrite",
            size=128,
            required=True,
            lang=True,
        ),
        F("content", "html", format="isCleanHtml", size=3999999999999, lang=True),
    ],
)

RESOURCES = [
    SHOPS,
    SHOP_GROUPS,
    SHOP_URLS,
    CONFIGURATIONS,
    TRANSLATED_CONFIGURATIONS,
    EMPLOYEES,
    STORES,
    CONTENT_MANAGEMENT_SYSTEM,
]


#: what PrestaShop 9.0.x changes (from the 9.0.0 recordings' schemas;
#: these classes were not compared with the 9.0.0 source)
CHANGES = {
    "9.0.0": {
        "shops": Change(
            update={
                "color": {"size": 50},
                "theme_name": {"size": 255},
            },
        ),
        "shop_groups": Change(
            update={
                "color": {"size": 50},
            },
        ),
        "configurations": Change(
            update={
                "value": {"size": 4194303},
            },
        ),
        "translated_configurations": Change(
            update={
                "value": {"size": 4194303},
                "name": {"size": 254},
            },
        ),
        "employees": Change(
            update={
                "last_passwd_gen": {"setter": False},
                "stats_date_from": {"setter": False},
                "stats_date_to": {"setter": False},
                "stats_compare_from": {"setter": False},
                "stats_compare_to": {"setter": False},
            },
        ),
        "stores": Change(
            update={
                "hours": {"size": 4194303, "getter": False},
                "note": {"size": 4194303},
            },
        ),
        "content_management_system": Change(
            remove=("meta_keywords",),
            update={
                "content": {"size": 1073741823},
            },
        ),
    },
}
