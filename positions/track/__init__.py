"""Following actors over time: snapshots (one actor's statements and markers over one
period), position diffs between them, timelines, comparisons, shift events, and
:func:`track`, which summarises a whole corpus into the records a report shows.

The package: :mod:`~positions.track.snapshots` (periods, snapshots, successive diffs),
:mod:`~positions.track.positions` (:func:`diff_snapshots`),
:mod:`~positions.track.corpus` (:func:`diff_corpus`, :func:`diff_articles`),
:mod:`~positions.track.timeline` (timelines, comparisons, shift events),
:mod:`~positions.track.summary` (:func:`track`) and
:mod:`~positions.track.overview` (:func:`diff_overview`, what a run of diffs covers).

An actor is an ISO alpha-3 code. With ``role="holder"`` (the default) a statement belongs to
every actor among its ``holders`` (whose position it states: "Russia and China submitted a
roadmap" is both countries' position); with ``role="speaker"`` it belongs to the speaker's
``country`` only.

Periods are an article, a day, a month or a year (``by``). An article goes into the period of
its date cut to ``by``; an article whose date is coarser than ``by`` (only a year, with
``by="month"``) goes into the coarser period (``"2019"``, which sorts before
``"2019-01"``). Articles without a date have no period except with ``by="article"``, where
they come after the dated ones, in path order; :func:`undated` lists them so that a caller
can say so.

>>> from positions.model import Analysis, Article, PartialDate, Span, Statement
>>> art = Article("a1", "a.txt", "Moscow backs talks.", Span(0, 19), date=PartialDate(2021, 12, 23))
>>> st = Statement("a1", Span(0, 19), "Moscow backs talks.", "reported", country="RUS", holders=("RUS",))
>>> [s.period.key for s in snapshots([Analysis(art, (st,))], "RUS", by="month")]
['2021-12']
"""

from __future__ import annotations

from ..model import ROLES
from .corpus import diff_articles, diff_corpus, require_actor
from .overview import ActorOverview, DiffOverview, PeriodChange, diff_overview
from .positions import concept_polarities, concept_series, diff_series, diff_snapshots, held_concepts
from .snapshots import (
    PERIODS,
    DateLike,
    actors,
    articles_within,
    period_of,
    snapshots,
    successive_diffs,
    undated,
    within,
)
from .spilled import Spilled
from .summary import NOVELTY_SETTINGS, ConceptWording, Diffs, Kwic, KwicEntry, Tracking, concept_wordings, track
from .timeline import compare, shift_events, timeline

__all__ = [
    "NOVELTY_SETTINGS",
    "PERIODS",
    "ROLES",
    "DateLike",
    "snapshots",
    "successive_diffs",
    "actors",
    "undated",
    "within",
    "articles_within",
    "period_of",
    "timeline",
    "compare",
    "shift_events",
    "diff_snapshots",
    "diff_corpus",
    "diff_articles",
    "require_actor",
    "diff_series",
    "concept_series",
    "concept_polarities",
    "held_concepts",
    "track",
    "Tracking",
    "Diffs",
    "Spilled",
    "KwicEntry",
    "Kwic",
    "ConceptWording",
    "concept_wordings",
    "diff_overview",
    "DiffOverview",
    "ActorOverview",
    "PeriodChange",
]
