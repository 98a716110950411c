"""Position diffs for the terminal.

Concept changes first, then the word-level diff of each aligned pair, each pair headed by
where its passages are (``path:start-end``, offsets into the article). With ``color``,
deletions are red and struck through and insertions green; without it, deletions read
``[-…-]`` and insertions ``{+…+}`` (the wdiff convention).
"""

from __future__ import annotations

from typing import Sequence

from ..model import PositionDiff
from ._display import concept_label, display_ops, location, period_label, split_space, squeeze
from .json import diff_record

__all__ = ["render_diffs", "DEL", "INS", "RESET"]

DEL = "\x1b[9;31m"
INS = "\x1b[32m"
RESET = "\x1b[0m"


def _mark(op: str, text: str, color: bool) -> str:
    if op == "=":
        return text
    lead, core, trail = split_space(text)
    if not core:
        return text
    if color:
        return f"{lead}{DEL if op == '-' else INS}{core}{RESET}{trail}"
    return f"{lead}[-{core}-]{trail}" if op == "-" else f"{lead}{{+{core}+}}{trail}"


def _render_one(diff: PositionDiff, color: bool) -> list[str]:
    rec = diff_record(diff)
    old, new = rec["old"], rec["new"]
    lines = [f"{rec['actor']}  {period_label(old)} -> {period_label(new)}"]
    for side, snap in (("old", old), ("new", new)):
        paths = ", ".join(a["path"] or a["id"] for a in snap["articles"])
        lines.append(f"  {side}: {paths or '(none)'}")
    for name in ("gained", "dropped", "kept"):
        if rec[name]:
            side = "old" if name == "dropped" else "new"
            lines.append(f"  {name + ':':9}{'; '.join(concept_label(diff, c, side, wording=name != 'kept') for c in rec[name])}")
    for s in rec["shifts"]:
        olds = ", ".join(f'"{squeeze(w)}"' for w in s["old"])
        news = ", ".join(f'"{squeeze(w)}"' for w in s["new"])
        lines.append(f"  shift:   {s['concept']}: {olds} -> {news}")
    for f in rec["polarity_flips"]:
        lines.append(f"  flip:    {f['concept']}: {f['old']} -> {f['new']}")
    if not any(rec[k] for k in ("gained", "dropped", "kept")):
        lines.append("  (no concepts in scope)")
    for n, p in enumerate(rec["pairs"], 1):
        lines.append("")
        if p["old_text"] is None:
            head = "new passage"
        elif p["new_text"] is None:
            head = "gone passage"
        else:
            head = f"similarity {p['similarity']:.2f}"
        lines.append(f"  [{n}] {head}")
        if p["old_article"] is not None:
            lines.append(f"      old {location(p['old_article'], p['old_span'])}")
        if p["new_article"] is not None:
            lines.append(f"      new {location(p['new_article'], p['new_span'])}")
        body = "".join(_mark(op, text, color) for op, text in display_ops(p["ops"]))
        lines.append("      " + body.strip())
    return lines


def render_diffs(diffs: Sequence[PositionDiff], *, color: bool = False) -> str:
    """Plain text (ANSI-coloured with ``color``), one block per diff, blank line between."""
    blocks = ["\n".join(_render_one(d, color)) for d in diffs]
    return "\n\n".join(blocks) + "\n" if blocks else ""
