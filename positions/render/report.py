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
from collections.abc import Sequence as _Sequence
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

from ..model import Analysis, By, Role
from ..track import DateLike
from .output import prepare_directory, write_file
from .report_markdown import iter_markdown_pages
from .report_novelty import with_novelty
from .report_pages import comparison_page, html_pages, timeline_page
from .report_views import ReportData, actor_page_name, article_page_name, concept_page_name, report_data

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


AnalysisSource = Union[Iterable[Analysis], Callable[[], Iterable[Analysis]]]
"""What a report is made from: analyses, or a function that gives them afresh each time it
is called (``Store.analyses``: one pass per call, one article in memory at a time)."""


def report_pages(
    analyses: AnalysisSource,
    *,
    fmt: str = "html",
    by: By = "year",
    role: Role = "holder",
    title: str = "Positions report",
    engine: Optional[str] = None,
    roots: Sequence[str] = (),
    since: DateLike = None,
    until: DateLike = None,
) -> Iterator[tuple[str, str]]:
    """The pages of the report one at a time, as ``(file name, text)``; no two at once.

    The analyses are read twice: once for :class:`ReportData` (the index, actor and concept
    pages, which need no article text), then, for HTML, once more for the article pages,
    one article at a time. Give a function (``store.analyses``) or a list for that; any
    other iterable is read into a list first (and so held).

    Article paths are shown as in :class:`ReportData` (``roots``: corpus directories whose
    files are shown as ``<root name>/<rest>``, as for the bundled corpus). ``since`` and
    ``until`` (ISO dates or :class:`~positions.model.PartialDate`) keep the articles dated
    between them (undated ones are left out).
    """
    pages = _page_pieces(analyses, fmt, by=by, role=role, title=title, engine=engine, roots=roots,
                         since=since, until=until)  # fmt: skip
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
    data = ReportData(again(), firsts=fmt == "html", **options)  # only HTML has the firsts pages
    if fmt == "markdown":
        yield from ((name, (text,)) for name, text in iter_markdown_pages(data))
    else:
        yield from with_novelty(data, html_pages(data, again()))  # firsts, convergence, novelty flags


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
    pages = _page_pieces(analyses, **options)
    root = Path(out)
    prepare_directory(root, force=force)
    return sorted(write_file(root, name, pieces) for name, pieces in pages)
