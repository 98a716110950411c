"""``mypy --strict positions/`` finds no error outside the modules of the allow-list
(``tests/data/mypy_allow.txt``), and the allow-list names no module that is clean.

mypy runs once per test session, with its cache in a temporary directory and the
``[tool.mypy]`` settings of ``pyproject.toml`` (which relax only untyped third-party modules).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy", reason="mypy is not installed (it comes with the test extra: pip install '.[test]')")

ROOT = Path(__file__).resolve().parent.parent
ALLOW = ROOT / "tests" / "data" / "mypy_allow.txt"
_ERROR_RE = re.compile(r"^(positions[/\\][^:]+\.pyi?):\d+(?::\d+)?: error: ")


def _module(path: str) -> str:
    """``positions/cli/diff.py`` -> ``positions.cli.diff``; a package's ``__init__`` is the
    package."""
    parts = path.replace("\\", "/").rsplit(".", 1)[0].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _covers(entry: str, module: str) -> bool:
    return module == entry or module.startswith(entry + ".")


def _allowed() -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in ALLOW.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


@pytest.fixture(scope="session")
def mypy_errors(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Each module with errors -> its error lines."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", "pyproject.toml", "--cache-dir", str(cache),
         "--no-error-summary", "--no-pretty", "--no-color-output", "positions/"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode not in (0, 1):  # 2: mypy itself failed (a crash, a bad option)
        pytest.fail(f"mypy did not run (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    errors: dict[str, list[str]] = {}
    for line in proc.stdout.splitlines():
        m = _ERROR_RE.match(line)
        if m:
            errors.setdefault(_module(m.group(1)), []).append(line)
    if proc.returncode == 1 and not errors:
        pytest.fail(f"mypy failed without an error line this test reads:\n{proc.stdout}{proc.stderr}")
    return errors


def test_no_mypy_error_outside_the_allow_list(mypy_errors: dict[str, list[str]]) -> None:
    allowed = _allowed()
    new = [line for module, lines in sorted(mypy_errors.items())
           if not any(_covers(a, module) for a in allowed) for line in lines]  # fmt: skip
    assert not new, "mypy --strict errors in modules that were clean:\n" + "\n".join(new)


def test_allow_list_names_only_modules_with_errors(mypy_errors: dict[str, list[str]]) -> None:
    clean = [a for a in _allowed() if not any(_covers(a, module) for module in mypy_errors)]
    assert not clean, f"clean now, take them off {ALLOW.relative_to(ROOT)}: {', '.join(clean)}"


def test_module_names():
    assert _module("positions/cli/diff.py") == "positions.cli.diff"
    assert _module("positions\\actors\\__init__.py") == "positions.actors"
    assert _covers("positions.cli", "positions.cli.diff") and not _covers("positions.cli", "positions.clip")
