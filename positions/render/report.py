"""A static report of a corpus: heatmap, shift events, actor, concept and article pages.

:func:`report_pages` makes the pages one at a time, as ``(file name, text)``;
:func:`write_report` writes each into a directory as it is rendered, and :func:`build_report`
returns them all as ``{file name: text}`` (for tests and small corpora). The analyses are
read twice, first without their article texts for the index, actor and concept pages, then
one at a time for the article pages: give ``store.analyses`` (the function) to read a store
twice rather than hold it. HTML pages are self-contained (inline CSS, no script, nothing
fetched: the only external link is an article's own ``url``, as a plain link), escape every
piece of article text (Jinja2 autoescaping), read on a phone and print. Same analyses, same
bytes: nothing depends on the clock or on set order.

Pages (HTML):

- ``index.html``: the actor x concept x period heatmap and the shift events, newest first;
- ``actor-<code>.html``: the actor's timeline, wordings, successive diffs, statements;
- ``concept-<id>.html``: who holds the concept when, its wordings over time, and
  keyword-in-context lines;
- ``article-<id>.html``: the article's text with each statement highlighted and anchored
  (``#s1``, ``#s2`` ...), which every statement shown elsewhere links to.

``fmt="markdown"`` writes ``index.md``, ``actor-<code>.md`` and ``concept-<id>.md`` for a
documentation site (see :mod:`positions.render.report_markdown`).

>>> from positions.model import Analysis, Article, Span
>>> sorted(build_report([Analysis(Article("a1", "a.txt", "Hello.", Span(0, 6)))]))
['article-a1.html', 'index.html']
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from collections.abc import Sequence as _Sequence
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import attrs
import jinja2

from ..model import Analysis, Article, Comparison, Marker, PositionDiff, ShiftEvent, Span, Statement, Timeline
from ..text import token_spans
from ..track import shift_events, snapshots, successive_diffs, timeline
from ._display import display_ops, pair_head, path_shower
from .json import diff_record
from .timeline import comparison_record, heat_level, timeline_record

__all__ = [
    "REPORT_FORMATS",
    "ReportData",
    "report_data",
    "AnalysisSource",
    "report_pages",
    "build_report",
    "write_report",
    "timeline_page",
    "comparison_page",
    "actor_page_name",
    "concept_page_name",
    "article_page_name",
]

REPORT_FORMATS: tuple[str, ...] = ("html", "markdown")

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("positions.render", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)

_SLUG_RE = re.compile(r"[^a-z0-9_-]+")
_SPACE_RE = re.compile(r"\s+")
KWIC_WINDOW = 8


def _slug(text: str) -> str:
    return _SLUG_RE.sub("_", text.lower()) or "_"


def actor_page_name(actor: str, ext: str = "html") -> str:
    """>>> actor_page_name("RUS")
    'actor-rus.html'
    """
    return f"actor-{_slug(actor)}.{ext}"


def concept_page_name(concept: str, ext: str = "html") -> str:
    return f"concept-{_slug(concept)}.{ext}"


def article_page_name(article_id: str) -> str:
    return f"article-{_slug(article_id)}.html"


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
    """Everything the index, actor and concept pages show, computed in one pass over the
    analyses.

    It keeps what those pages need and not the article texts: each analysis without its
    article's text and without the markers outside statements (``analyses``, ``articles``:
    the first analysis of each article id), and for each in-scope marker of a statement
    with an actor (holders, or the speaker's country with ``role="speaker"``) the words
    around it, cut from the text as the analysis goes by (``kwic``: concept -> entries).
    Article pages need the texts: :func:`report_pages` reads the analyses a second time
    for them (see :meth:`first_of_each`).

    ``paths`` are the article paths as shown: under one of ``roots`` (corpus directories,
    e.g. the bundled corpus) as ``<root name>/<rest>``, else relative to the directory all
    articles share, so that a report does not depend on where the corpus lies.
    """

    def __init__(
        self,
        analyses: Iterable[Analysis],
        *,
        by: str = "year",
        role: str = "holder",
        title: str = "Positions report",
        engine: Optional[str] = None,
        roots: Sequence[str] = (),
    ) -> None:
        self.by, self.role, self.title = by, role, title
        self.analyses: list[Analysis] = []
        self.articles: dict[str, Analysis] = {}
        self.kwic: dict[str, list[_KwicEntry]] = {}
        self.numbers: dict[tuple, int] = {}
        seen: set[tuple[str, str, Span]] = set()
        shared: dict[Any, Any] = {}
        for an in analyses:
            light = _without_text(an, shared)
            self.analyses.append(light)
            if an.article.id in self.articles:
                continue
            self.articles[an.article.id] = light
            for n, st in enumerate(light.statements, 1):
                self.numbers.setdefault(_st_key(st), n)
            for entry in _kwic_entries(an.article, light.statements, role):
                key = (entry.marker.concept, entry.article, entry.marker.span)
                if key not in seen:
                    seen.add(key)
                    self.kwic.setdefault(entry.marker.concept, []).append(entry)
        self.paths = _display_paths([an.article for an in self.articles.values()], roots)
        self.shown = {an.article.path: self.paths[aid] for aid, an in self.articles.items()}
        self.timeline: Timeline = timeline(self.analyses, by=by, role=role)
        self.actors = [a for a, _ in self.timeline.active]
        self.timeline_actors = set(self.actors)
        self.concepts = sorted({r.concept for r in self.timeline.rows})
        self.diffs: dict[str, list[PositionDiff]] = {}
        for a in self.actors:
            self.diffs[a] = successive_diffs(self.analyses, a, by=by, role=role, engine=engine)
        self.events: tuple[ShiftEvent, ...] = shift_events(d for a in self.actors for d in self.diffs[a])

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
        return f"{self.path(st.article)} s{n}" if n is not None else self.path(st.article)

    def article_title(self, article: Article) -> str:
        return _squeeze(article.title or "") or os.path.basename(self.path(article.id))


def _st_key(st: Statement) -> tuple:
    return (st.article, st.span, st.parts, st.kind)


def _without_text(an: Analysis, shared: dict[Any, Any]) -> Analysis:
    """``an`` as the index, actor and concept pages need it: no article text, and only the
    markers of its statements, whose repeated values (concepts, wordings, patterns, speakers,
    holders ...) are the objects kept in ``shared`` (equal, and held once instead of once a
    row: the analyses of a store are read back as new strings each)."""

    def one(value: Any) -> Any:
        return shared.setdefault(value, value)

    def marker(m: Marker) -> Marker:
        return attrs.evolve(m, concept=one(m.concept), surface=one(m.surface), normalized=one(m.normalized),
                            polarity=one(m.polarity), pattern=one(m.pattern), steps=one(m.steps))  # fmt: skip

    art = attrs.evolve(an.article, text="")
    statements = tuple(
        attrs.evolve(st, article=one(st.article), kind=one(st.kind), speaker=one(st.speaker), country=one(st.country),
                     holders=one(st.holders), evidence=one(st.evidence), markers=tuple(map(marker, st.markers)))
        for st in an.statements
    )  # fmt: skip
    return Analysis(art, statements)


def _actors_of(st: Statement, role: str) -> tuple[str, ...]:
    return st.holders if role == "holder" else ((st.country,) if st.country else ())


@attrs.frozen
class _KwicEntry:
    """An in-scope marker of a statement with an actor, and the words around it."""

    article: str  # the id of the article it is in
    statement: Statement
    marker: Marker
    actors: tuple[str, ...]
    left: str
    right: str


def _kwic_entries(art: Article, statements: Sequence[Statement], role: str) -> Iterator[_KwicEntry]:
    """The keyword-in-context entries of an article's statements: up to :data:`KWIC_WINDOW`
    tokens of its body on each side of each in-scope marker of a statement with an actor,
    looked for within 400 characters."""
    body = art.body
    for st in statements:
        who = _actors_of(st, role)
        if not who:
            continue
        for m in st.markers:
            if not m.in_scope:
                continue
            before = token_spans(art.text, _clip(m.span.start - 400, m.span.start, body))[-KWIC_WINDOW:]
            after = token_spans(art.text, _clip(m.span.end, m.span.end + 400, body))[:KWIC_WINDOW]
            left = _squeeze(art.text[before[0].start : m.span.start]) if before else ""
            right = _squeeze(art.text[m.span.end : after[-1].end]) if after else ""
            yield _KwicEntry(art.id, st, m, who, left, right)


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
    """:class:`ReportData` for ``analyses`` (options: ``by``, ``role``, ``title``, ``engine``)."""
    return ReportData(analyses, **options)


# --------------------------------------------------------------------------------------
# Heatmaps


def _heatmap(
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
        out_groups.append({"label": label, "href": href, "rows": out_rows})
    return {"periods": list(periods), "groups": out_groups}


def _rows_by_actor(tl_rec: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in tl_rec["rows"]:
        out.setdefault(r["actor"], []).append(r)
    return out


# --------------------------------------------------------------------------------------
# Page views


def _event_view(e: ShiftEvent) -> dict[str, Any]:
    return {
        "actor": e.actor,
        "actor_href": f"{actor_page_name(e.actor)}#d-{_slug(e.old_period.key)}-{_slug(e.new_period.key)}",
        "old": e.old_period.key,
        "new": e.new_period.key,
        "kind": e.kind,
        "concept": e.concept,
        "concept_href": concept_page_name(e.concept),
        "old_words": list(e.old),
        "new_words": list(e.new),
    }


def _diff_view(data: ReportData, d: PositionDiff) -> dict[str, Any]:
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
    events = [_event_view(e) for e in data.events if (e.actor, e.old_period.key, e.new_period.key) == key]
    events.sort(key=lambda e: ({"gained": 0, "dropped": 1, "variant": 2, "polarity": 3}[e["kind"]], e["concept"]))
    return {
        "id": f"d-{_slug(d.old.period.key)}-{_slug(d.new.period.key)}",
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


def _statement_rows(data: ReportData, actor: str) -> list[dict[str, Any]]:
    """The actor's statements, newest period first, each linking to its article page."""
    out = []
    for snap in reversed(snapshots(data.analyses, actor, by=data.by, role=data.role)):
        for st in snap.statements:
            concepts = sorted({(m.concept, m.polarity) for m in st.markers if m.in_scope})
            out.append({
                "period": snap.period.key,
                "href": data.statement_href(st),
                "label": data.statement_label(st),
                "kind": st.kind,
                "speaker": st.speaker.label() if st.speaker else "",
                "concepts": [{"id": c, "negated": p == "negated", "href": concept_page_name(c)} for c, p in concepts],
                "excerpt": _excerpt(st.text),
            })  # fmt: skip
    return out


def _excerpt(text: str, limit: int = 160) -> str:
    flat = _squeeze(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _kwic_lines(data: ReportData, concept: str) -> list[dict[str, Any]]:
    """Keyword-in-context lines of the in-scope markers of ``concept`` in statements of the
    report's actors, newest first (then path and offset)."""
    rows = []
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


def _clip(start: int, end: int, body: Span) -> Span:
    s, e = max(start, body.start), min(end, body.end)
    return Span(s, max(s, e))


def _article_view(data: ReportData, an: Analysis) -> dict[str, Any]:
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
    for a, b, _ in ranges:
        bounds.update((a, b))
    for m in markers:
        if body.start <= m.span.start and m.span.end <= body.end:
            bounds.update((m.span.start, m.span.end))
    points = sorted(bounds)
    segments = []
    for a, b in zip(points, points[1:] + [None]):
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


# --------------------------------------------------------------------------------------
# Pages


def _nav(data: ReportData) -> dict[str, Any]:
    return {
        "actors": [{"label": a, "href": actor_page_name(a)} for a in data.actors],
        "concepts": [{"label": c, "href": concept_page_name(c)} for c in data.concepts],
    }


def _html_pages(data: ReportData, articles: Iterable[Analysis]) -> Iterator[tuple[str, Iterator[str]]]:
    """The HTML pages, one at a time, each as the pieces of its text (rendered as they are
    read): index, actors, concepts, then an article page for each of ``articles`` that is
    the first of its id in ``data``."""
    tl_rec = timeline_record(data.timeline)
    by_actor = _rows_by_actor(tl_rec)
    nav = _nav(data)
    common = {"report_title": data.title, "nav": nav, "by": data.by, "role": data.role}
    groups = [(a, actor_page_name(a), by_actor.get(a, [])) for a in data.actors]
    n_statements = sum(len(an.statements) for an in data.articles.values())
    yield "index.html", _ENV.get_template("report/index.html.j2").generate(
        **common,
        page_title=data.title,
        grid=_heatmap(tl_rec, groups, tl_rec["periods"], label_of="concept"),
        events=[_event_view(e) for e in data.events],
        counts={"articles": len(data.articles), "statements": n_statements, "actors": len(data.actors),
                "concepts": len(data.concepts), "periods": len(tl_rec["periods"])},  # fmt: skip
        articles=sorted(
            ({"href": article_page_name(aid), "title": data.article_title(an.article), "path": data.path(aid),
              "date": an.article.date.iso() if an.article.date else "", "n": len(an.statements)}
             for aid, an in data.articles.items()),
            key=lambda r: (r["date"] == "", r["date"], r["path"]),
        ),  # fmt: skip
    )
    for a in data.actors:
        rows = by_actor.get(a, [])
        periods = list(tl_rec["active"].get(a, []))
        yield actor_page_name(a), _ENV.get_template("report/actor.html.j2").generate(
            **common,
            page_title=f"{a} · {data.title}",
            actor=a,
            grid=_heatmap(tl_rec, [(a, None, rows)], periods, label_of="concept"),
            rows=rows,
            diffs=[_diff_view(data, d) for d in reversed(data.diffs[a])],
            statements=_statement_rows(data, a),
        )
    for c in data.concepts:
        rows = [r for r in tl_rec["rows"] if r["concept"] == c]
        periods = sorted({cell["period"] for r in rows for cell in r["cells"]})
        periods = [k for k in tl_rec["periods"] if k in set(periods)]
        yield concept_page_name(c), _ENV.get_template("report/concept.html.j2").generate(
            **common,
            page_title=f"{c} · {data.title}",
            concept=c,
            grid=_heatmap(tl_rec, [(c, None, rows)], periods, label_of="actor"),
            variants=_concept_variants(rows),
            kwic=_kwic_lines(data, c),
        )
    article_tpl = _ENV.get_template("report/article.html.j2")
    for an in data.first_of_each(articles):
        view = _article_view(data, an)
        yield article_page_name(an.article.id), article_tpl.generate(
            **common, page_title=f"{view['title']} · {data.title}", a=view
        )


def _concept_variants(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A concept's wordings across actors: who used each, how often, from when to when."""
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        for v in r["variants"]:
            m = merged.setdefault(v["normalized"], {"surface": v["surface"], "count": 0, "first": v["first"],
                                                    "last": v["last"], "actors": [], "polarities": set()})  # fmt: skip
            m["count"] += v["count"]
            m["first"] = min(m["first"], v["first"])
            m["last"] = max(m["last"], v["last"])
            m["actors"].append(r["actor"])
            m["polarities"].add(v["polarity"])
    out = []
    for form, m in merged.items():
        pols = m.pop("polarities")
        m["polarity"] = next(iter(pols)) if len(pols) == 1 else "mixed"
        m["actors"] = sorted(set(m["actors"]))
        out.append(m)
    out.sort(key=lambda m: (m["first"], m["surface"].casefold(), m["surface"]))
    return out


AnalysisSource = Union[Iterable[Analysis], Callable[[], Iterable[Analysis]]]
"""What a report is made from: analyses, or a function that gives them afresh each time it
is called (``Store.analyses``: one pass per call, one article in memory at a time)."""


def report_pages(
    analyses: AnalysisSource,
    *,
    fmt: str = "html",
    by: str = "year",
    role: str = "holder",
    title: str = "Positions report",
    engine: Optional[str] = None,
    roots: Sequence[str] = (),
) -> Iterator[tuple[str, str]]:
    """The pages of the report one at a time, as ``(file name, text)``; no two at once.

    The analyses are read twice: once for :class:`ReportData` (the index, actor and concept
    pages, which need no article text), then, for HTML, once more for the article pages,
    one article at a time. Give a function (``store.analyses``) or a list for that; any
    other iterable is read into a list first (and so held).

    Article paths are shown as in :class:`ReportData` (``roots``: corpus directories whose
    files are shown as ``<root name>/<rest>``, as for the bundled corpus).
    """
    pages = _page_pieces(analyses, fmt, by=by, role=role, title=title, engine=engine, roots=roots)
    return ((name, "".join(pieces)) for name, pieces in pages)


def _page_pieces(analyses: AnalysisSource, fmt: str = "html", **options: Any) -> Iterator[tuple[str, Iterable[str]]]:
    """:func:`report_pages` with each page as pieces of text, so that a page can be written
    as it is rendered (a big actor page is then never one string)."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(REPORT_FORMATS)})")
    return _pages(_passes(analyses), fmt, options)


def _passes(analyses: AnalysisSource) -> Callable[[], Iterable[Analysis]]:
    if callable(analyses):
        return analyses
    held = analyses if isinstance(analyses, _Sequence) else list(analyses)
    return lambda: held


def _pages(again: Callable[[], Iterable[Analysis]], fmt: str, options: dict[str, Any]) -> Iterator[tuple[str, Iterable[str]]]:
    data = ReportData(again(), **options)
    if fmt == "markdown":
        from .report_markdown import iter_markdown_pages

        yield from ((name, (text,)) for name, text in iter_markdown_pages(data))
    else:
        from .report_novelty import with_novelty  # firsts, convergence, novelty flags (issue 18)

        yield from with_novelty(data, _html_pages(data, again()))


def build_report(analyses: AnalysisSource, **options: Any) -> dict[str, str]:
    """Every page of the report, as ``{file name: text}``, sorted by file name (options as
    for :func:`report_pages`): all pages at once, for tests and small corpora."""
    return dict(sorted(report_pages(analyses, **options)))


def write_report(
    analyses: AnalysisSource,
    out: "os.PathLike[str] | str",
    *,
    force: bool = False,
    **options: Any,
) -> list[Path]:
    """Write the pages of :func:`report_pages` into the directory ``out`` (made if needed)
    as they are made; return the paths written, sorted. Files of an earlier report that are
    not rewritten stay.

    A directory that is not empty and was not written by a report (it has no
    :data:`positions.render.output.MARKER`) is refused with :class:`OutputError` unless
    ``force``; pages are renamed into place, so a symlink in ``out`` is never written through
    (see :mod:`positions.render.output`)."""
    from .output import prepare_directory, write_file

    pages = _page_pieces(analyses, **options)
    root = Path(out)
    prepare_directory(root, force=force)
    return sorted(write_file(root, name, pieces) for name, pieces in pages)


# --------------------------------------------------------------------------------------
# Stand-alone pages for `positions timeline/compare --format html`


def timeline_page(tl: Timeline, *, title: str = "Timeline") -> str:
    """One self-contained HTML page: a heatmap per actor, then each concept's wordings."""
    rec = timeline_record(tl)
    by_actor = _rows_by_actor(rec)
    sections = []
    for a, rows in by_actor.items():
        periods = list(rec["active"].get(a, []))
        sections.append({
            "actor": a,
            "grid": _heatmap(rec, [(a, None, rows)], periods, label_of="concept", link_rows=False),
            "rows": rows,
        })  # fmt: skip
    return _ENV.get_template("report/timeline.html.j2").render(
        page_title=title, report_title=title, nav=None, by=tl.by, role=tl.role, sections=sections
    )


def comparison_page(cmp: Comparison, *, title: str = "Comparison") -> str:
    """One self-contained HTML page: concepts x actors, with the words each actor used."""
    rec = comparison_record(cmp)
    present = [a for a in rec["actors"] if a not in rec["absent"]]
    cells = {(c["actor"], c["concept"]): c for c in rec["cells"]}
    rows = []
    for concept in rec["concepts"]:
        row = []
        for a in present:
            c = cells.get((a, concept))
            row.append(None if c is None else {**c, "cls": f"h{heat_level(c['count'])}"})
        rows.append({"concept": concept, "cells": row})
    return _ENV.get_template("report/compare.html.j2").render(
        page_title=title, report_title=title, nav=None, by=cmp.by, role=cmp.role, rec=rec, present=present, rows=rows
    )
