"""The Dask engine on a LocalCluster: the same records as the local engine, in the store and
in a dataset; a worker killed mid-run leaves no partial file and a rerun completes it;
corpora as fsspec URLs."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import attrs
import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("duckdb")

import cloudpickle  # noqa: E402  (a dependency of distributed)
import dask  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from positions.cli import main  # noqa: E402
from positions.cluster import dask_executor  # noqa: E402
from positions.dataset import ingest_dataset, open_dataset  # noqa: E402
from positions.errors import ClusterError  # noqa: E402
from positions.sources import bundled_corpus  # noqa: E402
from positions.store import PipelineAnalyzer, open_store  # noqa: E402

# Workers unpickle the analyzers of this module by value: they cannot import tests/.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

ROWS = [  # written for this test: three wire items in one export, so one file of three articles
    {"date": "2020-01-15", "source": "Test Wire", "title": "One",
     "text": "SEOUL, January 15. Russia is ready to resume dialogue step by step, the Russian ambassador said."},
    {"date": "2020-02-03", "source": "Test Wire", "title": "Two",
     "text": "BEIJING, February 3. China calls for a phased and synchronized approach, a Foreign Ministry spokesman said."},
    {"date": "2020-03-09", "source": "Test Wire", "title": "Three",
     "text": "WASHINGTON, March 9. The United States will keep sanctions in place, a State Department official said."},
]  # fmt: skip


@pytest.fixture(scope="module")
def paths(tmp_path_factory) -> list[str]:
    d = tmp_path_factory.mktemp("wire")
    (d / "wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    return [str(p) for p in bundled_corpus()] + [str(d)]


@pytest.fixture(scope="module")
def local(paths, tmp_path_factory) -> tuple[list, list]:
    """The local engine's analyses and file rows: what every engine must give."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    with open_store(db) as s:
        s.ingest(paths)
        return list(s.analyses()), _files(s)


def _files(store) -> list[tuple]:
    return store.connection.execute("SELECT path, hash, settings, status FROM files ORDER BY path").fetchall()


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=50) as c:  # fmt: skip
        yield c


def test_dask_ingest_into_sqlite_gives_the_local_records(cluster, paths, local, tmp_path):
    db = tmp_path / "dask.db"
    res = CliRunner().invoke(main, ["ingest", *paths, "--db", str(db), "--engine", "dask",
                                    "--scheduler", cluster.scheduler_address])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.output == (f"{db}: 56 files: 56 read (0 replaced), 0 unchanged, 0 failed; the store holds"
                          " 58 articles, 288 statements, 511 markers\n")  # fmt: skip
    with open_store(db, create=False) as s:
        assert list(s.analyses()) == local[0]
        assert _files(s) == local[1]


def test_dask_ingest_into_parquet_gives_the_local_records(cluster, paths, local, tmp_path):
    ds = tmp_path / "ds"
    args = ["ingest", *paths, "--dataset", str(ds), "--engine", "dask", "--scheduler", cluster.scheduler_address]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    with open_dataset(ds) as d:
        assert list(d.analyses()) == local[0]
        assert d.sql("SELECT file, hash, settings, status FROM files ORDER BY file").fetchall() == local[1]
    again = CliRunner().invoke(main, args)
    assert again.output == (f"{ds}: 56 files: 0 read (0 replaced), 56 unchanged, 0 failed; the dataset holds"
                            " 58 articles, 288 statements, 511 markers\n")  # fmt: skip


@attrs.frozen
class KillOnce(PipelineAnalyzer):
    """The pipeline, except that the worker analysing the second row of the export dies
    (once: the flag file is removed first). Same fingerprint as the pipeline."""

    flag: str = ""

    def __call__(self, article):
        if article.path.endswith("wire.jsonl#2") and os.path.exists(self.flag):
            os.remove(self.flag)
            os._exit(1)  # the worker process dies mid-task, as when it is killed
        return super().__call__(article)


@pytest.fixture(scope="module")
def fragile_cluster():
    """A cluster that gives up on a task at its first killed worker (the default retries
    it on another, which hides the kill)."""
    # worker-ttl: should the news of the death not reach the scheduler (a run under heavy load
    # once waited here), it still learns of it from missed heartbeats within seconds, not the
    # default five minutes.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-ttl": "20s"}):
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=50) as c:  # fmt: skip
            yield c


def _complete(analyses, local) -> None:
    """Every stored analysis is one of the local engine's, and each stored file has all
    its articles."""
    want = {a.article.path: a for a in local}
    for a in analyses:
        assert want[a.article.path] == a
    stored = {a.article.path.split("#")[0] for a in analyses}
    for path in stored:
        assert sum(p.split("#")[0] == path for p in want) == sum(a.article.path.split("#")[0] == path for a in analyses)


def test_a_killed_worker_leaves_no_partial_file_in_the_store_and_a_rerun_completes_it(
    fragile_cluster, paths, local, tmp_path
):
    flag = tmp_path / "kill"
    flag.write_text("")
    db = tmp_path / "k.db"
    with open_store(db) as s:
        with pytest.raises(ClusterError, match=r"^the Dask cluster lost the work: KilledWorker: Attempted to run"
                           r" task '_analyse_many-.*' on 1 different workers, but all those workers died while"
                           r" running it \(the files written before stay; run the ingest again to finish\)$"):
            with dask_executor(fragile_cluster.scheduler_address) as (ex, slots):
                s.ingest(paths, executor=ex, jobs=slots, analyze=KillOnce(flag=str(flag)))
        stored = list(s.analyses())
        _complete(stored, local[0])
        assert not any("wire.jsonl" in a.article.path for a in stored)
        assert s.connection.execute("SELECT count(*) FROM files WHERE path LIKE '%wire.jsonl'").fetchone() == (0,)
        with dask_executor(fragile_cluster.scheduler_address) as (ex, slots):
            result = s.ingest(paths, executor=ex, jobs=slots, analyze=KillOnce(flag=str(flag)))
        assert result.read >= 1 and result.read + result.skipped == 56 and result.failed == 0
        assert list(s.analyses()) == local[0]


def test_a_killed_worker_leaves_no_partial_file_in_a_dataset_and_a_rerun_completes_it(
    fragile_cluster, paths, local, tmp_path
):
    flag = tmp_path / "kill"
    flag.write_text("")
    ds = tmp_path / "ds"
    with pytest.raises(ClusterError):
        with dask_executor(fragile_cluster.scheduler_address) as (ex, slots):
            ingest_dataset(ds, paths, analyze=KillOnce(flag=str(flag)), executor=ex, jobs=slots, batch_files=8)
    with open_dataset(ds) as d:
        stored = list(d.analyses())
    assert 0 < len(stored) < len(local[0])  # the batches committed before the kill
    _complete(stored, local[0])
    assert not any("wire.jsonl" in a.article.path for a in stored)
    with dask_executor(fragile_cluster.scheduler_address) as (ex, slots):
        result = ingest_dataset(ds, paths, analyze=KillOnce(flag=str(flag)), executor=ex, jobs=slots)
    assert result.read + result.skipped == 56 and result.failed == 0
    with open_dataset(ds) as d:
        assert list(d.analyses()) == local[0]


def test_a_scheduler_that_is_not_there_is_one_line(tmp_path):
    res = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "--engine", "dask",
                                    "--scheduler", "tcp://127.0.0.1:9"])  # fmt: skip
    assert res.exit_code == 1
    assert res.stderr.startswith("positions: cannot start or reach the Dask cluster: ")
    assert res.stderr.count("\n") == 1


def test_engine_options_are_checked(tmp_path):
    r = CliRunner()
    res = r.invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "--scheduler", "tcp://h:1"])
    assert res.exit_code == 2 and "--scheduler, --workers and --threads apply to --engine dask" in res.stderr
    res = r.invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "--dataset", str(tmp_path / "d")])
    assert res.exit_code == 2 and "give --db FILE or --dataset DIR (one of them)" in res.stderr
    res = r.invoke(main, ["ingest", "--dataset", str(tmp_path / "d"), "--prune"])
    assert res.exit_code == 2 and "apply to a --db store, not to a --dataset" in res.stderr


def test_missing_dask_is_one_line(tmp_path, monkeypatch):
    import positions._extras as extras

    real = extras.importlib.import_module

    def no_distributed(name, *a):
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real(name, *a)

    monkeypatch.setattr(extras.importlib, "import_module", no_distributed)
    res = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "--engine", "dask"])
    assert res.exit_code == 1
    assert res.stderr == 'positions: --engine dask needs distributed, which is not installed: pip install "positions[dask]"\n'


def test_a_memory_url_corpus_is_read_named_by_its_urls_and_skipped_when_unchanged(tmp_path, monkeypatch):
    import fsspec

    monkeypatch.setenv("POSITIONS_CACHE", str(tmp_path / "cache"))
    fs = fsspec.filesystem("memory")
    fs.pipe("/positions-test/wire.jsonl", "".join(json.dumps(r) + "\n" for r in ROWS).encode())
    fs.pipe("/positions-test/sub/a.txt", b"MOSCOW, May 4, 2021. Russia backs a phased approach, the ministry said.")
    try:
        db = tmp_path / "m.db"
        res = CliRunner().invoke(main, ["ingest", "memory://positions-test", "--db", str(db)])
        assert res.exit_code == 0, res.output
        assert res.output.startswith(f"{db}: 2 files: 2 read (0 replaced), 0 unchanged, 0 failed;")
        with open_store(db, create=False) as s:
            assert [a.article.path for a in s.analyses()] == [
                "memory://positions-test/wire.jsonl#1", "memory://positions-test/wire.jsonl#2",
                "memory://positions-test/wire.jsonl#3", "memory://positions-test/sub/a.txt"]  # fmt: skip
        res = CliRunner().invoke(main, ["ingest", "memory://positions-test", "--db", str(db)])
        assert res.output.startswith(f"{db}: 2 files: 0 read (0 replaced), 2 unchanged, 0 failed;")
        res = CliRunner().invoke(main, ["ingest", "memory://positions-nothing", "--db", str(db)])
        assert res.exit_code == 1 and res.stderr == "positions: memory://positions-nothing: no such file or directory\n"
    finally:
        fs.rm("/positions-test", recursive=True)


def test_file_urls_are_local_paths(tmp_path):
    from positions.cluster import local_corpus

    assert local_corpus(["file:///x/y", "z"]).paths == ("/x/y", "z")
    assert Path(local_corpus(["file:///x/y"]).article_path("/x/y")) == Path("/x/y")
