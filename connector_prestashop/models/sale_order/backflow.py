# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Back-flow jobs of an imported order (shipments, cancellation, refunds)
and the cancellation listener. The work itself is done by components:
``shipment.exporter`` (stock_picking), ``refund.exporter`` (account_move),
``state.exporter`` (sale_order/state_exporter.py)."""

from odoo import _, api, models


class PrestashopSaleOrder(models.Model):
    _inherit = "prestashop.sale.order"

    def _backflow_lock(self, work):
        """One back-flow job per order at a time (tracking numbers are read,
        appended and written back)."""
        work.component(usage="state.exporter").advisory_lock_or_retry(
            f"prestashop-order-backflow({self.backend_id.id},{self.prestashop_id})",
            retry_seconds=5,
        )

    # -- jobs (data/queue_job_data.xml) ------------------------------------------------
    def export_shipment(self, picking):
        """Job: the delivery ``picking`` was validated: send its tracking
        number and move the order to "shipped" / "partially shipped"."""
        self.ensure_one()
        binding, picking = self.sudo(), picking.sudo()
        with binding.backend_id.work_on(binding._name) as work:
            binding._backflow_lock(work)
            return work.component(usage="shipment.exporter").run(binding, picking)

    def export_order_state(self, kind):
        """Job: move the order to the state mapped for ``kind`` ("cancel",
        "shipped", "partial", "refund"), only forward."""
        self.ensure_one()
        binding = self.sudo()
        backend = binding.backend_id
        with backend.work_on(binding._name) as work:
            binding._backflow_lock(work)
            return work.component(usage="state.exporter").run(
                binding, backend._prestashop_backflow_state(kind)
            )

    def export_refund(self, move):
        """Job: the credit note ``move`` was posted: give the customer a
        voucher or an order slip, and "refunded" once all is refunded."""
        self.ensure_one()
        binding, move = self.sudo(), move.sudo()
        with binding.backend_id.work_on(binding._name) as work:
            binding._backflow_lock(work)
            return work.component(usage="refund.exporter").run(binding, move)

    # -- queueing ----------------------------------------------------------------------
    def _backflow_skip_cancel(self):
        """Already cancelled on PrestaShop (the import cancelled the Odoo
        order because of it): pushing it back would be a ping-pong."""
        self.ensure_one()
        state = self.ps_state_id
        return bool(state) and (
            state.cancel_order or state == self.backend_id.ps_state_cancel_id
        )

    def _queue_backflow_cancel(self):
        for binding in self:
            if binding._backflow_skip_cancel() or not binding.prestashop_id:
                continue
            binding.with_delay(
                priority=10,
                identity_key=f"prestashop-order-state-{binding.id}-cancel",
                description=_("Cancel PrestaShop order %s", binding.ps_reference),
            ).export_order_state("cancel")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_cancel(self):
        result = super()._action_cancel()
        if not self.env.context.get("connector_no_export"):
            self.filtered(
                lambda o: o.state == "cancel"
            ).prestashop_bind_ids._queue_backflow_cancel()
        return result

    @api.model
    def _prestashop_orders_of_moves(self, moves):
        """The imported orders a credit note refunds."""
        return (
            moves.line_ids.sale_line_ids.order_id
            | moves.reversed_entry_id.line_ids.sale_line_ids.order_id
        )
