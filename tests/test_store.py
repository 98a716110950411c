"""The SQLite store: exact round trips, incremental ingest, transactions, concurrency, crashes.

The extraction stages are replaced by a small deterministic fake reader and analyzer
(module-level, so that worker and child processes can import them), so these tests pin the
store alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from positions import store as store_mod
from positions.errors import PositionsError, SourceError, StoreError
from positions.model import (
    Analysis,
    Article,
    DateSource,
    Marker,
    PartialDate,
    Span,
    Speaker,
    Statement,
)
from positions.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    IngestResult,
    Missing,
    analyses_from,
    corpus_files,
    file_hash,
    open_store,
)
from positions.store.prune import covered_by

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------
# A fake reader and analyzer


def fake_read(paths, *, year=None, on_error=None):
    """Like ``iter_articles``: one article per ``.txt`` file (date from a ``YYYY-MM-DD_``
    name, else ``year``), one per line of a ``.jsonl`` file (``{"date": ..., "text": ...}``).
    A text starting with ``BAD`` is a bad file; a line that is not JSON a bad row."""
    for path in paths:
        try:
            yield from _read_one(Path(path), year, on_error)
        except SourceError as exc:
            if on_error is None:
                raise
            on_error(str(path), exc)


def _read_one(path: Path, year, on_error):
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        for i, line in enumerate(raw.splitlines(), 1):
            try:
                row = json.loads(line)
            except ValueError:
                exc = SourceError(f"{path}#{i}: not JSON")
                if on_error is None:
                    raise exc from None
                on_error(f"{path}#{i}", exc)
                continue
            yield _article(f"{path}#{i}", row["text"], row.get("date"))
        return
    if raw.startswith("BAD"):
        raise SourceError(f"{path}: bad file")
    m = re.match(r"(\d{4}(?:-\d\d){0,2})_", path.name)
    date = m.group(1) if m else (str(year) if year else None)
    yield _article(str(path), raw, date)


def _article(path: str, text: str, date) -> Article:
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        path=path,
        text=text,
        body=Span(0, len(text)),
        date=PartialDate.from_iso(date) if date else None,
        date_from=DateSource.FILE_NAME if date else None,
        layout="jsonl" if "#" in path else "text",
    )


_ACTOR = re.compile(r"\b(RUS|CHN|USA|KOR|PRK|JPN)\b")
_CONCEPT = re.compile(r"\b(phased|dialogue|sanctions)\b", re.I)


def fake_analyze(article: Article) -> Analysis:
    """A statement per sentence (country: its first actor code), a marker per concept word."""
    text = article.text
    if "CRASH" in text:
        raise RuntimeError("analyzer bug")
    if "FAIL" in text:
        raise PositionsError(f"{article.path}: cannot analyse")
    markers = tuple(
        Marker(m.group(1).lower(), m.group(0), m.group(0).lower(), Span(*m.span()))
        for m in _CONCEPT.finditer(text)
    )
    statements = []
    for m in re.finditer(r"[^.\s][^.]*\.", text):
        span = Span(*m.span())
        a = _ACTOR.search(m.group(0))
        country = a.group(1) if a else None
        statements.append(
            Statement(
                article=article.id,
                span=span,
                text=m.group(0),
                kind="reported",
                speaker=Speaker(organization=country, country=country) if country else None,
                country=country,
                holders=(country,) if country else (),
                evidence=("fake",),
                parts=(span,),
                markers=tuple(mk for mk in markers if span.contains(mk.span)),
            )
        )
    return Analysis(article, tuple(statements), markers)


fake_analyze.fingerprint = "fake 1"  # type: ignore[attr-defined]


@attrs.frozen
class SlowAnalyzer:
    """``fake_analyze`` taking ``delay`` seconds an article (for the crash test)."""

    delay: float
    fingerprint: str = "fake 1"

    def __call__(self, article: Article) -> Analysis:
        time.sleep(self.delay)
        return fake_analyze(article)


def expected(paths, year=None) -> list[Analysis]:
    """What a store holding ``paths`` must give back, in its order."""
    out = [
        fake_analyze(a) for a in fake_read(corpus_files(paths), year=year, on_error=lambda *_: None)
    ]
    return sorted(out, key=lambda an: _order(an.article))


def _order(a: Article):
    return (a.date is None, a.date.iso() if a.date else "", a.path)


def ingest(store, paths, **kw):
    kw.setdefault("analyze", fake_analyze)
    kw.setdefault("read", fake_read)
    return store.ingest(paths, **kw)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    texts = {
        "2019-03-01_a.txt": "RUS backs a phased approach. CHN agrees.",
        "2021-12-23_b.txt": "RUS wants dialogue with PRK. Sanctions hurt, USA disagrees.",
        "2020_c.txt": "USA keeps sanctions. Nobody talks.",
        "2020-06_d.txt": "KOR calls for dialogue and a phased plan.",
        "undated.txt": "JPN is worried.",
    }
    for name, text in texts.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "README.md").write_text("not an article", encoding="utf-8")
    return d


def check_consistent(db: Path) -> None:
    """Integrity, foreign keys, and no article without its statements and markers."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    with open_store(db) as s:
        for an in s.analyses():
            assert an == fake_analyze(an.article), an.article.path


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


# --------------------------------------------------------------------------------------
# Round trips

spans = st.tuples(st.integers(0, 10_000), st.integers(0, 500)).map(
    lambda t: Span(t[0], t[0] + t[1])
)
opt = st.none() | st.text(max_size=12)
words = st.lists(st.text(max_size=8), max_size=3).map(tuple)
markers_st = st.builds(
    Marker,
    concept=st.sampled_from(["phased", "dialogue", "cvid"]),
    surface=st.text(max_size=10),
    normalized=st.text(max_size=10),
    span=spans,
    polarity=st.sampled_from(["affirmed", "negated"]),
    in_scope=st.booleans(),
    pattern=st.text(max_size=6),
    steps=words,
    negation=st.none() | spans,
)
speakers = st.none() | st.builds(Speaker, name=opt, role=opt, country=opt, organization=opt)
dates = st.none() | st.builds(
    lambda y, m, d: PartialDate(y, m, d if m else None),
    st.integers(1946, 2030),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 28),
)



def page_offsets(length: int):
    """Where the pages of a text of ``length`` characters may start: offsets into it, never
    decreasing (an empty page starts where the next one does), none for most sources."""
    return st.lists(st.integers(0, length), max_size=5).map(lambda xs: tuple(sorted(xs)))


@st.composite
def analyses_st(draw, path: str):
    text = draw(st.text(max_size=60))
    art = Article(
        id=draw(st.text(min_size=1, max_size=8)),
        path=path,
        text=text,
        body=draw(spans),
        source=draw(opt),
        place=draw(opt),
        date=draw(dates),
        date_from=draw(st.none() | st.sampled_from(list(DateSource))),
        title=draw(opt),
        url=draw(opt),
        language=draw(opt),
        country=draw(opt),
        layout=draw(st.sampled_from(["text", "jsonl", "ungdc", "pdf"])),
        dateline=draw(st.none() | spans),
        warnings=draw(words),
        pages=draw(page_offsets(len(text))),
        author=draw(opt),
    )
    article_markers = tuple(draw(st.lists(markers_st, max_size=4)))
    statements = []
    for _ in range(draw(st.integers(0, 3))):
        pool = list(article_markers) + draw(st.lists(markers_st, max_size=1))
        mine = draw(st.lists(st.sampled_from(pool), max_size=3)) if pool else []
        statements.append(
            Statement(
                article=draw(st.text(max_size=8)),
                span=draw(spans),
                text=draw(st.text(max_size=20)),
                kind=draw(st.sampled_from(["direct", "reported", "mixed", "document"])),
                speaker=draw(speakers),
                country=draw(opt),
                holders=draw(words),
                cue=draw(st.none() | spans),
                evidence=draw(words),
                parts=tuple(draw(st.lists(spans, max_size=3))),
                markers=tuple(mine),
            )
        )
    return Analysis(art, tuple(statements), article_markers)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(), min_size=1, max_size=3).flatmap(
        lambda xs: st.tuples(*(analyses_st(f"p{i}") for i in range(len(xs))))
    )
)
def test_every_record_round_trips_exactly(batch):
    with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "s.db") as s:
        assert s.put(batch, file="f", file_hash="h") == len(batch)
        back = list(s.analyses())
    want = [an for _, an in sorted(enumerate(batch), key=lambda t: (_order(t[1].article), t[0]))]
    assert back == want


def test_round_trip_keeps_none_speaker_apart_from_empty_speaker(tmp_path):
    art = Article(id="x", path="x.txt", text="A said B.", body=Span(0, 9))
    m1 = Marker("phased", "B", "b", Span(7, 8), steps=("case",))
    m_only = Marker("cvid", "A", "a", Span(0, 1), polarity="negated", negation=Span(2, 6))
    sts = (
        Statement(
            "x",
            Span(0, 9),
            "A said B.",
            "direct",
            speaker=None,
            parts=(Span(0, 1), Span(7, 9)),
            markers=(m1, m1),
        ),
        Statement(
            "x",
            Span(0, 9),
            "A said B.",
            "direct",
            speaker=Speaker(),
            cue=Span(2, 6),
            holders=("RUS", "CHN"),
            markers=(m_only,),
        ),
    )
    an = Analysis(art, sts, (m1, m1))
    with open_store(tmp_path / "s.db") as s:
        s.put([an], file="x.txt", file_hash="h")
        assert list(s.analyses()) == [an]
        assert s.stats().markers == 2  # the marker only in a statement is not in the list


def test_put_replaces_what_a_file_had(tmp_path):
    a = fake_analyze(_article("a.txt", "RUS backs a phased approach. CHN agrees.", "2019"))
    b = fake_analyze(_article("a.txt", "USA disagrees.", "2020"))
    with open_store(tmp_path / "s.db") as s:
        s.put([a], file="a.txt", file_hash="1")
        s.put([b], file="a.txt", file_hash="2")
        assert list(s.analyses()) == [b]
        st_ = s.stats()
        assert (st_.files, st_.articles, st_.statements, st_.markers) == (1, 1, 1, 0)
    assert count(tmp_path / "s.db", "SELECT count(*) FROM holders") == 1


# --------------------------------------------------------------------------------------
# Opening, schema, migrations


def test_new_store_has_schema_wal_and_foreign_keys(tmp_path):
    with open_store(tmp_path / "s.db") as s:
        c = s.connection
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000


def test_migrations_are_applied_in_order(tmp_path, monkeypatch):
    extra = "CREATE TABLE notes (article_pk INTEGER REFERENCES articles(pk), note TEXT);"
    with open_store(tmp_path / "s.db") as s:
        s.put([fake_analyze(_article("a", "RUS.", None))], file="a", file_hash="h")
    monkeypatch.setattr(store_mod, "MIGRATIONS", MIGRATIONS + (extra,))
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with open_store(tmp_path / "s.db") as s:
        assert s.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
        assert s.connection.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
        assert s.stats().articles == 1


def test_a_store_from_a_newer_positions_is_refused(tmp_path):
    db = tmp_path / "s.db"
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match=rf"s\.db: schema version {SCHEMA_VERSION + 1} is newer"):
        open_store(db)


@pytest.mark.parametrize(
    "content, message",
    [(b"hello, this is text" * 20, "not a positions store"), (None, "not a positions store")],
)
def test_what_is_not_a_store_is_one_error(tmp_path, content, message):
    db = tmp_path / "x.db"
    if content is None:
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE t (x)")
        conn.close()
    else:
        db.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        open_store(db)


def test_read_only_open_of_a_missing_store_fails(tmp_path):
    with pytest.raises(StoreError, match=r"nope\.db: no such store"):
        open_store(tmp_path / "nope.db", create=False)
    assert not (tmp_path / "nope.db").exists()


# --------------------------------------------------------------------------------------
# Ingest


def test_ingest_stores_everything_in_date_then_path_order(tmp_path, corpus):
    with open_store(tmp_path / "s.db") as s:
        result = ingest(s, [corpus])
        assert result == IngestResult(read=5, articles=5)
        back = list(s.analyses())
    assert back == expected([corpus])
    assert [Path(a.article.path).name for a in back] == [
        "2019-03-01_a.txt",
        "2020_c.txt",
        "2020-06_d.txt",
        "2021-12-23_b.txt",
        "undated.txt",
    ]
    check_consistent(tmp_path / "s.db")


def test_second_ingest_skips_unchanged_and_replaces_changed(tmp_path, corpus):
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
        assert ingest(s, [corpus]) == IngestResult(skipped=5)
        (corpus / "2020_c.txt").write_text("CHN talks of phased steps.", encoding="utf-8")
        (corpus / "2022_new.txt").write_text("PRK.", encoding="utf-8")
        assert ingest(s, [corpus]) == IngestResult(read=2, skipped=4, replaced=1, articles=2)
        assert list(s.analyses()) == expected([corpus])
        stats = s.stats()
    assert (stats.files, stats.articles, stats.statements) == (6, 6, 8)
    check_consistent(db)


def test_a_manifest_edit_re_reads_its_directory(tmp_path, corpus):
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        (corpus / "corpus.toml").write_text("[defaults]\nsource = 'X'\n", encoding="utf-8")
        assert ingest(s, [corpus]).replaced == 5


def test_another_analyzer_or_year_re_analyses(tmp_path, corpus):
    other = SlowAnalyzer(0, fingerprint="fake 2")
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        assert ingest(s, [corpus], analyze=other) == IngestResult(read=5, replaced=5, articles=5)
        assert ingest(s, [corpus], analyze=other).skipped == 5
        assert ingest(s, [corpus], analyze=other, year=2001).replaced == 5
        undated = [a for a in s.articles() if a.path.endswith("undated.txt")]
        assert undated[0].date == PartialDate(2001)
        assert s.stats().settings == ("fake 2; year=2001",)


def test_bad_files_are_reported_recorded_and_retried(tmp_path, corpus):
    (corpus / "2020_zbad.txt").write_text("BAD bytes", encoding="utf-8")
    (corpus / "2021_fail.txt").write_text("RUS FAIL.", encoding="utf-8")
    seen = []
    with open_store(tmp_path / "s.db") as s:
        r = ingest(s, [corpus], on_error=lambda p, e: seen.append((Path(p).name, str(e))))
        assert r == IngestResult(read=5, failed=2, articles=5)
        assert [(n, m.replace(str(corpus), "C")) for n, m in seen] == [
            ("2020_zbad.txt", "C/2020_zbad.txt: bad file"),
            ("2021_fail.txt", "C/2021_fail.txt: cannot analyse"),
        ]
        assert [(Path(p).name, e.replace(str(corpus), "C")) for p, e in s.file_errors()] == [
            ("2020_zbad.txt", "C/2020_zbad.txt: bad file"),
            ("2021_fail.txt", "C/2021_fail.txt: cannot analyse"),
        ]
        # A failed file is tried again, an unchanged good one is not.
        assert ingest(s, [corpus], on_error=lambda p, e: None) == IngestResult(skipped=5, failed=2)
        assert s.stats().failed_files == 2


def test_without_on_error_the_first_error_is_raised_and_earlier_files_stay(tmp_path, corpus):
    (corpus / "2020_zbad.txt").write_text("BAD bytes", encoding="utf-8")
    with open_store(tmp_path / "s.db") as s:
        with pytest.raises(SourceError, match="2020_zbad.txt: bad file"):
            ingest(s, [corpus])
        assert [Path(a.path).name for a in s.articles()] == [
            "2019-03-01_a.txt",
            "2020_c.txt",
            "2020-06_d.txt",
        ]


def test_an_export_is_one_transaction_with_its_good_rows(tmp_path):
    export = tmp_path / "e.jsonl"
    rows = [
        {"date": "2019", "text": "RUS backs phased steps."},
        "not json",
        {"date": "2018", "text": "CHN wants dialogue."},
    ]
    export.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    errors = []
    with open_store(tmp_path / "s.db") as s:
        r = ingest(s, [export], on_error=lambda p, e: errors.append(p))
        assert r == IngestResult(failed=1, articles=2)
        assert errors == [f"{export}#2"]
        assert [a.path for a in s.articles()] == [f"{export}#3", f"{export}#1"]


def test_an_analyzer_crash_leaves_no_part_of_its_file(tmp_path):
    export = tmp_path / "e.jsonl"
    good = json.dumps({"date": "2019", "text": "RUS backs phased steps."})
    crash = json.dumps({"date": "2019", "text": "CRASH."})
    export.write_text(f"{good}\n{crash}\n")
    (tmp_path / "2018_a.txt").write_text("CHN agrees.")
    db = tmp_path / "s.db"
    with open_store(db) as s:
        with pytest.raises(RuntimeError, match="analyzer bug"):
            ingest(s, [tmp_path / "2018_a.txt", export])
        assert [Path(a.path).name for a in s.articles()] == ["2018_a.txt"]
        assert s.stats().files == 1
    check_consistent(db)
    export.write_text(f"{good}\n")
    with open_store(db) as s:
        assert ingest(s, [tmp_path / "2018_a.txt", export]) == IngestResult(
            read=1, skipped=1, articles=1
        )


def test_progress_is_called_once_a_file(tmp_path, corpus):
    calls = []
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus], progress=lambda done, total: calls.append((done, total)))
    assert calls == [(i, 5) for i in range(1, 6)]


def _dump(db: Path) -> list:
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master"
                " WHERE type = 'table' AND name != 'meta' ORDER BY name"
            )
        ]
        return [(t, conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()) for t in tables]
    finally:
        conn.close()


def test_jobs_do_not_change_the_store(tmp_path, corpus):
    export = corpus / "rows.jsonl"
    export.write_text(
        "\n".join(
            json.dumps({"date": f"20{10 + i % 9}", "text": f"RUS said {i} phased things. CHN {i}."})
            for i in range(40)
        )
    )
    for jobs in (1, 2):
        with open_store(tmp_path / f"j{jobs}.db") as s:
            assert ingest(s, [corpus], jobs=jobs) == IngestResult(read=6, articles=45)
    one, two = _dump(tmp_path / "j1.db"), _dump(tmp_path / "j2.db")
    # mtime and paths are the same files; the rows must be identical, primary keys included.
    assert one == two


# --------------------------------------------------------------------------------------
# Reading


def test_analyses_filter_by_actor_and_period(tmp_path, corpus):
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        names = lambda **kw: [Path(a.article.path).name for a in s.analyses(**kw)]  # noqa: E731
        assert names(actor="PRK") == []  # named, but neither speaker nor holder
        assert names(actor="CHN") == ["2019-03-01_a.txt"]
        assert names(actor="USA") == ["2020_c.txt", "2021-12-23_b.txt"]
        assert names(since="2020", until="2020") == ["2020_c.txt", "2020-06_d.txt"]
        assert names(since="2020-06") == ["2020-06_d.txt", "2021-12-23_b.txt"]
        assert names(until="2019-03-01") == ["2019-03-01_a.txt"]
        assert names(since=PartialDate(2021), actor="RUS") == ["2021-12-23_b.txt"]
        with pytest.raises(StoreError, match="not a date"):
            names(since="last year")


def test_analyses_from_reads_the_store_with_the_same_filters(tmp_path, corpus):
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
    got = list(analyses_from([], db, actor="USA", since="2020"))
    want = [
        a
        for a in expected([corpus])
        if Path(a.article.path).name in ("2020_c.txt", "2021-12-23_b.txt")
    ]
    assert got == want
    with pytest.raises(StoreError, match="no such store"):
        list(analyses_from([], tmp_path / "missing.db"))


def test_filters_mean_the_same_in_the_store_and_in_memory(tmp_path, corpus):
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        everything = list(s.analyses())
        for actor in (None, "RUS", "USA", "JPN", "XXX"):
            for since, until in (
                (None, None),
                ("2020", None),
                (None, "2020-06"),
                ("2019-03", "2021"),
            ):
                in_sql = list(s.analyses(actor=actor, since=since, until=until))
                in_py = [
                    a
                    for a in everything
                    if store_mod.has_actor(a, actor)
                    and store_mod.in_period(a.article.date, since, until)
                ]
                assert in_sql == in_py, (actor, since, until)


def test_stats(tmp_path, corpus):
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        st_ = s.stats()
    assert attrs.evolve(st_, path="") == store_mod.StoreStats(
        path="",
        schema_version=SCHEMA_VERSION,
        files=5,
        failed_files=0,
        articles=5,
        statements=8,
        markers=6,
        first_date="2019-03-01",
        last_date="2021-12-23",
        settings=("fake 1; year=None",),
    )


def test_corpus_files_and_hash(tmp_path, corpus):
    assert [p.name for p in corpus_files([corpus, corpus / "undated.txt"])] == [
        "2019-03-01_a.txt",
        "2020-06_d.txt",
        "2020_c.txt",
        "2021-12-23_b.txt",
        "undated.txt",
    ]
    assert [p.name for p in corpus_files([str(corpus / "2020*")])] == [
        "2020-06_d.txt",
        "2020_c.txt",
    ]
    with pytest.raises(SourceError, match="nothing.txt: no such file"):
        corpus_files([tmp_path / "nothing.txt"])
    f = corpus / "undated.txt"
    plain = file_hash(f)
    assert plain == hashlib.sha256(f.read_bytes()).hexdigest()
    (corpus / "corpus.toml").write_text("[defaults]\n")
    assert file_hash(f) != plain


# --------------------------------------------------------------------------------------
# Processes: crash and concurrency

_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_store import SlowAnalyzer, fake_read
    from positions.store import open_store
    with open_store({db!r}) as s:
        r = s.ingest([{corpus!r}], analyze=SlowAnalyzer({delay}), read=fake_read, jobs={jobs})
    print(r.read, r.skipped)
    """
)


def _child(db: Path, corpus: Path, delay: float, jobs: int = 1) -> subprocess.Popen:
    code = _CHILD.format(tests=str(HERE), db=str(db), corpus=str(corpus), delay=delay, jobs=jobs)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def _many(d: Path, n: int) -> Path:
    d.mkdir()
    for i in range(n):
        (d / f"20{10 + i % 10}-0{1 + i % 9}_{i:03d}.txt").write_text(
            f"RUS said {i} phased things. CHN answered {i}. USA wants sanctions.", encoding="utf-8"
        )
    # One export, so that a kill can land inside a many-article transaction too.
    (d / "rows.jsonl").write_text(
        "\n".join(
            json.dumps({"date": "2015", "text": f"KOR {i} wants dialogue."}) for i in range(30)
        )
    )
    return d


def _writer_active(db: Path) -> bool:
    """Whether another connection holds the write lock (is inside a transaction)."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def test_sigkill_mid_ingest_leaves_a_consistent_store_and_a_rerun_completes(tmp_path):
    corpus = _many(tmp_path / "c", 60)
    db = tmp_path / "s.db"
    open_store(db).close()
    proc = _child(db, corpus, delay=0.01)
    try:
        # Kill it inside the transaction of the export (read last), after the 60 text files
        # have been committed one by one.
        deadline = time.monotonic() + 60
        while count(db, "SELECT count(*) FROM articles") < 60 or not _writer_active(db):
            assert proc.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    check_consistent(db)
    with open_store(db) as s:
        assert s.stats().articles == 60  # the export's rows are all there or none
        assert count(db, "SELECT count(*) FROM articles WHERE path LIKE '%rows.jsonl#%'") == 0
        assert ingest(s, [corpus]) == IngestResult(read=1, skipped=60, articles=30)
        assert list(s.analyses()) == expected([corpus])
    check_consistent(db)


def test_two_ingests_at_once_neither_corrupt_nor_duplicate(tmp_path):
    corpus = _many(tmp_path / "c", 80)
    db = tmp_path / "s.db"
    procs = [_child(db, corpus, delay=0.002), _child(db, corpus, delay=0.002, jobs=2)]
    outs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    read_skipped = [tuple(map(int, o.split())) for o in outs]
    assert all(r + s == 81 for r, s in read_skipped)
    check_consistent(db)
    assert count(db, "SELECT count(*) FROM files") == 81
    assert count(db, "SELECT count(*) FROM articles") == 110
    assert count(db, "SELECT count(*) FROM (SELECT DISTINCT path FROM articles)") == 110
    with open_store(db) as s:
        assert list(s.analyses()) == expected([corpus])


def test_a_single_path_is_not_iterated_character_by_character(tmp_path, corpus):
    with open_store(tmp_path / "s.db") as s:
        assert ingest(s, str(corpus)).read == 5


_bounds = st.none() | st.sampled_from(
    ["2019", "2020", "2021", "2019-06", "2020-01", "2020-12", "2020-06-15", "2021-02-28"]
)


@settings(max_examples=60, deadline=None)
@given(since=_bounds, until=_bounds)
def test_period_filter_in_sql_is_the_python_one(since, until):
    dates = [
        None,
        "2019",
        "2019-06",
        "2019-06-30",
        "2020",
        "2020-06",
        "2020-06-15",
        "2020-12-31",
        "2021",
        "2021-02-28",
    ]
    with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "s.db") as s:
        if not s.stats().articles:
            s.put(
                [fake_analyze(_article(f"p{i}", "RUS.", dt)) for i, dt in enumerate(dates)],
                file="f",
                file_hash="h",
            )
        got = [a.path for a in s.articles(since=since, until=until)]
        want = [a.path for a in s.articles() if store_mod.in_period(a.date, since, until)]
    assert got == want


def test_a_store_locked_too_long_is_one_store_error(tmp_path, corpus, monkeypatch):
    db = tmp_path / "s.db"
    open_store(db).close()
    monkeypatch.setattr(store_mod, "BUSY_TIMEOUT_MS", 50)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with open_store(db) as s:
            with pytest.raises(StoreError, match=r"s\.db: database is locked"):
                ingest(s, [corpus])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    check_consistent(db)


def test_skips_are_handed_on_in_order_across_reader_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(store_mod, "SIDE_LIMIT", 3)
    corpus = _many(tmp_path / "c", 20)
    calls = []
    with open_store(tmp_path / "s.db") as s:
        ingest(s, [corpus])
        (corpus / "2011-02_001.txt").write_text("CHN changed its mind.")
        (corpus / "2018-01_018.txt").write_text("USA too.")
        r = ingest(s, [corpus], progress=lambda done, total: calls.append(done))
        assert r == IngestResult(read=2, skipped=19, replaced=2, articles=2)
        assert calls == list(range(1, 22))
        assert list(s.analyses()) == expected([corpus])


# --------------------------------------------------------------------------------------
# Files removed from a corpus: counted, and with prune removed

_TABLES = ("files", "articles", "statements", "holders", "markers", "statement_markers")


def table_counts(db: Path) -> dict[str, int]:
    return {t: count(db, f"SELECT count(*) FROM {t}") for t in _TABLES}


def fresh_counts(tmp_path: Path, corpus: Path) -> dict[str, int]:
    """The rows a new store holds after ingesting ``corpus`` as it is now."""
    db = tmp_path / "fresh.db"
    with open_store(db) as s:
        ingest(s, [corpus])
    return table_counts(db)


@pytest.mark.parametrize("jobs", [1, 2])
def test_missing_files_are_counted_and_with_prune_removed_with_all_their_rows(
    tmp_path, corpus, jobs
):
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
        before = table_counts(db)
        (corpus / "2021-12-23_b.txt").unlink()  # 2 statements, 2 holders, 2 markers
        (corpus / "undated.txt").unlink()  # 1 statement, 1 holder
        assert ingest(s, [corpus], jobs=jobs) == IngestResult(skipped=3, missing=Missing(2, 2))
        assert table_counts(db) == before
        assert ingest(s, [corpus], jobs=jobs, prune=True) == IngestResult(
            skipped=3, missing=Missing(2, 2, pruned=True)
        )
        assert list(s.analyses()) == expected([corpus])
        assert ingest(s, [corpus], prune=True) == IngestResult(
            skipped=3, missing=Missing(pruned=True)
        )
    after = table_counts(db)
    assert after == fresh_counts(tmp_path, corpus)
    assert {t: before[t] - after[t] for t in _TABLES} == {
        "files": 2,
        "articles": 2,
        "statements": 3,
        "holders": 3,
        "markers": 2,
        "statement_markers": 2,
    }
    check_consistent(db)


def test_prune_touches_only_the_paths_given(tmp_path, corpus):
    other = tmp_path / "corpus2"  # a name that begins with the other's name
    other.mkdir()
    (other / "2018_x.txt").write_text("CHN wants dialogue.", encoding="utf-8")
    (other / "2018_y.txt").write_text("USA wants sanctions.", encoding="utf-8")
    lone = tmp_path / "2017_lone.txt"
    lone.write_text("RUS is ready.", encoding="utf-8")
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus, other, lone])
        for f in (corpus / "2020_c.txt", other / "2018_x.txt", lone):
            f.unlink()
        # A file given covers itself only; a directory every file under it.
        assert ingest(s, [other / "2018_y.txt"], prune=True).missing == Missing(pruned=True)
        assert ingest(s, [corpus], prune=True).missing == Missing(1, 1, pruned=True)
        assert ingest(s, [other]).missing == Missing(1, 1)
        names = sorted(Path(a.path).name for a in s.articles())
    assert names == [
        "2017_lone.txt",
        "2018_x.txt",
        "2018_y.txt",
        "2019-03-01_a.txt",
        "2020-06_d.txt",
        "2021-12-23_b.txt",
        "undated.txt",
    ]
    check_consistent(db)


def test_a_failed_file_is_not_missing(tmp_path, corpus):
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
        (corpus / "2020_c.txt").write_text("BAD now.", encoding="utf-8")
        (corpus / "undated.txt").unlink()
        r = ingest(s, [corpus], prune=True, on_error=lambda *_: None)
        assert r == IngestResult(
            skipped=3, failed=1, replaced=1, missing=Missing(1, 1, pruned=True)
        )
        assert [Path(p).name for p, _ in s.file_errors()] == ["2020_c.txt"]
        assert s.stats().files == 4
    check_consistent(db)


def test_a_directory_that_cannot_be_listed_is_reported_and_not_pruned(
    tmp_path, corpus, monkeypatch
):
    sub = corpus / "sub"
    sub.mkdir()
    (sub / "2018_s.txt").write_text("KOR agrees.", encoding="utf-8")
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
    walk = os.walk

    def unlistable(top, onerror=None, **kw):  # as os.walk does when scandir(sub) fails
        for dirpath, dirnames, filenames in walk(top, onerror=onerror, **kw):
            if Path(dirpath) == sub:
                onerror(PermissionError(13, "Permission denied", dirpath))
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(os, "walk", unlistable)
    (corpus / "undated.txt").unlink()
    seen = []
    with open_store(db) as s:
        r = ingest(s, [corpus], prune=True, on_error=lambda p, e: seen.append(str(e)))
        assert r == IngestResult(skipped=4, failed=1, missing=Missing(1, 1, pruned=True))
        assert seen == [f"{sub}: cannot read: Permission denied"]
        assert [Path(a.path).name for a in s.articles() if "sub" in a.path] == ["2018_s.txt"]


def test_store_prune_lists_without_reading(tmp_path, corpus):
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
        (corpus / "2020_c.txt").unlink()
        (corpus / "2019-03-01_a.txt").write_text("changed, not read by a prune")
        with pytest.raises(SourceError, match="nope: no such file"):
            s.prune([corpus, tmp_path / "nope"])
        assert s.stats().files == 5  # an error without on_error: nothing removed
        errors = []
        assert s.prune([corpus, tmp_path / "nope"], on_error=lambda p, e: errors.append(p)) == (
            Missing(1, 1, pruned=True)
        )
        assert errors == [str(tmp_path / "nope")]
        assert s.prune(str(corpus)) == Missing(pruned=True)
        assert s.stats().files == 4
        assert [a.text for a in s.articles()][0] == "RUS backs a phased approach. CHN agrees."
    check_consistent(db)


_UNDER_C = "c c/a.txt c/x.txt/y.md c/d/b.md c/d/e/f.md c/dx.txt c/z.md c/.h/x.txt".split()


@pytest.mark.parametrize(
    "given, covered",
    [
        ("c", _UNDER_C),
        ("c/*.txt", ["c/a.txt", "c/x.txt/y.md", "c/dx.txt"]),  # and what is under a match
        ("c/**/*.md", ["c/x.txt/y.md", "c/d/b.md", "c/d/e/f.md", "c/z.md"]),  # not hidden
        ("c/d*", ["c/d/b.md", "c/d/e/f.md", "c/dx.txt"]),
        ("*/a.txt", ["c/a.txt", "c2/a.txt", "e/a.txt"]),
        ("c/.h/*", ["c/.h/x.txt"]),
        ("c/a.txt", ["c/a.txt"]),
        ("c/gone.txt", []),
    ],
)
def test_what_a_corpus_path_covers(tmp_path, monkeypatch, given, covered):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("x")
    keys = _UNDER_C + ["c2/a.txt", "e/a.txt", "e/.a.txt"]
    real = os.path.realpath(tmp_path)
    covers = covered_by(given)
    assert [k for k in keys if covers(os.path.join(real, k))] == covered


_PRUNE_CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_store import fake_analyze, fake_read
    from positions.store import open_store
    deletes = 0

    def pause_after_the_first_delete(sql):
        global deletes
        if sql.startswith("DELETE FROM files"):
            deletes += 1
            if deletes == 2:  # the first file is gone, inside the prune's transaction
                print("mid-prune", flush=True)
                sys.stdin.readline()  # wait here to be killed

    with open_store({db!r}) as s:
        s.connection.set_trace_callback(pause_after_the_first_delete)
        s.ingest([{corpus!r}], analyze=fake_analyze, read=fake_read, prune=True)
    """
)


def test_sigkill_mid_prune_removes_nothing_and_a_rerun_prunes_all(tmp_path):
    corpus = _many(tmp_path / "c", 20)
    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
    before = table_counts(db)
    gone = sorted(corpus.glob("*.txt"))[::4] + [corpus / "rows.jsonl"]
    for f in gone:
        f.unlink()
    code = _PRUNE_CHILD.format(tests=str(HERE), db=str(db), corpus=str(corpus))
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline() == "mid-prune\n"
        assert _writer_active(db)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    check_consistent(db)
    assert table_counts(db) == before  # one transaction: all of the prune or none of it
    with open_store(db) as s:
        assert ingest(s, [corpus], prune=True) == IngestResult(
            skipped=15, missing=Missing(6, 35, pruned=True)
        )
        assert list(s.analyses()) == expected([corpus])
    check_consistent(db)
    assert table_counts(db) == fresh_counts(tmp_path, corpus)


def test_a_snapshot_reads_the_same_store_while_another_ingest_writes(tmp_path, corpus):
    from positions.store.read import snapshot

    db = tmp_path / "s.db"
    with open_store(db) as s:
        ingest(s, [corpus])
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "2022-01-01_e.txt").write_text("RUS wants dialogue.", encoding="utf-8")
    with open_store(db, create=False) as reader, snapshot(reader.connection):
        first = list(reader.analyses())
        with open_store(db) as writer:
            ingest(writer, [extra])
        assert list(reader.analyses()) == first
        assert reader.stats().articles == 5
    with open_store(db, create=False) as reader:
        assert reader.stats().articles == 6
