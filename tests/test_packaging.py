"""Both addons build as ``odoo-addon-*`` wheels whose metadata carries the
manifest's dependencies (what pip needs to install them)."""

import subprocess
import sys
import zipfile

from conftest import REPO


def test_addons_build_as_wheels(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(REPO / "connector_prestashop"),
            str(REPO / "connector_prestashop_catalog"),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheels = {p.name.split("-")[0]: p for p in tmp_path.glob("*.whl")}
    assert set(wheels) == {
        "odoo_addon_connector_prestashop",
        "odoo_addon_connector_prestashop_catalog",
    }
    with zipfile.ZipFile(wheels["odoo_addon_connector_prestashop"]) as whl:
        meta = next(n for n in whl.namelist() if n.endswith("METADATA"))
        text = whl.read(meta).decode()
        assert "Requires-Dist: odoo-addon-connector==18.0.*" in text
        assert "Requires-Dist: odoo-addon-queue_job==18.0.*" in text
        assert any(
            n.endswith("connector_prestashop/__manifest__.py") for n in whl.namelist()
        )
