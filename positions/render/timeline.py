"""Timelines and comparisons as text, Markdown, HTML, JSON, JSON Lines and CSV.

Text, Markdown and HTML render from the plain records of :func:`timeline_record` and
:func:`comparison_record`; the data formats write the flat tables of
:mod:`positions.render.change_tables` (docs/formats.md).

>>> from positions.model import Timeline
>>> print(render_timeline(Timeline("year", "holder"), "text"), end="")
(no concept of the lexicon in any statement)
"""

from __future__ import annotations

from typing import Any, Sequence

from ..model import Comparison, Timeline
from .formats import in_format
from .markdown import code, escape
from .change_tables import COMPARE_COLUMNS, TIMELINE_COLUMNS, comparison_rows, timeline_rows
from .records import comparison_record, heat_level, timeline_record
from .report_pages import comparison_page, timeline_page
from .writers import DATA_FORMATS, write_records

__all__ = [
    "TIMELINE_FORMATS",
    "timeline_record",
    "comparison_record",
    "render_timeline",
    "render_comparison",
    "heat_level",
]

TIMELINE_FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json", "jsonl", "csv")


# --------------------------------------------------------------------------------------
# Timeline


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f'"{w}"' for w in words)


def _pol(polarity: str) -> str:
    return "" if polarity == "affirmed" else f" ({polarity})"


def _span_label(first: str, last: str) -> str:
    return first if first == last else f"{first}-{last}"


def _timeline_text(rec: dict[str, Any]) -> str:
    if not rec["rows"]:
        return "(no concept of the lexicon in any statement)\n"
    lines: list[str] = []
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for r in rec["rows"]:
        by_actor.setdefault(r["actor"], []).append(r)
    for actor, rows in by_actor.items():
        keys = rec["active"].get(actor, [])
        cols = [k for k in rec["periods"] if k in set(keys)]
        name_w = max(len(r["concept"]) for r in rows)
        width = max([2] + [len(str(c["count"])) for r in rows for c in r["cells"]])
        lines.append(f"{actor}  ({rec['role']}, by {rec['by']}; '.' = statements without the concept)")
        if len(cols) * (max(len(k) for k in cols) + 1) <= 100:  # keys side by side
            width = max(width, *(len(k) for k in cols))
            lines.append(f"  {'':<{name_w}}  " + " ".join(k.rjust(width) for k in cols))
        else:  # many periods: keys written downwards, one narrow column each
            for i in range(max(len(k) for k in cols)):
                head = " ".join(k[i].rjust(width) if i < len(k) else " " * width for k in cols)
                lines.append(f"  {'':<{name_w}}  {head}".rstrip())
        for r in rows:
            counts = {c["period"]: c["count"] for c in r["cells"]}
            cells = " ".join(str(counts[k]).rjust(width) if k in counts else ".".rjust(width) for k in cols)
            lines.append(f"  {r['concept']:<{name_w}}  {cells}")
        lines.append("")
        for r in rows:
            lines.append(f"  {r['concept']}: {r['count']} in {len(r['cells'])} period(s), first {r['first']}, last {r['last']}")
            for v in r["variants"]:
                lines.append(f"    \"{v['surface']}\" x{v['count']}  {_span_label(v['first'], v['last'])}{_pol(v['polarity'])}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _timeline_markdown(rec: dict[str, Any]) -> str:
    lines = [f"# Timeline ({rec['role']}s, by {rec['by']})", ""]
    if not rec["rows"]:
        return "\n".join(lines + ["No concept of the lexicon in any statement.", ""])
    by_actor: dict[str, list[dict[str, Any]]] = {}
    for r in rec["rows"]:
        by_actor.setdefault(r["actor"], []).append(r)
    for actor, rows in by_actor.items():
        keys = set(rec["active"].get(actor, []))
        cols = [k for k in rec["periods"] if k in keys]
        lines += [f"## {escape(actor)}", ""]
        lines.append("| concept | " + " | ".join(escape(k) for k in cols) + " |")
        lines.append("|---|" + "---:|" * len(cols))
        for r in rows:
            counts = {c["period"]: c["count"] for c in r["cells"]}
            lines.append(f"| {code(r['concept'], table=True)} | " + " | ".join(str(counts.get(k, "·")) for k in cols) + " |")
        lines.append("")
        for r in rows:
            variants = "; ".join(
                f"“{escape(v['surface'])}” ×{v['count']} {escape(_span_label(v['first'], v['last']) + _pol(v['polarity']))}"
                for v in r["variants"]
            )
            lines.append(f"- {code(r['concept'])}: first {escape(r['first'])}, last {escape(r['last'])}, {r['count']} in all — {variants}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def render_timeline(tl: Timeline, fmt: str = "text") -> str:
    """Render a timeline in one of :data:`TIMELINE_FORMATS`."""
    rec = timeline_record(tl)
    if fmt in DATA_FORMATS:  # the flat table positions.timeline/1
        return write_records(timeline_rows(tl), fmt, columns=TIMELINE_COLUMNS)
    writers = {"text": _timeline_text, "markdown": _timeline_markdown, "html": lambda _: timeline_page(tl)}
    return in_format(rec, fmt, writers, TIMELINE_FORMATS)


# --------------------------------------------------------------------------------------
# Comparison


def _comparison_text(rec: dict[str, Any]) -> str:
    if rec["period"] is None:
        return f"no statement of {', '.join(rec['actors'])} in any period\n"
    present = [a for a in rec["actors"] if a not in rec["absent"]]
    lines = [f"{rec['period']}  ({rec['role']}s, by {rec['by']})"]
    if rec["absent"]:
        lines.append(f"no statement in {rec['period']}: {', '.join(rec['absent'])}")
    if not rec["concepts"]:
        lines.append("(no concept of the lexicon in their statements)")
        return "\n".join(lines) + "\n"
    cells = {(c["actor"], c["concept"]): c for c in rec["cells"]}
    name_w = max(len(c) for c in rec["concepts"])
    col_w = max(4, *(len(a) for a in present))
    lines.append("")
    lines.append(f"  {'':<{name_w}}  " + " ".join(a.rjust(col_w) for a in present))
    for concept in rec["concepts"]:
        row = []
        for a in present:
            c = cells.get((a, concept))
            row.append((str(c["count"]) + ("-" if c["polarity"] == "negated" else "~" if c["polarity"] == "mixed" else "") if c else ".").rjust(col_w))
        lines.append(f"  {concept:<{name_w}}  " + " ".join(row))
    lines.append("  (count of markers; '-' negated, '~' mixed, '.' not said)")
    lines.append("")
    for concept in rec["concepts"]:
        lines.append(concept)
        for a in present:
            c = cells.get((a, concept))
            if c is not None:
                lines.append(f"  {a}  {_quoted(c['surfaces'])}{_pol(c['polarity'])}")
    return "\n".join(lines) + "\n"


def _comparison_markdown(rec: dict[str, Any]) -> str:
    if rec["period"] is None:
        return f"# Comparison\n\nNo statement of {escape(', '.join(rec['actors']))} in any period.\n"
    present = [a for a in rec["actors"] if a not in rec["absent"]]
    lines = [f"# Comparison: {escape(rec['period'])} ({rec['role']}s)", ""]
    if rec["absent"]:
        lines += [f"No statement in {escape(rec['period'])}: {escape(', '.join(rec['absent']))}.", ""]
    if not rec["concepts"]:
        return "\n".join(lines + ["No concept of the lexicon in their statements.", ""])
    cells = {(c["actor"], c["concept"]): c for c in rec["cells"]}
    lines.append("| concept | " + " | ".join(escape(a) for a in present) + " |")
    lines.append("|---|" + "---|" * len(present))
    for concept in rec["concepts"]:
        row = []
        for a in present:
            c = cells.get((a, concept))
            row.append("" if c is None else "; ".join(f"“{escape(w)}”" for w in c["surfaces"]) + escape(_pol(c["polarity"])))
        lines.append(f"| {code(concept, table=True)} | " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def render_comparison(cmp: Comparison, fmt: str = "text") -> str:
    """Render a comparison in one of :data:`TIMELINE_FORMATS`."""
    rec = comparison_record(cmp)
    if fmt in DATA_FORMATS:  # the flat table positions.compare/1
        return write_records(comparison_rows(cmp), fmt, columns=COMPARE_COLUMNS)
    writers = {"text": _comparison_text, "markdown": _comparison_markdown, "html": lambda _: comparison_page(cmp)}
    return in_format(rec, fmt, writers, TIMELINE_FORMATS)
