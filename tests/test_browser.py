"""The admin's path through the web client, in a real browser.

Runs the main command (``setup/demo --serve``: sandbox + Odoo with the job
runner), makes one job fail for a reason a person fixes (the backend's
webservice key is wrong), then, as admin in headless Chromium: opens the
PrestaShop backend form, the failed job, fixes the cause and presses
*Requeue Job*; the job runner then runs it again and it is done.  The admin
works in French (the demo's first day of a French shop).

Screenshots go to ``var/screenshots/``; with ``UPDATE_DOC_SCREENSHOTS=1`` they
refresh the documentation's (``doc/images/*.png``, used by
``doc/guides/monitor_resolve_jobs.rst``) instead, so that ``make test`` leaves
the work tree clean.

Needs Debian's ``chromium`` and the ``playwright`` package (no browser
download): ``setup/bootstrap --browser`` installs both.
"""

import json
import os
import signal
import subprocess
import threading
import time
import urllib.request

import pytest
from conftest import REPO, free_port

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IMAGES = (
    REPO / "doc" / "images"
    if os.environ.get("UPDATE_DOC_SCREENSHOTS") == "1"
    else REPO / "var" / "screenshots"
)
DEMO_KEY = "DEMOSANDBOXKEY00000000000000000K"  # scripts/demo.py
WRONG_KEY = "WRONGKEY000000000000000000000000"
READY_LINE = "Odoo and the sandbox keep running"


class Odoo:
    """JSON-RPC as admin (the external API), to set the scene and check."""

    def __init__(self, url, db):
        self.url, self.db = url, db
        self.uid = self.call("common", "login", db, "admin", "admin")
        assert self.uid, "admin/admin cannot log in"

    def call(self, service, method, *args):
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"service": service, "method": method, "args": args},
            }
        ).encode()
        req = urllib.request.Request(
            self.url + "/jsonrpc", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            answer = json.loads(resp.read())
        if answer.get("error"):
            raise AssertionError(json.dumps(answer["error"])[:2000])
        return answer.get("result")  # None (a method returning nothing) is left out

    def __call__(self, model, method, *args, **kwargs):
        return self.call(
            "object",
            "execute_kw",
            self.db,
            self.uid,
            "admin",
            model,
            method,
            list(args),
            kwargs,
        )

    def wait_job(self, domain, states, seconds=90):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            jobs = self(
                "queue.job",
                "search_read",
                domain,
                fields=["state", "exc_message", "name", "uuid"],
                order="id desc",
                limit=1,
            )
            if jobs and jobs[0]["state"] in states:
                return jobs[0]
            time.sleep(0.5)
        raise AssertionError(f"no job {domain} reached {states}: {jobs}")


def settle(page):
    """Let the view finish rendering before a screenshot ("networkidle" is
    no help: the bus keeps its websocket open)."""
    page.wait_for_selector(".o_view_controller")
    page.wait_for_function(
        "!document.querySelector('.o_loading_indicator, .o_blockUI')"
    )
    page.wait_for_timeout(800)


@pytest.fixture
def demo_server(scratch_db):
    """``setup/demo --serve`` in the background until its summary is printed."""
    port, shop_port = free_port(), free_port()
    proc = subprocess.Popen(
        [
            str(REPO / "setup" / "demo"),
            "--db",
            scratch_db,
            "--port",
            str(port),
            "--shop-port",
            str(shop_port),
            "--timeout",
            "240",
            "--serve",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )  # its own group: Odoo, workers, sandbox
    lines, ready = [], threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line)
            if READY_LINE in line:
                ready.set()
        ready.set()  # ended without being ready

    threading.Thread(target=read, daemon=True).start()
    try:
        ready.wait(600)
        assert proc.poll() is None and any(READY_LINE in x for x in lines), (
            "setup/demo --serve did not get ready:\n" + "".join(lines[-60:])
        )
        yield f"http://127.0.0.1:{port}", scratch_db, "".join(lines)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def test_admin_requeues_a_failed_job_in_the_browser(demo_server):
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:  # pragma: no cover - setup/bootstrap --browser installs it
        pytest.fail("playwright is not installed: run setup/bootstrap --browser")
    assert os.access(
        CHROMIUM, os.X_OK
    ), f"{CHROMIUM} missing: run setup/bootstrap --browser (Debian's chromium)"
    url, db, demo_out = demo_server
    assert "PrestaShop 8.1.2, connected" in demo_out, demo_out[-3000:]
    odoo = Odoo(url, db)
    backend_id = odoo("prestashop.backend", "search", [])[0]

    # -- a job fails for a reason a person fixes: the key was changed --------
    odoo("prestashop.backend", "write", [backend_id], {"webservice_key": WRONG_KEY})
    odoo(
        "prestashop.backend",
        "queue_check_connection",
        [backend_id],
        context={"lang": "fr_FR"},  # as the French admin's click does
    )
    job_domain = [
        ("method_name", "=", "check_connection"),
        ("model_name", "=", "prestashop.backend"),
    ]
    failed = odoo.wait_job(job_domain, ("failed",))
    assert "HTTP 401" in failed["exc_message"], failed
    job_id = odoo("queue.job", "search", [("uuid", "=", failed["uuid"])])[0]

    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # the web client shows dates in the browser's time zone: the
        # merchant's, as in the shop (the machine's may be UTC)
        page = browser.new_page(
            viewport={"width": 1366, "height": 900},
            locale="fr-FR",
            timezone_id="Europe/Paris",
        )
        page.set_default_timeout(30000)
        errors = []  # client errors: the first thing to read when a step fails
        page.on("pageerror", lambda err: errors.append(str(err)))
        try:
            # -- log in as admin ------------------------------------------------
            page.goto(f"{url}/web/login?db={db}")
            page.fill("input[name=login]", "admin")
            page.fill("input[name=password]", "admin")
            page.click("button[type=submit]")
            page.wait_for_selector(".o_main_navbar")

            # -- the backend form: state, version, what is left to map -----------
            page.goto(
                f"{url}/odoo/action-connector_prestashop."
                f"action_prestashop_backend/{backend_id}"
            )
            form = page.locator(".o_form_view")
            expect(form).to_contain_text("Demo shop (sandbox)")
            expect(form).to_contain_text("Tableau de bord")  # the admin's French
            settle(page)
            page.screenshot(path=str(IMAGES / "backend-form.png"), full_page=True)

            # -- an imported order, in euros, dated as in the shop -----------------
            order = odoo(
                "sale.order",
                "search_read",
                [("prestashop_bind_ids", "!=", False)],
                fields=["name"],
                order="id",
                limit=1,
            )
            assert order, "no order imported"
            page.goto(f"{url}/odoo/action-sale.action_orders/{order[0]['id']}")
            expect(page.locator(".o_form_view")).to_contain_text(order[0]["name"])
            expect(page.locator(".o_form_view")).to_contain_text("€")
            expect(page.locator(".o_form_view")).to_contain_text("Commande client")
            settle(page)
            page.screenshot(path=str(IMAGES / "sale-order.png"), full_page=True)

            # -- the jobs: the failed one is in the list --------------------------
            page.goto(f"{url}/odoo/action-queue_job.action_queue_job")
            row = page.locator(".o_data_row", has_text="Tester la connexion")
            expect(row.first).to_be_visible()
            settle(page)
            page.set_viewport_size({"width": 1366, "height": 420})
            page.screenshot(path=str(IMAGES / "jobs-list.png"))
            page.set_viewport_size({"width": 1366, "height": 900})

            # -- the failed job says what to fix ----------------------------------
            page.goto(f"{url}/odoo/action-queue_job.action_queue_job/{job_id}")
            expect(page.locator(".o_form_view")).to_contain_text("HTTP 401")
            expect(
                page.locator(".o_statusbar_status .o_arrow_button_current")
            ).to_contain_text("Echoué")
            settle(page)
            # tall enough to show the message at the end of the traceback
            page.set_viewport_size({"width": 1366, "height": 1700})
            page.screenshot(path=str(IMAGES / "job-failed.png"))
            page.set_viewport_size({"width": 1366, "height": 900})

            # -- fix the cause (the key), then Requeue ----------------------------
            odoo(
                "prestashop.backend",
                "write",
                [backend_id],
                {"webservice_key": DEMO_KEY},
            )
            page.click("button[name=requeue]")
            expect(page.locator("button[name=requeue]")).to_be_hidden()
            requeued = odoo("queue.job", "read", [job_id], ["state"])[0]["state"]
            assert requeued != "failed"
            # the job runner picks it up and runs it again
            done = odoo.wait_job([("id", "=", job_id)], ("done",))
            assert done["state"] == "done"
            page.reload()
            expect(
                page.locator(".o_statusbar_status .o_arrow_button_current")
            ).to_contain_text("Terminé")
            settle(page)
            page.screenshot(path=str(IMAGES / "job-done.png"), full_page=True)

            # -- the live connection (the bus's websocket, opened on the
            # page's address) is up: the demo routes /websocket to Odoo's
            # evented port, as a production proxy does -------------------------
            page.wait_for_function(
                "odoo.__WOWL_DEBUG__.root.env.services.bus_service.workerState"
                " === 'CONNECTED'"
            )
        except Exception as err:
            dialogs = page.locator(".modal").all_inner_texts()
            raise AssertionError(
                f"{err}\nerror dialogs: {dialogs}\nbrowser errors: {errors}\n"
                f"(server log: var/demo-odoo.log)"
            ) from err
        finally:
            browser.close()
    backend = odoo("prestashop.backend", "read", [backend_id], ["state"])[0]
    assert backend["state"] == "ok"
