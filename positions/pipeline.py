"""The pipeline in one place: article → statements → markers → :class:`Analysis`.

Stages stay pure functions in their own modules; this module only composes them, so that
the CLI, the store and the reports all analyse an article the same way.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence

import attrs

from .errors import AnalysisError, PositionsError
from .model import Analysis, Article, Marker, Statement
from .text import TextView, view

if TYPE_CHECKING:  # the functions below import these lazily
    from .actors import Gazetteer
    from .lexicon import Lexicon

__all__ = ["analyze", "analyze_corpus", "attach_markers"]


def attach_markers(statements: Sequence[Statement], markers: Sequence[Marker]) -> tuple[Statement, ...]:
    """Give each statement the markers whose span lies inside one of its content parts.

    Markers are looked up by position (a bisect per part), so the cost is
    O((statements + markers) log markers), not their product: a long article can hold
    thousands of both.
    """
    order = sorted(range(len(markers)), key=lambda k: markers[k].span.start)
    starts = [markers[k].span.start for k in order]
    out = []
    for st in statements:
        mine: set[int] = set()
        for part in st.parts or (st.span,):
            lo = bisect.bisect_left(starts, part.start)
            hi = bisect.bisect_right(starts, part.end)
            mine.update(k for k in order[lo:hi] if part.contains(markers[k].span))
        # in the order the lexicon gave them, as a scan of every marker would
        out.append(attrs.evolve(st, markers=tuple(markers[k] for k in sorted(mine))))
    return tuple(out)


def analyze(
    article: Article,
    *,
    lexicon: Optional[Lexicon] = None,
    gazetteer: Optional[Gazetteer] = None,
    text_view: Optional[TextView] = None,
) -> Analysis:
    """Find the statements of ``article`` and the lexicon's markers in them.

    ``lexicon`` and ``gazetteer`` default to the bundled ones. Any exception a stage lets
    through that is not a :class:`~positions.errors.PositionsError` becomes an
    :class:`~positions.errors.AnalysisError` naming the article's file.
    """
    from .actors import default_gazetteer
    from .attribution import extract_statements
    from .lexicon import load_lexicon, match_concepts

    lexicon = lexicon if lexicon is not None else load_lexicon()
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    try:
        tv = text_view or view(article.text, article.body)
        statements = extract_statements(article, gazetteer=gazetteer, text_view=tv)
        markers = match_concepts(article, lexicon, text_view=tv)
        return Analysis(article, attach_markers(statements, markers), tuple(markers))
    except PositionsError:
        raise
    except Exception as exc:  # a third-party library (NLTK, diff-match-patch) or our own bug
        raise AnalysisError(foreign_error(article.path, exc)) from exc


def foreign_error(path: str, exc: BaseException) -> str:
    """One line naming the file and an exception positions did not raise on purpose.

    >>> foreign_error("a.txt", TimeoutError("regex match exceeded\\n5.0s"))
    'a.txt: analysis failed (TimeoutError: regex match exceeded 5.0s)'
    """
    detail = " ".join(str(exc).split()) or "no message"
    if len(detail) > 200:
        detail = detail[:199] + "…"
    return f"{path}: analysis failed ({type(exc).__name__}: {detail})"


def analyze_corpus(
    articles: Iterable[Article],
    *,
    lexicon: Optional[Lexicon] = None,
    gazetteer: Optional[Gazetteer] = None,
    on_error: Optional[Callable[[Article, PositionsError], None]] = None,
) -> Iterator[Analysis]:
    """Analyse articles one by one (lazily), loading the lexicon and gazetteer once."""
    from .actors import default_gazetteer
    from .lexicon import load_lexicon

    lexicon = lexicon if lexicon is not None else load_lexicon()
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    for article in articles:
        try:
            yield analyze(article, lexicon=lexicon, gazetteer=gazetteer)
        except PositionsError as exc:
            if on_error is None:
                raise
            on_error(article, exc)
