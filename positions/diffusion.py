"""Who said it first, and who followed: first uses, adoption order and convergence.

For each concept and each wording (normalized form), :func:`diffusion` gives every actor's
first dated use (article, date, offsets), the order of adoption with the lag of each adopter
behind the first user and behind the adopter before it, and the actors heard after the first
use who never used it. Actors whose first uses fall on the same day share a rank; where two
first uses cannot be ordered because one date is coarser than the other and covers it
(``2019`` and ``2019-05-02``), the later-ranked one is marked ``uncertain``. Uses in undated
articles are never placed in time: they are listed apart (:attr:`Spread.undated`).

**Convergence** between two actors in a period is the Jaccard index of the sets of concepts
(and, apart, of wordings) of their uses in that period: |A ∩ B| / |A ∪ B|. Sets, not counts,
because how often an actor is quoted depends on how many of its texts a corpus holds (fifty
wire stories of one capital against one UN speech of another), while which concepts it uses
does not; Jaccard is the plain, bounded measure over sets (cosine over 0/1 vectors would
weigh a small set against a large one more kindly, and is harder to read off). A period in
which either actor was not heard, or neither used any concept, has no value (None), never 0.

>>> from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
>>> def an(aid, date, actor, words, concept="dual_suspension"):
...     m = Marker(concept, words, words, Span(0, len(words)))
...     st = Statement(aid, Span(0, len(words)), words, "reported", holders=(actor,), markers=(m,))
...     return Analysis(Article(aid, aid, words, Span(0, len(words)), date=PartialDate.from_iso(date)), (st,), (m,))
>>> d = diffusion([an("a", "2017-03-08", "CHN", "double freeze"), an("b", "2017-07-04", "RUS", "double freeze")])
>>> s = d.spread("concept", "dual_suspension")
>>> [(f.actor, f.use.date.iso(), f.rank, f.lag_days) for f in s.firsts]
[('CHN', '2017-03-08', 1, 0), ('RUS', '2017-07-04', 2, 118)]
"""

from __future__ import annotations

import itertools
from typing import Iterable, Optional, Sequence, Union

from .history import Appearance, Use
from .model.novelty import Convergence, ConvergencePoint, Diffusion, FirstUse, Spread, order_unknown
from .novelty import HistorySource, history_of

__all__ = [
    "FirstUse",
    "Spread",
    "ConvergencePoint",
    "Convergence",
    "Diffusion",
    "diffusion",
    "normalize_wording",
    "jaccard",
]


def normalize_wording(text: str) -> str:
    """A wording as markers' ``normalized`` forms are written (the lexicon's token rules).

    >>> normalize_wording("Freeze-for-freeze"), normalize_wording("synchronised steps")
    ('freeze for freeze', 'synchronized steps')
    """
    from .lexicon.tokens import words_of

    return " ".join(w.spelled for w in words_of(text))


def jaccard(a: Iterable[str], b: Iterable[str]) -> Optional[float]:
    """|a ∩ b| / |a ∪ b|, rounded to 4 places; None for two empty sets.

    >>> jaccard({"x", "y"}, {"y", "z"}), jaccard((), ())
    (0.3333, None)
    """
    sa, sb = set(a), set(b)
    union = sa | sb
    return round(len(sa & sb) / len(union), 4) if union else None


def _days(a: Use, b: Use) -> int:
    assert a.date is not None and b.date is not None
    return (b.date.first_day() - a.date.first_day()).days


def _spread(kind: str, key: str, concept: str, uses: Sequence[Use], last_heard: dict[str, str]) -> Spread:
    dated = [u for u in uses if u.date is not None]
    undated = tuple(sorted((u for u in uses if u.date is None), key=lambda u: (u.path, u.span.start, u.actor)))
    first: dict[str, Use] = {}
    count: dict[str, int] = {}
    for u in dated:  # in time order
        first.setdefault(u.actor, u)
        count[u.actor] = count.get(u.actor, 0) + 1
    order = sorted(first.values(), key=lambda u: (u.order_key(), u.actor))
    firsts: list[FirstUse] = []
    rank = 0
    for i, u in enumerate(order):
        prev = order[i - 1] if i else None
        if prev is None or u.day != prev.day:
            rank = i + 1
        uncertain = any(order_unknown(p, u) for p in order[:i])
        firsts.append(FirstUse(u.actor, u, count[u.actor], rank, _days(order[0], u),
                               prev.actor if prev else None, _days(prev, u) if prev else None, uncertain))  # fmt: skip
    silent: tuple[str, ...] = ()
    if order:
        start = order[0].day or ""
        silent = tuple(sorted(a for a, day in last_heard.items() if day >= start and a not in first))
    surface = order[0].surface if kind == "wording" and order else (uses[0].surface if kind == "wording" and uses else key)
    return Spread(kind, key, concept, surface, tuple(firsts), undated, silent)


def _period(use_or_app: Union[Use, Appearance], by: str) -> Optional[str]:
    d = use_or_app.date
    if d is None:
        return None
    if by == "year" or d.month is None:
        return f"{d.year:04d}"
    return f"{d.year:04d}-{d.month:02d}"


def _convergence(a: str, b: str, periods: dict[str, set[str]], sets: dict[tuple[str, str], tuple[set[str], set[str]]]) -> Convergence:
    points = []
    last: Optional[float] = None
    for p in sorted(periods.get(a, set()) & periods.get(b, set())):
        ca, wa = sets.get((a, p), (set(), set()))
        cb, wb = sets.get((b, p), (set(), set()))
        cj, wj = jaccard(ca, cb), jaccard(wa, wb)
        change = round(cj - last, 4) if cj is not None and last is not None else None
        points.append(ConvergencePoint(p, cj, wj, tuple(sorted(ca & cb)), change))
        if cj is not None:
            last = cj
    return Convergence(a, b, tuple(points))


def diffusion(
    source: HistorySource,
    *,
    concept: Optional[str] = None,
    wording: Optional[str] = None,
    pairs: Optional[Sequence[tuple[str, str]]] = None,
    by: str = "year",
    role: str = "holder",
    polarity: Optional[str] = None,
) -> Diffusion:
    """First uses, adoption order and lags of each concept and wording in ``source``
    (analyses, a store's connection or a :class:`~positions.history.History`), and the
    convergence of each pair of actors per period (``by`` year or month).

    ``concept`` keeps that concept and its wordings; ``wording`` (written as a user would:
    "freeze-for-freeze") keeps the wordings with that normalized form and their concepts.
    ``polarity="affirmed"`` counts only affirmed uses as uses (a "rejected the double freeze"
    the lexicon reads as negated is then no adoption); by default every use counts, since
    quoting a wording is using it. ``pairs`` default to every pair of actors with a use,
    sorted; convergence is always over all concepts (of the uses kept by ``polarity``),
    whatever the other filters.
    """
    if polarity not in (None, "affirmed", "negated"):
        raise ValueError(f"unknown polarity {polarity!r} (known: affirmed, negated)")
    if by not in ("year", "month"):
        raise ValueError(f"unknown period {by!r} (known: year, month)")
    h = history_of(source, role=role)
    all_uses = [u for u in h.all_uses() if polarity is None or u.polarity == polarity]
    heard = h.all_appearances()
    form = normalize_wording(wording) if wording is not None else None
    picked = [u for u in all_uses if (concept is None or u.concept == concept) and (form is None or u.normalized == form)]
    spreads: list[Spread] = []
    by_concept: dict[str, list[Use]] = {}
    by_form: dict[tuple[str, str], list[Use]] = {}
    for u in picked:
        by_concept.setdefault(u.concept, []).append(u)
        by_form.setdefault((u.concept, u.normalized), []).append(u)
    last_heard: dict[str, str] = {}
    periods: dict[str, set[str]] = {}
    for app in heard:  # each actor's last dated appearance, and the periods it was heard in
        if app.day is not None:
            last_heard[app.actor] = max(last_heard.get(app.actor, ""), app.day)
            periods.setdefault(app.actor, set()).add(str(_period(app, by)))
    if form is None:
        for c in sorted(by_concept):
            spreads.append(_spread("concept", c, c, by_concept[c], last_heard))
    for (c, f) in sorted(by_form):
        spreads.append(_spread("wording", f, c, by_form[(c, f)], last_heard))
    if pairs is None:
        actors = sorted({u.actor for u in all_uses})
        pairs = list(itertools.combinations(actors, 2))
    sets: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for u in all_uses:
        if u.date is not None:
            cs, ws = sets.setdefault((u.actor, str(_period(u, by))), (set(), set()))
            cs.add(u.concept)
            ws.add(f"{u.concept}:{u.normalized}")
    conv = tuple(_convergence(a, b, periods, sets) for a, b in pairs)
    undated = tuple(sorted({a.path for a in heard if a.date is None}))
    return Diffusion(h.role, by, tuple(spreads), conv, undated)
