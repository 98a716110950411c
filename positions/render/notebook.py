"""How the records show themselves in a notebook (Jupyter's ``_repr_html_``).

A :class:`~positions.model.TextDiff`, :class:`~positions.model.PositionDiff`,
:class:`~positions.model.Timeline` or :class:`~positions.model.Analysis` left as the last
expression of a cell shows the same coloured diff and heatmap as the HTML pages, rendered by
the same Jinja macros (``report/_macros.j2``). Each view is one ``<div class="positions-nb">``
with its own scoped style: no script, no external asset, no style that leaks into the
notebook, and every piece of article text escaped (autoescaping templates).

>>> from positions.diff import diff_texts
>>> html = diff_texts("a <b>step-by-step</b> approach", "a phased approach")._repr_html_()
>>> html.startswith('<div class="positions-nb">'), "&lt;b&gt;step-by-step" in html, "<b>" in html
(True, True, False)
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence, Union

from ..model import Analysis, PositionDiff, Statement, TextDiff, Timeline
from .templating import ENV  # the report's: the heatmap macro renders to the same bytes

__all__ = [
    "Html",
    "html_of",
    "text_diff_html",
    "position_diffs_html",
    "timeline_html",
    "analysis_html",
]

def html_of(record: Any) -> str:
    """The notebook view of a record (or of a list of position diffs).

    Raises :class:`TypeError` for anything else.
    """
    if isinstance(record, TextDiff):
        return text_diff_html(record)
    if isinstance(record, PositionDiff):
        return position_diffs_html([record])
    if isinstance(record, Timeline):
        return timeline_html(record)
    if isinstance(record, Analysis):
        return analysis_html(record)
    if isinstance(record, (list, tuple)) and all(isinstance(d, PositionDiff) for d in record):
        return position_diffs_html(record)
    raise TypeError(f"no notebook view for {type(record).__name__}")


def text_diff_html(diff: TextDiff) -> str:
    """A word diff as one passage: deletions struck through in red, insertions in green."""
    from ._display import display_ops

    ops = display_ops([[op.op, op.text] for op in diff.ops])
    changes = sum(1 for op, _ in ops if op != "=")
    return ENV.get_template("notebook/text_diff.html.j2").render(
        ops=ops, similarity=diff.similarity, changes=changes, moves=len(diff.moves)
    )


def position_diffs_html(diffs: Sequence[PositionDiff], *, all_passages: bool = False) -> str:
    """Position diffs as on the page of ``positions diff --format html``: concepts gained,
    dropped and kept, shifts and flips, then each aligned passage's word diff. As there,
    new and gone passages without an in-scope concept are left out (a line says how many)
    unless ``all_passages``."""
    from ..bundled import bundled_corpus
    from ._display import path_shower
    from .html import position_diff_view

    show = path_shower([str(p) for p in bundled_corpus()])  # the bundled corpus as korea/...
    views = [position_diff_view(d, all_passages, show) for d in diffs]
    return ENV.get_template("notebook/position_diff.html.j2").render(diffs=views)


def timeline_html(tl: Timeline) -> str:
    """A heatmap per actor (concepts × periods), as on the report's pages."""
    # The heatmap's view is built by the report's code (one grid for the pages and the
    # notebook), in report_views.py.
    from .report_views import heatmap, rows_by_actor
    from .timeline import timeline_record

    rec = timeline_record(tl)
    sections = []
    for actor, rows in rows_by_actor(rec).items():
        periods = list(rec["active"].get(actor, []))
        grid = heatmap(rec, [(actor, None, rows)], periods, label_of="concept", link_rows=False)
        sections.append({"actor": actor, "grid": grid})
    template = ENV.get_template("notebook/timeline.html.j2")
    return template.render(by=tl.by, role=tl.role, sections=sections)


def _segments(text: str, st: Statement) -> list[dict[str, Any]]:
    """The statement's text cut at its markers (a marker inside another is left unmarked)."""
    base = st.span.start
    out: list[dict[str, Any]] = []
    at = base
    for m in sorted(st.markers, key=lambda m: (m.span.start, -m.span.end)):
        if m.span.start < at or m.span.end > st.span.end:
            continue
        if m.span.start > at:
            out.append({"text": text[at : m.span.start], "mk": None})
        flags = [f for f, on in (("negated", m.polarity == "negated"),
                                 ("out of scope", not m.in_scope)) if on]  # fmt: skip
        out.append({
            "text": text[m.span.start : m.span.end],
            "mk": {"cls": "mk" if m.in_scope else "mk out",
                   "title": m.concept + (f" ({', '.join(flags)})" if flags else "")},
        })  # fmt: skip
        at = m.span.end
    if at < st.span.end:
        out.append({"text": text[at : st.span.end], "mk": None})
    return out


def analysis_html(an: Analysis) -> str:
    """An article's statements: kind, speaker, country, holders and text, markers in bold."""
    from ..bundled import bundled_corpus
    from ._display import path_shower

    art = an.article
    show = path_shower([str(p) for p in bundled_corpus()])
    date = art.date.iso() if art.date else "undated"
    meta = [v for v in (date, art.source, art.place, art.country) if v]
    statements = [
        {
            "n": n,
            "kind": st.kind,
            "speaker": st.speaker.label() if st.speaker else "",
            "country": st.country or "",
            "holders": " ".join(st.holders),
            "segments": _segments(art.text, st),
        }
        for n, st in enumerate(an.statements, 1)
    ]
    path = show(art.path) or art.id
    view = {"title": art.title or path, "path": path, "meta": meta, "statements": statements}
    return ENV.get_template("notebook/analysis.html.j2").render(a=view)


class Html:
    """Any of the views above, for a value that has no ``_repr_html_`` of its own: a list
    of diffs shows as one block (``Html(positions.successive_diffs(...))``)."""

    def __init__(self, record: Union[Any, Iterable[PositionDiff]]) -> None:
        self.html = html_of(list(record) if isinstance(record, (list, tuple)) else record)

    def _repr_html_(self) -> str:
        return self.html
