"""The README's main command, end to end: sandbox + Odoo + job runner, run
twice in a row on the same database as a user does."""

import re
import subprocess

from conftest import REPO, free_port


def test_readme_opens_with_the_two_commands():
    text = (REPO / "README.rst").read_text()
    commands = re.findall(r"^\s{4}(make \w+)\s*$", text, re.M)[:2]
    assert commands == ["make demo", "make test"]
    assert "make test" in (REPO / ".ci" / "run").read_text()


def run_demo(db, *extra):
    run = subprocess.run(
        [
            str(REPO / "setup" / "demo"),
            "--db",
            db,
            "--port",
            str(free_port()),
            "--shop-port",
            str(free_port()),
            "--timeout",
            "240",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-3000:]
    # the summary: between the two rules, then the line with the URL
    block = run.stdout.split("=" * 72)
    assert len(block) == 3, run.stdout[-3000:]
    return block[1], block[2].strip()


def test_main_job_twice_same_summary(scratch_db):
    summary, last = run_demo(scratch_db)
    assert last.endswith("login admin, password admin"), last
    assert "http://127.0.0.1:" in last
    assert "Company: Maison Démo SARL, France, chart of accounts fr, EUR" in summary
    assert "admin in fr_FR, Europe/Paris" in summary
    assert "PrestaShop 8.1.2, connected" in summary
    orders = re.search(r"Orders: (\d+) paid order\(s\) of the shop imported", summary)
    assert orders and int(orders.group(1)) >= 5, summary
    assert "TWICE" not in summary
    order_lines = re.findall(r"^\s+[A-Z]{9}\s+\d{4}-\d\d-\d\d .*$", summary, re.M)
    assert len(order_lines) == int(orders.group(1)), summary
    for line in order_lines:
        # the demo's order 11 is in Swiss francs
        assert ("€" in line or "CHF" in line) and "confirmed" in line, line
        assert "(shop: " not in line, f"not dated as in the shop: {line}"
    assert re.search(
        r"free quantities pushed to the shop for [1-9]\d* products", summary
    )
    shipped = re.search(
        r"tracking number (6A0DEMO\d{5}); the shop shows it '[^']+', tracking "
        r"number (\S+); the shop e-mailed (\S+@\S+) \('[^']+', tracking number "
        r"(\S+)\)$",
        summary,
        re.M,
    )
    assert shipped, summary
    # the shop has Odoo's tracking number and e-mailed it to the customer
    assert shipped.group(1) == shipped.group(2) == shipped.group(4), summary
    assert "'T-shirt de démo Odoo' is product" in summary
    assert "references ODOO-DEMO-TSHIRT-M, ODOO-DEMO-TSHIRT-S" in summary
    # amounts as Odoo formats them in French: "28,80 €" (a no-break space)
    price = re.search(r"([\d,]+\s€) incl\. tax \(Odoo: ([\d,]+\s€)\)", summary)
    assert price and price.group(1) == price.group(2), summary
    jobs = re.search(r"Jobs: (\d+) done, (\d+) failed, (\d+) not finished", summary)
    assert jobs, summary
    done, failed, pending = map(int, jobs.groups())
    assert done >= 10 and failed == 0 and pending == 0, summary

    # again: nothing imported twice, the same first day
    again, _last = run_demo(scratch_db)
    assert again == summary
