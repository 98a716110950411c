"""The report's novelty and diffusion pages (issue 18), added to the HTML report's pages.

:func:`with_novelty` passes the report's pages through and

- adds to ``index.html`` a "Firsts and adoptions" section linking the pages below;
- adds to each ``article-<id>.html`` the novelty flags of each actor in it (new wordings and
  concepts, missing formulas, polarity flips against its standing position, with links to
  the earlier uses), before its statements;
- adds a ``firsts-<concept>.html`` page per concept: a timeline chart of first uses by
  actor, the concept's and each wording's adoption order and lags;
- adds ``convergence.html``: a chart of the Jaccard index of every pair of actors' concept
  sets per period.

Nothing is computed here: the novelty flags and the diffusion come with the report's data
(:class:`ReportData` made with ``firsts=True``: :func:`positions.track.track` finds them in the
report's own analyses, with the library defaults, window 2y and missing formula 3 of 5).
Charts are inline SVG with a title, a description and the same figures as a table.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Iterable, Iterator

from ..model.novelty import ArticleNovelty
from ..track import NOVELTY_SETTINGS
from .novelty import article_novelty_record, convergence_view, diffusion_record, show_paths, spread_view
from .report_views import article_page_name, nav_view, slug
from .templating import ENV

__all__ = ["with_novelty", "firsts_page_name", "CONVERGENCE_PAGE"]

CONVERGENCE_PAGE = "convergence.html"


def firsts_page_name(concept: str) -> str:
    return f"firsts-{slug(concept)}.html"


def with_novelty(data: Any, pages: Iterable[tuple[str, Iterable[str]]]) -> Iterator[tuple[str, Iterable[str]]]:
    """The report's HTML ``pages`` with the novelty flags and the firsts and convergence
    pages added (``data``: the report's :class:`~positions.render.report.ReportData`, made
    with ``firsts=True``)."""
    if data.novelty is None or data.diffusion is None:
        raise ValueError("the report's data has no firsts: make it with ReportData(..., firsts=True)")

    def show(path: Any) -> Any:
        return data.shown.get(path, path) if isinstance(path, str) else path

    def href(aid: str) -> str:
        return article_page_name(aid) if aid in data.articles else ""

    by = data.by if data.by in ("year", "month") else "year"
    flags: dict[str, list[int]] = {}  # article id -> its records' places in data.novelty
    for i, article in enumerate(data.novelty.labels):  # in date, path and actor order
        flags.setdefault(str(article), []).append(i)
    window, k, n = NOVELTY_SETTINGS
    settings = {"window": window, "k": k, "n": n}
    pairs = list(itertools.combinations(data.actors, 2))
    diff = show_paths(diffusion_record(data.diffusion), show)
    concepts = [c for c in data.concepts if any(s["kind"] == "concept" and s["key"] == c for s in diff["spreads"])]
    common = {"report_title": data.title, "by": by, "role": data.role}
    nav = nav_view(data)
    by_page = {article_page_name(aid): aid for aid in data.articles}
    fragment = ENV.get_template("report/novelty_flags.html.j2")
    for name, pieces in pages:
        if name == "index.html" and (concepts or pairs):
            text = "".join(pieces)
            links = fragment.module.index_links(concepts, [firsts_page_name(c) for c in concepts],  # type: ignore[attr-defined]
                                                CONVERGENCE_PAGE if pairs else None)  # fmt: skip
            yield name, (_insert(text, "</main>", str(links)),)
        elif name in by_page and flags.get(by_page[name]):
            text = "".join(pieces)
            items = [_flags_record(r, count, show) for r, count in (data.novelty[i] for i in flags.pop(by_page[name]))]
            section = fragment.module.article_flags(items, settings, href)  # type: ignore[attr-defined]
            yield name, (_insert(text, '<h2 id="statements">', str(section)),)
        else:
            yield name, pieces
    tpl = ENV.get_template("report/diffusion.html.j2")
    for c in concepts:
        spreads = [spread_view(s, f"f{i}", href) for i, s in enumerate(s for s in diff["spreads"] if s["concept"] == c)]
        yield firsts_page_name(c), (tpl.render(**common, nav=nav, page_title=f"Firsts and adoptions: {c} · {data.title}",
                                               heading=f"Firsts and adoptions: {c}",
                                               spreads=spreads, convergence=[], undated=[], href=href),)  # fmt: skip
    if not pairs:
        return
    conv = [convergence_view(x, f"c{i}") for i, x in enumerate(diff["convergence"])]
    yield CONVERGENCE_PAGE, (tpl.render(**common, nav=nav, page_title=f"Convergence · {data.title}", spreads=[],
                                        heading="Convergence",
                                        convergence=conv, undated=diff["undated"], href=href),)  # fmt: skip


def _flags_record(r: ArticleNovelty, appearances: int, show: Callable[[Any], Any]) -> dict[str, Any]:
    """An article's novelty for one actor as the JSON record, with the number of earlier
    articles it was set against (all the page shows of its standing position)."""
    rec = article_novelty_record(r)
    rec["standing"]["appearances"] = appearances
    shown: dict[str, Any] = show_paths(rec, show)
    return shown


def _insert(text: str, before: str, piece: str) -> str:
    i = text.find(before)
    if i < 0:
        i = text.rfind("</main>")
    return text if i < 0 else text[:i] + piece + text[i:]
