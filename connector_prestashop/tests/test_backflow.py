# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Back-flow against the sandbox: shipments, tracking numbers, cancellation
and refunds pushed to PrestaShop; assertions on the shop's records and on
the requests the connector sent."""

import re

from odoo.tests import tagged

from .test_orders import OrderCase

SHIPPED, DELIVERED, CANCELLED, REFUNDED, PROCESSING = 4, 5, 6, 7, 3


@tagged("post_install", "-at_install")
class TestBackflow(OrderCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.backend._prestashop_backflow_set_defaults()

    def setUp(self):
        super().setUp()
        self.import_order(1)
        self.binding1 = self.binding(1)
        self.order = self.binding1.odoo_id
        self.sandbox.clear_log()

    # -- helpers -----------------------------------------------------------------------
    def backflow_jobs(self, method=None):
        domain = [
            ("model_name", "=", "prestashop.sale.order"),
            (
                "method_name",
                "in",
                [method]
                if method
                else ["export_shipment", "export_order_state", "export_refund"],
            ),
        ]
        return self.env["queue.job"].search(domain, order="id")

    def stock_for(self, picking):
        for move in picking.move_ids:
            self.env["stock.quant"]._update_available_quantity(
                move.product_id, move.location_id, move.product_uom_qty
            )
        picking.action_assign()

    def validate(self, picking, tracking=None, quantities=None, backorder=True):
        """Validate ``picking``: ``quantities`` {move: qty} ships part of it
        (with a backorder unless ``backorder`` is False)."""
        self.stock_for(picking)
        for move in picking.move_ids:
            qty = (quantities or {}).get(move, move.product_uom_qty)
            move.quantity = qty
            move.picked = True
        if tracking:
            picking.carrier_tracking_ref = tracking
        ctx = {"skip_sms": True}
        if quantities:
            ctx["skip_backorder"] = True
            if not backorder:
                ctx["picking_ids_not_to_backorder"] = picking.ids
        picking.with_context(**ctx).button_validate()
        self.assertEqual(picking.state, "done")

    def ps_state(self, order_id=1):
        return int(self.ps_order(order_id)["current_state"])

    def ps_carriers(self, order_id=1):
        return self.sandbox.store.search("order_carriers", id_order=order_id)

    def history_posts(self):
        return self.sent("POST", "order_histories")

    def posted_states(self):
        return [
            int(re.search(r"<id_order_state><!\[CDATA\[(\d+)", r.body).group(1))
            for r in self.history_posts()
        ]

    # -- shipments ---------------------------------------------------------------------
    def test_full_shipment_tracking_then_shipped_with_email(self):
        picking = self.order.picking_ids
        self.validate(picking, tracking="6A12345678901")
        jobs = self.backflow_jobs("export_shipment")
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.channel, "root.prestashop.export")
        self.assertEqual(self.run_job(jobs).state, "done", jobs.exc_info)
        self.assertEqual(self.ps_state(), SHIPPED)
        self.assertEqual(self.ps_order(1)["shipping_number"], "6A12345678901")
        self.assertEqual(self.ps_carriers()[0]["tracking_number"], "6A12345678901")
        posts = self.history_posts()
        self.assertEqual(len(posts), 1)
        self.assertEqual(posts[0].query.get("sendemail"), "1")
        # the tracking number is written before the state e-mail goes out
        methods = [(r.method, r.path) for r in self.sandbox.requests]
        self.assertLess(
            next(
                i for i, m in enumerate(methods) if m[1].startswith("order_carriers/")
            ),
            next(i for i, m in enumerate(methods) if m[1] == "order_histories"),
        )
        self.assertEqual(self.binding(1).ps_state_id.prestashop_id, SHIPPED)
        # related action opens the delivery
        action = jobs.open_related_action()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("stock.picking", picking.id)
        )
        # the next order import sees no state change to follow
        self.assertIn("already imported", self.import_order(1))

    def test_two_partial_shipments(self):
        self.backend.ps_state_partial_id = self.backend.order_state_ids.filtered(
            lambda s: s.prestashop_id == PROCESSING
        )
        picking = self.order.picking_ids
        first = picking.move_ids[0]
        self.validate(picking, tracking="PARCEL1", quantities={first: 1})
        backorder = self.order.picking_ids - picking
        self.assertEqual(len(backorder), 1, "a backorder for the rest")
        self.run_pending_jobs()
        self.assertEqual(self.ps_state(), PROCESSING)
        self.assertEqual(self.ps_carriers()[0]["tracking_number"], "PARCEL1")
        self.validate(backorder, tracking="PARCEL2")
        self.run_pending_jobs()
        self.assertEqual(self.ps_state(), SHIPPED)
        self.assertEqual(self.ps_carriers()[0]["tracking_number"], "PARCEL1, PARCEL2")
        self.assertEqual(self.ps_order(1)["shipping_number"], "PARCEL1, PARCEL2")
        self.assertEqual(self.posted_states(), [PROCESSING, SHIPPED])

    def test_backorder_without_partial_state_keeps_state(self):
        before = self.ps_state()
        picking = self.order.picking_ids
        self.validate(picking, tracking="PARCEL1", quantities={picking.move_ids[0]: 1})
        self.run_pending_jobs()
        self.assertEqual(self.ps_state(), before)
        self.assertFalse(self.history_posts())
        self.assertEqual(self.ps_carriers()[0]["tracking_number"], "PARCEL1")
        # the rest is not shipped: no backorder -> the order is complete
        backorder = self.order.picking_ids - picking
        backorder.action_cancel()
        self.binding1.export_order_state("shipped")
        self.assertEqual(self.ps_state(), SHIPPED)

    def test_return_does_not_move_the_order_back(self):
        picking = self.order.picking_ids
        self.validate(picking, tracking="PARCEL1")
        self.run_pending_jobs()
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({})
        )
        for line in wizard.product_return_moves:
            line.quantity = line.move_id.quantity
        action = wizard.action_create_returns()
        ret = self.env["stock.picking"].browse(action["res_id"])
        for move in ret.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        ret.button_validate()
        self.assertEqual(ret.state, "done")
        self.sandbox.clear_log()
        self.assertFalse(self.backflow_jobs().filtered(lambda j: j.state == "pending"))
        self.assertEqual(self.ps_state(), SHIPPED)

    def test_retried_job_posts_nothing_twice(self):
        self.validate(self.order.picking_ids, tracking="6A1")
        job = self.backflow_jobs("export_shipment")
        # the shop fails on the state POST, after the tracking number is stored
        self.sandbox.faults.fail_next(1, 503, after=3)
        job = self.run_job(job)
        self.assertEqual(job.state, "pending")
        self.assertEqual(self.ps_carriers()[0]["tracking_number"], "6A1")
        job.eta = False
        self.assertEqual(self.run_job(job).state, "done", job.exc_info)
        # run once more, as a duplicate would
        self.binding1.export_shipment(self.order.picking_ids)
        self.assertEqual(self.ps_state(), SHIPPED)
        self.assertEqual(len([r for r in self.history_posts() if r.status == 201]), 1)
        writes = [
            r
            for r in self.sandbox.requests
            if r.path.startswith("order_carriers") and r.method != "GET"
        ]
        self.assertEqual(len(writes), 1)
        self.assertEqual(self.ps_carriers()[0]["tracking_number"], "6A1")

    def test_same_job_queued_once(self):
        picking = self.order.picking_ids
        self.validate(picking, tracking="6A1")
        picking._prestashop_queue_shipment()
        self.assertEqual(len(self.backflow_jobs("export_shipment")), 1)

    def test_late_job_never_moves_the_order_back(self):
        self.backend.ps_state_partial_id = self.backend.order_state_ids.filtered(
            lambda s: s.prestashop_id == PROCESSING
        )
        picking = self.order.picking_ids
        self.validate(picking, tracking="PARCEL1", quantities={picking.move_ids[0]: 1})
        # meanwhile the merchant marked it delivered in PrestaShop
        self.sandbox.set_order_state(1, DELIVERED)
        self.sandbox.clear_log()
        self.run_pending_jobs()
        self.assertEqual(self.ps_state(), DELIVERED)
        self.assertFalse(self.history_posts())
        # a late "shipped" job does not move "Delivered" back either
        result = self.binding1.export_order_state("shipped")
        self.assertIn("not pushed", result)
        self.assertEqual(self.ps_state(), DELIVERED)
        self.assertFalse(self.history_posts())

    def test_shop_down_at_validation_pushed_later(self):
        self.sandbox.faults.down = True
        self.validate(self.order.picking_ids, tracking="6A1")
        job = self.run_job(self.backflow_jobs("export_shipment"))
        self.assertEqual(job.state, "pending")
        self.assertIn("tries again by itself", job.result or "")
        self.sandbox.faults.down = False
        job.eta = False
        self.assertEqual(self.run_job(job).state, "done", job.exc_info)
        self.assertEqual(self.ps_state(), SHIPPED)
        self.assertEqual(self.ps_order(1)["shipping_number"], "6A1")

    def test_tracking_added_after_validation(self):
        picking = self.order.picking_ids
        self.validate(picking)
        self.run_pending_jobs()
        self.assertEqual(self.ps_state(), SHIPPED)
        picking.carrier_tracking_ref = "LATE123"
        self.run_pending_jobs()
        self.assertEqual(self.ps_order(1)["shipping_number"], "LATE123")
        self.assertEqual(len(self.history_posts()), 1)

    # -- cancellation ------------------------------------------------------------------
    def test_cancel_in_odoo_cancels_in_prestashop(self):
        self.order.with_context(disable_cancel_warning=True).action_cancel()
        self.assertEqual(self.order.state, "cancel")
        jobs = self.backflow_jobs("export_order_state")
        self.assertEqual(len(jobs), 1)
        self.assertEqual(self.run_job(jobs).state, "done", jobs.exc_info)
        self.assertEqual(self.ps_state(), CANCELLED)
        self.assertEqual(len(self.history_posts()), 1)
        action = jobs.open_related_action()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("sale.order", self.order.id)
        )
        # no ping-pong: the import sees the state it pushed
        self.assertIn("already imported", self.import_order(1))

    def test_cancel_from_prestashop_is_not_pushed_back(self):
        self.sandbox.set_order_state(1, CANCELLED)
        self.import_order(1)
        self.assertEqual(self.order.state, "cancel")
        self.assertFalse(self.backflow_jobs())

    # -- refunds -----------------------------------------------------------------------
    def credit_note(self, lines=None):
        invoice = self.order.invoice_ids
        invoice.action_post()
        refund = invoice._reverse_moves()
        if lines is not None:
            keep = refund.invoice_line_ids.filtered(lines)
            refund.write(
                {
                    "invoice_line_ids": [
                        (2, line.id) for line in refund.invoice_line_ids - keep
                    ]
                }
            )
        refund.action_post()
        return refund

    def test_full_refund_voucher_and_refunded_state(self):
        refund = self.credit_note()
        jobs = self.backflow_jobs("export_refund")
        self.assertEqual(len(jobs), 1)
        self.assertEqual(self.run_job(jobs).state, "done", jobs.exc_info)
        rules = [
            r
            for r in self.sandbox.store.search("cart_rules")
            if (r.get("code") or "").endswith(f"-R{refund.id}")
        ]
        self.assertEqual(len(rules), 1)
        rule = rules[0]
        ps = self.ps_order(1)
        self.assertEqual(
            f"{float(rule['reduction_amount']):.2f}",
            f"{float(ps['total_paid_tax_incl']):.2f}",
        )
        self.assertEqual(int(rule["id_customer"]), int(ps["id_customer"]))
        self.assertEqual(
            (
                int(rule["quantity"]),
                int(rule["quantity_per_user"]),
                int(rule["partial_use"]),
            ),
            (1, 1, 0),
        )
        self.assertEqual(self.ps_state(), REFUNDED)
        self.assertEqual(refund.prestashop_refund_ids.prestashop_id, int(rule["id"]))
        action = jobs.open_related_action()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("account.move", refund.id)
        )
        # retried: nothing created twice
        self.sandbox.clear_log()
        self.binding1.export_refund(refund)
        self.assertFalse([r for r in self.sandbox.requests if r.method == "POST"])

    def test_partial_refund_voucher_to_the_cent(self):
        product_line = self.order.order_line.filtered(
            lambda line: line.prestashop_detail_id
        )[:1]
        refund = self.credit_note(lambda line: line.sale_line_ids == product_line)
        self.run_pending_jobs()
        rule = next(
            r
            for r in self.sandbox.store.search("cart_rules")
            if (r.get("code") or "").endswith(f"-R{refund.id}")
        )
        self.assertEqual(
            f"{float(rule['reduction_amount']):.2f}", f"{refund.amount_total:.2f}"
        )
        self.assertAlmostEqual(refund.amount_total, product_line.price_total, 2)
        self.assertNotEqual(self.ps_state(), REFUNDED)

    def test_voucher_found_after_lost_answer(self):
        """PrestaShop stored the voucher but the job died before the commit:
        the retry finds it by its code."""
        refund = self.credit_note()
        job = self.backflow_jobs("export_refund")
        self.binding1.with_context().export_refund(refund)
        self.env["prestashop.refund"].search([("odoo_id", "=", refund.id)]).unlink()
        self.sandbox.clear_log()
        self.assertEqual(self.run_job(job).state, "done", job.exc_info)
        self.assertFalse(self.sent("POST", "cart_rules"))
        self.assertEqual(len(refund.prestashop_refund_ids), 1)

    def test_refund_as_order_slip(self):
        self.backend.refund_mode = "slip"
        refund = self.credit_note()
        self.run_pending_jobs()
        slips = self.sandbox.store.search("order_slip", id_order=1)
        self.assertEqual(len(slips), 1)
        self.assertAlmostEqual(
            float(slips[0]["total_products_tax_incl"])
            + float(slips[0]["total_shipping_tax_incl"]),
            refund.amount_total,
            2,
        )
        self.assertEqual(refund.prestashop_refund_ids.ps_resource, "order_slip")
        self.assertEqual(self.ps_state(), REFUNDED)

    # -- configuration -----------------------------------------------------------------
    def test_default_mapping_from_states(self):
        backend = self.backend
        self.assertEqual(backend.ps_state_shipped_id.prestashop_id, SHIPPED)
        self.assertEqual(backend.ps_state_cancel_id.prestashop_id, CANCELLED)
        self.assertEqual(backend.ps_state_refund_id.prestashop_id, REFUNDED)
        self.assertFalse(backend.ps_state_partial_id)
