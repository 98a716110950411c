"""Docs that cannot drift: the CLI reference is generated from --help and must be current."""

from __future__ import annotations

import re
from pathlib import Path

from positions.cli._reference import render_reference

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_is_current():
    checked_in = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert checked_in == render_reference(), (
        "docs/cli.md is stale: run `python -m positions.cli._reference > docs/cli.md`"
    )


def test_readme_quickstart_is_the_ci_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme.split("## Quickstart", 1)[1], re.S)
    assert blocks[:2] == ["pip install . && positions diff", 'pip install ".[test]" && pytest']
    assert "set -euo pipefail" in ci and blocks[1] in ci.splitlines()


def test_docs_links_resolve():
    for page in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
            assert (page.parent / target).exists(), f"{page.name}: broken link {target}"


def test_example_report_is_current(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from positions.cli import main

    monkeypatch.chdir(ROOT)  # the documented command runs from the repository root
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", "--format", "markdown", "--out", str(out)])
    assert result.exit_code == 0, result.output
    made = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.md"))}
    checked_in = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "report").glob("*.md"))}
    stale = sorted(name for name in made.keys() | checked_in.keys() if made.get(name) != checked_in.get(name))
    assert not stale, (
        f"docs/report is stale ({', '.join(stale)}): run `positions report --format markdown --out docs/report`"
    )


def _diff_blocks() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What `positions diff` shows", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.*?)\n```", section, re.S)


def test_readme_quotes_the_first_30_lines_of_positions_diff(monkeypatch):
    from click.testing import CliRunner

    from positions.cli import main

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["diff"])
    assert result.exit_code == 0, result.output
    first, hint = _diff_blocks()[:2]
    assert first.splitlines() == result.stdout.splitlines()[:30], "README's first 30 lines of `positions diff` are stale"
    assert hint == result.stderr.strip().splitlines()[-1]


def test_readme_diff_excerpt_is_what_positions_diff_prints(monkeypatch):
    from click.testing import CliRunner

    from positions.cli import main

    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["diff", "--actor", "RUS", "--by", "year"])
    assert result.exit_code == 0, result.output
    excerpt = _diff_blocks()[2]
    quoted = [line for line in excerpt.splitlines() if line.strip() and "..." not in line]
    assert len(quoted) > 15
    stale = [line for line in quoted if line not in result.stdout.splitlines()]
    assert not stale, f"README's positions diff excerpt no longer matches the output: {stale}"
