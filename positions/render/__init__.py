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

from typing import Sequence

from ..model import PositionDiff

__all__ = ["FORMATS", "render_diffs"]

FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json")


def render_diffs(diffs: Sequence[PositionDiff], fmt: str = "text", *, color: bool = False) -> str:
    """Render position diffs in one of :data:`FORMATS` (``color`` is for ``text`` only)."""
    if fmt == "text":
        from .text import render_diffs as render

        return render(diffs, color=color)
    if fmt == "markdown":
        from .markdown import render_diffs as render
    elif fmt == "html":
        from .html import render_diffs as render
    elif fmt == "json":
        from .json import render_diffs as render
    else:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return render(diffs)
