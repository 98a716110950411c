"""Every example of the README and of ``--help`` runs from a directory that is not the
repository, against a non-editable install.

The install is built once per session: a wheel of this checkout, installed with
``pip install --target`` into a temporary directory that goes first on ``PYTHONPATH`` (the
test environment's other packages stay visible, as with ``venv --system-site-packages``).
Where the environment already holds a non-editable install of exactly these sources (CI runs
``pip install ".[test]" && pytest`` on a clean clone), that install is used and nothing is
built. Examples run with ``bash`` in a working directory holding the files they name
(``corpus/``, ``speeches/``, ``export.csv``, ``S-PV.8353.pdf``, ...), written here in our own
words; ``curl URL |`` reads a saved page instead (nothing touches the network).
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from pdf_writer import pdf_bytes
from test_sources_pages import VERBATIM

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "positions"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDERS = {"CORPUS", "FILE", "FILES", "PATH", "GOLD", "DIR", "PATTERN", "ID", "N", "NAME", "OLD", "NEW"}


# --------------------------------------------------------------------------------------
# The examples


def help_examples() -> list[str]:
    """The lines of every ``Example:`` block of every command's help, in command order."""
    from positions.cli import main

    found: list[str] = []

    def visit(cmd: click.Command) -> None:
        lines = (cmd.help or "").splitlines()
        for i, line in enumerate(lines):
            if line.strip() == "Example:":
                for ex in lines[i + 1 :]:
                    if not ex.strip():
                        break
                    found.append(ex.strip())
        if isinstance(cmd, click.Group):
            for name in sorted(cmd.commands):
                visit(cmd.commands[name])

    visit(main)
    return found


def readme_examples() -> list[str]:
    """The ``positions`` commands of the README's shell blocks and of its inline code that
    names no placeholder (``positions diff --actor RUS --by year``, not ``positions eval GOLD...``)."""
    found: list[str] = []
    for block in re.findall(r"```sh\n(.*?)\n```", README, re.S):
        for line in block.splitlines():
            found += [part.strip() for part in line.split("&&") if part.strip().startswith("positions")]
    for span in re.findall(r"`(positions [^`]*)`", README):
        words = set(re.findall(r"[A-Za-z_]+", span))
        if not words & PLACEHOLDERS and "..." not in span and "|" not in span and span not in found:
            found.append(span)
    return found


def readme_python() -> str:
    (code,) = re.findall(r"```python\n(.*?)\n```", README, re.S)
    return code


EXAMPLES = list(dict.fromkeys(readme_examples() + help_examples()))


def test_the_examples_are_found():
    assert "positions diff" in EXAMPLES and "positions eval --bundled" in EXAMPLES
    assert "positions lexicon check korean_peninsula" in EXAMPLES
    assert len(help_examples()) >= 30


# --------------------------------------------------------------------------------------
# The install


def _package_dir_from_elsewhere(tmp: Path) -> Path | None:
    """Where ``import positions`` finds the package outside the repository (no PYTHONPATH)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    found = subprocess.run(
        [sys.executable, "-c", "import os, positions; print(os.path.dirname(positions.__file__))"],
        cwd=tmp, env=env, capture_output=True, text=True,
    )  # fmt: skip
    return Path(found.stdout.strip()) if found.returncode == 0 else None


def _same_sources(installed: Path) -> bool:
    """Whether ``installed`` is a non-editable install of exactly this checkout's package."""
    if installed.resolve() == PACKAGE.resolve() or not (installed / "_corpus" / "fixtures" / "gold").is_dir():
        return False
    for src in PACKAGE.rglob("*"):
        if src.is_file() and "__pycache__" not in src.parts and src.suffix not in (".so", ".pyd", ".pyc"):
            other = installed / src.relative_to(PACKAGE)
            if not other.is_file() or not filecmp.cmp(src, other, shallow=False):
                return False
    return True


def _build_and_install(tmp: Path) -> Path:
    """A wheel of this checkout, installed into ``tmp/site``; returns that directory."""
    src = tmp / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "*.pyc", "build")
    shutil.copytree(PACKAGE, src / "positions", ignore=ignore)
    for d in ("seeds", "fixtures/korea", "fixtures/gold"):
        shutil.copytree(ROOT / d, src / d, ignore=ignore)
    for f in ("pyproject.toml", "README.md", "hatch_build.py"):
        shutil.copy2(ROOT / f, src / f)
    try:
        import hatchling  # noqa: F401  (the build backend is here: build without the network)

        isolation = ["--no-build-isolation"]
    except ImportError:
        isolation = []
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", *isolation, "-w", str(tmp / "wheels"), str(src)],
                   check=True, cwd=tmp, capture_output=True)  # fmt: skip
    (wheel,) = (tmp / "wheels").glob("positions-*.whl")
    site = tmp / "site"
    subprocess.run([*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
                   check=True, cwd=tmp, capture_output=True)  # fmt: skip
    return site


@pytest.fixture(scope="session")
def installed(tmp_path_factory) -> dict[str, str]:
    """The environment of a shell whose ``positions`` is a non-editable install."""
    tmp = tmp_path_factory.mktemp("install")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NO_COLOR")}
    found = _package_dir_from_elsewhere(tmp)
    if found is None or not _same_sources(found):
        env["PYTHONPATH"] = str(_build_and_install(tmp))
    shims = tmp / "bin"  # `positions` runs this interpreter, whatever else is on PATH
    shims.mkdir()
    (shims / "positions").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m positions "$@"\n')
    (shims / "positions").chmod(0o755)
    env["PATH"] = f"{shims}{os.pathsep}{env.get('PATH', '')}"
    where = subprocess.run(["positions", "--version"], env=env, cwd=tmp, capture_output=True, text=True)
    assert where.returncode == 0, where.stderr
    return env


# --------------------------------------------------------------------------------------
# The directory the examples run in: the files they name, in our own words

SPEECH = """Mr. President,

China congratulates you on your election. {year_line}

On the Korean Peninsula, China stays committed to the denuclearization of the Peninsula and to
peace and stability there. {middle}

China will keep working with all parties for a political settlement through dialogue.
"""

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Spokesperson's remarks</title>
<meta property="article:published_time" content="2021-09-24"></head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Spokesperson's remarks on the Korean Peninsula</h1>
<p>BEIJING, September 24 -- Foreign Ministry Spokesperson Zhao Lijian said on Friday that China
supports a phased and synchronized approach to the issue of the Korean Peninsula.</p>
<p>He added that all parties should address their concerns through dialogue and consultation.</p>
</article><footer>Share this page</footer></body></html>
"""

EXPORT_ROWS = [
    ("2019-06-30", "Example Wire", "Talks at the border",
     'SEOUL (Example Wire) - "We want a step-by-step approach," the South Korean minister said.'),
    ("2020-01-15", "Example Wire", "A new year message",
     "MOSCOW (Example Wire) - Russia said it backs the resumption of dialogue between the parties."),
]  # fmt: skip


def _gold_for(name: str, corpus: str) -> dict:
    data = json.loads((ROOT / "fixtures" / "gold" / name).read_text(encoding="utf-8"))
    data["article"] = f"../{corpus}/{Path(data['article']).name}"
    return data


@pytest.fixture(scope="session")
def workdir(tmp_path_factory, installed) -> Path:
    import csv

    work = tmp_path_factory.mktemp("work")
    shutil.copytree(ROOT / "fixtures" / "korea", work / "corpus")
    (work / "more").mkdir()
    for md in sorted((ROOT / "fixtures" / "korea").glob("*.md"))[:3]:
        shutil.copy2(md, work / "more" / md.name)
    shutil.copy2(ROOT / "seeds" / "000_1792fb935fd71937.txt", work / "statement.txt")
    shutil.copy2(PACKAGE / "data" / "lexicons" / "korean_peninsula.toml", work / "my_lexicon.toml")
    (work / "speeches").mkdir()
    speeches = {
        "CHN_73_2018.txt": SPEECH.format(
            year_line="This year, the parties met and talked.",
            middle="We support a step-by-step approach and reciprocal steps by all sides."),
        "CHN_74_2019.txt": SPEECH.format(
            year_line="This year, the talks stalled.",
            middle="We support a phased and synchronized approach, and the easing of sanctions."),
    }  # fmt: skip
    for name, text in speeches.items():
        (work / name).write_text(text, encoding="utf-8")
        (work / "speeches" / name).write_text(text, encoding="cp1252")  # read with --encoding auto
    (work / "new").mkdir()  # a speech of the next year, for `positions novelty new/*.txt`
    (work / "new" / "CHN_75_2020.txt").write_text(SPEECH.format(
        year_line="This year, the talks stayed stalled.",
        middle="We support a dual-track approach and a freeze for freeze."), encoding="utf-8")  # fmt: skip
    (work / "page.html").write_text(PAGE, encoding="utf-8")
    with (work / "export.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["date", "source", "title", "body"])
        w.writerows(EXPORT_ROWS)
    (work / "S-PV.8353.pdf").write_bytes(pdf_bytes(VERBATIM, title="S/PV.8353"))
    (work / "my_gold").mkdir()
    for name in ("2018-05-31-tass-lavrov-pyongyang.gold.json", "2019-04-25-tass-putin-vladivostok.gold.json"):
        (work / "my_gold" / name).write_text(json.dumps(_gold_for(name, "corpus")), encoding="utf-8")
    made = _run("positions ingest corpus/ --db corpus.db", work, installed)
    assert made.returncode == 0, made.stderr
    return work


@pytest.fixture(scope="session")
def runs(workdir, installed) -> dict[str, subprocess.CompletedProcess]:
    """Every example's run: those that write a store first, one at a time, then the others
    side by side (each is a process of its own; most of their time is starting Python)."""
    from concurrent.futures import ThreadPoolExecutor

    writers = [c for c in EXAMPLES if c.startswith("positions ingest")]
    out = {c: _run(c, workdir, installed) for c in writers}
    others = [c for c in EXAMPLES if c not in out]
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        out.update(zip(others, pool.map(lambda c: _run(c, workdir, installed), others)))
    return out


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = re.sub(r"^curl -s \S+ \|", "cat page.html |", command)  # no network in tests
    return subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


# --------------------------------------------------------------------------------------
# The runs


def test_the_package_is_the_installed_one(workdir, installed):
    where = subprocess.run([sys.executable, "-c", "import positions; print(positions.__file__)"],
                           cwd=workdir, env=installed, capture_output=True, text=True)  # fmt: skip
    assert where.returncode == 0 and ROOT not in Path(where.stdout.strip()).parents, where.stdout


@pytest.mark.parametrize("command", EXAMPLES)
def test_example_runs_from_any_directory(command, runs, workdir):
    result = runs[command]
    assert result.returncode == 0, f"{command}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert "site-packages" not in result.stdout, "an installed path reached the output"
    target = re.search(r">\s*(\S+)\s*$", command)
    if target:
        assert (workdir / target.group(1)).stat().st_size > 0
    elif "--out" not in command:
        assert result.stdout.strip(), f"{command}: no output"


def test_readme_library_snippet_runs_from_any_directory(workdir, installed):
    result = subprocess.run([sys.executable, "-c", readme_python()], cwd=workdir, env=installed,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last == "[('=', 'Russia backs a '), ('-', 'step-by-step'), ('+', 'phased and synchronized'), ('=', ' approach.')]"
