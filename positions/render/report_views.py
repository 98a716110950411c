"""The report's page views: what each page shows, as rows and dicts for the templates
(:mod:`positions.render.report_pages`) and the Markdown pages
(:mod:`positions.render.report_markdown`), read from the records of
:func:`positions.track.track`; and the pages' file names.

Imports run one way: these views, then the pages, then the writer
(:mod:`positions.render.report`).
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence

from ..model import Analysis, Article, By, PositionDiff, Role, ShiftEvent, Span, Statement, Timeline
from ..model.novelty import ArticleNovelty, Diffusion
from ..track import DateLike, KwicEntry, Spilled, Tracking, track, within
from ._display import display_ops, pair_head, path_shower
from .json import diff_record
from .records import heat_level

__all__ = [
    "ReportData",
    "report_data",
    "actor_page_name",
    "concept_page_name",
    "article_page_name",
    "heatmap",
    "rows_by_actor",
    "event_view",
    "diff_view",
    "diff_views",
    "Rows",
    "statement_rows",
    "kwic_lines",
    "article_view",
    "nav_view",
]

_SLUG_RE = re.compile(r"[^a-z0-9_-]+")
_SPACE_RE = re.compile(r"\s+")


def slug(text: str) -> str:
    return _SLUG_RE.sub("_", text.lower()) or "_"


def actor_page_name(actor: str, ext: str = "html") -> str:
    """>>> actor_page_name("RUS")
    'actor-rus.html'
    """
    return f"actor-{slug(actor)}.{ext}"


def concept_page_name(concept: str, ext: str = "html") -> str:
    return f"concept-{slug(concept)}.{ext}"


def article_page_name(article_id: str) -> str:
    return f"article-{slug(article_id)}.html"


def _squeeze(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _safe_url(url: Optional[str]) -> Optional[str]:
    """Only http(s) URLs become links (never ``javascript:`` and the like)."""
    if url and re.match(r"(?i)https?://[^\s]+$", url.strip()):
        return url.strip()
    return None

# --------------------------------------------------------------------------------------
# What every page is made from


class ReportData:
    """What the index, actor and concept pages show: the records of
    :func:`positions.track.track` (read in one pass over the analyses), with the article
    paths as shown and each statement's number in its article (for links).

    It keeps what those pages need and not the article texts (see
    :class:`positions.track.Tracking`). Article pages need the texts: :func:`report_pages`
    reads the analyses a second time for them (see :meth:`first_of_each`).

    ``since``/``until`` (ISO dates or :class:`~positions.model.PartialDate`) keep the articles
    dated between them (as :func:`positions.track.within`; undated ones are left out);
    ``span`` says so in words. With ``firsts``, ``novelty`` and ``diffusion`` hold the records
    of the firsts, convergence and novelty pages (:func:`positions.track.track` computes
    them); else they are None.

    ``paths`` are the article paths as shown: under one of ``roots`` (corpus directories,
    e.g. the bundled corpus) as ``<root name>/<rest>``, else relative to the directory all
    articles share, so that a report does not depend on where the corpus lies.
    """

    def __init__(
        self,
        analyses: Iterable[Analysis],
        *,
        by: By = "year",
        role: Role = "holder",
        title: str = "Positions report",
        engine: Optional[str] = None,
        roots: Sequence[str] = (),
        since: DateLike = None,
        until: DateLike = None,
        firsts: bool = False,
    ) -> None:
        self.by, self.role, self.title = by, role, title
        self.span = _span_text(since, until)
        if since is not None or until is not None:
            analyses = within(analyses, since, until)
        self.tracking: Tracking = track(analyses, by=by, role=role, engine=engine, firsts=firsts)
        t = self.tracking
        self.analyses: Sequence[Analysis] = t.analyses
        self.articles: dict[str, Analysis] = {an.article.id: an for an in t.articles}
        self.kwic: Mapping[str, tuple[KwicEntry, ...]] = t.kwic
        self.numbers: dict[tuple[str, Span, tuple[Span, ...], str], int] = {}
        for an in t.articles:
            for n, st in enumerate(an.statements, 1):
                self.numbers.setdefault(_st_key(st), n)
        self.paths = _display_paths([an.article for an in self.articles.values()], roots)
        self.shown = {an.article.path: self.paths[aid] for aid, an in self.articles.items()}
        self.timeline: Timeline = t.timeline
        self.actors = list(t.actors)
        self.timeline_actors = set(self.actors)
        self.concepts = list(t.concepts)
        self.diffs: Mapping[str, Sequence[PositionDiff]] = t.diffs  # computed per actor when asked for
        self.events: tuple[ShiftEvent, ...] = t.events
        self.novelty: Optional[Spilled[tuple[ArticleNovelty, int]]] = t.novelty
        self.diffusion: Optional[Diffusion] = t.diffusion

    def first_of_each(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        """The analyses (with their texts) that are the first of their article id, as in
        :attr:`articles`: a second pass over what the report was made from."""
        done: set[str] = set()
        for an in analyses:
            aid = an.article.id
            if aid not in done and aid in self.articles:
                done.add(aid)
                yield an

    # -- links -----------------------------------------------------------------------

    def path(self, article_id: str) -> str:
        return self.paths.get(article_id, article_id)

    def statement_number(self, st: Statement) -> Optional[int]:
        return self.numbers.get(_st_key(st))

    def statement_href(self, st: Statement) -> str:
        n = self.statement_number(st)
        page = article_page_name(st.article)
        return f"{page}#s{n}" if n is not None else page

    def statement_label(self, st: Statement) -> str:
        n = self.statement_number(st)
        label = f"{self.path(st.article)} s{n}" if n is not None else self.path(st.article)
        page = self.statement_page(st)
        return f"{label}, p. {page}" if page is not None else label

    def statement_page(self, st: Statement) -> Optional[int]:
        """The page a statement of a PDF starts on (None for other articles)."""
        an = self.articles.get(st.article)
        return an.article.page_of(st.span.start) if an is not None else None

    def article_title(self, article: Article) -> str:
        return _squeeze(article.title or "") or os.path.basename(self.path(article.id))


def _span_text(since: DateLike, until: DateLike) -> str:
    if since is None and until is None:
        return ""
    if until is None:
        return f"from {since}"
    return f"to {until}" if since is None else f"from {since} to {until}"


def _st_key(st: Statement) -> tuple[str, Span, tuple[Span, ...], str]:
    return (st.article, st.span, st.parts, st.kind)


def _display_paths(articles: Sequence[Article], roots: Sequence[str] = ()) -> dict[str, str]:
    if roots:
        show = path_shower(roots, relative=False)
        return {a.id: str(show(a.path)).replace("\\", "/") for a in articles}
    paths = {a.id: a.path.replace("\\", "/") for a in articles}
    dirs = {p.rsplit("/", 1)[0] if "/" in p else "" for p in paths.values()}
    if not dirs or "" in dirs or len({d.startswith("/") for d in dirs}) > 1:
        return paths
    common = os.path.commonpath(sorted(dirs)).replace("\\", "/")
    if not common or common == "/":
        return paths
    return {k: p[len(common) + 1 :] if p.startswith(common + "/") else p for k, p in paths.items()}


def report_data(analyses: Iterable[Analysis], **options: Any) -> ReportData:
    """:class:`ReportData` for ``analyses`` (options: ``by``, ``role``, ``title``, ``engine``,
    ``roots``, ``since``, ``until``, ``firsts``)."""
    return ReportData(analyses, **options)

# --------------------------------------------------------------------------------------
# Heatmaps


def heatmap(
    tl_rec: dict[str, Any],
    groups: Sequence[tuple[str, Optional[str], Sequence[dict[str, Any]]]],
    periods: Sequence[str],
    *,
    label_of: str,
    link_rows: bool = True,
) -> dict[str, Any]:
    """A grid view: ``groups`` are (label, href, rows); each row a timeline row record.

    A cell is shaded by its count (``h1``..``h5``), marked ``q`` where the actor has
    statements in that period but none with the concept, and empty where it has none."""
    active = {a: set(keys) for a, keys in tl_rec["active"].items()}
    out_groups = []
    for label, href, rows in groups:
        out_rows = []
        for r in rows:
            counts = {c["period"]: c for c in r["cells"]}
            cells = []
            for k in periods:
                c = counts.get(k)
                if c is not None:
                    words = ", ".join(f"“{w}”" for w in c["surfaces"])
                    pol = "" if c["polarity"] == "affirmed" else f" ({c['polarity']})"
                    tip = (f"{r['actor']} · {r['concept']} · {k}: {c['count']} marker(s) in "
                           f"{c['statements']} statement(s){pol}; {words}")  # fmt: skip
                    cells.append({"cls": f"h{heat_level(c['count'])}", "text": str(c["count"]), "title": tip})
                elif k in active.get(r["actor"], ()):
                    cells.append({"cls": "q", "text": "", "title": f"{r['actor']} · {k}: statements, none with {r['concept']}"})
                else:
                    cells.append({"cls": "", "text": "", "title": ""})
            name = r[label_of]
            row_href = (actor_page_name(name) if label_of == "actor" else concept_page_name(name)) if link_rows else None
            out_rows.append({"label": name, "href": row_href, "cells": cells, "first": r["first"],
                             "last": r["last"], "count": r["count"]})  # fmt: skip
        note = ""
        if not any(c["text"] for row in out_rows for c in row["cells"]):
            # An actor whose markers all lie outside the periods shown says so, rather than
            # look silent.
            if rows and periods:
                firsts, lasts = min(r["first"] for r in rows), max(r["last"] for r in rows)
                note = f"no markers from {periods[0]} to {periods[-1]} (its markers: {_span(firsts, lasts)})"
            elif not rows:
                note = "no in-scope markers"
            out_rows = []
        out_groups.append({"label": label, "href": href, "rows": out_rows, "note": note})
    return {"periods": list(periods), "groups": out_groups}


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"


def rows_by_actor(tl_rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in tl_rec["rows"]:
        out.setdefault(r["actor"], []).append(r)
    return out

# --------------------------------------------------------------------------------------
# Page views


def event_view(e: ShiftEvent) -> dict[str, Any]:
    return {
        "actor": e.actor,
        "actor_href": f"{actor_page_name(e.actor)}#d-{slug(e.old_period.key)}-{slug(e.new_period.key)}",
        "old": e.old_period.key,
        "new": e.new_period.key,
        "kind": e.kind,
        "concept": e.concept,
        "concept_href": concept_page_name(e.concept),
        "old_words": list(e.old),
        "new_words": list(e.new),
    }


def diff_view(data: ReportData, d: PositionDiff) -> dict[str, Any]:
    rec = diff_record(d)
    pairs = []
    for p, pr in zip(rec["pairs"], d.pairs):
        head = pair_head(p)
        pairs.append({
            "head": head,
            "old": _st_link(data, pr.old),
            "new": _st_link(data, pr.new),
            "ops": display_ops(p["ops"]),
            "moves": [{"similarity": f"{m['similarity']:.2f}", "ops": display_ops(m["ops"])} for m in p["moves"]],
        })  # fmt: skip
    key = (d.actor, d.old.period.key, d.new.period.key)
    events = [event_view(e) for e in data.events if (e.actor, e.old_period.key, e.new_period.key) == key]
    events.sort(key=lambda e: ({"gained": 0, "dropped": 1, "variant": 2, "polarity": 3}[e["kind"]], e["concept"]))
    return {
        "id": f"d-{slug(d.old.period.key)}-{slug(d.new.period.key)}",
        "old": d.old.period.key,
        "new": d.new.period.key,
        "old_articles": [_article_link(data, a) for a in d.old.articles],
        "new_articles": [_article_link(data, a) for a in d.new.articles],
        "kept": list(d.kept),
        "events": events,
        "pairs": pairs,
    }


def _st_link(data: ReportData, st: Optional[Statement]) -> Optional[dict[str, str]]:
    if st is None:
        return None
    return {"href": data.statement_href(st), "label": data.statement_label(st)}


def _article_link(data: ReportData, article_id: str) -> dict[str, str]:
    an = data.articles.get(article_id)
    title = data.article_title(an.article) if an else article_id
    return {"href": article_page_name(article_id), "label": title, "path": data.path(article_id)}


def statement_rows(data: ReportData, actor: str) -> Iterator[dict[str, Any]]:
    """The actor's statements, newest period first, each linking to its article page, made
    one at a time as they are read (an actor of a big corpus has tens of thousands)."""
    for snap in reversed(data.tracking.snapshots.get(actor, ())):
        for st in snap.statements:
            concepts = sorted({(m.concept, m.polarity) for m in st.markers if m.in_scope})
            yield {
                "period": snap.period.key,
                "href": data.statement_href(st),
                "label": data.statement_label(st),
                "kind": st.kind,
                "speaker": st.speaker.label() if st.speaker else "",
                "concepts": [{"id": c, "negated": p == "negated", "href": concept_page_name(c)} for c, p in concepts],
                "excerpt": _excerpt(st.text),
            }  # fmt: skip


class Rows:
    """Rows that are made as they are read, once, with their number known in advance: what
    a template gets where it asks whether there are any (``{% if not diffs %}``) and then
    reads them one at a time, so that a page never holds them all."""

    def __init__(self, count: int, rows: Iterable[Any]) -> None:
        self._count, self._rows = count, rows

    def __len__(self) -> int:
        return self._count

    def __bool__(self) -> bool:
        return self._count > 0

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


def diff_views(data: ReportData, actor: str) -> Rows:
    """The views of the actor's successive diffs, newest first, made as they are read (see
    :class:`Rows`)."""
    diffs = data.diffs.get(actor, ())
    return Rows(len(diffs), (diff_view(data, d) for d in reversed(diffs)))


def _excerpt(text: str, limit: int = 160) -> str:
    # A squeezed prefix of the text is a prefix of the squeezed text: when it is already
    # longer than the limit, the rest (a whole UN speech) need not be squeezed.
    head = _squeeze(text[: 4 * limit])
    flat = head if len(head) > limit else _squeeze(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def kwic_lines(data: ReportData, concept: str) -> list[dict[str, Any]]:
    """Keyword-in-context lines of the in-scope markers of ``concept`` in statements of the
    report's actors, newest first (then path and offset)."""
    rows: list[dict[str, Any]] = []
    for e in data.kwic.get(concept, ()):
        st, m = e.statement, e.marker
        art = data.articles[e.article].article
        date = art.date.iso() if art.date else ""
        rows.append({
            "date": date,
            "actors": ", ".join(e.actors),
            "left": e.left,
            "match": _squeeze(m.surface),
            "right": e.right,
            "negated": m.polarity == "negated",
            "href": data.statement_href(st),
            "label": data.statement_label(st),
            "title": f"{data.article_title(art)} · {data.statement_label(st)}",
            "_key": (date, data.path(art.id), m.span.start),
        })  # fmt: skip
    rows.sort(key=lambda r: r["_key"])
    undated = [r for r in rows if not r["date"]]
    dated = [r for r in rows if r["date"]]
    return list(reversed(dated)) + undated


def article_view(data: ReportData, an: Analysis) -> dict[str, Any]:
    art = an.article
    body = art.body
    ranges: list[tuple[int, int, int]] = []  # statement parts: (start, end, number)
    firsts: dict[int, list[int]] = {}
    for n, st in enumerate(an.statements, 1):
        parts = [p for p in (st.parts or (st.span,)) if p.start < body.end and p.end > body.start]
        for p in parts:
            ranges.append((max(p.start, body.start), min(p.end, body.end), n))
        start = max(min((p.start for p in parts), default=st.span.start), body.start)
        firsts.setdefault(min(max(start, body.start), body.end), []).append(n)
    markers = sorted({m for m in an.markers} | {m for st in an.statements for m in st.markers},
                     key=lambda m: (m.span.start, m.span.end, m.concept))  # fmt: skip
    bounds = {body.start, body.end, *firsts}
    for lo, hi, _ in ranges:
        bounds.update((lo, hi))
    for m in markers:
        if body.start <= m.span.start and m.span.end <= body.end:
            bounds.update((m.span.start, m.span.end))
    points = sorted(bounds)
    segments = []
    ends: list[Optional[int]] = [*points[1:], None]
    for a, b in zip(points, ends):
        anchors = firsts.get(a, [])
        if b is None:
            if anchors:
                segments.append({"anchors": anchors, "text": "", "st": 0, "mk": None})
            break
        covering = [r for r in ranges if r[0] <= a and b <= r[1]]
        st_n = max(covering, key=lambda r: (r[0], -r[1], r[2]))[2] if covering else 0
        mk = next((m for m in markers if m.span.start <= a and b <= m.span.end), None)
        mk_view = None
        if mk is not None:
            flags = [f for f, on in (("negated", mk.polarity == "negated"), ("out of scope", not mk.in_scope)) if on]
            mk_view = {"title": mk.concept + (f" ({', '.join(flags)})" if flags else ""),
                       "cls": "mk" if mk.in_scope else "mk out"}  # fmt: skip
        segments.append({"anchors": anchors, "text": art.text[a:b], "st": st_n, "mk": mk_view})
    statements = []
    for n, st in enumerate(an.statements, 1):
        concepts = sorted({(m.concept, m.polarity, m.in_scope) for m in st.markers})
        statements.append({
            "n": n,
            "kind": st.kind,
            "speaker": st.speaker.label() if st.speaker else "",
            "country": st.country or "",
            "holders": [{"code": h, "href": actor_page_name(h) if h in data.timeline_actors else None}
                        for h in st.holders],
            "concepts": [{"id": c, "negated": p == "negated", "out": not s,
                          "href": concept_page_name(c) if c in data.concepts else None} for c, p, s in concepts],
            "excerpt": _excerpt(st.text, 120),
            "page": art.page_of(st.span.start),
        })  # fmt: skip
    return {
        "title": data.article_title(art),
        "path": data.path(art.id),
        "id": art.id,
        "source": art.source or "",
        "place": art.place or "",
        "dateline": _squeeze(art.dateline.slice(art.text)) if art.dateline else "",
        "date": art.date.iso() if art.date else "",
        "country": art.country or "",
        "url": _safe_url(art.url),
        "url_text": art.url or "",
        "segments": segments,
        "statements": statements,
        "warnings": list(art.warnings),
    }


def nav_view(data: ReportData) -> dict[str, Any]:
    return {
        "actors": [{"label": a, "href": actor_page_name(a)} for a in data.actors],
        "concepts": [{"label": c, "href": concept_page_name(c)} for c in data.concepts],
    }
