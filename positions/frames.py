"""Records as pandas DataFrames: ``to_frame()`` of analyses, timelines and diffs.

pandas is optional (``pip install "positions[frames]"``); without it ``to_frame()`` raises
one :class:`~positions.errors.MissingExtraError` line. The rows are plain dicts first
(:func:`analysis_rows`, :func:`timeline_rows`, :func:`diff_rows`), so the columns can be
checked without pandas:

    >>> from positions.model import Analysis, Article, Span, Statement
    >>> art = Article(id="a1", path="a.txt", text="Moscow is ready.", body=Span(0, 16))
    >>> st = Statement(article="a1", span=Span(0, 15), text="Moscow is ready", kind="document", country="RUS")
    >>> [(r["article"], r["country"], r["text"]) for r in analysis_rows(Analysis(art, (st,)))]
    [('a1', 'RUS', 'Moscow is ready')]
"""

from __future__ import annotations

from typing import Any

from ._extras import require

# The records (Analysis, Timeline, PositionDiff) are taken as they come, told apart by their
# fields: the model's to_frame() methods call this module, so it imports nothing from the
# model (tests/test_imports.py: no import cycle).


def frame(rows: list[dict[str, Any]], columns: list[str]) -> Any:
    """A DataFrame of ``rows`` with ``columns`` (in that order, even when there are no rows)."""
    pd = require("pandas", "frames", "to_frame()")
    return pd.DataFrame(rows, columns=columns)


STATEMENT_COLUMNS = [
    "article", "path", "date", "seq", "kind", "speaker", "speaker_role", "speaker_org", "country",
    "holders", "span_start", "span_end", "text", "concepts", "negated",
]  # fmt: skip
MARKER_COLUMNS = [
    "article", "path", "date", "seq", "concept", "surface", "normalized", "polarity", "in_scope",
    "span_start", "span_end", "pattern", "statement",
]  # fmt: skip


def analysis_rows(analysis: Any, what: str = "statements") -> list[dict[str, Any]]:
    """One row per statement (``what="statements"``: concepts are those of its in-scope
    markers, in order, once each; ``negated`` those negated) or per marker of the article
    (``what="markers"``: ``statement`` is the index of the first statement holding it, or
    None)."""
    art = analysis.article
    head = {"article": art.id, "path": art.path, "date": art.date.iso() if art.date else None}
    if what == "markers":
        where: dict[Any, int] = {}  # marker -> the first statement holding it
        for i, st in enumerate(analysis.statements):
            for m in st.markers:
                where.setdefault(m, i)
        return [
            {**head, "seq": i, "concept": m.concept, "surface": m.surface, "normalized": m.normalized,
             "polarity": m.polarity, "in_scope": m.in_scope, "span_start": m.span.start,
             "span_end": m.span.end, "pattern": m.pattern, "statement": where.get(m)}
            for i, m in enumerate(analysis.markers)
        ]  # fmt: skip
    if what != "statements":
        raise ValueError(f"what must be 'statements' or 'markers', not {what!r}")
    rows = []
    for i, st in enumerate(analysis.statements):
        sp = st.speaker
        scoped = [m for m in st.markers if m.in_scope]
        rows.append({
            **head, "seq": i, "kind": st.kind, "speaker": sp.label() if sp else None,
            "speaker_role": sp.role if sp else None, "speaker_org": sp.organization if sp else None,
            "country": st.country, "holders": list(st.holders), "span_start": st.span.start,
            "span_end": st.span.end, "text": st.text,
            "concepts": list(dict.fromkeys(m.concept for m in scoped)),
            "negated": list(dict.fromkeys(m.concept for m in scoped if m.polarity == "negated")),
        })  # fmt: skip
    return rows


def analyses_frame(analyses: Any, what: str = "statements") -> Any:
    """One DataFrame for many analyses, or for one (rows as in :func:`analysis_rows`)."""
    if hasattr(analyses, "article"):  # one Analysis
        analyses = [analyses]
    rows = [r for a in analyses for r in analysis_rows(a, what)]
    return frame(rows, MARKER_COLUMNS if what == "markers" else STATEMENT_COLUMNS)


TIMELINE_COLUMNS = ["actor", "concept", "period", "period_kind", "count", "statements", "articles",
                    "surfaces", "polarity"]  # fmt: skip


def timeline_rows(tl: Any) -> list[dict[str, Any]]:
    """One row per actor, concept and period in which the concept appears."""
    return [
        {"actor": row.actor, "concept": row.concept, "period": c.period.key, "period_kind": c.period.kind,
         "count": c.count, "statements": c.statements, "articles": c.articles,
         "surfaces": list(c.surfaces), "polarity": c.polarity}
        for row in tl.rows for c in row.cells
    ]  # fmt: skip


DIFF_COLUMNS = ["actor", "old_period", "new_period", "change", "concept", "old", "new", "similarity"]


def diff_rows(d: Any) -> list[dict[str, Any]]:
    """One row per change: ``gained``, ``dropped``, ``kept``, ``variant`` (old and new
    wordings), ``polarity`` (old and new polarity), then ``pair`` for each aligned statement
    pair (old and new texts, one of them None for a new or gone statement, and their
    similarity)."""
    head = {"actor": d.actor, "old_period": d.old.period.key, "new_period": d.new.period.key}
    rows: list[dict[str, Any]] = []
    for change, concepts in (("gained", d.gained), ("dropped", d.dropped), ("kept", d.kept)):
        rows += [{**head, "change": change, "concept": c, "old": None, "new": None, "similarity": None}
                 for c in concepts]  # fmt: skip
    rows += [{**head, "change": "variant", "concept": s.concept, "old": list(s.old), "new": list(s.new),
              "similarity": None} for s in d.shifts]  # fmt: skip
    rows += [{**head, "change": "polarity", "concept": f.concept, "old": f.old, "new": f.new,
              "similarity": None} for f in d.polarity_flips]  # fmt: skip
    rows += [{**head, "change": "pair", "concept": None, "old": p.old.text if p.old else None,
              "new": p.new.text if p.new else None, "similarity": p.similarity} for p in d.pairs]  # fmt: skip
    return rows


def diffs_frame(diffs: Any) -> Any:
    """One DataFrame for many diffs, or for one (rows as in :func:`diff_rows`)."""
    if hasattr(diffs, "gained"):  # one PositionDiff
        diffs = [diffs]
    return frame([r for d in diffs for r in diff_rows(d)], DIFF_COLUMNS)


__all__ = ["analyses_frame", "diffs_frame", "analysis_rows", "timeline_rows", "diff_rows", "frame"]
