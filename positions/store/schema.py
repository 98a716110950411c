"""The store's schema: its DDL, the migrations that build it, and opening a connection.

``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` takes a store from any
older version to :data:`SCHEMA_VERSION` when it is opened (see ``docs/store.md``)::

    >>> SCHEMA_VERSION == len(MIGRATIONS)
    True
    >>> len(_statements(MIGRATIONS[0]))  # statements of version 1: tables and indexes
    14
"""

from __future__ import annotations

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

MIGRATIONS: tuple[str, ...] = (_V1,)
"""Schema migrations, applied in order: ``MIGRATIONS[i]`` takes ``user_version`` i to i + 1.

Append, never edit: a store made by an older positions is brought up to date on open."""

SCHEMA_VERSION = len(MIGRATIONS)

BUSY_TIMEOUT_MS = 120_000
"""How long a writer waits for another one (``PRAGMA busy_timeout``)."""


def connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=busy_timeout_ms / 1000)
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
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


def migrate(conn: sqlite3.Connection, path: Path, migrations: tuple[str, ...] = MIGRATIONS) -> int:
    """Bring the store up to ``len(migrations)``, its schema version; return it."""
    latest = len(migrations)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
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
