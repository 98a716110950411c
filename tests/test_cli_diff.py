"""`positions diff` end to end: file pairs, corpus snapshots, formats, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from positions.cli import main

UNGDC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ungdc"

OLD = "MOSCOW, March 1. /TASS/. Russia backs a step-by-step approach to the Korean Peninsula issue and the resumption of dialogue, Foreign Minister Sergei Lavrov said.\n"
NEW = "MOSCOW, March 2. /TASS/. Russia backs a phased and synchronized approach to the Korean Peninsula issue and the resumption of dialogue, Foreign Minister Sergei Lavrov said.\n"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def pair(tmp_path):
    a, b = tmp_path / "old.txt", tmp_path / "new.txt"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(NEW, encoding="utf-8")
    return str(a), str(b)


def test_file_pair_json(runner, pair):
    r = runner.invoke(main, ["diff", *pair, "--format", "json", "--year", "2021"])
    assert r.exit_code == 0, r.output + r.stderr
    data = json.loads(r.output)
    data = data if isinstance(data, list) else [data]
    rus = [d for d in data if d["actor"] == "RUS"][0]
    assert rus["old"]["kind"] == "article" and rus["old"]["articles"][0]["path"] == pair[0]
    ops = [op for p in rus["pairs"] for op in p["ops"]]
    assert ["-", "step-by-step"] in ops and ["+", "phased and synchronized"] in ops
    assert "phased" in rus["kept"] + rus["gained"]


def test_stdin_as_new(runner, pair):
    r = runner.invoke(main, ["diff", pair[0], "-", "--year", "2021"], input=NEW)
    assert r.exit_code == 0, r.output + r.stderr
    assert "[-step-by-step-]{+phased and synchronized+}" in r.output


def test_same_input_same_bytes_in_every_format(runner, pair):
    for fmt in ("text", "markdown", "html", "json"):
        args = ["diff", *pair, "--format", fmt, "--year", "2021"]
        first = runner.invoke(main, args)
        assert first.exit_code == 0, first.stderr
        assert first.stdout_bytes == runner.invoke(main, args).stdout_bytes


def test_file_against_itself_has_no_changes(runner, pair):
    r = runner.invoke(main, ["diff", pair[0], pair[0], "--format", "json", "--year", "2021"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    for d in data if isinstance(data, list) else [data]:
        assert d["gained"] == d["dropped"] == [] and d["shifts"] == []
        assert all(op == "=" for p in d["pairs"] for op, _ in p["ops"])


def test_no_colour_when_piped(runner, pair):
    r = runner.invoke(main, ["diff", *pair, "--year", "2021"])
    assert "\x1b[" not in r.output


def test_bundled_corpus_by_year(runner):
    r = runner.invoke(main, ["diff", "--actor", "RUS", "--by", "year", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.output)
    assert isinstance(data, list) and len(data) >= 2
    keys = [(d["old"]["period"], d["new"]["period"]) for d in data]
    assert all(o < n for o, n in keys)
    assert all(keys[i][1] == keys[i + 1][0] for i in range(len(keys) - 1))


@pytest.mark.parametrize(
    "args, message",
    [
        (["diff", "no/such/file.txt", "--actor", "RUS"], "no/such/file.txt"),
        (["diff", "--actor", "XYZ"], "unknown actor 'XYZ'"),
        (["diff", "--actor", "RUS", "--from", "2020", "--to", "2019"], "--from 2020 is after --to 2019"),
        (["diff", "--actor", "RUS", "--from", "2020-13"], "invalid --from date '2020-13'"),
        (["diff", "--actor", "RUS", "--concept", "nonsense"], "unknown concept 'nonsense'"),
    ],
)
def test_bad_input_one_line(runner, args, message):
    r = runner.invoke(main, args)
    assert r.exit_code != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_both_stdin_refused(runner):
    r = runner.invoke(main, ["diff", "-", "-"], input="x")
    assert r.exit_code != 0 and "only one of OLD and NEW" in r.stderr


def test_real_speeches_china_2018_2019(runner):
    a, b = UNGDC / "CHN_73_2018.txt", UNGDC / "CHN_74_2019.txt"
    if not (a.is_file() and b.is_file()):
        pytest.skip("UNGDC corpus not available")
    r = runner.invoke(main, ["diff", str(a), str(b), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    d = json.loads(r.output)
    d = d if isinstance(d, dict) else [x for x in d if x["actor"] == "CHN"][0]
    assert "phased" in d["gained"]
    korea = [p for p in d["pairs"] if p["old_text"] and p["new_text"] and "Korean peninsula" in p["old_text"] and "Korean peninsula" in p["new_text"]]
    assert korea, "the Korea passages are paired"
    assert "phased and synchronized" in korea[0]["new_text"]


def test_all_passages_shows_unmarked_new_and_gone(runner):
    short = runner.invoke(main, ["diff", "--actor", "RUS", "--by", "year"])
    full = runner.invoke(main, ["diff", "--actor", "RUS", "--by", "year", "--all-passages"])
    assert short.exit_code == full.exit_code == 0
    assert "without an in-scope concept not shown" in short.output
    assert "not shown" not in full.output and len(full.output) > len(short.output)
    assert "/work/" not in runner.invoke(main, ["diff", "--actor", "RUS", "--format", "json"]).output
