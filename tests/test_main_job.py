"""The README's main command, end to end: sandbox + Odoo + job runner."""

import re
import subprocess

from conftest import REPO, free_port


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.rst").read_text()
    commands = re.findall(r"^\s{4}(make \w+)\s*$", text, re.M)[:2]
    assert commands == ["make demo", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_main_job_end_to_end(scratch_db):
    run = subprocess.run(
        [
            str(REPO / "setup" / "demo"),
            "--db",
            scratch_db,
            "--port",
            str(free_port()),
            "--shop-port",
            str(free_port()),
            "--timeout",
            "240",
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    out = run.stdout
    assert run.returncode == 0, out[-3000:] + run.stderr[-3000:]
    assert "Backend Demo shop (sandbox): Connected, PrestaShop 8.1.2" in out
    assert "Languages mapped: en_US, fr_FR" in out
    assert "Currencies mapped: EUR" in out
    jobs = re.search(r"jobs: (\d+) done, (\d+) failed, (\d+) not finished", out)
    assert jobs, out
    done, failed, pending = map(int, jobs.groups())
    assert done >= 10 and failed == 0 and pending == 0, out
