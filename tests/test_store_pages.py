"""A PDF's page numbers (and its author) through the store and the dataset: what is read
directly and what is read back after ``positions ingest`` are the same records, and so the
same report, byte for byte, "p. N" labels included; an older store or dataset still opens."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_writer import pdf_bytes
from test_store import page_offsets

from positions.cli import main
from positions.errors import StoreError
from positions.model import Analysis, Article, Span
from positions.store import analyses_from, open_store
from positions.store import schema as schema_mod
from positions.store.records import ARTICLE_COLS, pages_from

# Our own words, in the layouts of a UN verbatim record (a speaker per label, running heads
# and footers, a document symbol) and of a ministry statement (a footer on every page).
RECORD = [
    [
        "United Nations                                        S/PV.9901",
        "Security Council",
        "Eightieth year                                9901st meeting",
        "Tuesday, 14 October 2025, 3 p.m.",
        "New York",
        "The President: I give the floor to the representative of the Russian Federation.",
        "25-10001 (E)",
    ],
    [
        "S/PV.9901               The situation in Asia               14/10/2025",
        "Mr. Orlov (Russian Federation) (spoke in Russian): We hold that only a phased and",
        "synchronized approach can bring the parties back to the negotiating table.",
        "2/4                                                        25-10001",
    ],
    [
        "14/10/2025               The situation in Asia               S/PV.9901",
        "Mr. Wang (China) (spoke in Chinese): China asks all sides to keep calm and to",
        "resume dialogue without preconditions.",
        "25-10001                                                        3/4",
    ],
    [
        "S/PV.9901               The situation in Asia               14/10/2025",
        "Mr. Park (Republic of Korea): We call for the complete denuclearization of the",
        "Korean Peninsula through diplomatic means.",
        "The meeting rose at 5.10 p.m.",
        "4/4                                                        25-10001",
    ],
]
FOOTER = "Ministry of Foreign Affairs | Information Office | www.mfa.example.net"
STATEMENT = [
    ["Statement of the Ministry on the Talks", "2 March 2024",
     "The Ministry welcomes the readiness of the parties to resume talks.", FOOTER],
    ["It believes that a comprehensive settlement can be reached step by step.", FOOTER],
]  # fmt: skip


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "S-PV.9901.pdf").write_bytes(pdf_bytes(RECORD, title="Microsoft Word - 2510001.docx"))
    (d / "statement.pdf").write_bytes(pdf_bytes(STATEMENT, title="Statement on the Talks", author="MFA Press"))
    (d / "2024-03-05-wire.txt").write_text(
        "MOSCOW, March 5. Russia's envoy said Moscow is ready to support the resumption of dialogue.\n",
        encoding="utf-8",
    )
    return d


def _ok(result):
    assert result.exit_code == 0, result.stderr
    return result


def _files(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def _ordered(analyses):
    """In the store's order: date (undated last), then path."""
    return sorted(analyses, key=lambda a: (a.article.date is None, a.article.date.iso() if a.article.date else "", a.article.path))


def _direct(corpus: Path) -> list[Analysis]:
    return _ordered(analyses_from([corpus]))


def test_the_corpus_has_pages_and_an_author_to_keep(corpus):
    direct = {Path(a.article.path).name: a.article for a in _direct(corpus)}
    assert len(direct["S-PV.9901.pdf"].pages) == 4
    assert direct["statement.pdf"].pages == (0, direct["statement.pdf"].text.index("It believes"))
    assert direct["statement.pdf"].author == "MFA Press"
    assert direct["2024-03-05-wire.txt"].pages == ()


def test_store_and_dataset_give_back_the_analyses_read_directly(runner, corpus, tmp_path):
    pytest.importorskip("duckdb")
    from positions.dataset import open_dataset

    db, ds = tmp_path / "c.db", tmp_path / "ds"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(db)]))
    _ok(runner.invoke(main, ["ingest", str(corpus), "--dataset", str(ds)]))
    direct = _direct(corpus)
    with open_store(db, create=False) as store:
        stored = list(store.analyses())
    with open_dataset(ds) as d:
        from_dataset = list(d.analyses())
    assert stored == direct
    assert from_dataset == direct
    assert [a.article.pages != () for a in stored] == [True, False, True]  # statement, wire, record


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_report_of_the_corpus_is_the_report_of_its_store_and_of_its_dataset(runner, corpus, tmp_path, fmt):
    pytest.importorskip("duckdb")
    db, ds = tmp_path / "c.db", tmp_path / "ds"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(db)]))
    _ok(runner.invoke(main, ["ingest", str(corpus), "--dataset", str(ds)]))
    outs = {name: tmp_path / f"r-{name}" for name in ("direct", "db", "dataset")}
    _ok(runner.invoke(main, ["report", str(corpus), "--out", str(outs["direct"]), "--format", fmt]))
    _ok(runner.invoke(main, ["report", "--db", str(db), "--out", str(outs["db"]), "--format", fmt]))
    _ok(runner.invoke(main, ["report", "--dataset", str(ds), "--out", str(outs["dataset"]), "--format", fmt]))
    direct = _files(outs["direct"])
    assert _files(outs["db"]) == direct
    assert _files(outs["dataset"]) == direct
    text = b"".join(direct.values()).decode("utf-8")
    for label in ("S-PV.9901.pdf s1, p. 2", "S-PV.9901.pdf s2, p. 3", "S-PV.9901.pdf s3, p. 4"):
        assert label in text


def test_articles_lists_the_same_pages_and_author_from_a_store(runner, corpus, tmp_path):
    db = tmp_path / "c.db"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(db)]))
    direct = json.loads(_ok(runner.invoke(main, ["articles", str(corpus), "--format", "json"])).stdout)
    stored = json.loads(_ok(runner.invoke(main, ["articles", "--db", str(db), "--format", "json"])).stdout)
    rows = {Path(r["path"]).name: r for r in direct}
    assert (rows["S-PV.9901.pdf"]["pages"], rows["statement.pdf"]["pages"], rows["statement.pdf"]["author"]) == (4, 2, "MFA Press")
    assert sorted(stored, key=lambda r: r["path"]) == sorted(direct, key=lambda r: r["path"])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_carries_the_page_offsets_and_the_author(runner, corpus, tmp_path, fmt):
    db, out = tmp_path / "c.db", tmp_path / "tables"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(db)]))
    _ok(runner.invoke(main, ["export", "--db", str(db), "--format", fmt, str(out)]))
    text = (out / f"articles.{fmt}").read_text(encoding="utf-8")
    if fmt == "csv":
        import csv

        rows = list(csv.DictReader(text.splitlines()))
        got = {Path(r["path"]).name: (json.loads(r["pages"]), r["author"]) for r in rows}
    else:
        rows = [json.loads(line) for line in text.splitlines()]
        got = {Path(r["path"]).name: (r["pages"], r["author"] or "") for r in rows}
    direct = {Path(a.article.path).name: (list(a.article.pages), a.article.author or "") for a in _direct(corpus)}
    assert got == direct


# --------------------------------------------------------------------------------------
# Older stores and datasets


def downgraded(new: Path, old: Path, version: int = 2) -> None:
    """``old``: the store ``new`` as positions wrote it at schema ``version`` (that version's
    DDL; every row of the core tables, but the columns later versions added; the index
    tables of version 2 as its triggers fill them)."""
    conn = sqlite3.connect(old, isolation_level=None)
    for script in schema_mod.MIGRATIONS[:version]:
        for stmt in schema_mod._statements(script):
            conn.execute(stmt)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("ATTACH DATABASE ? AS new", (str(new),))
    conn.execute("BEGIN")
    for table in ("files", "articles", "statements", "holders", "markers", "statement_markers"):
        cols = ", ".join(r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (table,)))
        conn.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM new.{table}")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE new")
    conn.close()


def test_an_old_store_opens_without_pages_and_the_next_ingest_brings_them_back(runner, corpus, tmp_path):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(new)]))
    downgraded(new, old)
    direct = _direct(corpus)
    with open_store(old, create=False) as store:  # migrated in place, once
        assert store.stats().schema_version == schema_mod.SCHEMA_VERSION == 3
        back = list(store.analyses())
        stale = dict(store.connection.execute("SELECT path, hash FROM files"))
    assert [a.article.pages for a in back] == [()] * 3
    assert [a.article.author for a in back] == [None] * 3
    for was, now in zip(direct, back):
        assert Analysis(was.article.__class__(**{**_fields(was.article), "pages": (), "author": None}),
                        was.statements, was.markers) == now  # fmt: skip
    assert {Path(p).name: h == "" for p, h in stale.items()} == {
        "S-PV.9901.pdf": True, "statement.pdf": True, "2024-03-05-wire.txt": False}  # fmt: skip
    again = _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(old)]))
    assert again.stdout == (
        f"{old}: 3 files: 2 read (2 replaced), 1 unchanged, 0 failed;"
        " the store holds 3 articles, 5 statements, 11 markers\n"
    )
    with open_store(old, create=False) as store:
        assert list(store.analyses()) == direct


def _fields(article: Article) -> dict:
    import attrs

    return attrs.asdict(article, recurse=False)


def test_an_old_store_of_the_old_ddl_reports_as_its_articles_without_pages(runner, corpus, tmp_path):
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(new)]))
    downgraded(new, old)
    out = tmp_path / "r"
    _ok(runner.invoke(main, ["report", "--db", str(old), "--out", str(out), "--format", "markdown"]))
    text = "".join(p.read_text(encoding="utf-8") for p in out.glob("*.md"))
    assert "S-PV.9901.pdf s1" in text and ", p. " not in text


def test_an_old_dataset_without_the_columns_reads_and_a_mixed_one_too(corpus, tmp_path):
    pytest.importorskip("duckdb")
    import pyarrow.parquet as pq

    from positions.dataset import DatasetWriter, open_dataset

    direct = _direct(corpus)
    root = tmp_path / "ds"
    with DatasetWriter(root) as w:
        for i, an in enumerate(direct):
            w.add_file(f"/c/{i}", [an], file_hash=f"h{i}", settings="s")
    for part in (root / "articles").rglob("*.parquet"):  # as positions wrote it before
        pq.write_table(pq.read_table(part).drop_columns(["pages", "author"]), part)
    blank = [Analysis(Article(**{**_fields(a.article), "pages": (), "author": None}), a.statements, a.markers)
             for a in direct]  # fmt: skip
    with open_dataset(root) as ds:
        assert list(ds.analyses()) == blank
    with DatasetWriter(root) as w:  # a newer batch replaces the PDF of the record, with its pages
        w.add_file("/c/2", [direct[2]], file_hash="h2b", settings="s")
    with open_dataset(root) as ds:
        assert list(ds.analyses()) == [*blank[:2], direct[2]]
        assert ds.sql("SELECT count(*) FROM articles WHERE pages IS NULL").fetchone()[0] == 2


def test_ingest_reads_again_the_pdfs_of_an_old_dataset(runner, corpus, tmp_path):
    pytest.importorskip("duckdb")
    import pyarrow.parquet as pq

    from positions.dataset import open_dataset

    ds = tmp_path / "ds"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--dataset", str(ds)]))
    for part in (ds / "articles").rglob("*.parquet"):
        pq.write_table(pq.read_table(part).drop_columns(["pages", "author"]), part)
    again = _ok(runner.invoke(main, ["ingest", str(corpus), "--dataset", str(ds)]))
    assert "2 read (2 replaced), 1 unchanged" in again.stdout, again.stdout
    with open_dataset(ds) as d:
        assert list(d.analyses()) == _direct(corpus)
    third = _ok(runner.invoke(main, ["ingest", str(corpus), "--dataset", str(ds)]))
    assert "0 read (0 replaced), 3 unchanged" in third.stdout, third.stdout


# --------------------------------------------------------------------------------------
# Damage: one line, never a traceback


@pytest.mark.parametrize("value", ["[5, 2]", "[0, 99999]", "[0.5]", "[true]", '{"1": 2}', "not json", "null"])
def test_a_damaged_pages_value_is_one_line(runner, corpus, tmp_path, value):
    db = tmp_path / "c.db"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--db", str(db)]))
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE articles SET pages = ? WHERE path LIKE '%statement.pdf'", (value,))
    conn.close()
    result = runner.invoke(main, ["report", "--db", str(db), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"positions: the store {db} is damaged: a row does not read back (")
    assert lines[0].endswith(f"run `positions ingest CORPUS --db {db} --rebuild`")


def test_damaged_pages_in_a_dataset_are_one_line(runner, corpus, tmp_path):
    pytest.importorskip("duckdb")
    import pyarrow as pa
    import pyarrow.parquet as pq

    ds = tmp_path / "ds"
    _ok(runner.invoke(main, ["ingest", str(corpus), "--dataset", str(ds)]))
    for part in (ds / "articles").rglob("*.parquet"):
        t = pq.read_table(part)
        i = t.schema.get_field_index("pages")
        pages = pa.array([list(reversed(p)) for p in t.column("pages").to_pylist()], pa.list_(pa.int64()))
        pq.write_table(t.set_column(i, "pages", pages), part)
    result = runner.invoke(main, ["report", "--dataset", str(ds), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"positions: {ds}: a row of ")
    assert "ValueError: pages [" in lines[0]


def test_pages_from_refuses_what_positions_never_writes():
    assert pages_from("[]", "") == () and pages_from(None, "abc") == ()
    assert pages_from([0, 3, 3], "abc") == (0, 3, 3)
    for bad in ("[1, 0]", "[4]", "[-1]", "[0.0]", "[true]", '"0"', "{}", [0, "1"]):
        with pytest.raises(ValueError):
            pages_from(bad, "abc")
    db = Path(tempfile.mkdtemp()) / "w.db"
    with open_store(db) as store, pytest.raises(ValueError, match=r"pages \[2, 0\] are not offsets into the text \(0 to 3\) in order"):  # nor written
        store.put([Analysis(Article("a", "a.pdf", "abc", Span(0, 3), pages=(2, 0)))], file="a", file_hash="h")
    with pytest.raises(StoreError, match="damaged"):  # through a store's reading
        db = Path(tempfile.mkdtemp()) / "s.db"
        with open_store(db) as store:
            store.put([Analysis(Article("a", "a.pdf", "abc", Span(0, 3), pages=(0, 2)))], file="a", file_hash="h")
            store.connection.execute("UPDATE articles SET pages = '[2, 0]'")
            list(store.analyses())


# --------------------------------------------------------------------------------------
# Any page offsets round-trip


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40).flatmap(lambda t: st.tuples(st.just(t), page_offsets(len(t)), st.none() | st.text(max_size=8))))
def test_any_non_decreasing_page_offsets_round_trip(case):
    text, pages, author = case
    art = Article(id="a", path="a.pdf", text=text, body=Span(0, len(text)), layout="pdf", pages=pages, author=author)
    with tempfile.TemporaryDirectory() as d, open_store(Path(d) / "s.db") as store:
        store.put([Analysis(art)], file="a.pdf", file_hash="h")
        assert [a.article for a in store.analyses()] == [art]
        raw = store.connection.execute("SELECT pages FROM articles").fetchone()[0]
    assert json.loads(raw) == list(pages)
    assert "pages, author" in ARTICLE_COLS
