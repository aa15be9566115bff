# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark of the scheduled order import (not a test module).

Call from the benchmark script, in an Odoo shell or a test, with a backend
pointing at a sandbox whose metadata and catalogue are imported::

    from odoo.addons.connector_prestashop.tests.bench_orders import (
        bench_import_orders)
    result = bench_import_orders(env, backend, 200, sandbox=sb)

It places ``n`` paid orders in the sandbox (when ``sandbox`` is given), runs
the batch job and the per-order jobs in-process, and returns the number of
HTTP requests (batch and jobs), requests per order and orders per second.
"""

import random
import time


def _place_orders(sandbox, n, seed=42):
    rnd = random.Random(seed)
    store = sandbox.store
    customers = [c["id"] for c in store.search("customers")]
    sellable = []
    for product in store.search("products"):
        combos = [
            c["id"] for c in store.search("combinations", id_product=product["id"])
        ]
        for ipa in combos or [0]:
            sellable.append((product["id"], ipa))
    for _i in range(n):
        lines = [
            (p, a, rnd.randint(1, 3))
            for p, a in rnd.sample(sellable, rnd.randint(1, 4))
        ]
        sandbox.place_order(rnd.choice(customers), lines, 3, paid=True)


def bench_import_orders(env, backend, n, sandbox=None):
    """Import ``n`` new orders through the scheduled path; return metrics."""
    if sandbox is not None:
        _place_orders(sandbox, n)
        sandbox.clear_log()
    Binding = env["prestashop.sale.order"]
    before = Binding.search_count([("backend_id", "=", backend.id)])
    started = time.monotonic()
    with backend.work_on("prestashop.sale.order") as work:
        client = work.ps_client
        work.component(usage="batch.importer").run()
        batch_requests = client.request_count
    jobs = env["queue.job"].search(
        [
            ("model_name", "=", "prestashop.sale.order"),
            ("method_name", "=", "import_record"),
            ("state", "=", "pending"),
        ]
    )
    job_requests = 0
    from odoo.addons.queue_job.job import Job

    for job in jobs:
        job = Job.load(env, job.uuid)
        log_before = len(sandbox.requests) if sandbox is not None else 0
        job.perform()
        job.set_done()
        job.store()
        if sandbox is not None:
            job_requests += len(sandbox.requests) - log_before
    elapsed = time.monotonic() - started
    imported = Binding.search_count([("backend_id", "=", backend.id)]) - before
    return {
        "orders": imported,
        "batch_requests": batch_requests,
        "job_requests": job_requests,
        "requests_per_order": (batch_requests + job_requests) / max(imported, 1),
        "seconds": round(elapsed, 2),
        "orders_per_second": round(imported / elapsed, 2) if elapsed else None,
    }
