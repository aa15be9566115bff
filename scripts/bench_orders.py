"""Benchmark scenario of the scheduled order import (issue: orders).

    setup/bench --only orders                  # 1,000 orders of 3 lines
    BENCH_ORDERS=200 setup/bench --only orders
    BENCH_ORDERS_PROFILE=/tmp/prof setup/bench --only orders  # cProfile

Set-up (not measured): metadata, products and customers are imported from
the sandbox's demo shop, then N paid orders of 3 lines are placed in the
sandbox for known customers and products.

Measured:

* the connector: the scheduled batch job and the one-job-per-order imports,
  performed as the job runner performs them (confirmation, delivery order and
  draft invoice included), with the HTTP requests they send: each job in an
  ORM transaction of its own, flushed with its precommit hooks after it as a
  commit would (``BENCH_ORDERS_ONE_TRANSACTION=1``: all in one transaction,
  as measured before: slower, Odoo's environment lookup scans every
  environment the transaction made);
* plain Odoo code creating, confirming and invoicing the same orders (same
  customers, products, quantities, prices, taxes, shipping line), in the same
  run, as the reference rate: each order in a transaction of its own, as
  orders arriving one at a time are (a website checkout; the connector's
  jobs), and all in one transaction (its cache warm from one order to the
  next: what no order arriving alone has), each flushed with its precommit
  hooks as its commit would.
"""

import contextlib
import cProfile
import os
import random
import time

from benchlib import (
    PROGRESS_EVERY,
    last_job_id,
    new_backend,
    progress,
    run_jobs,
    scenario,
)


def _prepare(env, sandbox):
    backend = new_backend(env, sandbox)
    env.ref("base.lang_fr").active = True
    last = last_job_id(env)
    backend.synchronize_metadata()
    run_jobs(env, last)
    for action in (backend.action_import_products, backend.action_import_customers):
        last = last_job_id(env)
        action()
        run_jobs(env, last)
    return backend


def _place_orders(sandbox, count, seed=7):
    """``count`` paid orders of 3 distinct lines, known customers/products."""
    rnd = random.Random(seed)
    store = sandbox.store
    customers = [
        c["id"]
        for c in store.search("customers")
        if str(c.get("deleted", "0")) in ("0", "")
    ]
    sellable = []
    for product in store.search("products"):
        if str(product.get("active", "1")) != "1":
            continue
        combos = [
            c["id"] for c in store.search("combinations", id_product=product["id"])
        ]
        sellable += [(product["id"], ipa) for ipa in combos or [0]]
    carrier = next(
        c["id"] for c in store.search("carriers") if str(c.get("deleted")) == "0"
    )
    placed = []
    for _i in range(count):
        lines = [(p, a, rnd.randint(1, 3)) for p, a in rnd.sample(sellable, 3)]
        placed.append(
            sandbox.place_order(rnd.choice(customers), lines, carrier, paid=True)
        )
    return placed


def _new_transaction(env):
    """What the job runner's commit and fresh cursor give the next job:
    ``cr.flush()`` (pending writes, then the precommit hooks such as the
    chatter's tracking, as ``cr.commit()`` runs them), then a new ORM
    transaction on the same cursor (empty cache and environment set: Odoo
    looks environments up by a linear scan of that set, which grows job
    after job in one transaction but not in production).  Nothing is
    committed.  Returns the environment on the new transaction."""
    from odoo import api

    env.cr.flush()
    env.cr.transaction = api.Transaction(env.registry)
    return api.Environment(env.cr, env.uid, dict(env.context))


def _run_jobs_as_runner(env, since_id):
    """:func:`benchlib.run_jobs`, each job in a transaction of its own
    (:func:`_new_transaction`), as the job runner performs them.  Returns
    ``(jobs performed, environment)``."""
    from odoo.addons.queue_job.controllers.main import RunJobController
    from odoo.addons.queue_job.job import Job

    done = 0
    next_report = time.monotonic() + PROGRESS_EVERY
    while True:
        if time.monotonic() >= next_report:
            progress(f"{done} jobs performed")
            next_report = time.monotonic() + PROGRESS_EVERY
        env = _new_transaction(env)
        record = env["queue.job"].search(
            [("state", "=", "pending"), ("id", ">", since_id)],
            order="priority, id",
            limit=1,
        )
        if not record:
            return done, env
        job = Job.load(env, record.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        RunJobController._enqueue_dependent_jobs(env, job)
        done += 1


def _plain_odoo(env, bindings, lang, per_order=False):
    """Create, confirm and invoice copies of the imported orders with plain
    Odoo code: the reference the connector is compared with, as the user
    and in the language (``lang``: the backend's) the import works in
    (``prestashop.binding._import_backend``: the invoice's texts are in the
    shop's language).  All in one transaction, or with ``per_order`` each
    order in a transaction of its own (:func:`_new_transaction`), as orders
    arriving one at a time are (a website checkout, a job).  Returns
    ``(seconds, environment)``: the environment of the transaction it ended
    in."""
    from odoo import SUPERUSER_ID

    env = env(user=SUPERUSER_ID, context=dict(env.context, lang=lang))
    plans = []
    for binding in bindings:
        order = binding.odoo_id
        plans.append(
            {
                "partner_id": order.partner_id.id,
                "partner_invoice_id": order.partner_invoice_id.id,
                "partner_shipping_id": order.partner_shipping_id.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": line.product_id.id,
                            "product_uom_qty": line.product_uom_qty,
                            "price_unit": line.price_unit,
                            "tax_id": [(6, 0, line.tax_id.ids)],
                            "name": line.name,
                        },
                    )
                    for line in order.order_line
                ],
            }
        )
    started = time.perf_counter()
    for done, values in enumerate(plans):
        if done and not done % 200:
            progress(f"plain Odoo: {done} of {len(plans)} orders")
        if per_order:
            env = _new_transaction(env)
        order = env["sale.order"].create(values)
        order.action_confirm()
        order._create_invoices()
    env.cr.flush()  # one commit at the end: its precommit hooks too
    return time.perf_counter() - started, env


@contextlib.contextmanager
def _profiled(name):
    """With ``BENCH_ORDERS_PROFILE=DIR``, cProfile statistics of the block
    in ``DIR/orders-<name>.prof`` (profiling slows everything: that run's
    figures are not the figures)."""
    directory = os.environ.get("BENCH_ORDERS_PROFILE")
    if not directory:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, f"orders-{name}.prof")
        profile.dump_stats(path)
        progress(f"profile written: {path}")


@scenario("orders")
def bench_orders(env, sandbox, args):
    """Import N paid orders of 3 lines through the scheduled job and queue jobs."""
    count = int(os.environ.get("BENCH_ORDERS", "1000"))
    latency = sandbox.faults.latency
    sandbox.faults.latency = 0  # the set-up is not measured
    progress("set-up: metadata, products and customers of the demo shop")
    backend = _prepare(env, sandbox)
    progress(f"set-up: {count} paid orders placed in the shop")
    _place_orders(sandbox, count)
    progress("importing them (measured)")
    sandbox.faults.latency = latency
    sandbox.clear_log()
    last = last_job_id(env)
    started = time.perf_counter()
    backend.import_sale_orders()
    if os.environ.get("BENCH_ORDERS_ONE_TRANSACTION"):
        # the former measure: every job in the bench's one transaction
        jobs = run_jobs(env, last)
    else:
        with _profiled("connector"):
            jobs, env = _run_jobs_as_runner(env, last)
    env.cr.flush()
    elapsed = time.perf_counter() - started
    backend = backend.with_env(env)
    requests = len(sandbox.requests)
    bindings = env["prestashop.sale.order"].search([("backend_id", "=", backend.id)])
    imported = len(bindings)
    confirmed = len(bindings.filtered(lambda b: b.odoo_id.state == "sale"))
    invoiced = len(bindings.filtered(lambda b: b.odoo_id.invoice_ids))
    progress("plain Odoo doing the same, an order per transaction (measured)")
    lang = backend.sudo()._default_lang_code()
    with _profiled("plain"):
        plain_each, env = _plain_odoo(env, bindings, lang, per_order=True)
    progress("plain Odoo doing the same in one transaction (measured)")
    plain, env = _plain_odoo(env, bindings.with_env(env), lang)
    rate, plain_rate = imported / elapsed, imported / plain
    each_rate = imported / plain_each
    return [
        ("orders placed in PrestaShop", count),
        ("orders imported", f"{imported} ({confirmed} confirmed, {invoiced} invoiced)"),
        ("queue jobs performed", jobs),
        ("HTTP requests", requests),
        ("requests per order", f"{requests / max(imported, 1):.3f} (target <= 0.2)"),
        ("connector wall time", f"{elapsed:.1f} s"),
        ("connector orders per second", f"{rate:.2f}"),
        (
            "plain Odoo orders per second",
            f"{plain_rate:.2f} in one transaction, {each_rate:.2f} an order "
            "per transaction (create, confirm, invoice)",
        ),
        (
            "connector / plain Odoo",
            f"{rate / plain_rate:.0%} of one transaction, {rate / each_rate:.0%} "
            "of an order per transaction (target >= 85%)",
        ),
    ]
