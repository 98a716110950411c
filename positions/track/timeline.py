"""Timelines, cross-country comparison and shift events (see :mod:`positions.track`)."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence, Union, cast

from ..model import (
    ROLES,
    Analysis,
    By,
    Comparison,
    ComparisonCell,
    ConceptTimeline,
    HeldPolarity,
    Marker,
    Period,
    PositionDiff,
    Role,
    ShiftEvent,
    Snapshot,
    Timeline,
    TimelineCell,
    Variant,
)
from .snapshots import PERIODS, DateLike, actors, period_order, snapshots

# Timelines and comparison

_SPACE_RE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _form(m: Marker) -> str:
    return m.normalized or squeeze(m.surface).casefold()


def _polarity(markers: Iterable[Marker]) -> HeldPolarity:
    seen: set[HeldPolarity] = {m.polarity for m in markers}
    return next(iter(seen)) if len(seen) == 1 else "mixed"


def _wordings(markers: Sequence[Marker]) -> tuple[str, ...]:
    """The first surface written for each normalized form, ordered by the form."""
    first: dict[str, str] = {}
    for m in markers:
        first.setdefault(_form(m), squeeze(m.surface))
    return tuple(first[k] for k in sorted(first))


def _by_concept(snap: Snapshot) -> dict[str, tuple[list[Marker], int, int]]:
    """Concept -> (its in-scope markers, how many statements and articles hold one)."""
    markers: dict[str, list[Marker]] = {}
    for m in snap.markers:
        if m.in_scope:
            markers.setdefault(m.concept, []).append(m)
    out: dict[str, tuple[list[Marker], int, int]] = {}
    for c in sorted(markers):
        holding = [st for st in snap.statements if any(m.in_scope and m.concept == c for m in st.markers)]
        out[c] = (markers[c], len(holding), len({st.article for st in holding}))
    return out


def _check(by: str, role: str) -> tuple[By, Role]:
    """``by`` and ``role``, once known to be a period of a timeline column and a role."""
    if by not in PERIODS or by == "article":
        raise ValueError(f"unknown period {by!r} (known: day, month, year)")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    return cast(By, by), role


def timeline(
    analyses: Iterable[Analysis],
    *,
    actor: Optional[str] = None,
    concept: Optional[str] = None,
    by: By = "year",
    role: Role = "holder",
    since: DateLike = None,
    until: DateLike = None,
) -> Timeline:
    """Per actor and concept, the periods in which the concept appears in the actor's
    statements (in-scope markers, counted as :func:`snapshots` gathers them), with its
    wordings per period and over the whole time. ``since``/``until`` keep the articles
    dated between them, as for :func:`snapshots`.

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
    by, role = _check(by, role)
    analyses = list(analyses)
    wanted = [actor] if actor is not None else actors(analyses, role=role)
    periods: set[Period] = set()
    rows: list[ConceptTimeline] = []
    active: list[tuple[str, tuple[str, ...]]] = []
    for a in wanted:
        snaps = snapshots(analyses, a, by=by, role=role, concept=concept, since=since, until=until)
        if concept is None:
            heard = snaps
        else:  # the columns are the periods the actor was heard in at all
            heard = snapshots(analyses, a, by=by, role=role, since=since, until=until)
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
    return Timeline(by, role, tuple(sorted(periods, key=period_order)), tuple(rows), tuple(active))


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
                squeeze(items[0][1].surface),
                len(items),
                min(keys),
                max(keys),
                _polarity(m for _, m in items),
            )
        )
    return tuple(out)


def _infer_by(period: Optional[str]) -> By:
    if period is None:
        return "year"
    by_length: dict[int, By] = {4: "year", 7: "month", 10: "day"}
    return by_length.get(len(period), "year")


def compare(
    analyses: Iterable[Analysis],
    actors: Sequence[str],
    *,
    period: Union[str, Period, None] = None,
    by: Optional[By] = None,
    role: Role = "holder",
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
    by, role = _check(by or (period.kind if isinstance(period, Period) else _infer_by(key)), role)
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
    out: list[ShiftEvent] = []
    for d in diffs:
        op, np_ = d.old.period, d.new.period
        new_words = _words_of(d.new)
        old_words = _words_of(d.old)
        for c in d.gained:
            out.append(ShiftEvent(d.actor, op, np_, "gained", c, (), new_words.get(c, ())))
        for c in d.dropped:
            out.append(ShiftEvent(d.actor, op, np_, "dropped", c, old_words.get(c, ()), ()))
        for s in d.shifts:
            old = tuple(squeeze(w) for w in s.old)
            new = tuple(squeeze(w) for w in s.new)
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
