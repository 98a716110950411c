"""The dataset's three tables as Arrow schemas, and analyses to rows and back.

The columns are the store's (``docs/store.md``), taken from the same row functions of
:mod:`positions.store.records`, so that a record reads back equal from either; the JSON list
columns of the store are real lists here (``warnings``, ``pages``, ``evidence``, ``steps``,
``parts``, ``holders``), which pandas, polars and DuckDB read as lists. Every row carries where it
came from: ``file`` (the input file's real path), ``batch`` (the ingest batch that wrote
it) and ``aseq`` (the article's place in its file).

    >>> from positions.model import Analysis, Article, Span
    >>> art = Article(id="a1", path="a.txt", text="Moscow is ready.", body=Span(0, 16))
    >>> rows = analysis_rows(Analysis(art), file="/c/a.txt", file_hash="h", batch=1, aseq=0)
    >>> rows["articles"][0]["year"], rows["articles"][0]["actor"]
    ('none', 'none')
    >>> analysis_from(rows["articles"][0], [], []) == Analysis(art)
    True
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Sequence

from ..model import Analysis, Marker
from ..store import records
from ..store.records import article_from, article_row, marker_from, marker_row, statement_from, statement_row

TABLES = ("articles", "statements", "markers")
NONE = "none"
"""The partition value of a missing year or actor (Hive partitions cannot be NULL)."""
OTHER = "other"
"""The partition value of an actor that is no code (a directory name must stay one name)."""
_CODE = re.compile(r"[A-Za-z0-9_-]{1,16}")


def _partition(value: Any) -> str:
    if not value:
        return NONE
    return value if _CODE.fullmatch(value) and value not in (NONE, OTHER) else OTHER


def _cols(spec: str) -> list[str]:
    return [c.strip() for c in spec.split(",")]


ARTICLE_COLS = _cols(records.ARTICLE_COLS)
STATEMENT_COLS = _cols(records.STATEMENT_COLS)
MARKER_COLS = _cols(records.MARKER_COLS)
_LISTS = {"warnings", "evidence", "steps", "pages"}  # JSON lists in the store, lists here


def schemas() -> dict[str, Any]:
    """The Arrow schema of each table (without the partition columns ``year``, ``actor``,
    which are in the directory names)."""
    import pyarrow as pa

    s, i, b = pa.string(), pa.int64(), pa.bool_()
    strs = pa.list_(s)
    where = [("file", s), ("batch", i), ("aseq", i)]
    article = {c: i if c.endswith(("_start", "_end")) else s for c in ARTICLE_COLS}
    article.update(warnings=strs, pages=pa.list_(i))
    statement = {c: i if c.endswith(("_start", "_end")) else s for c in STATEMENT_COLS}
    statement.update(has_speaker=b, evidence=strs, parts=pa.list_(pa.list_(i)))
    marker = {c: i if c.endswith(("_start", "_end")) else s for c in MARKER_COLS}
    marker.update(in_scope=b, steps=strs)
    return {
        "articles": pa.schema(where + list(article.items())),
        "statements": pa.schema(
            where + [("seq", i), ("date", s)] + list(statement.items())
            + [("holders", strs), ("markers", pa.list_(i))]
        ),
        "markers": pa.schema(where + [("ord", i), ("seq", i), ("date", s)] + list(marker.items())),
    }


def _listed(cols: Sequence[str], values: Sequence[Any]) -> dict[str, Any]:
    row = dict(zip(cols, values))
    for c in _LISTS & row.keys():
        row[c] = json.loads(row[c])
    return row


def analysis_rows(
    analysis: Analysis, *, file: str, file_hash: str, batch: int, aseq: int
) -> dict[str, list[dict[str, Any]]]:
    """The rows of one analysis, per table, each with its ``year`` and ``actor`` partition.

    An article's partition is its year and its actor: the country its layout names, else
    the first statement country, else ``none``; a statement's is the article's year and
    its speaker's country; markers go with their article. An actor that is not a code
    (letters, digits, ``-``, ``_``, up to 16) is partitioned as ``other`` (the row keeps its
    country as it is).
    """
    art = analysis.article
    date = art.date.iso() if art.date is not None else None
    year = date[:4] if date else NONE
    actor = _partition(art.country or next((s.country for s in analysis.statements if s.country), None))
    where = {"file": file, "batch": batch, "aseq": aseq}
    article = {**where, **_listed(ARTICLE_COLS, article_row(art, file_hash)), "year": year, "actor": actor}
    markers: list[dict[str, Any]] = []
    ords: dict[Marker, int] = {}

    def add_marker(m: Marker, seq: Any) -> int:
        ord_ = len(markers)
        markers.append({**where, "ord": ord_, "seq": seq, "date": date,
                        **_listed(MARKER_COLS, marker_row(m)), "year": year, "actor": actor})  # fmt: skip
        return ord_

    for i, m in enumerate(analysis.markers):
        ords.setdefault(m, add_marker(m, i))
    statements = []
    for i, st in enumerate(analysis.statements):
        links = []
        for m in st.markers:
            if m not in ords:  # a marker the statement has but the article list lacks
                ords[m] = add_marker(m, None)
            links.append(ords[m])
        row = _listed(STATEMENT_COLS, statement_row(st))
        row["has_speaker"] = bool(row["has_speaker"])
        row["parts"] = json.loads(row["parts"])
        statements.append({**where, "seq": i, "date": date, **row, "holders": list(st.holders),
                           "markers": links, "year": year, "actor": _partition(st.country)})  # fmt: skip
    for marker in markers:
        marker["in_scope"] = bool(marker["in_scope"])
    return {"articles": [article], "statements": statements, "markers": markers}


def _json(values: Iterable[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def analysis_from(
    article: dict[str, Any], statements: Sequence[dict[str, Any]], markers: Sequence[dict[str, Any]]
) -> Analysis:
    """The :class:`Analysis` that :func:`analysis_rows` made these rows of (``markers`` in
    ``ord`` order, ``statements`` in ``seq`` order)."""
    # ``pages`` as it is: records.pages_from takes a list, and None (a part written before
    # the column was) as no pages
    art = article_from([article[c] if c != "warnings" else _json(article[c]) for c in ARTICLE_COLS])
    by_ord = {}
    listed = []
    for r in markers:
        vals = [r[c] for c in MARKER_COLS]
        vals[MARKER_COLS.index("steps")] = _json(r["steps"])
        m = marker_from(vals)
        by_ord[r["ord"]] = m
        if r["seq"] is not None:
            listed.append(m)
    out = []
    for r in statements:
        vals = [r[c] for c in STATEMENT_COLS]
        vals[STATEMENT_COLS.index("evidence")] = _json(r["evidence"])
        vals[STATEMENT_COLS.index("parts")] = json.dumps([list(p) for p in r["parts"]])
        out.append(statement_from(vals, tuple(r["holders"]), tuple(by_ord[o] for o in r["markers"])))
    return Analysis(art, tuple(out), tuple(listed))
