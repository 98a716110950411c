"""positions: track how countries word their positions over time.

The public face is small; everything else is importable but not promised::

    >>> import positions
    >>> d = positions.diff_texts("a step-by-step approach", "a phased approach")
    >>> [(op.op, op.text) for op in d.ops]
    [('=', 'a '), ('-', 'step-by-step'), ('+', 'phased'), ('=', ' approach')]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diff import align_statements, diff_texts
from .diffusion import diffusion
from .errors import PositionsError
from .model import Analysis, Article, Marker, PositionDiff, Snapshot, Span, Statement, TextDiff
from .novelty import novelty, standing_position
from .pipeline import analyze, analyze_corpus
from .sources import iter_articles, read_article
from .track import diff_snapshots, snapshots, successive_diffs

__all__ = [
    "__version__",
    # reading and analysing
    "read_article",
    "iter_articles",
    "analyze",
    "analyze_corpus",
    # following an actor and diffing
    "snapshots",
    "successive_diffs",
    "diff_snapshots",
    "diff_texts",
    "align_statements",
    # what is new, and who said it first
    "standing_position",
    "novelty",
    "diffusion",
    # records and errors
    "Article",
    "Analysis",
    "Span",
    "Statement",
    "Marker",
    "Snapshot",
    "TextDiff",
    "PositionDiff",
    "PositionsError",
]
