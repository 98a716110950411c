"""Snapshots: one actor's statements and markers over one period.

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

import calendar
import datetime as _dt
import re
from typing import Iterable, Optional, Sequence, Union

import attrs

from .model import (
    Analysis,
    Article,
    Comparison,
    ComparisonCell,
    ConceptTimeline,
    Marker,
    PartialDate,
    Period,
    PositionDiff,
    ShiftEvent,
    Snapshot,
    Statement,
    Timeline,
    TimelineCell,
    Variant,
)

__all__ = [
    "PERIODS",
    "ROLES",
    "snapshots",
    "successive_diffs",
    "actors",
    "undated",
    "period_of",
    "timeline",
    "compare",
    "shift_events",
]

PERIODS: tuple[str, ...] = ("article", "day", "month", "year")
ROLES: tuple[str, ...] = ("holder", "speaker")

DateLike = Union[PartialDate, str, None]


def _belongs(st: Statement, actor: str, role: str) -> bool:
    return actor in st.holders if role == "holder" else st.country == actor


def _as_date(value: DateLike) -> Optional[PartialDate]:
    if value is None or isinstance(value, PartialDate):
        return value
    return PartialDate.from_iso(value)


def _last_day(d: PartialDate) -> _dt.date:
    if d.day is not None:
        return d.first_day()
    month = d.month or 12
    return _dt.date(d.year, month, calendar.monthrange(d.year, month)[1])


def period_of(article: Article, by: str) -> Optional[Period]:
    """The period of ``article`` when grouping ``by`` article, day, month or year.

    >>> from positions.model import Article, PartialDate, Span
    >>> period_of(Article("x", "x.txt", "", Span(0, 0), date=PartialDate(2019)), "month")
    Period(kind='year', key='2019', label='2019')
    """
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r} (known: {', '.join(PERIODS)})")
    if by == "article":
        return Period("article", article.id, article.path)
    d = article.date
    if d is None:
        return None
    if by == "year" or d.month is None:
        key, kind = f"{d.year:04d}", "year"
    elif by == "month" or d.day is None:
        key, kind = f"{d.year:04d}-{d.month:02d}", "month"
    else:
        key, kind = d.iso(), "day"
    return Period(kind, key, key)


def _reading_key(article: Article) -> tuple:
    d = article.date
    return (d is None, d.iso() if d else "", article.path, article.id)


def _in_range(article: Article, since: Optional[PartialDate], until: Optional[PartialDate]) -> bool:
    if since is None and until is None:
        return True
    if article.date is None:
        return False
    first = article.date.first_day()
    if since is not None and first < since.first_day():
        return False
    if until is not None and first > _last_day(until):
        return False
    return True


def snapshots(
    analyses: Iterable[Analysis],
    actor: str,
    *,
    by: str = "year",
    role: str = "holder",
    since: DateLike = None,
    until: DateLike = None,
    concept: Optional[str] = None,
) -> list[Snapshot]:
    """``actor``'s snapshots, one per period that has a statement of it, in time order.

    ``since``/``until`` (a :class:`PartialDate` or ISO string) keep the articles whose date
    starts on or after the first day ``since`` can mean and on or before the last day
    ``until`` can mean ("2019" ends on 31 December); with either, undated articles are left
    out. ``concept`` keeps only the statements with a marker of that concept, and only those
    markers. A snapshot's markers are its statements' markers, in reading order.
    """
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r} (known: {', '.join(PERIODS)})")
    since_d, until_d = _as_date(since), _as_date(until)
    groups: dict[Period, list[tuple[Article, list[Statement]]]] = {}
    ordered = sorted(analyses, key=lambda a: _reading_key(a.article))
    for an in ordered:
        art = an.article
        if not _in_range(art, since_d, until_d):
            continue
        period = period_of(art, by)
        if period is None:
            continue
        mine = []
        for st in sorted(an.statements, key=lambda s: (s.span.start, s.span.end)):
            if not _belongs(st, actor, role):
                continue
            if concept is not None:
                kept = tuple(m for m in st.markers if m.concept == concept)
                if not kept:
                    continue
                st = attrs.evolve(st, markers=kept)
            mine.append(st)
        if mine:
            groups.setdefault(period, []).append((art, mine))
    out = []
    for period in sorted(groups, key=_period_order):
        members = groups[period]
        statements = tuple(st for _, sts in members for st in sts)
        markers = _markers(statements)
        out.append(
            Snapshot(
                actor,
                period,
                statements,
                tuple(a.id for a, _ in members),
                markers,
                tuple(a.path for a, _ in members),
            )
        )
    return out


def _period_order(p: Period) -> tuple:
    # Article periods have ids as keys; their label (the path) does not order them in
    # time, so they keep the reading order recorded by insertion; see snapshots().
    return (0,) if p.kind == "article" else (1, p.key)


def _markers(statements: Sequence[Statement]) -> tuple[Marker, ...]:
    seen = set()
    out = []
    for st in statements:
        for m in sorted(st.markers, key=lambda m: (m.span.start, m.span.end, m.concept)):
            key = (st.article, m.concept, m.span)
            if key not in seen:
                seen.add(key)
                out.append(m)
    return tuple(out)


def successive_diffs(
    analyses: Iterable[Analysis],
    actor: str,
    *,
    by: str = "year",
    role: str = "holder",
    since: DateLike = None,
    until: DateLike = None,
    concept: Optional[str] = None,
    engine: Optional[str] = None,
) -> list[PositionDiff]:
    """Each of ``actor``'s snapshots (see :func:`snapshots`) against the one before it, in
    time order: what ``positions diff --actor`` and the report's actor pages show.

    >>> successive_diffs([], "RUS")
    []
    """
    from .diff import diff_snapshots

    snaps = snapshots(analyses, actor, by=by, role=role, since=since, until=until, concept=concept)
    return [diff_snapshots(o, n, engine=engine) for o, n in zip(snaps, snaps[1:])]


def actors(analyses: Iterable[Analysis], *, role: str = "holder") -> list[str]:
    """Every actor with at least one statement, sorted.

    >>> actors([])
    []
    """
    found = set()
    for an in analyses:
        for st in an.statements:
            if role == "holder":
                found.update(st.holders)
            elif st.country:
                found.add(st.country)
    return sorted(found)


def undated(analyses: Iterable[Analysis]) -> list[str]:
    """Paths of the articles without a date (they have no day, month or year period)."""
    return sorted(an.article.path for an in analyses if an.article.date is None)


# --------------------------------------------------------------------------------------
# Timelines and comparison

_SPACE_RE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _form(m: Marker) -> str:
    return m.normalized or _squeeze(m.surface).casefold()


def _polarity(markers: Iterable[Marker]) -> str:
    seen = {m.polarity for m in markers}
    return next(iter(seen)) if len(seen) == 1 else "mixed"


def _wordings(markers: Sequence[Marker]) -> tuple[str, ...]:
    """The first surface written for each normalized form, ordered by the form."""
    first: dict[str, str] = {}
    for m in markers:
        first.setdefault(_form(m), _squeeze(m.surface))
    return tuple(first[k] for k in sorted(first))


def _by_concept(snap: Snapshot) -> dict[str, tuple[list[Marker], int, int]]:
    """Concept -> (its in-scope markers, how many statements and articles hold one)."""
    markers: dict[str, list[Marker]] = {}
    for m in snap.markers:
        if m.in_scope:
            markers.setdefault(m.concept, []).append(m)
    out = {}
    for c in sorted(markers):
        holding = [st for st in snap.statements if any(m.in_scope and m.concept == c for m in st.markers)]
        out[c] = (markers[c], len(holding), len({st.article for st in holding}))
    return out


def _check(by: str, role: str) -> None:
    if by not in PERIODS or by == "article":
        raise ValueError(f"unknown period {by!r} (known: day, month, year)")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")


def timeline(
    analyses: Iterable[Analysis],
    *,
    actor: Optional[str] = None,
    concept: Optional[str] = None,
    by: str = "year",
    role: str = "holder",
) -> Timeline:
    """Per actor and concept, the periods in which the concept appears in the actor's
    statements (in-scope markers, counted as :func:`snapshots` gathers them), with its
    wordings per period and over the whole time.

    Rows are sorted by actor then concept id; a row's cells are the periods where the concept
    appears, in time order (``row.first``/``row.last`` are the first and last seen).

    >>> from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
    >>> def an(aid, year, words):
    ...     art = Article(aid, aid, words, Span(0, len(words)), date=PartialDate(year))
    ...     m = Marker("phased", words, words.lower(), Span(0, len(words)))
    ...     st = Statement(aid, Span(0, len(words)), words, "reported", holders=("RUS",), markers=(m,))
    ...     return Analysis(art, (st,), (m,))
    >>> tl = timeline([an("a", 2018, "step by step"), an("b", 2019, "phased")])
    >>> row = tl.rows[0]
    >>> (row.actor, row.concept, row.first.key, row.last.key, row.count)
    ('RUS', 'phased', '2018', '2019', 2)
    >>> [(v.surface, v.first, v.last) for v in row.variants]
    [('phased', '2019', '2019'), ('step by step', '2018', '2018')]
    """
    _check(by, role)
    analyses = list(analyses)
    wanted = [actor] if actor is not None else actors(analyses, role=role)
    periods: set[Period] = set()
    rows: list[ConceptTimeline] = []
    active: list[tuple[str, tuple[str, ...]]] = []
    for a in wanted:
        snaps = snapshots(analyses, a, by=by, role=role, concept=concept)
        if concept is None:
            heard = snaps
        else:  # the columns are the periods the actor was heard in at all
            heard = snapshots(analyses, a, by=by, role=role)
        if not heard:
            continue
        active.append((a, tuple(s.period.key for s in heard)))
        periods.update(s.period for s in heard)
        cells: dict[str, list[TimelineCell]] = {}
        seen: dict[str, list[tuple[str, Marker]]] = {}
        for snap in snaps:
            for c, (markers, n_st, n_art) in _by_concept(snap).items():
                cells.setdefault(c, []).append(
                    TimelineCell(snap.period, len(markers), n_st, n_art, _wordings(markers), _polarity(markers))
                )
                seen.setdefault(c, []).extend((snap.period.key, m) for m in markers)
        for c in sorted(cells):
            rows.append(ConceptTimeline(a, c, tuple(cells[c]), _variants(seen[c])))
    return Timeline(by, role, tuple(sorted(periods, key=_period_order)), tuple(rows), tuple(active))


def _variants(seen: Sequence[tuple[str, Marker]]) -> tuple[Variant, ...]:
    forms: dict[str, list[tuple[str, Marker]]] = {}
    for key, m in seen:
        forms.setdefault(_form(m), []).append((key, m))
    out = []
    for form in sorted(forms):
        items = forms[form]
        keys = [k for k, _ in items]
        out.append(
            Variant(
                form,
                _squeeze(items[0][1].surface),
                len(items),
                min(keys),
                max(keys),
                _polarity(m for _, m in items),
            )
        )
    return tuple(out)


def _infer_by(period: Optional[str]) -> str:
    if period is None:
        return "year"
    return {4: "year", 7: "month", 10: "day"}.get(len(period), "year")


def compare(
    analyses: Iterable[Analysis],
    actors: Sequence[str],
    *,
    period: Union[str, Period, None] = None,
    by: Optional[str] = None,
    role: str = "holder",
) -> Comparison:
    """Which of ``actors`` hold which concepts in one period, and in which words.

    ``period`` is a key (``"2019"``, ``"2019-06"``); ``by`` defaults to the precision of
    that key (year without a period). Without a period, the latest one in which the most of
    the actors have a statement (all of them, when there is one). Cells follow the order of
    ``actors``, then concept id; an actor without a statement in the period is ``absent``.

    >>> from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
    >>> art = Article("a", "a.txt", "phased", Span(0, 6), date=PartialDate(2019, 5, 1))
    >>> m = Marker("phased", "phased", "phased", Span(0, 6))
    >>> st = Statement("a", Span(0, 6), "phased", "reported", holders=("RUS", "CHN"), markers=(m,))
    >>> cmp = compare([Analysis(art, (st,), (m,))], ["RUS", "USA"])
    >>> cmp.period.key, [(c.actor, c.concept, c.surfaces) for c in cmp.cells], cmp.absent
    ('2019', [('RUS', 'phased', ('phased',))], ('USA',))
    """
    key = period.key if isinstance(period, Period) else period
    by = by or (period.kind if isinstance(period, Period) else _infer_by(key))
    _check(by, role)
    analyses = list(analyses)
    wanted = list(dict.fromkeys(actors))
    snaps = {a: {s.period.key: s for s in snapshots(analyses, a, by=by, role=role)} for a in wanted}
    if key is None:
        counts: dict[str, int] = {}
        for per_actor in snaps.values():
            for k in per_actor:
                counts[k] = counts.get(k, 0) + 1
        if counts:
            key = max(counts, key=lambda k: (counts[k], k))
    if key is None:
        return Comparison(None, by, role, tuple(wanted), absent=tuple(wanted))
    chosen: Optional[Period] = None
    cells = []
    absent = []
    for a in wanted:
        snap = snaps[a].get(key)
        if snap is None:
            absent.append(a)
            continue
        chosen = chosen or snap.period
        for c, (markers, n_st, _n_art) in _by_concept(snap).items():
            cells.append(ComparisonCell(a, c, len(markers), n_st, _wordings(markers), _polarity(markers)))
    if chosen is None:
        chosen = Period("year" if len(key) == 4 else by, key, key)
    concepts = tuple(sorted({c.concept for c in cells}))
    return Comparison(chosen, by, role, tuple(wanted), concepts, tuple(cells), tuple(absent))


_KIND_ORDER = {"gained": 0, "dropped": 1, "variant": 2, "polarity": 3}


def shift_events(diffs: Iterable[PositionDiff]) -> tuple[ShiftEvent, ...]:
    """The changes of some position diffs as a flat list, newest first (then actor, kind
    and concept): each gained and dropped concept, variant shift and polarity flip.

    >>> from positions.diff import diff_snapshots
    >>> from positions.model import Period, Snapshot
    >>> d = diff_snapshots(Snapshot("RUS", Period("year", "2018")), Snapshot("RUS", Period("year", "2019")))
    >>> shift_events([d])
    ()
    """
    out = []
    for d in diffs:
        op, np_ = d.old.period, d.new.period
        new_words = _words_of(d.new)
        old_words = _words_of(d.old)
        for c in d.gained:
            out.append(ShiftEvent(d.actor, op, np_, "gained", c, (), new_words.get(c, ())))
        for c in d.dropped:
            out.append(ShiftEvent(d.actor, op, np_, "dropped", c, old_words.get(c, ()), ()))
        for s in d.shifts:
            old = tuple(_squeeze(w) for w in s.old)
            new = tuple(_squeeze(w) for w in s.new)
            out.append(ShiftEvent(d.actor, op, np_, "variant", s.concept, old, new))
        for f in d.polarity_flips:
            out.append(ShiftEvent(d.actor, op, np_, "polarity", f.concept, (f.old,), (f.new,)))
    out.sort(key=lambda e: (_desc(e.new_period.key), e.actor, _KIND_ORDER[e.kind], e.concept))
    return tuple(out)


def _desc(key: str) -> tuple[int, ...]:
    """A sort key that puts later period keys first."""
    return tuple(-ord(ch) for ch in key) + (1,)


def _words_of(snap: Snapshot) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[Marker]] = {}
    for m in snap.markers or tuple(m for st in snap.statements for m in st.markers):
        if m.in_scope:
            grouped.setdefault(m.concept, []).append(m)
    return {c: _wordings(ms) for c, ms in grouped.items()}
