"""The optional compiled module (``positions/_speedups.c``), or None.

It is built at install where a C compiler is found (``hatch_build.py``); the pure-Python
code it stands in for stays the reference and the fallback. ``POSITIONS_PURE_PYTHON=1``
turns a built one off."""

from __future__ import annotations

import os
from typing import Any

_module: Any
try:
    from . import _speedups as _module
except ImportError:  # pragma: no cover - depends on the build
    _module = None

speedups: Any = None if os.environ.get("POSITIONS_PURE_PYTHON") else _module
if speedups is not None:  # the records it makes: the model's own
    from .model import DiffOp, Span

    speedups.records(DiffOp, Span)
