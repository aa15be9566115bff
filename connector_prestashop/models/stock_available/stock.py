# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where Odoo's stock changes, and what tells the connector.

Every change of an on-hand or reserved quantity goes through
``stock.quant._update_available_quantity`` / ``_update_reserved_quantity``:
validated moves (receipts, deliveries, inventory adjustments, scrap), and
reservations made or released (order confirmation, unreserve, cancel).  Hooking
there catches them all; forecast backends also listen to moves being
confirmed or cancelled, which change the forecast without touching quants.
"""

from odoo import api, models


class ProductProduct(models.Model):
    # extensions are split by flow, one file each, on purpose
    _inherit = "product.product"  # pylint: disable=consider-merging-classes-inherited

    def _prestashop_stock_changed(self, forecast_only=False):
        """Queue one debounced stock push per backend and bound variant.

        ``forecast_only``: the change only moves the forecast (a move
        confirmed or cancelled), so only backends pushing it care."""
        products = self.sudo().filtered("is_storable")
        if not products:
            return
        domain = [("stock_sync", "=", True)]
        if forecast_only:
            domain.append(("stock_quantity_field", "=", "virtual_available"))
        backends = self.env["prestashop.backend"].sudo().search(domain)
        if not backends:
            return
        for backend in backends:
            bound = products.filtered(
                lambda p, b=backend: b in p.prestashop_combination_bind_ids.backend_id
                or b in p.product_tmpl_id.prestashop_bind_ids.backend_id
            )
            if bound:
                backend._queue_export_stock(bound)


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model
    def _update_available_quantity(self, product_id, location_id, *args, **kwargs):
        res = super()._update_available_quantity(
            product_id, location_id, *args, **kwargs
        )
        if location_id.usage in ("internal", "transit"):
            product_id._prestashop_stock_changed()
        return res

    @api.model
    def _update_reserved_quantity(self, product_id, location_id, *args, **kwargs):
        res = super()._update_reserved_quantity(
            product_id, location_id, *args, **kwargs
        )
        if location_id.usage in ("internal", "transit"):
            product_id._prestashop_stock_changed()
        return res


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_confirm(self, merge=True, merge_into=False):
        products = self.product_id  # merged moves are gone after super()
        res = super()._action_confirm(merge=merge, merge_into=merge_into)
        products._prestashop_stock_changed(forecast_only=True)
        return res

    def _action_cancel(self):
        res = super()._action_cancel()
        self.product_id._prestashop_stock_changed(forecast_only=True)
        return res
