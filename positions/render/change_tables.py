"""The flat records of what changed: position diffs (and their summary), timelines,
comparisons, novelty and diffusion, one table each (``positions.render.writers`` writes
them as JSON, JSON Lines or CSV; docs/formats.md documents every column).

A diff's word operations carry offsets into the two articles (``old_start``/``old_end``,
``new_start``/``new_end``): the text of a ``=`` or ``-`` operation is
``old_article_text[old_start:old_end]``, of a ``=`` or ``+`` one
``new_article_text[new_start:new_end]`` (with whitespace runs shown as one space), and an
insertion has an empty old range at the point where it goes (a deletion, an empty new range).
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from ..model import (
    Comparison,
    HeldConcept,
    PositionDiff,
    Snapshot,
    Span,
    Statement,
    StatementPair,
    Timeline,
)
from ..model.novelty import Use
from ._display import PathShow, article_path, as_given, passage_text
from .writers import display_text, iter_table, table

__all__ = [
    "DIFF_COLUMNS",
    "SUMMARY_COLUMNS",
    "TIMELINE_COLUMNS",
    "COMPARE_COLUMNS",
    "NOVELTY_COLUMNS",
    "DIFFUSION_COLUMNS",
    "diff_rows",
    "iter_diff_rows",
    "summary_rows",
    "timeline_rows",
    "comparison_rows",
    "novelty_rows",
    "diffusion_rows",
    "passage_offsets",
]

# --------------------------------------------------------------------------------------
# positions diff

DIFF_COLUMNS = (
    "schema", "record", "actor", "by", "old_period", "new_period", "concept", "change", "reworded", "flipped",
    "old_polarity", "new_polarity", "old_wordings", "new_wordings", "pair", "old_article", "new_article", "old_start",
    "old_end", "new_start", "new_end", "similarity", "old_concepts", "new_concepts", "old_speaker",
    "new_speaker", "op", "old_text", "new_text", "text",
)  # fmt: skip


def passage_offsets(st: Optional[Statement], span: Optional[Span]) -> Callable[[int], int]:
    """How an offset into a diffed passage (:func:`positions.render._display.passage_text` of
    ``st`` and ``span``) maps into the article's original text: by the passage's start where
    the passage is a slice of the article; through the statement's parts where its text is
    its parts joined by one space (a split quote: an offset on the joining space maps to the
    end of the part before it).

    >>> st = Statement(article="a", span=Span(0, 29), text="We agree. We hope",
    ...                parts=(Span(0, 9), Span(22, 29)), kind="direct")
    >>> at = passage_offsets(st, None)
    >>> at(0), at(9), at(10), at(17)
    (0, 9, 22, 29)
    """
    if st is None:
        return lambda i: i
    if len(st.text) == len(st.span) or not st.parts:
        base = span.start if span is not None and st.span.contains(span) and len(st.text) == len(st.span) else st.span.start
        return lambda i: base + i
    bounds = []  # (start in text, part)
    pos = 0
    for p in st.parts:
        bounds.append((pos, p))
        pos += len(p) + 1

    def at(i: int) -> int:
        for start, p in reversed(bounds):
            if i >= start:
                return p.start + min(i - start, len(p))
        return st.span.start

    return at


def _wordings(held: tuple[HeldConcept, ...], concept: str) -> list[str]:
    for h in held:
        if h.concept == concept:
            return [display_text(w) for w in h.wordings]
    return []


def _polarity(held: tuple[HeldConcept, ...], concept: str) -> Optional[str]:
    for h in held:
        if h.concept == concept:
            return h.polarity
    return None


def _single_path(snap: Snapshot, show: PathShow) -> Optional[str]:
    return show(snap.paths[0]) if len(snap.paths) == 1 else None


def _speaker(st: Optional[Statement]) -> Optional[str]:
    return st.speaker.label() if st is not None and st.speaker is not None else None


def _pair_rows(i: int, pair: StatementPair, d: PositionDiff, show: PathShow) -> list[dict[str, Any]]:
    old_span = pair.old_span or (pair.old.span if pair.old else None)
    new_span = pair.new_span or (pair.new.span if pair.new else None)
    arts = {"pair": i,
            "old_article": show(article_path(d.old, pair.old.article)) if pair.old else None,
            "new_article": show(article_path(d.new, pair.new.article)) if pair.new else None}  # fmt: skip
    rows = [{
        "record": "pair", **arts,
        "old_start": old_span.start if old_span else None, "old_end": old_span.end if old_span else None,
        "new_start": new_span.start if new_span else None, "new_end": new_span.end if new_span else None,
        "similarity": round(pair.similarity, 4), "old_concepts": list(pair.old_concepts),
        "new_concepts": list(pair.new_concepts), "old_speaker": _speaker(pair.old), "new_speaker": _speaker(pair.new),
        "old_text": display_text(passage_text(pair.old, old_span)),
        "new_text": display_text(passage_text(pair.new, new_span)),
    }]  # fmt: skip
    if pair.diff is None:
        return rows
    at_old, at_new = passage_offsets(pair.old, old_span), passage_offsets(pair.new, new_span)
    for op in pair.diff.ops:
        rows.append({"record": "op", **arts, "op": op.op, "text": display_text(op.text),
                     "old_start": at_old(op.old.start), "old_end": at_old(op.old.end),
                     "new_start": at_new(op.new.start), "new_end": at_new(op.new.end)})  # fmt: skip
    for m in pair.diff.moves:
        rows.append({"record": "move", **arts, "similarity": round(m.diff.similarity, 4),
                     "old_start": at_old(m.old.start), "old_end": at_old(m.old.end),
                     "new_start": at_new(m.new.start), "new_end": at_new(m.new.end),
                     "old_text": display_text("".join(op.text for op in m.diff.ops if op.op != "+")),
                     "new_text": display_text("".join(op.text for op in m.diff.ops if op.op != "-"))})  # fmt: skip
    return rows


def _one_diff(d: PositionDiff, show: PathShow) -> list[dict[str, Any]]:
    head = {"actor": d.actor, "by": d.old.period.kind, "old_period": d.old.period.key, "new_period": d.new.period.key}
    sides = {"old_article": _single_path(d.old, show), "new_article": _single_path(d.new, show)}
    shifts = {s.concept: s for s in d.shifts}
    flips = {f.concept for f in d.polarity_flips}
    rows: list[dict[str, Any]] = [{**head, "record": "diff", **sides}]
    for change, concepts in (("gained", d.gained), ("dropped", d.dropped), ("kept", d.kept)):
        for c in concepts:
            shift = shifts.get(c)
            rows.append({**head, "record": "concept", **sides, "concept": c, "change": change,
                         "reworded": shift is not None, "flipped": c in flips,
                         "old_polarity": _polarity(d.old_held, c), "new_polarity": _polarity(d.new_held, c),
                         "old_wordings": _wordings(d.old_held, c) or [display_text(w) for w in (shift.old if shift else ())],
                         "new_wordings": _wordings(d.new_held, c) or [display_text(w) for w in (shift.new if shift else ())]})  # fmt: skip
    for i, pair in enumerate(d.pairs):
        rows += [{**head, **r} for r in _pair_rows(i, pair, d, show)]
    return rows


def diff_rows(diffs: Any, show: PathShow = as_given) -> list[dict[str, Any]]:
    """``positions diff``: for each diff (an actor, an old and a new period), a ``diff`` row
    (the articles where each period is one article), a ``concept``
    row per concept in scope (``change``: gained, dropped or kept; ``reworded`` and
    ``flipped`` for a kept one whose wordings or polarity changed; each side's polarity and
    wordings), then for each aligned passage pair (``pair``: its index in
    the diff) a ``pair`` row, its word operations (``op`` rows: ``=``, ``-``, ``+``) and the
    sentences that moved in it (``move`` rows)."""
    return list(iter_diff_rows(diffs, show))


def iter_diff_rows(diffs: Any, show: PathShow = as_given) -> Iterator[dict[str, Any]]:
    """:func:`diff_rows` one record at a time (a corpus diff's table, written as it is made)."""
    if isinstance(diffs, PositionDiff):
        diffs = [diffs]
    return iter_table("positions.diff/1", DIFF_COLUMNS, (r for d in diffs for r in _one_diff(d, show)))


SUMMARY_COLUMNS = (
    "schema", "actor", "by", "periods", "first_period", "last_period", "comparisons", "gained", "dropped",
    "reworded", "flipped", "biggest_old", "biggest_new", "biggest_size", "biggest_changes",
)  # fmt: skip


def summary_rows(overview: Any) -> list[dict[str, Any]]:
    """``positions diff --summary``: one row per actor
    (:func:`positions.render.overview.overview_records`)."""
    from .overview import overview_records

    return table("positions.diff-summary/1", SUMMARY_COLUMNS, overview_records(overview))


# --------------------------------------------------------------------------------------
# positions timeline, positions compare

TIMELINE_COLUMNS = (
    "schema", "record", "by", "role", "actor", "concept", "period", "count", "statements", "articles",
    "polarity", "surfaces", "wording", "normalized", "first", "last",
)  # fmt: skip


def timeline_rows(tl: Timeline) -> list[dict[str, Any]]:
    """``positions timeline``: a ``cell`` row per actor, concept and period with the
    concept, a ``wording`` row per actor, concept and wording (its count, first and last
    period), and an ``active`` row per actor and period in which it has statements (where an
    actor is active and a concept has no cell, the count is zero, not unknown)."""
    head = {"by": tl.by, "role": tl.role}
    rows: list[dict[str, Any]] = []
    for r in tl.rows:
        rows += [{**head, "record": "cell", "actor": r.actor, "concept": r.concept, "period": c.period.key,
                  "count": c.count, "statements": c.statements, "articles": c.articles, "polarity": c.polarity,
                  "surfaces": [display_text(s) for s in c.surfaces]} for c in r.cells]  # fmt: skip
    for r in tl.rows:
        rows += [{**head, "record": "wording", "actor": r.actor, "concept": r.concept,
                  "wording": display_text(v.surface), "normalized": v.normalized, "count": v.count,
                  "first": v.first, "last": v.last, "polarity": v.polarity} for v in r.variants]  # fmt: skip
    rows += [{**head, "record": "active", "actor": a, "period": k} for a, keys in tl.active for k in keys]
    return table("positions.timeline/1", TIMELINE_COLUMNS, rows)


COMPARE_COLUMNS = (
    "schema", "record", "period", "by", "role", "actor", "concept", "count", "statements", "polarity", "surfaces",
)  # fmt: skip


def comparison_rows(cmp: Comparison) -> list[dict[str, Any]]:
    """``positions compare``: a ``cell`` row per actor and concept held in the period, and an
    ``absent`` row per actor with no statement in it."""
    head = {"period": cmp.period.key if cmp.period else None, "by": cmp.by, "role": cmp.role}
    rows: list[dict[str, Any]] = [
        {**head, "record": "cell", "actor": c.actor, "concept": c.concept, "count": c.count,
         "statements": c.statements, "polarity": c.polarity, "surfaces": [display_text(s) for s in c.surfaces]}
        for c in cmp.cells
    ]  # fmt: skip
    rows += [{**head, "record": "absent", "actor": a} for a in cmp.absent]
    return table("positions.compare/1", COMPARE_COLUMNS, rows)


# --------------------------------------------------------------------------------------
# positions novelty, positions diffusion

NOVELTY_COLUMNS = (
    "schema", "record", "actor", "article", "path", "date", "window", "since", "at", "standing_articles",
    "concept", "wording", "normalized", "never", "old_polarity", "new_polarity", "present", "of", "uses",
    "start", "end", "earlier_path", "earlier_date", "earlier_start", "earlier_end",
)  # fmt: skip


def _earlier(u: Any, show: PathShow) -> dict[str, Any]:
    if u is None:
        return {}
    return {"earlier_path": show(u.path), "earlier_date": u.date.iso() if u.date else None,
            "earlier_start": u.span.start, "earlier_end": u.span.end}  # fmt: skip


def _first_use(uses: tuple[Use, ...]) -> dict[str, Any]:
    return {"uses": len(uses), "start": uses[0].span.start if uses else None, "end": uses[0].span.end if uses else None}


def novelty_rows(rep: Any, show: PathShow = as_given) -> list[dict[str, Any]]:
    """``positions novelty``: per assessed article and actor, a row per finding
    (``new_wording``, ``new_concept``, ``missing``, ``flip``; ``start``/``end``: its first
    use in the article, ``uses``: how many; ``earlier_*``: the earlier use behind it) or one
    ``unchanged`` row; then an ``undated`` row per file not assessed."""
    rows: list[dict[str, Any]] = []
    for r in rep.articles:
        s = r.standing
        head = {"actor": r.actor, "article": r.article, "path": show(r.path), "date": r.date.iso(),
                "window": s.window, "since": s.since, "at": s.at, "standing_articles": len(s.appearances)}  # fmt: skip
        for w in r.new_wordings:
            rows.append({**head, "record": "new_wording", "concept": w.concept, "wording": display_text(w.surface),
                         "normalized": w.normalized, "never": w.never, **_first_use(w.uses),
                         **_earlier(w.earlier, show)})  # fmt: skip
        for c in r.new_concepts:
            rows.append({**head, "record": "new_concept", "concept": c.concept, "never": c.never,
                         **_first_use(c.uses), **_earlier(c.earlier, show)})  # fmt: skip
        for m in r.missing:
            rows.append({**head, "record": "missing", "concept": m.concept, "present": m.present, "of": m.of,
                         "uses": 0, **_earlier(m.evidence[0] if m.evidence else None, show)})  # fmt: skip
        for f in r.flips:
            rows.append({**head, "record": "flip", "concept": f.concept, "old_polarity": f.old, "new_polarity": f.new,
                         **_first_use(f.uses), **_earlier(f.evidence, show)})  # fmt: skip
        if not r.changed:
            rows.append({**head, "record": "unchanged"})
    rows += [{"record": "undated", "path": show(p)} for p in rep.undated]
    return table("positions.novelty/1", NOVELTY_COLUMNS, rows)


DIFFUSION_COLUMNS = (
    "schema", "record", "by", "role", "spread", "concept", "wording", "actor", "other", "rank", "date",
    "lag_days", "after", "lag_prev_days", "uncertain", "uses", "surface", "article", "path", "start", "end",
    "period", "concepts_jaccard", "wordings_jaccard", "shared", "change", "trend",
)  # fmt: skip


def _use(u: Any, show: PathShow) -> dict[str, Any]:
    return {"surface": display_text(u.surface), "article": u.article, "path": show(u.path),
            "date": u.date.iso() if u.date else None, "start": u.span.start, "end": u.span.end}  # fmt: skip


def diffusion_rows(d: Any, show: PathShow = as_given) -> list[dict[str, Any]]:
    """``positions diffusion``: per concept or wording (``spread``: concept or wording), a
    ``first`` row per actor's first use in order of adoption, a ``silent`` row per actor heard
    afterwards who never used it, an ``undated_use`` row per undated use; a ``convergence``
    row per pair of actors (``actor``, ``other``) and period; an ``undated`` row per undated
    article."""
    head = {"by": d.by, "role": d.role}
    rows: list[dict[str, Any]] = []
    for s in d.spreads:
        what = {**head, "spread": s.kind, "concept": s.concept,
                "wording": display_text(s.surface) if s.kind == "wording" else None}  # fmt: skip
        rows += [{**what, "record": "first", "actor": f.actor, "rank": f.rank, **_use(f.use, show),
                  "lag_days": f.lag_days, "after": f.after, "lag_prev_days": f.lag_prev_days,
                  "uncertain": f.uncertain, "uses": f.uses} for f in s.firsts]  # fmt: skip
        rows += [{**what, "record": "silent", "actor": a} for a in s.silent]
        rows += [{**what, "record": "undated_use", "actor": u.actor, **_use(u, show)} for u in s.undated]
    for c in d.convergence:
        rows += [{**head, "record": "convergence", "actor": c.a, "other": c.b, "period": p.period,
                  "concepts_jaccard": p.concepts, "wordings_jaccard": p.wordings, "shared": list(p.shared),
                  "change": p.change, "trend": c.trend} for p in c.points]  # fmt: skip
    rows += [{**head, "record": "undated", "path": show(p)} for p in d.undated]
    return table("positions.diffusion/1", DIFFUSION_COLUMNS, rows)
