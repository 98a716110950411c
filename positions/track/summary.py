"""A corpus summarised in one pass: :func:`track` gathers the timeline, each actor's snapshots
and successive diffs, the shift events, the wordings of each concept and the words around each
marker (keyword in context), as records that a report renders and never recomputes.

>>> from positions.model import Analysis, Article, Span
>>> t = track([Analysis(Article("a1", "a.txt", "Hello.", Span(0, 6)))])
>>> t.actors, t.concepts, len(t.articles)
((), (), 1)
"""

from __future__ import annotations

import collections
import itertools
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence

import attrs

from ..diffusion import diffusion
from ..history import MemoryHistory
from ..model import (
    Analysis,
    Article,
    By,
    HeldPolarity,
    Marker,
    PositionDiff,
    Role,
    ShiftEvent,
    Snapshot,
    Span,
    Statement,
    Timeline,
)
from ..model.novelty import ArticleNovelty, Diffusion
from ..novelty import iter_corpus_novelty
from ..text import TOKEN_RE
from .positions import concept_series, diff_series
from .snapshots import snapshots
from .spilled import Spilled
from .timeline import shift_events, squeeze, timeline

__all__ = ["KWIC_WINDOW", "NOVELTY_SETTINGS", "KwicEntry", "Kwic", "ConceptWording", "Diffs", "Tracking", "track", "concept_wordings"]

KWIC_WINDOW = 8
"""Tokens of context on each side of a keyword-in-context entry."""


@attrs.frozen
class KwicEntry:
    """An in-scope marker of a statement with an actor, and the words around it."""

    article: str  # the id of the article it is in
    statement: Statement
    marker: Marker
    actors: tuple[str, ...]
    left: str
    right: str


@attrs.frozen
class ConceptWording:
    """One wording of a concept across actors: the surface first written for its normalized
    form, how often, from when to when (period keys), who used it (sorted) and its polarity
    (``mixed`` when the actors' rows disagree)."""

    surface: str
    count: int
    first: str
    last: str
    actors: tuple[str, ...]
    polarity: HeldPolarity


NOVELTY_SETTINGS: tuple[str, int, int] = ("2y", 3, 5)
"""The window and missing-formula rule (k of n) of a report's novelty flags: the library's
defaults."""


class Kwic(Mapping[str, tuple[KwicEntry, ...]]):
    """Each concept's keyword-in-context entries, kept on disk (:class:`Spilled`, one file
    for all concepts) and read back per concept: a report of 10^5 articles writes one
    concept page at a time and need not hold 750,000 entries' contexts. An entry is stored
    as its article, the places of its statement and marker there (``articles``: the light
    analyses, which hold those objects anyway), its actors and its two contexts."""

    def __init__(self, articles: Mapping[str, Analysis]) -> None:
        self._articles = articles
        self._spills: dict[str, Spilled[tuple[str, int, int, tuple[str, ...], str, str]]] = {}
        self._file: Optional[Spilled[Any]] = None

    def add(self, entry: KwicEntry, statement: int, marker: int) -> None:
        """Keep ``entry``, whose statement and marker are ``articles[entry.article]
        .statements[statement]`` and that statement's ``markers[marker]``."""
        spill = self._spills.get(entry.marker.concept)
        if spill is None:
            spill = self._spills[entry.marker.concept] = Spilled(beside=self._file)
            self._file = self._file or spill
        spill.append((entry.article, statement, marker, entry.actors, entry.left, entry.right))

    def __getitem__(self, concept: str) -> tuple[KwicEntry, ...]:
        out = []
        for aid, i, j, actors, left, right in self._spills[concept]:
            st = self._articles[aid].statements[i]
            out.append(KwicEntry(aid, st, st.markers[j], actors, left, right))
        return tuple(out)

    def __iter__(self) -> Iterator[str]:
        return iter(self._spills)

    def __len__(self) -> int:
        return len(self._spills)

    def __repr__(self) -> str:
        return f"<Kwic of {len(self)} concepts, on disk>"


class Diffs(Mapping[str, tuple[PositionDiff, ...]]):
    """Each actor's successive diffs (:func:`diff_series` of its snapshots), computed when
    asked for and not kept: a report of 10^5 articles writes one actor page at a time and
    need not hold every actor's aligned passages at once. Asking twice computes twice (the
    same diffs)."""

    def __init__(self, snapshots: Mapping[str, tuple[Snapshot, ...]], engine: Optional[str] = None) -> None:
        self._snapshots, self._engine = snapshots, engine

    def __getitem__(self, actor: str) -> tuple[PositionDiff, ...]:
        return tuple(diff_series(self._snapshots[actor], engine=self._engine))

    def __iter__(self) -> Iterator[str]:
        return iter(self._snapshots)

    def __len__(self) -> int:
        return len(self._snapshots)

    def __repr__(self) -> str:
        return f"<Diffs of {len(self)} actors, computed when asked for>"


@attrs.frozen
class Tracking:
    """What :func:`track` finds in a corpus.

    ``analyses`` are the analyses as read but without their articles' texts and without the
    markers outside statements (``articles``: the first analysis of each article id, in
    reading order), so that a big corpus is not held twice; ``kwic`` maps each concept to
    its keyword-in-context entries (cut from the texts as the analyses go by), ``snapshots``
    and ``diffs`` each actor of the timeline to its snapshots and successive diffs (a
    :class:`Diffs`: computed when asked for, not held; ``events`` were found from the
    concepts alone), and ``wordings`` each concept to its wordings across actors
    (:func:`concept_wordings`).
    With ``firsts``, ``novelty`` is what each article says that is new for each of its
    actors (:func:`~positions.novelty.iter_corpus_novelty` with :data:`NOVELTY_SETTINGS`), in
    date, path and actor order, each as its :class:`~positions.model.novelty.ArticleNovelty`
    without the standing position's appearances, concepts and wordings and with the number
    of appearances that standing position had, kept on disk (a :class:`Spilled` sequence
    labelled with the article ids: a report of 10^5 articles reads each article's records
    when it writes its page); ``diffusion`` who used each concept and wording first and how every pair of actors converged
    (:func:`~positions.diffusion.diffusion`); else both are None.
    """

    by: By
    role: Role
    analyses: tuple[Analysis, ...]
    articles: tuple[Analysis, ...]
    kwic: Mapping[str, tuple[KwicEntry, ...]]  # a Kwic: on disk, read per concept
    timeline: Timeline
    actors: tuple[str, ...]
    concepts: tuple[str, ...]
    snapshots: Mapping[str, tuple[Snapshot, ...]]
    diffs: Mapping[str, tuple[PositionDiff, ...]]
    events: tuple[ShiftEvent, ...]
    wordings: Mapping[str, tuple[ConceptWording, ...]]
    novelty: Optional[Spilled[tuple[ArticleNovelty, int]]] = None
    diffusion: Optional[Diffusion] = None


def track(
    analyses: Iterable[Analysis],
    *,
    by: By = "year",
    role: Role = "holder",
    engine: Optional[str] = None,
    firsts: bool = False,
) -> Tracking:
    """Summarise a corpus in one pass over ``analyses`` (see :class:`Tracking`): the timeline
    by ``by`` for ``role`` (:func:`positions.track.timeline`), for each of its actors the
    snapshots and the diff of each against the one before (:func:`diff_series`, with
    ``engine``), the shift events of those diffs, newest first, and the words around each
    in-scope marker of a statement with an actor (:data:`KWIC_WINDOW` tokens each side).

    With ``firsts``, also the novelty of each article and the diffusion of each concept and
    wording among the timeline's actors (by year, or by month with ``by="month"``), with the
    library defaults (window 2y, missing formula 3 of 5): what the report's firsts and
    convergence pages show."""
    light_all: list[Analysis] = []
    first_of: dict[str, Analysis] = {}  # the first analysis of each article id
    kwic = Kwic(first_of)
    shared: dict[Any, Any] = {}
    for an in analyses:
        light = without_text(an, shared)
        light_all.append(light)
        if an.article.id in first_of:
            continue
        first_of[an.article.id] = light
        seen: set[tuple[str, Span]] = set()  # a marker in two statements of the article: once
        for i, j, st, m, who in kwic_places(light.statements, role):
            if (m.concept, m.span) not in seen:
                seen.add((m.concept, m.span))
                kwic.add(KwicEntry(an.article.id, st, m, who, *kwic_context(an.article, m)), i, j)
    del shared
    tl = timeline(light_all, by=by, role=role)
    actors = tuple(a for a, _ in tl.active)
    snaps = {a: tuple(snapshots(light_all, a, by=by, role=role)) for a in actors}
    concepts = tuple(sorted({r.concept for r in tl.rows}))
    news: Optional[Spilled[tuple[ArticleNovelty, int]]] = None
    spread: Optional[Diffusion] = None
    if firsts:
        # One history of the analyses (uses, not texts) for both: the novelty of every
        # article, one at a time, each kept on disk (Spilled) without its standing position's
        # appearances, concepts and wordings (only the number of appearances is kept), and
        # the diffusion. Done before anything else is held, and let go at once.
        history = MemoryHistory(light_all, role=role)
        window, k, n = NOVELTY_SETTINGS
        found: Spilled[tuple[ArticleNovelty, int]] = Spilled()
        keys = []
        for r in iter_corpus_novelty(history, window=window, k=k, n=n):
            light_r = attrs.evolve(r, standing=attrs.evolve(r.standing, appearances=(), concepts=(), wordings=()))
            keys.append((r.date.first_day(), r.path, r.actor))
            found.append((light_r, len(r.standing.appearances)), label=r.article)
        news = found.reordered(sorted(range(len(keys)), key=keys.__getitem__))
        pairs = list(itertools.combinations(actors, 2))
        spread = diffusion(history, role=role, by=by if by in ("year", "month") else "year", pairs=pairs)
        del history, found, keys
    return Tracking(
        by=by,
        role=role,
        analyses=tuple(light_all),
        articles=tuple(first_of.values()),
        kwic=kwic,
        timeline=tl,
        actors=actors,
        concepts=concepts,
        snapshots=snaps,
        diffs=Diffs(snaps, engine),
        events=shift_events(d for a in actors for d in concept_series(snaps[a])),
        wordings={c: concept_wordings(tl, c) for c in concepts},
        novelty=news,
        diffusion=spread,
    )


def concept_wordings(tl: Timeline, concept: str) -> tuple[ConceptWording, ...]:
    """A concept's wordings across the actors of a timeline: who used each normalized form,
    how often, from when to when; ordered by first use, then surface."""
    merged: dict[str, dict[str, Any]] = {}
    for r in tl.rows:
        if r.concept != concept:
            continue
        for v in r.variants:
            m = merged.setdefault(v.normalized, {"surface": v.surface, "count": 0, "first": v.first,
                                                 "last": v.last, "actors": [], "polarities": set()})  # fmt: skip
            m["count"] += v.count
            m["first"] = min(m["first"], v.first)
            m["last"] = max(m["last"], v.last)
            m["actors"].append(r.actor)
            m["polarities"].add(v.polarity)
    out = []
    for m in merged.values():
        pols: set[HeldPolarity] = m["polarities"]
        polarity = next(iter(pols)) if len(pols) == 1 else "mixed"
        out.append(ConceptWording(m["surface"], m["count"], m["first"], m["last"], tuple(sorted(set(m["actors"]))), polarity))
    out.sort(key=lambda w: (w.first, w.surface.casefold(), w.surface))
    return tuple(out)


_OFFSETS = object()  # the key of the offsets held once, in without_text's ``shared``


def without_text(an: Analysis, shared: dict[Any, Any]) -> Analysis:
    """``an`` without its article's text and with only the markers of its statements, whose
    repeated values (statement texts, concepts, wordings, patterns, speakers, holders ...)
    are the objects kept in ``shared`` (equal, and held once instead of once a row: the analyses of a store
    are read back as new strings each). The offsets of their spans are held once too: a
    corpus has millions of spans but only as many distinct offsets as its longest article
    has characters, and a Python int above 256 is an object of its own."""
    offsets: dict[int, int] = shared.setdefault(_OFFSETS, {})

    def one(value: Any) -> Any:
        return shared.setdefault(value, value)

    def span(s: Span) -> Span:
        start, end = offsets.setdefault(s.start, s.start), offsets.setdefault(s.end, s.end)
        return s if start is s.start and end is s.end else Span(start, end)

    def maybe(s: Optional[Span]) -> Optional[Span]:
        return None if s is None else span(s)

    def marker(m: Marker) -> Marker:
        return attrs.evolve(m, concept=one(m.concept), surface=one(m.surface), normalized=one(m.normalized),
                            polarity=one(m.polarity), pattern=one(m.pattern), steps=one(m.steps),
                            span=span(m.span), negation=maybe(m.negation))  # fmt: skip

    art = attrs.evolve(an.article, text="", body=span(an.article.body))
    statements = tuple(
        attrs.evolve(st, article=one(st.article), text=one(st.text), kind=one(st.kind), speaker=one(st.speaker), country=one(st.country),
                     holders=one(st.holders), evidence=one(st.evidence), markers=tuple(map(marker, st.markers)),
                     span=span(st.span), cue=maybe(st.cue), parts=tuple(map(span, st.parts)) if st.parts else st.parts)
        for st in an.statements
    )  # fmt: skip
    return Analysis(art, statements)


def actors_of(st: Statement, role: Role) -> tuple[str, ...]:
    """The actors a statement belongs to: its holders, or with ``role="speaker"`` the
    speaker's country."""
    return st.holders if role == "holder" else ((st.country,) if st.country else ())


def kwic_places(statements: Sequence[Statement], role: Role) -> Iterator[tuple[int, int, Statement, Marker, tuple[str, ...]]]:
    """Where keyword-in-context entries are cut: each in-scope marker of a statement with an
    actor, as (statement index, marker index, statement, marker, the statement's actors)."""
    for i, st in enumerate(statements):
        who = actors_of(st, role)
        if who:
            for j, m in enumerate(st.markers):
                if m.in_scope:
                    yield i, j, st, m, who


def kwic_context(art: Article, m: Marker) -> tuple[str, str]:
    """Up to :data:`KWIC_WINDOW` tokens of the article's body on each side of marker ``m``,
    looked for within 400 characters, whitespace runs as one space."""
    body = art.body
    # the tokens as matches, not spans: only the first one before and the last one after
    # are wanted (a report cuts an entry for every marker of a corpus)
    clip = _clip(m.span.start - 400, m.span.start, body)
    before = collections.deque(TOKEN_RE.finditer(art.text, clip.start, clip.end), KWIC_WINDOW)
    clip = _clip(m.span.end, m.span.end + 400, body)
    after = list(itertools.islice(TOKEN_RE.finditer(art.text, clip.start, clip.end), KWIC_WINDOW))
    left = squeeze(art.text[before[0].start() : m.span.start]) if before else ""
    right = squeeze(art.text[m.span.end : after[-1].end()]) if after else ""
    return left, right


def kwic_entries(art: Article, statements: Sequence[Statement], role: Role) -> Iterator[KwicEntry]:
    """The keyword-in-context entries of an article's statements (:func:`kwic_places`, each
    with its :func:`kwic_context`)."""
    for _, _, st, m, who in kwic_places(statements, role):
        yield KwicEntry(art.id, st, m, who, *kwic_context(art, m))


def _clip(start: int, end: int, body: Span) -> Span:
    s, e = max(start, body.start), min(end, body.end)
    return Span(s, max(s, e))
