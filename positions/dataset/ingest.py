"""Ingest into a dataset: the store's ingest (same listing, same skip rule, same events,
same process pool or Dask executor) with the dataset's writer in place of SQLite."""

from __future__ import annotations

import collections
import os
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Union

from ..errors import PositionsError
from ..model import Analysis, Article
from ..store.files import PathLike, iter_corpus_files
from ..store.ingest import SIDE_LIMIT, IngestResult, analysed_events, ingest_events, qualname, read_default
from .write import DatasetWriter


def ingest_dataset(
    root: PathLike,
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    analyze: Callable[[Article], Analysis],
    year: Optional[int] = None,
    jobs: int = 1,
    executor: Optional[Executor] = None,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    read: Optional[Callable[..., Iterable[Article]]] = None,
    batch_files: Optional[int] = None,
) -> IngestResult:
    """Read, analyse and write the files of ``paths`` to the dataset ``root``; skip those
    stored unchanged (same content hash and settings, status ok), as
    :meth:`Store.ingest <positions.store.Store.ingest>` does. A file's rows are written
    whole, in the batch that commits them; there is no ``prune`` (yet) for a dataset."""
    fingerprint = getattr(analyze, "fingerprint", None) or qualname(analyze)
    settings = f"{fingerprint}; year={year}"
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    total = 0
    if progress is not None:
        total = sum(1 for _ in iter_corpus_files(paths, on_error=lambda *_: None))
    counts: collections.Counter[str] = collections.Counter()
    options = {} if batch_files is None else {"batch_files": batch_files}
    with DatasetWriter(Path(root), **options) as writer:
        events = ingest_events(None, paths, settings, year, read or read_default,  # type: ignore[arg-type]
                         SIDE_LIMIT, lookup=writer.lookup)  # fmt: skip
        current: Optional[tuple[Any, ...]] = None
        analyses: list[Analysis] = []
        errors: list[str] = []
        done = 0
        for ev in analysed_events(events, analyze, jobs, executor):
            kind = ev[0]
            if kind == "begin":
                current, analyses, errors = ev[1:], [], []
            elif kind == "analysis":
                analyses.append(ev[1])
            elif kind == "error":
                errors.append(str(ev[2]))
                if on_error is None:
                    raise ev[2]
                on_error(ev[1], ev[2])
            elif kind == "end":
                assert current is not None
                key, hash_, mtime_ns, size = current
                replaced = writer.lookup(key) is not None and writer.lookup(key)[2] == "ok"  # type: ignore[index]
                counts["articles"] += writer.add_file(key, analyses, file_hash=hash_, settings=settings,
                                                      mtime_ns=mtime_ns, size=size, errors=errors)  # fmt: skip
                counts["failed" if errors else "read"] += 1
                counts["replaced"] += int(replaced)
                current, analyses = None, []
            elif kind == "skip":
                counts["skipped"] += 1
            elif kind == "path_error":
                counts["failed"] += 1
                if on_error is None:
                    raise ev[2]
                on_error(ev[1], ev[2])
            if kind in ("end", "skip"):
                done += 1
                if progress is not None:
                    progress(done, total)
    return IngestResult(read=counts["read"], skipped=counts["skipped"], replaced=counts["replaced"],
                        failed=counts["failed"], articles=counts["articles"])  # fmt: skip
