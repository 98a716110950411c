"""`positions articles`: one row per article; bad files reported, the rest listed, exit 1."""

from __future__ import annotations

import json
from pathlib import Path

from positions.cli import main
from positions.sources import iter_articles

DATA = Path(__file__).parent / "data" / "sources"
MIXED = DATA / "mixed"
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_1792fb935fd71937.txt"


def test_text_table(runner, monkeypatch):
    monkeypatch.chdir(MIXED.parent)  # paths under the current directory are shown relative to it
    result = runner.invoke(
        main, ["articles", str(MIXED / "tass.txt"), str(MIXED / "CHN_74_2019.txt")]
    )
    assert result.exit_code == 0, result.output
    t, c = f"{MIXED.name}/tass.txt", f"{MIXED.name}/CHN_74_2019.txt"
    w = max(len(t), len(c))
    assert result.stdout.splitlines() == [
        f"id                date        precision  date_from               source  place   country  words  {'path'.ljust(w)}  title",
        f"e11b22e599a05cac  2007-02-14  day        dateline+manifest_year  TASS    Moscow  -           23  {t.ljust(w)}  -",
        f"8a51a63875a69a8d  2019        year       file_name               UNGDC   -       CHN          8  {c.ljust(w)}  UN General Debate, session 74 (2019)",
    ]
    assert result.stderr == ""


def test_bundled_corpus_paths_are_short_wherever_it_is_installed(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = runner.invoke(main, ["articles"])
    assert text.exit_code == 0, text.output
    rows = text.stdout.splitlines()
    assert rows[1].split()[8] == "seeds/000_1792fb935fd71937.txt"
    assert rows[2].split()[8] == "korea/2003-01-10-kcna-npt-withdrawal.txt"
    data = json.loads(runner.invoke(main, ["articles", "--format", "json"]).stdout)
    assert [r["path"] for r in data[:2]] == [rows[1].split()[8], rows[2].split()[8]]


def test_json(runner):
    result = runner.invoke(main, ["articles", "--format", "json", str(SEED)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "schema": "positions.articles/1",
            "id": "6cbd594b6574bb1a",
            "path": str(SEED),
            "source": "TASS",
            "place": "Seoul",
            "date": "2021-12-23",
            "date_precision": "day",
            "date_from": "dateline+manifest_year",
            "country": None,
            "title": None,
            "url": None,
            "author": None,
            "language": "en",
            "layout": "text",
            "words": 382,
            "dateline_start": 0,
            "dateline_end": 27,
            "body_start": 28,
            "body_end": 2463,
            "pages": None,
            "warnings": [],
        }
    ]


def test_json_is_deterministic(runner):
    first = runner.invoke(main, ["articles", "--format", "json", str(MIXED)])
    second = runner.invoke(main, ["articles", "--format", "json", str(MIXED)])
    assert first.stdout == second.stdout


def test_no_corpus_lists_the_bundled_corpus(runner):
    result = runner.invoke(main, ["articles", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows[0]["path"].endswith("000_1792fb935fd71937.txt")
    assert rows[0]["date"] == "2021-12-23"
    assert all(r["date"] for r in rows)


def test_year_option_and_columns(runner, tmp_path):
    (tmp_path / "kcna.txt").write_text("PYONGYANG, September 20 (KCNA) -- A spokesman said.\n")
    (tmp_path / "e.csv").write_text("body,when\nTalks.,2020-05\n")
    result = runner.invoke(
        main,
        [
            "articles",
            "--format",
            "json",
            "--year",
            "2005",
            "--column",
            "text=body",
            "--column",
            "date=when",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["date"], r["date_from"]) for r in rows] == [
        ("2020-05", "column"),
        ("2005-09-20", "dateline+option_year"),
    ]


def test_bad_column_option(runner):
    result = runner.invoke(main, ["articles", "--column", "text", str(MIXED)])
    assert result.exit_code == 2
    assert "'text' is not FIELD=COLUMN" in result.stderr


def test_bad_files_are_reported_the_rest_listed_and_the_exit_status_is_1(runner, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_bytes(b"SEOUL (Reuters) - Talks.\n")
    (tmp_path / "c.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "d.txt").write_bytes(b"SEOUL, March 5 (Yonhap) -- Talks.\n")
    result = runner.invoke(main, ["articles", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [(r["path"], r["date"]) for r in rows] == [
        (str(tmp_path / "b.txt"), None),
        (str(tmp_path / "d.txt"), None),
    ]
    assert result.stderr.splitlines() == [
        f"positions: {tmp_path / 'a.txt'}: warning: empty file, skipped",
        f"positions: {tmp_path / 'c.txt'}: invalid UTF-8 at byte 3 (line 1): 0xe9; save the file as UTF-8,"
        " or give its encoding with --encoding (auto: detect it)",
        f"positions: {tmp_path / 'd.txt'}: warning: undated: the dateline 'SEOUL, March 5 (Yonhap) --'"
        ' gives no year; add year = <YYYY> to [articles."d.txt"] in corpus.toml beside it, or pass --year',
    ]


def test_missing_path(runner, tmp_path):
    result = runner.invoke(main, ["articles", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert result.stderr == f"positions: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_warnings_go_to_stderr_and_keep_exit_0(runner, tmp_path):
    (tmp_path / "a.txt").write_text("SEOUL, December 23. /TASS/. The envoy said on Thursday.\n")
    result = runner.invoke(main, ["articles", "--year", "2020", str(tmp_path / "a.txt")])
    assert result.exit_code == 0
    assert result.stderr == (
        f"positions: {tmp_path / 'a.txt'}: warning: the year 2020 is from --year: nothing in the"
        " text, its file name or a manifest dates it\n"
        f"positions: {tmp_path / 'a.txt'}: warning: the text says 'on Thursday' but 2020-12-23 was a Wednesday\n"
    )


def test_words_match_the_library(runner):
    from positions.text import view

    result = runner.invoke(main, ["articles", "--format", "json", str(MIXED)])
    rows = json.loads(result.stdout)
    arts = list(iter_articles([MIXED], on_error=lambda p, e: None))
    assert [r["words"] for r in rows] == [view(a.text, a.body).words() for a in arts]


def test_help_has_an_example(runner):
    result = runner.invoke(main, ["articles", "--help"])
    assert result.exit_code == 0
    assert "  Example:\n      positions articles\n" in result.stdout


def test_db_lists_the_stored_articles_as_the_corpus_does(runner, tmp_path):
    db = str(tmp_path / "s.db")
    corpus = str(MIXED)
    assert runner.invoke(main, ["ingest", corpus, "--db", db]).exit_code in (0, 1)
    from_store = json.loads(runner.invoke(main, ["articles", "--db", db, "--format", "json"]).stdout)
    from_corpus = json.loads(runner.invoke(main, ["articles", corpus, "--format", "json"]).stdout)
    assert from_store and sorted(from_store, key=lambda r: r["id"]) == sorted(from_corpus, key=lambda r: r["id"])


def test_db_with_a_corpus_is_refused(runner, tmp_path):
    result = runner.invoke(main, ["articles", "x.txt", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and "give no CORPUS" in result.output


def test_missing_store_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["articles", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
