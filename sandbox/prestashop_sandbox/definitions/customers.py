"""Customers, their addresses, groups and messages.

Each resource follows a PrestaShop ObjectModel class: its ``$definition``
(``fields``: type, ``validate`` -> ``format``, ``size`` -> ``maxSize``,
``required``, ``lang``) and its ``$webserviceParameters`` (extra fields with a
``getter``, ``setter`` => false, ``xlink_resource``; ``associations``), on
branch 8.1.x; the 9.0.x changes are in ``CHANGES`` at the end.  Fields are
in PrestaShop's rendering order (``ObjectModel::getWebserviceParameters``:
the webservice fields first, then the rest of the definition).

* ``customers``: ``Customer`` (``classes/Customer.php``)
* ``addresses``: ``Address`` (``classes/Address.php``)
* ``groups``: ``Group`` (``classes/Group.php``)
* ``guests``: ``Guest`` (``classes/Guest.php``)
* ``customer_threads``: ``CustomerThread`` (``classes/CustomerThread.php``)
* ``customer_messages``: ``CustomerMessage`` (``classes/CustomerMessage.php``)
* ``messages``: ``Message`` (``classes/Message.php``)
* ``contacts``: ``Contact`` (``classes/Contact.php``)
"""

from ._base import A, Change, F, R

CUSTOMERS = R(
    "customers",
    "customer",
    cls="Customer",
    fields=[
        F("id_default_group", "int", xlink="groups"),
        F("id_lang", "int", format="isUnsignedId", xlink="languages"),
        F("newsletter_date_add", "date"),
        F("ip_registration_newsletter", "string"),
        F("last_passwd_gen", "string", setter=None),
        F("secure_key", "string", format="isMd5", setter=None),
        F("deleted", "bool", format="isBool"),
        F("passwd", "string", format="isHashedPassword", size=255, required=True),
        F("lastname", "string", format="isCustomerName", size=255, required=True),
        F("firstname", "string", format="isCustomerName", size=255, required=True),
        F("email", "string", format="isEmail", size=255, required=True),
        F("id_gender", "int", format="isUnsignedId"),
        F("birthday", "date", format="isBirthDate"),
        F("newsletter", "bool", format="isBool"),
        F("optin", "bool", format="isBool"),
        F("website", "string", format="isUrl"),
        F("company", "string", format="isGenericName"),
        F("siret", "string", format="isGenericName"),
        F("ape", "string", format="isApe"),
        F("outstanding_allow_amount", "float", format="isFloat"),
        F("show_public_prices", "bool", format="isBool"),
        F("id_risk", "int", format="isUnsignedInt"),
        F("max_payment_days", "int", format="isUnsignedInt"),
        F("active", "bool", format="isBool"),
        F("note", "html", size=65000),
        F("is_guest", "bool", format="isBool"),
        F("id_shop", "int", format="isUnsignedId"),
        F("id_shop_group", "int", format="isUnsignedId"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("reset_password_token", "string", format="isSha1", size=40),
        F("reset_password_validity", "date", format="isDateOrNull"),
    ],
    associations=[
        A("groups", "group"),
    ],
)

ADDRESSES = R(
    "addresses",
    "address",
    cls="Address",
    fields=[
        F("id_customer", "int", format="isNullOrUnsignedId", xlink="customers"),
        F("id_manufacturer", "int", format="isNullOrUnsignedId", xlink="manufacturers"),
        F("id_supplier", "int", format="isNullOrUnsignedId", xlink="suppliers"),
        F("id_warehouse", "int", format="isNullOrUnsignedId", xlink="warehouse"),
        F("id_country", "int", format="isUnsignedId", required=True, xlink="countries"),
        F("id_state", "int", format="isNullOrUnsignedId", xlink="states"),
        F("alias", "string", format="isGenericName", size=32, required=True),
        F("company", "string", format="isGenericName", size=255),
        F("lastname", "string", format="isName", size=255, required=True),
        F("firstname", "string", format="isName", size=255, required=True),
        F("vat_number", "string", format="isGenericName"),
        F("address1", "string", format="isAddress", size=128, required=True),
        F("address2", "string", format="isAddress", size=128),
        F("postcode", "string", format="isPostCode", size=12),
        F("city", "string", format="isCityName", size=64, required=True),
        F("other", "string", format="isMessage", size=300),
        F("phone", "string", format="isPhoneNumber", size=32),
        F("phone_mobile", "string", format="isPhoneNumber", size=32),
        F("dni", "string", format="isDniLite", size=16),
        F("deleted", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
)

GROUPS = R(
    "groups",
    "group",
    cls="Group",
    fields=[
        F("reduction", "float", format="isFloat"),
        F("price_display_method", "int", format="isPriceDisplayMethod", required=True),
        F("show_prices", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("name", "string", format="isGenericName", size=32, required=True, lang=True),
    ],
)

GUESTS = R(
    "guests",
    "guest",
    cls="Guest",
    fields=[
        F("id_customer", "int", format="isUnsignedId", xlink="customers"),
        F("id_operating_system", "int", format="isUnsignedId"),
        F("id_web_browser", "int", format="isUnsignedId"),
        F("javascript", "bool", format="isBool"),
        F("screen_resolution_x", "int", format="isInt"),
        F("screen_resolution_y", "int", format="isInt"),
        F("screen_color", "int", format="isInt"),
        F("sun_java", "bool", format="isBool"),
        F("adobe_flash", "bool", format="isBool"),
        F("adobe_director", "bool", format="isBool"),
        F("apple_quicktime", "bool", format="isBool"),
        F("real_player", "bool", format="isBool"),
        F("windows_media", "bool", format="isBool"),
        F("accept_language", "string", format="isGenericName", size=8),
        F("mobile_theme", "bool", format="isBool"),
    ],
)

CUSTOMER_THREADS = R(
    "customer_threads",
    "customer_thread",
    cls="CustomerThread",
    fields=[
        F("id_lang", "int", format="isUnsignedId", required=True, xlink="languages"),
        F("id_shop", "int", format="isUnsignedId", xlink="shops"),
        F("id_customer", "int", format="isUnsignedId", xlink="customers"),
        F("id_order", "int", format="isUnsignedId", xlink="orders"),
        F("id_product", "int", format="isUnsignedId", xlink="products"),
        F("id_contact", "int", format="isUnsignedId", required=True),
        F("email", "string", format="isEmail", size=255),
        F("token", "string", format="isGenericName", required=True),
        F("status", "string"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
    ],
    associations=[
        A("customer_messages", "customer_message"),
    ],
)

CUSTOMER_MESSAGES = R(
    "customer_messages",
    "customer_message",
    cls="CustomerMessage",
    fields=[
        F("id_employee", "int", format="isUnsignedId", xlink="employees"),
        F("id_customer_thread", "int", xlink="customer_threads"),
        F("ip_address", "string", format="isIp2Long", size=15),
        F("message", "html", size=16777216, required=True),
        F("file_name", "string"),
        F("user_agent", "string"),
        F("private", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
        F("date_upd", "date", format="isDate"),
        F("read", "bool", format="isBool"),
    ],
)

MESSAGES = R(
    "messages",
    "message",
    cls="Message",
    fields=[
        F("id_cart", "int", format="isUnsignedId", xlink="carts"),
        F("id_order", "int", format="isUnsignedId", xlink="orders"),
        F("id_customer", "int", format="isUnsignedId", xlink="customers"),
        F("id_employee", "int", format="isUnsignedId", xlink="employees"),
        F("message", "string", format="isCleanHtml", size=1600, required=True),
        F("private", "bool", format="isBool"),
        F("date_add", "date", format="isDate"),
    ],
)

CONTACTS = R(
    "contacts",
    "contact",
    cls="Contact",
    fields=[
        F("email", "string", format="isEmail", size=255),
        F("customer_service", "bool", format="isBool"),
        F("name", "string", format="isGenericName", size=255, required=True, lang=True),
        F("description", "string", format="isString", lang=True),
    ],
)

RESOURCES = [
    CUSTOMERS,
    ADDRESSES,
    GROUPS,
    GUESTS,
    CUSTOMER_THREADS,
    CUSTOMER_MESSAGES,
    MESSAGES,
    CONTACTS,
]


#: what PrestaShop 9.0.x changes; checked against the 9.0.0 release tree
#: (``liubchenkovadim/docker-prestashop9-clear`` ``www/classes``, the
#: tree of the 9.0.0 recordings): ``validate``, ``required`` and literal
#: ``size`` of Customer, Address agree with it field by field
CHANGES = {
    "9.0.0": {
        "customers": Change(
            update={
                "ip_registration_newsletter": {"size": 15},
                "last_passwd_gen": {"setter": False},
                "secure_key": {"size": 32, "setter": False},
                "website": {"size": 128},
                "company": {"size": 255},
                "siret": {"size": 14},
                "ape": {"size": 6},
                "note": {"size": 4194303},
            },
        ),
        "addresses": Change(
            update={
                "vat_number": {"size": 32},
                "other": {"size": 4194303},
            },
            move={"id_warehouse": "id_state"},
        ),
        "customer_threads": Change(
            update={
                "token": {"size": 12},
            },
        ),
        "customer_messages": Change(
            update={
                "ip_address": {"size": 16},
                "message": {"format": "isCleanHtml", "size": 4194303},
                "file_name": {"size": 18},
                "user_agent": {"size": 128},
            },
            insert={
                "id_employee": (F("id_product", "int", format="isUnsignedId"),),
            },
        ),
        "messages": Change(
            update={
                "message": {"size": 4194303},
            },
        ),
        "contacts": Change(
            update={
                "description": {"size": 4194303},
            },
        ),
    },
}
