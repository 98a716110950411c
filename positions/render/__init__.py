"""Renderers: position diffs (and later reports) as text, Markdown, HTML and JSON.

>>> from positions.diff import diff_snapshots
>>> from positions.model import Period, Snapshot
>>> empty = diff_snapshots(Snapshot("RUS", Period("year", "2018")), Snapshot("RUS", Period("year", "2019")))
>>> print(render_diffs([empty], "text"), end="")
RUS  2018 -> 2019
  old: (none)
  new: (none)
  (no concepts in scope)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

from ..model import PositionDiff

if TYPE_CHECKING:  # rendering needs no analysis code loaded
    from ..track.overview import DiffOverview

__all__ = ["FORMATS", "render_diffs", "iter_render_diffs", "render_overview"]

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json", "jsonl", "csv")


def render_diffs(diffs: Sequence[PositionDiff], fmt: str = "text", *, color: bool = False,
                 all_passages: bool = True, roots: Sequence[str] = (),
                 overview: Optional[DiffOverview] = None) -> str:  # fmt: skip
    """Render position diffs in one of :data:`FORMATS`.

    ``color`` is for ``text`` only. ``all_passages=False`` leaves new and gone passages
    without an in-scope concept out of the text, Markdown and HTML (JSON keeps every passage).
    ``roots`` are corpus directories: a path under one of them that is not under the current
    directory is shown as ``<root name>/<rest>`` (in JSON, always: no machine-specific path).
    ``overview`` (:func:`positions.track.diff_overview`) opens the text, Markdown and HTML with
    a header and a summary table. ``json``, ``jsonl`` and ``csv`` write the flat records of
    :func:`positions.render.change_tables.diff_rows` (the table ``positions.diff/1``); the
    summary is a table of its own, :func:`render_overview`.
    """
    return "".join(iter_render_diffs(diffs, fmt, color=color, all_passages=all_passages, roots=roots, overview=overview))


def iter_render_diffs(diffs: Iterable[PositionDiff], fmt: str = "text", *, color: bool = False,
                      all_passages: bool = True, roots: Sequence[str] = (),
                      overview: Optional[DiffOverview] = None) -> Iterator[str]:  # fmt: skip
    """:func:`render_diffs` as pieces of text, each made as it is written (a corpus diff's
    output is never held whole): ``json``, ``jsonl`` and ``csv`` a record at a time, text
    and Markdown a diff at a time, HTML as its template writes it. Joined, the pieces are
    :func:`render_diffs`' text."""
    if fmt in ("json", "jsonl", "csv"):
        from .json import iter_render_diffs as data_pieces

        return data_pieces(diffs, roots=roots, fmt=fmt)
    if fmt == "text":
        from .text import iter_render_diffs as text_pieces

        return text_pieces(diffs, color=color, all_passages=all_passages, roots=roots, overview=overview)
    if fmt == "markdown":
        from .markdown import iter_render_diffs as markdown_pieces

        return markdown_pieces(diffs, all_passages=all_passages, roots=roots, overview=overview)
    if fmt == "html":
        from .html import iter_render_diffs as html_pieces

        return html_pieces(diffs, all_passages=all_passages, roots=roots, overview=overview)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")


def render_overview(overview: "DiffOverview", fmt: str = "text") -> str:
    """The header and summary table alone (``positions diff --summary``) in one of
    :data:`FORMATS`; ``json``, ``jsonl`` and ``csv`` write one flat record per actor (the
    table ``positions.diff-summary/1``, :func:`positions.render.change_tables.summary_rows`)."""
    from .overview import overview_text

    if fmt in ("json", "jsonl", "csv"):
        from .change_tables import SUMMARY_COLUMNS, summary_rows
        from .writers import write_records

        return write_records(summary_rows(overview), fmt, columns=SUMMARY_COLUMNS)
    if fmt == "text":
        from .terminal import printable

        return "\n".join(printable(line) for line in overview_text(overview)) + "\n"
    if fmt == "markdown":
        from .markdown import overview_markdown

        return "\n".join(["# Position diff: summary", "", *overview_markdown(overview)]).rstrip("\n") + "\n"
    if fmt == "html":
        from .html import render_diffs as render_html

        return render_html([], title="Position diff: summary", overview=overview)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
