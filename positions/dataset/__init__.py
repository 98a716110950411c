"""Parquet datasets: analyses as a directory of Parquet files that DuckDB, pandas, polars
and Spark read, partitioned by year and actor, written incrementally by content hash.

The optional extra ``positions[dask]`` brings pyarrow and duckdb; without it, every entry
point here raises one :class:`~positions.errors.MissingExtraError` line.

    positions ingest corpus/ --dataset ds/                    # local engine
    positions ingest corpus/ --dataset ds/ --engine dask      # on a Dask cluster
    positions timeline --dataset ds/ --actor RUS              # read like --db
    positions export --db corpus.db --format parquet ds/      # a store as a dataset

The layout, the commit rule and the columns are in ``docs/scale.md``.
"""

from __future__ import annotations

from .._extras import require
from .export import export_store
from .ingest import ingest_dataset
from .read import Dataset, DatasetStats, open_dataset
from .write import DatasetWriter, current_catalog

__all__ = [
    "Dataset",
    "DatasetStats",
    "DatasetWriter",
    "open_dataset",
    "ingest_dataset",
    "export_store",
    "current_catalog",
    "require_dataset",
]


def require_dataset(what: str = "--dataset") -> None:
    """Raise :class:`~positions.errors.MissingExtraError` unless pyarrow and duckdb import."""
    require("pyarrow", "dask", what)
    require("pyarrow.parquet", "dask", what)
    require("duckdb", "dask", what)
