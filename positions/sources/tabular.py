"""JSONL and CSV exports: one article per row, read one row at a time.

Column names are configurable: ``columns={"text": "body", "date": "published"}`` maps the
fields positions knows (:data:`FIELDS`) to the export's own names. An article's path is the
file and its row, ``export.jsonl#3``: for JSONL the line number, for CSV the data row (the
header is not counted). A bad row is reported (``on_error``) and the rest of the file read;
a file that cannot be read at all (binary, no text column) is one error.
"""

from __future__ import annotations

import csv
import json
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Mapping, Optional

from ..errors import EmptyFileError, PositionsError, SourceError
from ..model import Article, DateSource, Span
from .datelines import body_start, parse_dateline
from .decoding import (
    AUTO,
    MAX_ARTICLE_BYTES,
    check_encoding,
    decode_text,
    detect_encoding,
    iter_lines,
)
from .metadata import assemble, check_fields

__all__ = ["FIELDS", "column_names", "iter_jsonl", "iter_csv", "TABLE_SUFFIXES"]

FIELDS = ("text", "date", "source", "title", "url", "place", "language", "country")
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv"}

# Articles are long; the csv module's default cell limit (128 KiB) is not.
csv.field_size_limit(max(csv.field_size_limit(), MAX_ARTICLE_BYTES))

OnError = Optional[Callable[[str, PositionsError], None]]


def column_names(columns: Optional[Mapping[str, str]] = None) -> dict[str, str]:
    """Field → column name, the defaults (each field's own name) overridden by ``columns``.

    >>> column_names({"text": "body"})["text"], column_names()["date"]
    ('body', 'date')
    """
    names = {f: f for f in FIELDS}
    for key, value in (columns or {}).items():
        if key not in names:
            raise SourceError(
                f"unknown field {key!r} in the column names (known: {', '.join(FIELDS)})"
            )
        names[key] = value
    return names


def _listed(names: list[str], most: int = 12) -> str:
    """Column names for a one-line message: odd ones (a line break in a quoted header) as
    reprs, and no more than ``most`` of them."""
    shown = [n if n.isprintable() else repr(n) for n in names[:most]]
    return ", ".join(shown) + (f", ... ({len(names)} in all)" if len(names) > most else "")


def _row_article(
    path: str,
    row: Mapping[str, Any],
    names: Mapping[str, str],
    layout: str,
    entry: Mapping[str, Any],
    defaults: Mapping[str, Any],
    year: Optional[int],
) -> Article:
    text = row.get(names["text"])
    if text is None:
        have = ", ".join(sorted(map(str, row))) or "none"
        raise SourceError(f"{path}: no {names['text']!r} field (fields: {have})")
    if not isinstance(text, str):
        raise SourceError(f"{path}: {names['text']!r} is not text but {type(text).__name__}")
    if not text.strip():
        raise SourceError(f"{path}: empty text")
    raw = {f: row.get(names[f]) for f in FIELDS if f != "text"}
    own = check_fields(raw, path)
    start = body_start(text, 0)
    dateline = parse_dateline(text, start)
    if dateline is not None:
        start = body_start(text, dateline.span.end)
    end = len(text.rstrip())
    if end <= start:
        raise SourceError(f"{path}: no text after the dateline")
    return assemble(
        path=path,
        text=text,
        body=Span(start, end),
        layout=layout,
        own=own,
        own_from=DateSource.COLUMN,
        dateline=dateline,
        entry=entry,
        defaults=defaults,
        year=year,
    )


def _report(on_error: OnError, path: str, exc: PositionsError) -> None:
    if on_error is None:
        raise exc
    on_error(path, exc)


def iter_jsonl(
    path: str,
    *,
    columns: Optional[Mapping[str, str]] = None,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
    on_error: OnError = None,
    encoding: str = "utf-8",
) -> Iterator[Article]:
    """The articles of a JSONL file, one per non-blank line, read lazily (``encoding`` as
    for :func:`positions.sources.decode_text`; ``"auto"`` is decided on the file's head)."""
    names = column_names(columns)
    with _open(path) as fh:
        encoding = _file_encoding(fh, path, encoding)
        for number, offset, raw in iter_lines(fh, path):
            where = f"{path}#{number}"
            try:
                line = decode_text(raw, where, base_offset=offset, base_line=number, encoding=encoding)
                if number == 1:
                    line = line.removeprefix("\ufeff")
                if not line.strip():
                    continue
                try:
                    row = json.loads(line.rstrip("\r\n"))
                except json.JSONDecodeError as exc:
                    raise SourceError(
                        f"{where}: invalid JSON: {exc.msg} (column {exc.colno})"
                    ) from None
                if not isinstance(row, dict):
                    raise SourceError(
                        f"{where}: a row must be a JSON object, not {type(row).__name__}"
                    )
                yield _row_article(where, row, names, "jsonl", entry, defaults, year)
            except PositionsError as exc:
                _report(on_error, where, exc)


_DETECT_BYTES = 1 << 20


def _file_encoding(fh: BinaryIO, path: str, encoding: str) -> str:
    """The codec to decode every line of an export with: ``"auto"`` is decided once, on
    the first megabyte (a line alone is too short to tell)."""
    if check_encoding(encoding) != AUTO:
        return encoding
    head = fh.read(_DETECT_BYTES)
    fh.seek(0)
    return detect_encoding(head, path) if head else "utf-8"


def _decoded_lines(path: str, fh: BinaryIO, encoding: str = "utf-8") -> Iterable[str]:
    encoding = _file_encoding(fh, path, encoding)
    for number, offset, raw in iter_lines(fh, path):
        line = decode_text(raw, path, base_offset=offset, base_line=number, encoding=encoding)
        yield line.removeprefix("\ufeff") if number == 1 else line


def iter_csv(
    path: str,
    *,
    columns: Optional[Mapping[str, str]] = None,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
    on_error: OnError = None,
    encoding: str = "utf-8",
) -> Iterator[Article]:
    """The articles of a CSV file with a header row (tab-separated for ``.tsv``), lazily.

    An encoding error ends the file (the reader cannot resynchronise inside a quoted cell);
    a row with a bad date or no text is reported and skipped.
    """
    names = column_names(columns)
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    with _open(path) as fh:
        reader = csv.reader(_decoded_lines(path, fh, encoding), delimiter=delimiter)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise SourceError(f"{path}: malformed CSV header: {exc}") from None
        if header is None or not any(h.strip() for h in header):
            raise EmptyFileError(f"{path}: empty file (no header row)")
        header = [h.strip() for h in header]
        if names["text"] not in header:
            msg = (
                f"{path}: no text column {names['text']!r} (columns: {_listed(header)});"
                " name it with --column text=<column>"
            )
            raise SourceError(msg)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise SourceError(
                    f"{path}: malformed CSV at line {reader.line_num}: {exc}"
                ) from None
            if not cells or cells == [""]:
                continue
            number += 1
            where = f"{path}#{number}"
            try:
                if len(cells) > len(header):
                    msg = f"{where}: {len(cells)} cells but the header has {len(header)} columns"
                    raise SourceError(msg)
                row = dict(zip(header, cells))  # noqa: B905 (a short row lacks its last cells)
                yield _row_article(where, row, names, "csv", entry, defaults, year)
            except PositionsError as exc:
                _report(on_error, where, exc)


def _open(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
