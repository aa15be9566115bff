# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock push Odoo -> PrestaShop, against the sandbox: the quantities the
shop ends with and the requests actually sent."""

import threading
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from lxml import etree

from odoo import fields
from odoo.tests import tagged

from ..models.prestashop_backend.common import METADATA_MODELS
from ..models.stock_available.components import StockAvailableAdapter
from .common import PrestashopTestCase


class StockCase(PrestashopTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_fr").active = True
        cls.taxes = cls.create_fr_taxes()
        cls.backend.state = "ok"
        for step in (1, 2):
            for model, model_step in METADATA_MODELS:
                if model_step == step:
                    cls.env[model].import_batch(cls.backend)
        Template = cls.env["prestashop.product.template"]
        for ps_id in (1, 2, 5):
            Template.import_record(cls.backend, ps_id)
        cls.warehouse = cls.backend.warehouse_id
        cls.stock = cls.warehouse.lot_stock_id
        # Odoo stock before the push is enabled (the initial migration)
        cls.drap = cls.variant(1, 1)  # a combination (row 2 in the sandbox)
        cls.housse = cls.variant(2)  # a product without combinations (row 6)
        cls.bougie = cls.variant(5)  # row 9
        for product, qty in ((cls.drap, 12), (cls.housse, 10), (cls.bougie, 20)):
            cls.set_stock(product, qty)
        cls.backend.stock_sync = True
        cls.backend.stock_drift_grace = 30

    @classmethod
    def variant(cls, ps_product, ps_combination=None):
        if ps_combination:
            return (
                cls.env["prestashop.product.combination"]
                .search(
                    [
                        ("backend_id", "=", cls.backend.id),
                        ("prestashop_id", "=", ps_combination),
                    ]
                )
                .odoo_id
            )
        return (
            cls.env["prestashop.product.template"]
            .search(
                [
                    ("backend_id", "=", cls.backend.id),
                    ("prestashop_id", "=", ps_product),
                ]
            )
            .odoo_id.product_variant_id
        )

    @classmethod
    def set_stock(cls, product, qty, location=None):
        """An inventory adjustment (a validated move)."""
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": product.id,
                "location_id": (location or cls.stock).id,
                "inventory_quantity": qty,
            }
        ).action_apply_inventory()

    def ps_quantity(self, row_id):
        return int(self.sandbox.store.get("stock_availables", row_id)["quantity"])

    def stock_jobs(self, method="export_stock"):
        return self.env["queue.job"].search(
            [
                ("model_name", "=", "prestashop.backend"),
                ("method_name", "=", method),
                ("state", "in", ("pending", "enqueued")),
            ]
        )

    def reconcile(self):
        self.sandbox.clear_log()
        return self.backend.reconcile_stock()

    def patches(self):
        return [r for r in self.sandbox.requests if r.method in ("PATCH", "PUT")]

    def pushed(self):
        """[(row id, quantity)] written, in order, from the bodies sent (a
        write request carries up to a hundred rows)."""
        rows = []
        for request in self.patches():
            root = etree.fromstring(request.body.encode())
            rows += [
                (int(node.findtext("id")), int(node.findtext("quantity")))
                for node in root
            ]
        return rows

    def pushed_ids(self):
        return [row_id for row_id, _quantity in self.pushed()]

    @contextmanager
    def side_by_side(self, method, count):
        """The shop holds each of the first ``count`` ``method`` requests on
        stock_availables until all ``count`` have arrived: sent one after
        another, the first waits in vain (5 s) and the list yielded says so."""
        barrier = threading.Barrier(count, timeout=5)
        alone, seen, lock = [], [], threading.Lock()
        handle = self.sandbox.app.handle

        def held(req):
            if req.method == method and req.path.startswith("stock_availables"):
                with lock:
                    seen.append(req)
                    first = len(seen) <= count
                if first:
                    try:
                        barrier.wait()
                    except threading.BrokenBarrierError:
                        alone.append(req.path)
            return handle(req)

        with patch.object(self.sandbox.app, "handle", held):
            yield alone


@tagged("post_install", "-at_install")
class TestStock(StockCase):
    def test_reconcile_pushes_bound_rows_then_nothing(self):
        summary = self.reconcile()
        # combination row 2, product rows 6 and 9; product 1's own row (1) is
        # PrestaShop's sum of its combinations, never written
        self.assertEqual(self.ps_quantity(2), 12)
        self.assertEqual(self.ps_quantity(6), 10)
        self.assertEqual(self.ps_quantity(9), 20)
        # combinations 2-4 of product 1 have no stock in Odoo: 0
        for row_id in (3, 4, 5):
            self.assertEqual(self.ps_quantity(row_id), 0)
        self.assertEqual(self.ps_quantity(1), 12)
        self.assertNotIn(1, self.pushed_ids())
        # every row in one request, on the collection
        self.assertEqual(
            [(r.method, r.path) for r in self.patches()],
            [("PATCH", "stock_availables")],
        )
        # row 2 holds the right quantity already
        self.assertEqual(sorted(self.pushed_ids()), [3, 4, 5, 6, 9])
        reads = [r for r in self.sandbox.requests if r.method == "GET"]
        self.assertEqual(len(reads), 1, [r.path for r in reads])
        self.assertIn("pushed", summary)
        row = self.env["prestashop.stock.available"].search(
            [("backend_id", "=", self.backend.id), ("product_id", "=", self.housse.id)]
        )
        self.assertEqual((row.prestashop_id, row.quantity_pushed), (6, 10))
        self.assertEqual(row.template_binding_id.prestashop_id, 2)
        # unchanged quantities send nothing
        self.reconcile()
        self.assertEqual(self.patches(), [])
        self.assertEqual(len(self.sandbox.requests), 1)

    def test_receipt_raises_pushed_quantity(self):
        self.reconcile()
        self.stock_jobs().unlink()
        self.sandbox.clear_log()
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.stock.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "in",
                            "product_id": self.housse.id,
                            "product_uom_qty": 5,
                            "product_uom": self.housse.uom_id.id,
                            "location_id": self.env.ref(
                                "stock.stock_location_suppliers"
                            ).id,
                            "location_dest_id": self.stock.id,
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.quantity = 5
        receipt.move_ids.picked = True
        receipt.button_validate()
        jobs = self.stock_jobs()
        self.assertEqual(len(jobs), 1)
        self.assertEqual(jobs.channel, "root.prestashop.stock")
        self.assertTrue(jobs.identity_key)
        self.assertTrue(jobs.eta)
        self.run_pending_jobs()
        self.assertEqual(self.ps_quantity(6), 15)
        self.assertEqual(
            [(r.method, r.path) for r in self.sandbox.requests],
            [("PATCH", "stock_availables")],
        )
        self.assertEqual(self.pushed(), [(6, 15)])
        self.assertNotIn(self.backend.webservice_key, str(jobs.args) + str(jobs.kwargs))

    def test_order_confirmation_reserves_and_no_oscillation(self):
        self.reconcile()  # bougie: 20 in Odoo and PrestaShop
        self.assertEqual(self.ps_quantity(9), 20)
        # a customer buys 2 on the shop: PrestaShop decrements to 18
        order_id = self.sandbox.place_order(1, [(5, 0, 2)], 3)
        self.assertEqual(self.ps_quantity(9), 18)
        # reconciliation before the order is imported must not raise it back
        summary = self.reconcile()
        self.assertEqual(self.patches(), [])
        self.assertEqual(self.ps_quantity(9), 18)
        self.assertIn("1 waiting", summary)
        # the order is imported and confirmed: stock is reserved at once
        self.env["prestashop.sale.order"].import_record(self.backend, order_id)
        order = self.env["prestashop.sale.order"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", order_id)]
        )
        self.assertEqual(order.odoo_id.state, "sale")
        self.assertEqual(
            self.bougie.with_context(warehouse_id=self.warehouse.id).free_qty, 18
        )
        jobs = self.stock_jobs()
        self.assertEqual(jobs.mapped("args")[0][0], self.bougie)
        self.sandbox.clear_log()
        self.run_pending_jobs()
        self.assertEqual(self.ps_quantity(9), 18)  # agrees with PrestaShop
        # and the next reconciliation finds nothing to do
        self.reconcile()
        self.assertEqual(self.patches(), [])

    def test_confirmed_sale_order_drops_pushed_quantity(self):
        self.reconcile()
        self.stock_jobs().unlink()
        partner = self.env["res.partner"].create({"name": "Client"})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": self.drap.id, "product_uom_qty": 5})
                ],
            }
        )
        order.action_confirm()
        self.sandbox.clear_log()
        self.run_pending_jobs()
        self.assertEqual(self.ps_quantity(2), 7)
        self.assertEqual(self.ps_quantity(1), 7)  # PrestaShop's product row: the sum
        self.assertEqual(len(self.patches()), 1)
        # cancelling releases the reservation: back to 12
        order._action_cancel()
        self.run_pending_jobs()
        self.assertEqual(self.ps_quantity(2), 12)

    def test_two_warehouses_aggregated(self):
        second = self.env["stock.warehouse"].create({"name": "Web 2", "code": "WEB2"})
        self.set_stock(self.housse, 7, second.lot_stock_id)
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 10)  # only the backend's warehouse
        self.backend.stock_warehouse_ids = self.warehouse | second
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 17)
        self.assertEqual(self.pushed_ids(), [6])
        self.backend.stock_warehouse_ids = second
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 7)

    def test_quantity_options_and_never_negative(self):
        self.reconcile()
        partner = self.env["res.partner"].create({"name": "Client"})
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": self.housse.id, "product_uom_qty": 4})
                ],
            }
        )
        order.action_confirm()
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 6)  # free: 10 - 4 reserved
        self.backend.stock_quantity_field = "qty_available"
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 10)
        self.backend.stock_quantity_field = "virtual_available"
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 6)
        # an order of 30 with 10 on hand: forecast -20, sent as 0
        order2 = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "warehouse_id": self.warehouse.id,
                "order_line": [
                    (0, 0, {"product_id": self.housse.id, "product_uom_qty": 30})
                ],
            }
        )
        order2.action_confirm()
        self.assertLess(
            self.housse.with_context(warehouse_id=self.warehouse.id).virtual_available,
            0,
        )
        self.reconcile()
        self.assertEqual(self.ps_quantity(6), 0)

    def test_unbound_or_service_product_never_sent(self):
        unbound = self.env["product.product"].create(
            {"name": "Not on the shop", "type": "consu", "is_storable": True}
        )
        self.set_stock(unbound, 5)
        service = self.env["product.template"].create(
            {"name": "Gift card", "type": "service"}
        )
        self.env["prestashop.product.template"].create(
            {"backend_id": self.backend.id, "prestashop_id": 14, "odoo_id": service.id}
        )
        service.product_variant_id._prestashop_stock_changed()
        self.assertFalse(self.stock_jobs())
        before = self.ps_quantity(35)
        self.reconcile()
        self.assertNotIn(35, self.pushed_ids())
        self.assertEqual(self.ps_quantity(35), before)
        self.assertFalse(
            self.env["prestashop.stock.available"].search(
                [("product_id", "in", (unbound | service.product_variant_id).ids)]
            )
        )
        # even asked directly, the exporter sends nothing
        self.sandbox.clear_log()
        self.backend.export_stock(unbound | service.product_variant_id)
        self.assertEqual(self.sandbox.requests, [])

    def test_unchanged_quantity_sends_nothing(self):
        self.reconcile()
        self.sandbox.clear_log()
        self.backend.export_stock(self.housse)
        self.assertEqual(self.sandbox.requests, [])
        # a move that leaves the quantity the same (in and out): job, no request
        self.set_stock(self.housse, 11)
        self.set_stock(self.housse, 10)
        self.run_pending_jobs()
        self.assertEqual(self.sandbox.requests, [])

    def test_drift_in_prestashop_corrected(self):
        self.reconcile()
        store = self.sandbox.store
        # someone raised it in the back office: corrected at once
        store.update("stock_availables", 6, {"quantity": 999})
        summary = self.reconcile()
        self.assertEqual(self.ps_quantity(6), 10)
        self.assertIn("1 drift corrected", summary)
        # someone lowered it: it could be an order not imported yet, so it
        # waits for the grace period, then Odoo (the master) wins
        store.update("stock_availables", 9, {"quantity": 3})
        self.reconcile()
        self.assertEqual(self.ps_quantity(9), 3)
        row = self.env["prestashop.stock.available"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 9)]
        )
        self.assertTrue(row.drift_since)
        row.drift_since = fields.Datetime.now() - timedelta(minutes=31)
        self.reconcile()
        self.assertEqual(self.ps_quantity(9), 20)
        self.assertFalse(row.drift_since)

    def test_shop_down_retried_nothing_lost(self):
        self.reconcile()
        self.stock_jobs().unlink()
        self.set_stock(self.housse, 4)
        job = self.stock_jobs()
        self.sandbox.faults.down = True
        result = self.run_job(job)
        self.assertEqual(result.state, "pending")
        self.assertEqual(result.retry, 1)
        self.sandbox.faults.down = False
        self.assertEqual(self.ps_quantity(6), 10)
        result = self.run_job(job)
        self.assertEqual(result.state, "done")
        self.assertEqual(self.ps_quantity(6), 4)
        # reconciliation too: retried as a whole, then done
        self.set_stock(self.bougie, 8)
        self.stock_jobs().unlink()
        self.backend.queue_reconcile_stock()
        job = self.stock_jobs("reconcile_stock")
        self.assertEqual(job.channel, "root.prestashop.stock")
        self.sandbox.faults.fail_next(1, status=503)
        self.assertEqual(self.run_job(job).state, "pending")
        self.assertEqual(self.run_job(job).state, "done")
        self.assertEqual(self.ps_quantity(9), 8)

    def test_rows_written_a_chunk_per_request(self):
        """Rows go a chunk per request (a hundred; two here), each row once,
        so that a thousand changed quantities are ten requests of the shop's
        budget, not a thousand; the chunks are sent side by side, a
        product's rows in one (PrestaShop re-sums the product's own row
        after each, unlocked): product 1's three combinations together,
        products 2 and 5 in the other."""
        with (
            patch.object(StockAvailableAdapter, "_push_chunk", 2),
            self.side_by_side("PATCH", 2) as alone,
        ):
            self.reconcile()
        self.assertEqual(alone, [], "the two chunks are sent at once")
        self.assertEqual(
            [(r.method, r.path) for r in self.patches()],
            [("PATCH", "stock_availables")] * 2,
        )
        self.assertEqual(self.ps_quantity(3), 0)
        self.assertEqual(sorted(self.pushed_ids()), [3, 4, 5, 6, 9])
        bodies = sorted(
            sorted(
                int(node.findtext("id")) for node in etree.fromstring(r.body.encode())
            )
            for r in self.patches()
        )
        self.assertEqual(bodies, [[3, 4, 5], [6, 9]])
        self.assertEqual(self.ps_quantity(6), 10)
        self.assertEqual(self.ps_quantity(9), 20)

    def test_whole_table_pages_side_by_side(self):
        """Above ``_by_product_max`` products the shop's whole table is read
        a page at a time: the pages the bound variants fill are asked at
        once, then four at a time until one is not full; the quantities
        pushed are those of a read page after page."""
        keys = {
            (int(r["id_product"]), int(r["id_product_attribute"]))
            for r in self.sandbox.store.table("stock_availables").values()
            if int(r["id_shop"]) == 1
        }
        with self.backend.work_on("prestashop.stock.available") as work:
            bound = work.component(usage="stock.reconciler")._bound_variants()
            expected = work.component(usage="backend.adapter").expected_rows(
                (v.ps_product_id, v.ps_product_attribute_id) for v in bound
            )
        # product 1: its combinations and its own row; products 2 and 5
        self.assertEqual(expected, len(bound) + 1)
        self.assertLess(expected, len(keys), "the shop has other products")
        with (
            patch.object(StockAvailableAdapter, "_by_product_max", 0),
            patch.object(StockAvailableAdapter, "_table_page_size", 2),
            # four connections: the first four pages are asked together
            self.side_by_side("GET", 4) as alone,
        ):
            self.reconcile()
        self.assertEqual(alone, [], "the first pages are asked at once")
        limits = [r.query["limit"] for r in self.sent("GET", "stock_availables")]
        pages = -(-len(keys) // 2) + (len(keys) % 2 == 0)  # the last not full
        first = expected // 2 + 1
        waves = first + -(-max(pages - first, 0) // 4) * 4
        self.assertEqual(
            sorted(limits, key=lambda limit: int(limit.split(",")[0])),
            [f"{start},2" for start in range(0, 2 * waves, 2)],
        )
        self.assertEqual(self.ps_quantity(2), 12)
        self.assertEqual(self.ps_quantity(6), 10)
        self.assertEqual(self.ps_quantity(9), 20)

    def test_row_deleted_on_the_shop(self):
        """A row deleted on the shop since it was read: PrestaShop stops the
        chunk at it (404 code 92), the rows before it written; one read of
        the chunk's ids, the existing rows after it sent again; the job
        succeeds, says which is missing and forgets it."""
        self.reconcile()
        self.stock_jobs().unlink()
        self.set_stock(self.housse, 3)
        self.set_stock(self.bougie, 7)
        self.stock_jobs().unlink()
        self.sandbox.store.delete("stock_availables", 6)
        self.sandbox.clear_log()
        # the job of the two products, as the runner runs it
        result = self.backend.export_stock(self.housse | self.bougie)
        self.assertEqual(self.ps_quantity(9), 7)
        self.assertIn("1 without a stock row", result)
        # the chunk stopped at 6; one read of the chunk's ids; 9 sent again
        # if it came after 6 (the shop wrote the rows before 6)
        reads = self.sent("GET", "stock_availables")
        self.assertEqual(len(reads), 1)
        self.assertEqual(reads[0].query.get("display"), "[id]")
        patches = self.patches()
        self.assertEqual(len(patches), 2)
        resent = etree.fromstring(patches[1].body.encode())
        self.assertEqual([node.findtext("id") for node in resent], ["9"])
        row = self.env["prestashop.stock.available"].search(
            [("backend_id", "=", self.backend.id), ("prestashop_id", "=", 6)]
        )
        self.assertFalse(row, "the row the shop deleted is forgotten")

    def test_fifty_quick_changes_one_request(self):
        self.reconcile()
        self.stock_jobs().unlink()
        self.sandbox.clear_log()
        Quant = self.env["stock.quant"]
        for i in range(50):
            Quant._update_available_quantity(self.drap, self.stock, 1 if i % 3 else -1)
        jobs = self.stock_jobs()
        self.assertEqual(len(jobs), 1)
        self.run_pending_jobs()
        expected = 12 + sum(1 if i % 3 else -1 for i in range(50))
        self.assertEqual(self.ps_quantity(2), expected)
        self.assertEqual(len(self.sandbox.requests), 1)

    def test_out_of_stock_behaviour(self):
        self.reconcile()
        row = self.sandbox.store.get("stock_availables", 6)
        self.assertEqual(int(row["out_of_stock"]), 2)
        self.assertNotIn("out_of_stock", "".join(r.body or "" for r in self.patches()))
        self.backend.write({"stock_push_out_of_stock": True, "stock_out_of_stock": "0"})
        self.set_stock(self.housse, 3)
        self.run_pending_jobs()
        row = self.sandbox.store.get("stock_availables", 6)
        self.assertEqual((int(row["quantity"]), int(row["out_of_stock"])), (3, 0))

    def test_disabled_backend_queues_nothing(self):
        self.backend.stock_sync = False
        self.set_stock(self.housse, 3)
        self.assertFalse(self.stock_jobs())
        self.assertIn("disabled", self.backend.reconcile_stock())
        self.backend.queue_reconcile_stock()
        self.assertFalse(
            self.stock_jobs("reconcile_stock"), "a disabled backend queues nothing"
        )


@tagged("post_install", "-at_install")
class TestStockMultiShop(StockCase):
    """Two shops, each selling the stock of its own warehouse."""

    sandbox_seed = "demo-multishop"

    def setUp(self):
        super().setUp()
        self.shop1 = self.backend.shop_ids.filtered(lambda s: s.prestashop_id == 1)
        self.shop2 = self.backend.shop_ids.filtered(lambda s: s.prestashop_id == 2)

    def shop_row(self, id_shop, ps_product, ps_combination=0):
        return next(
            r["id"]
            for r in self.sandbox.store.search(
                "stock_availables", id_product=ps_product, id_shop=id_shop
            )
            if int(r["id_product_attribute"]) == ps_combination
        )

    def shop1_row(self, ps_product, ps_combination=0):
        return self.shop_row(1, ps_product, ps_combination)

    def shop2_row(self, ps_product, ps_combination=0):
        return self.shop_row(2, ps_product, ps_combination)

    def test_each_shop_its_warehouses(self):
        self.assertEqual(len(self.backend.shop_ids), 2)
        outlet = self.env["stock.warehouse"].create({"name": "Outlet", "code": "OUTL"})
        self.shop2.stock_warehouse_ids = outlet
        self.set_stock(self.housse, 4, outlet.lot_stock_id)
        self.reconcile()
        row2 = self.shop2_row(2)
        self.assertEqual(self.ps_quantity(6), 10)
        self.assertEqual(self.ps_quantity(row2), 4)
        # each shop's rows selected by filter (the webservice ignores a plain
        # id_shop parameter), shop 1's rows untouched by shop 2's quantities
        gets = [r for r in self.sandbox.requests if r.method == "GET"]
        self.assertEqual(
            sorted(str(r.query.get("filter[id_shop]")) for r in gets), ["[1]", "[2]"]
        )
        self.assertEqual(self.ps_quantity(self.shop1_row(1, 1)), 12)
        self.assertEqual(self.ps_quantity(self.shop2_row(1, 1)), 0)
        rows = self.env["prestashop.stock.available"].search(
            [("backend_id", "=", self.backend.id), ("product_id", "=", self.housse.id)]
        )
        self.assertEqual(rows.shop_id, self.shop1 | self.shop2)
        # a change in the outlet warehouse: one request, to the outlet shop
        self.stock_jobs().unlink()
        self.sandbox.clear_log()
        self.set_stock(self.housse, 1, outlet.lot_stock_id)
        self.run_pending_jobs()
        self.assertEqual(
            [(r.method, r.path) for r in self.sandbox.requests],
            [("PATCH", "stock_availables")],
        )
        self.assertEqual(self.pushed(), [(int(row2), 1)])
        self.assertEqual(self.ps_quantity(row2), 1)
        self.assertEqual(self.ps_quantity(6), 10)
        # a shop left out of the stock push is never written
        self.shop2.stock_sync = False
        self.set_stock(self.housse, 9, outlet.lot_stock_id)
        self.sandbox.clear_log()
        self.reconcile()
        self.run_pending_jobs()
        self.assertEqual(self.ps_quantity(row2), 1)


@tagged("post_install", "-at_install")
class TestStockSharedShopGroup(StockCase):
    """Two shops of one group sharing their stock: one row per product for
    the group (``id_shop`` 0), pushed once, from both shops' warehouses."""

    sandbox_seed = "demo-multishop-shared"

    def test_group_rows_pushed_once(self):
        shops = self.backend.shop_ids
        self.assertEqual(len(shops), 2)
        self.assertTrue(shops.shop_group_id.share_stock)
        outlet = self.env["stock.warehouse"].create({"name": "Outlet", "code": "OUTL"})
        shop2 = shops.filtered(lambda s: s.prestashop_id == 2)
        shop2.stock_warehouse_ids = self.warehouse | outlet
        self.set_stock(self.housse, 1, outlet.lot_stock_id)
        summary = self.reconcile()
        gets = [r for r in self.sandbox.requests if r.method == "GET"]
        self.assertEqual(
            [
                (r.query.get("filter[id_shop]"), r.query.get("filter[id_shop_group]"))
                for r in gets
            ],
            [("[0]", "[1]")],
        )
        group_row = next(
            r
            for r in self.sandbox.store.search("stock_availables", id_product=2)
            if int(r["id_product_attribute"]) == 0
        )
        self.assertEqual(
            (int(group_row["id_shop"]), int(group_row["id_shop_group"])), (0, 1)
        )
        # the two shops' warehouses added up: 10 + 1 (the shop had 13)
        self.assertEqual(self.ps_quantity(group_row["id"]), 11)
        self.assertEqual(self.ps_quantity(2), 12)  # product 1, combination 1
        self.assertIn("0 without a stock row", summary)
        pushed = self.pushed_ids()
        self.assertEqual(len(pushed), len(set(pushed)))
