"""``positions ingest``: exact output, exit status, and the store's content afterwards.

Most tests swap the pipeline for the deterministic fake of ``test_store`` (so that they pin
the command, not the extraction); one runs the real pipeline over the bundled corpus.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Optional

import attrs
import pytest
from test_store import check_consistent, fake_analyze, table_counts

from positions import store as store_mod
from positions.cli import main
from positions.model import Analysis, Article
from positions.store import analyses_from, open_store


@attrs.frozen
class FakePipeline:
    """Stands in for ``PipelineAnalyzer``; the lexicon path is its whole fingerprint."""

    lexicon: Optional[str] = None
    actors: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        names = [Path(p).name for p in self.actors]
        return f"fake {Path(self.lexicon).name if self.lexicon else 'bundled'}" + "".join(
            f" +{n}" for n in names
        )

    def prepare(self) -> None:
        pass

    def __call__(self, article: Article) -> Analysis:
        return fake_analyze(article)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(store_mod, "PipelineAnalyzer", FakePipeline)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text("RUS backs a phased approach. CHN agrees. Nothing else.\n")
    (d / "corpus.toml").write_text('[articles."a.txt"]\ndate = "2019-03-01"\n')
    (d / "b.md").write_text(
        "---\ndate: 2021-12-23\nsource: TASS\n---\nRUS wants dialogue. USA keeps sanctions.\n"
    )
    (d / "rows.jsonl").write_text(
        '{"date": "2020", "text": "KOR calls for dialogue."}\n'
        '{"date": "2018-06", "text": "PRK talks of phased steps."}\n'
    )
    return d


def test_ingest_then_again(runner, fake, corpus, tmp_path):
    db = tmp_path / "c.db"
    r = runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        f"{db}: 3 files: 3 read (0 replaced), 0 unchanged, 0 failed;"
        " the store holds 4 articles, 7 statements, 5 markers\n"
    )
    with open_store(db) as s:
        got = list(s.analyses())
        assert [a.article.date.iso() for a in got] == [
            "2018-06",
            "2019-03-01",
            "2020",
            "2021-12-23",
        ]
        assert got[3].article.source == "TASS"
        assert s.stats().settings == ("fake bundled; year=None",)
    r = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "--jobs", "2"])
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith(f"{db}: 3 files: 0 read (0 replaced), 3 unchanged, 0 failed;")


def test_jobs_give_the_same_store(runner, fake, corpus, tmp_path):
    for jobs in ("1", "2"):
        r = runner.invoke(
            main, ["ingest", str(corpus), "--db", str(tmp_path / f"{jobs}.db"), "-j", jobs]
        )
        assert r.exit_code == 0, r.output
    dumps = []
    for jobs in ("1", "2"):
        with open_store(tmp_path / f"{jobs}.db") as s:
            dumps.append(list(s.analyses()))
    assert dumps[0] == dumps[1] and len(dumps[0]) == 4


def test_another_lexicon_re_analyses(runner, fake, corpus, tmp_path):
    db = tmp_path / "c.db"
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text("# a lexicon\n")
    runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    r = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "--lexicon", str(lexicon)])
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{db}: 3 files: 3 read (3 replaced), 0 unchanged, 0 failed;")
    with open_store(db) as s:
        assert s.stats().settings == ("fake mine.toml; year=None",)


def test_actors_files_are_part_of_the_settings(runner, fake, corpus, tmp_path):
    db = tmp_path / "c.db"
    actors = tmp_path / "people.toml"
    actors.write_text("")
    runner.invoke(main, ["ingest", str(corpus), "--db", str(db)])
    r = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "--actors-file", str(actors)])
    assert r.stdout.startswith(f"{db}: 3 files: 3 read (3 replaced), 0 unchanged, 0 failed;")
    with open_store(db) as s:
        assert s.stats().settings == ("fake bundled +people.toml; year=None",)


def test_analyses_from_a_corpus_filters_like_the_store(fake, corpus, tmp_path):
    db = tmp_path / "c.db"
    with open_store(db) as s:
        s.ingest([corpus])
    for kw in ({}, {"actor": "RUS"}, {"since": "2019", "until": "2020"}, {"actor": "KOR"}):
        from_corpus = list(analyses_from([corpus], None, **kw))
        from_store = list(analyses_from([], db, **kw))
        key = lambda a: a.article.path  # noqa: E731
        assert sorted(from_corpus, key=key) == sorted(from_store, key=key), kw
    assert [a.article.path for a in analyses_from([corpus], None, actor="RUS")] == [
        str(corpus / "a.txt"),
        str(corpus / "b.md"),
    ]


def test_bad_files_are_one_line_each_and_exit_1(runner, fake, corpus, tmp_path):
    (corpus / "empty.txt").write_text("")
    with (corpus / "rows.jsonl").open("a") as fh:
        fh.write("{not json\n")
    db = tmp_path / "c.db"
    r = runner.invoke(main, ["ingest", str(corpus), str(tmp_path / "nope"), "--db", str(db)])
    assert r.exit_code == 1
    assert r.stderr == (
        f"positions: {corpus / 'empty.txt'}: warning: empty file, skipped\n"
        f"positions: {corpus / 'rows.jsonl'}#3: invalid JSON: Expecting property name enclosed"
        " in double quotes (column 2)\n"
        f"positions: {tmp_path / 'nope'}: no such file or directory\n"
    )
    assert r.stdout == (
        f"{db}: 5 files: 2 read (0 replaced), 0 unchanged, 3 failed;"
        " the store holds 4 articles, 7 statements, 5 markers\n"
    )
    with open_store(db) as s:
        assert [Path(p).name for p, _ in s.file_errors()] == ["empty.txt", "rows.jsonl"]


def test_store_errors_are_one_line(runner, tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("not a database, just text " * 40)
    r = runner.invoke(main, ["ingest", str(tmp_path), "--db", str(bad)])
    assert r.exit_code == 1
    assert r.stderr.startswith(f"positions: {bad}: not a positions store")
    assert r.stderr.count("\n") == 1
    r = runner.invoke(main, ["ingest", "--db", str(tmp_path / "no" / "dir.db")])
    assert (r.exit_code, r.stderr) == (
        1,
        f"positions: {tmp_path / 'no' / 'dir.db'}: directory {tmp_path / 'no'} does not exist\n",
    )


def test_help_has_an_example(runner):
    r = runner.invoke(main, ["ingest", "--help"])
    assert r.exit_code == 0
    assert "  Example:\n      positions ingest corpus/ --db corpus.db --jobs 4\n" in r.stdout


def test_real_pipeline_over_the_bundled_corpus(runner, tmp_path):
    """The store gives back exactly what the pipeline makes in memory."""
    from positions.pipeline import analyze_corpus
    from positions.sources import bundled_corpus, iter_articles

    db = tmp_path / "s.db"
    r = runner.invoke(main, ["ingest", "--db", str(db), "--jobs", "2"])
    assert (r.exit_code, r.stderr) == (0, ""), r.output
    in_memory = sorted(
        analyze_corpus(iter_articles(bundled_corpus())),
        key=lambda a: (
            a.article.date is None,
            a.article.date.iso() if a.article.date else "",
            a.article.path,
        ),
    )
    with open_store(db) as s:
        assert list(s.analyses()) == in_memory
        assert s.stats().settings[0].startswith("positions 0.1.0; lexicon korean_peninsula ")
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_lexicon_is_one_error_before_anything_is_written(runner, corpus, tmp_path, jobs):
    lexicon = tmp_path / "bad.toml"
    lexicon.write_text('id = "mine"\nversion = "1"\n[[concepts\n')
    db = tmp_path / "c.db"
    args = ["ingest", str(corpus), "--db", str(db), "--lexicon", str(lexicon), "-j", jobs]
    r = runner.invoke(main, args)
    assert r.exit_code == 1
    assert r.stderr.startswith(f"positions: {lexicon}") and r.stderr.count("\n") == 1
    with open_store(db) as s:
        assert s.stats().files == 0


# --------------------------------------------------------------------------------------
# Files removed from a corpus: counted, and with --prune removed

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "korea"
KCNA = "2003-01-10-kcna-npt-withdrawal.txt"  # 11 statements, 0 markers with fake_analyze
YONHAP = "2003-02-25-yonhap-roh-inauguration.txt"  # 12 statements, 1 marker
TASS = "2003-08-27-tass-losyukov.txt"  # 10 statements, 1 marker
KYODO = "2003-08-28-kyodo-kawaguchi.txt"  # 7 statements, 1 marker
XINHUA = "2003-08-29-xinhua-first-round.txt"  # 11 statements, 1 marker


def korea(d: Path, *names: str) -> Path:
    """A corpus directory ``d`` of copies of sample articles (dated by --year 2003)."""
    d.mkdir()
    for name in names:
        (d / name).write_bytes((FIXTURES / name).read_bytes())
    return d


def run_ingest(runner, *args: object):
    return runner.invoke(main, ["ingest", *map(str, args), "--year", "2003"])


UNCHANGED_2 = "2 files: 0 read (0 replaced), 2 unchanged, 0 failed"
PRUNED_1 = " pruned 1 stored file (1 article) no longer in the corpus;"


def said(db: Path, files: str, missing: str, holds: str) -> str:
    """The summary line of an ingest, from its parts."""
    return f"{db}: {files};{missing} the store holds {holds}\n"


def stored_names(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT path FROM files").fetchall()
    finally:
        conn.close()
    return sorted(f"{Path(p).parent.name}/{Path(p).name}" for (p,) in rows)


def test_removed_files_are_counted_then_pruned(runner, fake, tmp_path):
    corpus = korea(tmp_path / "korea", KCNA, YONHAP, TASS)
    db = tmp_path / "k.db"
    r = run_ingest(runner, corpus, "--db", db)
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == (
        f"{db}: 3 files: 3 read (0 replaced), 0 unchanged, 0 failed;"
        " the store holds 3 articles, 33 statements, 2 markers\n"
    )
    full = table_counts(db)
    (corpus / YONHAP).unlink()

    r = run_ingest(runner, corpus, "--db", db)
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == said(
        db,
        UNCHANGED_2,
        " 1 stored file (1 article) no longer in the corpus (use --prune to remove it);",
        "3 articles, 33 statements, 2 markers",
    )
    assert table_counts(db) == full  # counted, not removed

    r = run_ingest(runner, corpus, "--db", db, "--prune")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == said(db, UNCHANGED_2, PRUNED_1, "2 articles, 21 statements, 1 markers")
    assert table_counts(db) == {
        "files": 2,
        "articles": 2,
        "statements": 21,
        "holders": 0,
        "markers": 1,
        "statement_markers": 1,
    }
    assert stored_names(db) == [f"korea/{KCNA}", f"korea/{TASS}"]
    check_consistent(db)

    r = run_ingest(runner, corpus, "--db", db, "--prune")
    assert r.stdout == said(
        db,
        UNCHANGED_2,
        " pruned 0 stored files (0 articles) no longer in the corpus;",
        "2 articles, 21 statements, 1 markers",
    )
    r = run_ingest(runner, corpus, "--db", db)
    assert "no longer" not in r.stdout


def test_prune_leaves_other_corpora_alone(runner, fake, tmp_path):
    # "korea-more" begins with "korea": a prefix of a path is not a directory above it.
    one = korea(tmp_path / "korea", KCNA, YONHAP, TASS)
    two = korea(tmp_path / "korea-more", KYODO, XINHUA)
    db = tmp_path / "k.db"
    for corpus in (one, two):
        assert run_ingest(runner, corpus, "--db", db).exit_code == 0
    (one / YONHAP).unlink()
    (two / KYODO).unlink()

    r = run_ingest(runner, one, "--db", db, "--prune")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == said(db, UNCHANGED_2, PRUNED_1, "4 articles, 39 statements, 3 markers")
    assert stored_names(db) == [
        f"korea-more/{KYODO}",
        f"korea-more/{XINHUA}",
        f"korea/{KCNA}",
        f"korea/{TASS}",
    ]
    r = run_ingest(runner, two, "--db", db)
    assert r.stdout == said(
        db,
        "1 files: 0 read (0 replaced), 1 unchanged, 0 failed",
        " 1 stored file (1 article) no longer in the corpus (use --prune to remove it);",
        "4 articles, 39 statements, 3 markers",
    )
    # A file given covers that file only, not its neighbours.
    r = run_ingest(runner, two / XINHUA, "--db", db, "--prune")
    assert "pruned 0 stored files (0 articles)" in r.stdout
    assert len(stored_names(db)) == 4
    check_consistent(db)


def test_a_file_that_fails_to_read_is_not_pruned(runner, fake, tmp_path):
    corpus = korea(tmp_path / "korea", KCNA, YONHAP, TASS)
    db = tmp_path / "k.db"
    run_ingest(runner, corpus, "--db", db)
    (corpus / KCNA).write_bytes(b"SEOUL, \xc3\x28 undecodable\n")
    (corpus / YONHAP).unlink()

    r = run_ingest(runner, corpus, "--db", db, "--prune")
    assert r.exit_code == 1
    assert r.stderr == (
        f"positions: {corpus / KCNA}: invalid UTF-8 at byte 7 (line 1): 0xc3;"
        " save the file as UTF-8, or give its encoding with --encoding (auto: detect it)\n"
    )
    assert r.stdout == said(
        db,
        "2 files: 0 read (1 replaced), 1 unchanged, 1 failed",
        PRUNED_1,
        "1 articles, 10 statements, 1 markers",
    )
    # The bad file stays, recorded as failed (so that the next ingest retries it); its old
    # articles went when it failed, as they always have.
    assert stored_names(db) == [f"korea/{KCNA}", f"korea/{TASS}"]
    with open_store(db) as s:
        assert [Path(p).name for p, _ in s.file_errors()] == [KCNA]
    check_consistent(db)
    (corpus / KCNA).write_bytes((FIXTURES / KCNA).read_bytes())
    r = run_ingest(runner, corpus, "--db", db, "--prune")
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout.startswith(f"{db}: 2 files: 1 read (0 replaced), 1 unchanged, 0 failed;")


def test_what_a_listing_error_concerns_is_not_pruned(runner, fake, tmp_path):
    corpus = korea(tmp_path / "korea", KCNA, YONHAP, TASS)
    db = tmp_path / "k.db"
    run_ingest(runner, corpus, "--db", db)
    (corpus / YONHAP).unlink()
    # A path naming nothing is an error, and what it names is not pruned...
    r = run_ingest(runner, corpus, corpus / YONHAP, "--db", db, "--prune")
    assert r.exit_code == 1
    assert r.stderr == f"positions: {corpus / YONHAP}: no such file or directory\n"
    assert "; pruned 0 stored files (0 articles) no longer in the corpus;" in r.stdout
    # ... nor are the files of a directory whose manifest names files that are not there.
    (corpus / "corpus.toml").write_text(f'[articles."{YONHAP}"]\nsource = "Yonhap"\n')
    r = run_ingest(runner, corpus, "--db", db, "--prune")
    assert r.exit_code == 1
    assert r.stderr == (
        f"positions: {corpus / 'corpus.toml'}: names files that are not there: {YONHAP}\n"
    )
    assert "; pruned 0 stored files (0 articles) no longer in the corpus;" in r.stdout
    (corpus / "corpus.toml").unlink()
    r = run_ingest(runner, corpus, "--db", db, "--prune")
    assert (r.exit_code, r.stderr) == (0, "")
    assert PRUNED_1 in r.stdout
    assert stored_names(db) == [f"korea/{KCNA}", f"korea/{TASS}"]


def test_a_pattern_prunes_what_it_matches(runner, fake, tmp_path):
    corpus = korea(tmp_path / "korea", KCNA, YONHAP, TASS)
    (corpus / "notes.md").write_text("SEOUL, August 27 -- Talks begin.\n")
    db = tmp_path / "k.db"
    run_ingest(runner, corpus, "--db", db)
    (corpus / YONHAP).unlink()
    (corpus / "notes.md").unlink()
    r = run_ingest(runner, corpus / "*.txt", "--db", db, "--prune")
    assert (r.exit_code, r.stderr) == (0, "")
    assert PRUNED_1 in r.stdout
    assert stored_names(db) == [f"korea/{KCNA}", f"korea/{TASS}", "korea/notes.md"]
