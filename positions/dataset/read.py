"""Reading a dataset with DuckDB: views of the current rows, and analyses streamed back.

:class:`Dataset` opens an in-memory DuckDB database with four views over the Parquet files:
``files`` (the newest catalog row of each input file) and ``articles``, ``statements``,
``markers`` (only the rows of the batch that ``files`` names for their file, so replaced
and uncommitted rows are never seen), with the Hive partition columns ``year`` and
``actor``. Any SQL runs on them (:meth:`Dataset.sql`); :meth:`Dataset.analyses` gives the
records back, filtered in SQL, in the store's order (date, then path).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator, Optional

import attrs

from .._extras import require
from ..errors import DatasetError
from ..model import Analysis, Article
from ..store.filters import DateLike, period_sql
from .tables import TABLES, analysis_from, schemas
from .write import CATALOG, catalog_schema

_CHUNK = 2048


@attrs.frozen
class DatasetStats:
    """Counts of a dataset, as :class:`positions.store.StoreStats` has them for a store."""

    path: str
    files: int
    failed_files: int
    articles: int
    statements: int
    markers: int


def _empty(con: Any, name: str, schema: Any) -> None:
    import pyarrow as pa

    if name != "files":
        schema = pa.schema(list(schema) + [pa.field("year", pa.string()), pa.field("actor", pa.string())])
    # a table, not a registered Arrow object: those are seen by one connection only, and
    # analyses() reads through cursors (connections of their own)
    con.register("_arrow", schema.empty_table())
    con.execute(f"CREATE TABLE _empty_{name} AS SELECT * FROM _arrow")
    con.unregister("_arrow")


class Dataset:
    """An open dataset; see :func:`open_dataset`."""

    def __init__(self, root: Path) -> None:
        duckdb = require("duckdb", "dask", "--dataset")
        self.root = root
        self.con = duckdb.connect()
        # The parts are listed once, here: every query of this Dataset sees the same
        # batches, whatever an ingest commits meanwhile (as a store's read snapshot does),
        # and only committed batches are listed.
        catalog = sorted((root / CATALOG).glob("b*.parquet"))
        committed = {p.name for p in catalog}
        if catalog:
            self.con.execute(
                "CREATE VIEW files AS SELECT * EXCLUDE (rn) FROM (SELECT *, row_number() OVER"
                f" (PARTITION BY file ORDER BY batch DESC) AS rn FROM read_parquet({_list(catalog)}))"
                " WHERE rn = 1"
            )
        else:
            _empty(self.con, "files", catalog_schema())
            self.con.execute("CREATE VIEW files AS SELECT * FROM _empty_files")
        for table, schema in schemas().items():
            parts = sorted(p for p in (root / table).glob("year=*/actor=*/b*.parquet") if p.name in committed)
            _empty(self.con, table, schema)
            src = f"_empty_{table}"
            if parts:
                # Parts written before a column was added lack it: matched by name
                # (union_by_name; else the first part's columns would silently win), and
                # unioned with the empty table of today's schema, so that every column is
                # there (NULL in an older part) even when no part has it yet.
                src = (f"(SELECT * FROM read_parquet({_list(parts)}, hive_partitioning = true,"
                       " hive_types = {'year': VARCHAR, 'actor': VARCHAR}, union_by_name = true)"
                       f" UNION ALL BY NAME SELECT * FROM {src})")  # fmt: skip
            self.con.execute(
                f"CREATE VIEW {table} AS SELECT t.* FROM {src} t"
                " SEMI JOIN files f ON f.file = t.file AND f.batch = t.batch"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sql(self, query: str, params: Optional[list[Any]] = None) -> Any:
        """Run ``query`` on the views; a DuckDB relation/cursor (``.df()``, ``.arrow()``,
        ``.fetchall()``)."""
        return self.con.execute(query, params or [])

    def stats(self) -> DatasetStats:
        def q(sql: str) -> int:
            return int(self.con.execute(sql).fetchone()[0])

        return DatasetStats(
            path=str(self.root),
            files=q("SELECT count(*) FROM files"),
            failed_files=q("SELECT count(*) FROM files WHERE status = 'error'"),
            articles=q("SELECT count(*) FROM articles"),
            statements=q("SELECT count(*) FROM statements"),
            markers=q("SELECT count(*) FROM markers WHERE seq IS NOT NULL"),
        )

    def undated(self) -> list[str]:
        """The paths of the articles that have no date, sorted (as :meth:`Store.undated
        <positions.store.Store.undated>`)."""
        from ..store import UNDATED_QUERY

        return [r[0] for r in self.con.execute(UNDATED_QUERY).fetchall()]

    def concept_counts(self, *, by: str = "year", role: str = "holder") -> list[tuple[Any, ...]]:
        """The timeline's counts as one query: ``(actor, concept, period, markers,
        statements, articles)`` for every actor, concept and period in which the concept
        appears, sorted. The same figures as the cells of :func:`positions.track.timeline`
        (in-scope markers of the actor's statements, each counted once per article and
        span; the statements and articles that hold one), without building a record.

        ``role="holder"`` counts the statements the actor holds, ``"speaker"`` those its
        people speak; ``by`` is ``year`` or ``month`` (an article dated only to the year
        stays in its year).
        """
        if by not in ("year", "month") or role not in ("holder", "speaker"):
            raise ValueError(f"by must be year or month and role holder or speaker, not {by!r}, {role!r}")
        width = 4 if by == "year" else 7
        # (``who``: the statements view has an ``actor`` column already, its partition)
        actors = ("FROM statements s, unnest(s.holders) AS h(who)" if role == "holder"
                  else "FROM (SELECT *, country AS who FROM statements WHERE country IS NOT NULL) s")  # fmt: skip
        rows: list[tuple[Any, ...]] = self.con.execute(f"""
            WITH linked AS (
                SELECT s.file, s.batch, s.aseq, s.seq, s.article_id, substr(s.date, 1, {width}) AS period,
                       who, unnest(s.markers) AS ord
                {actors} WHERE s.date IS NOT NULL)
            SELECT l.who AS actor, m.concept, l.period,
                   count(DISTINCT (l.article_id, m.span_start, m.span_end)) AS markers,
                   count(DISTINCT (l.file, l.aseq, l.seq)) AS statements,
                   count(DISTINCT l.article_id) AS articles
            FROM linked l JOIN markers m USING (file, batch, aseq, ord)
            WHERE m.in_scope
            GROUP BY ALL ORDER BY ALL""").fetchall()
        return rows

    def _selected(self, actor: Optional[str], since: DateLike, until: DateLike) -> tuple[str, list[Any]]:
        where, args = period_sql(since, until)
        if actor is not None:
            where.append(
                "(a.country = ? OR EXISTS (SELECT 1 FROM statements s WHERE s.file = a.file AND"
                " s.aseq = a.aseq AND (s.country = ? OR list_contains(s.holders, ?))))"
            )
            args += [actor, actor, actor]
        sql = ("SELECT a.*, row_number() OVER (ORDER BY a.date IS NULL, a.date, a.path, a.file, a.aseq) AS o"
               " FROM articles a")  # fmt: skip
        if where:
            sql += " WHERE " + " AND ".join(where)
        return sql, args

    def articles(self, *, since: DateLike = None, until: DateLike = None) -> Iterator[Article]:
        """The articles, in date then path order."""
        for a in self.analyses(since=since, until=until, _bare=True):
            yield a.article

    def analyses(
        self,
        *,
        actor: Optional[str] = None,
        since: DateLike = None,
        until: DateLike = None,
        _bare: bool = False,
    ) -> Iterator[Analysis]:
        """The analyses, as :meth:`positions.store.Store.analyses` gives them (same filters,
        same order); three streams (articles, statements, markers) sorted alike by DuckDB
        and merged here, so a chunk of articles is in memory at a time."""
        sel, args = self._selected(actor, since, until)
        base = f"WITH sel AS ({sel})"
        arts = self.con.cursor().execute(f"{base} SELECT * EXCLUDE (year, actor) FROM sel ORDER BY o", args)
        if _bare:
            for chunk in _chunks(arts):
                for r in chunk:
                    yield self._record(r, [], [])
            return
        sts = self.con.cursor().execute(
            f"{base} SELECT sel.o AS o, s.* FROM statements s JOIN sel USING (file, batch, aseq)"
            " ORDER BY o, s.seq", args)  # fmt: skip
        mks = self.con.cursor().execute(
            f"{base} SELECT sel.o AS o, m.* FROM markers m JOIN sel USING (file, batch, aseq)"
            " ORDER BY o, m.ord", args)  # fmt: skip
        st_rows, mk_rows = _rows(sts), _rows(mks)
        st_next, mk_next = next(st_rows, None), next(mk_rows, None)
        for chunk in _chunks(arts):
            for r in chunk:
                o = r["o"]
                these_st, these_mk = [], []
                while st_next is not None and st_next["o"] == o:
                    these_st.append(st_next)
                    st_next = next(st_rows, None)
                while mk_next is not None and mk_next["o"] == o:
                    these_mk.append(mk_next)
                    mk_next = next(mk_rows, None)
                yield self._record(r, these_st, these_mk)

    def _record(self, article: dict[str, Any], statements: list[dict[str, Any]], markers: list[dict[str, Any]]) -> Analysis:
        """:func:`analysis_from`, with a value no writer of positions makes (page offsets
        out of order, a span that is not one) as one :class:`DatasetError` line."""
        try:
            return analysis_from(article, statements, markers)
        except (ValueError, TypeError, KeyError, IndexError) as exc:
            msg = f"{self.root}: a row of {article.get('file')} does not read back ({type(exc).__name__}: {exc})"
            raise DatasetError(msg) from exc


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _list(paths: list[Path]) -> str:
    return "[" + ", ".join(_lit(str(p)) for p in paths) + "]"


def _chunks(cur: Any) -> Iterator[list[dict[str, Any]]]:
    cols = [d[0] for d in cur.description]
    while True:
        rows = cur.fetchmany(_CHUNK)
        if not rows:
            return
        yield [dict(zip(cols, r)) for r in rows]


def _rows(cur: Any) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(cur):
        yield from chunk


def open_dataset(path: Any) -> Dataset:
    """Open the dataset at ``path`` for reading (a :class:`DatasetError` when there is
    none). Use it as a context manager."""
    root = Path(path)
    if not (root / CATALOG).is_dir():
        raise DatasetError(f"{root}: no such dataset (make one with `positions ingest --dataset {root}`)")
    try:
        return Dataset(root)
    except DatasetError:
        raise
    except Exception as exc:  # duckdb.Error: an unreadable Parquet file
        if type(exc).__module__.startswith("duckdb") or "Parquet" in str(exc):
            raise DatasetError(f"{root}: cannot read the dataset ({str(exc).splitlines()[0]})") from exc
        raise


__all__ = ["Dataset", "DatasetStats", "open_dataset", "TABLES"]
