"""The SQLite corpus store: ingest a corpus once, read its analyses back many times.

A store is one SQLite file (WAL mode, foreign keys on, ``PRAGMA user_version`` = schema
version). :meth:`Store.ingest` reads files, analyses their articles (in parallel processes
with ``jobs > 1``) and writes each *file* in one transaction; an unchanged file (same
content hash, same analyzer settings) is skipped, a changed one replaced. Every record of
:mod:`positions.model` reads back equal to what was written, spans included::

    >>> import tempfile, pathlib
    >>> from positions.model import Analysis, Article, Span
    >>> db = pathlib.Path(tempfile.mkdtemp()) / "corpus.db"
    >>> art = Article(id="a1", path="a.txt", text="Moscow is ready.", body=Span(0, 16))
    >>> with open_store(db) as store:
    ...     written = store.put([Analysis(art)], file="a.txt", file_hash="h1")
    ...     [a.article == art for a in store.analyses()]
    [True]

The schema, the incremental rules, transactions and concurrency are described in
``docs/store.md``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, TypeVar, Union

import attrs

from ..errors import PositionsError, StoreError
from ..model import Analysis, Article
from . import read as _read
from .analyzer import PipelineAnalyzer, analyzer_fingerprint
from .files import PathLike, corpus_files, file_hash, iter_corpus_files
from .filters import DateLike, date_key, has_actor, in_period
from .ingest import SIDE_LIMIT, IngestResult, ingest_files
from .prune import Missing, prune_unlisted
from .rebuild import rebuild
from .read import StoreStats
from .schema import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    connect,
    connect_read,
    migrate,
    check_integrity,
    damaged,
    store_error,
)
from .write import FileWriter

__all__ = [
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "IngestResult",
    "Missing",
    "StoreStats",
    "Store",
    "open_store",
    "rebuild_store",
    "analyses_from",
    "analyzer_fingerprint",
    "PipelineAnalyzer",
    "corpus_files",
    "iter_corpus_files",
    "file_hash",
]

_T = TypeVar("_T")

# The modules of this package are named for what they hold (listed in docs/store.md).
#
# MIGRATIONS, BUSY_TIMEOUT_MS, SIDE_LIMIT and PipelineAnalyzer are read from this module's
# namespace when a store is opened, ingested or read, and handed down: setting them here (the
# tests do) changes what the store does, as it did when the store was a single module.


def _pipeline(lexicon: Optional[PathLike], actors: Sequence[PathLike]) -> PipelineAnalyzer:
    return PipelineAnalyzer(None if lexicon is None else str(lexicon), actors)


def open_store(path: PathLike, *, create: bool = True, verify: bool = False) -> "Store":
    """Open (and with ``create``, make or upgrade) the store at ``path``.

    Use it as a context manager. With ``create`` (opening for writes) the file is first
    identified as a positions store (or an empty file) without changing it, then switched to
    WAL mode, migrated, and checked with ``PRAGMA quick_check`` (``integrity_check`` and
    ``foreign_key_check`` with ``verify``): a damaged store is one clear :class:`StoreError`
    that says to rebuild it (:func:`rebuild_store`). With ``create=False`` (what read-only
    commands want) a missing file is a :class:`StoreError` and the store is opened read-only
    (``mode=ro``; ``immutable`` where its directory cannot be written), so that a store in a
    read-only place can be read; reads that meet damage raise one clear :class:`StoreError`.
    """
    p = Path(path)
    if not create and not p.is_file():
        raise StoreError(f"{p}: no such store (make one with `positions ingest --db {p}`)")
    if p.is_dir():
        raise StoreError(f"{p}: is a directory, not a store")
    if create and not p.parent.is_dir():
        raise StoreError(f"{p}: directory {p.parent} does not exist")
    if not create:
        conn = connect_read(p, BUSY_TIMEOUT_MS, MIGRATIONS)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == len(MIGRATIONS):
            return Store(conn, p)
        conn.close()  # an older store: brought up to date once, as a writer would
        open_store(p).close()
        return Store(connect_read(p, BUSY_TIMEOUT_MS, MIGRATIONS), p)
    conn = connect(p, BUSY_TIMEOUT_MS, MIGRATIONS)
    try:
        migrate(conn, p, MIGRATIONS)
        check_integrity(conn, p, full=verify)
    except sqlite3.OperationalError as exc:  # locked, read-only, disk full
        conn.close()
        raise store_error(p, exc) from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{p}: not a positions store ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, p)


def rebuild_store(path: PathLike, paths: Union[PathLike, Iterable[PathLike]], **options: Any) -> tuple[IngestResult, StoreStats]:
    """Make the store at ``path`` afresh from the corpus ``paths`` (``options`` as for
    :meth:`Store.ingest`, without ``prune``): everything is ingested into a new file beside it,
    which then replaces ``path`` atomically; the old file is never read (it may be damaged).
    Only a positions store (damaged or not), an empty file or no file is replaced; a foreign
    file is a :class:`StoreError`. Returns the ingest's result and the new store's stats.
    Run it while no other process uses the store."""
    p = Path(path)

    def ingest(new: Path) -> tuple[IngestResult, StoreStats]:
        with open_store(new) as store:
            result = store.ingest(paths, **options)
            stats = store.stats()
        return result, attrs.evolve(stats, path=str(p))

    return rebuild(p, ingest)


UNDATED_QUERY = "SELECT path FROM articles WHERE date IS NULL ORDER BY path"


class Store:
    """An open store; see :func:`open_store`."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path

    # -- lifetime ------------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for ad-hoc SQL (read the schema in ``docs/store.md``)."""
        return self._conn

    # -- writing -------------------------------------------------------------------------

    def put(
        self,
        analyses: Iterable[Analysis],
        *,
        file: str,
        file_hash: str,
        settings: str = "",
        mtime_ns: int = 0,
        size: int = 0,
        errors: Sequence[str] = (),
    ) -> int:
        """Replace everything stored for ``file`` by ``analyses``, in one transaction.

        This is the unit of :meth:`ingest`, usable directly by callers with analyses of
        their own. Returns the number of articles written.
        """
        writer = FileWriter(self._conn, file, file_hash, settings, mtime_ns, size, check=False)
        try:
            for a in analyses:
                writer.add(a)
            return writer.finish(errors)
        except BaseException:
            writer.abort()
            raise

    def ingest(
        self,
        paths: Union[PathLike, Iterable[PathLike]],
        *,
        year: Optional[int] = None,
        jobs: int = 1,
        on_error: Optional[Callable[[str, PositionsError], None]] = None,
        progress: Optional[Callable[[int, int], None]] = None,
        analyze: Optional[Callable[[Article], Analysis]] = None,
        lexicon: Optional[PathLike] = None,
        actors: Sequence[PathLike] = (),
        read: Optional[Callable[..., Iterable[Article]]] = None,
        prune: bool = False,
        executor: Optional[Any] = None,
    ) -> IngestResult:
        """Read, analyse and store the files of ``paths``; skip those already stored.

        ``analyze`` defaults to :class:`PipelineAnalyzer` with ``lexicon`` and ``actors``
        (extra gazetteer files); a callable given
        here must be picklable for ``jobs > 1`` and may carry a ``fingerprint`` attribute
        (else its qualified name stands for it) and a ``prepare()`` method (called before
        the first file is analysed, so that a bad lexicon is one error up front).
        ``read(paths, *, year, on_error)`` yields the articles of the files it pulls from
        ``paths`` (default: :func:`positions.sources.iter_articles`).
        ``on_error(path, error)`` hears of each bad file or row and the run goes on; without
        it the first error is raised (files already written stay). ``progress(done, total)``
        is called after each file. ``executor`` (an object with ``submit``: a Dask
        client's ``get_executor()``, see :mod:`positions.cluster`) analyses in place of the
        process pool; ``analyze`` must then pickle.

        Stored files under ``paths`` that this ingest did not find are counted in the
        result's ``missing`` (:class:`Missing`); with ``prune`` they are removed, with all
        their rows, in one transaction. A file found but failing to read is not missing, nor
        is anything a listing error concerns (a path naming nothing, a directory that cannot
        be listed, a manifest naming absent files); see ``docs/store.md``.
        """
        if analyze is None:
            analyze = _pipeline(lexicon, actors)
        return ingest_files(
            self._conn,
            self.path,
            paths,
            analyze=analyze,
            year=year,
            jobs=jobs,
            on_error=on_error,
            progress=progress,
            read=read,
            side_limit=SIDE_LIMIT,
            prune=prune,
            executor=executor,
        )

    def prune(
        self,
        paths: Union[PathLike, Iterable[PathLike]],
        *,
        on_error: Optional[Callable[[str, PositionsError], None]] = None,
    ) -> Missing:
        """Remove the stored files under ``paths`` that are no longer there, without
        reading or analysing anything: what ``ingest(paths, prune=True)`` removes.

        ``paths`` are listed as :meth:`ingest` lists them; ``on_error(path, error)`` hears
        of each listing error (raised without it, and then nothing is removed).
        """
        try:
            return prune_unlisted(self._conn, paths, on_error=on_error)
        except sqlite3.Error as exc:  # locked past busy_timeout, disk full, I/O error, damage
            raise store_error(self.path, exc) from exc

    # -- reading -------------------------------------------------------------------------

    def articles(self, *, since: DateLike = None, until: DateLike = None) -> Iterator[Article]:
        """Every stored article, in date then path order (undated last)."""
        return self._guarded(_read.articles(self._conn, since=since, until=until))

    def analyses(
        self,
        *,
        actor: Optional[str] = None,
        since: DateLike = None,
        until: DateLike = None,
    ) -> Iterator[Analysis]:
        """Stream the stored analyses in date then path order (undated last).

        ``actor`` keeps articles where it is the article's country or a statement's country
        or holder; ``since``/``until`` (inclusive, ``YYYY[-MM[-DD]]``) compare at the coarser
        of the two precisions and drop undated articles. One article is in memory at a time.
        """
        return self._guarded(_read.analyses(self._conn, actor=actor, since=since, until=until))

    def stats(self) -> StoreStats:
        """Counts of files, articles, statements and markers, and the date range."""
        try:
            return _read.stats(self._conn, self.path)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

    def undated(self) -> list[str]:
        """The paths of the stored articles that have no date (left out of every ordering
        by time), sorted."""
        try:
            return [r[0] for r in self._conn.execute(UNDATED_QUERY)]
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

    def file_errors(self) -> list[tuple[str, str]]:
        """``(path, first error)`` of every file whose last ingest failed, by path."""
        try:
            return _read.file_errors(self._conn)
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc

    def _guarded(self, rows: Iterator[_T]) -> Iterator[_T]:
        """``rows`` with what damage raises while they are read turned into one
        :class:`StoreError`: SQLite's errors, and the errors of rebuilding records from
        columns that no longer hold what was written (JSON that does not parse, a span that
        is not one). Only the store's own reading runs in here, never the caller's code."""
        try:
            yield from rows
        except sqlite3.Error as exc:
            raise store_error(self.path, exc) from exc
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            raise StoreError(damaged(self.path, f"a row does not read back ({type(exc).__name__}: {exc})")) from exc


# --------------------------------------------------------------------------------------
# One entry point for commands that read either a store or a corpus


def analyses_from(
    corpus: Sequence[PathLike] = (),
    db: Optional[PathLike] = None,
    *,
    actor: Optional[str] = None,
    since: DateLike = None,
    until: DateLike = None,
    year: Optional[int] = None,
    lexicon: Optional[PathLike] = None,
    actors: Sequence[PathLike] = (),
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
    name: Optional[str] = None,
    encoding: str = "utf-8",
) -> Iterator[Analysis]:
    """Analyses from the store ``db`` when it is given, else from running the pipeline over
    ``corpus`` (the bundled sample corpus when empty; ``-`` is an article on stdin, called
    ``name``, as in :func:`positions.sources.iter_articles`, which reads text files in
    ``encoding``).

    From a store they come in date then path order; from a corpus in the order of
    :func:`positions.sources.iter_articles`. The filters mean the same either way (see
    :meth:`Store.analyses`). ``on_error`` hears of bad files in a corpus run.
    """
    if db is not None:
        with open_store(db, create=False) as store:
            yield from store.analyses(actor=actor, since=since, until=until)
        return
    from ..sources import bundled_corpus, iter_articles

    since_key, until_key = date_key(since), date_key(until)
    paths = list(corpus) or bundled_corpus()
    err = (lambda where, exc: on_error(str(where), exc)) if on_error else None
    analyze = _pipeline(lexicon, actors)
    analyze.prepare()
    for article in iter_articles(paths, year=year, on_error=err, name=name, encoding=encoding):
        if not in_period(article.date, since_key, until_key):
            continue
        try:
            analysis = analyze(article)
        except PositionsError as exc:
            if on_error is None:
                raise
            on_error(article.path, exc)
            continue
        if has_actor(analysis, actor):
            yield analysis
