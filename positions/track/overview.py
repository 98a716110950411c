"""What a run of position diffs covers, in a few lines: :func:`diff_overview` sums up the
articles read (how many, from when to when), the periods and actors, and for each actor its
periods, the concepts gained and dropped over them and its biggest changes, so that
``positions diff`` can open with a header and a summary table before the detail.

>>> from positions.model import Period, PositionDiff, Snapshot
>>> d = PositionDiff("RUS", Snapshot("RUS", Period("year", "2018")), Snapshot("RUS", Period("year", "2019")),
...                  gained=("phased",), dropped=("cvid",))
>>> o = diff_overview([], [d], by="year")
>>> o.periods, [(a.actor, a.gained, a.dropped, a.biggest[0].size) for a in o.actors]
(('2018', '2019'), [('RUS', 1, 1, 2)])
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

import attrs

from ..model import Analysis, By, Period, PositionDiff, Role
from .snapshots import actors as find_actors

__all__ = ["PeriodChange", "ActorOverview", "DiffOverview", "diff_overview"]

BIGGEST = 2
"""How many of an actor's biggest changes an overview keeps."""


@attrs.frozen
class PeriodChange:
    """How much one actor's position changed from one period to the next: concepts gained,
    dropped, reworded (``shifts``) and flipped; ``size`` is their sum."""

    old: Period
    new: Period
    gained: int
    dropped: int
    shifts: int
    flips: int

    @property
    def size(self) -> int:
        return self.gained + self.dropped + self.shifts + self.flips


@attrs.frozen
class ActorOverview:
    """One actor over a run of diffs: its periods (in order), the number of comparisons, the
    concepts gained, dropped, reworded and flipped summed over them, and its biggest changes
    (largest first; of two the same size, the later first)."""

    actor: str
    periods: tuple[Period, ...]
    comparisons: int
    gained: int
    dropped: int
    shifts: int
    flips: int
    biggest: tuple[PeriodChange, ...]


@attrs.frozen
class DiffOverview:
    """What a run of diffs covers: ``articles`` read (``undated`` of them without a date),
    the first and last article date (ISO), the period kind ``by`` and the ``role`` followed,
    every period key compared (sorted), the actors with statements (``found``) and one
    :class:`ActorOverview` per actor with at least one comparison, in the order of the diffs."""

    articles: int
    undated: int
    first_date: Optional[str]
    last_date: Optional[str]
    by: By
    role: Role
    periods: tuple[str, ...]
    found: tuple[str, ...]
    actors: tuple[ActorOverview, ...]

    @property
    def single(self) -> tuple[str, ...]:
        """The actors found with statements but nothing to compare (fewer than two periods)."""
        compared = {a.actor for a in self.actors}
        return tuple(a for a in self.found if a not in compared)


def _change(d: PositionDiff) -> PeriodChange:
    return PeriodChange(d.old.period, d.new.period, len(d.gained), len(d.dropped), len(d.shifts), len(d.polarity_flips))


def _actor(actor: str, diffs: Sequence[PositionDiff]) -> ActorOverview:
    periods: list[Period] = []
    for d in diffs:
        for p in (d.old.period, d.new.period):
            if p not in periods:
                periods.append(p)
    changes = [_change(d) for d in diffs]
    ranked = sorted((c for c in changes if c.size), key=lambda c: c.new.key, reverse=True)
    ranked.sort(key=lambda c: c.size, reverse=True)  # stable: of two the same size, the later first
    return ActorOverview(
        actor=actor,
        periods=tuple(periods),
        comparisons=len(diffs),
        gained=sum(c.gained for c in changes),
        dropped=sum(c.dropped for c in changes),
        shifts=sum(c.shifts for c in changes),
        flips=sum(c.flips for c in changes),
        biggest=tuple(ranked[:BIGGEST]),
    )


def diff_overview(
    analyses: Iterable[Analysis],
    diffs: Sequence[PositionDiff],
    *,
    by: By,
    role: Role = "holder",
    actor: Optional[str] = None,
) -> DiffOverview:
    """Sum up ``diffs`` (as :func:`positions.track.successive_diffs` makes them, actor by
    actor) and the ``analyses`` they were made from (see :class:`DiffOverview`); with
    ``actor``, the diffs followed that actor only, and ``found`` holds it alone."""
    ids: dict[str, Optional[str]] = {}
    analyses = list(analyses)
    for an in analyses:
        ids.setdefault(an.article.id, an.article.date.iso() if an.article.date else None)
    dates = sorted(v for v in ids.values() if v is not None)
    by_actor: dict[str, list[PositionDiff]] = {}
    for d in diffs:
        by_actor.setdefault(d.actor, []).append(d)
    periods = sorted({p.key for d in diffs for p in (d.old.period, d.new.period)})
    return DiffOverview(
        articles=len(ids),
        undated=sum(1 for v in ids.values() if v is None),
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        by=by,
        role=role,
        periods=tuple(periods),
        found=tuple(sorted(a for a in {*find_actors(analyses, role=role), *by_actor} if actor is None or a == actor)),
        actors=tuple(_actor(a, ds) for a, ds in by_actor.items()),
    )
