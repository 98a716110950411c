"""`positions diff` end to end: file pairs, corpus snapshots, formats, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from positions.cli import main


OLD = "MOSCOW, March 1. /TASS/. Russia backs a step-by-step approach to the Korean Peninsula issue and the resumption of dialogue, Foreign Minister Sergei Lavrov said.\n"
NEW = "MOSCOW, March 2. /TASS/. Russia backs a phased and synchronized approach to the Korean Peninsula issue and the resumption of dialogue, Foreign Minister Sergei Lavrov said.\n"


@pytest.fixture
def pair(tmp_path):
    a, b = tmp_path / "old.txt", tmp_path / "new.txt"
    a.write_text(OLD, encoding="utf-8")
    b.write_text(NEW, encoding="utf-8")
    return str(a), str(b)


def test_file_pair_json(runner, pair):
    r = runner.invoke(main, ["diff", *pair, "--format", "json", "--year", "2021"])
    assert r.exit_code == 0, r.output + r.stderr
    rus = [r for r in json.loads(r.stdout) if r["actor"] == "RUS"]
    assert {(r["by"], r["old_article"]) for r in rus} == {("article", pair[0])}
    ops = [(r["op"], r["text"]) for r in rus if r["record"] == "op"]
    assert ("-", "step-by-step") in ops and ("+", "phased and synchronized") in ops
    assert ("phased", "kept") in [(r["concept"], r["change"]) for r in rus if r["record"] == "concept"]


def test_stdin_as_new(runner, pair):
    r = runner.invoke(main, ["diff", pair[0], "-", "--year", "2021"], input=NEW)
    assert r.exit_code == 0, r.output + r.stderr
    assert "[-step-by-step-]{+phased and synchronized+}" in r.output


def test_same_input_same_bytes_in_every_format(runner, pair):
    for fmt in ("text", "markdown", "html", "json", "jsonl", "csv"):
        args = ["diff", *pair, "--format", fmt, "--year", "2021"]
        first = runner.invoke(main, args)
        assert first.exit_code == 0, first.stderr
        assert first.stdout_bytes == runner.invoke(main, args).stdout_bytes


def test_file_against_itself_has_no_changes(runner, pair):
    r = runner.invoke(main, ["diff", pair[0], pair[0], "--format", "json", "--year", "2021"])
    assert r.exit_code == 0
    rows = json.loads(r.stdout)
    assert {(r["change"], r["reworded"], r["flipped"]) for r in rows if r["record"] == "concept"} == {("kept", False, False)}
    assert {r["op"] for r in rows if r["record"] == "op"} == {"="}


def test_no_colour_when_piped(runner, pair):
    r = runner.invoke(main, ["diff", *pair, "--year", "2021"])
    assert "\x1b[" not in r.output


def test_bundled_corpus_by_year(runner):
    r = runner.invoke(main, ["diff", "--actor", "RUS", "--by", "year", "--format", "json"])
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.output)
    keys = list(dict.fromkeys((d["old_period"], d["new_period"]) for d in data))
    assert len(keys) >= 2
    assert all(o < n for o, n in keys)
    assert all(keys[i][1] == keys[i + 1][0] for i in range(len(keys) - 1))


@pytest.mark.parametrize(
    "args, status, message",
    [
        (["diff", "no/such/file.txt", "--actor", "RUS"], 1, "no/such/file.txt"),
        (["diff", "--actor", "XYZ"], 1, "unknown actor 'XYZ'"),
        (["diff", "--actor", "RUS", "--from", "2020", "--to", "2019"], 2, "--from 2020 is after --to 2019"),
        (["diff", "--actor", "RUS", "--from", "2020-13"], 2, "invalid value for '--from': '2020-13'"),
        (["diff", "--actor", "RUS", "--concept", "nonsense"], 2, "unknown concept 'nonsense'"),
    ],
)
def test_bad_input_one_line(runner, args, status, message):
    """A failure of the data is one line; a usage error is click's usage and hint, then
    one line (tests/test_cli_errors.py has the whole table)."""
    r = runner.invoke(main, args)
    assert r.exit_code == status
    lines = r.stderr.strip().splitlines()
    assert lines[-1].startswith("positions: ") and message in lines[-1], r.stderr
    assert len(lines) == (1 if status == 1 else 4), r.stderr
    assert "Traceback" not in r.stderr


def test_both_stdin_refused(runner):
    r = runner.invoke(main, ["diff", "-", "-"], input="x")
    assert r.exit_code != 0 and "only one of OLD and NEW" in r.stderr


def test_real_speeches_china_2018_2019(runner, ungdc):
    a, b = ungdc / "CHN_73_2018.txt", ungdc / "CHN_74_2019.txt"
    if not (a.is_file() and b.is_file()):
        pytest.skip("UNGDC corpus not available")
    r = runner.invoke(main, ["diff", str(a), str(b), "--format", "json"])
    assert r.exit_code == 0, r.stderr
    d = [x for x in json.loads(r.output) if x["actor"] == "CHN"]
    assert ("phased", "gained") in [(x["concept"], x["change"]) for x in d if x["record"] == "concept"]
    korea = [p for p in d if p["record"] == "pair" and p["old_text"] and p["new_text"] and "Korean peninsula" in p["old_text"] and "Korean peninsula" in p["new_text"]]
    assert korea, "the Korea passages are paired"
    assert "phased and synchronized" in korea[0]["new_text"]


def test_all_passages_shows_unmarked_new_and_gone(runner):
    short = runner.invoke(main, ["diff", "--actor", "RUS", "--by", "year"])
    full = runner.invoke(main, ["diff", "--actor", "RUS", "--by", "year", "--all-passages"])
    assert short.exit_code == full.exit_code == 0
    assert "without an in-scope concept not shown" in short.output
    assert "not shown" not in full.output and len(full.output) > len(short.output)
    assert "/work/" not in runner.invoke(main, ["diff", "--actor", "RUS", "--format", "json"]).output


def test_store_gives_the_same_diffs_as_the_corpus(runner, tmp_path):
    db = str(tmp_path / "korea.db")
    assert runner.invoke(main, ["ingest", "--db", db]).exit_code == 0
    args = ["diff", "--actor", "CHN", "--by", "year", "--format", "json"]
    from_corpus = runner.invoke(main, args)
    from_store = runner.invoke(main, args + ["--db", db])
    assert from_corpus.exit_code == 0 and from_store.exit_code == 0, from_store.output
    # The store keeps the paths it was given; the bundled corpus is shown relative to its root.
    names = lambda out: json.loads(out.replace(str(Path(db).parent), ""), object_hook=_basenames)
    assert names(from_store.output) == names(from_corpus.output)


def _basenames(obj: dict) -> dict:
    return {k: (Path(v).name if k.endswith(("path", "article")) and isinstance(v, str) else v)
            for k, v in obj.items()}


def test_a_bad_file_in_a_corpus_is_reported_and_the_rest_diffed(runner, tmp_path):
    (tmp_path / "2019.md").write_text(
        "---\ndate: 2019-03-01\n---\nChina supports a phased and synchronized approach on the"
        " Korean Peninsula, Foreign Ministry spokesman Lu Kang said.\n",
        encoding="utf-8",
    )
    (tmp_path / "2018.md").write_text(
        "---\ndate: 2018-03-01\n---\nChina supports a dual-track approach on the Korean"
        " Peninsula, Foreign Ministry spokesman Lu Kang said.\n",
        encoding="utf-8",
    )
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = runner.invoke(main, ["diff", str(tmp_path), "--actor", "CHN", "--format", "json"])
    assert result.exit_code == 1
    assert f"positions: {tmp_path / 'bad.txt'}: binary file (NUL byte at byte 0), not text" in result.stderr
    d = json.loads(result.stdout)  # one diff: a list of records too
    changes = [(x["change"], x["concept"]) for x in d if x["record"] == "concept"]
    assert changes == [("gained", "phased"), ("gained", "synchronized"), ("dropped", "dual_track")]


def test_diff_opens_with_a_header_and_a_summary(runner):
    full = runner.invoke(main, ["diff"])
    summary = runner.invoke(main, ["diff", "--summary"])
    assert full.exit_code == summary.exit_code == 0, full.stderr
    head = summary.stdout.splitlines()
    assert head[:2] == [
        "55 articles read, 2003-01-10 to 2023-09-14; 6 actors: CHN, JPN, KOR, PRK, RUS, USA",
        "Periods: 15 by year, 2003 to 2023",
    ]
    assert head[8] == "RUS    13 (2003 to 2023)        12      33       38        23        3  2020->2021 (+5 -4 ~3); 2019->2020 (+4 -4 ~3)"
    # the summary alone is exactly how the whole output opens; the detail follows a blank line
    lines = full.stdout.splitlines()
    assert lines[: len(head)] == head and lines[len(head)] == "" and lines[len(head) + 1] == "CHN  2003 -> 2004"
    assert full.stderr.splitlines()[-1] == (
        "positions: to narrow this: --actor CHN, --from 2021 --to 2023, or --summary for the table alone"
    )
    assert summary.stderr.splitlines()[-1] == (
        "positions: the detail of one actor: --actor CHN; of a span: --from 2021 --to 2023"
    )


def test_summary_json_is_flat_records_that_add_up_to_the_diffs(runner):
    summary = runner.invoke(main, ["diff", "--summary", "--format", "json"])
    diffs = runner.invoke(main, ["diff", "--actor", "RUS", "--format", "json"])
    assert summary.exit_code == diffs.exit_code == 0
    records = json.loads(summary.stdout)
    assert [r["actor"] for r in records] == ["CHN", "JPN", "KOR", "PRK", "RUS", "USA"]
    assert all(not isinstance(v, (list, dict)) for r in records for v in r.values())
    rus = records[4]
    data = json.loads(diffs.stdout)  # the diff's own table: a concept row per concept of each diff
    concepts = [d for d in data if d["record"] == "concept"]
    assert rus["comparisons"] == sum(d["record"] == "diff" for d in data) == 12
    assert rus["gained"] == sum(d["change"] == "gained" for d in concepts) == 33
    assert rus["dropped"] == sum(d["change"] == "dropped" for d in concepts) == 38
    assert rus["reworded"] == sum(d["reworded"] for d in concepts) == 23
    assert (rus["first_period"], rus["last_period"], rus["biggest_old"], rus["biggest_new"]) == ("2003", "2023", "2020", "2021")
    assert summary.stderr == ""  # no hint among machine output


def test_summary_in_markdown_and_html(runner):
    md = runner.invoke(main, ["diff", "--actor", "RUS", "--summary", "--format", "markdown"])
    assert md.exit_code == 0
    assert md.stdout.splitlines()[:8] == [
        "# Position diff: summary",
        "",
        "55 articles read, 2003-01-10 to 2023-09-14; 1 actor: RUS  ",
        "Periods: 13 by year, 2003 to 2023",
        "",
        "| actor | periods | compared | gained | dropped | reworded | flipped | biggest changes |",
        "|---|---|--:|--:|--:|--:|--:|---|",
        "| RUS | 13 (2003 to 2023) | 12 | 33 | 38 | 23 | 3 | 2020-\\>2021 (+5 -4 \\~3); 2019-\\>2020 (+4 -4 \\~3) |",
    ]
    page = runner.invoke(main, ["diff", "--actor", "RUS", "--format", "html"]).stdout
    assert '<table class="summary">' in page and "<td>2020-&gt;2021 (+5 -4 ~3); 2019-&gt;2020 (+4 -4 ~3)</td>" in page
    assert page.index('class="summary"') < page.index("<h2>RUS: 2003 → 2005</h2>")


def test_file_pair_has_a_header_too(runner, pair):
    r = runner.invoke(main, ["diff", *pair, "--year", "2021"])
    assert r.exit_code == 0
    assert r.stdout.splitlines()[:5] == [
        "2 articles read, 2021-03-01 to 2021-03-02; 1 actor: RUS",
        "Periods: 2 articles, each compared with the one before",
        "",
        "actor  periods  compared  gained  dropped  reworded  flipped  biggest changes",
        "RUS    2               1       1        0         1        0  old.txt->new.txt (+1 ~1)",
    ]
