"""Benchmark of the stock reconciliation (flow 2, Odoo -> PrestaShop).

10,000 bound variants (4,000 products without combinations, 2,000 products
with 3 combinations), the shop in sync, then 1 % of the variants changed in
Odoo; the reconciliation job runs as the job runner runs it against the
sandbox with its latency (20 ms by default), served by a process of its own
as a real shop is another server (``BENCH_STOCK_SHOP=thread``: in this
process, its work then shares Odoo's interpreter).  Measured: wall time, the
computation alone (Odoo side, without HTTP), and the requests by kind.

    BENCH_MODULES=bench_stock setup/bench --only stock_reconcile
    .venv/bin/python scripts/bench_stock.py --db stock_bench  # this scenario alone
    BENCH_STOCK_VARIANTS=2000 ...                            # smaller run
"""

import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import ShopProcess, new_backend, progress, scenario  # noqa: E402

BENCH_KEY = "BENCHSANDBOXKEY0000000000000000K"


def _stock_seed(simple, with_combinations, per_product, quantity_of):
    """stock_availables of the generated shop: product rows, combination rows."""
    rows, sid, cid = {}, 0, 0
    for pid in range(1, simple + 1):
        sid += 1
        rows[sid] = {
            "id_product": pid,
            "id_product_attribute": 0,
            "id_shop": 1,
            "quantity": quantity_of(("p", pid)),
            "out_of_stock": 2,
        }
    for pid in range(simple + 1, simple + with_combinations + 1):
        sid += 1
        base = sid
        rows[base] = {
            "id_product": pid,
            "id_product_attribute": 0,
            "id_shop": 1,
            "quantity": 0,
            "out_of_stock": 2,
        }
        for _i in range(per_product):
            cid += 1
            sid += 1
            rows[sid] = {
                "id_product": pid,
                "id_product_attribute": cid,
                "id_shop": 1,
                "quantity": quantity_of(("c", cid)),
                "out_of_stock": 2,
            }
            rows[base]["quantity"] += rows[sid]["quantity"]
    return rows


def _odoo_catalog(env, backend, simple, with_combinations, per_product, quantity_of):
    """Templates, variants, bindings and quants, in batches."""
    ctx = {
        "tracking_disable": True,
        "mail_create_nolog": True,
        "connector_no_export": True,
    }
    Template = env["product.template"].with_context(**ctx)
    simple_tmpl = Template.create(
        [
            {
                "name": f"Bench {pid}",
                "type": "consu",
                "is_storable": True,
                "default_code": f"BENCH-{pid}",
            }
            for pid in range(1, simple + 1)
        ]
    )
    attribute = env["product.attribute"].create(
        {
            "name": "Bench size",
            "create_variant": "always",
            "value_ids": [(0, 0, {"name": f"S{i}"}) for i in range(per_product)],
        }
    )
    value_ids = attribute.value_ids.ids
    comb_tmpl = Template.create(
        [
            {
                "name": f"Bench {pid}",
                "type": "consu",
                "is_storable": True,
                "attribute_line_ids": [
                    (
                        0,
                        0,
                        {
                            "attribute_id": attribute.id,
                            "value_ids": [(6, 0, value_ids)],
                        },
                    )
                ],
            }
            for pid in range(simple + 1, simple + with_combinations + 1)
        ]
    )
    PT = env["prestashop.product.template"].with_context(**ctx)
    PC = env["prestashop.product.combination"].with_context(**ctx)
    PT.create(
        [
            {"backend_id": backend.id, "prestashop_id": i + 1, "odoo_id": t.id}
            for i, t in enumerate(simple_tmpl)
        ]
    )
    comb_bindings = PT.create(
        [
            {"backend_id": backend.id, "prestashop_id": simple + i + 1, "odoo_id": t.id}
            for i, t in enumerate(comb_tmpl)
        ]
    )
    values, cid = [], 0
    quants = [
        {"product_id": t.product_variant_id.id, "quantity": quantity_of(("p", i + 1))}
        for i, t in enumerate(simple_tmpl)
    ]
    for binding in comb_bindings:
        for variant in binding.odoo_id.product_variant_ids.sorted("id"):
            cid += 1
            values.append(
                {
                    "backend_id": backend.id,
                    "prestashop_id": cid,
                    "odoo_id": variant.id,
                    "main_template_id": binding.id,
                }
            )
            quants.append(
                {"product_id": variant.id, "quantity": quantity_of(("c", cid))}
            )
    PC.create(values)
    location = backend.warehouse_id.lot_stock_id
    env["stock.quant"].sudo().create([dict(q, location_id=location.id) for q in quants])
    return len(quants)


@scenario("stock_reconcile")
def bench_stock_reconcile(env, sandbox, args):
    """Stock reconciliation: 10,000 bound variants, 1 % changed in Odoo."""
    from prestashop_sandbox import Sandbox

    from odoo.addons.queue_job.job import Job

    size = int(os.environ.get("BENCH_STOCK_VARIANTS", "10000"))
    per_product = 3
    with_combinations = size // 5
    simple = size - with_combinations * per_product

    def quantity_of(key):  # deterministic, 1..50
        kind, number = key
        return (number * 7 + (3 if kind == "c" else 0)) % 50 + 1

    latency = getattr(args, "latency", 0.020)
    # A shop of its own (the demo sandbox the runner gives has 15 products),
    # in a process of its own as a real shop is (BENCH_STOCK_SHOP=thread:
    # in this process, sharing its interpreter with Odoo).
    shop = Sandbox(key=BENCH_KEY, seed="empty")
    shop.store.load(
        {
            "stock_availables": _stock_seed(
                simple, with_combinations, per_product, quantity_of
            )
        }
    )
    in_process = os.environ.get("BENCH_STOCK_SHOP") == "thread"
    own = shop.start() if in_process else ShopProcess(shop)
    try:
        backend = new_backend(env, own)
        progress(f"set-up: {size} bound variants in Odoo and the shop")
        started = time.perf_counter()
        variants = _odoo_catalog(
            env, backend, simple, with_combinations, per_product, quantity_of
        )
        setup = time.perf_counter() - started
        backend.write({"stock_sync": True})
        if in_process:
            own.faults.latency = latency
        else:
            own.set_latency(latency)
        # first run: discovers and remembers the 10,000 stock rows, all equal
        own.clear_log()
        progress("first reconciliation (every stock row discovered)")
        started = time.perf_counter()
        backend.reconcile_stock()
        first = time.perf_counter() - started
        first_requests = len(own.requests)
        # 1 % of the variants change in Odoo (receipts, sales...)
        changed = (
            env["prestashop.stock.available"]
            .search(
                [("backend_id", "=", backend.id)], limit=max(size // 100, 1), order="id"
            )
            .product_id
        )
        location = backend.warehouse_id.lot_stock_id
        backend.stock_sync = False  # no per-variant jobs: measure reconciliation
        for product in changed:
            env["stock.quant"]._update_available_quantity(product, location, 7)
        backend.stock_sync = True
        env.flush_all()
        # the reconciliation job, as the runner runs it
        progress("reconciliation after 1 % changed (measured)")
        own.clear_log()
        job = backend.with_delay().reconcile_stock()
        started = time.perf_counter()
        job = Job.load(env, job.uuid)
        job.set_started()
        result = job.perform()
        job.set_done()
        job.store()
        elapsed = time.perf_counter() - started
        kinds = Counter(r.method for r in own.requests)
        computing = re.search(r"\(([\d.]+) s computing\)", result)
        compute = computing.group(1) if computing else "?"
        reconcile_requests = sum(kinds.values())
        writes = kinds.get("PATCH", 0) + kinds.get("PUT", 0)
        # the event path: fifty quick changes to one variant
        product = changed[:1]
        env["queue.job"].search([("method_name", "=", "export_stock")]).unlink()
        for i in range(50):
            env["stock.quant"]._update_available_quantity(
                product, location, 1 if i % 3 else -1
            )
        jobs = env["queue.job"].search(
            [("method_name", "=", "export_stock"), ("state", "=", "pending")]
        )
        own.clear_log()
        for record in jobs:
            run = Job.load(env, record.uuid)
            run.perform()
        event_requests = len(own.requests)
        return [
            ("shop", "this process" if in_process else "a process of its own"),
            ("bound variants", variants),
            ("changed in Odoo", len(changed)),
            ("setup (Odoo catalogue)", f"{setup:.1f} s"),
            ("1st run (discovery)", f"{first:.2f} s, {first_requests} requests"),
            ("reconciliation wall time", f"{elapsed:.2f} s"),
            ("  of which computing", f"{compute} s"),
            ("HTTP requests", reconcile_requests),
            ("  reads (GET)", kinds.get("GET", 0)),
            ("  writes (PATCH)", writes),
            ("writes per changed variant", f"{writes / max(len(changed), 1):.2f}"),
            (
                "50 changes, 1 variant",
                f"{len(jobs)} job(s), {event_requests} request(s)",
            ),
            ("job result", result),
        ]
    finally:
        own.stop()


if __name__ == "__main__":
    import bench

    bench.SCENARIOS["stock_reconcile"] = bench_stock_reconcile
    argv = sys.argv[1:]
    if "--only" not in argv:
        argv += ["--only", "stock_reconcile"]
    sys.exit(bench.main(argv))
