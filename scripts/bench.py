"""Benchmark: what a synchronisation costs, in HTTP requests and seconds.

Every scenario runs in-process on a real Odoo database against the sandbox
over HTTP on 127.0.0.1 with injected latency (default 20 ms per request, like
a shop on the same continent), through real ``queue.job`` records performed as
the job runner performs them.  Nothing is committed: the database is left as
it was.

    make bench                       # every scenario
    setup/bench --only metadata      # one scenario
    setup/bench --latency 0          # pure CPU cost

Scenarios are functions registered in ``SCENARIOS``; flows add theirs.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from odoo_env import REPO, registry  # noqa: E402

BENCH_KEY = "BENCHSANDBOXKEY0000000000000000K"
SCENARIOS = {}


def scenario(name):
    def register(func):
        SCENARIOS[name] = func
        return func
    return register


def run_jobs(env, jobs):
    """Perform stored jobs in dependency order, as the runner would."""
    from odoo.addons.queue_job.controllers.main import RunJobController
    from odoo.addons.queue_job.job import Job

    done = 0
    while True:
        record = env["queue.job"].search(
            [("state", "=", "pending"), ("uuid", "in", jobs)], order="priority, id",
            limit=1)
        if not record:
            return done
        job = Job.load(env, record.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        RunJobController._enqueue_dependent_jobs(env, job)
        done += 1


def new_backend(env, sandbox):
    company = env.company
    fr = env.ref("base.fr")
    company.write({"country_id": fr.id, "account_fiscal_country_id": fr.id})
    if not env["account.tax"].search_count([("country_id", "=", fr.id),
                                            ("type_tax_use", "=", "sale")]):
        group = env["account.tax.group"].create({"name": "TVA", "country_id": fr.id})
        for rate in (20.0, 10.0, 5.5, 2.1):
            env["account.tax"].create({
                "name": f"TVA {rate}", "amount": rate, "type_tax_use": "sale",
                "price_include_override": "tax_excluded", "country_id": fr.id,
                "tax_group_id": group.id})
    return env["prestashop.backend"].create({
        "name": "Benchmark", "location": sandbox.url, "webservice_key": BENCH_KEY,
        "version": "8.1.2"})


def new_jobs(env, since_id):
    return env["queue.job"].search([("id", ">", since_id)]).mapped("uuid")


@scenario("metadata")
def bench_metadata(env, sandbox, args):
    """Synchronize metadata of the demo shop (one job per resource)."""
    backend = new_backend(env, sandbox)
    last = env["queue.job"].search([], order="id desc", limit=1).id or 0
    sandbox.clear_log()
    started = time.perf_counter()
    backend.synchronize_metadata()
    count = run_jobs(env, new_jobs(env, last))
    elapsed = time.perf_counter() - started
    records = sum(len(backend[f]) for f in (
        "lang_ids", "currency_ids", "tax_ids", "tax_rule_group_ids", "carrier_ids",
        "order_state_ids", "shop_ids", "payment_method_ids"))
    records += env["prestashop.res.country"].search_count([("backend_id", "=", backend.id)])
    records += env["prestashop.res.country.state"].search_count(
        [("backend_id", "=", backend.id)])
    requests = len(sandbox.requests)
    return [
        ("jobs", count),
        ("records synchronised", records),
        ("HTTP requests", requests),
        ("requests per record", f"{requests / max(records, 1):.3f}"),
        ("wall time", f"{elapsed:.2f} s"),
        ("records per second", f"{records / elapsed:.0f}"),
    ]


def load_flow_scenarios():
    """Scenarios the flows ship as ``bench_<name>`` in their tests folder."""
    import importlib

    for module in os.environ.get("BENCH_MODULES", "").split(","):
        if module:
            importlib.import_module(module)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "prestashop_bench"))
    parser.add_argument("--latency", type=float, default=0.020,
                        help="seconds added to every sandbox answer (default 0.020)")
    parser.add_argument("--only", help="run only this scenario")
    parser.add_argument("--sandbox", action="store_true",
                        help="also run the sandbox's own benchmark (10,000 products)")
    args = parser.parse_args(argv)

    exists = subprocess.run(
        ["psql", "-d", args.db, "-tAc", "select 1 from ir_module_module where "
         "name='connector_prestashop' and state='installed'"],
        capture_output=True, text=True).stdout.strip() == "1"
    if not exists:
        subprocess.run(["createdb", args.db], capture_output=True)
        print(f"[bench] installing the addons in {args.db} ...", flush=True)
        subprocess.run([str(REPO / "setup" / "odoo"), "-d", args.db, "-i",
                        "connector_prestashop,connector_prestashop_catalog",
                        "--without-demo=all", "--stop-after-init", "--log-level=warn"],
                       check=True, capture_output=True)

    from prestashop_sandbox import Sandbox

    from odoo import SUPERUSER_ID, api

    load_flow_scenarios()
    reg = registry(args.db)
    print(f"PrestaShop sandbox latency: {args.latency * 1000:.0f} ms per request")
    for name, func in SCENARIOS.items():
        if args.only and name != args.only:
            continue
        with Sandbox(key=BENCH_KEY, seed="demo") as sandbox, reg.cursor() as cr:
            sandbox.faults.latency = args.latency
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["queue.job.function"].search([]).write({"allow_commit": False})
            rows = func(env, sandbox, args)
            cr.rollback()
        print(f"\n== {name}: {func.__doc__.strip().splitlines()[0]}")
        for label, value in rows:
            print(f"  {label:<28} {value}")
    if args.sandbox:
        print("\n== sandbox (in-process webservice cost)")
        subprocess.run([sys.executable, "-m", "prestashop_sandbox.bench"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
