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

import collections
import glob
import hashlib
import json
import os
import sqlite3
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import attrs

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .errors import PositionsError, SourceError, StoreError
from .model import (
    Analysis,
    Article,
    DateSource,
    Marker,
    PartialDate,
    Span,
    Speaker,
    Statement,
)

__all__ = [
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "IngestResult",
    "StoreStats",
    "Store",
    "open_store",
    "analyses_from",
    "analyzer_fingerprint",
    "PipelineAnalyzer",
    "corpus_files",
    "iter_corpus_files",
    "file_hash",
]

PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[str, int, PartialDate, None]

# --------------------------------------------------------------------------------------
# Schema and migrations

_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE files (
    pk INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute path of the input file
    hash TEXT NOT NULL,                 -- sha256 of its bytes (and of its directory's manifest)
    mtime_ns INTEGER NOT NULL,
    size INTEGER NOT NULL,
    settings TEXT NOT NULL,             -- analyzer fingerprint and --year it was read with
    status TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error TEXT,                         -- the first error, one line
    errors INTEGER NOT NULL DEFAULT 0   -- how many errors (rows of an export can fail alone)
);
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    file_pk INTEGER NOT NULL REFERENCES files(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,               -- order within its file
    id TEXT NOT NULL,                   -- Article.id, the content hash of its text
    path TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    body_start INTEGER NOT NULL,
    body_end INTEGER NOT NULL,
    source TEXT,
    place TEXT,
    date TEXT,                          -- ISO YYYY, YYYY-MM or YYYY-MM-DD
    date_from TEXT,
    title TEXT,
    url TEXT,
    language TEXT,
    country TEXT,
    layout TEXT NOT NULL,
    dateline_start INTEGER,
    dateline_end INTEGER,
    warnings TEXT NOT NULL,             -- JSON list of strings
    UNIQUE (file_pk, seq)
);
CREATE INDEX articles_order ON articles (date IS NULL, date, path, file_pk, seq);
CREATE INDEX articles_id ON articles (id);
CREATE INDEX articles_country ON articles (country);
CREATE TABLE statements (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    has_speaker INTEGER NOT NULL,       -- 0: speaker is None (not a Speaker of all None)
    speaker_name TEXT,
    speaker_role TEXT,
    speaker_country TEXT,
    speaker_org TEXT,
    country TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    evidence TEXT NOT NULL,             -- JSON list of strings
    parts TEXT NOT NULL,                -- JSON list of [start, end]
    UNIQUE (article_pk, seq)
);
CREATE INDEX statements_country ON statements (country);
CREATE TABLE holders (
    statement_pk INTEGER NOT NULL REFERENCES statements(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (statement_pk, seq)
);
CREATE INDEX holders_country ON holders (country);
CREATE TABLE markers (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    seq INTEGER,                        -- index in Analysis.markers; NULL: only in a statement
    concept TEXT NOT NULL,
    surface TEXT NOT NULL,
    normalized TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    polarity TEXT NOT NULL,
    in_scope INTEGER NOT NULL,
    pattern TEXT NOT NULL,
    steps TEXT NOT NULL,                -- JSON list of step names
    negation_start INTEGER,
    negation_end INTEGER,
    UNIQUE (article_pk, seq)
);
CREATE INDEX markers_concept ON markers (concept);
CREATE TABLE statement_markers (
    statement_pk INTEGER NOT NULL REFERENCES statements(pk) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    marker_pk INTEGER NOT NULL REFERENCES markers(pk) ON DELETE CASCADE,
    PRIMARY KEY (statement_pk, seq)
);
CREATE INDEX statement_markers_marker ON statement_markers (marker_pk);
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
"""Schema migrations, applied in order: ``MIGRATIONS[i]`` takes ``user_version`` i to i + 1.

Append, never edit: a store made by an older positions is brought up to date on open."""

SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT_MS = 120_000
"""How long a writer waits for another one (``PRAGMA busy_timeout``)."""

MANIFEST = "corpus.toml"

# --------------------------------------------------------------------------------------
# Results


@attrs.frozen
class IngestResult:
    """What an ingest did, counted in files; ``articles`` counts the articles written.

    Each file is in exactly one of ``read`` (read and stored without error), ``skipped``
    (unchanged since the last ingest) and ``failed`` (at least one error, reported through
    ``on_error``; the good rows of an export with bad ones are stored all the same).
    ``replaced`` counts the read or failed files that replaced an older good version.
    """

    read: int = 0
    skipped: int = 0
    replaced: int = 0
    failed: int = 0
    articles: int = 0

    @property
    def files(self) -> int:
        return self.read + self.skipped + self.failed


@attrs.frozen
class StoreStats:
    """Counts and facts about a store."""

    path: str
    schema_version: int
    files: int
    failed_files: int
    articles: int
    statements: int
    markers: int
    first_date: Optional[str]
    last_date: Optional[str]
    settings: tuple[str, ...]  # the distinct analyzer settings the files were read with


# --------------------------------------------------------------------------------------
# Files and fingerprints


def corpus_files(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
) -> list[Path]:
    """The input files named by ``paths`` (files, directories, globs), in reading order.

    The rules are those of :func:`positions.sources.iter_articles`: directories are walked
    recursively in sorted order, keeping the files :func:`~positions.sources.is_article_file`
    accepts; a file named explicitly is kept whatever its suffix. A path naming nothing, and
    a manifest naming files that are not there, are reported to ``on_error`` (raised without
    it). The same file reached twice is kept once.

    >>> corpus_files([])
    []
    """
    out: list[Path] = []
    seen: set[str] = set()
    for f in iter_corpus_files(paths, on_error=on_error):
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            out.append(Path(f))
    return out


def iter_corpus_files(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
) -> Iterator[str]:
    """:func:`corpus_files`, lazily and without removing duplicates: nothing grows with the
    corpus (a directory is listed one directory at a time)."""
    from .sources import is_article_file

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]

    def report(where: str, exc: PositionsError) -> None:
        if on_error is None:
            raise exc
        on_error(where, exc)

    def walk(root: str) -> Iterator[str]:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d != "__pycache__"
            )
            _check_manifest(dirpath, report)
            for name in sorted(filenames):
                if is_article_file(name):
                    yield os.path.join(dirpath, name)

    for raw in paths:
        given = os.fspath(raw)
        if os.path.isdir(given):
            yield from walk(given)
        elif os.path.exists(given):
            yield given
        elif glob.has_magic(given):
            matches = sorted(glob.glob(given, recursive=True))
            wanted = [
                m for m in matches if os.path.isdir(m) or is_article_file(os.path.basename(m))
            ]
            if not wanted:
                what = "no files match" if not matches else "no article files match"
                report(given, SourceError(f"{given}: {what}"))
            for m in wanted:
                if os.path.isdir(m):
                    yield from walk(m)
                else:
                    yield m
        else:
            report(given, SourceError(f"{given}: no such file or directory"))


def _check_manifest(directory: str, report: Callable[[str, PositionsError], None]) -> None:
    """Report a manifest that names missing files (a manifest that does not load is reported
    by the reader, with the files it concerns)."""
    from .sources import load_manifest

    candidate = os.path.join(directory, MANIFEST)
    if not os.path.isfile(candidate):
        return
    try:
        missing = load_manifest(candidate).missing(directory)
    except PositionsError:
        return
    if missing:
        names = ", ".join(missing)
        report(candidate, SourceError(f"{candidate}: names files that are not there: {names}"))


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_hash(path: PathLike, *, _manifests: Optional[dict[str, str]] = None) -> str:
    """The content hash the store keys a file by: sha256 of its bytes, combined with the
    sha256 of the ``corpus.toml`` of its directory when there is one (a manifest edit
    changes the file's metadata, so it must re-ingest it).
    """
    p = Path(path)
    digest = _sha256_file(p)
    manifest = p.parent / MANIFEST
    cache = _manifests if _manifests is not None else {}
    key = str(manifest)
    if key not in cache:
        cache[key] = _sha256_file(manifest) if manifest.is_file() else ""
    if not cache[key]:
        return digest
    return hashlib.sha256(f"{digest}\n{cache[key]}".encode()).hexdigest()


def _bundled(name: str) -> Optional[Path]:
    p = Path(__file__).resolve().parent / "data" / name
    return p if p.is_file() else None


def analyzer_fingerprint(
    lexicon: Optional[PathLike] = None, actors: Sequence[PathLike] = ()
) -> str:
    """Say what an analysis depends on: the positions version, the lexicon (id, version and
    content hash) and the actors gazetteer (the bundled one and any user files, by content
    hash). A store re-analyses a file that was read under another fingerprint. Cheap: the
    lexicon is read, not compiled.

    >>> analyzer_fingerprint().startswith("positions ")
    True
    """
    from . import __version__

    source = Path(lexicon) if lexicon is not None else _bundled("lexicons/korean_peninsula.toml")
    parts = [f"positions {__version__}"]
    if source is not None and source.is_file():
        try:
            with open(source, "rb") as fh:
                head = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError):
            head = {}  # the lexicon loader will say what is wrong with it
        ident = f"{head.get('id', source.stem)} {head.get('version', '?')}"
        parts.append(f"lexicon {ident} sha256:{_sha256_file(source)[:16]}")
    files = [f for f in [_bundled("actors.toml"), *map(Path, actors)] if f is not None]
    digests = [_sha256_file(f)[:16] for f in files if f.is_file()]
    if digests:
        parts.append("actors sha256:" + "+".join(digests))
    return "; ".join(parts)


_LOADED: dict[tuple, Callable[[Article], Analysis]] = {}


@attrs.frozen
class PipelineAnalyzer:
    """:func:`positions.pipeline.analyze` with a lexicon and extra actors files, loading
    them once per process. It pickles as its paths only, so that worker processes load
    their own copy.

    >>> PipelineAnalyzer(actors=["mine.toml"]).actors
    ('mine.toml',)
    """

    lexicon: Optional[str] = None
    actors: tuple[str, ...] = attrs.field(default=(), converter=lambda v: tuple(map(str, v)))

    @property
    def fingerprint(self) -> str:
        return analyzer_fingerprint(self.lexicon, self.actors)

    def prepare(self) -> None:
        """Load (and so check) the lexicon and gazetteer now: a bad lexicon is then one
        error before the ingest starts, not one per article."""
        self._loaded()

    def __call__(self, article: Article) -> Analysis:
        return self._loaded()(article)

    def _loaded(self) -> Callable[[Article], Analysis]:
        key = (self.lexicon, self.actors)
        fn = _LOADED.get(key)
        if fn is None:
            import functools

            from .actors import load_gazetteer
            from .lexicon import load_lexicon
            from .pipeline import analyze

            fn = functools.partial(
                analyze, lexicon=load_lexicon(self.lexicon), gazetteer=load_gazetteer(self.actors)
            )
            _LOADED[key] = fn
        return fn


# --------------------------------------------------------------------------------------
# Row conversion (one place, so that write and read cannot drift apart)


def _span(start: Optional[int], end: Optional[int]) -> Optional[Span]:
    return None if start is None else Span(start, end)


def _ends(span: Optional[Span]) -> tuple[Optional[int], Optional[int]]:
    return (None, None) if span is None else (span.start, span.end)


def _strs(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _tuple(raw: str) -> tuple:
    return () if raw == "[]" else tuple(json.loads(raw))


_ARTICLE_COLS = (
    "id, path, file_hash, text, body_start, body_end, source, place, date, date_from, title,"
    " url, language, country, layout, dateline_start, dateline_end, warnings"
)


def _article_row(a: Article, hash_: str) -> tuple:
    return (
        a.id,
        a.path,
        hash_,
        a.text,
        a.body.start,
        a.body.end,
        a.source,
        a.place,
        a.date.iso() if a.date is not None else None,
        a.date_from.value if a.date_from is not None else None,
        a.title,
        a.url,
        a.language,
        a.country,
        a.layout,
        *_ends(a.dateline),
        _strs(a.warnings),
    )


def _article_from(r: Sequence[Any]) -> Article:
    return Article(
        id=r[0],
        path=r[1],
        text=r[3],
        body=Span(r[4], r[5]),
        source=r[6],
        place=r[7],
        date=PartialDate.from_iso(r[8]) if r[8] is not None else None,
        date_from=DateSource(r[9]) if r[9] is not None else None,
        title=r[10],
        url=r[11],
        language=r[12],
        country=r[13],
        layout=r[14],
        dateline=_span(r[15], r[16]),
        warnings=_tuple(r[17]),
    )


_MARKER_COLS = (
    "concept, surface, normalized, span_start, span_end, polarity, in_scope, pattern, steps,"
    " negation_start, negation_end"
)


def _marker_row(m: Marker) -> tuple:
    return (
        m.concept,
        m.surface,
        m.normalized,
        m.span.start,
        m.span.end,
        m.polarity,
        int(m.in_scope),
        m.pattern,
        _strs(m.steps),
        *_ends(m.negation),
    )


def _marker_from(r: Sequence[Any]) -> Marker:
    return Marker(
        concept=r[0],
        surface=r[1],
        normalized=r[2],
        span=Span(r[3], r[4]),
        polarity=r[5],
        in_scope=bool(r[6]),
        pattern=r[7],
        steps=_tuple(r[8]),
        negation=_span(r[9], r[10]),
    )


_STATEMENT_COLS = (
    "article_id, span_start, span_end, text, kind, has_speaker, speaker_name, speaker_role,"
    " speaker_country, speaker_org, country, cue_start, cue_end, evidence, parts"
)


def _statement_row(s: Statement) -> tuple:
    sp = s.speaker
    return (
        s.article,
        s.span.start,
        s.span.end,
        s.text,
        s.kind,
        int(sp is not None),
        sp.name if sp else None,
        sp.role if sp else None,
        sp.country if sp else None,
        sp.organization if sp else None,
        s.country,
        *_ends(s.cue),
        _strs(s.evidence),
        json.dumps([p.as_list() for p in s.parts]),
    )


def _statement_from(r: Sequence[Any], holders: tuple[str, ...], markers: tuple[Marker, ...]):
    speaker = Speaker(r[6], r[7], r[8], r[9]) if r[5] else None
    return Statement(
        article=r[0],
        span=Span(r[1], r[2]),
        text=r[3],
        kind=r[4],
        speaker=speaker,
        country=r[10],
        holders=holders,
        cue=_span(r[11], r[12]),
        evidence=_tuple(r[13]),
        parts=tuple(Span(a, b) for a, b in json.loads(r[14])),
        markers=markers,
    )


# --------------------------------------------------------------------------------------
# Filters shared by the store and the corpus path of :func:`analyses_from`


def _date_key(value: DateLike) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    try:
        return PartialDate.from_iso(str(value)).iso()
    except ValueError as exc:
        raise StoreError(f"{value!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from exc


def _in_period(date: Optional[PartialDate], since: Optional[str], until: Optional[str]) -> bool:
    """Compare at the coarser of the two precisions: ``since="2019"`` keeps ``2019-03``,
    ``until="2020-06"`` keeps ``2020-06-30``, ``since="2019-06"`` drops an article dated
    only ``2019``. Undated articles are dropped when a bound is given."""
    if since is None and until is None:
        return True
    if date is None:
        return False
    key = date.iso()
    if since is not None and key[: len(since)] < since:
        return False
    if until is not None and key[: len(until)] > until:
        return False
    return True


def _has_actor(analysis: Analysis, actor: Optional[str]) -> bool:
    """An article concerns ``actor`` when it is the article's country or a statement's
    country or holder."""
    if actor is None:
        return True
    if analysis.article.country == actor:
        return True
    return any(s.country == actor or actor in s.holders for s in analysis.statements)


# --------------------------------------------------------------------------------------
# The store


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.OperationalError as exc:  # locked, read-only, cannot open
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not a positions store ({exc})") from exc
    if str(mode).lower() != "wal":
        raise StoreError(f"{path}: cannot use WAL mode (journal mode {mode})")
    conn.execute("PRAGMA synchronous = NORMAL")  # durable across a process crash in WAL mode
    return conn


def _migrate(conn: sqlite3.Connection, path: Path) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        msg = f"{path}: schema version {version} is newer than this positions ({SCHEMA_VERSION})"
        raise StoreError(msg)
    if version == SCHEMA_VERSION:
        return version
    # Another process may be migrating the same file: take the write lock, then look again.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{path}: an SQLite database, but not a positions store")
        for i in range(version, SCHEMA_VERSION):
            for stmt in _statements(MIGRATIONS[i]):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {i + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``executescript`` would commit our transaction)."""
    out, buf = [], []
    for line in script.splitlines():
        line = line.split("--", 1)[0].rstrip()
        if not line:
            continue
        buf.append(line)
        if sqlite3.complete_statement("\n".join(buf)):
            out.append("\n".join(buf))
            buf = []
    return out


def open_store(path: PathLike, *, create: bool = True) -> "Store":
    """Open (and with ``create``, make or upgrade) the store at ``path``.

    Use it as a context manager; with ``create=False`` a missing file is a
    :class:`StoreError` (what read-only commands want).
    """
    p = Path(path)
    if not create and not p.is_file():
        raise StoreError(f"{p}: no such store (make one with `positions ingest --db {p}`)")
    if p.is_dir():
        raise StoreError(f"{p}: is a directory, not a store")
    if create and not p.parent.is_dir():
        raise StoreError(f"{p}: directory {p.parent} does not exist")
    conn = _connect(p)
    try:
        _migrate(conn, p)
    except sqlite3.OperationalError as exc:  # locked, read-only, disk full
        conn.close()
        raise StoreError(f"{p}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{p}: not a positions store ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, p)


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
        writer = _FileWriter(self._conn, file, file_hash, settings, mtime_ns, size, check=False)
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
        is called after each file.
        """
        if analyze is None:
            analyze = PipelineAnalyzer(None if lexicon is None else str(lexicon), actors)
        fingerprint = getattr(analyze, "fingerprint", None) or _qualname(analyze)
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
        events = _events(self._conn, paths, settings, year, read or _read_default)
        writer: Optional[_FileWriter] = None
        errors: list[str] = []
        done = 0
        try:
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES ('settings', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (settings,),
            )
            for ev in _analysed(events, analyze, jobs):
                kind = ev[0]
                if kind == "begin":
                    _, key, hash_, mtime_ns, size = ev
                    writer = _FileWriter(self._conn, key, hash_, settings, mtime_ns, size)
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
                    counts["skipped"] += 1
                elif kind == "path_error":  # a CORPUS path naming nothing, a bad manifest
                    counts["failed"] += 1
                    if on_error is None:
                        raise ev[2]
                    on_error(ev[1], ev[2])
                if kind in ("end", "skip"):
                    done += 1
                    if progress is not None:
                        progress(done, total)
        except sqlite3.Error as exc:  # locked past busy_timeout, disk full, I/O error
            if writer is not None:
                writer.abort()
            raise StoreError(f"{self.path}: {exc}") from exc
        except BaseException:
            if writer is not None:
                writer.abort()
            raise
        return IngestResult(
            **{f: counts[f] for f in ("read", "skipped", "replaced", "failed", "articles")}
        )

    # -- reading -------------------------------------------------------------------------

    def articles(self, *, since: DateLike = None, until: DateLike = None) -> Iterator[Article]:
        """Every stored article, in date then path order (undated last)."""
        for _pk, article in self._article_rows(since, until, None):
            yield article

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
        conn = self._conn
        for pk, article in self._article_rows(since, until, actor):
            markers: dict[int, Marker] = {}
            listed: list[Marker] = []
            for row in conn.execute(
                f"SELECT pk, seq, {_MARKER_COLS} FROM markers WHERE article_pk = ? ORDER BY pk",
                (pk,),
            ):
                m = _marker_from(row[2:])
                markers[row[0]] = m
                if row[1] is not None:
                    listed.append(m)
            holders: dict[int, list[str]] = collections.defaultdict(list)
            for spk, country in conn.execute(
                "SELECT h.statement_pk, h.country FROM holders h JOIN statements s"
                " ON s.pk = h.statement_pk WHERE s.article_pk = ? ORDER BY h.statement_pk, h.seq",
                (pk,),
            ):
                holders[spk].append(country)
            links: dict[int, list[Marker]] = collections.defaultdict(list)
            for spk, mpk in conn.execute(
                "SELECT l.statement_pk, l.marker_pk FROM statement_markers l JOIN statements s"
                " ON s.pk = l.statement_pk WHERE s.article_pk = ? ORDER BY l.statement_pk, l.seq",
                (pk,),
            ):
                links[spk].append(markers[mpk])
            statements = tuple(
                _statement_from(row[1:], tuple(holders[row[0]]), tuple(links[row[0]]))
                for row in conn.execute(
                    f"SELECT pk, {_STATEMENT_COLS} FROM statements WHERE article_pk = ?"
                    " ORDER BY seq",
                    (pk,),
                )
            )
            yield Analysis(article, statements, tuple(listed))

    def _article_rows(
        self, since: DateLike, until: DateLike, actor: Optional[str]
    ) -> Iterator[tuple[int, Article]]:
        since_key, until_key = _date_key(since), _date_key(until)
        where, args = [], []
        if since_key is not None:
            where.append("date IS NOT NULL AND substr(date, 1, ?) >= ?")
            args += [len(since_key), since_key]
        if until_key is not None:
            where.append("date IS NOT NULL AND substr(date, 1, ?) <= ?")
            args += [len(until_key), until_key]
        if actor is not None:
            where.append(
                "(country = ? OR EXISTS (SELECT 1 FROM statements s WHERE s.article_pk = a.pk"
                " AND (s.country = ? OR EXISTS (SELECT 1 FROM holders h"
                " WHERE h.statement_pk = s.pk AND +h.country = ?))))"
            )
            args += [actor, actor, actor]
        sql = f"SELECT pk, {_ARTICLE_COLS} FROM articles a"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date IS NULL, date, path, file_pk, seq"
        # A cursor of its own: the per-article queries run on the same connection, in the
        # same read snapshot, while this one streams.
        cur = self._conn.cursor()
        try:
            for row in cur.execute(sql, args):
                yield row[0], _article_from(row[1:])
        finally:
            cur.close()

    def stats(self) -> StoreStats:
        """Counts of files, articles, statements and markers, and the date range."""

        def q(sql: str) -> tuple:
            return self._conn.execute(sql).fetchone()

        first, last = q("SELECT min(date), max(date) FROM articles")
        return StoreStats(
            path=str(self.path),
            schema_version=q("PRAGMA user_version")[0],
            files=q("SELECT count(*) FROM files")[0],
            failed_files=q("SELECT count(*) FROM files WHERE status = 'error'")[0],
            articles=q("SELECT count(*) FROM articles")[0],
            statements=q("SELECT count(*) FROM statements")[0],
            markers=q("SELECT count(*) FROM markers WHERE seq IS NOT NULL")[0],
            first_date=first,
            last_date=last,
            settings=tuple(
                r[0] for r in self._conn.execute("SELECT DISTINCT settings FROM files ORDER BY 1")
            ),
        )

    def file_errors(self) -> list[tuple[str, str]]:
        """``(path, first error)`` of every file whose last ingest failed, by path."""
        return list(
            self._conn.execute("SELECT path, error FROM files WHERE status = 'error' ORDER BY path")
        )


def _qualname(fn: object) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', type(fn).__name__)}"


# --------------------------------------------------------------------------------------
# Ingest machinery


class _FileWriter:
    """Writes one file's articles in one ``BEGIN IMMEDIATE`` transaction.

    The transaction opens at the first article (or at the end, for a file without any), so
    the write lock is held while the file's own articles arrive, not while earlier work
    runs. Inside it, the file's row is looked at again: if another ingest stored the same
    content with the same settings meanwhile, nothing is written (``skipped``).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        key: str,
        hash_: str,
        settings: str,
        mtime_ns: int,
        size: int,
        *,
        check: bool = True,
    ) -> None:
        self.conn, self.key, self.hash, self.settings = conn, key, hash_, settings
        self.mtime_ns, self.size, self.check = mtime_ns, size, check
        self.file_pk: Optional[int] = None
        self.open = False
        self.skipped = False
        self.replaced = 0
        self.seq = 0

    def _begin(self) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        self.open = True
        row = conn.execute(
            "SELECT pk, hash, settings, status FROM files WHERE path = ?", (self.key,)
        ).fetchone()
        if row is not None:
            if self.check and tuple(row[1:]) == (self.hash, self.settings, "ok"):
                self.skipped = True
                return
            self.replaced = int(row[3] == "ok")  # a retried failure replaces nothing
            self.file_pk = row[0]
            conn.execute("DELETE FROM articles WHERE file_pk = ?", (self.file_pk,))
            conn.execute(
                "UPDATE files SET hash = ?, mtime_ns = ?, size = ?, settings = ?,"
                " status = 'ok', error = NULL, errors = 0 WHERE pk = ?",
                (self.hash, self.mtime_ns, self.size, self.settings, self.file_pk),
            )
        else:
            cur = conn.execute(
                "INSERT INTO files (path, hash, mtime_ns, size, settings, status)"
                " VALUES (?, ?, ?, ?, ?, 'ok')",
                (self.key, self.hash, self.mtime_ns, self.size, self.settings),
            )
            self.file_pk = cur.lastrowid
        # Inside the write lock, max(pk) is ours: number the rows ourselves, so that whole
        # tables go in with executemany.
        self.next_statement = (
            conn.execute("SELECT coalesce(max(pk), 0) FROM statements").fetchone()[0] + 1
        )
        self.next_marker = (
            conn.execute("SELECT coalesce(max(pk), 0) FROM markers").fetchone()[0] + 1
        )

    def add(self, analysis: Analysis) -> None:
        if not self.open:
            self._begin()
        if self.skipped:
            return
        conn = self.conn
        cur = conn.execute(
            f"INSERT INTO articles (file_pk, seq, {_ARTICLE_COLS})"
            f" VALUES (?, ?, {', '.join('?' * 18)})",
            (self.file_pk, self.seq, *_article_row(analysis.article, self.hash)),
        )
        self.seq += 1
        apk = cur.lastrowid
        marker_rows: list[tuple] = []
        marker_pk: dict[Marker, int] = {}
        for i, m in enumerate(analysis.markers):
            pk = self.next_marker
            self.next_marker += 1
            marker_rows.append((pk, apk, i, *_marker_row(m)))
            marker_pk.setdefault(m, pk)
        statement_rows, holder_rows, link_rows = [], [], []
        for i, s in enumerate(analysis.statements):
            spk = self.next_statement
            self.next_statement += 1
            statement_rows.append((spk, apk, i, *_statement_row(s)))
            holder_rows.extend((spk, j, c) for j, c in enumerate(s.holders))
            for j, m in enumerate(s.markers):
                mpk = marker_pk.get(m)
                if mpk is None:  # a marker the statement has but the article list lacks
                    mpk = self.next_marker
                    self.next_marker += 1
                    marker_rows.append((mpk, apk, None, *_marker_row(m)))
                    marker_pk[m] = mpk
                link_rows.append((spk, j, mpk))
        conn.executemany(
            f"INSERT INTO markers (pk, article_pk, seq, {_MARKER_COLS})"
            f" VALUES (?, ?, ?, {', '.join('?' * 11)})",
            marker_rows,
        )
        conn.executemany(
            f"INSERT INTO statements (pk, article_pk, seq, {_STATEMENT_COLS})"
            f" VALUES (?, ?, ?, {', '.join('?' * 15)})",
            statement_rows,
        )
        conn.executemany("INSERT INTO holders VALUES (?, ?, ?)", holder_rows)
        conn.executemany("INSERT INTO statement_markers VALUES (?, ?, ?)", link_rows)

    def finish(self, errors: Sequence[str] = ()) -> int:
        """Record the file's status and commit; return the number of articles written."""
        if not self.open:
            self._begin()
        if self.skipped:
            self.conn.execute("ROLLBACK")
            self.open = False
            return 0
        if errors:
            self.conn.execute(
                "UPDATE files SET status = 'error', error = ?, errors = ? WHERE pk = ?",
                (errors[0].splitlines()[0] if errors[0] else "error", len(errors), self.file_pk),
            )
        self.conn.execute("COMMIT")
        self.open = False
        return self.seq

    def abort(self) -> None:
        if self.open:
            self.open = False
            if self.conn.in_transaction:  # SQLite may have rolled back already (disk full)
                self.conn.execute("ROLLBACK")


def _read_default(
    paths: Iterable[str], *, year: Optional[int], on_error: Callable
) -> Iterable[Article]:
    from .sources import iter_articles

    return iter_articles(paths, year=year, on_error=on_error)


def _events(
    conn: sqlite3.Connection,
    paths: Sequence[PathLike],
    settings: str,
    year: Optional[int],
    read: Callable[..., Iterable[Article]],
) -> Iterator[tuple]:
    """The work, as a flat stream: per file ``skip``, or ``begin``, its ``article``s and
    ``error``s, ``end``; and ``path_error`` for a path that names no file.

    One reader run reads all the files to do (so that it loads each manifest once); it
    pulls them lazily from a generator that decides, file by file, whether a file is to be
    read at all, and notes in ``side`` where one file ends and the next begins.
    """
    side: collections.deque[tuple] = collections.deque()
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
            row = conn.execute(
                "SELECT hash, settings, status FROM files WHERE path = ?", (key,)
            ).fetchone()
            if row is not None and tuple(row) == (hash_, settings, "ok"):
                side.append(("skip", key))
                if len(side) >= _SIDE_LIMIT:
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


_SIDE_LIMIT = 1024
"""Skipped files noted before the reader run is restarted (a re-ingest of an unchanged
corpus yields no article that would hand them on, and they must not pile up)."""


def _analyse_one(analyze: Callable[[Article], Analysis], article: Article) -> tuple:
    try:
        return ("analysis", analyze(article))
    except PositionsError as exc:
        return ("error", article.path, exc)


def _analysed(events: Iterator[tuple], analyze: Callable, jobs: int) -> Iterator[tuple]:
    """Replace each ``article`` event by its ``analysis`` (or ``error``), in order.

    With ``jobs > 1`` articles go to a process pool through a bounded window of futures, so
    that memory stays flat however large the corpus, and results come back in input order,
    so that the store is the same whatever ``jobs`` is. Before the first article,
    ``analyze.prepare()`` (if any) runs, in a worker when there are workers: the parent, which
    only reads and writes, never loads the lexicon.
    """
    prepare = getattr(analyze, "prepare", None)
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
    window = jobs * 8
    pending: collections.deque[Union[Future, tuple]] = collections.deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
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
) -> Iterator[Analysis]:
    """Analyses from the store ``db`` when it is given, else from running the pipeline over
    ``corpus`` (the bundled sample corpus when empty).

    From a store they come in date then path order; from a corpus in the order of
    :func:`positions.sources.iter_articles`. The filters mean the same either way (see
    :meth:`Store.analyses`). ``on_error`` hears of bad files in a corpus run.
    """
    if db is not None:
        with open_store(db, create=False) as store:
            yield from store.analyses(actor=actor, since=since, until=until)
        return
    from .sources import bundled_corpus, iter_articles

    since_key, until_key = _date_key(since), _date_key(until)
    paths = list(corpus) or bundled_corpus()
    err = (lambda where, exc: on_error(str(where), exc)) if on_error else None
    analyze = PipelineAnalyzer(None if lexicon is None else str(lexicon), actors)
    analyze.prepare()
    for article in iter_articles(paths, year=year, on_error=err):
        if not _in_period(article.date, since_key, until_key):
            continue
        try:
            analysis = analyze(article)
        except PositionsError as exc:
            if on_error is None:
                raise
            on_error(article.path, exc)
            continue
        if _has_actor(analysis, actor):
            yield analysis
