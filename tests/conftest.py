"""Repository-level end-to-end tests: they run the project's own commands
(the main job, the README) as a user would, on real Odoo and PostgreSQL."""

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
    subprocess.run(["dropdb", "--if-exists", name], capture_output=True)
