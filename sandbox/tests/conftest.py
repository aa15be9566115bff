"""Shared fixtures: sandboxes, and where the real-shop recordings are.

Only the contract tests read the recordings (``PRESTASHOP_RECORDINGS`` or
``<repo>/../shared/prestashop``).  Every test that uses the ``recordings``
fixture is marked ``contract`` automatically; without the recordings such a
test FAILS, it is never skipped.  Run the rest without them with
``pytest -m "not contract"``.
"""

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


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "contract: compares the sandbox with real-shop recordings (needs "
        "PRESTASHOP_RECORDINGS or ../shared/prestashop; deselect with "
        '-m "not contract")',
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "recordings" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.contract)


@pytest.fixture(scope="session")
def recordings() -> Path:
    root = recordings_root()
    if not (root / "8.1.2" / "exchanges.jsonl").exists():
        pytest.fail(
            f"contract test: no real-shop recordings in {root} (set "
            'PRESTASHOP_RECORDINGS, or deselect with -m "not contract")',
            pytrace=False,
        )
    return root


@pytest.fixture(scope="module")
def demo_sandbox():
    sb = Sandbox(key=KEY, version="8.1.2", seed="demo").start()
    yield sb
    sb.stop()


@pytest.fixture
def sb(demo_sandbox):
    demo_sandbox.reset()
    return demo_sandbox


@pytest.fixture(scope="module")
def dump_sandbox(recordings):
    sb = Sandbox(key=KEY, version="8.1.2", seed=recordings / "8.1.2" / "dump").start()
    yield sb
    sb.stop()


@pytest.fixture
def dump_sb(dump_sandbox):
    dump_sandbox.reset()
    return dump_sandbox
