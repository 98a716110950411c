"""The report as Markdown pages for a documentation site: ``index.md``, ``actor-<code>.md``
and ``concept-<id>.md`` (no article pages: statements are named by ``path:start-end``).

Everything from data is escaped by construction, as in :mod:`positions.render.markdown`:
article text with :func:`~positions.render.markdown.escape`, file names and statement labels as
code spans (:func:`~positions.render.markdown.code`), actor codes and concept ids with
:func:`~positions.render.markdown.name`; the diffs are those of ``positions diff --format
markdown``, their headings one level down.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, Optional

from ..model import Statement
from .markdown import code, escape, name
from .markdown import render_diffs as markdown_diffs
from .records import timeline_record
from .report_views import ReportData, actor_page_name, concept_page_name, kwic_lines, rows_by_actor, statement_rows

__all__ = ["markdown_pages", "iter_markdown_pages"]

_HEADING_RE = re.compile(r"^(#+) ", re.M)


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first}–{last}"


def _quoted(words: list[str]) -> str:
    return ", ".join(f"“{escape(w)}”" for w in words)


def _st_ref(data: ReportData, st: Optional[Statement]) -> str:
    if st is None:
        return ""
    return code(f"{data.path(st.article)}:{st.span.start}-{st.span.end}")


def _grid(rows: list[dict[str, Any]], periods: list[str], active: dict[str, set[str]], label: str,
          link: Callable[[dict[str, Any]], str]) -> list[str]:
    lines = [f"| {label} | " + " | ".join(escape(k) for k in periods) + " | first–last |", "|---|" + "---:|" * len(periods) + "---|"]
    for r in rows:
        counts = {c["period"]: c["count"] for c in r["cells"]}
        cells = [str(counts[k]) if k in counts else ("·" if k in active.get(r["actor"], ()) else "") for k in periods]
        lines.append(f"| {link(r)} | " + " | ".join(cells) + f" | {escape(_span(r['first'], r['last']))} |")
    return lines


def markdown_pages(data: ReportData) -> dict[str, str]:
    """The Markdown pages of a :class:`positions.render.report.ReportData`, all at once."""
    return dict(iter_markdown_pages(data))


def iter_markdown_pages(data: ReportData) -> Iterator[tuple[str, str]]:
    """The Markdown pages of a :class:`positions.render.report.ReportData`, one at a time
    as ``(file name, text)``."""
    rec = timeline_record(data.timeline)
    active = {a: set(keys) for a, keys in rec["active"].items()}
    by_actor = rows_by_actor(rec)
    legend = (f"Cells count the in-scope markers in the statements each actor "
              f"{'holds' if data.role == 'holder' else 'speaks'}, by {data.by}; "
              "`·`: statements without the concept; blank: no statement.")  # fmt: skip

    # index
    n_statements = sum(len(an.statements) for an in data.articles.values())
    lines = [f"# {escape(data.title)}", ""]
    lines.append(f"{len(data.articles)} articles · {n_statements} statements · {len(data.actors)} actors · "
                 f"{len(data.concepts)} concepts · {len(rec['periods'])} periods ({data.by})")  # fmt: skip
    lines += ["", "Actors: " + " · ".join(f"[{name(a)}]({actor_page_name(a, 'md')})" for a in data.actors), ""]
    lines += ["Concepts: " + " · ".join(f"[{name(c)}]({concept_page_name(c, 'md')})" for c in data.concepts), ""]
    lines += ["## Who says what, when", "", legend, ""]
    for a in data.actors:
        lines += [f"### [{name(a)}]({actor_page_name(a, 'md')})", ""]
        periods = [k for k in rec["periods"] if k in active.get(a, set())]
        lines += _grid(by_actor.get(a, []), periods, active, "concept",
                       lambda r: f"[{name(r['concept'])}]({concept_page_name(r['concept'], 'md')})")  # fmt: skip
        lines.append("")
    lines += ["## Shift events, newest first", ""]
    if not data.events:
        lines += ["No shifts: no actor has two periods to compare.", ""]
    for e in data.events:
        if e.kind == "gained":
            words = _quoted(list(e.new))
        elif e.kind == "dropped":
            words = _quoted(list(e.old))
        elif e.kind == "variant":
            words = f"{_quoted(list(e.old))} → {_quoted(list(e.new))}"
        else:
            words = f"{escape(', '.join(e.old))} → {escape(', '.join(e.new))}"
        lines.append(f"- {escape(e.old_period.key)} → {escape(e.new_period.key)} [{name(e.actor)}]({actor_page_name(e.actor, 'md')}) "
                     f"**{escape(e.kind)}** [{code(e.concept)}]({concept_page_name(e.concept, 'md')}) {words}".rstrip())  # fmt: skip
    yield "index.md", "\n".join(lines).rstrip("\n") + "\n"

    # actors
    for a in data.actors:
        rows = by_actor.get(a, [])
        periods = [k for k in rec["periods"] if k in active.get(a, set())]
        lines = [f"# {name(a)}", "", "[Index](index.md)", "", "## Timeline", "", legend, ""]
        lines += _grid(rows, periods, active, "concept",
                       lambda r: f"[{name(r['concept'])}]({concept_page_name(r['concept'], 'md')})")  # fmt: skip
        lines += ["", "## Wordings", ""]
        for r in rows:
            vs = "; ".join(
                f"“{escape(v['surface'])}” ×{v['count']} {escape(_span(v['first'], v['last']))}"
                + ("" if v["polarity"] == "affirmed" else f" ({v['polarity']})")
                for v in r["variants"]
            )
            lines.append(f"- {code(r['concept'])} ({escape(_span(r['first'], r['last']))}): {vs}")
        lines += ["", "## Successive diffs, newest first", ""]
        diffs = list(reversed(data.diffs[a]))
        if diffs:
            shown = lambda path: data.shown.get(path, path)  # noqa: E731 -- the report's paths
            body = markdown_diffs(diffs, show=shown).split("\n", 2)[2]  # drop "# Position diff" and its blank line
            lines.append(_HEADING_RE.sub(lambda m: "#" + m.group(1) + " ", body).rstrip("\n"))
        else:
            lines.append("Only one period: nothing to compare.")
        lines += ["", "## Statements, newest first", ""]
        for s in statement_rows(data, a):
            concepts = " ".join(code(f"{c['id']}{' (negated)' if c['negated'] else ''}") for c in s["concepts"])
            lines.append(f"- {escape(s['period'])} {code(s['label'])} {escape(s['kind'])}: {escape(s['excerpt'])} {concepts}".rstrip())
        yield actor_page_name(a, "md"), "\n".join(lines).rstrip("\n") + "\n"

    # concepts
    for c in data.concepts:
        rows = [r for r in rec["rows"] if r["concept"] == c]
        used = {cell["period"] for r in rows for cell in r["cells"]}
        periods = [k for k in rec["periods"] if k in used]
        lines = [f"# {code(c)}", "", "[Index](index.md)", "", "## Who holds it, when", "", legend, ""]
        lines += _grid(rows, periods, active, "actor", lambda r: f"[{name(r['actor'])}]({actor_page_name(r['actor'], 'md')})")
        lines += ["", "## Wordings over time", "", "| wording | first–last | count | actors |", "|---|---|---:|---|"]
        for v in data.tracking.wordings.get(c, ()):
            pol = "" if v.polarity == "affirmed" else f" ({v.polarity})"
            lines.append(f"| “{escape(v.surface)}”{pol} | {escape(_span(v.first, v.last))} | {v.count} | {' '.join(name(x) for x in v.actors)} |")
        lines += ["", "## In context, newest first", ""]
        for k in kwic_lines(data, c):
            neg = " (negated)" if k["negated"] else ""
            sep = "" if k["right"][:1] in tuple(",.;:!?)]") and not neg else " "
            left = f"- {escape(k['date'] or 'undated')} {escape(k['actors'])}: {escape(k['left'])} **{escape(k['match'])}**{neg}"
            lines.append(f"{left}{sep}{escape(k['right'])} — ".replace("  ", " ") + code(k["label"]))  # fmt: skip
        yield concept_page_name(c, "md"), "\n".join(lines).rstrip("\n") + "\n"
