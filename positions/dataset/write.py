"""Writing a dataset: whole files of analyses, in batches, each batch committed by its
catalog part.

A batch writes one Parquet part per table and partition
(``statements/year=2019/actor=CHN/b00000003.parquet``), each to a temporary name renamed
into place, and then its catalog part (``_catalog/b00000003.parquet``: one row per input
file, with its hash, settings and status). The catalog part is the commit: readers take,
per file, the rows of the newest batch that the catalog lists for it, so the parts of a
batch that never reached its catalog part (the writer was killed) are never read, and the
next writer deletes them. One writer at a time: ``_lock`` is held (``flock``) while
writing, and freed by the system if the writer dies.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from ..errors import DatasetError
from ..model import Analysis
from ..store.ingest import FileRow
from .tables import TABLES, analysis_rows, schemas

CATALOG = "_catalog"
_PART = re.compile(r"b(\d{8})\.parquet$")
BATCH_FILES = 256
"""Files per batch: a part per table and partition per batch, so fewer, larger parts than
one per file (10⁵ single-article files make some hundreds of parts, not 3·10⁵)."""
BATCH_ROWS = 200_000
"""...or fewer when their rows pass this (memory stays bounded whatever the files hold)."""


def catalog_schema() -> Any:
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    return pa.schema([("file", s), ("batch", i), ("hash", s), ("settings", s), ("status", s),
                      ("error", s), ("errors", i), ("mtime_ns", i), ("size", i), ("articles", i)])  # fmt: skip


def _parts(root: Path) -> Iterable[tuple[Path, int]]:
    for table in (CATALOG, *TABLES):
        base = root / table
        if base.is_dir():
            for p in base.rglob("*.parquet"):
                m = _PART.search(p.name)
                if m:
                    yield p, int(m.group(1))


def current_catalog(root: Path) -> dict[str, dict[str, Any]]:
    """The newest catalog row of every file of the dataset at ``root``."""
    import pyarrow.parquet as pq

    rows: dict[str, dict[str, Any]] = {}
    base = root / CATALOG
    if not base.is_dir():
        return rows
    for p in sorted(base.glob("b*.parquet")):
        for r in pq.read_table(p).to_pylist():
            old = rows.get(r["file"])
            if old is None or old["batch"] < r["batch"]:
                rows[r["file"]] = r
    return rows


def _without_pages(root: Path, catalog: dict[str, dict[str, Any]]) -> list[str]:
    """The files whose current articles were written before the articles table had
    ``pages`` and ``author`` and are PDFs or saved pages: their page numbers are not in the
    dataset. :meth:`DatasetWriter.lookup` gives them an empty hash, so that the next ingest
    reads them again (as the store's migration to schema 3 does). The parts of a batch are
    all written by one writer, so one footer per current batch tells."""
    import pyarrow.parquet as pq

    by_batch: dict[int, list[Path]] = {}
    for part in sorted((root / "articles").glob("year=*/actor=*/b*.parquet")):
        m = _PART.search(part.name)
        if m:
            by_batch.setdefault(int(m.group(1)), []).append(part)
    current = {r["batch"] for r in catalog.values()}
    found = []
    for batch, parts in sorted(by_batch.items()):
        if batch not in current or "pages" in pq.read_schema(parts[0]).names:
            continue
        for part in parts:
            rows = pq.read_table(part, columns=["file", "batch", "layout"]).to_pylist()
            found += [r["file"] for r in rows if r["layout"] in ("pdf", "html")
                      and catalog.get(r["file"], {}).get("batch") == r["batch"]]  # fmt: skip
    return sorted(set(found))


class DatasetWriter:
    """Writes analyses, a whole input file at a time, to the dataset at ``root``.

    Use it as a context manager: on a clean exit the last batch is committed; on an error
    it is not (its parts are deleted by the next writer), so a file is in the dataset whole
    or not at all.
    """

    def __init__(self, root: Path, *, batch_files: int = BATCH_FILES, batch_rows: int = BATCH_ROWS) -> None:
        self.root = Path(root)
        if self.root.exists() and not self.root.is_dir():
            raise DatasetError(f"{self.root}: not a directory, so not a dataset")
        if self.root.is_dir() and any(self.root.iterdir()) and not (self.root / CATALOG).is_dir():
            raise DatasetError(f"{self.root}: a non-empty directory that is not a positions dataset (no {CATALOG}/)")
        self.batch_files, self.batch_rows = batch_files, batch_rows
        self._lock_fd: Optional[int] = None
        self.catalog: dict[str, dict[str, Any]] = {}
        self._rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self._files: list[dict[str, Any]] = []
        self.batch = 0

    def __enter__(self) -> "DatasetWriter":
        import fcntl

        try:
            (self.root / CATALOG).mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root / "_lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise DatasetError(f"{self.root}: cannot write: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise DatasetError(f"{self.root}: another ingest is writing this dataset") from None
        self._lock_fd = fd
        self.catalog = current_catalog(self.root)
        for key in _without_pages(self.root, self.catalog):
            self.catalog[key] = {**self.catalog[key], "hash": ""}  # so an ingest reads it again
        committed = {r["batch"] for r in self.catalog.values()}
        committed |= {b for p, b in _parts(self.root) if p.parent.name == CATALOG}
        last = 0
        for p, b in list(_parts(self.root)):
            last = max(last, b)
            if b not in committed:  # a batch whose writer died before its commit
                p.unlink()
        self.batch = last + 1
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        try:
            if exc_type is None:
                self.flush()
        finally:
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def lookup(self, key: str) -> Optional[FileRow]:
        """``(hash, settings, status)`` of the file ``key`` as committed, or None."""
        r = self.catalog.get(key)
        return None if r is None else (r["hash"], r["settings"], r["status"])

    def add_file(
        self,
        key: str,
        analyses: Sequence[Analysis],
        *,
        file_hash: str,
        settings: str,
        mtime_ns: int = 0,
        size: int = 0,
        errors: Sequence[str] = (),
    ) -> int:
        """Add one input file's analyses (all of them: they replace any older version of
        the file when the batch commits); return how many articles."""
        for aseq, analysis in enumerate(analyses):
            for table, rows in analysis_rows(analysis, file=key, file_hash=file_hash,
                                             batch=self.batch, aseq=aseq).items():  # fmt: skip
                self._rows[table].extend(rows)
        self._files.append({
            "file": key, "batch": self.batch, "hash": file_hash, "settings": settings,
            "status": "error" if errors else "ok",
            "error": (errors[0].splitlines()[0] if errors[0] else "error") if errors else None,
            "errors": len(errors), "mtime_ns": mtime_ns, "size": size, "articles": len(analyses),
        })  # fmt: skip
        if len(self._files) >= self.batch_files or sum(map(len, self._rows.values())) >= self.batch_rows:
            self.flush()
        return len(analyses)

    def flush(self) -> None:
        """Write and commit the batch so far (nothing when it is empty)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self._files:
            return
        name = f"b{self.batch:08d}.parquet"
        try:
            for table, schema in schemas().items():
                groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
                for r in self._rows[table]:
                    groups.setdefault((r.pop("year"), r.pop("actor")), []).append(r)
                for (year, actor), rows in sorted(groups.items()):
                    where = self.root / table / f"year={year}" / f"actor={actor}"
                    where.mkdir(parents=True, exist_ok=True)
                    _write(pq, pa.Table.from_pylist(rows, schema=schema), where / name)
            _write(pq, pa.Table.from_pylist(self._files, schema=catalog_schema()), self.root / CATALOG / name)
        except OSError as exc:
            raise DatasetError(f"{self.root}: cannot write: {exc.strerror or exc}") from exc
        for f in self._files:
            self.catalog[f["file"]] = f
        self._rows = {t: [] for t in TABLES}
        self._files = []
        self.batch += 1


def _write(pq: Any, table: Any, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
