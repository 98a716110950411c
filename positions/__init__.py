"""positions: track how countries word their positions over time.

The public face is small; everything else is importable but not promised.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import PositionsError
from .model import Article, Marker, PositionDiff, Snapshot, Span, Statement, TextDiff

__all__ = [
    "__version__",
    "PositionsError",
    "Article",
    "Span",
    "Statement",
    "Marker",
    "Snapshot",
    "TextDiff",
    "PositionDiff",
]
