"""Position diffs as one self-contained HTML page: inline CSS, no script, no external asset,
every piece of article text escaped (Jinja2 with autoescaping), ``<del>``/``<ins>`` marks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence

import jinja2

from ..model import PositionDiff

if TYPE_CHECKING:  # rendering needs no analysis code loaded
    from ..track.overview import DiffOverview
from ._display import (
    PathShow,
    concept_label,
    display_lines,
    display_ops,
    hidden_note,
    location,
    move_head,
    pair_head,
    path_shower,
    period_label,
    select_pairs,
    with_blocks,
)
from .json import diff_record

__all__ = ["render_diffs", "iter_render_diffs"]

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("positions.render", "templates"),
    autoescape=True,
    trim_blocks=False,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def position_diff_view(diff: PositionDiff, all_passages: bool, show: PathShow) -> dict[str, Any]:
    rec = diff_record(diff, show)
    concepts = []
    for name in ("gained", "dropped", "kept"):
        if rec[name]:
            side = "old" if name == "dropped" else "new"
            concepts.append((name, [concept_label(diff, c, side, wording=name != 'kept') for c in rec[name]]))
    pairs = []
    shown, hidden = select_pairs(with_blocks(rec, diff), all_passages)
    for p in shown:
        head = pair_head(p)
        pairs.append({
            "head": head,
            "old_loc": location(p["old_article"], p["old_span"]),
            "new_loc": location(p["new_article"], p["new_span"]),
            "lines": display_lines(p["old_text"], p["new_text"], p["ops"], p["blocks"]),
            "moves": [{"head": move_head(p, m), "ops": display_ops(m["ops"])} for m in p["moves"]],
        })  # fmt: skip
    return {
        "rec": rec,
        "old_label": period_label(rec["old"]),
        "new_label": period_label(rec["new"]),
        "concepts": concepts,
        "pairs": pairs,
        "hidden": hidden_note(hidden),
    }


def render_diffs(diffs: Sequence[PositionDiff], *, title: str = "Position diff", all_passages: bool = True,
                 roots: Sequence[str] = (), overview: Optional[DiffOverview] = None) -> str:  # fmt: skip
    """The page, as a string (options as for the text format; with ``overview``, its header
    and summary table first)."""
    return "".join(iter_render_diffs(diffs, title=title, all_passages=all_passages, roots=roots, overview=overview))


def iter_render_diffs(diffs: Iterable[PositionDiff], *, title: str = "Position diff", all_passages: bool = True,
                      roots: Sequence[str] = (), overview: Optional[DiffOverview] = None) -> Iterator[str]:  # fmt: skip
    """:func:`render_diffs` in pieces as the template writes them, each diff's view made as
    it is reached (a corpus diff's page is never held whole)."""
    from .overview import overview_view

    show = path_shower(roots)
    views = (position_diff_view(d, all_passages, show) for d in diffs)
    summary = overview_view(overview) if overview is not None else None
    pieces: Iterator[str] = _ENV.get_template("diff.html.j2").generate(title=title, diffs=views, summary=summary)
    return pieces
