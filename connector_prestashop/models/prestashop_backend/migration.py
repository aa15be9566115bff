# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Initial migration settings and the one-off "Odoo stock from PrestaShop"
job (PrestaShop quantities -> inventory adjustment in Odoo)."""

import logging

from odoo import _, fields, models
from odoo.tools import float_compare

from ...components.mapper import ps_bool, ps_int

_logger = logging.getLogger(__name__)


class PrestashopBackend(models.Model):
    _inherit = "prestashop.backend"  # pylint: disable=consider-merging-classes-inherited

    product_category_parent_id = fields.Many2one(
        "product.category",
        string="Parent of Imported Categories",
        default=lambda self: self.env.ref(
            "product.product_category_all", raise_if_not_found=False
        ),
        help="Odoo category under which the top PrestaShop categories (the "
        "children of PrestaShop's root and home categories) are imported.",
    )

    def _prestashop_category_parent(self):
        self.ensure_one()
        return self.product_category_parent_id or self.env.ref(
            "product.product_category_all"
        )

    # -- Odoo stock from PrestaShop -------------------------------------------------
    def _initial_stock_variants(self):
        """``{(PrestaShop product id, combination id): product.product}`` of the
        bound storable variants."""
        self.ensure_one()
        variants = {}
        templates = (
            self.env["prestashop.product.template"]
            .with_context(active_test=False)
            .search([("backend_id", "=", self.id)])
        )
        for binding in templates:
            if binding.combination_ids:
                for comb in binding.combination_ids:
                    if comb.odoo_id.is_storable:
                        variants[(binding.prestashop_id, comb.prestashop_id)] = (
                            comb.odoo_id
                        )
            elif (
                len(binding.odoo_id.product_variant_ids) == 1
                and binding.odoo_id.is_storable
            ):
                variants[(binding.prestashop_id, 0)] = (
                    binding.odoo_id.product_variant_ids
                )
        return variants

    def import_initial_stock(self):
        """Job: set the Odoo stock on hand of the bound storable variants, in
        the backend's warehouse, to PrestaShop's physical quantities (the
        available quantity plus what the open orders reserve, see
        :meth:`_prestashop_reserved_quantities`), so that once those orders
        are imported (and reserve their units in Odoo) Odoo's free quantity
        equals PrestaShop's available one.  One inventory adjustment; the
        rows are read per 500 products, of the first shop."""
        self._prestashop_check_access()
        self.ensure_one()
        backend = self.sudo().with_company(self.company_id)
        variants = backend._initial_stock_variants()
        if not variants:
            return _("No bound storable product.")
        with backend.work_on("prestashop.stock.available") as work:
            adapter = work.component(usage="backend.adapter")
            # the rows of the first shop (or of its group, if it shares stock)
            shop = backend.shop_ids.sorted("prestashop_id")[:1]
            row_filter = (
                work.component(usage="stock.exporter")._row_filter(shop)
                if shop
                else None
            )
            rows = adapter.read_rows(
                sorted({key[0] for key in variants}),
                row_filter,
                expected_rows=adapter.expected_rows(variants),
            )
            reserved = backend._prestashop_reserved_quantities(adapter, shop)
        quantities = {}
        for row in rows:
            key = (
                ps_int(row.get("id_product")),
                ps_int(row.get("id_product_attribute")),
            )
            if key in variants and key not in quantities:
                # on hand = PrestaShop's physical quantity: the available
                # one plus what its open orders reserve, which Odoo reserves
                # again when it imports them
                quantities[key] = ps_int(row.get("quantity")) + reserved.get(key, 0)
        warehouse = backend.stock_warehouse_ids[:1] or backend.warehouse_id
        location = warehouse.lot_stock_id
        Quant = backend.env["stock.quant"].with_context(inventory_mode=True)
        quants = Quant.browse()
        for key, quantity in quantities.items():
            product = variants[key].with_context(warehouse_id=warehouse.id)
            delta = max(quantity, 0) - product.qty_available
            rounding = product.uom_id.rounding
            if not float_compare(delta, 0, precision_rounding=rounding):
                continue
            here = sum(Quant._gather(product, location, strict=True).mapped("quantity"))
            quants |= Quant.create(
                {
                    "product_id": product.id,
                    "location_id": location.id,
                    "inventory_quantity": here + delta,
                }
            )
        if quants:
            quants.action_apply_inventory()
        _logger.info(
            "prestashop backend %s: Odoo stock set from PrestaShop for %s "
            "products (%s changed)",
            self.id,
            len(quantities),
            len(quants),
        )
        return _(
            "Stock of %(count)s products read from PrestaShop, %(changed)s "
            "adjusted in %(warehouse)s.",
            count=len(quantities),
            changed=len(quants),
            warehouse=warehouse.name,
        )

    def _prestashop_reserved_quantities(self, adapter, shop):
        """``{(id_product, id_product_attribute): units}`` reserved on
        PrestaShop by the orders of ``shop`` (of its group when the group
        shares its stock; of every shop when ``shop`` is empty) that are not
        shipped yet.

        The webservice does not give ``reserved_quantity`` nor
        ``physical_quantity`` of ``stock_availables``; this computes them as
        PrestaShop does (``StockManager::updateReservedProductQuantity``,
        src/Adapter/StockManager.php): ``product_quantity -
        product_quantity_refunded`` of the order details of the orders whose
        current state is not ``shipped`` and that are valid or neither in
        the error nor in the cancelled state (``PS_OS_ERROR``,
        ``PS_OS_CANCELED``).  Physical = available (``quantity``) +
        reserved.  Requests: 2 + 1 per 500 open orders, twice."""
        fmt = adapter.version.list_format

        def read_all(resource, params):
            records, offset = [], 0
            while True:
                page = adapter._call(
                    "list",
                    resource,
                    dict(params, limit=f"{offset},{adapter._page_size}"),
                    fmt=fmt,
                )
                records += page
                if len(page) < adapter._page_size:
                    return records
                offset += adapter._page_size

        open_states = [
            ps_int(state["id"])
            for state in read_all("order_states", {"display": "[id,shipped]"})
            if not ps_bool(state.get("shipped"))
        ]
        if not open_states:
            return {}
        dead = {
            ps_int(config.get("value"))
            for config in read_all(
                "configurations",
                {
                    "filter[name]": "[PS_OS_ERROR|PS_OS_CANCELED]",
                    "display": "[id,name,value]",
                },
            )
        }
        params = {
            "filter[current_state]": "[{}]".format("|".join(map(str, open_states))),
            "display": "[id,current_state,valid]",
        }
        shops = shop
        if shop and shop.shop_group_id.share_stock:
            shops = self.shop_ids.filtered(
                lambda s: s.shop_group_id == shop.shop_group_id
            )
        if shops:
            params["filter[id_shop]"] = "[{}]".format(
                "|".join(str(s.prestashop_id) for s in shops)
            )
        order_ids = [
            ps_int(order["id"])
            for order in read_all("orders", params)
            if ps_bool(order.get("valid"))
            or ps_int(order.get("current_state")) not in dead
        ]
        reserved = {}
        chunk_size = adapter._read_many_chunk
        for start in range(0, len(order_ids), chunk_size):
            chunk = order_ids[start : start + chunk_size]
            for detail in read_all(
                "order_details",
                {
                    "filter[id_order]": "[{}]".format("|".join(map(str, chunk))),
                    "display": "[id,product_id,product_attribute_id,"
                    "product_quantity,product_quantity_refunded]",
                },
            ):
                key = (
                    ps_int(detail.get("product_id")),
                    ps_int(detail.get("product_attribute_id")),
                )
                units = ps_int(detail.get("product_quantity")) - ps_int(
                    detail.get("product_quantity_refunded")
                )
                reserved[key] = reserved.get(key, 0) + units
        return reserved

    def action_import_initial_stock(self):
        self._prestashop_check_access()
        for backend in self:
            backend.with_delay(
                priority=20,
                identity_key=f"prestashop-initial-stock-{backend.id}",
                description=_("Set Odoo stock from %s", backend.name),
            ).import_initial_stock()
        return self._prestashop_notify(
            _("Setting the Odoo stock from PrestaShop is queued: see Job Queue.")
        )
