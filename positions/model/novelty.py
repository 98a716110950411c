"""The records of novelty and diffusion: what each actor said before (:class:`Use`,
:class:`Appearance`), what is new in an article against its standing position
(:class:`Novelty`), and who said a thing first and who followed (:class:`Diffusion`).

The functions that make them live in :mod:`positions.history`, :mod:`positions.novelty` and
:mod:`positions.diffusion` (which re-export these records); renderers read them from here.

>>> from positions.model import PartialDate, Span
>>> u = Use("RUS", "phased", "step by step", "step-by-step", "affirmed", "a1", "a.txt",
...         PartialDate(2019, 5), Span(0, 12), Span(0, 40))
>>> u.day, order_unknown(u, attrs.evolve(u, date=PartialDate(2019)))
('2019-05-01', True)
"""

from __future__ import annotations

from typing import Optional

import attrs

from .reading import PartialDate, Span
from .vocabulary import Polarity

__all__ = [
    "day_of",
    "order_unknown",
    "Appearance",
    "Use",
    "StandingConcept",
    "StandingWording",
    "StandingPosition",
    "NewWording",
    "NewConcept",
    "MissingFormula",
    "Flip",
    "ArticleNovelty",
    "Novelty",
    "FirstUse",
    "Spread",
    "ConvergencePoint",
    "Convergence",
    "Diffusion",
]


def day_of(date: Optional[PartialDate]) -> Optional[str]:
    """The first day ``date`` can mean, as ``YYYY-MM-DD`` (None for no date).

    >>> day_of(PartialDate(2019, 5)), day_of(None)
    ('2019-05-01', None)
    """
    return None if date is None else date.first_day().isoformat()


@attrs.frozen
class Appearance:
    """An article in which ``actor`` has a statement."""

    actor: str
    article: str  # Article.id
    path: str
    date: Optional[PartialDate]

    @property
    def day(self) -> Optional[str]:
        return day_of(self.date)


@attrs.frozen
class Use:
    """One use of a wording by an actor: an in-scope marker of one of its statements, with
    where it stands (article id and path, the article's date, the marker's and the
    statement's spans in the article's text)."""

    actor: str
    concept: str
    normalized: str
    surface: str
    polarity: Polarity
    article: str
    path: str
    date: Optional[PartialDate]
    span: Span
    statement: Span

    @property
    def day(self) -> Optional[str]:
        return day_of(self.date)

    def order_key(self) -> tuple[bool, str, str, str, int, int, str]:
        return (self.day is None, self.day or "", self.path, self.article, self.span.start, self.span.end, self.concept)


def order_unknown(a: Use, b: Use) -> bool:
    """One date is coarser than the other and covers it: their order is unknown."""
    ka, kb = a.date.iso() if a.date else "", b.date.iso() if b.date else ""
    return ka != kb and (ka.startswith(kb) or kb.startswith(ka))


@attrs.frozen
class StandingConcept:
    """A concept of a standing position: in how many appearances, how many uses, its
    polarity over the window (``affirmed``, ``negated`` or ``mixed``) and its first and last
    use in it."""

    concept: str
    appearances: int
    count: int
    polarity: str
    first: Use
    last: Use


@attrs.frozen
class StandingWording:
    """A wording (normalized form) of a standing position."""

    concept: str
    normalized: str
    surface: str  # as first written in the window
    count: int
    polarity: str
    first: Use
    last: Use


@attrs.frozen
class StandingPosition:
    """An actor's wordings and concepts in a trailing window before ``at`` (a day,
    ``YYYY-MM-DD``); ``appearances`` newest first."""

    actor: str
    role: str
    at: str
    window: str
    since: Optional[str]  # first day of the window (the oldest appearance's, for a count)
    appearances: tuple[Appearance, ...] = ()
    concepts: tuple[StandingConcept, ...] = ()
    wordings: tuple[StandingWording, ...] = ()

    def concept(self, cid: str) -> Optional[StandingConcept]:
        return next((c for c in self.concepts if c.concept == cid), None)


@attrs.frozen
class NewWording:
    """A wording not used by the actor in the window: its uses now, and ``earlier``, the last
    use before the window (None and ``never`` when the actor never used it before)."""

    concept: str
    normalized: str
    surface: str
    uses: tuple[Use, ...]
    earlier: Optional[Use] = None

    @property
    def never(self) -> bool:
        return self.earlier is None


@attrs.frozen
class NewConcept:
    """A concept not used by the actor in the window (see :class:`NewWording`)."""

    concept: str
    uses: tuple[Use, ...]
    earlier: Optional[Use] = None

    @property
    def never(self) -> bool:
        return self.earlier is None


@attrs.frozen
class MissingFormula:
    """A concept present in ``present`` of the actor's last ``of`` appearances (at least k),
    absent now; ``evidence`` is its last use in each of them, newest first."""

    concept: str
    present: int
    of: int
    evidence: tuple[Use, ...]


@attrs.frozen
class Flip:
    """A concept used now with ``new`` polarity only, whose latest use in the window
    (``evidence``) had ``old``."""

    concept: str
    old: str
    new: str
    uses: tuple[Use, ...]
    evidence: Use


@attrs.frozen
class ArticleNovelty:
    """What is new in one article for one actor, against its standing position."""

    actor: str
    article: str
    path: str
    date: PartialDate
    statements: tuple[Span, ...]
    standing: StandingPosition
    new_wordings: tuple[NewWording, ...] = ()
    new_concepts: tuple[NewConcept, ...] = ()
    missing: tuple[MissingFormula, ...] = ()
    flips: tuple[Flip, ...] = ()
    undated_history: int = 0  # the actor's undated articles, left out of its standing position

    @property
    def changed(self) -> bool:
        return bool(self.new_wordings or self.new_concepts or self.missing or self.flips)


@attrs.frozen
class Novelty:
    """:func:`~positions.novelty.novelty`'s answer: one :class:`ArticleNovelty` per new article and actor (in
    date, path and actor order), the paths of undated new articles (not assessed), and the
    settings used."""

    articles: tuple[ArticleNovelty, ...]
    undated: tuple[str, ...]
    window: str
    k: int
    n: int
    role: str

    @property
    def changed(self) -> bool:
        return any(a.changed for a in self.articles)


@attrs.frozen
class FirstUse:
    """An actor's first dated use of a concept or wording.

    ``rank`` is its place in the order of adoption (1 for the first user; equal days share a
    rank); ``lag_days`` is the time since the first user's first use, ``after`` the actor
    that adopted just before it (None for the first rank) and ``lag_prev_days`` the time
    since that adoption. ``uses`` counts the actor's dated uses.
    """

    actor: str
    use: Use
    uses: int
    rank: int
    lag_days: int
    after: Optional[str] = None
    lag_prev_days: Optional[int] = None
    uncertain: bool = False


@attrs.frozen
class Spread:
    """How one concept (``kind="concept"``) or wording (``kind="wording"``, ``key`` its
    normalized form) spread across actors."""

    kind: str
    key: str
    concept: str
    surface: str  # the first surface written (the concept id for a concept)
    firsts: tuple[FirstUse, ...] = ()
    undated: tuple[Use, ...] = ()
    silent: tuple[str, ...] = ()  # actors heard after the first use who never used it

    @property
    def first(self) -> Optional[FirstUse]:
        return self.firsts[0] if self.firsts else None

    def before(self, a: str, b: str) -> Optional[bool]:
        """Did ``a`` use it before ``b``? None when either never did (dated) or the order
        is uncertain or a tie."""
        fa = next((f for f in self.firsts if f.actor == a), None)
        fb = next((f for f in self.firsts if f.actor == b), None)
        if fa is None or fb is None or fa.rank == fb.rank or order_unknown(fa.use, fb.use):
            return None
        return fa.rank < fb.rank


@attrs.frozen
class ConvergencePoint:
    """Two actors in one period: Jaccard over their concept sets and wording sets (None when
    not both heard, or nothing used), the concepts they share, and the change of the concept
    index since the previous period that had one."""

    period: str
    concepts: Optional[float]
    wordings: Optional[float]
    shared: tuple[str, ...] = ()
    change: Optional[float] = None


@attrs.frozen
class Convergence:
    a: str
    b: str
    points: tuple[ConvergencePoint, ...] = ()

    @property
    def trend(self) -> Optional[float]:
        """Last defined concept index minus the first (positive: converging)."""
        vals = [p.concepts for p in self.points if p.concepts is not None]
        return round(vals[-1] - vals[0], 4) if len(vals) > 1 else None


@attrs.frozen
class Diffusion:
    """:func:`~positions.diffusion.diffusion`'s answer: spreads (concepts by id, then wordings by concept and
    form), convergence per pair of actors, and the undated articles' paths."""

    role: str
    by: str
    spreads: tuple[Spread, ...] = ()
    convergence: tuple[Convergence, ...] = ()
    undated: tuple[str, ...] = ()

    def spread(self, kind: str, key: str) -> Optional[Spread]:
        return next((s for s in self.spreads if s.kind == kind and s.key == key), None)
