# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order import: one job per order, with everything it needs read by the
batch (no request in the job in the normal case)."""

import hashlib
import json
import logging
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from markupsafe import Markup

from odoo import _, fields
from odoo.tools import float_compare, float_round

from odoo.addons.base_exception.exceptions import BaseExceptionError
from odoo.addons.component.core import Component
from odoo.addons.connector.components.mapper import mapping
from odoo.addons.queue_job.exception import FailedJobError

from ...components.exception import PrestashopFixableError
from ...components.importer import job_data
from ...components.mapper import ps_bool, ps_float, ps_int
from ..res_partner.importer import CUSTOMER_JOB_FIELDS
from .exception import IN_TRANSACTION

_logger = logging.getLogger(__name__)

PS_DATE = "%Y-%m-%d %H:%M:%S"


def shop_date_to_utc(value, tz_name):
    """A PrestaShop date (``YYYY-MM-DD HH:MM:SS``, shop time in ``tz_name``,
    PrestaShop's ``PS_TIMEZONE``) as a naive UTC datetime; ``False`` for an
    empty or zero date.

    Daylight-saving changes, as PHP's DateTime (PrestaShop) reads them: a
    time that happens twice (autumn) is its first occurrence, summer time
    (``2025-10-26 02:30:00`` Europe/Paris → 00:30 UTC); a time that does not
    exist (spring) keeps the offset before the change, i.e. it is the same
    instant as one hour later in summer time (``2026-03-29 02:30:00``
    Europe/Paris → 01:30 UTC, 03:30 in Paris).  This is ``fold=0`` of
    :mod:`zoneinfo` (PEP 495)."""
    if not value or value.startswith("0000"):
        return False
    local = datetime.strptime(value, PS_DATE).replace(
        tzinfo=ZoneInfo(tz_name or "UTC"), fold=0
    )
    return local.astimezone(timezone.utc).replace(tzinfo=None)


def shop_text_html(text):
    """Text a shop customer typed (order note, gift message) as Odoo HTML
    showing it literally: every character escaped (``Markup.join`` escapes
    each line), line breaks kept as ``<br>``.  Not ``plaintext2html``: it
    turns URLs into links, and a customer must not put a link, an image or
    any other element into Odoo's documents.  ``Markup``; ``""`` stays
    ``""``."""
    if not text:
        return ""
    return Markup("<p>%s</p>") % Markup("<br>").join(text.splitlines())


#: PrestaShop's Order::ROUND_ITEM / ROUND_LINE / ROUND_TOTAL (classes/order/Order.php)
ROUND_ITEM, ROUND_LINE, ROUND_TOTAL = 1, 2, 3
#: PrestaShop's PS_ROUND_UP .. PS_ROUND_HALF_ODD (Tools::ps_round) as Odoo's
#: float_round methods; half odd, which Odoo lacks, is read as half even (they
#: differ only on an exact half cent of an odd cent)
ROUND_METHODS = {
    0: "UP",
    1: "DOWN",
    2: "HALF-UP",
    3: "HALF-DOWN",
    4: "HALF-EVEN",
    5: "HALF-EVEN",
}


class SaleOrderImportMapper(Component):
    """A PrestaShop order as a sale order that Odoo's own computation makes
    add up to what PrestaShop charged.

    - Currency: the order's (``id_currency``, mapped on the backend's
      Currencies tab), through the backend's pricelist in that currency.
    - Price side: a customer whose group sees prices tax included gets
      lines at the shop's tax-included unit prices with tax-included Odoo
      taxes (``29.90``, not ``24.916667``); others the tax-excluded ones.
    - Rounding: with PrestaShop's per-item rounding (``round_type`` 1) the
      unit price is rounded to the currency's cents first, as PrestaShop
      does before multiplying by the quantity.
    """

    _name = "prestashop.sale.order.import.mapper"
    _inherit = "prestashop.import.mapper"
    _apply_on = "prestashop.sale.order"

    # -- header ------------------------------------------------------------------
    @mapping
    def binding_values(self, record):
        state = self.binder_for("prestashop.sale.order.state").to_internal(
            record.get("current_state")
        )
        excl = ps_float(record.get("total_paid_tax_excl"))
        incl = ps_float(record.get("total_paid_tax_incl"))
        return {
            "ps_reference": record.get("reference"),
            "ps_state_id": state.id,
            "ps_date_upd": record.get("date_upd"),
            "ps_payment": record.get("payment"),
            "ps_total_products": ps_float(record.get("total_products")),
            "ps_total_shipping": ps_float(record.get("total_shipping_tax_excl")),
            "ps_total_discounts": ps_float(record.get("total_discounts_tax_excl")),
            "ps_total_wrapping": ps_float(record.get("total_wrapping_tax_excl")),
            "ps_total_paid_tax_excl": excl,
            "ps_total_paid_tax_incl": incl,
            "ps_total_tax": float_round(incl - excl, 2),
            "ps_conversion_rate": ps_float(record.get("conversion_rate")),
            "ps_round_type": str(self._round_type(record)),
            "ps_tax_included": self._tax_included(record),
        }

    def _round_type(self, record):
        """The order's own ``round_type`` (what it was computed with), else
        the shop's ``PS_ROUND_TYPE``."""
        return ps_int(record.get("round_type")) or int(
            self.backend_record.ps_round_type or ROUND_LINE
        )

    def _tax_included(self, record):
        """Whether the customer saw prices tax included: the display method
        of their default group (Product::getTaxCalculationMethod)."""
        customer = record.get("_customer") or {}
        return self.backend_record._prestashop_group_tax_included(
            customer.get("id_default_group")
        )

    def _currency(self):
        """The order's Odoo currency (resolved by the importer)."""
        pricelist = (self.options or {}).get("pricelist")
        return pricelist.currency_id if pricelist else self.env.company.currency_id

    @mapping
    def pricelist(self, record):
        pricelist = self.options.get("pricelist")
        return {"pricelist_id": pricelist.id} if pricelist else {}

    @mapping
    def header(self, record):
        backend = self.backend_record
        address = self.binder_for("prestashop.address")
        customer = self.binder_for("prestashop.res.partner").to_internal(
            record.get("id_customer")
        )
        invoice = address.to_internal(record.get("id_address_invoice"))
        delivery = address.to_internal(record.get("id_address_delivery"))
        values = {
            "partner_id": customer.odoo_id.id,
            "partner_invoice_id": (invoice.odoo_id or customer.odoo_id).id,
            "partner_shipping_id": (delivery.odoo_id or customer.odoo_id).id,
            "client_order_ref": record.get("reference"),
            "origin": _(
                "PrestaShop %(ref)s (id %(id)s)",
                ref=record.get("reference"),
                id=record.get("id"),
            ),
            "date_order": shop_date_to_utc(
                record.get("date_add"), backend.shop_timezone
            )
            or fields.Datetime.now(),
            "company_id": backend.company_id.id,
            "warehouse_id": backend.warehouse_id.id,
        }
        note = (record.get("note") or "").strip()
        gift = self.gift_message(record)
        if gift:
            note = "\n".join(p for p in (note, _("Gift message: %s", gift)) if p)
        if note:
            # an Html field: the customer's text stays text
            values["note"] = shop_text_html(note)
        if record.get("module"):
            method = self.env["prestashop.payment.method"]._get_or_create(
                backend, record["module"], record.get("payment")
            )
            if not method.workflow_process_id:
                # without a workflow Odoo cannot tell whether to confirm and
                # invoice the order: stop here, visibly, before creating it
                raise PrestashopFixableError(
                    _(
                        "Order %(ref)s: the PrestaShop payment method '%(method)s' has "
                        "no sale workflow, so Odoo does not know whether to confirm "
                        "and invoice its orders. Choose its workflow on the backend "
                        "(Payment methods tab), then requeue this job.",
                        ref=record.get("reference"),
                        method=record.get("payment") or record["module"],
                    ),
                    model="prestashop.payment.method",
                    domain=[
                        ("backend_id", "=", backend.id),
                        ("module", "=", record["module"]),
                    ],
                    context={
                        "default_backend_id": backend.id,
                        "default_module": record["module"],
                        "default_name": record.get("payment") or record["module"],
                    },
                )
            values["workflow_process_id"] = method.workflow_process_id.id
        carrier = self._carrier(record)
        if carrier:
            values["carrier_id"] = carrier.id
        return values

    def gift_message(self, record):
        """The gift message of a gift order, else ``""`` (also written on the
        delivery order, for whoever packs the parcel)."""
        if ps_bool(record.get("gift")):
            return (record.get("gift_message") or "").strip()
        return ""

    def _carrier(self, record):
        binding = self.binder_for("prestashop.delivery.carrier").to_internal(
            record.get("id_carrier")
        )
        return binding.odoo_id if binding else self.env["delivery.carrier"]

    # -- lines -------------------------------------------------------------------
    @mapping
    def order_line(self, record):
        products = self.options.get("products") or {}
        included = self._tax_included(record)
        lines = []
        product_lines = []
        mapped = []
        for detail in record.get("_details") or []:
            key = (
                ps_int(detail.get("product_id")),
                ps_int(detail.get("product_attribute_id")),
            )
            product = products[key]
            taxes, side = self._detail_taxes(record, detail, included)
            mapped.append((detail, product, taxes, side))
            product_lines.append(
                (
                    taxes,
                    side,
                    ps_float(detail.get("total_price_tax_excl")),
                    ps_float(detail.get("total_price_tax_incl")),
                )
            )
        targets = self._line_targets(
            record, [(d, side) for d, _p, _t, side in mapped], self._currency()
        )
        for (detail, product, taxes, side), target in zip(mapped, targets, strict=True):
            vals = {
                "product_id": product.id,
                "name": detail.get("product_name") or product.display_name,
                "tax_id": [(6, 0, taxes.ids)],
                "prestashop_detail_id": ps_int(detail.get("id")),
            }
            for qty, price in self._split_line(record, detail, side, target, taxes):
                lines.append((0, 0, dict(vals, product_uom_qty=qty, price_unit=price)))
        lines += [(0, 0, v) for v in self._discount_lines(record, product_lines)]
        lines += [(0, 0, v) for v in self._shipping_lines(record, product_lines)]
        lines += [(0, 0, v) for v in self._wrapping_lines(record, product_lines)]
        return {"order_line": lines}

    def shown_unit_price(self, record, detail, tax_included, currency):
        """The unit price PrestaShop multiplied by the quantity: the
        detail's ``unit_price_tax_incl`` / ``_excl`` (6 decimals), rounded to
        the currency's precision first, in the order's rounding mode, under
        per-item rounding (Cart.php, ``Order::ROUND_ITEM``)."""
        unit = ps_float(
            detail.get("unit_price_tax_incl" if tax_included else "unit_price_tax_excl")
        )
        if self._round_type(record) == ROUND_ITEM:
            unit = float_round(
                unit,
                precision_rounding=currency.rounding,
                rounding_method=self._round_method(record),
            )
        return unit

    def _round_method(self, record):
        """Odoo's ``float_round`` method for the order's ``round_mode`` (else
        the shop's ``PS_PRICE_ROUND_MODE``)."""
        mode = record.get("round_mode")
        if mode in (None, ""):
            mode = self.backend_record.ps_price_round_mode or 2
        return ROUND_METHODS.get(ps_int(mode), "HALF-UP")

    def _unit_price(self, record, detail, tax_included):
        """The line's ``price_unit``: the shown unit price at Odoo's
        "Product Price" precision (a sub-cent price under per-line rounding
        loses its fraction: :meth:`_split_line` makes the line's total
        PrestaShop's again)."""
        digits = self.env["decimal.precision"].precision_get("Product Price")
        unit = self.shown_unit_price(record, detail, tax_included, self._currency())
        return float_round(unit, digits)

    def _line_targets(self, record, details, currency):
        """What PrestaShop charged for each order detail, on the side its
        line carries: ``details`` ``[(detail, tax_included)]`` → a list of
        amounts in the order's currency (``None`` where the detail has no
        total).

        Per item and per line (``Order::ROUND_ITEM`` / ``ROUND_LINE``) the
        detail's ``total_price_tax_incl`` / ``_excl`` is already rounded to
        the cent (Cart::applyProductCalculations).  Per total
        (``ROUND_TOTAL``) PrestaShop keeps the details unrounded and rounds
        only the order's ``total_products(_wt)``: each line then gets the
        difference of the rounded running totals of its side, so that the
        lines add up to that rounded total exactly."""
        method = self._round_method(record)
        per_total = self._round_type(record) == ROUND_TOTAL
        running = defaultdict(lambda: [0.0, 0.0])  # side: [raw sum, rounded sum]
        targets = []
        for detail, side in details:
            raw = detail.get("total_price_tax_incl" if side else "total_price_tax_excl")
            if raw in (None, ""):
                targets.append(None)
                continue
            raw = ps_float(raw)
            if not per_total:
                targets.append(
                    float_round(
                        raw,
                        precision_rounding=currency.rounding,
                        rounding_method=method,
                    )
                )
                continue
            sums = running[side]
            sums[0] += raw
            rounded = float_round(
                sums[0], precision_rounding=currency.rounding, rounding_method=method
            )
            targets.append(currency.round(rounded - sums[1]))
            sums[1] = rounded
        return targets

    def _split_line(self, record, detail, tax_included, target, taxes):
        """``[(quantity, price_unit)]``: the detail as one line, or as two
        lines of the same product when its quantity times its unit price at
        Odoo's "Product Price" precision is not ``target`` (a unit price
        with more decimals, 2 x 24.916667 = 49.83 where 2 x 24.92 = 49.84):
        ``k`` units at the price rounded up, the others at the price rounded
        down, ``k`` being what makes the two add up to ``target`` exactly
        (49.83 = 1 x 24.92 + 1 x 24.91).  Raising the precision instead
        would change every price Odoo shows.  A fractional quantity or a
        total finer than the precision (a 3-decimal currency) stays one line
        (the totals check reports it).

        Odoo rounds each line's tax (``round_per_line``), so two lines may
        make a tax one cent from PrestaShop's (24.92 and 24.91 at 20 %: 4.98
        + 4.98 = 9.96, PrestaShop 59.80 - 49.83 = 9.97): then the two prices
        nearest the unit price that also give PrestaShop's total on the
        other side are taken (24.93 + 24.90: 4.99 + 4.98), when there are
        (:meth:`_exact_split`)."""
        qty = ps_float(detail.get("product_quantity"))
        unit = self._unit_price(record, detail, tax_included)
        if target is None or qty <= 0 or qty != int(qty):
            return [(qty, unit)]
        digits = self.env["decimal.precision"].precision_get("Product Price")
        scale = 10**digits
        cents = target * scale  # the total in precision units
        if abs(cents - round(cents)) > 1e-6 or round(unit * scale) * qty == round(
            cents
        ):
            return [(qty, unit)]
        total, count = round(cents), int(qty)
        low, extra = divmod(total, count)
        if not extra:
            return [(qty, low / scale)]
        lines = [(float(extra), (low + 1) / scale), (float(count - extra), low / scale)]
        other = None
        if self._round_type(record) != ROUND_TOTAL and taxes:
            other = detail.get(
                "total_price_tax_excl" if tax_included else "total_price_tax_incl"
            )
        if other in (None, ""):
            return lines
        return (
            self._exact_split(total, count, scale, taxes, tax_included, ps_float(other))
            or lines
        )

    def _exact_split(self, total, count, scale, taxes, tax_included, other):
        """Two lines ``[(quantity, price_unit)]`` of ``count`` units adding up
        to ``total`` (in precision units, 1 = 1 / ``scale``) on the line's
        side whose other side (tax included of a tax-excluded line, and
        conversely), as Odoo computes it with ``taxes``, is PrestaShop's
        ``other``; the nearest prices first, at most 3 units apart (farther
        prices would read wrong on the invoice), ``None`` when none."""
        currency = self._currency()
        wanted = "total_excluded" if tax_included else "total_included"
        low = total // count
        for spread in range(1, 4):
            for lo in range(low, low - spread, -1):
                hi = lo + spread
                many, rest = divmod(total - count * lo, spread)
                if rest or not 0 < many < count or lo < 0:
                    continue
                lines = [(float(many), hi / scale), (float(count - many), lo / scale)]
                amount = sum(
                    taxes.compute_all(price, currency, qty)[wanted]
                    for qty, price in lines
                )
                if not currency.compare_amounts(amount, other):
                    return lines
        return None

    def _detail_taxes(self, record, detail, included):
        """``(account.tax, tax_included)`` of an order detail: the Odoo taxes
        mapped to its PrestaShop taxes, tax included when the customer saw
        prices so and every tax has a tax-included mapping (else the
        tax-excluded side, the figures PrestaShop also stores)."""
        binder = self.binder_for("prestashop.account.tax")
        bindings = self.env["prestashop.account.tax"]
        for tax in (detail.get("associations") or {}).get("taxes") or []:
            binding = binder.to_internal(tax.get("id"))
            if not binding or not binding.odoo_id:
                raise PrestashopFixableError(
                    _(
                        "Order %(ref)s: the PrestaShop tax %(tax)s (%(rate)s %%) is "
                        "not mapped to an Odoo tax. Map it on the backend (Taxes tab), "
                        "then requeue this job.",
                        ref=record.get("reference"),
                        tax=tax.get("id"),
                        rate=binding.rate if binding else "?",
                    ),
                    model="prestashop.account.tax",
                    domain=[
                        ("backend_id", "=", self.backend_record.id),
                        ("prestashop_id", "=", ps_int(tax.get("id"))),
                    ],
                )
            bindings |= binding
        if not bindings:
            rate = ps_float(detail.get("tax_rate"))
            if not rate:
                return self.env["account.tax"], included
            return self._tax_for_rate(record, rate, _("product line"), included)
        if included and all(b._odoo_tax(True) for b in bindings):
            return bindings.mapped(lambda b: b._odoo_tax(True)), True
        return bindings.mapped("odoo_id"), False

    def _tax_for_rate(self, record, rate, what, included, known=None):
        """``(account.tax, tax_included)`` for a PrestaShop rate given
        without a tax id (shipping, wrapping): a tax of that rate already on
        the order's product lines (``known``, right for the delivery
        country), else a mapped tax of the backend; the tax-included one when
        ``included`` and there is one."""
        rate = float_round(rate, 3)
        if not rate:
            return self.env["account.tax"], included
        bindings = self.backend_record.tax_ids.filtered(
            lambda b: b.odoo_id and float_compare(b.rate, rate, 3) == 0
        )
        for side in (True, False) if included else (False,):
            for tax in (known or self.env["account.tax"]).filtered(
                lambda t, side=side: t.price_include == side
                and float_compare(t.amount, rate, 3) == 0
            )[:1]:
                return tax, side
            for binding in bindings:
                if binding._odoo_tax(side):
                    return binding._odoo_tax(side), side
        raise PrestashopFixableError(
            _(
                "Order %(ref)s: no Odoo tax is mapped to the PrestaShop rate %(rate)s "
                "%% used by the %(what)s. Map a PrestaShop tax of this rate to an Odoo "
                "sale tax on the backend (Taxes tab), then requeue this job.",
                ref=record.get("reference"),
                rate=rate,
                what=what,
            ),
            model="prestashop.account.tax",
            domain=[
                ("backend_id", "=", self.backend_record.id),
                ("rate", ">=", rate - 0.005),
                ("rate", "<=", rate + 0.005),
            ],
        )

    def _rate_of(self, excl, incl, product_lines=()):
        """The tax rate (%) that makes ``incl`` of ``excl``: PrestaShop
        stores both rounded to the cent, so the rate is the known one (the
        order's product taxes, then the backend's) that gives ``incl`` to
        the cent, else the raw ratio (2.08 → 2.50 is 20 %, not 20.2 %)."""
        if not excl:
            return 0.0
        rates = [
            sum(taxes.mapped("amount")) for taxes, _side, _excl, _incl in product_lines
        ] + self.backend_record.tax_ids.filtered("odoo_id").mapped("rate")
        for rate in rates:
            if abs(excl * (1 + rate / 100) - incl) <= 0.01:
                return rate
        return float_round((incl / excl - 1) * 100, 1)

    def _known_taxes(self, product_lines):
        taxes = self.env["account.tax"]
        for line_taxes, _side, _excl, _incl in product_lines:
            taxes |= line_taxes
        return taxes

    def _shipping_lines(self, record, product_lines):
        if not ps_int(record.get("id_carrier")):
            return []
        carrier = self._carrier(record)
        if not carrier:
            raise PrestashopFixableError(
                _(
                    "Order %(ref)s: the PrestaShop carrier %(carrier)s is not mapped "
                    "to an Odoo carrier. Map it on the backend (Carriers tab), then "
                    "requeue this job.",
                    ref=record.get("reference"),
                    carrier=record.get("id_carrier"),
                ),
                model="prestashop.delivery.carrier",
                domain=[
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "=", ps_int(record.get("id_carrier"))),
                ],
            )
        taxes, side = self._shipping_taxes(record, product_lines)
        price = ps_float(
            record.get("total_shipping_tax_incl" if side else "total_shipping_tax_excl")
        )
        return [
            {
                "product_id": carrier.product_id.id,
                "name": carrier.name,
                "product_uom_qty": 1,
                "price_unit": price,
                "tax_id": [(6, 0, taxes.ids)],
                "is_delivery": True,
            }
        ]

    def _shipping_taxes(self, record, product_lines):
        excl = ps_float(record.get("total_shipping_tax_excl"))
        included = self._tax_included(record)
        if not excl:
            return self.env["account.tax"], included
        rate = ps_float(record.get("carrier_tax_rate"))
        if not rate:
            rate = self._rate_of(
                excl, ps_float(record.get("total_shipping_tax_incl")), product_lines
            )
        return self._tax_for_rate(
            record, rate, _("shipping"), included, self._known_taxes(product_lines)
        )

    def _wrapping_lines(self, record, product_lines):
        excl = ps_float(record.get("total_wrapping_tax_excl"))
        if not excl:
            return []
        incl = ps_float(record.get("total_wrapping_tax_incl"))
        taxes, side = self._tax_for_rate(
            record,
            self._rate_of(excl, incl, product_lines),
            _("gift wrapping"),
            self._tax_included(record),
            self._known_taxes(product_lines),
        )
        product = self.backend_record._prestashop_gift_wrapping_product()
        return [
            {
                "product_id": product.id,
                "name": _("Gift wrapping"),
                "product_uom_qty": 1,
                "price_unit": incl if side else excl,
                "tax_id": [(6, 0, taxes.ids)],
            }
        ]

    def _discount_lines(self, record, product_lines):
        """Negative lines for the cart rules, each taxed as PrestaShop taxed
        it: a free-shipping rule like the shipping; a rule whose own rate
        (``value`` / ``value_tax_excl``) is the rate of one group of product
        lines (a gift product, a rule on one product) at that rate; any
        other rule spread over the products' taxes in proportion of their
        amounts (PrestaShop's ``CartRule::getContextualValue`` on the
        whole order)."""
        result = []
        shipping_excl = ps_float(record.get("total_shipping_tax_excl"))
        for rule in record.get("_cart_rules") or []:
            if ps_bool(rule.get("deleted")):
                continue
            excl = ps_float(rule.get("value_tax_excl"))
            incl = ps_float(rule.get("value"))
            if not excl and not incl:
                continue
            product = self.backend_record._prestashop_discount_product()
            name = _("Discount: %s", rule.get("name") or rule.get("id_cart_rule"))
            if (
                ps_bool(rule.get("free_shipping"))
                and float_compare(excl, shipping_excl, 2) == 0
            ):
                taxes, side = self._shipping_taxes(record, product_lines)
                amount = incl if side else excl
                result.append(self._discount_vals(product, name, amount, taxes))
                continue
            groups = self._groups_by_taxes(product_lines)
            if not groups:
                result.append(
                    self._discount_vals(product, name, excl, self.env["account.tax"])
                )
                continue
            own = self._group_at_rate(groups, excl, incl)
            if own is not None:
                taxes, side = own
                amount = incl if side else excl
                result.append(self._discount_vals(product, name, amount, taxes))
                continue
            result += self._spread_discount(product, name, excl, incl, groups)
        return result

    def _groups_by_taxes(self, product_lines):
        """{(taxes, tax_included): [total tax excl., total tax incl.]} of the
        product lines."""
        groups = defaultdict(lambda: [0.0, 0.0])
        for taxes, side, excl, incl in product_lines:
            groups[(taxes, side)][0] += excl
            groups[(taxes, side)][1] += incl
        return groups

    def _group_at_rate(self, groups, excl, incl):
        """The one ``(taxes, tax_included)`` group whose rate explains the
        rule's ``value`` from its ``value_tax_excl`` (to the cent), or
        ``None`` when none or several do."""
        if not excl:
            return None
        matches = [
            key
            for key in groups
            if abs(excl * (1 + sum(key[0].mapped("amount")) / 100) - incl) <= 0.01
        ]
        return matches[0] if len(matches) == 1 else None

    def _spread_discount(self, product, name, excl, incl, groups):
        """A rule on the whole order, spread as PrestaShop spreads it: its
        tax-excluded value in proportion of each tax's tax-excluded products,
        the last group taking what rounding left; a tax-included group gets
        its share of the tax-included value (of all of it when every group
        is tax included, so that the lines add up to ``value``)."""
        digits = self._currency().decimal_places
        ordered = sorted(groups.items(), key=lambda kv: -kv[1][0])
        base_excl = sum(totals[0] for totals in groups.values()) or 1.0
        base_incl = sum(totals[1] for totals in groups.values()) or 1.0
        all_included = all(side for _taxes, side in groups)
        result = []
        remaining = {"excl": excl, "incl": incl}

        def share(key, value, total, base, last):
            """This group's share of ``value``; the last one takes what is
            left, so that the shares add up to ``value``."""
            part = remaining[key] if last else float_round(value * total / base, digits)
            remaining[key] = float_round(remaining[key] - part, digits)
            return part

        for index, ((taxes, side), (g_excl, g_incl)) in enumerate(ordered):
            last = index == len(ordered) - 1
            part_excl = share("excl", excl, g_excl, base_excl, last)
            if all_included:
                part = share("incl", incl, g_incl, base_incl, last)
            elif side:
                rate = sum(taxes.mapped("amount"))
                part = float_round(part_excl * (1 + rate / 100), digits)
            else:
                part = part_excl
            result.append(self._discount_vals(product, name, part, taxes))
        return result

    def _discount_vals(self, product, name, amount, taxes):
        return {
            "product_id": product.id,
            "name": name,
            "product_uom_qty": 1,
            "price_unit": -amount,
            "tax_id": [(6, 0, taxes.ids)],
        }


class SaleOrderImporter(Component):
    _name = "prestashop.sale.order.importer"
    _inherit = "prestashop.importer"
    _apply_on = "prestashop.sale.order"

    def __init__(self, work_context):
        super().__init__(work_context)
        self._products = {}
        self._pricelist = None

    def _lock_name(self):
        # keyed on backend + order id: two workers never import it twice
        return f"prestashop-order({self.backend_record.id},{self.external_id})"

    def _get_prestashop_data(self):
        return self.backend_adapter.read_bundle(self.external_id)

    def _ensure_related(self):
        record = self.prestashop_record
        if "_details" not in record:
            self.backend_adapter.attach_related([record])

    # -- rules ---------------------------------------------------------------------
    def _state(self):
        state_id = ps_int(self.prestashop_record.get("current_state"))
        state = self.binder_for("prestashop.sale.order.state").to_internal(state_id)
        if not state:
            raise PrestashopFixableError(
                _(
                    "The PrestaShop order state %s is unknown in Odoo: run "
                    "'Synchronize metadata' on the backend, then requeue this job.",
                    state_id,
                ),
                model="prestashop.backend",
                res_ids=[self.backend_record.id],
            )
        return state

    def _must_skip(self, binding):
        """Why the order is not imported (the job's result), or None to
        import it.  A decision only: it changes nothing in Odoo.  An order
        already imported is not imported again, except one held for its
        totals (:meth:`_is_held_for_totals`) still in a state to import,
        which is rebuilt and checked again; its new PrestaShop state, if
        any, is followed by :meth:`_state_changed` whatever this method
        returns (called by :meth:`_skipped`, or by :meth:`_update` for an
        order rebuilt)."""
        state = self._state()  # an unknown state fails with what to fix
        if binding:
            if (
                self._is_held_for_totals(binding)
                and state.import_order
                and not state.cancel_order
            ):
                return None  # rebuilt, checked again, released if right
            if binding.ps_state_id == state:
                return _(
                    "Order %(ref)s already imported (sale order %(order)s).",
                    ref=binding.ps_reference,
                    order=binding.odoo_id.name,
                )
            return _(
                "Order %(ref)s: PrestaShop state %(state)s recorded.",
                ref=binding.ps_reference,
                state=state.name,
            )
        if not state.import_order:
            return _(
                "Order %(ref)s not imported: its PrestaShop state '%(state)s' is not "
                "marked 'Import Orders'. It will be imported when it reaches such a "
                "state (e.g. once paid).",
                ref=self.prestashop_record.get("reference"),
                state=state.name,
            )
        return None

    def _skipped(self, binding, reason):
        result = super()._skipped(binding, reason)
        self._follow_state(binding)
        return result

    def _update(self, binding, data):
        # a known order is updated only when rebuilt (held for its totals):
        # its new state is followed too, before the update records it
        self._follow_state(binding)
        return super()._update(binding, data)

    def _follow_state(self, binding):
        """Run :meth:`_state_changed` when the imported order of
        ``binding`` is in another PrestaShop state than the one recorded."""
        state = self._state()
        if binding and binding.ps_state_id != state:
            self._state_changed(binding, state)

    def _is_held_for_totals(self, binding):
        """Whether the order of ``binding`` is held for a total mismatch: a
        quotation whose totals differed from PrestaShop's (sale exception
        "Totals differ from PrestaShop").  Once the cause is fixed (the tax
        mapping, most often), requeuing its import job rebuilds its lines
        from PrestaShop and checks the totals again."""
        order = binding.odoo_id if binding else None
        return bool(
            order
            and order.prestashop_total_mismatch
            and order.state in ("draft", "sent")
        )

    # -- after import: state changes -------------------------------------------------
    def _state_changed(self, binding, state):
        """The order of ``binding`` (imported) is in a new PrestaShop state
        ``state`` (``prestashop.sale.order.state``): the new state is
        recorded on the binding, noted in the order's chatter, and the order
        is cancelled when the state cancels orders (:meth:`_cancel`).  The
        step to extend for what a client does on a state change."""
        order = binding.odoo_id
        previous = binding.ps_state_id
        binding.with_context(connector_no_export=True).write(
            {
                "ps_state_id": state.id,
                "ps_date_upd": self.prestashop_record.get("date_upd"),
            }
        )
        order.message_post(
            body=_(
                "PrestaShop state changed: %(old)s → %(new)s",
                old=previous.name or "-",
                new=state.name,
            )
        )
        if state.cancel_order and order.state != "cancel":
            self._cancel(binding)

    def _cancel(self, binding):
        order = binding.odoo_id
        shipped = order.picking_ids.filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing"
        )
        posted = order.invoice_ids.filtered(lambda m: m.state == "posted")
        if shipped or posted:
            reason = _(
                "Cancelled in PrestaShop, but %(what)s already exist in Odoo: "
                "decide on a return and a credit note, then mark this as handled.",
                what=", ".join(
                    shipped.mapped("display_name") + posted.mapped("display_name")
                ),
            )
            order.write(
                {
                    "prestashop_needs_attention": True,
                    "prestashop_attention_reason": reason,
                }
            )
            order.message_post(body=reason)
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("PrestaShop cancellation"),
                note=reason,
                user_id=order.user_id.id or self.env.uid,
            )
            return
        order.invoice_ids.filtered(lambda m: m.state == "draft").button_cancel()
        order.with_context(disable_cancel_warning=True)._action_cancel()
        order.message_post(
            body=_(
                "Cancelled because the order was cancelled in "
                "PrestaShop (nothing had shipped)."
            )
        )

    # -- dependencies ---------------------------------------------------------------
    def _import_dependencies(self):
        self._ensure_related()
        record = self.prestashop_record
        customer = record.get("_customer")
        cid = ps_int(record.get("id_customer"))
        if not self._is_current(
            self.binder_for("prestashop.res.partner").to_internal(cid), customer
        ):
            partner_importer = self.component(
                usage="record.importer", model_name="prestashop.res.partner"
            )
            partner_importer.run(cid, data=customer if customer else None)
        addresses = {ps_int(a["id"]): a for a in record.get("_addresses") or []}
        invoice_id = ps_int(record.get("id_address_invoice"))
        delivery_id = ps_int(record.get("id_address_delivery"))
        address_binder = self.binder_for("prestashop.address")
        for address_id, kind in ((delivery_id, "delivery"), (invoice_id, "invoice")):
            if not address_id:
                continue
            if kind == "invoice" and address_id == delivery_id:
                continue
            data = addresses.get(address_id)
            binding = address_binder.to_internal(address_id)
            # not read with the order (None): read since an order used it
            current = (
                binding.ps_used_in_order
                if data is None
                else self._is_current(binding, data)
            )
            if not (binding and current):
                importer = self.component(
                    usage="record.importer", model_name="prestashop.address"
                )
                importer.address_type = kind
                importer.customer_data = customer
                importer.run(address_id, data=data)
                binding = address_binder.to_internal(address_id)
            if binding and not binding.ps_used_in_order:
                # read now, after this order used it: the shop saves any
                # later edit as a new address (see prestashop.address)
                binding.with_context(connector_no_export=True).write(
                    {"ps_used_in_order": True}
                )
        self._import_dependency(record.get("id_carrier"), "prestashop.delivery.carrier")
        self._pricelist = self._order_pricelist()
        for detail in record.get("_details") or []:
            key = (
                ps_int(detail.get("product_id")),
                ps_int(detail.get("product_attribute_id")),
            )
            if key not in self._products:
                self._products[key] = self._get_product(detail)
        if not record.get("_details"):
            raise FailedJobError(
                _(
                    "PrestaShop order %s has no lines (order_details): check the order "
                    "in PrestaShop, then requeue this job.",
                    record.get("reference"),
                )
            )

    @staticmethod
    def _is_current(binding, data):
        """Whether ``binding`` (a customer or address binding, may be empty)
        holds the PrestaShop record ``data`` (read with the order) already:
        its stored ``date_upd`` is not older than the record's.  Such a
        dependency is neither imported nor rewritten again; a record changed
        on the shop since (newer ``date_upd``) is."""
        stored = binding.ps_date_upd if binding else None
        shop = (data or {}).get("date_upd")
        # PrestaShop dates, "YYYY-MM-DD HH:MM:SS": text order is time order
        return bool(stored and shop and stored >= shop)

    def _order_pricelist(self):
        """The backend's pricelist in the order's currency (``id_currency``
        mapped on the Currencies tab).  An unknown or unmapped currency
        stops the import with what to map, before anything is created."""
        record = self.prestashop_record
        binder = self.binder_for("prestashop.res.currency")
        currency_id = record.get("id_currency")
        binding = binder.to_internal(currency_id)
        if not binding:
            self._import_dependency(currency_id, "prestashop.res.currency")
            binding = binder.to_internal(currency_id)
        if not binding or not binding.odoo_id:
            raise PrestashopFixableError(
                _(
                    "Order %(ref)s is in the PrestaShop currency %(currency)s, which "
                    "is not mapped to an Odoo currency. Map it on the backend "
                    "(Currencies tab), then requeue this job.",
                    ref=record.get("reference"),
                    currency=binding.iso_code or binding.name
                    if binding
                    else record.get("id_currency"),
                ),
                model="prestashop.res.currency",
                domain=[
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "=", ps_int(record.get("id_currency"))),
                ],
            )
        if not (
            binding.pricelist_id.active
            and binding.pricelist_id.currency_id == binding.odoo_id
            and binding.odoo_id.active
        ):
            # mapped before pricelists existed: prepared once, under a lock
            # (order jobs run many at once)
            self.advisory_lock_or_retry(
                f"prestashop-currency-pricelist({binding.id})", retry_seconds=2
            )
            binding._prestashop_prepare_for_orders()
        return binding.pricelist_id

    def _find_product(self, detail):
        pid = ps_int(detail.get("product_id"))
        ipa = ps_int(detail.get("product_attribute_id"))
        if ipa:
            variant = self.binder_for("prestashop.product.combination").to_internal(
                ipa, unwrap=True
            )
            if variant:
                return variant
        else:
            template = self.binder_for("prestashop.product.template").to_internal(
                pid, unwrap=True
            )
            if template and len(template.product_variant_ids) == 1:
                return template.product_variant_ids
        product = self.env["product.product"].with_context(active_test=False)
        reference = (detail.get("product_reference") or "").strip()
        ean = (detail.get("product_ean13") or "").strip()
        company = self.backend_record.company_id
        domain = [("company_id", "in", [company.id, False])]
        if reference:
            found = product.search(domain + [("default_code", "=", reference)], limit=1)
            if found:
                return found
        if ean:
            found = product.search(domain + [("barcode", "=", ean)], limit=1)
            if found:
                return found
        return None

    def _get_product(self, detail):
        product = self._find_product(detail)
        if product:
            return product
        pid = ps_int(detail.get("product_id"))
        ipa = ps_int(detail.get("product_attribute_id"))
        error = None
        try:
            if ipa:
                # the combination's importer: its product, with every
                # combination of it (the detail names the product: the
                # combination is not read for it)
                self.component(
                    usage="record.importer",
                    model_name="prestashop.product.combination",
                ).run(ipa, data={"id": ipa, "id_product": pid})
            else:
                self.component(
                    usage="record.importer", model_name="prestashop.product.template"
                ).run(pid)
        except FailedJobError as err:
            error = err.args[0] if err.args else str(err)
        product = self._find_product(detail)
        if not product:
            reference = (detail.get("product_reference") or "").strip()
            error_note = f" ({error})" if error else ""
            raise PrestashopFixableError(
                _(
                    "Order %(order)s: the PrestaShop product %(id)s (reference "
                    "'%(ref)s', combination %(ipa)s) is not in Odoo and could not be "
                    "imported%(error)s. Create it in Odoo with this reference or "
                    "import it from PrestaShop, then requeue this job.",
                    order=self.prestashop_record.get("reference"),
                    id=pid,
                    ref=detail.get("product_reference") or "",
                    ipa=ipa,
                    error=error_note,
                ),
                model="product.product",
                domain=[("default_code", "=", reference)] if reference else None,
                context={
                    "default_default_code": reference,
                    "default_name": detail.get("product_name") or reference,
                    "default_barcode": (detail.get("product_ean13") or "").strip()
                    or False,
                },
            )
        return product

    # -- create ----------------------------------------------------------------------
    def _create_data(self, map_record, **kwargs):
        return super()._create_data(
            map_record, products=self._products, pricelist=self._pricelist, **kwargs
        )

    def _update_data(self, map_record, **kwargs):
        values = super()._update_data(
            map_record, products=self._products, pricelist=self._pricelist, **kwargs
        )
        binding = self.binder.to_internal(self.external_id)
        if self._is_held_for_totals(binding) and "order_line" in values:
            # a held order rebuilt: its lines replaced, never added twice
            values["order_line"] = [(5, 0, 0)] + values["order_line"]
        return values

    def _after_import(self, binding):
        # The exception rules run on this job's cursor, not through the
        # second cursor of base_exception, which cannot see this uncommitted
        # order (MissingError as any user but the superuser): see
        # ../sale_order/exception.py.  The confirmation below too.
        order = binding.odoo_id.with_context(**{IN_TRANSACTION: True})
        if self._is_held_for_totals(binding):
            # a held order rebuilt: checked again from scratch below
            order.write(
                {
                    "prestashop_total_mismatch": False,
                    "prestashop_total_message": False,
                    "exception_ids": [(5, 0, 0)],
                }
            )
            order.message_post(
                body=_("Lines rebuilt from PrestaShop to check the totals again.")
            )
        problems = self._check_totals(binding)
        if problems:
            message = "\n".join(problems)
            order.write(
                {"prestashop_total_mismatch": True, "prestashop_total_message": message}
            )
        try:
            order.detect_exceptions()
        except BaseExceptionError:
            # held: the exceptions are written on the order, in this
            # transaction, and the order stays a quotation
            order.message_post(
                body=_(
                    "Held, not confirmed: %(why)s",
                    why=problems
                    and "\n".join(problems)
                    or ", ".join(order.exception_ids.mapped("name")),
                )
            )
            return
        self._run_workflow(order)

    def _run_workflow(self, order):
        """The payment method's sale workflow (``sale.workflow.process``) on
        this order, now, by sale_automatic_workflow's own steps
        (``automatic.workflow.job._do_*``, each behind the workflow's filter
        for it, in the module's order): confirm the order (and send the
        confirmation mail when the workflow says so), create the invoice,
        post it, lock the order, register the payment.  Unlike the module's
        scheduled action, which logs a step's error and goes on, an error
        fails this job with what went wrong.  Validating the delivery
        (``sale_automatic_workflow_stock``) works on all the workflow's
        orders at once: its scheduled action does it."""
        workflow = order.workflow_process_id
        if not workflow:
            order.message_post(
                body=_(
                    "Left as a quotation: the PrestaShop payment method '%s' has no "
                    "sale workflow. Set one on the backend (Payment methods tab).",
                    self.prestashop_record.get("payment")
                    or self.prestashop_record.get("module"),
                )
            )
            return
        job = self.env["automatic.workflow.job"]
        workflow_domain = job._sale_workflow_domain(workflow)

        def step(records, step_filter, label, do):
            """Run ``do`` (a ``_do_*`` step) on each of ``records`` that the
            step's filter selects; a note on the order for one it leaves out
            (the step is not silently skipped)."""
            domain = step_filter._get_eval_domain() + workflow_domain
            for record in records:
                if record.filtered_domain(domain):
                    do(record, domain)
                else:
                    order.message_post(
                        body=_(
                            "Sale workflow %(workflow)s: %(step)s not done for "
                            "%(record)s, which does not match the step's filter "
                            "'%(filter)s'.",
                            workflow=workflow.name,
                            step=label,
                            record=record.display_name,
                            filter=step_filter.name,
                        )
                    )

        if workflow.validate_order:
            step(
                order,
                workflow.order_filter_id,
                _("confirmation"),
                job._do_validate_sale_order,
            )
            if workflow.send_order_confirmation_mail:
                job._do_send_order_confirmation_mail(order)
            self._note_on_pickings(order)
        if workflow.create_invoice:
            step(
                order,
                workflow.create_invoice_filter_id,
                _("invoice"),
                job._do_create_invoice,
            )
        if workflow.validate_invoice:
            step(
                order.invoice_ids,
                workflow.validate_invoice_filter_id,
                _("invoice validation"),
                job._do_validate_invoice,
            )
        if workflow.sale_done:
            step(order, workflow.sale_done_filter_id, _("lock"), job._do_sale_done)
        if workflow.register_payment:
            step(
                order.invoice_ids,
                workflow.payment_filter_id,
                _("payment"),
                job._do_register_payment,
            )

    def _note_on_pickings(self, order):
        """The gift message on the delivery orders: whoever packs the parcel
        reads the picking, not the sale order."""
        message = self.component(usage="import.mapper").gift_message(
            self.prestashop_record
        )
        if not message:
            return
        for picking in order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing"
        ):
            picking.note = shop_text_html(_("Gift message: %s", message))

    def _check_totals(self, binding):
        """Compare Odoo's amounts with what PrestaShop charged; a list of
        problems (empty: the order adds up).

        The lines are built so that Odoo's computation gives PrestaShop's
        figures (see the mapper): the amount paid must then match to the
        currency's unit (the cent, the yen).  What Odoo cannot reproduce,
        and only that, is tolerated, line by line (:meth:`_line_tolerance`):

        - the side the customer did not see: PrestaShop rounds the tax-
          excluded and tax-included prices each from its 6-decimal unit
          price, Odoo derives one from the other's rounded total, so the
          tax-excluded amounts and the taxes may differ by one unit per line
          (per item under per-item rounding);
        - a line on the tax-excluded side (a B2B customer): Odoo adds the
          rounded tax of the line, PrestaShop rounds the tax-included line
          itself, so the amount paid may differ by one unit per line (per
          item under per-item rounding).

        A unit price with more decimals than Odoo's "Product Price"
        precision is no excuse: the mapper splits such a detail so that its
        lines add up to PrestaShop's line total (:meth:`_split_line`), and a
        detail whose lines still do not is reported (:meth:`_line_problems`).
        """
        order = binding.odoo_id
        record = self.prestashop_record
        lines = order.order_line
        delivery = lines.filtered("is_delivery")
        # read, never created here (order jobs do not write the backend)
        discount_product = self.backend_record.discount_product_id
        wrap_product = self.backend_record.gift_wrapping_product_id
        discounts = lines.filtered(lambda line: line.product_id == discount_product)
        wrapping = lines.filtered(lambda line: line.product_id == wrap_product)
        products = lines - delivery - discounts - wrapping
        mapper = self.component(usage="import.mapper")
        details = {ps_int(d.get("id")): d for d in record.get("_details") or []}
        tolerances = {
            line: self._line_tolerance(
                binding, line, details.get(line.prestashop_detail_id), mapper
            )
            for line in lines
        }

        def split(some_lines):
            return sum(tolerances[line][0] for line in some_lines)

        paid_tolerance = sum(tol[1] for tol in tolerances.values())
        checks = [
            (
                _("Products (tax excl.)"),
                sum(products.mapped("price_subtotal")),
                record.get("total_products"),
                split(products),
            ),
            (
                _("Shipping (tax excl.)"),
                sum(delivery.mapped("price_subtotal")),
                record.get("total_shipping_tax_excl"),
                split(delivery),
            ),
            (
                _("Discounts (tax excl.)"),
                -sum(discounts.mapped("price_subtotal")),
                record.get("total_discounts_tax_excl"),
                split(discounts),
            ),
            (
                _("Gift wrapping (tax excl.)"),
                sum(wrapping.mapped("price_subtotal")),
                record.get("total_wrapping_tax_excl"),
                split(wrapping),
            ),
            (
                _("Total (tax excl.)"),
                order.amount_untaxed,
                record.get("total_paid_tax_excl"),
                split(lines),
            ),
            (
                _("Taxes"),
                order.amount_tax,
                ps_float(record.get("total_paid_tax_incl"))
                - ps_float(record.get("total_paid_tax_excl")),
                split(lines) + paid_tolerance,
            ),
            (
                _("Total paid (tax incl.)"),
                order.amount_total,
                ps_float(record.get("total_paid_tax_incl")),
                paid_tolerance,
            ),
        ]
        problems = self._line_problems(products, record, mapper)
        for label, odoo_value, ps_value, tolerance in checks:
            ps_value = ps_float(ps_value)
            if abs(odoo_value - ps_value) > tolerance + 1e-6:
                problems.append(
                    _(
                        "%(what)s: Odoo %(odoo)s, PrestaShop %(ps)s",
                        what=label,
                        odoo=self._amount(order, odoo_value),
                        ps=self._amount(order, ps_value),
                    )
                )
        return problems

    def _line_problems(self, lines, record, mapper):
        """Order details whose lines (one, or two when split), on the side
        they carry, do not add up to what PrestaShop charged for the detail
        (:meth:`SaleOrderImportMapper._line_targets`) to the cent: a unit
        price the "Product Price" precision cannot split exactly (a
        fractional quantity, a currency with more decimals)."""
        problems = []
        digits = self.env["decimal.precision"].precision_get("Product Price")
        by_detail = defaultdict(lambda: lines.browse())
        for line in lines.filtered("prestashop_detail_id"):
            by_detail[line.prestashop_detail_id] |= line
        customer_side = mapper._tax_included(record)
        sides, found = [], []
        for detail in record.get("_details") or []:
            detail_lines = by_detail.get(ps_int(detail.get("id")))
            if not detail_lines:
                continue
            taxes = detail_lines[:1].tax_id
            # the mapper's side: a detail without taxes is on the customer's
            included = all(taxes.mapped("price_include")) if taxes else customer_side
            sides.append((detail, included))
            found.append(detail_lines)
        currency = lines.order_id.currency_id[:1] or self.env.company.currency_id
        targets = mapper._line_targets(record, sides, currency)
        for (detail, included), detail_lines, ps_total in zip(
            sides, found, targets, strict=True
        ):
            if ps_total is None:
                continue
            odoo_total = sum(
                detail_lines.mapped("price_total" if included else "price_subtotal")
            )
            if not currency.compare_amounts(odoo_total, ps_total):
                continue
            line = detail_lines[:1]
            shown = mapper.shown_unit_price(
                self.prestashop_record, detail, included, currency
            )
            # formatted outside _(): Odoo's string extraction evaluates the
            # call's string arguments and stops at an f-string
            unit = f"{shown:.6f}"
            problems.append(
                _(
                    "Line '%(line)s': Odoo %(odoo)s, PrestaShop %(ps)s. Its unit "
                    "price %(unit)s has more decimals than Odoo's 'Product Price' "
                    "precision (%(digits)s): raise it (Settings > Technical > "
                    "Decimal Accuracy), then requeue the order's import job.",
                    line=line.name,
                    odoo=self._amount(line.order_id, odoo_total),
                    ps=self._amount(line.order_id, ps_total),
                    unit=unit,
                    digits=digits,
                )
            )
        return problems

    def _amount(self, order, value):
        digits = order.currency_id.decimal_places
        return f"{value:.{digits}f} {order.currency_id.name}"

    def _line_tolerance(self, binding, line, detail, mapper):
        """``(split, paid)``: how far PrestaShop's rounding may take this
        line's tax-excluded amount / tax (``split``) and its amount paid
        (``paid``) from what Odoo computes (see :meth:`_check_totals`)."""
        unit = line.order_id.currency_id.rounding
        per_item = binding.ps_round_type == str(ROUND_ITEM)
        units = line.product_uom_qty if per_item else 1
        # a line without taxes counts as tax included: both sides are equal
        included = all(line.tax_id.mapped("price_include"))
        # no allowance for a sub-cent unit price: the mapper splits the
        # detail so that its lines make PrestaShop's total on the side the
        # customer saw (what is left is reported by _line_problems)
        split = unit * units
        paid = 0.0 if included else unit * units
        return split, paid


class SaleOrderBatchImporter(Component):
    """Scheduled import of the orders updated since the last run.

    The cursor is the greatest PrestaShop ``date_upd`` seen (shop time, so no
    time-zone or clock-skew issue), read back with an overlap; the job
    identity (order id + date_upd) and the binding keep re-read orders from
    being imported twice.  Pages are read with display=full, their related
    records in 4 batched requests, and each order goes to its own job with
    its data."""

    _name = "prestashop.sale.order.batch.importer"
    _inherit = "prestashop.delayed.batch.importer"
    _apply_on = "prestashop.sale.order"

    _job_priority = 15

    def _job_data(self, record):
        # the customer attached to the order: what the customer import
        # reads, as the customers' own batch keeps it
        data = super()._job_data(record)
        if data.get("_customer"):
            data["_customer"] = job_data(data["_customer"], keep=CUSTOMER_JOB_FIELDS)
        return data

    def run(self, filters=None):
        """Read the first page of the orders updated since the cursor (or
        matching ``filters``) and queue one job per order; a full page
        queues the job of the next page (:meth:`run_page`)."""
        backend = self.backend_record
        params = dict(filters or {})
        since = backend.import_orders_since
        use_cursor = not filters
        if use_cursor and since:
            start = datetime.strptime(since, PS_DATE) - timedelta(
                minutes=backend.order_import_overlap or 0
            )
            params["filter[date_upd]"] = f">[{start.strftime(PS_DATE)}]"
        params["date"] = "1"
        params.setdefault("sort", "[id_ASC]")
        # read once and kept: the per-order jobs then need no request for it
        backend._prestashop_group_names()
        # The batch is the one writer of the backend in the order flow (the
        # cursor, these): the order jobs, many at once, only read it.
        backend._prestashop_ensure_service_products()
        return self.run_page(params, 0, use_cursor, since or "")

    def run_page(self, params, offset, use_cursor, newest):
        """One page of the batch, in its own job: read ``page_size`` orders
        from ``offset`` (``params``: the webservice filters of the whole
        batch, fixed at its start, sorted by id so that an order saved
        meanwhile never shifts a page), queue a job per order, then queue the
        next page's job when the page was full, else move the cursor (with
        ``use_cursor``) to ``newest``, the greatest ``date_upd`` seen by the
        whole batch.  A fault on page 3 retries page 3 only: the jobs of
        pages 1 and 2 are queued already.

        :return: the page's result (orders queued, skipped and why)."""
        backend = self.backend_record
        adapter = self.backend_adapter
        page_size = backend.order_import_page_size or adapter._page_size
        skipped = Counter()
        page = adapter.search_read(params, limit=page_size, offset=offset)
        wanted = self._wanted(page)
        skipped.update(self._skip_reasons(page, wanted))
        failed = self.env["queue.job"]._prestashop_failed_identity_keys(
            {self._identity_key(record) for record in wanted}
        )
        if failed:
            # one live failure per order: this version already has a failed
            # job; "Requeue" on it, once fixed, is the way forward
            held = [r for r in wanted if self._identity_key(r) in failed]
            skipped[("failed",)] += len(held)
            wanted = [r for r in wanted if self._identity_key(r) not in failed]
        adapter.attach_related(wanted)
        for record in wanted:
            self._import_record(record)
        for record in page:
            newest = max(newest, record.get("date_upd") or "")
        if len(page) >= page_size:
            self._queue_next_page(params, offset + page_size, use_cursor, newest)
        elif use_cursor and newest and newest != backend.import_orders_since:
            backend.write({"import_orders_since": newest})
        return self._batch_result(len(wanted), newest, skipped)

    def _queue_next_page(self, params, offset, use_cursor, newest):
        """Queue the job reading the page at ``offset``; its identity (the
        batch's filters and the offset) keeps two overlapping batches from
        reading one page twice at once."""
        backend = self.backend_record
        batch = hashlib.sha1(json.dumps(params, sort_keys=True).encode()).hexdigest()
        key = f"prestashop-import-orders-page-{backend.id}-{batch[:12]}-{offset}"
        self.model.with_delay(
            priority=10,
            identity_key=key,
            description=_(
                "Import orders from %(backend)s, from order %(offset)s",
                backend=backend.name,
                offset=offset + 1,
            ),
        ).import_order_page(backend, params, offset, use_cursor, newest)

    def _skip_reasons(self, page, wanted):
        """Why each order of ``page`` not in ``wanted`` gets no job, as
        reason keys: ``("state", name)`` (a state not imported),
        ``("unchanged",)`` (imported, same state) or ``("other",)`` (left
        out by an override of :meth:`_wanted`)."""
        wanted_ids = {ps_int(o["id"]) for o in wanted}
        left = [o for o in page if ps_int(o["id"]) not in wanted_ids]
        if not left:
            return []
        states = {s.prestashop_id: s for s in self.backend_record.order_state_ids}
        bound = set(
            self.model.search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "in", [ps_int(o["id"]) for o in left]),
                ]
            ).mapped("prestashop_id")
        )
        reasons = []
        for order in left:
            state = states.get(ps_int(order.get("current_state")))
            if ps_int(order["id"]) in bound:
                reasons.append(("unchanged",))
            elif state and not state.import_order:
                reasons.append(("state", state.name))
            else:
                reasons.append(("other",))
        return reasons

    def _batch_result(self, queued, newest, skipped):
        """The batch job's result: what was queued and why the other orders
        of the pages read were not (dashboard, job list).  ``newest``: the
        import cursor (not named ``cursor``: Odoo's ``_()`` takes a local of
        that name for a database cursor when the context has no language)."""
        parts = [
            _(
                "%(queued)s orders queued, cursor %(cursor)s",
                queued=queued,
                cursor=newest or "-",
            )
        ]
        for reason, count in sorted(skipped.items()):
            if reason[0] == "state":
                parts.append(
                    _(
                        "%(count)s skipped: state '%(state)s' is not imported",
                        count=count,
                        state=reason[1],
                    )
                )
            elif reason[0] == "unchanged":
                parts.append(_("%s already imported, state unchanged", count))
            elif reason[0] == "failed":
                parts.append(
                    _(
                        "%s not queued again: their import failed (fix the cause, "
                        "then requeue the failed job)",
                        count,
                    )
                )
            else:
                parts.append(_("%s skipped by a customisation", count))
        return "; ".join(parts)

    def _wanted(self, page):
        """Orders in an importable state, and imported ones whose state
        changed (to record it, or cancel)."""
        if not page:
            return []
        states = {s.prestashop_id: s for s in self.backend_record.order_state_ids}
        bound = {
            b.prestashop_id: b
            for b in self.model.search(
                [
                    ("backend_id", "=", self.backend_record.id),
                    ("prestashop_id", "in", [ps_int(o["id"]) for o in page]),
                ]
            )
        }
        wanted = []
        for order in page:
            state_id = ps_int(order.get("current_state"))
            binding = bound.get(ps_int(order["id"]))
            if binding:
                if binding.ps_state_id.prestashop_id != state_id:
                    wanted.append(order)
            elif state_id not in states or states[state_id].import_order:
                wanted.append(order)
        return wanted

    def _job_description(self, record):
        return _(
            "Import PrestaShop order %(ref)s (id %(id)s)",
            ref=record.get("reference"),
            id=record["id"],
        )
