"""``positions export``: a store's analyses out as a Parquet dataset, or as CSV or JSON Lines
tables.

Parquet gives the dataset layout of ``positions ingest --dataset`` (so ``--dataset OUT``
reads it back, and exporting again into it rewrites only the files that changed); CSV and
JSON Lines give three flat files, ``articles``, ``statements`` and ``markers``, with the
same columns (lists as JSON text in CSV), streamed one stored file at a time.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

import attrs

from .._extras import require
from ..errors import DatasetError, OutputError
from ..model import Analysis
from ..store.files import PathLike
from .tables import TABLES, analysis_rows

FORMATS = ("parquet", "csv", "jsonl")


@attrs.frozen
class ExportResult:
    """Files, articles, statements and markers written (``skipped``: files found unchanged
    in an existing Parquet dataset)."""

    files: int = 0
    skipped: int = 0
    articles: int = 0
    statements: int = 0
    markers: int = 0


def export_store(
    db: PathLike,
    out: PathLike,
    *,
    fmt: str = "parquet",
    progress: Optional[Callable[[int, int], None]] = None,
) -> ExportResult:
    """Write the analyses of the store ``db`` to ``out`` in ``fmt`` (see the module)."""
    from ..store import open_store
    from ..store.read import files_with_analyses, snapshot

    if fmt not in FORMATS:
        raise DatasetError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    out = Path(out)
    counts = dict.fromkeys(("files", "skipped", "articles", "statements", "markers"), 0)
    with open_store(db, create=False) as store, snapshot(store.connection) as conn:
        total = store.stats().files
        files = files_with_analyses(conn)
        if fmt == "parquet":
            _parquet(out, files, counts, progress, total)
        else:
            _flat(out, fmt, files, counts, progress, total)
    return ExportResult(**counts)


def _parquet(out: Path, files: Any, counts: dict[str, int], progress: Any, total: int) -> None:
    require("pyarrow", "dask", "export --format parquet")
    from .write import DatasetWriter

    with DatasetWriter(out) as writer:
        for i, (f, analyses) in enumerate(files, 1):
            known = writer.lookup(f["path"])
            if known is not None and known == (f["hash"], f["settings"], f["status"]) and f["status"] == "ok":
                counts["skipped"] += 1
            else:
                errors = [f["error"] or "error"] * (f["errors"] or 0) if f["status"] == "error" else []
                writer.add_file(f["path"], analyses, file_hash=f["hash"], settings=f["settings"],
                                mtime_ns=f["mtime_ns"], size=f["size"], errors=errors)  # fmt: skip
                counts["files"] += 1
                _count(counts, analyses)
            if progress is not None:
                progress(i, total)


def _count(counts: dict[str, int], analyses: Sequence[Analysis]) -> None:
    counts["articles"] += len(analyses)
    counts["statements"] += sum(len(a.statements) for a in analyses)
    counts["markers"] += sum(len(a.markers) for a in analyses)


def _flat(out: Path, fmt: str, files: Any, counts: dict[str, int], progress: Any, total: int) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise OutputError(f"{out}: exists and is not an empty directory (export writes a new one)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        columns = {t: [n for n in schemas_names()[t] if n != "batch"] + ["year", "actor"] for t in TABLES}
        handles = {t: open(out / f"{t}.{fmt}", "w", encoding="utf-8", newline="") for t in TABLES}
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc.strerror}") from exc
    try:
        writers: dict[str, Any] = {}
        for t in TABLES:
            if fmt == "csv":
                writers[t] = csv.writer(handles[t])
                writers[t].writerow(columns[t])
        for i, (f, analyses) in enumerate(files, 1):
            for aseq, analysis in enumerate(analyses):
                for t, rows in analysis_rows(analysis, file=f["path"], file_hash=f["hash"], batch=0, aseq=aseq).items():
                    for r in rows:
                        if fmt == "csv":
                            writers[t].writerow([_cell(r[c]) for c in columns[t]])
                        else:
                            handles[t].write(json.dumps({c: r[c] for c in columns[t]}, ensure_ascii=False) + "\n")
            counts["files"] += 1
            _count(counts, analyses)
            if progress is not None:
                progress(i, total)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write: {exc.strerror}") from exc
    finally:
        for h in handles.values():
            h.close()


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return value


def schemas_names() -> dict[str, list[str]]:
    """The column names of each table, without needing pyarrow."""
    from .tables import ARTICLE_COLS, MARKER_COLS, STATEMENT_COLS

    where = ["file", "batch", "aseq"]
    return {
        "articles": where + ARTICLE_COLS,
        "statements": where + ["seq", "date"] + STATEMENT_COLS + ["holders", "markers"],
        "markers": where + ["ord", "seq", "date"] + MARKER_COLS,
    }

