"""The store's schema: its DDL, the migrations that build it, and opening a connection.

``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` takes a store from any
older version to :data:`SCHEMA_VERSION` when it is opened (see ``docs/store.md``)::

    >>> SCHEMA_VERSION == len(MIGRATIONS)
    True
    >>> len(_statements(MIGRATIONS[0]))  # statements of version 1: tables and indexes
    14
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import StoreError

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

# Version 2: the novelty index. Who said what when, by actor and day, so that an actor's
# standing position and its last use of a wording are read from an index range (see
# positions.history.StoreHistory). Rows follow the core tables through triggers, so the
# writers need not know of them; deletes follow through ON DELETE CASCADE (a usage goes with
# its marker: a statement is only ever deleted with its article, and so with its markers).
# ``day`` is the first day the article's date can mean, '' for an undated article (a key
# column cannot be NULL); only in-scope markers are uses. Both tables are clustered on
# (actor, role, day): the window of one actor is one range of the table itself.
_DAY = "coalesce(CASE length(a.date) WHEN 4 THEN a.date || '-01-01' WHEN 7 THEN a.date || '-01' ELSE a.date END, '')"

_V2 = f"""
CREATE TABLE appearances (
    actor TEXT NOT NULL,
    role TEXT NOT NULL,                 -- 'holder' or 'speaker'
    day TEXT NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    PRIMARY KEY (actor, role, day, article_pk)
) WITHOUT ROWID;
CREATE INDEX appearances_article ON appearances (article_pk);
CREATE TABLE usages (
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    day TEXT NOT NULL,
    marker_pk INTEGER NOT NULL REFERENCES markers(pk) ON DELETE CASCADE,
    statement_pk INTEGER NOT NULL,
    article_pk INTEGER NOT NULL,
    concept TEXT NOT NULL,
    normalized TEXT NOT NULL,
    PRIMARY KEY (actor, role, day, marker_pk, statement_pk)
) WITHOUT ROWID;
CREATE INDEX usages_form ON usages (actor, role, normalized, day);
CREATE INDEX usages_concept ON usages (actor, role, concept, day);
CREATE INDEX usages_marker ON usages (marker_pk);
CREATE TRIGGER appearances_of_holder AFTER INSERT ON holders BEGIN
    INSERT OR IGNORE INTO appearances (actor, role, day, article_pk)
    SELECT NEW.country, 'holder', {_DAY}, s.article_pk
    FROM statements s JOIN articles a ON a.pk = s.article_pk WHERE s.pk = NEW.statement_pk;
END;
CREATE TRIGGER appearances_of_speaker AFTER INSERT ON statements WHEN NEW.country IS NOT NULL BEGIN
    INSERT OR IGNORE INTO appearances (actor, role, day, article_pk)
    SELECT NEW.country, 'speaker', {_DAY}, a.pk FROM articles a WHERE a.pk = NEW.article_pk;
END;
CREATE TRIGGER usages_of_link AFTER INSERT ON statement_markers BEGIN
    INSERT OR IGNORE INTO usages
    SELECT h.country, 'holder', {_DAY}, m.pk, s.pk, s.article_pk, m.concept, m.normalized
    FROM markers m, statements s, articles a, holders h
    WHERE m.pk = NEW.marker_pk AND m.in_scope AND s.pk = NEW.statement_pk
      AND a.pk = s.article_pk AND h.statement_pk = s.pk;
    INSERT OR IGNORE INTO usages
    SELECT s.country, 'speaker', {_DAY}, m.pk, s.pk, s.article_pk, m.concept, m.normalized
    FROM markers m, statements s, articles a
    WHERE m.pk = NEW.marker_pk AND m.in_scope AND s.pk = NEW.statement_pk
      AND a.pk = s.article_pk AND s.country IS NOT NULL;
END;
INSERT OR IGNORE INTO appearances (actor, role, day, article_pk)
SELECT h.country, 'holder', {_DAY}, s.article_pk
FROM holders h JOIN statements s ON s.pk = h.statement_pk JOIN articles a ON a.pk = s.article_pk;
INSERT OR IGNORE INTO appearances (actor, role, day, article_pk)
SELECT s.country, 'speaker', {_DAY}, s.article_pk
FROM statements s JOIN articles a ON a.pk = s.article_pk WHERE s.country IS NOT NULL;
INSERT OR IGNORE INTO usages
SELECT h.country, 'holder', {_DAY}, m.pk, s.pk, s.article_pk, m.concept, m.normalized
FROM statement_markers l JOIN markers m ON m.pk = l.marker_pk JOIN statements s ON s.pk = l.statement_pk
JOIN articles a ON a.pk = s.article_pk JOIN holders h ON h.statement_pk = s.pk WHERE m.in_scope;
INSERT OR IGNORE INTO usages
SELECT s.country, 'speaker', {_DAY}, m.pk, s.pk, s.article_pk, m.concept, m.normalized
FROM statement_markers l JOIN markers m ON m.pk = l.marker_pk JOIN statements s ON s.pk = l.statement_pk
JOIN articles a ON a.pk = s.article_pk WHERE m.in_scope AND s.country IS NOT NULL;
"""

# Version 3: what a paged or saved-web source adds to an article. ``pages`` holds where each
# page of a PDF starts in the text (Article.pages, a JSON list of offsets), ``author`` what a
# saved page or a PDF's metadata names. An older store's articles read with no pages and no
# author; the files that hold PDFs or saved pages get an empty hash, so that the next ingest
# reads them again (their content hash no longer matches) and their pages come back.
_V3 = """
ALTER TABLE articles ADD COLUMN pages TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN author TEXT;
UPDATE files SET hash = '' WHERE pk IN (SELECT file_pk FROM articles WHERE layout IN ('pdf', 'html'));
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
"""Schema migrations, applied in order: ``MIGRATIONS[i]`` takes ``user_version`` i to i + 1.

Append, never edit: a store made by an older positions is brought up to date on open."""

SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT_MS = 120_000
"""How long a writer waits for another one (``PRAGMA busy_timeout``)."""


def damaged(path: "Path | str", detail: str) -> str:
    """The one line said of a store that SQLite finds damaged."""
    return f"the store {path} is damaged: {detail}; run `positions ingest CORPUS --db {path} --rebuild`"


# OperationalErrors that say nothing about the file's state: another writer, permissions, a
# full disk. Every other sqlite3.DatabaseError met while reading or writing a store that passed
# its identity check means damage (malformed pages, a schema that no longer reads, text that no
# longer decodes).
_NOT_DAMAGE = ("locked", "busy", "unable to open", "readonly", "read-only", "disk is full", "interrupted")


def store_error(path: "Path | str", exc: sqlite3.Error) -> StoreError:
    """One :class:`StoreError` line for an SQLite error met on the store at ``path``."""
    text = str(exc) or type(exc).__name__
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError)) or not isinstance(exc, sqlite3.DatabaseError):
        return StoreError(f"{path}: {text}")
    if isinstance(exc, sqlite3.OperationalError) and any(w in text.lower() for w in _NOT_DAMAGE):
        return StoreError(f"{path}: {text}")
    return StoreError(damaged(path, text))


def connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS, migrations: tuple[str, ...] = MIGRATIONS) -> sqlite3.Connection:
    """A connection for writing: the file is identified as a positions store (or an empty
    file) *before* anything changes it, then switched to WAL mode."""
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:  # cannot open
        raise StoreError(f"{path}: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        conn.execute("PRAGMA foreign_keys = ON")
        identify(conn, path, migrations)  # reads only: a refused file is left as it was
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{path}: cannot use WAL mode (journal mode {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")  # durable across a process crash in WAL mode
    except sqlite3.OperationalError as exc:  # locked, read-only, cannot open
        conn.close()
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a positions store ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def file_uri(path: Path) -> str:
    from urllib.parse import quote

    return "file:" + quote(str(path.absolute()), safe="/")


def read_uri(path: Path) -> str:
    """The URI a reader opens ``path`` with: read-only, and immutable where its directory
    cannot be written (no ``-shm`` file can be made there, and so no writer can be at work: a
    WAL that was never checkpointed is then not seen)."""
    uri = file_uri(path)
    if not os.access(path.parent if str(path.parent) else ".", os.W_OK):
        return uri + "?immutable=1"
    return uri + "?mode=ro"


def connect_read(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS, migrations: tuple[str, ...] = MIGRATIONS) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``, or ``immutable`` in a directory that cannot be
    written) to a store identified as one; nothing is changed in the file."""
    try:
        conn = sqlite3.connect(read_uri(path), uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: {exc}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        version = identify(conn, path, migrations)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise StoreError(f"{path}: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a positions store ({exc})") from exc
    except BaseException:
        conn.close()
        raise
    if version == 0:
        conn.close()
        raise StoreError(f"{path}: an empty file, not a positions store (make one with `positions ingest --db {path}`)")
    return conn


def _expected_tables(migrations: tuple[str, ...], version: int) -> dict[str, list[str]]:
    """``{table: column names}`` of a store at ``version``, made by running the migrations in
    memory."""
    key = (migrations, version)
    if key not in _EXPECTED:
        mem = sqlite3.connect(":memory:")
        try:
            for script in migrations[:version]:
                for stmt in _statements(script):
                    mem.execute(stmt)
            _EXPECTED[key] = _tables(mem)
        finally:
            mem.close()
    return _EXPECTED[key]


_EXPECTED: dict[tuple[tuple[str, ...], int], dict[str, list[str]]] = {}


def _tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {n: [r[1] for r in conn.execute("SELECT * FROM pragma_table_info(?)", (n,))] for n in names}


def identify(conn: sqlite3.Connection, path: Path, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """The schema version of the store on ``conn``, after checking that it is a positions
    store: ``user_version`` no newer than ``migrations`` know, and every table of that
    version there with its columns (other tables may be added by a user). An empty file is
    version 0. Only reads: nothing in the file changes, whatever the answer.

    The version and the tables are read in one read transaction: read apart, another process
    that creates the store between the two reads would make it look like a foreign database
    (tables, but version 0)."""
    latest = len(migrations)
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        version: int = conn.execute("PRAGMA user_version").fetchone()[0]
        found = _tables(conn)
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")
    if version > latest:
        raise StoreError(f"{path}: schema version {version} is newer than this positions ({latest})")
    if version == 0:
        if found:
            raise StoreError(f"{path}: an SQLite database, but not a positions store")
        return 0
    expected = _expected_tables(migrations, version)
    for table, columns in expected.items():
        if found.get(table) != columns:
            what = "no table" if table not in found else "another table"
            msg = f"{path}: an SQLite database (user_version {version}), but not a positions store ({what} {table!r})"
            raise StoreError(msg)
    return version


def check_integrity(conn: sqlite3.Connection, path: "Path | str", *, full: bool = False) -> None:
    """``PRAGMA quick_check`` (``integrity_check`` and ``foreign_key_check`` with ``full``):
    a damaged store is one clear :class:`StoreError`."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}(1)").fetchall()
        if rows != [("ok",)]:
            problem = " ".join(str(rows[0][0]).replace("*** in database main ***", "").split()) if rows else "no answer"
            raise StoreError(damaged(path, f"{pragma}: {problem}"))
        if full:
            bad = conn.execute("PRAGMA foreign_key_check").fetchone()
            if bad is not None:
                raise StoreError(damaged(path, f"foreign_key_check: a row of {bad[0]} refers to a missing {bad[2]} row"))
    except sqlite3.Error as exc:
        raise store_error(path, exc) from exc


def migrate(conn: sqlite3.Connection, path: Path, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """Bring the store up to ``len(migrations)``, its schema version; return it."""
    latest = len(migrations)
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > latest:
        msg = f"{path}: schema version {version} is newer than this positions ({latest})"
        raise StoreError(msg)
    if version == latest:
        return version
    # Another process may be migrating the same file: take the write lock, then look again.
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{path}: an SQLite database, but not a positions store")
        for i in range(version, latest):
            for stmt in _statements(migrations[i]):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {i + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return latest


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
