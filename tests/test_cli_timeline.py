"""``positions timeline``: from a store, from a corpus, from the bundled sample corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from positions.cli import main
from positions.render.timeline import render_timeline
from positions.store import open_store
from positions.track import timeline
from test_report import CORPUS, golden_corpus


@pytest.fixture
def db(tmp_path):
    """A store holding the record-built golden corpus (independent of the pipeline)."""
    path = tmp_path / "g.db"
    with open_store(path) as store:
        for an in golden_corpus():
            store.put([an], file=an.article.path, file_hash=an.article.id)
    return str(path)


def test_text_from_a_store(runner, db):
    result = runner.invoke(main, ["timeline", "--db", db, "--actor", "chn"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        "CHN  (holder, by year; '.' = statements without the concept)\n"
        "            2019\n"
        "  dialogue     1\n"
        "  roadmap      1\n"
        "\n"
        "  dialogue: 1 in 1 period(s), first 2019, last 2019\n"
        '    "resumption of dialogue" x1  2019\n'
        "  roadmap: 1 in 1 period(s), first 2019, last 2019\n"
        '    "roadmap" x1  2019\n'
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "csv"])
def test_every_format_renders_the_library_timeline(runner, db, fmt):
    result = runner.invoke(main, ["timeline", "--db", db, "--format", fmt, "--by", "month"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == render_timeline(timeline(golden_corpus(), by="month"), fmt)


def test_concept_filter_json(runner, db):
    result = runner.invoke(main, ["timeline", "--db", db, "--concept", "phased", "--format", "json"])
    data = json.loads(result.stdout)
    assert [(r["actor"], r["period"], r["count"]) for r in data if r["record"] == "cell"] == [
        ("RUS", "2018", 1), ("RUS", "2019", 1), ("RUS", "2020", 1)]  # fmt: skip
    assert [(v["wording"], v["first"], v["last"]) for v in data if v["record"] == "wording"] == [
        ("gradual", "2020", "2020"), ("phased", "2019", "2019"), ("step-by-step", "2018", "2018")]  # fmt: skip


def test_corpus_and_its_store_give_the_same_timeline(runner, tmp_path):
    db = str(tmp_path / "c.db")
    assert runner.invoke(main, ["ingest", str(CORPUS), "--db", db]).exit_code == 0
    from_corpus = runner.invoke(main, ["timeline", str(CORPUS), "--format", "json"])
    from_store = runner.invoke(main, ["timeline", "--db", db, "--format", "json"])
    assert from_corpus.exit_code == 0 and from_store.exit_code == 0
    assert from_corpus.stdout == from_store.stdout
    rows = {(r["actor"], r["concept"]) for r in json.loads(from_store.stdout)}
    assert ("RUS", "phased") in rows


def test_bundled_sample_corpus_by_default(runner):
    result = runner.invoke(main, ["timeline", "--actor", "RUS", "--concept", "phased"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("RUS  (holder, by year;")
    assert "  phased: " in result.stdout and "first 2003" in result.stdout


def test_errors_are_one_line(runner, db, tmp_path):
    r = runner.invoke(main, ["timeline", "--db", db, "--actor", "FRA"])
    assert r.exit_code == 1 and r.stderr == "positions: unknown actor 'FRA': no statement in the corpus has it as holder (found: CHN, RUS)\n"
    r = runner.invoke(main, ["timeline", "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 1 and "no such store" in r.stderr and len(r.stderr.splitlines()) == 1
    r = runner.invoke(main, ["timeline", str(CORPUS), "--db", db])
    assert r.exit_code == 2 and "give a CORPUS or --db, not both" in r.stderr
    r = runner.invoke(main, ["timeline", "--db", db, "--year", "2019"])
    assert r.exit_code == 2 and "--year apply to analysing a CORPUS" in r.stderr
    r = runner.invoke(main, ["timeline", str(CORPUS), "--concept", "nope"])
    assert r.exit_code == 2 and "unknown concept 'nope'" in r.stderr
    r = runner.invoke(main, ["timeline", str(tmp_path / "missing")])
    assert r.exit_code == 1 and r.stderr.endswith("missing: no such file or directory\n")


def test_bad_file_is_reported_and_skipped(runner, tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    for p in CORPUS.iterdir():
        (corpus / p.name).write_bytes(p.read_bytes())
    (corpus / "bad.md").write_text("---\ndate: not a date\n---\n\nText.\n", encoding="utf-8")
    r = runner.invoke(main, ["timeline", str(corpus), "--actor", "RUS", "--format", "csv"])
    assert r.exit_code == 1
    assert r.stderr.startswith("positions: ") and "bad.md" in r.stderr
    assert "RUS,phased,2018" in r.stdout


def test_from_to_keep_a_span(runner, db):
    result = runner.invoke(main, ["timeline", "--db", db, "--actor", "RUS", "--to", "2018"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "RUS  (holder, by year; '.' = statements without the concept)\n"
        "            2018\n"
        "  dialogue     1\n"
        "  phased       1\n"
        "\n"
        "  dialogue: 1 in 1 period(s), first 2018, last 2018\n"
        '    "resumption of dialogue" x1  2018\n'
        "  phased: 1 in 1 period(s), first 2018, last 2018\n"
        '    "step-by-step" x1  2018\n'
    )
    wide = runner.invoke(main, ["timeline", "--db", db, "--actor", "RUS", "--from", "2019", "--to", "2020-05"])
    assert wide.stdout.splitlines()[1].split() == ["2019", "2020"]


@pytest.mark.parametrize("by", ["year", "month", "day"])
@pytest.mark.parametrize("role", ["holder", "speaker"])
def test_timeline_and_compare_need_no_article_text(by, role):
    """The commands keep each analysis as ``without_text`` leaves it; the library answers
    the same without the texts (and without the markers outside statements)."""
    from positions.track import compare
    from positions.track.summary import without_text

    full = golden_corpus()
    shared: dict = {}
    light = [without_text(an, shared) for an in full]
    assert all(an.article.text == "" for an in light)
    assert timeline(light, by=by, role=role) == timeline(full, by=by, role=role)
    for actors in (["RUS", "CHN", "USA"], ["KOR", "PRK"]):
        assert compare(light, actors, by=by, role=role) == compare(full, actors, by=by, role=role)


def test_the_store_is_read_without_texts(db):
    from positions.cli._corpus import load_analyses

    light = load_analyses((), db, texts=False)
    assert [an.article.id for an in light] == [an.article.id for an in load_analyses((), db)]
    assert all(an.article.text == "" and an.markers == () for an in light)
