"""Position diffs for the terminal.

Concept changes first (gained, dropped, kept, wording shifts, polarity flips), then the
aligned passages: each pair with its word-level diff, one line per sentence block (a sentence
pair, or sentences deleted or inserted whole), then the new and the gone passages. Each
passage is headed by where it is (``path:start-end``, offsets into the article; paths
relative to the current directory where they lie under it). With ``color``, deletions are red
and struck through and insertions green; without it, deletions read ``[-…-]`` and insertions
``{+…+}`` (the wdiff convention). Control characters of article text and file names (an
escape sequence, a carriage return, a bidirectional override) are shown as escapes
(:func:`positions.render.terminal.printable`): only the colours are ours.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Iterable, Iterator, Optional, Sequence

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
    split_space,
    squeeze,
    with_blocks,
)
from .json import diff_record
from .terminal import printable

__all__ = ["render_diffs", "iter_render_diffs", "DEL", "INS", "RESET"]

DEL = "\x1b[9;31m"
INS = "\x1b[32m"
RESET = "\x1b[0m"


def _mark(op: str, text: str, color: bool) -> str:
    text = printable(text)  # article text never sends a control sequence of its own
    if op == "=":
        return text
    lead, core, trail = split_space(text)
    if not core:
        return text
    if color:
        return f"{lead}{DEL if op == '-' else INS}{core}{RESET}{trail}"
    return f"{lead}[-{core}-]{trail}" if op == "-" else f"{lead}{{+{core}+}}{trail}"


def _render_one(diff: PositionDiff, color: bool, all_passages: bool, show: PathShow) -> list[str]:
    rec = diff_record(diff, show)
    old, new = rec["old"], rec["new"]
    lines: list[str] = []

    def say(line: str) -> None:  # a line of data without colours: control characters escaped
        lines.append(printable(line))

    say(f"{rec['actor']}  {period_label(old)} -> {period_label(new)}")
    for side, snap in (("old", old), ("new", new)):
        paths = ", ".join(a["path"] or a["id"] for a in snap["articles"])
        say(f"  {side}: {paths or '(none)'}")
    for name in ("gained", "dropped", "kept"):
        if rec[name]:
            side = "old" if name == "dropped" else "new"
            say(f"  {name + ':':9}{'; '.join(concept_label(diff, c, side, wording=name != 'kept') for c in rec[name])}")
    for s in rec["shifts"]:
        olds = ", ".join(f'"{squeeze(w)}"' for w in s["old"])
        news = ", ".join(f'"{squeeze(w)}"' for w in s["new"])
        say(f"  shift:   {s['concept']}: {olds} -> {news}")
    for f in rec["polarity_flips"]:
        say(f"  flip:    {f['concept']}: {f['old']} -> {f['new']}")
    if not any(rec[k] for k in ("gained", "dropped", "kept")):
        lines.append("  (no concepts in scope)")
    shown, hidden = select_pairs(with_blocks(rec, diff), all_passages)
    for n, p in enumerate(shown, 1):
        lines.append("")
        say(f"  [{n}] {pair_head(p)}")
        if p["old_article"] is not None:
            say(f"      old {location(p['old_article'], p['old_span'])}")
        if p["new_article"] is not None:
            say(f"      new {location(p['new_article'], p['new_span'])}")
        for line in display_lines(p["old_text"], p["new_text"], p["ops"], p["blocks"]):
            lines.append("      " + "".join(_mark(op, text, color) for op, text in line).strip())
        for m in p["moves"]:
            say(f"      {move_head(p, m)}:")
            lines.append("      " + "".join(_mark(op, text, color) for op, text in display_ops(m["ops"])).strip())
    note = hidden_note(hidden)
    if note:
        lines += ["", printable(f"  ({note})")]
    return lines


def render_diffs(diffs: Sequence[PositionDiff], *, color: bool = False, all_passages: bool = True,
                 roots: Sequence[str] = (), overview: Optional[DiffOverview] = None) -> str:  # fmt: skip
    """Plain text (ANSI-coloured with ``color``), one block per diff, blank line between;
    with ``overview``, its header and summary table first
    (:func:`positions.render.overview.overview_text`).

    ``all_passages=False`` leaves out new and gone passages that carry no in-scope concept
    (a line says how many); ``roots`` are corpus directories for showing paths (see
    :func:`positions.render._display.path_shower`).
    """
    return "".join(iter_render_diffs(diffs, color=color, all_passages=all_passages, roots=roots, overview=overview))


def iter_render_diffs(diffs: Iterable[PositionDiff], *, color: bool = False, all_passages: bool = True,
                      roots: Sequence[str] = (), overview: Optional[DiffOverview] = None) -> Iterator[str]:  # fmt: skip
    """:func:`render_diffs` a block at a time, each made as it is written (a corpus diff's
    text is never held whole)."""
    show = path_shower(roots)
    blocks: Iterable[str] = ("\n".join(_render_one(d, color, all_passages, show)) for d in diffs)
    if overview is not None:
        from .overview import overview_text

        blocks = itertools.chain(("\n".join(printable(line) for line in overview_text(overview)),), blocks)
    first = True
    for block in blocks:
        yield block if first else "\n\n" + block
        first = False
    if not first:
        yield "\n"


__all__ += ["display_ops"]  # re-exported for callers that format operations themselves
