"""Benchmark of the sandbox: ``python -m prestashop_sandbox.bench [--size N]``.

Why: connector tests run hundreds of requests against the sandbox and the
paging tests read a 10,000-product shop, so the sandbox must stay far below
the real shop's latency (tens of ms per request). This prints what it costs:
building the generated shop (time, memory), loading it into a Sandbox, and
real HTTP requests on 127.0.0.1 through ``requests`` (median, p95, req/s),
then one verdict line per target. It always exits 0: it measures, it does not
gate.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable

TARGET_SINGLE_MS = 2.0
TARGET_PAGE_MS = 1000.0


def rss_mb() -> float:
    """Resident memory of this process (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            pages = int(handle.read().split()[1])
    except OSError:
        return 0.0
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def measure_build(size: int) -> dict:
    """Seed build time (no tracing) and its traced peak (a second build)."""
    from .seeds.generator import build_large

    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    shop = build_large(size)
    seconds = time.perf_counter() - started
    rss = rss_mb() - before
    records = sum(len(rows) for rows in shop.values())
    del shop
    gc.collect()
    tracemalloc.start()
    build_large(max(1, size // 10))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": seconds,
        "rss_mb": rss,
        "records": records,
        "traced_peak_mb_tenth": peak / 2**20,
    }


def timings(call: Callable[[], object], count: int) -> list[float]:
    """Wall-clock milliseconds of ``count`` calls, after one warm-up call."""
    call()
    out = []
    for _ in range(count):
        started = time.perf_counter()
        call()
        out.append((time.perf_counter() - started) * 1000)
    return out


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def http_checks(sandbox, repeat: int) -> list[tuple[str, list[float], int]]:
    """(label, samples, bytes of one answer) for each request kind."""
    import requests

    session = requests.Session()
    session.auth = (sandbox.key, "")
    base = sandbox.url.rstrip("/") + "/api/"

    def getter(path: str, params: dict | None = None) -> tuple[Callable, int]:
        def call() -> requests.Response:
            response = session.get(base + path, params=params, timeout=60)
            if response.status_code != 200:
                raise RuntimeError(f"{path} {params}: HTTP {response.status_code}")
            return response

        return call, len(call().content)

    checks = (
        ("GET products/1 (XML)", "products/1", None, repeat),
        ("GET products/1 (JSON)", "products/1", {"output_format": "JSON"}, repeat),
        ("products full 0,1000 XML", "products",
         {"display": "full", "limit": "0,1000"}, 5),
        ("products full 0,1000 JSON", "products",
         {"display": "full", "limit": "0,1000", "output_format": "JSON"}, 5),
        ("filter orders id_customer", "orders",
         {"display": "full", "filter[id_customer]": "[42]"}, 20),
        ("filter products reference", "products",
         {"display": "[id,reference]", "filter[reference]": "[GEN-004242]"}, 20),
        ("filter products name LIKE", "products",
         {"display": "[id]", "filter[name]": "%[candle 99]%", "language": "1"}, 10),
    )  # fmt: skip
    results = []
    for label, path, params, count in checks:
        call, size = getter(path, params)
        results.append((label, timings(call, count), size))
    return results


def print_table(build: dict, load_seconds: float, load_rss: float, results) -> None:
    print(f"{'measure':34} {'median':>10} {'p95':>10} {'req/s':>8} {'bytes':>10}")
    print("-" * 76)
    print(f"{'build_large seed':34} {build['seconds'] * 1000:>8.0f}ms"
          f" {'':>10} {'':>8} {build['records']:>10} records")  # fmt: skip
    print(f"{'  memory (RSS growth)':34} {build['rss_mb']:>8.0f}MB")
    print(f"{'  tracemalloc peak, size/10':34} {build['traced_peak_mb_tenth']:>8.0f}MB")
    print(f"{'Sandbox(seed=size) load':34} {load_seconds * 1000:>8.0f}ms"
          f" {'':>10} {'':>8} RSS +{load_rss:.0f}MB")  # fmt: skip
    for label, samples, size in results:
        median, p95 = summary(samples)
        rate = 1000 / statistics.mean(samples)
        print(f"{label:34} {median:>8.2f}ms {p95:>8.2f}ms {rate:>8.0f} {size:>10}")


def verdicts(results, build: dict) -> list[str]:
    by_label = {label: summary(samples) for label, samples, _size in results}
    lines = []
    median, _p95 = by_label["GET products/1 (XML)"]
    lines.append(_verdict(f"GET products/1 median < {TARGET_SINGLE_MS} ms",
                          median < TARGET_SINGLE_MS, f"{median:.2f} ms"))  # fmt: skip
    median, _p95 = by_label["products full 0,1000 XML"]
    lines.append(_verdict(f"display=full 1000 products < {TARGET_PAGE_MS:.0f} ms",
                          median < TARGET_PAGE_MS, f"{median:.0f} ms"))  # fmt: skip
    median, _p95 = by_label["products full 0,1000 JSON"]
    lines.append(_verdict(f"JSON page of 1000 products < {TARGET_PAGE_MS:.0f} ms",
                          median < TARGET_PAGE_MS, f"{median:.0f} ms"))  # fmt: skip
    lines.append(_verdict("seed build < 10 s", build["seconds"] < 10,
                          f"{build['seconds']:.1f} s"))  # fmt: skip
    return lines


def _verdict(target: str, ok: bool, value: str) -> str:
    return f"{'PASS' if ok else 'MISS'}  {target}: {value}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="products")
    parser.add_argument("--repeat", type=int, default=300, help="single GETs")
    args = parser.parse_args(argv)

    from . import Sandbox

    print(f"prestashop_sandbox bench: {args.size} products, "
          f"{args.size * 10} orders, {args.size * 2} customers")  # fmt: skip
    build = measure_build(args.size)
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    sandbox = Sandbox(key="BENCHKEY" * 4, version="8.1.2", seed=args.size)
    load_seconds = time.perf_counter() - started
    load_rss = rss_mb() - before
    sandbox.start()
    try:
        results = http_checks(sandbox, max(200, args.repeat))
    finally:
        sandbox.stop()
    print_table(build, load_seconds, load_rss, results)
    print()
    for line in verdicts(results, build):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
