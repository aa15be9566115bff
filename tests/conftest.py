"""Repository-level end-to-end tests: they run the project's own commands
(the main job, the README) as a user would, on real Odoo and PostgreSQL."""

import json
import shutil
import socket
import subprocess
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def scratch_db():
    """A database name dropped after the test."""
    name = f"e2e_{uuid.uuid4().hex[:8]}"
    yield name
    subprocess.run(["dropdb", "--if-exists", "--force", name], capture_output=True)
    filestore = Path.home() / ".local" / "share" / "Odoo" / "filestore" / name
    shutil.rmtree(filestore, ignore_errors=True)


def run_driver(script, timeout):
    """Run ``script`` (Python) with the project's virtualenv, as the README's
    commands do; return the JSON it printed on its last ``RESULT `` line."""
    run = subprocess.run(
        [
            "bash",
            "-c",
            f'eval "$("{REPO}/setup/bootstrap" --print-env)" && '
            'exec "$CONNECTOR_VENV/bin/python" -',
        ],
        input=script,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert run.returncode == 0 and lines, run.stdout[-3000:] + run.stderr[-3000:]
    return json.loads(lines[-1][len("RESULT ") :])
