"""The Parquet dataset: exact round trips, the commit rule, incremental ingest, export, and
read commands with --dataset equal to their --db twins."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

from click.testing import CliRunner  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from test_store import _order, analyses_st, fake_analyze, fake_read  # noqa: E402

from positions.cli import main  # noqa: E402
from positions.dataset import DatasetWriter, export_store, ingest_dataset, open_dataset  # noqa: E402
from positions.errors import DatasetError  # noqa: E402
from positions.model import Analysis, Article, Span  # noqa: E402
from positions.store import open_store  # noqa: E402


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(), min_size=1, max_size=3).flatmap(
        lambda xs: st.tuples(*(analyses_st(f"p{i}") for i in range(len(xs))))
    )
)
def test_every_record_round_trips_exactly(batch):
    with tempfile.TemporaryDirectory() as d:
        with DatasetWriter(Path(d) / "ds") as w:
            assert w.add_file("/f", list(batch), file_hash="h", settings="s") == len(batch)
        with open_dataset(Path(d) / "ds") as ds:
            back = list(ds.analyses())
    want = [an for _, an in sorted(enumerate(batch), key=lambda t: (_order(t[1].article), t[0]))]
    assert back == want


def _analysis(i: int, country: str = "RUS") -> Analysis:
    art = Article(id=f"a{i}", path=f"/c/{i}.txt", text=f"text {i}", body=Span(0, 6), country=country)
    return Analysis(art)


def test_layout_partitions_by_year_and_actor(tmp_path):
    from positions.model import PartialDate
    import attrs

    a = attrs.evolve(_analysis(1).article, date=PartialDate(2019, 3))
    with DatasetWriter(tmp_path / "ds") as w:
        w.add_file("/c/1.txt", [Analysis(a)], file_hash="h1", settings="s")
        w.add_file("/c/2.txt", [_analysis(2, country="a/b")], file_hash="h2", settings="s")
    names = sorted(str(p.relative_to(tmp_path / "ds")) for p in (tmp_path / "ds").rglob("*.parquet"))
    assert names == [
        "_catalog/b00000001.parquet",
        "articles/year=2019/actor=RUS/b00000001.parquet",
        "articles/year=none/actor=other/b00000001.parquet",
    ]
    with open_dataset(tmp_path / "ds") as ds:
        assert ds.sql("SELECT year, actor, country FROM articles ORDER BY file").fetchall() == [
            ("2019", "RUS", "RUS"), ("none", "other", "a/b")]  # fmt: skip


def test_a_batch_without_its_catalog_part_is_never_read_and_then_removed(tmp_path):
    root = tmp_path / "ds"
    with DatasetWriter(root, batch_files=1) as w:
        w.add_file("/c/1.txt", [_analysis(1)], file_hash="h1", settings="s")
    with pytest.raises(RuntimeError):
        with DatasetWriter(root) as w:
            w.add_file("/c/1.txt", [_analysis(9)], file_hash="h9", settings="s")
            w.add_file("/c/2.txt", [_analysis(2)], file_hash="h2", settings="s")
            w.flush()
            (root / "_catalog" / "b00000002.parquet").unlink()  # as if killed before its commit
            raise RuntimeError("killed")
    orphan = root / "articles" / "year=none" / "actor=RUS" / "b00000002.parquet"
    assert orphan.exists()
    with open_dataset(root) as ds:
        assert [a.article.id for a in ds.analyses()] == ["a1"]
    with DatasetWriter(root) as w:
        assert w.batch == 3
    assert not orphan.exists()


def test_a_replaced_file_reads_as_its_new_version_only(tmp_path):
    root = tmp_path / "ds"
    with DatasetWriter(root) as w:
        w.add_file("/c/1.txt", [_analysis(1), _analysis(2)], file_hash="h1", settings="s")
    with DatasetWriter(root) as w:
        assert w.lookup("/c/1.txt") == ("h1", "s", "ok")
        w.add_file("/c/1.txt", [_analysis(3)], file_hash="h2", settings="s", errors=["bad row"])
    with open_dataset(root) as ds:
        assert [a.article.id for a in ds.analyses()] == ["a3"]
        assert ds.sql("SELECT file, hash, status, error FROM files").fetchall() == [
            ("/c/1.txt", "h2", "error", "bad row")]  # fmt: skip
        assert (ds.stats().files, ds.stats().failed_files, ds.stats().articles) == (1, 1, 1)


def test_one_writer_at_a_time(tmp_path):
    with DatasetWriter(tmp_path / "ds"):
        with pytest.raises(DatasetError, match="another ingest is writing this dataset"):
            with DatasetWriter(tmp_path / "ds"):
                pass


def test_a_directory_of_other_files_is_not_a_dataset(tmp_path):
    (tmp_path / "mine.txt").write_text("x")
    with pytest.raises(DatasetError, match="not a positions dataset"):
        with DatasetWriter(tmp_path):
            pass
    with pytest.raises(DatasetError, match="no such dataset"):
        open_dataset(tmp_path)


def test_ingest_is_incremental_by_content_hash(tmp_path):

    d = tmp_path / "corpus"
    d.mkdir()
    (d / "2019-03-01_a.txt").write_text("RUS backs a phased approach. CHN agrees.", encoding="utf-8")
    (d / "2020_c.txt").write_text("USA keeps sanctions. Nobody talks.", encoding="utf-8")
    root = tmp_path / "ds"
    first = ingest_dataset(root, [d], analyze=fake_analyze, read=fake_read)
    assert (first.read, first.skipped, first.articles) == (2, 0, 2)
    again = ingest_dataset(root, [d], analyze=fake_analyze, read=fake_read)
    assert (again.read, again.skipped, again.articles) == (0, 2, 0)
    (d / "2020_c.txt").write_text("USA keeps sanctions. KOR talks.", encoding="utf-8")
    third = ingest_dataset(root, [d], analyze=fake_analyze, read=fake_read)
    assert (third.read, third.skipped, third.replaced) == (1, 1, 1)
    with open_store(tmp_path / "s.db") as s:
        s.ingest([d], analyze=fake_analyze, read=fake_read)
        want = list(s.analyses())
    with open_dataset(root) as ds:
        assert list(ds.analyses()) == want
        for actor, since in (("RUS", None), ("USA", "2020"), ("KOR", None), ("JPN", None)):
            with open_store(tmp_path / "s.db") as s:
                assert list(ds.analyses(actor=actor, since=since)) == list(s.analyses(actor=actor, since=since))


# --------------------------------------------------------------------------------------
# The CLI: --dataset twins of --db, export


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """The bundled corpus, ingested once into a store and once into a dataset."""
    d = tmp_path_factory.mktemp("twins")
    r = CliRunner()
    res = r.invoke(main, ["ingest", "--db", str(d / "s.db")])
    assert res.exit_code == 0, res.output
    res = r.invoke(main, ["ingest", "--dataset", str(d / "ds")])
    assert res.exit_code == 0, res.output
    assert res.output == f"{d / 'ds'}: 55 files: 55 read (0 replaced), 0 unchanged, 0 failed; the dataset holds 55 articles, 285 statements, 506 markers\n"
    return d


KOREA = str(Path(__file__).resolve().parents[1] / "fixtures" / "korea") + "/"

TWINS = [
    ["timeline"],
    ["timeline", "--actor", "RUS", "--by", "month", "--format", "json"],
    ["compare", "--actors", "RUS,CHN,USA", "--period", "2019"],
    ["diff", "--actor", "CHN", "--format", "markdown"],
    ["diff", "--format", "json"],
    ["kwic", "--concept", "phased"],
    ["articles", "--format", "json"],
    ["diffusion"],
    ["diffusion", "--concept", "dual_suspension", "--pair", "CHN,RUS", "--format", "json"],
    ["diffusion", "--role", "speaker", "--by", "month", "--affirmed", "--format", "markdown"],
    ["novelty", KOREA + "2017-07-04-tass-roadmap.txt"],
    ["novelty", KOREA + "2017-07-04-joint-statement-russia-china.md", "--actor", "RUS", "--window", "3",
     "--role", "speaker", "--format", "json"],  # (CHN speaks nothing in it: an empty table)
]


@pytest.mark.parametrize("args", TWINS, ids=[" ".join(a) for a in TWINS])
def test_dataset_read_commands_equal_their_db_twins(stores, runner, args):
    by_db = runner.invoke(main, args + ["--db", str(stores / "s.db")])
    by_ds = runner.invoke(main, args + ["--dataset", str(stores / "ds")])
    assert by_db.exit_code == 0, by_db.output
    assert by_ds.exit_code == 0, by_ds.output
    assert by_ds.output == by_db.output
    assert len(by_db.output) > 100


def test_novelty_and_diffusion_over_a_dataset_equal_their_corpus_twins(stores, runner):
    from positions.sources import bundled_corpus

    corpus = [str(p) for p in bundled_corpus()]
    new = KOREA + "2017-07-04-tass-roadmap.txt"
    for args, corpus_args in ((["diffusion", "--format", "json"], corpus),
                              (["novelty", new, "--format", "json"], [x for c in corpus for x in ("--against", c)])):  # fmt: skip
        by_corpus = runner.invoke(main, args + corpus_args)
        by_ds = runner.invoke(main, args + ["--dataset", str(stores / "ds")])
        assert by_corpus.exit_code == 0, by_corpus.output
        assert by_ds.exit_code == 0, by_ds.output
        assert by_ds.output == by_corpus.output and len(by_ds.output) > 100


def test_novelty_and_diffusion_of_a_datasets_analyses_in_the_library(stores):
    from positions import diffusion, novelty

    with open_store(stores / "s.db", create=False) as s, open_dataset(stores / "ds") as ds:
        assert diffusion(ds.analyses(), concept="phased") == diffusion(s.connection, concept="phased")
        new = list(s.analyses(actor="RUS", since="2019"))
        assert novelty(new, ds.analyses(), window="3") == novelty(new, s.connection, window="3")


def test_novelty_refuses_two_histories(stores, runner):
    res = runner.invoke(main, ["novelty", KOREA + "2017-07-04-tass-roadmap.txt", "--db", str(stores / "s.db"),
                               "--dataset", str(stores / "ds")])  # fmt: skip
    assert res.exit_code == 2 and "give --db or --dataset, not both" in res.stderr


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_dataset_report_equals_the_db_report(stores, runner, tmp_path, fmt):
    for src, opt in (("s.db", "--db"), ("ds", "--dataset")):
        res = runner.invoke(main, ["report", opt, str(stores / src), "--out", str(tmp_path / src), "--format", fmt])
        assert res.exit_code == 0, res.output
    pages = sorted(p.name for p in (tmp_path / "s.db").iterdir())
    assert pages == sorted(p.name for p in (tmp_path / "ds").iterdir()) and len(pages) > 10
    for name in pages:
        assert (tmp_path / "ds" / name).read_bytes() == (tmp_path / "s.db" / name).read_bytes(), name


def test_dataset_and_db_together_are_refused(stores, runner):
    res = runner.invoke(main, ["timeline", "--db", str(stores / "s.db"), "--dataset", str(stores / "ds")])
    assert res.exit_code == 2 and "give --db or --dataset, not both" in res.stderr


def test_export_parquet_reads_back_as_the_store_and_is_incremental(stores, runner, tmp_path):
    out = tmp_path / "exp"
    res = runner.invoke(main, ["export", "--db", str(stores / "s.db"), str(out)])
    assert res.exit_code == 0 and res.output == f"{out}: 55 files: 55 articles, 285 statements, 506 markers (parquet)\n"
    res = runner.invoke(main, ["export", "--db", str(stores / "s.db"), str(out)])
    assert res.output == f"{out}: 0 files, 55 unchanged: 0 articles, 0 statements, 0 markers (parquet)\n"
    with open_store(stores / "s.db", create=False) as s, open_dataset(out) as ds:
        assert list(ds.analyses()) == list(s.analyses())
        assert list(ds.analyses(actor="PRK", until="2010")) == list(s.analyses(actor="PRK", until="2010"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_flat_tables(stores, runner, tmp_path, fmt):
    out = tmp_path / "flat"
    res = runner.invoke(main, ["export", "--db", str(stores / "s.db"), "--format", fmt, str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [f"articles.{fmt}", f"markers.{fmt}", f"statements.{fmt}"]
    lines = (out / f"statements.{fmt}").read_text(encoding="utf-8").splitlines()
    if fmt == "jsonl":
        rows = [json.loads(line) for line in lines]
        assert len(rows) == 285
        assert sorted(rows[0]) == sorted(
            ["file", "aseq", "seq", "date", "article_id", "span_start", "span_end", "text", "kind", "has_speaker",
             "speaker_name", "speaker_role", "speaker_country", "speaker_org", "country", "cue_start", "cue_end",
             "evidence", "parts", "holders", "markers", "year", "actor"])  # fmt: skip
    else:
        assert lines[0].startswith("file,aseq,seq,date,article_id,span_start,span_end,text,kind,")
    again = runner.invoke(main, ["export", "--db", str(stores / "s.db"), "--format", fmt, str(out)])
    assert again.exit_code == 1 and "exists and is not an empty directory" in again.stderr


def test_export_of_no_store_is_one_line(runner, tmp_path):
    res = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db"), str(tmp_path / "o")])
    assert res.exit_code == 1
    assert res.stderr == f"positions: {tmp_path / 'none.db'}: no such store (make one with `positions ingest --db {tmp_path / 'none.db'}`)\n"


def test_a_missing_extra_is_one_line(stores, runner, monkeypatch):
    import positions._extras as extras

    real = extras.importlib.import_module

    def no_duckdb(name, *a):
        if name == "duckdb":
            raise ImportError("No module named 'duckdb'")
        return real(name, *a)

    monkeypatch.setattr(extras.importlib, "import_module", no_duckdb)
    res = runner.invoke(main, ["timeline", "--dataset", str(stores / "ds")])
    assert res.exit_code == 1
    assert res.stderr == 'positions: --dataset needs duckdb, which is not installed: pip install "positions[dask]"\n'
    res = runner.invoke(main, ["ingest", "--dataset", str(stores / "ds2")])
    assert res.stderr == 'positions: --dataset needs duckdb, which is not installed: pip install "positions[dask]"\n'


def test_export_api_counts(stores, tmp_path):
    r = export_store(stores / "s.db", tmp_path / "j", fmt="jsonl")
    assert (r.files, r.articles, r.statements, r.markers) == (55, 55, 285, 506)


@pytest.mark.parametrize("by", ["year", "month"])
@pytest.mark.parametrize("role", ["holder", "speaker"])
def test_a_timeline_is_one_query(stores, by, role):
    from positions.track import timeline

    with open_dataset(stores / "ds") as ds:
        tl = timeline(list(ds.analyses()), by=by, role=role)
        want = sorted((r.actor, r.concept, c.period.key, c.count, c.statements, c.articles) for r in tl.rows for c in r.cells)
        got = ds.concept_counts(by=by, role=role)
    assert got == want and len(got) > 200
