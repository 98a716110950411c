"""Novelty and diffusion as text, Markdown, HTML, JSON, JSON Lines and CSV.

Text, Markdown and HTML render from the plain records of :func:`novelty_record` and
:func:`diffusion_record`; the data formats write the flat tables of
:mod:`positions.render.change_tables` (docs/formats.md). HTML pages are self-contained (the
report's inline CSS, charts as inline SVG with a text equivalent, no script), every piece of
article text escaped.

>>> from positions.model.novelty import Novelty
>>> print(render_novelty(Novelty((), (), "2y", 3, 5, "holder"), "text"), end="")
(no dated statement to assess)
"""

from __future__ import annotations

from typing import Any, Callable, Optional, Sequence

from ..model.novelty import ArticleNovelty, Convergence, Diffusion, Novelty, Spread, Use
from ._display import path_shower
from .formats import in_format
from .change_tables import DIFFUSION_COLUMNS, NOVELTY_COLUMNS, diffusion_rows, novelty_rows
from .markdown import code, escape, name
from .svg import convergence_svg, firsts_svg
from .templating import ENV
from .terminal import printable
from .writers import DATA_FORMATS, write_records

__all__ = [
    "NOVELTY_FORMATS",
    "use_record",
    "novelty_record",
    "article_novelty_record",
    "diffusion_record",
    "render_novelty",
    "render_diffusion",
    "spread_view",
    "convergence_view",
]

NOVELTY_FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json", "jsonl", "csv")

def use_record(u: Optional[Use]) -> Optional[dict[str, Any]]:
    """A :class:`~positions.model.novelty.Use` as plain data."""
    if u is None:
        return None
    return {
        "actor": u.actor,
        "concept": u.concept,
        "normalized": u.normalized,
        "surface": u.surface,
        "polarity": u.polarity,
        "article": u.article,
        "path": u.path,
        "date": u.date.iso() if u.date else None,
        "span": u.span.as_list(),
        "statement": u.statement.as_list(),
    }


def article_novelty_record(r: ArticleNovelty) -> dict[str, Any]:
    """An :class:`~positions.novelty.ArticleNovelty` as plain data (an item of the JSON's ``articles``)."""
    s = r.standing
    return {
        "actor": r.actor,
        "article": r.article,
        "path": r.path,
        "date": r.date.iso(),
        "statements": [sp.as_list() for sp in r.statements],
        "changed": r.changed,
        "undated_history": r.undated_history,
        "standing": {
            "at": s.at,
            "since": s.since,
            "window": s.window,
            "appearances": len(s.appearances),
            "concepts": [{"concept": c.concept, "appearances": c.appearances, "count": c.count,
                          "polarity": c.polarity, "last": use_record(c.last)} for c in s.concepts],  # fmt: skip
            "wordings": [{"concept": w.concept, "normalized": w.normalized, "surface": w.surface, "count": w.count,
                          "polarity": w.polarity, "last": use_record(w.last)} for w in s.wordings],  # fmt: skip
        },
        "new_wordings": [{"concept": w.concept, "normalized": w.normalized, "surface": w.surface, "never": w.never,
                          "uses": [use_record(u) for u in w.uses], "earlier": use_record(w.earlier)}
                         for w in r.new_wordings],  # fmt: skip
        "new_concepts": [{"concept": c.concept, "never": c.never, "uses": [use_record(u) for u in c.uses],
                          "earlier": use_record(c.earlier)} for c in r.new_concepts],  # fmt: skip
        "missing": [{"concept": m.concept, "present": m.present, "of": m.of,
                     "evidence": [use_record(u) for u in m.evidence]} for m in r.missing],  # fmt: skip
        "flips": [{"concept": f.concept, "old": f.old, "new": f.new, "uses": [use_record(u) for u in f.uses],
                   "evidence": use_record(f.evidence)} for f in r.flips],  # fmt: skip
    }


def novelty_record(rep: Novelty) -> dict[str, Any]:
    """A :class:`~positions.model.novelty.Novelty` as plain data (the nested shape the text, Markdown and HTML read)."""
    return {
        "window": rep.window,
        "k": rep.k,
        "n": rep.n,
        "role": rep.role,
        "changed": rep.changed,
        "articles": [article_novelty_record(r) for r in rep.articles],
        "undated": list(rep.undated),
    }


def _spread_record(s: Spread) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "key": s.key,
        "concept": s.concept,
        "surface": s.surface,
        "firsts": [{"actor": f.actor, "rank": f.rank, "date": f.use.date.iso() if f.use.date else None,
                    "lag_days": f.lag_days, "after": f.after, "lag_prev_days": f.lag_prev_days,
                    "uncertain": f.uncertain, "uses": f.uses, "first": use_record(f.use)} for f in s.firsts],  # fmt: skip
        "silent": list(s.silent),
        "undated": [use_record(u) for u in s.undated],
    }


def _convergence_record(c: Convergence) -> dict[str, Any]:
    return {
        "a": c.a,
        "b": c.b,
        "trend": c.trend,
        "points": [{"period": p.period, "concepts": p.concepts, "wordings": p.wordings, "shared": list(p.shared),
                    "change": p.change} for p in c.points],  # fmt: skip
    }


def diffusion_record(d: Diffusion) -> dict[str, Any]:
    """A :class:`~positions.model.novelty.Diffusion` as plain data (the nested shape the text, Markdown and HTML read)."""
    return {
        "role": d.role,
        "by": d.by,
        "measure": "jaccard",
        "spreads": [_spread_record(s) for s in d.spreads],
        "convergence": [_convergence_record(c) for c in d.convergence],
        "undated": list(d.undated),
    }


# --------------------------------------------------------------------------------------
# Text


def _at(u: Optional[dict[str, Any]], show: Callable[[str], str]) -> str:
    if u is None:
        return "?"
    return f"{u['date'] or 'undated'} {show(u['path'])}:{u['span'][0]}-{u['span'][1]}"


def _offsets(uses: list[dict[str, Any]]) -> str:
    return ", ".join(f"{u['span'][0]}-{u['span'][1]}" for u in uses)


def _earlier(item: dict[str, Any], show: Callable[[str], str]) -> str:
    if item["never"]:
        return "never used before"
    return f"not in the window; last used {_at(item['earlier'], show)}"


def _novelty_text(rec: dict[str, Any]) -> str:
    show = printable
    lines: list[str] = []
    if not rec["articles"] and not rec["undated"]:
        return "(no dated statement to assess)\n"
    for r in rec["articles"]:
        sts = ", ".join(f"{a}-{b}" for a, b in r["statements"])
        lines.append(f"{r['actor']} · {r['date']} · {show(r['path'])} · statements {sts}")
        s = r["standing"]
        since = f"from {s['since']} " if s["since"] else ""
        lines.append(f"  against {s['appearances']} earlier article(s) {since}to before {s['at']} "
                     f"(window {s['window']}): {len(s['concepts'])} concept(s), {len(s['wordings'])} wording(s)")  # fmt: skip
        if r["undated_history"]:
            lines.append(f"  ({r['undated_history']} undated article(s) of {r['actor']} left out)")
        for w in r["new_wordings"]:
            lines.append(f"  + new wording    “{show(w['surface'])}” ({w['concept']}) at {_offsets(w['uses'])}: {_earlier(w, show)}")
        for c in r["new_concepts"]:
            lines.append(f"  + new concept    {c['concept']} at {_offsets(c['uses'])}: {_earlier(c, show)}")
        for m in r["missing"]:
            lines.append(f"  - missing        {m['concept']}: in {m['present']} of the last {m['of']} articles; "
                         f"last {_at(m['evidence'][0], show)}")  # fmt: skip
        for f in r["flips"]:
            lines.append(f"  ~ polarity flip  {f['concept']} {f['old']} → {f['new']} at {_offsets(f['uses'])}; "
                         f"before: {_at(f['evidence'], show)}")  # fmt: skip
        if not r["changed"]:
            lines.append("  nothing new")
    if rec["undated"]:
        lines.append("undated, not assessed: " + ", ".join(show(p) for p in rec["undated"]))
    return "\n".join(lines) + "\n"


def _lag(days: Optional[int]) -> str:
    return "" if days is None else f"+{days} d"


def _diffusion_text(rec: dict[str, Any]) -> str:
    show = printable
    lines: list[str] = []
    for s in rec["spreads"]:
        head = f"concept {s['key']}" if s["kind"] == "concept" else f"wording “{show(s['surface'])}” ({s['concept']})"
        lines.append(head)
        for f in s["firsts"]:
            after = f" (after {f['after']} {_lag(f['lag_prev_days'])})" if f["after"] else ""
            unc = " (order uncertain: coarser date)" if f["uncertain"] else ""
            lines.append(f"  {f['rank']:>2}  {f['actor']}  {f['date']}  {_lag(f['lag_days']):>8}{after}  "
                         f"“{show(f['first']['surface'])}” {show(f['first']['path'])}:{f['first']['span'][0]}-"
                         f"{f['first']['span'][1]}  ×{f['uses']}{unc}")  # fmt: skip
        if s["silent"]:
            lines.append(f"  never (heard after the first use): {', '.join(s['silent'])}")
        for u in s["undated"]:
            lines.append(f"  undated: {u['actor']} “{show(u['surface'])}” {show(u['path'])}:{u['span'][0]}-{u['span'][1]}")
    if rec["convergence"]:
        lines.append(f"convergence (Jaccard index of concept sets, by {rec['by']}; change since the previous value)")
        for c in rec["convergence"]:
            pts = "  ".join(
                f"{p['period']} {'-' if p['concepts'] is None else format(p['concepts'], '.2f')}"
                + (f" ({p['change']:+.2f})" if p["change"] is not None else "")
                for p in c["points"]
            )
            trend = "" if c["trend"] is None else f"  trend {c['trend']:+.2f}"
            lines.append(f"  {c['a']}–{c['b']}  {pts or '(never heard in the same period)'}{trend}")
    if rec["undated"]:
        lines.append("undated articles (not placed in time): " + ", ".join(show(p) for p in rec["undated"]))
    if not lines:
        return "(no concept of the lexicon in any statement)\n"
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------
# Markdown


def _md_at(u: Optional[dict[str, Any]]) -> str:
    if u is None:
        return "?"
    return f"{u['date'] or 'undated'} {code(u['path'])} {u['span'][0]}–{u['span'][1]}"


def _novelty_markdown(rec: dict[str, Any]) -> str:
    out = ["# Novelty", "", f"Window {rec['window']}; missing formula: in at least {rec['k']} of the last "
           f"{rec['n']} articles; role {rec['role']}.", ""]  # fmt: skip
    for r in rec["articles"]:
        out += [f"## {name(r['actor'])} · {r['date']} · {code(r['path'])}", ""]
        s = r["standing"]
        out.append(f"Against {s['appearances']} earlier article(s) (window {s['window']}): "
                   f"{len(s['concepts'])} concept(s), {len(s['wordings'])} wording(s).")  # fmt: skip
        out.append("")
        for w in r["new_wordings"]:
            when = "never used before" if w["never"] else f"last used {_md_at(w['earlier'])}"
            out.append(f"- **new wording** “{escape(w['surface'])}” ({name(w['concept'])}) at {_offsets(w['uses'])}: {when}")
        for c in r["new_concepts"]:
            when = "never used before" if c["never"] else f"last used {_md_at(c['earlier'])}"
            out.append(f"- **new concept** {name(c['concept'])} at {_offsets(c['uses'])}: {when}")
        for m in r["missing"]:
            out.append(f"- **missing** {name(m['concept'])}: in {m['present']} of the last {m['of']} articles; "
                       f"last {_md_at(m['evidence'][0])}")  # fmt: skip
        for f in r["flips"]:
            out.append(f"- **polarity flip** {name(f['concept'])} {f['old']} → {f['new']} at {_offsets(f['uses'])}; "
                       f"before: {_md_at(f['evidence'])}")  # fmt: skip
        if not r["changed"]:
            out.append("Nothing new.")
        out.append("")
    if rec["undated"]:
        out += ["Undated, not assessed: " + ", ".join(code(p) for p in rec["undated"]), ""]
    return "\n".join(out)


def _diffusion_markdown(rec: dict[str, Any]) -> str:
    out = ["# Diffusion", ""]
    for s in rec["spreads"]:
        head = f"concept {name(s['key'])}" if s["kind"] == "concept" else f"wording “{escape(s['surface'])}” ({name(s['concept'])})"
        out += [f"## {head}", "", "| # | actor | first use | lag | after | wording | where |", "|---|---|---|---|---|---|---|"]
        for f in s["firsts"]:
            after = f"{f['after']} {_lag(f['lag_prev_days'])}" if f["after"] else ""
            date = f["date"] + (" (uncertain)" if f["uncertain"] else "")
            out.append(f"| {f['rank']} | {f['actor']} | {date} | {_lag(f['lag_days'])} | {after} | "
                       f"{escape(f['first']['surface']).replace('|', '&#124;')} | {code(f['first']['path'], table=True)} "
                       f"{f['first']['span'][0]}–{f['first']['span'][1]} |")  # fmt: skip
        out.append("")
        if s["silent"]:
            out += [f"Never (heard after the first use): {', '.join(s['silent'])}.", ""]
        if s["undated"]:
            out += ["Undated uses: " + "; ".join(f"{u['actor']} {code(u['path'])} {u['span'][0]}–{u['span'][1]}"
                                                 for u in s["undated"]), ""]  # fmt: skip
    if rec["convergence"]:
        out += [f"## Convergence (Jaccard index of concept sets, by {rec['by']})", ""]
        for c in rec["convergence"]:
            pts = ", ".join(f"{p['period']} {'–' if p['concepts'] is None else format(p['concepts'], '.2f')}"
                            for p in c["points"])  # fmt: skip
            out.append(f"- {c['a']}–{c['b']}: {pts or 'never heard in the same period'}")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------------------
# HTML


def spread_view(s: dict[str, Any], ident: str, href: Callable[[str], Optional[str]] = lambda aid: None) -> dict[str, Any]:
    """A spread record with its chart, for the templates (``href``: an article's page)."""
    title = (f"First uses of {s['key']}" if s["kind"] == "concept" else f"First uses of “{s['surface']}”")
    chart = firsts_svg(title, [(f["actor"], f["date"]) for f in s["firsts"]], ident=ident)
    return {**s, "title": title, "chart": chart, "hrefs": {f["actor"]: href(f["first"]["article"]) for f in s["firsts"]}}


def convergence_view(c: dict[str, Any], ident: str) -> dict[str, Any]:
    title = f"Convergence of {c['a']} and {c['b']} (Jaccard index of concept sets)"
    return {**c, "title": title, "chart": convergence_svg(title, [(p["period"], p["concepts"]) for p in c["points"]], ident=ident)}


def _novelty_html(rec: dict[str, Any], title: str) -> str:
    return ENV.get_template("report/novelty.html.j2").render(
        page_title=title, report_title=title, nav=None, by="article", role=rec["role"], rec=rec
    )


def _diffusion_html(rec: dict[str, Any], title: str) -> str:
    spreads = [spread_view(s, f"f{i}") for i, s in enumerate(rec["spreads"])]
    conv = [convergence_view(c, f"c{i}") for i, c in enumerate(rec["convergence"])]
    return ENV.get_template("report/diffusion.html.j2").render(
        page_title=title, report_title=title, heading=title, nav=None, by=rec["by"], role=rec["role"], spreads=spreads,
        convergence=conv, undated=rec["undated"], href=None,
    )  # fmt: skip


def show_paths(value: Any, show: Callable[[Optional[str]], Optional[str]]) -> Any:
    if isinstance(value, dict):
        return {k: (show(v) if k == "path" else [show(p) for p in v] if k == "undated" and v and isinstance(v[0], str)
                    else show_paths(v, show)) for k, v in value.items()}  # fmt: skip
    if isinstance(value, list):
        return [show_paths(v, show) for v in value]
    return value


def render_novelty(rep: Novelty, fmt: str = "text", *, title: str = "Novelty", roots: Sequence[str] = ()) -> str:
    """Render a novelty report in one of :data:`NOVELTY_FORMATS`; paths under ``roots``
    (corpus directories) are shown as ``<root name>/<rest>``, others relative to the current
    directory when under it (as ``positions diff`` shows them)."""
    if fmt in DATA_FORMATS:  # the flat table positions.novelty/1
        return write_records(novelty_rows(rep, path_shower(roots)), fmt, columns=NOVELTY_COLUMNS)
    rec = show_paths(novelty_record(rep), path_shower(roots))
    writers = {"text": _novelty_text, "markdown": _novelty_markdown, "html": lambda r: _novelty_html(r, title)}
    return in_format(rec, fmt, writers, NOVELTY_FORMATS)


def render_diffusion(d: Diffusion, fmt: str = "text", *, title: str = "Diffusion", roots: Sequence[str] = ()) -> str:
    """Render a diffusion in one of :data:`NOVELTY_FORMATS` (``roots`` as for
    :func:`render_novelty`)."""
    if fmt in DATA_FORMATS:  # the flat table positions.diffusion/1
        return write_records(diffusion_rows(d, path_shower(roots)), fmt, columns=DIFFUSION_COLUMNS)
    rec = show_paths(diffusion_record(d), path_shower(roots))
    writers = {"text": _diffusion_text, "markdown": _diffusion_markdown, "html": lambda r: _diffusion_html(r, title)}
    return in_format(rec, fmt, writers, NOVELTY_FORMATS)
