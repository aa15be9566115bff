# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order state back-flow: post an ``order_histories`` row so that PrestaShop
changes the order's state and e-mails the customer.

Pushes are idempotent and ordered: the exporter reads the order's current
state first (one GET) and posts only when the target is *later* in the life
cycle (``_state_rank``), so a retried job posts nothing twice and a late job
never moves an order back (e.g. from "Shipped" to "Partially shipped")."""

import logging

from odoo import _

from odoo.addons.component.core import Component

from ...components.mapper import ps_int

_logger = logging.getLogger(__name__)

#: Life-cycle ranks: a state is pushed only over a lower-ranked one.
RANK_UNPAID = 0
RANK_PAID = 10
RANK_PREPARATION = 20
RANK_PARTIAL = 30
RANK_SHIPPED = 40
RANK_DELIVERED = 50
RANK_CANCELLED = 100
RANK_REFUNDED = 110


class SaleOrderStateExporter(Component):
    """Move a PrestaShop order to a state, only forward."""

    _name = "prestashop.sale.order.state.exporter"
    _inherit = "prestashop.base"
    _apply_on = "prestashop.sale.order"
    _usage = "state.exporter"

    # -- overridable rules ---------------------------------------------------------
    def _state_rank(self, state):
        """Position of ``state`` in the order life cycle. The backend's
        mapping wins over PrestaShop's flags (a custom "partially shipped"
        state has no flag of its own)."""
        if not state:
            return RANK_UNPAID
        backend = self.backend_record
        if state == backend.ps_state_refund_id or (
            state.ps_template == "refund" and not state.paid
        ):
            return RANK_REFUNDED
        if state == backend.ps_state_cancel_id or state.cancel_order:
            return RANK_CANCELLED
        if state == backend.ps_state_shipped_id:
            return RANK_SHIPPED
        if state.shipped:
            return RANK_SHIPPED if state.ps_template == "shipped" else RANK_DELIVERED
        if state == backend.ps_state_partial_id:
            return RANK_PARTIAL
        if state.delivery:
            return RANK_PREPARATION
        if state.paid:
            return RANK_PAID
        return RANK_UNPAID

    def _must_push(self, current, target):
        """Reason (str) not to push ``target`` over ``current``, or None."""
        if current == target:
            return _("already in the state '%s'", target.name)
        current_rank, target_rank = self._state_rank(current), self._state_rank(target)
        if current_rank >= target_rank:
            return _(
                "its state '%(current)s' is not earlier than '%(target)s'",
                current=current.name,
                target=target.name,
            )
        return None

    # -- flow --------------------------------------------------------------------------
    def read_order(self, binding):
        """The PrestaShop order (one GET)."""
        return self.component(usage="backend.adapter").read(binding.prestashop_id)

    def current_state(self, ps_order):
        """The Odoo record of the order's current state (imported on the fly
        when the merchant created it after the last metadata sync)."""
        state_id = ps_int(ps_order.get("current_state"))
        binder = self.binder_for("prestashop.sale.order.state")
        state = binder.to_internal(state_id)
        if not state and state_id:
            self.component(
                usage="record.importer", model_name="prestashop.sale.order.state"
            ).run(state_id)
            state = binder.to_internal(state_id)
        return state

    def run(self, binding, target, ps_order=None):
        """Push ``target`` (a prestashop.sale.order.state) when it is later
        than the order's current state. Returns what was done, in words."""
        if not target:
            return _(
                "Order %s: no state mapped for this event, nothing pushed.",
                binding.ps_reference,
            )
        ps_order = ps_order or self.read_order(binding)
        current = self.current_state(ps_order)
        reason = self._must_push(current, target)
        if reason:
            self._record_state(binding, current)
            return _(
                "Order %(ref)s: state not pushed, %(reason)s.",
                ref=binding.ps_reference,
                reason=reason,
            )
        self.component(usage="backend.adapter").add_history(
            binding.prestashop_id,
            target.prestashop_id,
            send_email=self.backend_record.backflow_send_email,
        )
        self._record_state(binding, target)
        binding.odoo_id.message_post(
            body=_(
                "PrestaShop state set to '%(state)s' (was '%(old)s').",
                state=target.name,
                old=current.name or "-",
            )
        )
        _logger.info(
            "prestashop backflow backend=%s order=%s state %s -> %s",
            self.backend_record.id,
            binding.prestashop_id,
            current.prestashop_id,
            target.prestashop_id,
        )
        return _(
            "Order %(ref)s: PrestaShop state set to '%(state)s'.",
            ref=binding.ps_reference,
            state=target.name,
        )

    def _record_state(self, binding, state):
        """Keep the binding in step, so the order import sees no change to
        follow (no ping-pong)."""
        if state and binding.ps_state_id != state:
            binding.with_context(connector_no_export=True).write(
                {"ps_state_id": state.id}
            )
