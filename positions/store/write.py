"""Writing one file's analyses to the store, in one transaction (:meth:`Store.put
<positions.store.Store.put>` and each file of an ingest)."""

from __future__ import annotations

import sqlite3
from typing import Optional, Sequence

from ..model import Analysis, Marker
from .records import (
    ARTICLE_COLS,
    MARKER_COLS,
    STATEMENT_COLS,
    Row,
    article_row,
    marker_row,
    statement_row,
)


def _marks(cols: str) -> str:
    """One ``?`` per column of ``cols`` (a ``*_COLS`` list)."""
    return ", ".join("?" * len(cols.split(",")))


class FileWriter:
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
            f"INSERT INTO articles (file_pk, seq, {ARTICLE_COLS})"
            f" VALUES (?, ?, {_marks(ARTICLE_COLS)})",
            (self.file_pk, self.seq, *article_row(analysis.article, self.hash)),
        )
        self.seq += 1
        apk = cur.lastrowid
        marker_rows: list[Row] = []
        marker_pk: dict[Marker, int] = {}
        for i, m in enumerate(analysis.markers):
            pk = self.next_marker
            self.next_marker += 1
            marker_rows.append((pk, apk, i, *marker_row(m)))
            marker_pk.setdefault(m, pk)
        statement_rows: list[Row] = []
        holder_rows: list[tuple[int, int, str]] = []
        link_rows: list[tuple[int, int, int]] = []
        for i, s in enumerate(analysis.statements):
            spk = self.next_statement
            self.next_statement += 1
            statement_rows.append((spk, apk, i, *statement_row(s)))
            holder_rows.extend((spk, j, c) for j, c in enumerate(s.holders))
            for j, m in enumerate(s.markers):
                mpk = marker_pk.get(m)
                if mpk is None:  # a marker the statement has but the article list lacks
                    mpk = self.next_marker
                    self.next_marker += 1
                    marker_rows.append((mpk, apk, None, *marker_row(m)))
                    marker_pk[m] = mpk
                link_rows.append((spk, j, mpk))
        conn.executemany(
            f"INSERT INTO markers (pk, article_pk, seq, {MARKER_COLS})"
            f" VALUES (?, ?, ?, {_marks(MARKER_COLS)})",
            marker_rows,
        )
        conn.executemany(
            f"INSERT INTO statements (pk, article_pk, seq, {STATEMENT_COLS})"
            f" VALUES (?, ?, ?, {_marks(STATEMENT_COLS)})",
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
