"""Optional extras: import a module that only some commands need, or say in one line which
extra to install.

    >>> require("json", "dask", "--dataset").__name__
    'json'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .errors import MissingExtraError

EXTRAS = {
    "dask": "Dask ingest, Parquet datasets and export (dask[distributed], pyarrow, duckdb)",
    "frames": "to_frame() (pandas)",
}


def require(module: str, extra: str, what: str) -> ModuleType:
    """``import module``, or :class:`MissingExtraError` naming the extra that brings it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        root = module.split(".")[0]
        msg = f'{what} needs {root}, which is not installed: pip install "positions[{extra}]"'
        raise MissingExtraError(msg) from exc
