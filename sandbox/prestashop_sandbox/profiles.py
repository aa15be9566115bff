"""Version profiles: every behavioural difference between the PrestaShop
versions the sandbox emulates lives here, in one object, so the engine never
tests a version number itself (it asks the profile).

The field tables are not here: they are the package's own definitions
(:mod:`prestashop_sandbox.definitions`), whose ``CHANGES`` say what 9.0.0
changes (``meta_keywords`` gone, ``redirect_type`` on categories, other
``maxSize`` values, ``isPositiveInt`` minimal quantities...).  What is written
here by hand is behaviour: 8.1.2 is the reference; 9.0.0 has 64 resources
instead of 69, unescaped ``->`` in
validation messages, product PUT with ``position_in_category`` fixed, cart rows
stored with ``id_address_delivery`` 0, order POST answering 500 error 15 (a
module on the deprecated ``newOrder`` hook) while the order is created, the
translated ``die()`` message, ``images/customizations`` answering 200, and other
PHP line numbers in warnings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .resources import ROOT_RESOURCES, build_resources

PHP_ROOT = "/var/www/html"


@dataclass
class Profile:
    version: str
    #: resources removed from / kept out of the root listing
    missing_resources: tuple = ()
    #: validation messages escape ``->`` as ``-&gt;`` (8.1.2)
    escape_arrow: bool = True
    #: WebserviceRequest.php lines of the 4 warnings after errors 32/35/38
    filter_warning_lines: tuple = (1333, 1334, 1335, 1336)
    #: SimpleXMLElement warnings line
    xml_warning_line: int = 1544
    #: Product::setWsPositionInCategory raises a warning (PUT -> 500, 8.1.2)
    product_position_warning: str | None = (
        "[PHP Warning #2] Trying to access array offset on value of type null "
        f"({PHP_ROOT}/classes/Product.php, line 7245)"
    )
    #: cart rows keep their id_address_delivery (8.1.2) or store 0 (9.0.0)
    cart_row_keeps_address: bool = True
    #: order POST: None -> 201 with the echo; else the error (code, message)
    order_post_error: tuple | None = None
    #: images/customizations answers an empty 200 list (9.0.0) or 500 (8.1.2)
    customization_images_ok: bool = False
    #: the validateOrder die() message, per language iso code
    die_messages: dict = field(
        default_factory=lambda: {
            "*": "Cart cannot be loaded or an order has already been placed "
            "using this cart"
        }
    )
    shop_name: str = "PrestaShop"
    attribute_separator: str = ":"
    _resources: dict | None = None

    @property
    def resources(self) -> dict:
        if self._resources is None:
            self._resources = build_resources(self.version)
            for name in self.missing_resources:
                self._resources.pop(name, None)
        return self._resources

    @property
    def root_resources(self) -> list:
        return sorted(r for r in ROOT_RESOURCES if r[0] not in self.missing_resources)

    def validation_message(self, cls: str, prop: str) -> str:
        arrow = "-&gt;" if self.escape_arrow else "->"
        return f'Validation error: "Property {cls}{arrow}{prop} is empty."'

    def filter_warnings(self) -> list:
        return [
            (
                3,
                (
                    "[PHP Warning #2] Trying to access array offset on value of type "
                    f"bool ({PHP_ROOT}/classes/webservice/WebserviceRequest.php, "
                    f"line {n})"
                ),
            )
            for n in self.filter_warning_lines
        ]

    def xml_warning(self, text: str) -> tuple:
        return (
            3,
            (
                f"[PHP Warning #2] SimpleXMLElement::__construct(): {text} "
                f"({PHP_ROOT}/classes/webservice/WebserviceRequest.php, "
                f"line {self.xml_warning_line})"
            ),
        )


PROFILES: dict = {}


def get_profile(version: str) -> Profile:
    """A fresh profile object per sandbox (resource tables are built in it on
    first use, from the built-in definitions)."""
    if version not in _FACTORIES:
        raise ValueError(f"unknown PrestaShop version {version!r}")
    return _FACTORIES[version]()


def _p812() -> Profile:
    return Profile(
        version="8.1.2",
        missing_resources=("order_returns",),
    )


def _p900() -> Profile:
    return Profile(
        version="9.0.0",
        missing_resources=(
            "supply_order_details",
            "supply_order_histories",
            "supply_order_receipt_histories",
            "supply_order_states",
            "supply_orders",
            "warehouse_product_locations",
        ),
        escape_arrow=False,
        filter_warning_lines=(1319, 1320, 1321, 1322),
        xml_warning_line=1530,
        product_position_warning=None,
        cart_row_keeps_address=False,
        order_post_error=(
            15,
            (
                '[PHP Unknown error #16384] The hook "newOrder" is deprecated, please '
                'use "actionValidateOrder" instead in module "gamification". '
                f"({PHP_ROOT}/classes/Hook.php, line 1049)"
            ),
        ),
        customization_images_ok=True,
        attribute_separator=": ",
        die_messages={
            "*": "Cart cannot be loaded or an order has already been placed "
            "using this cart",
            "uk": "Неможливо завантажити кошик, або замовлення вже було розміщене "
            "з використанням даного кошика",
        },
    )


_FACTORIES = {"8.1.2": _p812, "9.0.0": _p900}
