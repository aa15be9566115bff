"""Standalone server::

    python -m prestashop_sandbox --port N --key KEY [--seed-dump DIR]
        [--seed-size N] [--version 8.1.2|9.0.0]

Listens on 127.0.0.1 only and logs one line per request (never the key)."""

from __future__ import annotations

import argparse
import logging
import signal
import threading

from .sandbox import Sandbox


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="prestashop_sandbox")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--seed-dump", help="a shop dump directory (display=full)")
    ap.add_argument("--seed-size", type=int, help="a generated shop of N products")
    ap.add_argument("--version", default="8.1.2", choices=["8.1.2", "9.0.0"])
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    seed = args.seed_dump or (args.seed_size if args.seed_size else "demo")
    sb = Sandbox(key=args.key, version=args.version, seed=seed, port=args.port).start()
    logging.getLogger("prestashop_sandbox").info(
        "PrestaShop %s sandbox on %s/api/", args.version, sb.url
    )
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: done.set())
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
    sb.stop()
    return 0
