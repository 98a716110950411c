"""Position diffs as Markdown: deletions ``~~struck~~``, insertions ``**bold**``.

Everything that comes from data is escaped by construction, so that no article text, file name
or lexicon word becomes markup or raw HTML in a CommonMark renderer: text goes through
:func:`escape` (every Markdown punctuation character backslash-escaped, line breaks as spaces,
so data never starts a line of its own), file names and identifiers through :func:`code` (a
code span whose fence is longer than any backtick run inside it, CommonMark's rule, with control
characters shown as escapes) and names through :func:`name` (plain identifiers as they are,
anything else escaped).
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Sequence

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
    pair_head,
    path_shower,
    period_label,
    select_pairs,
    split_space,
    squeeze,
    with_blocks,
)
from .json import diff_record
from .overview import COLUMNS, LEGEND, header_lines, summary_row
from .terminal import printable
from .writers import ending_in_one_newline

__all__ = ["render_diffs", "iter_render_diffs", "overview_markdown", "escape", "code", "name"]

# Every character that can start or end markup: emphasis, code, links and images, raw HTML,
# tables, strikethrough, headings ("!" opens an image only before "["), and an "&" that could
# begin a character reference ("&lt;", "&#60;").
_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>|~#]|&(?=[#A-Za-z0-9]))")
_BREAK_RE = re.compile(r"\r\n?|\n")
# What makes a line a list item, a setext heading underline or a thematic break when it stands
# at the start ("#", ">", "*", "_" and "<" are escaped everywhere): escaped in lines that begin
# with data.
_LINE_START_RE = re.compile(r"^(?:([-+]|\d+[.)])(?=\s|$)|([-=])(?=[-=\s]*$))")
_BACKTICKS_RE = re.compile(r"`+")
_NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_]*")


def escape(text: str) -> str:
    r"""Backslash-escape Markdown punctuation, and write line breaks as spaces (a line break
    in data would let it start a block: a list, a heading, an HTML block).

    >>> escape("a *b* [c]")
    'a \\*b\\* \\[c\\]'
    >>> escape("x\n<img src=x onerror=alert(1)>")
    'x \\<img src=x onerror=alert(1)\\>'
    """
    return _SPECIAL_RE.sub(r"\\\1", _BREAK_RE.sub(" ", text))


def code(text: str, *, table: bool = False) -> str:
    r"""``text`` as a CommonMark code span: the fence is one backtick longer than the longest
    run of backticks inside, and a space pads the content where it begins or ends with a
    backtick (or with a space at both ends, which the renderer strips); control characters and
    line breaks are shown as escapes (:func:`positions.render.terminal.printable`). With
    ``table``, pipes are escaped as a GFM table cell needs.

    >>> code("a.txt"), code("x``<img>``.txt"), code("`")
    ('`a.txt`', '```x``<img>``.txt```', '`` ` ``')
    """
    text = printable(text)
    if table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS_RE.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " " and text.strip(" ") != "")
    space = " " if pad else ""
    return f"{fence}{space}{text}{space}{fence}"


def name(text: str) -> str:
    r"""A name from data (an actor code, a concept id) in running text or a link's text: plain
    identifiers as they are (an underscore inside a word is never emphasis), anything else
    escaped with :func:`escape`.

    >>> name("diplomatic_means"), name("<b>")
    ('diplomatic_means', '\\<b\\>')
    """
    return text if _NAME_RE.fullmatch(text) else escape(text)


def _line(text: str) -> str:
    """Escaped data that begins a line: its first character cannot open a block."""
    return _LINE_START_RE.sub(lambda m: "\\" + m.group(), text)


_code = code


def _mark(op: str, text: str) -> str:
    lead, core, trail = split_space(text)
    if not core or op == "=":
        return escape(text)
    wrap = "~~" if op == "-" else "**"
    return f"{lead}{wrap}{escape(core)}{wrap}{trail}"


def _render_one(diff: PositionDiff, all_passages: bool = True, show: Optional[PathShow] = None) -> list[str]:
    rec = diff_record(diff, show) if show else diff_record(diff)
    old, new = rec["old"], rec["new"]
    lines = [f"## {escape(rec['actor'])}: {escape(period_label(old))} → {escape(period_label(new))}", ""]
    for side, snap in (("Old", old), ("New", new)):
        paths = ", ".join(_code(a["path"] or a["id"]) for a in snap["articles"])
        lines.append(f"- {side}: {paths}")
    lines.append("")
    rows = []
    for change in ("gained", "dropped", "kept"):
        if rec[change]:
            side = "old" if change == "dropped" else "new"
            labels = (code(concept_label(diff, c, side, wording=change != "kept"), table=True) for c in rec[change])
            rows.append(f"| {change} | {'; '.join(labels)} |")
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
            lines.append(f"- polarity {_code(f['concept'])}: {escape(f['old'])} → {escape(f['new'])}")
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
            lines.append(_line(body) + "  ")
        lines[-1] = lines[-1].rstrip()
        lines.append("")
        for mv in p["moves"]:
            body = "".join(_mark(op, text) for op, text in display_ops(mv["ops"])).strip()
            old_loc = _code(location(p["old_article"], mv["old_span"]))
            new_loc = _code(location(p["new_article"], mv["new_span"]))
            lines.append(f"_Moved_ (similarity {mv['similarity']:.2f}): {old_loc} → {new_loc}  ")
            lines.append(_line(body))
            lines.append("")
    note = hidden_note(hidden)
    if note:
        lines += [f"_{escape(note)}._", ""]
    return lines


def overview_markdown(o: DiffOverview) -> list[str]:
    """Header and summary table as Markdown lines (a GFM table)."""
    lines = [escape(line) + "  " for line in header_lines(o)]
    lines[-1] = lines[-1].rstrip()
    lines += ["", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * 2 + "--:|" * 5 + "---|"]
    for a in o.actors:
        lines.append("| " + " | ".join(escape(c) for c in summary_row(a)) + " |")
    if o.single:
        lines += ["", f"One period only, nothing to compare: {escape(', '.join(o.single))}."]
    if o.actors:
        lines += ["", escape(LEGEND)]
    return lines + [""]


def render_diffs(
    diffs: Sequence[PositionDiff],
    *,
    all_passages: bool = True,
    roots: Sequence[str] = (),
    show: Optional[Callable[[Optional[str]], Optional[str]]] = None,
    overview: Optional[DiffOverview] = None,
) -> str:
    """A Markdown document: one section per diff (options as for the text format; ``show``,
    when given, maps each article path to the one written, instead of ``roots``); with
    ``overview``, its header and summary table first."""
    return "".join(iter_render_diffs(diffs, all_passages=all_passages, roots=roots, show=show, overview=overview))


def iter_render_diffs(
    diffs: Iterable[PositionDiff],
    *,
    all_passages: bool = True,
    roots: Sequence[str] = (),
    show: Optional[Callable[[Optional[str]], Optional[str]]] = None,
    overview: Optional[DiffOverview] = None,
) -> Iterator[str]:
    """:func:`render_diffs` a section at a time, each made as it is written."""
    shown = show or path_shower(roots)
    head = ["# Position diff", ""]
    if overview is not None:
        head += ["## Summary", "", *overview_markdown(overview)]
    sections = itertools.chain(("\n".join(head),), ("\n" + "\n".join(_render_one(d, all_passages, shown)) for d in diffs))
    return ending_in_one_newline(sections)
