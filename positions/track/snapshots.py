"""Snapshots: one actor's statements and markers over one period (see :mod:`positions.track`)."""

from __future__ import annotations

import calendar
import datetime as _dt
from typing import Iterable, Iterator, Optional, Sequence, Union

import attrs

from ..model import (
    BYS,
    ROLES,
    Analysis,
    Article,
    By,
    Marker,
    PartialDate,
    Period,
    PeriodKind,
    PositionDiff,
    Role,
    Snapshot,
    Statement,
)
from .positions import diff_series

PERIODS: tuple[By, ...] = BYS  # the values of ``by`` (positions.model.By)

DateLike = Union[PartialDate, str, None]


def _belongs(st: Statement, actor: str, role: Role) -> bool:
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


def period_of(article: Article, by: By) -> Optional[Period]:
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
    kind: PeriodKind
    if by == "year" or d.month is None:
        key, kind = f"{d.year:04d}", "year"
    elif by == "month" or d.day is None:
        key, kind = f"{d.year:04d}-{d.month:02d}", "month"
    else:
        key, kind = d.iso(), "day"
    return Period(kind, key, key)


def _reading_key(article: Article) -> tuple[bool, str, str, str]:
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
    by: By = "year",
    role: Role = "holder",
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
    for period in sorted(groups, key=period_order):
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


def period_order(p: Period) -> tuple[int] | tuple[int, str]:
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
    by: By = "year",
    role: Role = "holder",
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
    snaps = snapshots(analyses, actor, by=by, role=role, since=since, until=until, concept=concept)
    return diff_series(snaps, engine=engine)


def actors(analyses: Iterable[Analysis], *, role: Role = "holder") -> list[str]:
    """Every actor with at least one statement, sorted.

    >>> actors([])
    []
    """
    found: set[str] = set()
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


def within(analyses: Iterable[Analysis], since: DateLike = None, until: DateLike = None) -> Iterator[Analysis]:
    """The analyses whose article dates fall between ``since`` and ``until``, as for
    :func:`snapshots` (with either, undated articles are left out), in the order given.

    >>> from positions.model import Analysis, Article, PartialDate, Span
    >>> arts = [Analysis(Article(f"a{y}", "a.txt", "", Span(0, 0), date=PartialDate(y))) for y in (2018, 2019, 2020)]
    >>> [an.article.date.year for an in within(arts, "2019", "2019-12")]
    [2019]
    """
    since_d, until_d = _as_date(since), _as_date(until)
    return (an for an in analyses if _in_range(an.article, since_d, until_d))


def articles_within(articles: Iterable[Article], since: DateLike = None, until: DateLike = None) -> Iterator[Article]:
    """The articles dated between ``since`` and ``until``, as :func:`within` keeps analyses
    (what ``positions kwic --from/--to`` searches).

    >>> from positions.model import Article, PartialDate, Span
    >>> arts = [Article(f"a{y}", "a.txt", "", Span(0, 0), date=PartialDate(y)) for y in (2018, 2019)]
    >>> [a.date.year for a in articles_within(arts, until="2018")]
    [2018]
    """
    since_d, until_d = _as_date(since), _as_date(until)
    return (a for a in articles if _in_range(a, since_d, until_d))


# --------------------------------------------------------------------------------------
