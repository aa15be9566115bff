"""Both addons build as ``odoo-addon-*`` wheels whose metadata carries the
manifest's dependencies (what pip needs to install them); their strings
reach the translators."""

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


def test_every_translatable_string_is_extracted():
    """Odoo's export (``--i18n-export``) reads each Python file with Babel's
    extractor, which evaluates the string arguments of every ``_()`` call:
    an f-string among them stops it, and the rest of that file's strings
    silently leave the .pot (and the translators' files)."""
    from babel.messages.extract import extract_python

    failures = []
    for addon in ("connector_prestashop", "connector_prestashop_catalog"):
        for path in sorted((REPO / addon).rglob("*.py")):
            try:
                with path.open("rb") as source:
                    list(extract_python(source, ["_"], [], {}))
            except Exception as error:  # noqa: BLE001 - any stop loses strings
                failures.append(f"{path.relative_to(REPO)}: {error}")
    assert not failures, failures
