"""The ingest: list a corpus, skip the files stored unchanged, read and analyse the others
(in a process pool with ``jobs > 1``) and write each file in one transaction.

:meth:`Store.ingest <positions.store.Store.ingest>` is the entry point; the work flows as a
stream of events (:func:`ingest_events`), analysed in order (:func:`analysed_events`), written by
:class:`~positions.store.write.FileWriter`; then :func:`~positions.store.prune.missing`
counts (or prunes) the stored files under the paths that the run did not find. Functions
that worker processes run are at module level, so that they pickle.

    >>> IngestResult(read=2, skipped=1).files
    3
"""

from __future__ import annotations

import collections
import os
import sqlite3
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import attrs

from ..errors import PositionsError, SourceError
from ..model import Analysis, Article
from .files import PathLike, file_hash, iter_corpus_files
from .prune import Found, Missing, missing
from .schema import store_error
from .write import FileWriter

# One event of an ingest's stream: its kind ("skip", "begin", "article", "analysis", "error",
# "end", "path_error"), then that kind's fields (see ingest_events).
Event = tuple[Any, ...]
# A file's stored (hash, settings, status), as its ``files`` row holds them.
FileRow = tuple[str, str, str]


@attrs.frozen
class IngestResult:
    """What an ingest did, counted in files; ``articles`` counts the articles written.

    Each file is in exactly one of ``read`` (read and stored without error), ``skipped``
    (unchanged since the last ingest) and ``failed`` (at least one error, reported through
    ``on_error``; the good rows of an export with bad ones are stored all the same).
    ``replaced`` counts the read or failed files that replaced an older good version.
    ``missing`` counts the stored files under the ingested paths that the ingest did not
    find, and their articles; with ``prune`` they were removed.
    """

    read: int = 0
    skipped: int = 0
    replaced: int = 0
    failed: int = 0
    articles: int = 0
    missing: Missing = Missing()

    @property
    def files(self) -> int:
        return self.read + self.skipped + self.failed


SIDE_LIMIT = 1024
"""Skipped files noted before the reader run is restarted (a re-ingest of an unchanged
corpus yields no article that would hand them on, and they must not pile up)."""


def ingest_files(
    conn: sqlite3.Connection,
    db_path: Path,
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    analyze: Callable[[Article], Analysis],
    year: Optional[int] = None,
    jobs: int = 1,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    read: Optional[Callable[..., Iterable[Article]]] = None,
    side_limit: Optional[int] = None,
    prune: bool = False,
    executor: Optional[Executor] = None,
) -> IngestResult:
    """:meth:`Store.ingest <positions.store.Store.ingest>` on the connection ``conn`` to the
    store at ``db_path`` (named in errors), with ``analyze`` given. ``executor`` (an object
    with ``submit``, such as a Dask client's ``get_executor()``) analyses the articles in
    place of a process pool, ``jobs`` sizing its window; the caller owns it."""
    fingerprint = getattr(analyze, "fingerprint", None) or qualname(analyze)
    settings = f"{fingerprint}; year={year}"
    counts: collections.Counter[str] = collections.Counter()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    # Files are listed lazily (nothing grows with the corpus); a progress bar needs their
    # number first, which costs a second walk. A file reached twice is simply found
    # unchanged the second time.
    total = 0
    if progress is not None:
        total = sum(1 for _ in iter_corpus_files(paths, on_error=lambda *_: None))
    events = ingest_events(conn, paths, settings, year, read or read_default, side_limit)
    writer: Optional[FileWriter] = None
    errors: list[str] = []
    listing_errors: list[str] = []  # where a path names nothing, cannot be listed, ...
    done = 0
    try:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('settings', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (settings,),
        )
        found = Found(conn)
        for ev in analysed_events(events, analyze, jobs, executor):
            kind = ev[0]
            if kind == "begin":
                _, key, hash_, mtime_ns, size = ev
                found.add(key)  # before the file's transaction opens: read or failed, found
                writer = FileWriter(conn, key, hash_, settings, mtime_ns, size)
                errors = []
            elif kind == "analysis":
                assert writer is not None
                writer.add(ev[1])
            elif kind == "error":
                _, where, exc = ev
                errors.append(str(exc))
                if on_error is None:
                    raise exc
                on_error(where, exc)
            elif kind == "end":
                assert writer is not None
                counts["articles"] += writer.finish(errors)
                if writer.skipped:  # another ingest stored the same file meanwhile
                    counts["skipped"] += 1
                else:
                    counts["failed" if errors else "read"] += 1
                    counts["replaced"] += writer.replaced
                writer = None
            elif kind == "skip":
                found.add(ev[1])
                counts["skipped"] += 1
            elif kind == "path_error":  # a CORPUS path naming nothing, a bad manifest
                counts["failed"] += 1
                listing_errors.append(ev[1])
                if on_error is None:
                    raise ev[2]
                on_error(ev[1], ev[2])
            if kind in ("end", "skip"):
                done += 1
                if progress is not None:
                    progress(done, total)
        found.flush()
        gone = missing(conn, paths, listing_errors, prune=prune)
    except sqlite3.Error as exc:  # locked past busy_timeout, disk full, I/O error, damage
        if writer is not None:
            writer.abort()
        raise store_error(db_path, exc) from exc
    except BaseException:
        if writer is not None:
            writer.abort()
        raise
    return IngestResult(
        **{f: counts[f] for f in ("read", "skipped", "replaced", "failed", "articles")},
        missing=gone,
    )


def qualname(fn: object) -> str:
    """``module.qualname`` of an analyzer without a ``fingerprint`` (what its settings name)."""
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', type(fn).__name__)}"


def read_default(
    paths: Iterable[str], *, year: Optional[int], on_error: Callable[[str, PositionsError], None]
) -> Iterable[Article]:
    """The reader an ingest uses when given none: :func:`positions.sources.iter_articles`."""
    from ..sources import iter_articles

    return iter_articles(paths, year=year, on_error=on_error)


def ingest_events(
    conn: sqlite3.Connection,
    paths: Sequence[PathLike],
    settings: str,
    year: Optional[int],
    read: Callable[..., Iterable[Article]],
    side_limit: Optional[int] = None,
    lookup: Optional[Callable[[str], Optional[FileRow]]] = None,
) -> Iterator[Event]:
    """The work, as a flat stream: per file ``skip``, or ``begin``, its ``article``s and
    ``error``s, ``end``; and ``path_error`` for a path that names no file.

    One reader run reads all the files to do (so that it loads each manifest once); it
    pulls them lazily from a generator that decides, file by file, whether a file is to be
    read at all, and notes in ``side`` where one file ends and the next begins.
    ``lookup(key)`` gives the ``(hash, settings, status)`` stored for a file (default: the
    store's ``files`` row on ``conn``), so that a Parquet dataset can share this.
    """
    if lookup is None:

        def lookup(key: str) -> Optional[FileRow]:
            row: Optional[FileRow] = conn.execute(
                "SELECT hash, settings, status FROM files WHERE path = ?", (key,)
            ).fetchone()
            return row

    side: collections.deque[Event] = collections.deque()
    limit = SIDE_LIMIT if side_limit is None else side_limit
    manifests: dict[str, str] = {}

    def path_error(where: str, exc: PositionsError) -> None:
        side.append(("path_error", where, exc))

    files = iter_corpus_files(paths, on_error=path_error)
    exhausted = False

    def todo() -> Iterator[str]:
        nonlocal exhausted
        for f in files:
            key = os.path.realpath(f)
            try:
                st = os.stat(f)
                hash_ = file_hash(f, _manifests=manifests)
            except OSError as exc:
                side.append(("begin", key, "", 0, 0))
                side.append(("error", str(f), SourceError(f"{f}: cannot read: {exc.strerror}")))
                side.append(("end",))
                continue
            row = lookup(key)
            if row is not None and tuple(row) == (hash_, settings, "ok"):
                side.append(("skip", key))
                if len(side) >= limit:
                    return  # end this reader run, so that the skips are handed on
                continue
            side.append(("begin", key, hash_, st.st_mtime_ns, st.st_size))
            yield f
            side.append(("end",))
        exhausted = True

    def on_error(where: object, exc: PositionsError) -> None:
        side.append(("error", str(where), exc))

    while not exhausted:
        for article in read(todo(), year=year, on_error=on_error):
            while side:
                yield side.popleft()
            yield ("article", article)
        while side:
            yield side.popleft()


def _analyse_one(analyze: Callable[[Article], Analysis], article: Article) -> Event:
    try:
        return ("analysis", analyze(article))
    except PositionsError as exc:
        return ("error", article.path, exc)


def analysed_events(
    events: Iterator[Event], analyze: Callable[[Article], Analysis], jobs: int, executor: Optional[Executor] = None
) -> Iterator[Event]:
    """Replace each ``article`` event by its ``analysis`` (or ``error``), in order.

    With ``jobs > 1`` articles go to a process pool through a bounded window of futures, so
    that memory stays flat however large the corpus, and results come back in input order,
    so that the store is the same whatever ``jobs`` is. Before the first article,
    ``analyze.prepare()`` (if any) runs, in a worker when there are workers: the parent, which
    only reads and writes, never loads the lexicon.
    """
    prepare = getattr(analyze, "prepare", None)
    if executor is not None:
        yield from _chunked(executor, events, analyze, prepare, max(jobs, 1) * 4, CHUNK)
        return
    if jobs <= 1:
        for ev in events:
            if ev[0] == "article":
                if prepare is not None:
                    prepare()
                    prepare = None
                yield _analyse_one(analyze, ev[1])
            else:
                yield ev
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _windowed(pool, events, analyze, prepare, jobs * 8)


CHUNK = 8
"""Articles per task on an executor (a Dask cluster): a task costs the scheduler and the
client about a millisecond whatever it holds, so a task of several articles keeps that cost
from bounding the throughput of a large cluster."""


def _analyse_many(analyze: Callable[[Article], Analysis], articles: list[Article]) -> list[Event]:
    return [_analyse_one(analyze, a) for a in articles]


class _Slot:
    """An article's place in the stream: its chunk's future, once submitted, and its index."""

    __slots__ = ("future", "index")

    def __init__(self, index: int) -> None:
        self.future: Optional[Future[list[Event]]] = None
        self.index = index


def _chunked(
    pool: Executor,
    events: Iterator[Event],
    analyze: Callable[[Article], Analysis],
    prepare: Optional[Callable[[], object]],
    window: int,
    chunk: int,
) -> Iterator[Event]:
    """:func:`_windowed` with ``chunk`` articles per task (consecutive articles, whatever
    files they come from): at most ``window`` tasks in flight, results handed on in input
    order. A chunk not yet full is submitted as soon as its first article is needed."""
    pending: collections.deque[Union[_Slot, Event]] = collections.deque()
    buffer: list[tuple[_Slot, Article]] = []
    futures: collections.deque[Future[list[Event]]] = collections.deque()

    def submit() -> None:
        nonlocal prepare
        if prepare is not None:
            pool.submit(prepare).result()
            prepare = None
        future = pool.submit(_analyse_many, analyze, [a for _, a in buffer])
        for slot, _ in buffer:
            slot.future = future
        futures.append(future)
        buffer.clear()

    def ready() -> Iterator[Event]:
        while pending:
            head = pending[0]
            if isinstance(head, _Slot):
                if head.future is None:
                    if len(futures) < window and len(pending) <= window * chunk:
                        return  # room left: let the chunk fill (unless skips pile up behind it)
                    submit()
                if len(futures) <= window and not head.future.done():  # type: ignore[union-attr]
                    return
                pending.popleft()
                result = head.future.result()  # type: ignore[union-attr]
                if head.index == len(result) - 1:
                    futures.popleft()
                yield result[head.index]
            else:
                pending.popleft()
                yield head

    try:
        for ev in events:
            if ev[0] == "article":
                slot = _Slot(len(buffer))
                buffer.append((slot, ev[1]))
                pending.append(slot)
                if len(buffer) >= chunk:
                    submit()
            else:
                pending.append(ev)
            yield from ready()
        if buffer:
            submit()
        while pending:
            head = pending.popleft()
            if isinstance(head, _Slot):
                yield head.future.result()[head.index]  # type: ignore[union-attr]
            else:
                yield head
    except BaseException:
        for f in futures:
            f.cancel()
        raise


def _windowed(
    pool: Executor, events: Iterator[Event], analyze: Callable[[Article], Analysis],
    prepare: Optional[Callable[[], object]], window: int
) -> Iterator[Event]:
    """:func:`analysed_events` through ``pool``: at most ``window`` articles in flight, results
    handed on in input order."""
    pending: collections.deque[Union[Future[Event], Event]] = collections.deque()
    try:
        for ev in events:
            if ev[0] == "article":
                if prepare is not None:
                    pool.submit(prepare).result()
                    prepare = None
                pending.append(pool.submit(_analyse_one, analyze, ev[1]))
            else:
                pending.append(ev)
            while len(pending) > window or (pending and not isinstance(pending[0], Future)):
                head = pending.popleft()
                yield head.result() if isinstance(head, Future) else head
        while pending:
            head = pending.popleft()
            yield head.result() if isinstance(head, Future) else head
    except BaseException:
        for f in pending:
            if isinstance(f, Future):
                f.cancel()
        raise
