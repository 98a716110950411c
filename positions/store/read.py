"""Reading a store back: articles, whole analyses (one article in memory at a time) and
counts. :class:`~positions.store.Store` answers with these functions over its connection."""

from __future__ import annotations

import collections
import contextlib
import sqlite3
from pathlib import Path
from typing import Any, Iterator, Optional

import attrs

from ..model import Analysis, Article, Marker
from .filters import DateLike, period_sql
from .records import (
    ARTICLE_COLS,
    MARKER_COLS,
    STATEMENT_COLS,
    article_from,
    marker_from,
    statement_from,
)


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


def articles(
    conn: sqlite3.Connection, *, since: DateLike = None, until: DateLike = None
) -> Iterator[Article]:
    """:meth:`Store.articles <positions.store.Store.articles>`."""
    for _pk, article in _article_rows(conn, since, until, None):
        yield article


def analyses(
    conn: sqlite3.Connection,
    *,
    actor: Optional[str] = None,
    since: DateLike = None,
    until: DateLike = None,
) -> Iterator[Analysis]:
    """:meth:`Store.analyses <positions.store.Store.analyses>`: one article's rows are read
    (and one article is in memory) at a time."""
    for pk, article in _article_rows(conn, since, until, actor):
        yield _analysis(conn, pk, article)


def _analysis(conn: sqlite3.Connection, pk: int, article: Article) -> Analysis:
    """The analysis of the stored article ``pk`` (its row already read as ``article``)."""
    markers: dict[int, Marker] = {}
    listed: list[Marker] = []
    for row in conn.execute(
        f"SELECT pk, seq, {MARKER_COLS} FROM markers WHERE article_pk = ? ORDER BY pk",
        (pk,),
    ):
        m = marker_from(row[2:])
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
        statement_from(row[1:], tuple(holders[row[0]]), tuple(links[row[0]]))
        for row in conn.execute(
            f"SELECT pk, {STATEMENT_COLS} FROM statements WHERE article_pk = ? ORDER BY seq",
            (pk,),
        )
    )
    return Analysis(article, statements, tuple(listed))


def _article_rows(
    conn: sqlite3.Connection, since: DateLike, until: DateLike, actor: Optional[str]
) -> Iterator[tuple[int, Article]]:
    where, args = period_sql(since, until)
    if actor is not None:
        where.append(
            "(country = ? OR EXISTS (SELECT 1 FROM statements s WHERE s.article_pk = a.pk"
            " AND (s.country = ? OR EXISTS (SELECT 1 FROM holders h"
            " WHERE h.statement_pk = s.pk AND +h.country = ?))))"
        )
        args += [actor, actor, actor]
    sql = f"SELECT pk, {ARTICLE_COLS} FROM articles a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date IS NULL, date, path, file_pk, seq"
    # A cursor of its own: the per-article queries run on the same connection, in the
    # same read snapshot, while this one streams.
    cur = conn.cursor()
    try:
        for row in cur.execute(sql, args):
            yield row[0], article_from(row[1:])
    finally:
        cur.close()


@contextlib.contextmanager
def snapshot(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Every read made on ``conn`` inside the ``with`` sees the same state of the store,
    whatever is ingested meanwhile (one read transaction: WAL lets writers go on).

    For readers that go over a store more than once and need the passes to agree, as
    ``positions report --db`` does (aggregates first, then the article pages)."""
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        # the error that ends the reads is the one to tell (on a damaged store, ending the
        # transaction can fail again)
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def stats(conn: sqlite3.Connection, path: Path) -> StoreStats:
    """:meth:`Store.stats <positions.store.Store.stats>` of the store at ``path``."""

    def q(sql: str) -> tuple[Any, ...]:
        row: tuple[Any, ...] = conn.execute(sql).fetchone()
        return row

    first, last = q("SELECT min(date), max(date) FROM articles")
    return StoreStats(
        path=str(path),
        schema_version=q("PRAGMA user_version")[0],
        files=q("SELECT count(*) FROM files")[0],
        failed_files=q("SELECT count(*) FROM files WHERE status = 'error'")[0],
        articles=q("SELECT count(*) FROM articles")[0],
        statements=q("SELECT count(*) FROM statements")[0],
        markers=q("SELECT count(*) FROM markers WHERE seq IS NOT NULL")[0],
        first_date=first,
        last_date=last,
        settings=tuple(
            r[0] for r in conn.execute("SELECT DISTINCT settings FROM files ORDER BY 1")
        ),
    )


def file_errors(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(path, first error)`` of every file whose last ingest failed, by path."""
    return list(conn.execute("SELECT path, error FROM files WHERE status = 'error' ORDER BY path"))


def files_with_analyses(conn: sqlite3.Connection) -> Iterator[tuple[dict[str, Any], list[Analysis]]]:
    """Every stored file (its ``files`` row as a dict) with its analyses in file order, one
    file in memory at a time, in the order files were first stored: what an export
    writes."""
    cur = conn.cursor()
    try:
        for row in cur.execute(
            "SELECT pk, path, hash, mtime_ns, size, settings, status, error, errors FROM files ORDER BY pk"
        ):
            f = dict(zip(("pk", "path", "hash", "mtime_ns", "size", "settings", "status", "error", "errors"), row))
            analyses = [
                _analysis(conn, r[0], article_from(r[1:]))
                for r in conn.execute(
                    f"SELECT pk, {ARTICLE_COLS} FROM articles WHERE file_pk = ? ORDER BY seq", (f["pk"],)
                ).fetchall()
            ]
            yield f, analyses
    finally:
        cur.close()
