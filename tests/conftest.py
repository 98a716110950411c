"""Fixtures the test files share.

``runner``
    a :class:`click.testing.CliRunner`, as click's own test suite has it.
``shared``, ``ungdc``, ``realdev``
    the shared corpora (the UN General Debate speeches, the real-layout dev texts and their
    gold) outside the repository: at ``$POSITIONS_SHARED`` when it is set, else at
    ``../shared`` beside the repository root. A test that asks for one is skipped, with the
    path it looked at, when that directory is not there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


def shared_root() -> Path:
    """Where the shared corpora are looked for: ``$POSITIONS_SHARED``, else ``../shared``."""
    env = os.environ.get("POSITIONS_SHARED")
    return Path(env).expanduser().resolve() if env else ROOT.parent / "shared"


def _present(path: Path, what: str) -> Path:
    if not path.is_dir():
        pytest.skip(f"{what} not at {path} (set POSITIONS_SHARED to the shared directory)")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared directory (``seeds/``, ``gold/``, ``corpora/``)."""
    return _present(shared_root(), "the shared corpora are")


@pytest.fixture(scope="session")
def ungdc() -> Path:
    """The UN General Debate speeches (``CHN_74_2019.txt`` …)."""
    return _present(shared_root() / "corpora" / "ungdc", "the UN General Debate corpus is")


@pytest.fixture(scope="session")
def realdev() -> Path:
    """The real US and Kremlin texts with their gold (for measuring only)."""
    return _present(shared_root() / "corpora" / "realdev", "the real-layout dev texts are")
