"""Back-flow end to end, on real Odoo + PostgreSQL and the sandbox over HTTP:
an order placed in the shop is imported by the scheduled job, its delivery is
validated in Odoo with a tracking number, and the shop then shows the order
"Shipped" with that number (the jobs run as the job runner runs them)."""

from conftest import REPO, run_driver

DRIVER = r'''
import json, sys, traceback
sys.path.insert(0, "%(repo)s/scripts")
from prestashop_sandbox import Sandbox
from odoo_env import configure, open_registry
configure("%(db)s")
import demo, demo_db
demo_db.fresh_database("%(db)s", print)  # the demo's French company
from odoo import SUPERUSER_ID, api

KEY = "E2EBACKFLOWKEY000000000000000000"
TRACKING = "6A00E2E0001"


def run_jobs(reg):
    """Run the ready jobs (and those they unblock) as the runner does."""
    ran = []
    for _i in range(200):
        with reg.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            job = env["queue.job"].search(
                [("state", "in", ("pending", "enqueued"))],
                order="priority, id", limit=1)
            if not job:
                return ran
            job = Job.load(env, job.uuid)
            job.set_started()
            job.store()
            cr.commit()
            try:
                job.perform()
                job.set_done()
            except Exception:
                cr.rollback()
                job.set_failed(exc_info=traceback.format_exc())
            job.store()
            ran.append((job.method_name, job.state, job.result or job.exc_info or ""))
    return ran


with Sandbox(key=KEY, version="8.1.2", seed="demo") as sb:
    sb.start()
    reg = open_registry("%(db)s")
    from odoo.addons.queue_job.job import Job
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        backend = demo.prepare_backend(env, sb.url)
        backend.write({"webservice_key": KEY})
        backend.check_connection()
        backend.synchronize_metadata()
        backend_id = backend.id
    jobs = run_jobs(reg)
    # a customer orders in the shop
    order_id = sb.place_order(1, [(5, 0, 1)], 3)
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env.ref("connector_prestashop.ir_cron_prestashop_import_orders").method_direct_trigger()
    jobs += run_jobs(reg)
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        binding = env["prestashop.sale.order"].search(
            [("backend_id", "=", backend_id), ("prestashop_id", "=", order_id)])
        picking = binding.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing")
        for move in picking.move_ids:
            env["stock.quant"]._update_available_quantity(
                move.product_id, move.location_id, move.product_uom_qty)
        picking.action_assign()
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
            move.picked = True
        picking.carrier_tracking_ref = TRACKING
        picking.with_context(skip_sms=True).button_validate()
        result = {"odoo_order": binding.name, "odoo_state": binding.state,
                  "picking_state": picking.state}
    jobs += run_jobs(reg)
    ps = sb.store.get("orders", order_id)
    histories = [r for r in sb.requests if r.path == "order_histories"]
    result.update({
        "ps_state": int(ps["current_state"]),
        "shipping_number": ps["shipping_number"],
        "tracking": TRACKING,
        "sendemail": [r.query.get("sendemail") for r in histories],
        "jobs": jobs,
    })
    print("RESULT " + json.dumps(result))
'''


def test_backflow_order_shipped_end_to_end(scratch_db):
    script = DRIVER % {"repo": REPO, "db": scratch_db}
    result = run_driver(script, timeout=600)
    failed = [job for job in result["jobs"] if job[1] != "done"]
    assert not failed, failed
    assert result["odoo_state"] == "sale", result
    assert result["picking_state"] == "done", result
    assert result["ps_state"] == 4, result  # Shipped
    assert result["shipping_number"] == result["tracking"], result
    assert result["sendemail"] == ["1"], result
