"""Shared fixtures: where the real-shop recordings are, and sandboxes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from prestashop_sandbox import Sandbox

KEY = "SANDBOXTESTKEY0123456789ABCDEFGH"


def recordings_root() -> Path:
    """``PRESTASHOP_RECORDINGS`` or ``<repo>/../shared/prestashop``."""
    env = os.environ.get("PRESTASHOP_RECORDINGS")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[2]
    return repo.parent / "shared" / "prestashop"


@pytest.fixture(scope="session")
def recordings() -> Path:
    root = recordings_root()
    if not (root / "8.1.2" / "exchanges.jsonl").exists():
        pytest.skip(f"recordings not found in {root}")
    return root


@pytest.fixture(scope="module")
def dump_sandbox(recordings):
    sb = Sandbox(key=KEY, version="8.1.2", seed=recordings / "8.1.2" / "dump").start()
    yield sb
    sb.stop()


@pytest.fixture
def sb(dump_sandbox):
    dump_sandbox.reset()
    return dump_sandbox
