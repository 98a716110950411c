"""The report's HTML pages, from the page views of :mod:`positions.render.report_views`
through the Jinja2 templates, and the stand-alone timeline and comparison pages."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..model import Analysis, Comparison, Timeline
from .records import comparison_record, heat_level, timeline_record
from .report_heatmaps import index_heatmaps
from .report_views import (
    ReportData,
    actor_page_name,
    article_page_name,
    article_view,
    concept_page_name,
    diff_views,
    event_view,
    heatmap,
    kwic_lines,
    nav_view,
    rows_by_actor,
    statement_rows,
)
from .templating import ENV

__all__ = ["html_pages", "timeline_page", "comparison_page"]

def html_pages(data: ReportData, articles: Iterable[Analysis]) -> Iterator[tuple[str, Iterator[str]]]:
    """The HTML pages, one at a time, each as the pieces of its text (rendered as they are
    read): index, actors, concepts, then an article page for each of ``articles`` that is
    the first of its id in ``data``."""
    tl_rec = timeline_record(data.timeline)
    by_actor = rows_by_actor(tl_rec)
    nav = nav_view(data)
    common = {"report_title": data.title, "nav": nav, "by": data.by, "role": data.role}
    n_statements = sum(len(an.statements) for an in data.articles.values())
    yield "index.html", ENV.get_template("report/index.html.j2").generate(
        **common,
        page_title=data.title,
        grids=index_heatmaps(tl_rec, data.actors),
        span=data.span,
        events=[event_view(e) for e in data.events],
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
        yield actor_page_name(a), ENV.get_template("report/actor.html.j2").generate(
            **common,
            page_title=f"{a} · {data.title}",
            actor=a,
            grid=heatmap(tl_rec, [(a, None, rows)], periods, label_of="concept"),
            rows=rows,
            diffs=diff_views(data, a),
            statements=statement_rows(data, a),
        )
    for c in data.concepts:
        rows = [r for r in tl_rec["rows"] if r["concept"] == c]
        periods = sorted({cell["period"] for r in rows for cell in r["cells"]})
        periods = [k for k in tl_rec["periods"] if k in set(periods)]
        yield concept_page_name(c), ENV.get_template("report/concept.html.j2").generate(
            **common,
            page_title=f"{c} · {data.title}",
            concept=c,
            grid=heatmap(tl_rec, [(c, None, rows)], periods, label_of="actor"),
            variants=data.tracking.wordings.get(c, ()),
            kwic=kwic_lines(data, c),
        )
    article_tpl = ENV.get_template("report/article.html.j2")
    for an in data.first_of_each(articles):
        view = article_view(data, an)
        yield article_page_name(an.article.id), article_tpl.generate(
            **common, page_title=f"{view['title']} · {data.title}", a=view
        )


# --------------------------------------------------------------------------------------
# Stand-alone pages for `positions timeline/compare --format html`

def timeline_page(tl: Timeline, *, title: str = "Timeline") -> str:
    """One self-contained HTML page: a heatmap per actor, then each concept's wordings."""
    rec = timeline_record(tl)
    by_actor = rows_by_actor(rec)
    sections = []
    for a, rows in by_actor.items():
        periods = list(rec["active"].get(a, []))
        sections.append({
            "actor": a,
            "grid": heatmap(rec, [(a, None, rows)], periods, label_of="concept", link_rows=False),
            "rows": rows,
        })  # fmt: skip
    return ENV.get_template("report/timeline.html.j2").render(
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
    return ENV.get_template("report/compare.html.j2").render(
        page_title=title, report_title=title, nav=None, by=cmp.by, role=cmp.role, rec=rec, present=present, rows=rows
    )
