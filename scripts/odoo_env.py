"""Open an Odoo registry in-process, with the project's addons path (shared
by the main job and the benchmark)."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def addons_path():
    import odoo.addons

    src = Path(os.environ["ODOO_SRC"])
    oca = next(p for p in odoo.addons.__path__ if "site-packages" in p)
    return ",".join(map(str, [src / "addons", src / "odoo" / "addons", oca, REPO]))


def registry(db, log_level="warn"):
    import odoo

    args = ["-d", db, f"--addons-path={addons_path()}", f"--log-level={log_level}"]
    for var, opt in (("PGHOST", "--db_host"), ("PGPORT", "--db_port")):
        if os.environ.get(var):
            args.append(f"{opt}={os.environ[var]}")
    odoo.tools.config.parse_config(args)
    return odoo.modules.registry.Registry(db)
