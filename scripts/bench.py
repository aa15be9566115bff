"""Benchmark: what a synchronisation costs, in HTTP requests and seconds.

Every scenario runs in-process on a real Odoo database against the sandbox
over HTTP on 127.0.0.1 with injected latency (default 20 ms per request, like
a shop on the same continent), through real ``queue.job`` records performed as
the job runner performs them.  Nothing is committed: the database is left as
it was.

    make bench                       # every scenario
    setup/bench --only metadata      # one scenario
    setup/bench --latency 0          # pure CPU cost

Scenarios are functions registered in ``benchlib.SCENARIOS``; each flow adds
its own in ``scripts/bench_<flow>.py``.
"""

import argparse
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import (  # noqa: E402
    BENCH_KEY,
    SCENARIOS,
    last_job_id,
    new_backend,
    run_jobs,
    scenario,
)
from odoo_env import open_registry, prepare_database  # noqa: E402


@scenario("metadata")
def bench_metadata(env, sandbox, args):
    """Synchronize metadata of the demo shop (one job per resource)."""
    backend = new_backend(env, sandbox)
    last = last_job_id(env)
    sandbox.clear_log()
    started = time.perf_counter()
    backend.synchronize_metadata()
    count = run_jobs(env, last)
    elapsed = time.perf_counter() - started
    records = sum(
        len(backend[f])
        for f in (
            "lang_ids",
            "currency_ids",
            "tax_ids",
            "tax_rule_group_ids",
            "carrier_ids",
            "order_state_ids",
            "shop_ids",
            "payment_method_ids",
        )
    )
    records += env["prestashop.res.country"].search_count(
        [("backend_id", "=", backend.id)]
    )
    records += env["prestashop.res.country.state"].search_count(
        [("backend_id", "=", backend.id)]
    )
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
    """Every ``scripts/bench_*.py`` registers the scenarios of its flow."""
    import importlib

    for path in sorted(Path(__file__).resolve().parent.glob("bench_*.py")):
        importlib.import_module(path.stem)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DB", "prestashop_bench"))
    parser.add_argument(
        "--latency",
        type=float,
        default=0.020,
        help="seconds added to every sandbox answer (default 0.020)",
    )
    parser.add_argument("--only", help="run only this scenario")
    parser.add_argument(
        "--sandbox",
        action="store_true",
        help="also run the sandbox's own benchmark (10,000 products)",
    )
    args = parser.parse_args(argv)

    prepare_database(args.db, lambda msg: print(f"[bench] {msg}", flush=True))

    from prestashop_sandbox import Sandbox

    from odoo import SUPERUSER_ID, api

    reg = open_registry(args.db)
    # the sandbox logs every request at INFO: results only, not thousands of
    # request lines
    logging.getLogger("prestashop_sandbox").setLevel(logging.WARNING)
    load_flow_scenarios()  # after the addons path is set: they may import addons
    print(f"PrestaShop sandbox latency: {args.latency * 1000:.0f} ms per request")
    for name, func in SCENARIOS.items():
        if args.only and name != args.only:
            continue
        print(f"[bench] {name}...", flush=True)
        started = time.monotonic()
        with Sandbox(key=BENCH_KEY, seed="demo") as sandbox, reg.cursor() as cr:
            sandbox.faults.latency = args.latency
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["queue.job.function"].search([]).write({"allow_commit": False})
            rows = func(env, sandbox, args)
            cr.rollback()
        print(f"\n== {name}: {func.__doc__.strip().splitlines()[0]}")
        print(f"  {'(scenario took)':<28} {time.monotonic() - started:.0f} s")
        for label, value in rows:
            print(f"  {label:<28} {value}")
    if args.sandbox:
        print("\n== sandbox (in-process webservice cost)")
        subprocess.run([sys.executable, "-m", "prestashop_sandbox.bench"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
