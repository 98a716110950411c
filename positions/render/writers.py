"""Flat records out as JSON, JSON Lines or CSV: the one writer of every command's data.

A command's data is a *table*: a list of flat records that all have the same keys, the
table's columns, in order (docs/formats.md lists them). Every record starts with
``schema``, the table's name and version (``"positions.diff/1"``); tables that hold more
than one kind of row say which in ``record``. A value is a string, a number, a boolean,
null, or a list of strings or numbers. The three formats hold the same records:

- ``json``: one array of the records (``pandas.read_json`` loads it);
- ``jsonl``: one record per line (``pandas.read_json(..., lines=True)``);
- ``csv``: a header row of the columns, then a row per record; null is an empty cell,
  a boolean ``true``/``false``, a list its items joined by ``" | "``.

>>> rows = [{"schema": "positions.demo/1", "id": "a", "holders": ["RUS", "CHN"], "ok": True, "n": None}]
>>> print(write_records(rows, "csv", columns=["schema", "id", "holders", "ok", "n"]), end="")
schema,id,holders,ok,n
positions.demo/1,a,RUS | CHN,true,
>>> print(write_records(rows, "jsonl", columns=["schema", "id", "holders", "ok", "n"]), end="")
{"schema": "positions.demo/1", "id": "a", "holders": ["RUS", "CHN"], "ok": true, "n": null}
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterable, Iterator, Optional, Sequence, overload

__all__ = ["DATA_FORMATS", "LIST_SEPARATOR", "write_records", "iter_records", "ending_in_one_newline", "display_text", "table", "iter_table"]

DATA_FORMATS: tuple[str, ...] = ("json", "jsonl", "csv")
"""The formats of a table of flat records."""

LIST_SEPARATOR = " | "
"""How a list is written in a CSV cell (lexicon ids, ISO codes and wordings hold no ``|``)."""

_SPACE_RE = re.compile(r"\s+")


@overload
def display_text(text: str) -> str: ...
@overload
def display_text(text: None) -> None: ...
def display_text(text: Optional[str]) -> Optional[str]:
    """A wording as shown in data: every run of whitespace (double spaces, line breaks of a
    hard-wrapped article) as one space. Offsets next to it keep pointing into the original.

    >>> display_text("meet  the\\n Democratic")
    'meet the Democratic'
    """
    return None if text is None else _SPACE_RE.sub(" ", text)


def table(schema: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` as records of one table: ``schema`` first, then every column in order (a
    column a row does not set is null), so that every record has the same keys."""
    return list(iter_table(schema, columns, rows))


def iter_table(schema: str, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """:func:`table`, one record at a time (for a table too big to hold: a corpus diff)."""
    known = set(columns)
    for row in rows:
        unknown = set(row) - known
        if unknown:  # a programming error: the columns are documented and tested
            raise ValueError(f"{schema}: columns {sorted(unknown)} are not in the table")
        yield {"schema": schema, **{c: row.get(c) for c in columns if c != "schema"}}


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(ch in cell for ch in ',"\r\n') else cell


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    return str(value)


def ending_in_one_newline(pieces: Iterable[str]) -> Iterator[str]:
    """``pieces`` as they come, but ending in exactly one newline: joined, the same text as
    ``"".join(pieces).rstrip("\\n") + "\\n"`` (each piece's trailing newlines are held
    back until a piece with more text comes).

    >>> list(ending_in_one_newline(["a\\n\\n", "\\n", "b\\n\\n"]))
    ['a', '\\n\\n\\nb', '\\n']
    """
    held = ""
    for piece in pieces:
        body = piece.rstrip("\n")
        if body:
            yield held + body
            held = piece[len(body) :]
        else:
            held += piece
    yield "\n"


def write_records(records: Iterable[dict[str, Any]], fmt: str, *, columns: Sequence[str]) -> str:
    """The text of ``records`` (all with the keys ``columns``) in one of :data:`DATA_FORMATS`.
    An empty table is ``[]`` in JSON, nothing in JSON Lines, the header alone in CSV."""
    return "".join(iter_records(records, fmt, columns=columns))


def iter_records(records: Iterable[dict[str, Any]], fmt: str, *, columns: Sequence[str],
                 batch: int = 1000) -> Iterator[str]:  # fmt: skip
    """:func:`write_records` as pieces of text, a record (JSON, JSON Lines) or ``batch``
    records (CSV) at a time, so that a big table is written as it is made, never held: the
    same text once joined (the JSON as ``json.dumps(records, indent=2)`` writes it).

    >>> records = [{"a": 1}, {"a": [2, 3]}]
    >>> "".join(iter_records(records, "json", columns=["a"])) == json.dumps(records, indent=2) + chr(10)
    True
    """
    if fmt not in DATA_FORMATS:
        raise ValueError(f"unknown data format {fmt!r} (known: {', '.join(DATA_FORMATS)})")
    return _pieces(records, fmt, columns, batch)


def _pieces(records: Iterable[dict[str, Any]], fmt: str, columns: Sequence[str], batch: int) -> Iterator[str]:
    if fmt == "json":
        first = True
        for r in records:
            # a record's lines one level in: json.dumps escapes every newline inside a string
            yield ("[\n  " if first else ",\n  ") + json.dumps(r, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            first = False
        yield "[]\n" if first else "\n]\n"
    elif fmt == "jsonl":
        for r in records:
            yield json.dumps(r, ensure_ascii=False) + "\n"
    else:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for i, r in enumerate(records, 1):
            cells = [_cell(r.get(c)) for c in columns]
            if any("\r" in cell for cell in cells):  # the csv module quotes a lone CR only with a CR line end
                buf.write(",".join(_quoted(cell) for cell in cells) + "\n")
            else:
                w.writerow(cells)
            if i % batch == 0:
                yield buf.getvalue()
                buf.seek(0)
                buf.truncate()
        yield buf.getvalue()