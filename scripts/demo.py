"""The main job, end to end, on the embedded default shop (the sandbox).

1. starts the PrestaShop sandbox with its demo shop on 127.0.0.1;
2. creates (or updates) an Odoo database with both addons;
3. starts Odoo with the queue job runner (2 workers, the project's channels);
4. creates or updates a backend pointing at the sandbox, then queues "Test
   connection" and "Synchronize metadata" (and the flows later issues add) as
   real queue jobs, which the runner executes over HTTP;
5. prints what was synchronised, the jobs done / failed, and how to open Odoo.

Run it with ``make demo`` (``setup/demo``).  ``--serve`` leaves Odoo and the
sandbox running afterwards.  Options: ``--db``, ``--port`` (Odoo),
``--shop-port`` (sandbox).
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_env import REPO, odoo_cmd, open_registry, prepare_database  # noqa: E402

DEMO_KEY = "DEMOSANDBOXKEY00000000000000000K"  # the sandbox's, not a real shop's
# Same capacities as data/queue_job_ops_data.xml: the children of
# root.prestashop add up to its capacity, so no flow starves another.
CHANNELS = (
    "root:5,root.prestashop:5,root.prestashop.orders:2,"
    "root.prestashop.import:1,root.prestashop.export:1,root.prestashop.stock:1"
)


def log(msg):
    print(f"[demo] {msg}", flush=True)


def port_free(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port, seconds, proc=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not port_free(port):
            return True
        if proc is not None and proc.poll() is not None:
            return False
        time.sleep(0.2)
    return False


def start_sandbox(port):
    if not port_free(port):
        raise SystemExit(f"port {port} is taken: pass --shop-port")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prestashop_sandbox",
            "--port",
            str(port),
            "--key",
            DEMO_KEY,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not wait_port(port, 30, proc):
        raise SystemExit("the PrestaShop sandbox did not start")
    log(f"PrestaShop sandbox (demo shop) on http://127.0.0.1:{port}")
    return proc


def start_odoo(db, port):
    if not port_free(port):
        raise SystemExit(f"port {port} is taken: pass --port")
    env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=CHANNELS)
    logfile = REPO / "var" / "demo-odoo.log"
    logfile.parent.mkdir(exist_ok=True)
    proc = subprocess.Popen(
        odoo_cmd(
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--load=base,web,queue_job",
            "--workers=2",
            "--max-cron-threads=1",
            f"--http-port={port}",
            # the web client's live connection (websocket) is served by the
            # gevent worker in multi-worker mode
            f"--gevent-port={free_port()}",
            "--http-interface=127.0.0.1",
            f"--logfile={logfile}",
        ),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    if not wait_port(port, 90, proc):
        raise SystemExit(f"Odoo did not start (see {logfile})")
    log(f"Odoo with the job runner on http://127.0.0.1:{port} (log: {logfile})")
    return proc


def odoo_env(db):
    from odoo import api

    return open_registry(db), api


def ensure_fr_taxes(env):
    """A French shop needs French sale taxes; a database without a chart of
    accounts gets the four rates so that the tax mapping can work."""
    company = env.company
    fr = env.ref("base.fr")
    company.write({"country_id": fr.id, "account_fiscal_country_id": fr.id})
    existing = env["account.tax"].search(
        [
            ("company_id", "=", company.id),
            ("type_tax_use", "=", "sale"),
            ("country_id", "=", fr.id),
        ]
    )
    if existing:
        return
    group = env["account.tax.group"].create(
        {"name": "TVA", "country_id": fr.id, "company_id": company.id}
    )
    for rate in (20.0, 10.0, 5.5, 2.1):
        env["account.tax"].create(
            {
                "name": f"TVA collectée {rate} %",
                "amount": rate,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_excluded",
                "country_id": fr.id,
                "company_id": company.id,
                "tax_group_id": group.id,
            }
        )
    log("created French sale taxes 20 / 10 / 5.5 / 2.1 % (no chart of accounts)")


def prepare_backend(env, shop_url):
    """A new backend for the sandbox shop.

    The sandbox starts from its demo shop at every run while the database
    keeps what earlier runs synchronised: the bindings of an earlier run
    point at records of a shop that no longer exists.  So the earlier demo
    backend is archived (nothing is deleted: partners and products are
    matched again by e-mail and reference) and a new one is created."""
    ensure_fr_taxes(env)
    env.ref("base.lang_fr").active = True
    earlier = env["prestashop.backend"].search([("location", "=", shop_url)])
    if earlier:
        earlier.write({"active": False})
        log(f"archived {len(earlier)} backend(s) of earlier runs of the demo")
    return env["prestashop.backend"].create(
        {
            "name": "Demo shop (sandbox)",
            "location": shop_url,
            "webservice_key": DEMO_KEY,
            "workflow_process_id": env.ref(
                "connector_prestashop.sale_workflow_prestashop_paid"
            ).id,
        }
    )


def run_stages(registry, api, backend_id, timeout):
    """Each stage queues jobs; the next stage starts when they are over."""
    from odoo import SUPERUSER_ID, fields

    all_jobs = []
    with registry.cursor() as cr:
        stages = (
            api.Environment(cr, SUPERUSER_ID, {})["prestashop.backend"]
            .browse(backend_id)
            ._main_job_stages()
        )
    for method, label in stages:
        since = fields.Datetime.now()
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            getattr(env["prestashop.backend"].browse(backend_id), method)()
        log(f"{label}: jobs queued, the job runner executes them")
        jobs = wait_jobs(registry, api, since, timeout)
        all_jobs += jobs
    return all_jobs


def wait_jobs(registry, api, since, timeout):
    from odoo import SUPERUSER_ID

    deadline = time.monotonic() + timeout
    while True:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            jobs = env["queue.job"].search(
                [("date_created", ">=", since), ("channel", "like", "root.prestashop%")]
            )
            states = jobs.mapped("state")
            busy = [
                s
                for s in states
                if s in ("wait_dependencies", "pending", "enqueued", "started")
            ]
            if not busy or time.monotonic() > deadline:
                return [
                    (j.name, j.state, j.exc_message or j.result or "")
                    for j in jobs.sorted("id")
                ]
        time.sleep(1)


def summary(registry, api, backend_id, jobs, elapsed):
    from odoo import SUPERUSER_ID

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        backend = env["prestashop.backend"].browse(backend_id)
        lines = backend._main_job_summary()
    done = sum(1 for _n, state, _r in jobs if state == "done")
    failed = [(n, r) for n, state, r in jobs if state == "failed"]
    other = len(jobs) - done - len(failed)
    print()
    print("=" * 72)
    print(f"Main job finished in {elapsed:.0f} s")
    for line in lines:
        print(f"  {line}")
    print(f"  jobs: {done} done, {len(failed)} failed, {other} not finished")
    for name, message in failed:
        print(f"    FAILED {name}: {message}")
    print("=" * 72)
    return not failed and not other


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("DEMO_DB", "prestashop_demo"))
    parser.add_argument("--port", type=int, default=8069)
    parser.add_argument("--shop-port", type=int, default=8811)
    parser.add_argument(
        "--serve",
        action="store_true",
        help="keep Odoo and the sandbox running (Ctrl-C stops)",
    )
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args(argv)

    started = time.monotonic()
    prepare_database(args.db, log)
    procs = [start_sandbox(args.shop_port), start_odoo(args.db, args.port)]
    ok = False
    try:
        registry, api = odoo_env(args.db)
        from odoo import SUPERUSER_ID

        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            backend_id = prepare_backend(env, f"http://127.0.0.1:{args.shop_port}").id
        jobs = run_stages(registry, api, backend_id, args.timeout)
        ok = summary(registry, api, backend_id, jobs, time.monotonic() - started)
        print(
            f"Open Odoo: http://127.0.0.1:{args.port}/odoo/action-"
            "connector_prestashop.action_prestashop_backend  (login admin, "
            "password admin)"
        )
        if args.serve:
            print("Odoo and the sandbox keep running: Ctrl-C stops them.")
            signal.sigwait([signal.SIGINT, signal.SIGTERM])
        else:
            print("To keep Odoo running afterwards: make serve")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
