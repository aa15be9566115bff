"""The demo's database: a French company on its first day, made fresh at
every run of the demo.

A template database is built once per version of the code (the addons, this
file, the Odoo source): Odoo's own "create database" (``base`` with the French
language and its translations, company in France, administrator in French,
Europe/Paris), then the addons and Odoo's French chart of accounts
(``l10n_fr_account``: EUR, the French taxes), as a merchant would install them.
Each run copies it (``CREATE DATABASE ... TEMPLATE`` and the filestore, as
Odoo's "duplicate database" does): seconds instead of minutes, and every run
starts from the same first day.

A database is only ever dropped when the demo made it (a marker parameter).
"""

import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path

from odoo_env import REPO, run_odoo

ADDONS = ("l10n_fr_account", "connector_prestashop", "connector_prestashop_catalog")
TEMPLATE_PREFIX = "prestashop_demo_tmpl_"
#: ir.config_parameter set in every database the demo makes (may be dropped)
MARKER = "connector_prestashop.demo_database"
#: l10n_fr_account's sale taxes on goods at 10, 5.5 and 2.1 % (20 % is active),
#: and their tax-included twins, which a shop selling to consumers (prices
#: shown tax included) books its orders with
VAT_RATES = (
    "tva_intermediaire",
    "tva_reduite",
    "tva_super_reduite",
    "tva_normale_ttc",
    "tva_intermediaire_ttc",
    "tva_reduite_ttc",
    "tva_super_reduite_ttc",
)
COMPANY = {
    "name": "Maison Démo SARL",
    "street": "12 rue des Artisans",
    "zip": "69002",
    "city": "Lyon",
}


def psql(db, sql):
    out = subprocess.run(
        ["psql", "-d", db, "-tAc", sql], capture_output=True, text=True
    )
    return out.stdout.strip() if out.returncode == 0 else None


def db_exists(name):
    return (
        psql("postgres", f"select 1 from pg_database where datname = '{name}'") == "1"
    )


def made_by_demo(name):
    """The demo's marker, or (databases of earlier versions of the demo) a
    backend of the sandbox's demo shop and nothing else."""
    if psql(name, f"select value from ir_config_parameter where key = '{MARKER}'"):
        return True
    backends = psql(
        name,
        "select count(*), count(*) filter (where name = 'Demo shop (sandbox)') "
        "from prestashop_backend",
    )
    return bool(backends) and backends.split("|")[0] == backends.split("|")[1] != "0"


def _digest(files, *extra):
    digest = hashlib.sha1()
    for value in extra:
        digest.update(value)
    for path in sorted(files):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def base_stamp():
    """Names the template: Odoo, the virtualenv, this file."""
    venv = Path(os.environ.get("CONNECTOR_VENV", REPO / ".venv")) / ".connector-stamp"
    return _digest(
        [Path(__file__).resolve()],
        os.environ.get("ODOO_SRC", "").encode(),
        venv.read_bytes() if venv.exists() else b"",
    )


def addons_stamp():
    """The addons' code: a copy of an older template gets them updated."""
    files = []
    for addon in ("connector_prestashop", "connector_prestashop_catalog"):
        files += (REPO / addon).rglob("*")
    return _digest(files)


def drop(name):
    import odoo
    from odoo.modules.registry import Registry

    Registry.delete(name)
    odoo.sql_db.close_db(name)
    subprocess.run(["dropdb", "--if-exists", "--force", name], check=True)
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def build_template(name, log):
    """Odoo's "create database" in French for France, then the addons."""
    import odoo
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.service import db as db_service

    started = time.monotonic()
    log("building the demo's French database (once per version of the code)")
    # what Odoo's database manager does for "French / France": base with the
    # French translations, company in France (EUR), administrator in French,
    # Europe/Paris
    db_service._create_empty_database(name)
    db_service._initialize_db(None, name, False, "fr_FR", "admin", "admin", "fr")
    Registry.delete(name)
    run_odoo(
        "installing the addons",
        "-d",
        name,
        "-i",
        ",".join(ADDONS),
        "--without-demo=all",
    )
    registry = Registry.new(name)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        admin = env.ref("base.user_admin")
        problems = [
            what
            for what, ok in (
                ("French language", env.ref("base.lang_fr").active),
                ("administrator in French", admin.lang == "fr_FR"),
                ("company in France", company.country_id == env.ref("base.fr")),
                ("French chart of accounts", company.chart_template == "fr"),
                ("EUR", company.currency_id == env.ref("base.EUR")),
            )
            if not ok
        ]
        if problems:
            raise SystemExit(f"the demo database is not French: {', '.join(problems)}")
        company.write(COMPANY)
        # stock named its warehouse after the company before it was renamed
        env.ref("stock.warehouse0").name = COMPANY["name"]
        # the chart's sale VAT rates the shop sells at, activated as the
        # accountant does (Odoo activates only 20 %)
        chart = env["account.chart.template"].with_company(company)
        for xmlid in VAT_RATES:
            chart.ref(xmlid).active = True
        admin.tz = "Europe/Paris"
        env["ir.config_parameter"].set_param(MARKER, addons_stamp())
    Registry.delete(name)
    odoo.sql_db.close_db(name)
    log(f"French database built in {time.monotonic() - started:.0f} s")


def ensure_template(log):
    name = TEMPLATE_PREFIX + base_stamp()
    if db_exists(name):
        return name
    for old in (
        psql(
            "postgres",
            f"select datname from pg_database where datname like '{TEMPLATE_PREFIX}%'",
        )
        or ""
    ).split():
        if "_building_" not in old:
            drop(old)  # an older version of the code
    building = f"{name}_building_{os.getpid()}"
    try:
        build_template(building, log)
        import odoo

        moved = subprocess.run(
            [
                "psql",
                "-d",
                "postgres",
                "-c",
                f'alter database "{building}" rename to "{name}"',
            ],
            capture_output=True,
            text=True,
        )
        if moved.returncode == 0:
            target = odoo.tools.config.filestore(name)
            # a filestore left by a template dropped without it is stale
            shutil.rmtree(target, ignore_errors=True)
            os.rename(odoo.tools.config.filestore(building), target)
        elif not db_exists(name):  # else: another run built it meanwhile
            raise SystemExit(f"cannot rename {building}: {moved.stderr}")
    finally:
        if db_exists(building):
            drop(building)
    return name


def fresh_database(db, log):
    """Drop the demo database of an earlier run (only one the demo made) and
    copy the template into it.  Returns what the summary says about it."""
    from odoo.service import db as db_service

    if db.startswith(TEMPLATE_PREFIX):
        raise SystemExit(f"{db} is the demo's template: pass another --db")
    earlier = db_exists(db)
    if earlier and not made_by_demo(db):
        raise SystemExit(
            f"database {db} exists and was not made by the demo: it is left alone "
            "(pass --db NAME for another database)"
        )
    template = ensure_template(log)
    if earlier:
        drop(db)
    for attempt in range(5):  # two runs may copy the template at the same time
        try:
            db_service.exp_duplicate_database(template, db)
            break
        except Exception:  # noqa: BLE001 - "source database is being accessed"
            if attempt == 4 or db_exists(db):
                raise
            time.sleep(2)
    from odoo.modules.registry import Registry

    Registry.delete(db)
    stamp = addons_stamp()
    if (
        psql(db, f"select value from ir_config_parameter where key = '{MARKER}'")
        != stamp
    ):
        update_addons(db, stamp, log)
    return earlier


def update_addons(db, stamp, log):
    """The addons changed since the template was built: update them."""
    log("updating the addons (their code changed since the template was built)")
    started = time.monotonic()
    run_odoo(
        "updating the addons",
        "-d",
        db,
        "-u",
        "connector_prestashop,connector_prestashop_catalog",
    )
    psql(db, f"update ir_config_parameter set value = '{stamp}' where key = '{MARKER}'")
    log(f"addons updated in {time.monotonic() - started:.0f} s")
