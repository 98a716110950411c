"""Position diffs as Markdown: deletions ``~~struck~~``, insertions ``**bold**``.

Article text is escaped so that its asterisks, brackets or tildes never become markup.
"""

from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

from ..model import PositionDiff
from ._display import (
    concept_label,
    display_lines,
    display_ops,
    hidden_note,
    location,
    pair_head,
    path_shower,
    period_label,
    select_pairs,
    with_blocks,
    split_space,
    squeeze,
)
from .json import diff_record

__all__ = ["render_diffs", "escape"]

_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|~#])")
_LINE_START_RE = re.compile(r"^([-+]|\d+[.)])(?=\s)")


def escape(text: str) -> str:
    r"""Backslash-escape Markdown punctuation.

    >>> escape("a *b* [c]")
    'a \\*b\\* \\[c\\]'
    """
    return _SPECIAL_RE.sub(r"\\\1", text)


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _mark(op: str, text: str) -> str:
    lead, core, trail = split_space(text)
    if not core or op == "=":
        return escape(text)
    wrap = "~~" if op == "-" else "**"
    return f"{lead}{wrap}{escape(core)}{wrap}{trail}"


def _render_one(diff: PositionDiff, all_passages: bool = True, show=None) -> list[str]:
    rec = diff_record(diff, show) if show else diff_record(diff)
    old, new = rec["old"], rec["new"]
    lines = [f"## {escape(rec['actor'])}: {escape(period_label(old))} → {escape(period_label(new))}", ""]
    for side, snap in (("Old", old), ("New", new)):
        paths = ", ".join(_code(a["path"] or a["id"]) for a in snap["articles"])
        lines.append(f"- {side}: {paths}")
    lines.append("")
    rows = []
    for name in ("gained", "dropped", "kept"):
        if rec[name]:
            side = "old" if name == "dropped" else "new"
            rows.append(f"| {name} | {'; '.join(_code(concept_label(diff, c, side, wording=name != 'kept')) for c in rec[name])} |")
    if rows:
        lines += ["| change | concepts |", "|---|---|", *rows, ""]
    else:
        lines += ["No concepts in scope.", ""]
    if rec["shifts"] or rec["polarity_flips"]:
        for s in rec["shifts"]:
            olds = ", ".join(f"“{escape(squeeze(w))}”" for w in s["old"])
            news = ", ".join(f"“{escape(squeeze(w))}”" for w in s["new"])
            lines.append(f"- shift {_code(s['concept'])}: {olds} → {news}")
        for f in rec["polarity_flips"]:
            lines.append(f"- polarity {_code(f['concept'])}: {f['old']} → {f['new']}")
        lines.append("")
    shown, hidden = select_pairs(with_blocks(rec, diff), all_passages)
    for n, p in enumerate(shown, 1):
        head = pair_head(p)
        where = " → ".join(
            _code(loc) for loc in (location(p["old_article"], p["old_span"]), location(p["new_article"], p["new_span"])) if loc
        )  # fmt: skip
        lines.append(f"### {n}. {head}: {where}")
        lines.append("")
        for line in display_lines(p["old_text"], p["new_text"], p["ops"], p["blocks"]):  # one sentence block a line
            body = "".join(_mark(op, text) for op, text in line).strip()
            lines.append(_LINE_START_RE.sub(lambda m: "\\" + m.group(1), body) + "  ")
        lines[-1] = lines[-1].rstrip()
        lines.append("")
        for mv in p["moves"]:
            body = "".join(_mark(op, text) for op, text in display_ops(mv["ops"])).strip()
            old_loc = _code(location(p["old_article"], mv["old_span"]))
            new_loc = _code(location(p["new_article"], mv["new_span"]))
            lines.append(f"_Moved_ (similarity {mv['similarity']:.2f}): {old_loc} → {new_loc}  ")
            lines.append(_LINE_START_RE.sub(lambda m: "\\" + m.group(1), body))
            lines.append("")
    note = hidden_note(hidden)
    if note:
        lines += [f"_{escape(note)}._", ""]
    return lines


def render_diffs(
    diffs: Sequence[PositionDiff],
    *,
    all_passages: bool = True,
    roots: Sequence[str] = (),
    show: Optional[Callable[[Optional[str]], Optional[str]]] = None,
) -> str:
    """A Markdown document: one section per diff (options as for the text format; ``show``,
    when given, maps each article path to the one written, instead of ``roots``)."""
    show = show or path_shower(roots)
    lines = ["# Position diff", ""]
    for d in diffs:
        lines += _render_one(d, all_passages, show)
    return "\n".join(lines).rstrip("\n") + "\n"
