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


def render_diffs(diffs: Sequence[PositionDiff], fmt: str = "text", *, color: bool = False,
                 all_passages: bool = True, roots: Sequence[str] = ()) -> str:  # fmt: skip
    """Render position diffs in one of :data:`FORMATS`.

    ``color`` is for ``text`` only. ``all_passages=False`` leaves new and gone passages
    without an in-scope concept out of the text, Markdown and HTML (JSON keeps every passage).
    ``roots`` are corpus directories: a path under one of them that is not under the current
    directory is shown as ``<root name>/<rest>`` (in JSON, always: no machine-specific path).
    """
    if fmt == "json":
        from .json import render_diffs as render_json

        return render_json(diffs, roots=roots)
    if fmt == "text":
        from .text import render_diffs as render

        return render(diffs, color=color, all_passages=all_passages, roots=roots)
    if fmt == "markdown":
        from .markdown import render_diffs as render
    elif fmt == "html":
        from .html import render_diffs as render
    else:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    return render(diffs, all_passages=all_passages, roots=roots)
