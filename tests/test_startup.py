"""positions._startup: the command line imports NLTK without numpy and scipy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from positions._startup import running_as_cli


@pytest.mark.parametrize(
    "argv, orig, expected",
    [
        (["/venv/bin/positions", "diff"], ["/venv/bin/python", "/venv/bin/positions", "diff"], True),
        (["C:\\venv\\Scripts\\positions.exe"], [], True),
        (["-m"], ["python", "-m", "positions", "report"], True),
        (["-m"], ["python", "-mpositions"], True),
        (["-m"], ["python", "-X", "importtime", "-W", "ignore", "-m", "positions"], True),
        (["-m"], ["python", "-m", "pytest", "-m", "positions"], False),
        (["-c"], ["python", "-c", "import positions", "-m", "positions"], False),
        (["analysis.py"], ["python", "analysis.py", "-m", "positions"], False),
        (["/venv/bin/pytest"], ["python", "/venv/bin/pytest"], False),
        ([], [], False),
    ],
)
def test_running_as_cli(argv, orig, expected):
    assert running_as_cli(argv, orig) is expected


def _child(code: str, *, as_cli: bool) -> str:
    prelude = "import sys; sys.argv[0] = 'positions'\n" if as_cli else ""
    out = subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_the_command_line_loads_no_scipy_and_leaves_it_importable():
    pytest.importorskip("scipy")
    code = ("import positions, sys\n"
            "print(sorted(m for m in ('numpy', 'scipy') if m in sys.modules))\n"
            "import scipy.stats, numpy\n"
            "print(numpy.__name__, positions.diff_texts('a b', 'a c').ops[0].op)")  # fmt: skip
    assert _child(code, as_cli=True).splitlines() == ["[]", "numpy ="]


def test_a_library_user_gets_nltk_as_installed():
    pytest.importorskip("scipy")
    code = "import positions, sys\nprint('scipy.stats' in sys.modules)"
    assert _child(code, as_cli=False) == "True"
