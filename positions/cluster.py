"""The Dask engine: analyse a corpus on a Dask distributed cluster.

The client process lists the corpus, reads the files, skips the unchanged ones and writes
the results (to the SQLite store, or to a Parquet dataset); the workers analyse articles,
each loading the lexicon and gazetteer once. So the work goes through the same code as the
local engine (:func:`positions.store.ingest.ingest_files` and
:func:`positions.dataset.ingest_dataset`), with the client's executor in place of the
process pool, and gives the same records. ``dask[distributed]`` is an optional extra::

    with dask_executor(workers=2) as (executor, slots):
        store.ingest(paths, executor=executor, jobs=slots)

Corpora may be given as fsspec URLs: ``file://`` names a local path; any other protocol
(``memory://``, ``s3://``, ``gs://``, with its fsspec driver installed) is first copied into
a local cache directory (:func:`local_corpus`), which the store then keys its files by.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

import attrs

from ._extras import require
from .errors import ClusterError, PositionsError, SourceError
from .model import Article


@contextlib.contextmanager
def dask_executor(
    scheduler: Optional[str] = None,
    *,
    workers: Optional[int] = None,
    processes: bool = True,
    threads_per_worker: int = 1,
) -> Iterator[tuple[Any, int]]:
    """``(executor, slots)``: a ``concurrent.futures`` executor on a Dask cluster and the
    number of worker threads it has (the ingest keeps 8 articles in flight per slot).

    With ``scheduler`` (``tcp://host:8786``) the cluster is reached there; without, a
    ``LocalCluster`` of ``workers`` (default: the CPU count) processes (or threads, with
    ``processes=False``) is started and stopped around the block.
    """
    require("distributed", "dask", "--engine dask")
    import distributed

    cluster = None
    try:
        with _failures("cannot start or reach the Dask cluster", connecting=True):
            if scheduler is None:
                n = workers or os.cpu_count() or 1
                cluster = distributed.LocalCluster(
                    n_workers=n, threads_per_worker=threads_per_worker, processes=processes,
                    dashboard_address=None, silence_logs=50,
                )  # fmt: skip
                client = distributed.Client(cluster)
            else:
                client = distributed.Client(scheduler, timeout="10s")
        try:
            slots = sum(client.nthreads().values()) or 1
            with _failures("the Dask cluster lost the work"):
                yield client.get_executor(pure=False), slots
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def _failures(what: str, *, connecting: bool = False) -> Iterator[None]:
    """Dask's own errors (a worker killed too often, the scheduler gone, none there) as one
    :class:`ClusterError` line; positions errors pass unchanged, and so, once connected, do
    the OS errors of the client's own work (a disk full is not the cluster's)."""
    import concurrent.futures

    import distributed

    lost: tuple[type[BaseException], ...] = (
        distributed.KilledWorker, distributed.comm.CommClosedError, concurrent.futures.CancelledError,
    )  # fmt: skip
    if connecting:
        lost += (OSError, TimeoutError)
    try:
        yield
    except PositionsError:
        raise
    except lost as exc:
        first = (str(exc).splitlines() or [""])[0].split(". ")[0].rstrip(".")
        why = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
        hint = " (the files written before stay; run the ingest again to finish)" if what.startswith("the Dask") else ""
        raise ClusterError(f"{what}: {why}{hint}") from exc


def _cache_root() -> Path:
    env = os.environ.get("POSITIONS_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "positions"


def is_url(path: Any) -> bool:
    return isinstance(path, str) and "://" in path


@attrs.frozen
class LocalCorpus:
    """Local paths for a corpus given as paths or fsspec URLs, and how to name an article of
    a copied file by its URL again (``article_path``)."""

    paths: tuple[str, ...]
    mirrors: tuple[tuple[str, str], ...] = ()  # (local copy, URL) pairs

    def article_path(self, path: str) -> str:
        for local, url in self.mirrors:
            if path == local or path.startswith(local + os.sep) or path.startswith(local + "#"):
                return url + path[len(local):].replace(os.sep, "/")
        return path

    def reader(self, read: Optional[Callable[..., Iterable[Article]]] = None) -> Optional[Callable[..., Iterable[Article]]]:
        """An ingest's ``read`` that names copied articles by their URL (None: no copies)."""
        if not self.mirrors:
            return read

        def read_named(paths: Iterable[str], *, year: Optional[int],
                       on_error: Callable[[str, PositionsError], None]) -> Iterator[Article]:
            from .store.ingest import read_default

            for a in (read or read_default)(paths, year=year, on_error=on_error):
                yield attrs.evolve(a, path=self.article_path(a.path))

        return read_named


def local_corpus(paths: Sequence[Any], *, cache: Optional[Path] = None) -> LocalCorpus:
    """Resolve fsspec URLs among ``paths``: ``file://`` to its path, other protocols copied
    (``fs.get``, recursive) under ``cache`` (default ``$POSITIONS_CACHE`` or
    ``~/.cache/positions``) at a place named by the URL, so that the next ingest of the same
    URL finds the same files and skips those unchanged."""
    out: list[str] = []
    mirrors: list[tuple[str, str]] = []
    for p in paths:
        if not is_url(p):
            out.append(p)
            continue
        if p.startswith("file://"):
            out.append(p[len("file://"):])
            continue
        fsspec = require("fsspec", "dask", "a corpus URL")
        try:
            fs, root = fsspec.core.url_to_fs(p)
        except (ValueError, ImportError) as exc:
            raise SourceError(f"{p}: cannot open this URL ({exc})") from None
        where = (cache or _cache_root()) / "fsspec" / hashlib.sha256(p.encode()).hexdigest()[:16]
        try:
            if not fs.exists(root):
                raise SourceError(f"{p}: no such file or directory")
            if fs.isdir(root):
                where.mkdir(parents=True, exist_ok=True)
                _mirror_dir(fs, root, where)
                local = str(where)
            else:
                where.mkdir(parents=True, exist_ok=True)
                local = str(where / os.path.basename(root.rstrip("/")))
                fs.get(root, local)
        except OSError as exc:
            raise SourceError(f"{p}: cannot read: {exc}") from None
        out.append(local)
        mirrors.append((local, p.rstrip("/")))
    return LocalCorpus(tuple(out), tuple(mirrors))


def _mirror_dir(fs: Any, root: str, where: Path) -> None:
    """Copy the files under ``root`` to ``where``, rewriting only those whose bytes differ
    (so that modification times, and the skip of unchanged files, survive)."""
    root = root.rstrip("/")
    for remote in sorted(fs.find(root)):
        rel = remote[len(root):].lstrip("/")
        if not rel or any(part in ("..", "") for part in rel.split("/")):
            continue
        target = where.joinpath(*rel.split("/"))
        data = fs.cat_file(remote)
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)


__all__ = ["dask_executor", "local_corpus", "LocalCorpus", "is_url"]
