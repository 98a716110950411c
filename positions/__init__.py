"""positions: track how countries word their positions over time.

Read articles, find who said what, match the wording against a concept lexicon and diff it
over time. The public face is small; everything else is importable but not promised::

    >>> import positions
    >>> d = positions.diff_texts("a step-by-step approach", "a phased approach")
    >>> [(op.op, op.text) for op in d.ops]
    [('=', 'a '), ('-', 'step-by-step'), ('+', 'phased'), ('=', ' approach')]

Reading and analysing
    bundled_corpus()     the sample corpus shipped with positions (directories to read)
    read_article(path)   one file as an Article
    iter_articles(paths) files, directories and globs, one Article at a time
    analyze(article)     an Analysis: the article's statements and concept markers
    analyze_corpus(articles)

Following an actor and diffing
    snapshots(analyses, actor, by="year")         one Snapshot per period
    successive_diffs(analyses, actor, by="year")  a PositionDiff per pair of periods
    diff_corpus(analyses, actor=None, by="year")  every actor's successive diffs (positions diff)
    diff_snapshots(old, new)                      one PositionDiff
    diff_texts(old, new)                          a word-level TextDiff
    align_statements(old, new)

Timelines, comparisons, wordings in context
    timeline(analyses, actor=None, by="year")     when each actor used each concept (positions timeline)
    compare(analyses, ["RUS", "CHN"], period="2019")  actors side by side (positions compare)
    kwic(articles, "step by step")                each match with its context (positions kwic)

Reports and the store
    write_report(analyses, "report/")             the static HTML site (positions report)
    open_store("corpus.db")                       the SQLite store (positions ingest, --db)

What is new, and who said it first (docs/novelty.md)
    standing_position(history, actor, at=date)  an actor's usual wordings before a date
    novelty(new, history)                       new wordings, missing formulas, flips
    diffusion(analyses)                         first uses, adoption order, convergence

Records (frozen attrs classes, in positions.model; ``help(positions.TextDiff)`` shows one)
    Article, Analysis, Span, Statement, Marker, Snapshot, TextDiff, PositionDiff.
    In a notebook, a TextDiff, PositionDiff, Timeline or Analysis shows itself as HTML.

Errors
    PositionsError, the base of every error raised on purpose (positions.errors).

The command line (``positions --help``) is a twin of these functions; the user guide is
docs/guide.md.
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import Any

from ._startup import prepare as _prepare

_prepare()  # as the command line: NLTK without numpy and scipy (see positions._startup)

from .diff import align_statements, diff_texts
from .diffusion import diffusion
from .errors import PositionsError
from .model import Analysis, Article, Marker, PositionDiff, Snapshot, Span, Statement, TextDiff
from .novelty import novelty, standing_position
from .pipeline import analyze, analyze_corpus
from .lexicon import kwic
from .sources import bundled_corpus, iter_articles, read_article
from .track import compare, diff_corpus, diff_snapshots, snapshots, successive_diffs, timeline

__all__ = [
    "__version__",
    # reading and analysing
    "bundled_corpus",
    "read_article",
    "iter_articles",
    "analyze",
    "analyze_corpus",
    # following an actor and diffing
    "snapshots",
    "successive_diffs",
    "diff_corpus",
    "diff_snapshots",
    "diff_texts",
    "align_statements",
    # timelines, comparisons, wordings in context
    "timeline",
    "compare",
    "kwic",
    # reports and the store (imported when first used: they need Jinja2 and the store's SQL)
    "write_report",
    "open_store",
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

_CLASSES = frozenset(
    ("Article", "Analysis", "Span", "Statement", "Marker", "Snapshot", "TextDiff", "PositionDiff",
     "PositionsError")
)


_LAZY = {"write_report": "positions.render.report", "open_store": "positions.store"}


def __getattr__(name: str) -> Any:
    """The names of :data:`_LAZY`, imported on first use (``import positions`` stays quick)."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'positions' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The functions of :data:`__all__` (and ``__version__``), so that ``dir(positions)`` and
    ``help(positions)`` show them rather than submodules, eight records' attrs-made methods
    and an exception's inherited ones; the classes stay in ``__all__``, importable and listed
    in the module's docstring (``help(positions.TextDiff)`` shows one)."""
    return sorted(name for name in __all__ if name not in _CLASSES)
