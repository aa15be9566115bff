"""Open an Odoo registry in-process, with the project's addons path (shared
by the main job and the benchmark)."""

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def addons_path():
    import odoo.addons

    src = Path(os.environ["ODOO_SRC"])
    oca = next(p for p in odoo.addons.__path__ if "site-packages" in p)
    return ",".join(map(str, [src / "addons", src / "odoo" / "addons", oca, REPO]))


_CONFIGURED = []


def configure(db, log_level="warn"):
    """Odoo's configuration for this process (addons path, database): once
    (Odoo's database creation leaves options that a second parse rejects)."""
    import odoo

    if _CONFIGURED:
        return
    _CONFIGURED.append(db)
    args = ["-d", db, f"--addons-path={addons_path()}", f"--log-level={log_level}"]
    for var, opt in (("PGHOST", "--db_host"), ("PGPORT", "--db_port")):
        if os.environ.get(var):
            args.append(f"{opt}={os.environ[var]}")
    odoo.tools.config.parse_config(args)


def open_registry(db, log_level="warn"):
    import odoo

    configure(db, log_level)
    return odoo.modules.registry.Registry(db)


def odoo_cmd(*args):
    return [str(REPO / "setup" / "odoo"), *args]


def db_exists(name):
    out = subprocess.run(
        [
            "psql",
            "-d",
            "postgres",
            "-tAc",
            f"select 1 from pg_database where datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def db_has_addons(name):
    out = subprocess.run(
        [
            "psql",
            "-d",
            name,
            "-tAc",
            "select count(*) from ir_module_module where state = 'installed' and "
            "name in ('connector_prestashop', 'connector_prestashop_catalog')",
        ],
        capture_output=True,
        text=True,
    )
    return out.returncode == 0 and out.stdout.strip() == "2"


def prepare_database(db, log=print):
    """Create the database with both addons, or update them (the code may
    have changed since the last run)."""
    if not db_exists(db):
        subprocess.run(["createdb", db], check=True)
    mode = "-u" if db_has_addons(db) else "-i"
    log(f"{'updating' if mode == '-u' else 'installing'} the addons in database {db}")
    started = time.monotonic()
    run_odoo(
        "installing the addons",
        "-d",
        db,
        mode,
        "connector_prestashop,connector_prestashop_catalog",
        "--without-demo=all",
    )
    log(f"database ready in {time.monotonic() - started:.0f} s")


def run_odoo(what, *args):
    """``odoo-bin *args --stop-after-init`` (warnings only); stops the script
    saying ``what`` failed, with the end of Odoo's output."""
    run = subprocess.run(
        odoo_cmd(*args, "--stop-after-init", "--log-level=warn"),
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        sys.stderr.write(run.stdout[-4000:] + run.stderr[-4000:])
        raise SystemExit(f"{what} failed")
