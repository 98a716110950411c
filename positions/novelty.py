"""What is new in a statement: novelty against an actor's standing position.

An actor's **standing position** at a day is what it said in a trailing window before that
day: the articles in which it has a statement (its *appearances*), the concepts and the
wordings (normalized forms) of their in-scope markers, each with how often, its polarity, and
its first and last use in the window. The window is a span of time (``"2y"``, ``"18m"``,
``"90d"``: the days from that far back up to the day before) or the actor's last N
appearances (``"10"``).

:func:`novelty` sets each new article, actor by actor, against the actor's standing position
at the article's date, and says:

- **new wordings**: normalized forms not used in the window (``never`` when not used at any
  earlier date either; otherwise the last earlier use is the evidence);
- **new concepts**: likewise for concepts;
- **missing formulas**: concepts present in at least ``k`` of the actor's last ``n``
  appearances in the window and absent now (the k-of-n rule), with the last use in each;
- **polarity flips**: a concept used now with one polarity only, whose latest use in the
  window had the other.

Only what comes strictly before the new article's day counts as history (articles of the same
day are neither before nor after it). An undated new article is not placed in time: it is
listed in :attr:`Novelty.undated` and not assessed; undated articles of the history are
never in a standing position, and are counted in :attr:`ArticleNovelty.undated_history`.

>>> from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
>>> def an(aid, date, words, polarity="affirmed"):
...     m = Marker("phased", words, words, Span(0, len(words)), polarity=polarity)
...     st = Statement(aid, Span(0, len(words)), words, "reported", holders=("RUS",), markers=(m,))
...     return Analysis(Article(aid, aid + ".txt", words, Span(0, len(words)), date=PartialDate.from_iso(date)), (st,), (m,))
>>> old = [an("a", "2018-03-01", "step by step"), an("b", "2019-03-01", "step by step")]
>>> rep = novelty([an("c", "2019-09-01", "phased")], old)
>>> r = rep.articles[0]
>>> [(w.normalized, w.never) for w in r.new_wordings], r.new_concepts, r.changed
([('phased', True)], (), True)
"""

from __future__ import annotations

import bisect
import calendar
import collections
import datetime as _dt
import re
import sqlite3
from typing import Any, Iterable, Iterator, Optional, TypeVar, Union

import attrs

from .errors import PositionsError
from .history import History, MemoryHistory, StoreHistory, Use, actors_of, uses_of
from .model import Analysis, PartialDate, Span
from .model.novelty import (
    Appearance,
    ArticleNovelty,
    Flip,
    MissingFormula,
    NewConcept,
    NewWording,
    Novelty,
    StandingConcept,
    StandingPosition,
    StandingWording,
)
from .model.vocabulary import ROLES, Role

__all__ = [
    "Window",
    "parse_window",
    "StandingConcept",
    "StandingWording",
    "StandingPosition",
    "NewWording",
    "NewConcept",
    "MissingFormula",
    "Flip",
    "ArticleNovelty",
    "Novelty",
    "standing_position",
    "novelty",
    "corpus_novelty",
    "iter_corpus_novelty",
    "history_of",
]

_WINDOW_RE = re.compile(r"^\s*(\d+)\s*([ymd]?)\s*$")
_UNITS = {"y": "years", "m": "months", "d": "days", "": "last"}


@attrs.frozen
class Window:
    """A trailing window: ``size`` years, months or days before a day, or the ``last``
    ``size`` appearances."""

    kind: str  # years, months, days, last
    size: int

    def __str__(self) -> str:
        return f"{self.size}" + {"years": "y", "months": "m", "days": "d", "last": ""}[self.kind]

    def start(self, day: str) -> Optional[str]:
        """The first day of the window ending before ``day`` (None for a count window).

        >>> Window("years", 2).start("2020-02-29"), Window("months", 3).start("2020-05-31")
        ('2018-02-28', '2020-02-29')
        """
        if self.kind == "last":
            return None
        d = _dt.date.fromisoformat(day)
        if self.kind == "days":
            return (d - _dt.timedelta(days=self.size)).isoformat()
        months = self.size * 12 if self.kind == "years" else self.size
        total = d.year * 12 + (d.month - 1) - months
        year, month = divmod(total, 12)
        month += 1
        if year < 1:
            return "0001-01-01"
        last = calendar.monthrange(year, month)[1]
        return _dt.date(year, month, min(d.day, last)).isoformat()


def parse_window(value: Union[str, int, Window]) -> Window:
    """``"2y"``, ``"18m"``, ``"90d"`` or ``"10"`` (the last 10 appearances).

    >>> parse_window("2y"), parse_window(10)
    (Window(kind='years', size=2), Window(kind='last', size=10))
    """
    if isinstance(value, Window):
        return value
    m = _WINDOW_RE.match(str(value))
    if not m or int(m.group(1)) < 1:
        raise PositionsError(f"invalid window {value!r}: use 2y, 18m, 90d or a number of statements such as 10")
    return Window(_UNITS[m.group(2)], int(m.group(1)))


HistorySource = Union[History, Iterable[Analysis], sqlite3.Connection]


def history_of(source: HistorySource, *, role: str = "holder") -> History:
    """A :class:`~positions.history.History` from analyses (read once into memory, as uses:
    ``dataset.analyses()`` streams a Parquet dataset's), a store's connection or a history
    (returned as it is when its role matches)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (known: holder, speaker)")
    if isinstance(source, History):
        if source.role != role:
            raise ValueError(f"the history is by {source.role}, not {role}")
        return source
    if isinstance(source, sqlite3.Connection):
        return StoreHistory(source, role=role)
    if hasattr(source, "connection") and isinstance(getattr(source, "connection"), sqlite3.Connection):
        return StoreHistory(source.connection, role=role)  # a Store
    return MemoryHistory(source, role=role)


def _polarity(uses: Iterable[Use]) -> str:
    seen = {u.polarity for u in uses}
    return next(iter(seen)) if len(seen) == 1 else "mixed"


def _day(at: Union[str, PartialDate, _dt.date]) -> str:
    if isinstance(at, PartialDate):
        return at.first_day().isoformat()
    if isinstance(at, _dt.date):
        return at.isoformat()
    try:
        return PartialDate.from_iso(str(at)).first_day().isoformat()
    except ValueError as exc:
        raise PositionsError(f"invalid date {at!r}: use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def standing_position(
    history: HistorySource,
    actor: str,
    *,
    at: Union[str, PartialDate, _dt.date],
    window: Union[str, int, Window] = "2y",
    role: str = "holder",
) -> StandingPosition:
    """``actor``'s standing position before the day ``at`` (see the module docstring).

    Concepts are sorted by id, wordings by concept then normalized form.
    """
    return _standing(history_of(history, role=role), actor, _day(at), parse_window(window))[0]


def _standing(h: History, actor: str, day: str, win: Window) -> tuple[StandingPosition, list[Use]]:
    """The standing position, and the uses it was made from (in time order)."""
    since = win.start(day)
    apps = h.appearances(actor, before=day, since=since, limit=win.size if win.kind == "last" else None)
    if win.kind == "last":
        since = apps[-1].day if apps else None
        keep = {a.article for a in apps}
        uses = [u for u in h.uses(actor, before=day, since=since) if u.article in keep] if apps else []
    else:
        uses = h.uses(actor, before=day, since=since)
    by_concept: dict[str, list[Use]] = {}
    by_form: dict[tuple[str, str], list[Use]] = {}
    for u in uses:
        by_concept.setdefault(u.concept, []).append(u)
        by_form.setdefault((u.concept, u.normalized), []).append(u)
    concepts = tuple(
        StandingConcept(c, len({u.article for u in us}), len(us), _polarity(us), us[0], us[-1])
        for c, us in sorted(by_concept.items())
    )
    wordings = tuple(
        StandingWording(c, f, us[0].surface, len(us), _polarity(us), us[0], us[-1])
        for (c, f), us in sorted(by_form.items())
    )
    return StandingPosition(actor, h.role, day, str(win), since, tuple(apps), concepts, wordings), uses


def novelty(
    new: Iterable[Analysis],
    history: HistorySource,
    *,
    actor: Optional[str] = None,
    window: Union[str, int, Window] = "2y",
    k: int = 3,
    n: int = 5,
    role: str = "holder",
) -> Novelty:
    """What is new in each of the ``new`` articles, for ``actor`` (default: every actor with
    a statement in the article), against its standing position before the article's day in
    ``history`` (analyses, a store's connection, or a :class:`~positions.history.History`).

    The new articles may be in the history too: only earlier days count.
    """
    if not 1 <= k <= n:
        raise PositionsError(f"the missing-formula rule needs 1 <= k <= n (got k={k}, n={n})")
    win = parse_window(window)
    h = history_of(history, role=role)
    out: list[ArticleNovelty] = []
    undated: list[str] = []
    for an in new:
        art = an.article
        wanted = [actor] if actor is not None else actors_of(an, role=h.role)
        wanted = [a for a in wanted if a in actors_of(an, role=h.role)]
        if not wanted:
            continue
        if art.date is None:
            undated.append(art.path)
            continue
        for a in wanted:
            statements = tuple(sorted({st.span for st in an.statements
                                       if (a in st.holders if h.role == "holder" else st.country == a)}))  # fmt: skip
            out.append(_assess(art.id, art.path, art.date, statements, uses_of(an, a, role=h.role), a, h, win, k, n))
    out.sort(key=lambda r: (r.date.first_day(), r.path, r.article, r.actor))
    return Novelty(tuple(out), tuple(sorted(set(undated))), str(win), k, n, h.role)


def corpus_novelty(
    analyses: Iterable[Analysis],
    *,
    window: Union[str, int, Window] = "2y",
    k: int = 3,
    n: int = 5,
    role: Role = "holder",
) -> Novelty:
    """Every article of a corpus, for every actor in it, against the corpus's own history
    (what the report flags on article pages): :func:`novelty` of each article, read in one
    pass and held as uses, not texts."""
    h = analyses if isinstance(analyses, MemoryHistory) else MemoryHistory(analyses, role=role)
    out = sorted(iter_corpus_novelty(h, window=window, k=k, n=n), key=_novelty_order)
    undated = {path for (_, _, path), app in h.appearance_of.items() if app.date is None}
    return Novelty(tuple(out), tuple(sorted(undated)), str(parse_window(window)), k, n, h.role)


def _novelty_order(r: ArticleNovelty) -> tuple[Any, ...]:
    return (r.date.first_day(), r.path, r.article, r.actor)


def iter_corpus_novelty(
    history: MemoryHistory,
    *,
    window: Union[str, int, Window] = "2y",
    k: int = 3,
    n: int = 5,
) -> Iterator[ArticleNovelty]:
    """The :class:`ArticleNovelty` of every dated article and actor of ``history``, one at
    a time (actor by actor, each in time order), as :func:`corpus_novelty` gives them.

    A time window slides over each actor's uses once (:class:`_Sliding`): each use enters
    and leaves it once, and a standing position is rebuilt only from the concepts and
    wordings that changed, so the whole corpus costs time linear in its uses, not in its
    articles times their windows' uses (the report of 10^5 articles asks 240,000 times)."""
    if not 1 <= k <= n:
        raise PositionsError(f"the missing-formula rule needs 1 <= k <= n (got k={k}, n={n})")
    win = parse_window(window)
    h = history
    by_actor: dict[str, list[tuple[str, str, str]]] = {}
    for key, app in h.appearance_of.items():
        if app.date is not None:
            by_actor.setdefault(key[0], []).append(key)
    for actor in sorted(by_actor):
        keys = sorted(by_actor[actor], key=lambda x: (h.appearance_of[x].day, x[2], x[1]))
        undated = len(h.undated(actor))
        sliding = _Sliding(h, actor, win, n) if win.kind != "last" else None
        for key in keys:
            _, aid, path = key
            date = h.appearance_of[key].date
            assert date is not None
            standing = sliding.standing if sliding is not None else None
            yield _assess(aid, path, date, h.statements[key], h.article_uses[key], actor, h, win, k, n,
                          standing=standing, undated=undated)  # fmt: skip


class _Sliding:
    """One actor's standing position under a time window, kept as the window slides forward
    over its uses (days never go back: the window's first day grows with its last).

    Per concept and per wording: the uses in the window, in time order (a deque: uses enter
    at the right and leave at the left, in the history's order), the articles they are in
    and their polarities; each concept's and wording's record is rebuilt when its uses
    change, the sorted tuples when the window moved."""

    def __init__(self, h: MemoryHistory, actor: str, win: Window, n: int) -> None:
        self.n = n
        self.apps, self.app_days, self.uses, self.use_days = h.dated(actor)
        self.lo = self.hi = 0  # the uses in the window: uses[lo:hi]
        self.concepts: dict[str, _Keyed] = {}
        self.forms: dict[tuple[str, str], _Keyed] = {}
        self.by_article: dict[str, list[int]] = {}  # article id -> indices of its uses
        for i, u in enumerate(self.uses):
            self.by_article.setdefault(u.article, []).append(i)
        self._last: Optional[tuple[int, int, int, int]] = None
        self._tuples: tuple[tuple[Appearance, ...], tuple[StandingConcept, ...], tuple[StandingWording, ...]] = ((), (), ())

    def _move(self, lo: int, hi: int) -> None:
        uses = self.uses
        for i in range(self.lo, min(lo, self.hi)):
            u = uses[i]
            _drop(self.concepts, u.concept, u)
            _drop(self.forms, (u.concept, u.normalized), u)
        for i in range(max(self.hi, lo), hi):
            u = uses[i]
            _add(self.concepts, u.concept, u)
            _add(self.forms, (u.concept, u.normalized), u)
        self.lo, self.hi = lo, hi

    def standing(self, h: History, actor: str, day: str, win: Window) -> tuple[StandingPosition, list[Use]]:
        """As :func:`_standing`: the standing position at ``day``, and the window's uses
        from which the missing formulas are found (here only those of the articles of the
        last ``n`` appearances, the only ones the rule looks at)."""
        since = win.start(day)
        assert since is not None  # a time window (a count window slides no days)
        lo = bisect.bisect_left(self.use_days, since)
        hi = bisect.bisect_left(self.use_days, day)
        if lo < self.lo or hi < self.hi:
            raise AssertionError("the window went back in time")  # pragma: no cover
        if (lo, hi) != (self.lo, self.hi):
            self._move(lo, hi)
        a_lo = bisect.bisect_left(self.app_days, since)
        a_hi = bisect.bisect_left(self.app_days, day)
        if self._last != (a_lo, a_hi, lo, hi):
            concepts = tuple(self.concepts[c].concept(c) for c in sorted(self.concepts))
            wordings = tuple(self.forms[f].wording(f) for f in sorted(self.forms))
            self._tuples = (tuple(self.apps[a_lo:a_hi][::-1]), concepts, wordings)
            self._last = (a_lo, a_hi, lo, hi)
        apps, concepts, wordings = self._tuples
        standing = StandingPosition(actor, h.role, day, str(win), since, apps, concepts, wordings)
        return standing, self._uses_of(apps[: self.n], lo, hi)

    def _uses_of(self, apps: tuple[Appearance, ...], lo: int, hi: int) -> list[Use]:
        wanted = sorted({i for a in apps for i in self.by_article.get(a.article, ()) if lo <= i < hi})
        return [self.uses[i] for i in wanted]


class _Keyed:
    """The uses of one concept or wording in a window, and its record, made when asked and
    kept until its uses change."""

    __slots__ = ("uses", "articles", "polarities", "concept_record", "wording_record")

    def __init__(self) -> None:
        self.uses: collections.deque[Use] = collections.deque()
        self.articles: collections.Counter[str] = collections.Counter()
        self.polarities: collections.Counter[str] = collections.Counter()
        # the record of a concept's or of a wording's uses (a _Keyed is one or the other)
        self.concept_record: Optional[StandingConcept] = None
        self.wording_record: Optional[StandingWording] = None

    def add(self, u: Use) -> None:
        self.uses.append(u)
        self.articles[u.article] += 1
        self.polarities[u.polarity] += 1
        self.concept_record = self.wording_record = None

    def drop(self, u: Use) -> bool:
        """Drop ``u``, the oldest use; True when none is left."""
        first = self.uses.popleft()
        assert first is u
        for counter, key in ((self.articles, u.article), (self.polarities, u.polarity)):
            counter[key] -= 1
            if not counter[key]:
                del counter[key]
        self.concept_record = self.wording_record = None
        return not self.uses

    def _polarity(self) -> str:
        return next(iter(self.polarities)) if len(self.polarities) == 1 else "mixed"

    def concept(self, c: str) -> StandingConcept:
        if self.concept_record is None:
            us = self.uses
            self.concept_record = StandingConcept(c, len(self.articles), len(us), self._polarity(), us[0], us[-1])
        return self.concept_record

    def wording(self, form: tuple[str, str]) -> StandingWording:
        if self.wording_record is None:
            us = self.uses
            self.wording_record = StandingWording(form[0], form[1], us[0].surface, len(us), self._polarity(), us[0], us[-1])
        return self.wording_record


_K = TypeVar("_K", str, tuple[str, str])


def _add(table: dict[_K, _Keyed], key: _K, u: Use) -> None:
    """Add ``u`` to the uses of ``key`` in ``table`` (a concept's or a wording's)."""
    keyed = table.get(key)
    if keyed is None:
        keyed = table[key] = _Keyed()
    keyed.add(u)


def _drop(table: dict[_K, _Keyed], key: _K, u: Use) -> None:
    """Drop ``u``, the oldest use of ``key`` in ``table``, and ``key`` with its last use."""
    if table[key].drop(u):
        del table[key]


def _assess(aid: str, path: str, date: PartialDate, statements: tuple[Span, ...], now: list[Use], actor: str,
            h: History, win: Window, k: int, n: int, *, standing: Optional[Any] = None,
            undated: Optional[int] = None) -> ArticleNovelty:  # fmt: skip
    day = date.first_day().isoformat()
    standing, window_uses = (standing or _standing)(h, actor, day, win)
    forms: dict[tuple[str, str], list[Use]] = {}
    concepts: dict[str, list[Use]] = {}
    for u in now:
        forms.setdefault((u.concept, u.normalized), []).append(u)
        concepts.setdefault(u.concept, []).append(u)
    known_forms = {(w.concept, w.normalized) for w in standing.wordings}
    known_concepts = {c.concept for c in standing.concepts}
    new_wordings = tuple(
        NewWording(c, f, us[0].surface, tuple(us), h.last_use(actor, before=day, normalized=f, concept=c))
        for (c, f), us in sorted(forms.items()) if (c, f) not in known_forms
    )  # fmt: skip
    new_concepts = tuple(
        NewConcept(c, tuple(us), h.last_use(actor, before=day, concept=c))
        for c, us in sorted(concepts.items()) if c not in known_concepts
    )  # fmt: skip
    missing = _missing(window_uses, standing, set(concepts), k, n)
    flips = []
    for c, us in sorted(concepts.items()):
        sc = standing.concept(c)
        pol = _polarity(us)
        if sc is not None and pol != "mixed" and sc.last.polarity != pol:
            flips.append(Flip(c, sc.last.polarity, pol, tuple(us), sc.last))
    return ArticleNovelty(actor, aid, path, date, statements, standing, new_wordings, new_concepts,
                          missing, tuple(flips), len(h.undated(actor)) if undated is None else undated)  # fmt: skip


def _missing(window_uses: list[Use], standing: StandingPosition, now: set[str], k: int, n: int) -> tuple[MissingFormula, ...]:
    last_n = standing.appearances[:n]
    if len(last_n) < k:
        return ()
    in_last = {a.article for a in last_n}
    per: dict[str, dict[str, Use]] = {}
    for u in window_uses:
        if u.article in in_last:
            per.setdefault(u.concept, {})[u.article] = u  # uses come in order: the last wins
    out = []
    rank = {a.article: i for i, a in enumerate(last_n)}
    for c in sorted(per):
        if c in now or len(per[c]) < k:
            continue
        evidence = tuple(sorted(per[c].values(), key=lambda u: rank[u.article]))
        out.append(MissingFormula(c, len(per[c]), len(last_n), evidence))
    return tuple(out)

