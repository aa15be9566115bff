"""The main job, end to end, on the embedded default shop (the sandbox).

1. starts the PrestaShop sandbox with its demo shop on 127.0.0.1;
2. creates (or updates) an Odoo database with both addons;
3. starts Odoo with the queue job runner (2 workers, the project's channels)
   behind ``--port``, where ``/websocket`` goes to Odoo's evented port as a
   production proxy sends it (:func:`start_front`);
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
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import demo_shop  # noqa: E402
from demo_db import fresh_database  # noqa: E402
from odoo_env import REPO, configure, odoo_cmd, open_registry  # noqa: E402

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


def _pipe(src, dst):
    """Copy ``src`` to ``dst`` until ``src`` ends, then end ``dst``'s side."""
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass


class _Route(socketserver.BaseRequestHandler):
    """One browser connection, sent whole to the port its first request
    needs: ``/websocket`` to Odoo's evented port, anything else to its HTTP
    workers.  Bytes are passed unchanged (Host, Origin and the session
    cookie are what Odoo checks); a browser opens every websocket on a
    connection of its own, so the first request decides."""

    def handle(self):
        client, head = self.request, b""
        while b"\n" not in head and len(head) < 65536:
            chunk = client.recv(65536)
            if not chunk:
                return
            head += chunk
        path = (head.split(None, 2)[1:2] or [b""])[0]
        websocket = path.startswith(b"/websocket")
        port = self.server.gevent_port if websocket else self.server.http_port
        try:
            upstream = socket.create_connection(("127.0.0.1", port))
        except OSError:
            return
        with upstream:
            upstream.sendall(head)
            back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
            back.start()
            _pipe(client, upstream)
            back.join()


class _Front(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start_front(port, http_port, gevent_port):
    """Odoo's address for the browser, routed as a production reverse proxy
    does it: with workers, Odoo serves the web client's live connection
    (``/websocket``, the bus) only on the evented (gevent) port and refuses
    it on the HTTP port ("Couldn't bind the websocket"), while the web client
    opens it on the page's own address (odoo/addons/bus/websocket.py)."""
    front = _Front(("127.0.0.1", port), _Route)
    front.http_port, front.gevent_port = http_port, gevent_port

    def serve():
        # --serve waits for these in the main thread (sigwait): no thread of
        # the front may take them (SIGTERM would end the demo without
        # stopping Odoo and the sandbox)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
        front.serve_forever()

    threading.Thread(target=serve, daemon=True).start()
    return front


def popen_odoo_server(db, http_port, gevent_port, logfile):
    """``odoo-bin`` as production runs it, on 127.0.0.1: 2 HTTP workers, 1
    cron worker, queue_job's runner (server-wide module), the project's
    channels; its log in ``logfile``."""
    return subprocess.Popen(
        odoo_cmd(
            "-d",
            db,
            "--db-filter",
            f"^{db}$",
            "--load=base,web,queue_job",
            "--workers=2",
            "--max-cron-threads=1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            "--http-interface=127.0.0.1",
            f"--logfile={logfile}",
        ),
        env=dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=CHANNELS),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def start_odoo(db, port):
    """Odoo with 2 workers and the job runner on internal ports, behind
    :func:`start_front` on ``port``."""
    try:
        front = start_front(port, free_port(), free_port())
    except OSError as err:
        raise SystemExit(f"port {port} is taken: pass --port ({err})") from err
    http_port, gevent_port = front.http_port, front.gevent_port
    logfile = REPO / "var" / "demo-odoo.log"
    logfile.parent.mkdir(exist_ok=True)
    proc = popen_odoo_server(db, http_port, gevent_port, logfile)
    if not wait_port(http_port, 90, proc):
        raise SystemExit(f"Odoo did not start (see {logfile})")
    log(f"Odoo with the job runner on http://127.0.0.1:{port} (log: {logfile})")
    return proc


def odoo_env(db):
    from odoo import api

    return open_registry(db), api


def prepare_backend(env, shop_url):
    """The backend of the sandbox's demo shop, stock pushed from the start
    (the opening inventory is counted in Odoo before the first push).
    Created in the admin's language, as the merchant would from the web
    client: its default language is theirs (French)."""
    lang = env.ref("base.user_admin").lang
    return (
        env["prestashop.backend"]
        .with_context(lang=lang)
        .create(
            {
                "name": "Demo shop (sandbox)",
                "location": shop_url,
                "webservice_key": DEMO_KEY,
                "stock_sync": True,
                "workflow_process_id": env.ref(
                    "connector_prestashop.sale_workflow_prestashop_paid"
                ).id,
            }
        )
    )


#: (label, what it does with the backend): each stage queues jobs (or does
#: what a user does in Odoo); the next one starts when the jobs are over.
#: ``--short`` stops after the first imported orders.
STAGES = (
    ("Test connection", lambda backend: backend.queue_check_connection()),
    ("Synchronize metadata", lambda backend: backend.synchronize_metadata()),
    ("Import orders", lambda backend: backend.import_sale_orders()),
    ("Count the opening stock", demo_shop.count_opening_stock),
    ("Push stock", lambda backend: backend.queue_reconcile_stock()),
    ("Ship one order", demo_shop.ship_one_order),
    ("Publish a new product", demo_shop.publish_new_product),
)
SHORT_STAGES = 3


def connector_schedule(env):
    """The connector's scheduled actions (order import, stock
    reconciliation...)."""
    return env["ir.cron"].search([("model_id.model", "=", "prestashop.backend")])


def hold_schedule(env):
    """The stages do what the schedule does (import orders, reconcile
    stock): the schedule waits until they are over, so that a scheduled run
    landing in the middle of a stage (a slower machine) does not change what
    the stages show."""
    from odoo import fields

    connector_schedule(env).write(
        {"nextcall": fields.Datetime.add(fields.Datetime.now(), days=1)}
    )


def resume_schedule(env):
    """The schedule runs from now on, each action after its interval."""
    from odoo import fields

    now = fields.Datetime.now()
    for cron in connector_schedule(env):
        cron.nextcall = fields.Datetime.add(
            now, **{cron.interval_type: cron.interval_number}
        )


def admin_env(env):
    """``env`` in the admin's language and time zone, as the merchant acts
    in the web client (jobs queued are named in their language)."""
    admin = env.ref("base.user_admin")
    return env(context={"lang": admin.lang, "tz": admin.tz})


def run_stages(registry, api, backend_id, timeout, stages=STAGES):
    """Each stage's jobs are run by the job runner; the next stage starts
    when they are over."""
    from odoo import SUPERUSER_ID, fields

    all_jobs = []
    for label, action in stages:
        since = fields.Datetime.now()
        with registry.cursor() as cr:
            env = admin_env(api.Environment(cr, SUPERUSER_ID, {}))
            action(env["prestashop.backend"].browse(backend_id))
        jobs = wait_jobs(registry, api, since, timeout)
        all_jobs += jobs
        failed = sum(1 for job in jobs if job[1] == "failed")
        log(
            f"{label}: {len(jobs)} job(s) run by the job runner"
            + (f", {failed} failed" if failed else "")
        )
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


def money(env, amount, currency):
    from odoo.tools.misc import formatLang

    return formatLang(env, amount, currency_obj=currency)


def summary_lines(env, backend, short):
    """What the merchant sees after the first day, in their words."""
    from odoo import fields

    env = env(context=dict(env.context, lang="fr_FR", tz="Europe/Paris"))
    backend = backend.with_env(env)
    company = env.company
    lines = [
        "Fresh start: the database and the shop are made anew at every run "
        "(nothing of an earlier run is kept, nothing is imported twice)",
        f"Company: {company.name}, {company.country_id.name}, chart of accounts "
        f"{company.chart_template}, {company.currency_id.name}; admin in "
        f"{env.ref('base.user_admin').lang}, {env.ref('base.user_admin').tz}",
        f"Shop: {backend.name}, PrestaShop {backend.version or '?'}, "
        f"{backend.state == 'ok' and 'connected' or backend.state}",
    ]
    bindings = env["prestashop.sale.order"].search(
        [("backend_id", "=", backend.id)], order="prestashop_id"
    )
    shop_dates = {}
    if bindings:
        with backend.work_on("prestashop.sale.order") as work:
            for row in work.component(usage="backend.adapter").search_read(
                {
                    "filter[id]": "["
                    + "|".join(map(str, bindings.mapped("prestashop_id")))
                    + "]",
                    "display": "[id,date_add]",
                }
            ):
                shop_dates[int(row["id"])] = row["date_add"][:16]
    distinct = len(set(bindings.mapped("prestashop_id")))
    lines.append(
        f"Orders: {len(bindings)} paid order(s) of the shop imported as sale orders"
        + ("" if distinct == len(bindings) else f" ({len(bindings) - distinct} TWICE)")
    )
    for binding in bindings:
        order = binding.odoo_id
        local = fields.Datetime.context_timestamp(order, order.date_order)
        shop = shop_dates.get(binding.prestashop_id, "?")
        dated = local.strftime("%Y-%m-%d %H:%M")
        # not Odoo's number: order jobs run in parallel, so it varies by run
        lines.append(
            f"  {binding.ps_reference}  {dated}"
            + ("" if dated == shop else f" (shop: {shop})")
            + f"  {order.partner_id.name}  "
            f"{money(env, order.amount_total, order.currency_id)}  "
            + ("confirmed" if order.state == "sale" else order.state)
        )
    if short:
        return lines
    rows = env["prestashop.stock.available"].search(
        [("backend_id", "=", backend.id), ("date_pushed", "!=", False)]
    )
    examples = ", ".join(
        f"{row.product_id.default_code} {row.quantity_pushed}"
        for row in rows.sorted(lambda r: r.product_id.default_code or "")[:3]
    )
    lines.append(
        f"Stock: opening inventory of {demo_shop.OPENING_STOCK} per product, "
        f"free quantities pushed to the shop for {len(rows)} products"
        + (f" ({examples}...)" if examples else "")
    )
    lines.append(shipped_line(env, backend))
    lines.append(published_line(env, backend))
    return lines


def shipped_line(env, backend):
    picking = env["stock.picking"].search(
        [
            ("carrier_tracking_ref", "=like", f"{demo_shop.TRACKING_PREFIX}%"),
            ("state", "=", "done"),
            ("sale_id.prestashop_bind_ids.backend_id", "=", backend.id),
        ],
        limit=1,
    )
    binding = picking.sale_id.prestashop_bind_ids.filtered(
        lambda b: b.backend_id == backend
    )[:1]
    if not binding:
        return "Shipped: no order could be shipped"
    with backend.work_on("prestashop.sale.order") as work:
        record = work.component(usage="backend.adapter").read(binding.prestashop_id)
    state = env["prestashop.sale.order.state"].search(
        [
            ("backend_id", "=", backend.id),
            ("prestashop_id", "=", int(record.get("current_state") or 0)),
        ],
        limit=1,
    )
    mails = [
        mail
        for mail in shop_outbox(backend)
        if int(mail.get("id_order") or 0) == binding.prestashop_id
        and mail.get("template") == "shipped"
    ]
    mailed = (
        f"; the shop e-mailed {mails[-1]['to']} ('{mails[-1]['subject']}', "
        f"tracking number {mails[-1]['vars'].get('{shipping_number}')})"
        if mails
        else "; the shop sent no e-mail"
    )
    return (
        f"Shipped: {binding.ps_reference} with tracking number "
        f"{picking.carrier_tracking_ref}; the shop shows it "
        f"'{state.name or record.get('current_state')}', tracking number "
        f"{record.get('shipping_number') or '-'}" + mailed
    )


def shop_outbox(backend):
    """The e-mails the sandbox shop sent (its control API, ``GET
    /_sandbox/outbox``): a real shop's mails are not readable this way."""
    try:
        answer = requests.get(f"{backend.location}/_sandbox/outbox", timeout=10)
        return answer.json().get("mails", []) if answer.ok else []
    except (requests.RequestException, ValueError):
        return []


def published_line(env, backend):
    product = demo_shop.read_back_product(backend)
    if not product:
        return "Published: the new product is not on the shop"
    currency = env.ref("base.EUR")
    price = (
        money(env, product["price_ttc"], currency)
        if product["price_ttc"] is not None
        else "?"
    )
    return (
        f"Published: '{product['name']}' is product {product['id']} of the shop, "
        f"references {', '.join(product['references']) or '-'}, "
        f"{price} incl. tax (Odoo: {money(env, product['odoo_price_ttc'], currency)}), "
        f"{product['images']} image(s)"
    )


def summary(registry, api, backend_id, jobs, short):
    from odoo import SUPERUSER_ID

    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        lines = summary_lines(env, env["prestashop.backend"].browse(backend_id), short)
    done = sum(1 for _n, state, _r in jobs if state == "done")
    failed = [(n, r) for n, state, r in jobs if state == "failed"]
    other = len(jobs) - done - len(failed)
    print()
    print("=" * 72)
    for line in lines:
        print(f"  {line}")
    print(f"  Jobs: {done} done, {len(failed)} failed, {other} not finished")
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
    parser.add_argument(
        "--short",
        action="store_true",
        help="stop after the first imported orders (a quick check)",
    )
    parser.add_argument("--timeout", type=int, default=300, help="seconds per stage")
    args = parser.parse_args(argv)

    started = time.monotonic()
    configure(args.db)
    if fresh_database(args.db, log):
        log(f"dropped the database {args.db} of the earlier run: fresh start")
    log(f"database {args.db} ready (French company, Odoo's French chart of accounts)")
    registry, api = odoo_env(args.db)
    from odoo import SUPERUSER_ID

    with registry.cursor() as cr:
        hold_schedule(api.Environment(cr, SUPERUSER_ID, {}))
    procs = [start_sandbox(args.shop_port), start_odoo(args.db, args.port)]
    ok = False
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            backend_id = prepare_backend(env, f"http://127.0.0.1:{args.shop_port}").id
        stages = STAGES[:SHORT_STAGES] if args.short else STAGES
        jobs = run_stages(registry, api, backend_id, args.timeout, stages)
        with registry.cursor() as cr:
            resume_schedule(api.Environment(cr, SUPERUSER_ID, {}))
        log(f"done in {time.monotonic() - started:.0f} s")
        ok = summary(registry, api, backend_id, jobs, args.short)
        print(
            (
                "Odoo is running: "
                if args.serve
                else "Odoo (make serve keeps it running): "
            )
            + f"http://127.0.0.1:{args.port}/odoo/action-"
            "connector_prestashop.action_prestashop_backend  login admin, "
            "password admin"
        )
        if args.serve:
            print("Odoo and the sandbox keep running: Ctrl-C stops them.", flush=True)
            stop = {signal.SIGINT, signal.SIGTERM}
            signal.pthread_sigmask(signal.SIG_BLOCK, stop)  # sigwait needs them blocked
            signal.sigwait(stop)
    finally:
        stop_processes(procs)
    return 0 if ok else 1


def stop_processes(procs, seconds=10):
    """Terminate the sandbox and Odoo processes; kill what is still up after
    ``seconds``."""
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(seconds)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
