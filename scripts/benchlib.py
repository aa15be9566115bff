"""Shared pieces of the benchmark scenarios (scripts/bench*.py).

A scenario is ``func(env, sandbox, args) -> [(label, value), ...]`` registered
with ``@scenario("name")``; ``scripts/bench.py`` imports every
``scripts/bench_*.py`` so that flows register theirs.
"""

import multiprocessing
import socket
import time
from bisect import bisect_right
from types import SimpleNamespace

BENCH_KEY = "BENCHSANDBOXKEY0000000000000000K"
SCENARIOS = {}
#: seconds between two progress lines of a long step
PROGRESS_EVERY = 30


def progress(msg):
    """One line of progress (a long scenario is not silent for minutes)."""
    print(f"[bench]   {msg}", flush=True)


def scenario(name):
    def register(func):
        SCENARIOS[name] = func
        return func

    return register


class ShopProcess:
    """A sandbox served by a process of its own, as a real shop is another
    server: its work (filtering its tables, writing its answers) does not
    share this process's interpreter with Odoo's, and requests sent side by
    side are answered side by side.  ``sandbox``: a loaded, not started,
    ``prestashop_sandbox.Sandbox`` (the child process gets a copy).  The
    faults and the request log go through the sandbox's control API
    (``/_sandbox/...``)."""

    def __init__(self, sandbox):
        import requests

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            sandbox._port = sock.getsockname()[1]
        self.key = sandbox.key
        self.url = f"http://127.0.0.1:{sandbox._port}"
        self._http = requests.Session()
        self._proc = multiprocessing.get_context("fork").Process(
            target=self._serve, args=(sandbox,), daemon=True
        )
        self._proc.start()
        deadline = time.monotonic() + 30
        while True:
            try:
                self.control("clear_log")
                return
            except requests.ConnectionError:
                if time.monotonic() > deadline or not self._proc.is_alive():
                    raise
                time.sleep(0.05)

    @staticmethod
    def _serve(sandbox):
        sandbox.start()
        sandbox._thread.join()

    def control(self, command, data=None):
        resp = self._http.post(f"{self.url}/_sandbox/{command}", json=data or {})
        resp.raise_for_status()
        return resp.json()

    def set_latency(self, seconds):
        self.control("faults", {"latency": seconds})

    def clear_log(self):
        self.control("clear_log")

    @property
    def requests(self):
        """The requests answered since the last :meth:`clear_log` (method,
        path, query, status...)."""
        return [SimpleNamespace(**r) for r in self.control("log")["requests"]]

    def stop(self):
        self._http.close()
        self._proc.terminate()
        self._proc.join(10)


def run_jobs(env, since_id):
    """Perform every pending job created after ``since_id`` (including those
    the jobs themselves queue), in dependency order, as the runner would:
    each in a clean cache (the runner gives every job a new transaction).
    Prints a progress line every ``PROGRESS_EVERY`` seconds."""
    from odoo.addons.queue_job.controllers.main import RunJobController
    from odoo.addons.queue_job.job import Job

    done = 0
    next_report = time.monotonic() + PROGRESS_EVERY
    while True:
        if time.monotonic() >= next_report:
            pending = env["queue.job"].search_count(
                [("state", "=", "pending"), ("id", ">", since_id)]
            )
            progress(f"{done} jobs performed, {pending} pending")
            next_report = time.monotonic() + PROGRESS_EVERY
        record = env["queue.job"].search(
            [("state", "=", "pending"), ("id", ">", since_id)],
            order="priority, id",
            limit=1,
        )
        if not record:
            return done
        env.invalidate_all()
        job = Job.load(env, record.uuid)
        job.set_started()
        job.perform()
        job.set_done()
        job.store()
        RunJobController._enqueue_dependent_jobs(env, job)
        done += 1


def new_backend(env, sandbox, **values):
    """A backend on the sandbox (French company and taxes), with the
    product's defaults (request budget included) unless ``values`` say
    otherwise."""
    company = env.company
    fr = env.ref("base.fr")
    company.write({"country_id": fr.id, "account_fiscal_country_id": fr.id})
    if not env["account.tax"].search_count(
        [("country_id", "=", fr.id), ("type_tax_use", "=", "sale")]
    ):
        group = env["account.tax.group"].create({"name": "TVA", "country_id": fr.id})
        for rate in (20.0, 10.0, 5.5, 2.1):
            env["account.tax"].create(
                {
                    "name": f"TVA {rate}",
                    "amount": rate,
                    "type_tax_use": "sale",
                    "price_include_override": "tax_excluded",
                    "country_id": fr.id,
                    "tax_group_id": group.id,
                }
            )
    return env["prestashop.backend"].create(
        {
            "name": "Benchmark",
            "location": sandbox.url,
            "webservice_key": BENCH_KEY,
            "version": "8.1.2",
            **values,
        }
    )


def last_job_id(env):
    """Id of the newest job: pass it to :func:`run_jobs` after queueing."""
    return env["queue.job"].search([], order="id desc", limit=1).id or 0


def stamp_requests(sandbox):
    """Times (``time.monotonic()``) of the requests ``sandbox`` logs, in a
    list that grows as they come: the sandbox's log holds no time, so its
    ``_record`` is wrapped."""
    stamps = []
    record = sandbox._record

    def stamped(entry):
        stamps.append(time.monotonic())
        record(entry)

    sandbox._record = stamped
    return stamps


def peak_per_minute(stamps):
    """Most requests in any 60-second window of ``stamps`` (what a shared
    host's limiter counts, against the backend's request budget)."""
    stamps = sorted(stamps)
    peak = 0
    for i, start in enumerate(stamps):
        peak = max(peak, bisect_right(stamps, start + 60.0, lo=i) - i)
    return peak
