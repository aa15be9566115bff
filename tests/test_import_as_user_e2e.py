"""Issue 12.1 end to end: "Import orders" pressed by a connector user who is
not an administrator, the jobs run by the real job runner (odoo-bin
``--load=base,web,queue_job --workers=2``, test mode off, sale_exception
installed): every order job done and the orders confirmed.  Before the fix
every order job of a person failed with "Record does not exist or has been
deleted" (base_exception's second cursor) while the scheduled import worked."""

from conftest import REPO, free_port, run_driver

DRIVER = r"""
import json, os, subprocess, sys, time
sys.path.insert(0, "%(repo)s/scripts")
from odoo_env import configure, odoo_cmd, open_registry
configure("%(db)s")
import demo, demo_db
demo_db.fresh_database("%(db)s", print)
from odoo import SUPERUSER_ID, api, fields

shop_port, odoo_port = %(shop_port)s, %(odoo_port)s
procs = [demo.start_sandbox(shop_port)]
log = "%(repo)s/var/e2e-import-as-user-%(db)s.log"
procs.append(subprocess.Popen(
    odoo_cmd("-d", "%(db)s", "--db-filter", "^%(db)s$",
             "--load=base,web,queue_job", "--workers=2", "--max-cron-threads=0",
             f"--http-port={odoo_port}", f"--gevent-port={demo.free_port()}",
             "--http-interface=127.0.0.1", f"--logfile={log}"),
    env=dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=demo.CHANNELS),
    stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT))
try:
    assert demo.wait_port(odoo_port, 90, procs[1]), "Odoo did not start: " + log
    reg = open_registry("%(db)s")
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        backend = demo.prepare_backend(env, f"http://127.0.0.1:{shop_port}")
        backend_id = backend.id
        user = env["res.users"].create({
            "name": "Connector user", "login": "e2e_connector_user",
            "groups_id": [(6, 0, [env.ref("base.group_user").id,
                                  env.ref("connector.group_connector_manager").id])],
        })
        user_id, is_admin = user.id, user._is_admin()
    jobs = demo.run_stages(reg, api, backend_id, 300, demo.STAGES[:2])
    since = fields.Datetime.now()
    with reg.cursor() as cr:
        # the button, as the connector user presses it
        env = api.Environment(cr, user_id, {})
        env["prestashop.backend"].browse(backend_id).action_import_sale_orders()
    jobs += demo.wait_jobs(reg, api, since, 300)
    with reg.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        order_jobs = env["queue.job"].search([
            ("date_created", ">=", since),
            ("model_name", "=", "prestashop.sale.order")])
        orders = env["prestashop.sale.order"].search([("backend_id", "=", backend_id)])
        result = {
            "is_admin": is_admin,
            "job_users": sorted(set(order_jobs.mapped("user_id.login"))),
            "order_jobs": [(j.method_name, j.state, j.exc_message or j.result or "")
                           for j in order_jobs],
            "orders": {o.ps_reference: o.state for o in orders},
            "jobs": jobs,
        }
    print("RESULT " + json.dumps(result))
finally:
    demo.stop_processes(procs)
"""


def test_import_orders_pressed_by_connector_user(scratch_db):
    script = DRIVER % {
        "repo": REPO,
        "db": scratch_db,
        "shop_port": free_port(),
        "odoo_port": free_port(),
    }
    result = run_driver(script, timeout=900)
    assert result["is_admin"] is False, result
    # the batch job is the person's (the per-order jobs it queues are the
    # superuser's: imports run as the superuser, whoever queued them)
    assert "e2e_connector_user" in result["job_users"], result
    import_jobs = [j for j in result["order_jobs"] if j[0] == "import_record"]
    assert import_jobs, result
    assert [j for j in result["order_jobs"] if j[1] != "done"] == [], result
    assert result["orders"], result
    assert set(result["orders"].values()) == {"sale"}, result
    failed = [job for job in result["jobs"] if job[1] != "done"]
    assert not failed, failed
