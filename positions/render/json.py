"""Position diffs as nested plain dicts (the shape the text, Markdown and HTML renderers
read), and as data: :func:`render_diffs` writes the flat records of
:mod:`positions.render.change_tables` (JSON, JSON Lines or CSV; docs/formats.md).

The nested shape, per diff::

    {"actor": "RUS",
     "old": {"kind": "year", "period": "2018", "label": "2018",
             "articles": [{"id": "…", "path": "…"}]},
     "new": {…},
     "gained": ["roadmap"], "dropped": [], "kept": ["dialogue", "phased"],
     "shifts": [{"concept": "phased", "old": ["step-by-step"], "new": ["phased"]}],
     "polarity_flips": [{"concept": "sanctions_relief", "old": "negated", "new": "affirmed"}],
     "pairs": [{"old_article": "a.txt", "new_article": "b.txt",
                "old_text": "…", "new_text": "…", "old_span": [0, 37], "new_span": [60, 91],
                "similarity": 0.4167, "ops": [["=", "Moscow backs a "], ["-", "…"], ["+", "…"]],
                "moves": [{"old_span": [10, 30], "new_span": [60, 75], "old_text": "…",
                           "new_text": "…", "similarity": 0.5, "ops": [["=", "…"]]}],
                "old_concepts": ["phased"], "new_concepts": ["phased"]}]}

``old_article``/``new_article`` (the article paths) make each pair traceable when a period
holds several articles; a new passage has ``null`` old fields, a gone one ``null`` new fields.
``moves`` are the sentences that moved inside a pair (deleted in one place, inserted in
another; see ``docs/diff.md``), with their spans in the articles.
``old_concepts``/``new_concepts`` are the in-scope concepts of each passage. Pairs come first,
then new passages, then gone ones.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional, Sequence

from ..model import Move, PositionDiff, Snapshot, Span, StatementPair
from ._display import PathShow, article_path, as_given, passage_text, path_shower
from .change_tables import DIFF_COLUMNS, iter_diff_rows
from .writers import iter_records, write_records

__all__ = ["diff_record", "snapshot_record", "render_diffs", "iter_render_diffs", "article_path"]


def snapshot_record(snapshot: Snapshot, show: PathShow = as_given) -> dict[str, Any]:
    paths = list(snapshot.paths) + [None] * (len(snapshot.articles) - len(snapshot.paths))
    return {
        "kind": snapshot.period.kind,
        "period": snapshot.period.key,
        "label": show(snapshot.period.label) if snapshot.period.kind == "article" and snapshot.period.label else (snapshot.period.label or snapshot.period.key),
        "articles": [{"id": a, "path": show(p)} for a, p in zip(snapshot.articles, paths)],
    }


def pair_record(pair: StatementPair, old: Snapshot, new: Snapshot, show: PathShow = as_given) -> dict[str, Any]:
    old_span = pair.old_span or (pair.old.span if pair.old else None)
    new_span = pair.new_span or (pair.new.span if pair.new else None)
    return {
        "old_article": show(article_path(old, pair.old.article)) if pair.old else None,
        "new_article": show(article_path(new, pair.new.article)) if pair.new else None,
        "old_text": passage_text(pair.old, old_span),
        "new_text": passage_text(pair.new, new_span),
        "old_span": old_span.as_list() if old_span else None,
        "new_span": new_span.as_list() if new_span else None,
        "similarity": round(pair.similarity, 4),
        "ops": [[op.op, op.text] for op in pair.diff.ops] if pair.diff else [],
        "moves": [move_record(m, old_span, new_span) for m in pair.diff.moves] if pair.diff else [],
        "old_concepts": list(pair.old_concepts),
        "new_concepts": list(pair.new_concepts),
    }


def move_record(move: Move, old_span: Optional[Span], new_span: Optional[Span]) -> dict[str, Any]:
    """A sentence that moved inside a pair of passages: its two spans in the articles (the
    passages' offsets plus the sentence's), its two texts, and the word diff between them."""
    da = old_span.start if old_span else 0
    db = new_span.start if new_span else 0
    return {
        "old_span": move.old.shift(da).as_list(),
        "new_span": move.new.shift(db).as_list(),
        "old_text": "".join(op.text for op in move.diff.ops if op.op != "+"),
        "new_text": "".join(op.text for op in move.diff.ops if op.op != "-"),
        "similarity": round(move.diff.similarity, 4),
        "ops": [[op.op, op.text] for op in move.diff.ops],
    }


def diff_record(diff: PositionDiff, show: PathShow = as_given) -> dict[str, Any]:
    """One :class:`PositionDiff` as plain data (lists and dicts, sorted as the diff is);
    ``show`` maps each article path to the one written out (as given by default)."""
    return {
        "actor": diff.actor,
        "old": snapshot_record(diff.old, show),
        "new": snapshot_record(diff.new, show),
        "gained": list(diff.gained),
        "dropped": list(diff.dropped),
        "kept": list(diff.kept),
        "shifts": [{"concept": s.concept, "old": list(s.old), "new": list(s.new)} for s in diff.shifts],
        "polarity_flips": [{"concept": f.concept, "old": f.old, "new": f.new} for f in diff.polarity_flips],
        "pairs": [pair_record(p, diff.old, diff.new, show) for p in diff.pairs],
    }


def render_diffs(diffs: Sequence[PositionDiff], *, roots: Sequence[str] = (), fmt: str = "json") -> str:
    """The flat records of ``diffs`` (:func:`positions.render.change_tables.diff_rows`, the
    table ``positions.diff/1``) as JSON, JSON Lines or CSV. Every passage is there (new and
    gone ones too, with their concepts, for a reader to filter). Paths are as given, except
    those under ``roots`` (the bundled corpus), written ``<root name>/<rest>`` so that the
    output is the same on every machine."""
    return "".join(iter_render_diffs(diffs, roots=roots, fmt=fmt))


def iter_render_diffs(diffs: Iterable[PositionDiff], *, roots: Sequence[str] = (), fmt: str = "json") -> Iterator[str]:
    """:func:`render_diffs` as pieces of text, written as the records are made (a corpus
    diff's table is never held whole: ``positions diff --format json|jsonl|csv``)."""
    show = path_shower(roots, relative=False) if roots else as_given
    return iter_records(iter_diff_rows(diffs, show), fmt, columns=DIFF_COLUMNS)
