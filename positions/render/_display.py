"""What the human-readable formats share: display operations, labels and locations."""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from pathlib import PurePath
from typing import Any, Callable, Mapping, Optional, Sequence

from ..model import PositionDiff, Snapshot, Span, Statement

PathShow = Callable[[Optional[str]], Optional[str]]
"""How a record shows an article's path (:func:`path_shower` makes one)."""


def as_given(path: Optional[str]) -> Optional[str]:
    """The :data:`PathShow` that shows a path as it is."""
    return path

_WS_RE = re.compile(r"\s+")


def display_ops(ops: list[list[str]]) -> list[tuple[str, str]]:
    """Operations for reading: whitespace runs shown as one space, whitespace-only changes
    (re-wrapped lines) shown as plain space, neighbours of one kind merged, and one space
    where two operations meet with a space on each side.

    >>> display_ops([["=", "the peace"], ["-", ", "], ["=", " we said"]])
    [('=', 'the peace'), ('-', ', '), ('=', 'we said')]
    """
    out: list[tuple[str, str]] = []
    for op, text in ops:
        if text.isspace():
            if op == "-":
                continue
            op = "="
        text = _WS_RE.sub(" ", text)
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    merged: list[tuple[str, str]] = []
    for op, text in out:  # "+ ' '" turned "=" may now sit beside an "=": join, squeeze spaces
        if merged and merged[-1][0] == op:
            merged[-1] = (op, _WS_RE.sub(" ", merged[-1][1] + text))
            continue
        if merged and merged[-1][1][-1:] == " " and text[:1] == " ":
            text = text[1:]  # one space between two operations, not one from each side
            if not text:
                continue
        merged.append((op, text))
    return merged


def squeeze(text: str) -> str:
    """Whitespace runs as one space (surfaces written across a line break)."""
    return _WS_RE.sub(" ", text).strip()


def split_space(text: str) -> tuple[str, str, str]:
    """Leading space, core, trailing space: markup goes round the core only."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    return lead, core, trail


def period_label(record: Mapping[str, Any]) -> str:
    if record["kind"] == "article":  # the file name; the full path is listed below
        label: str = record["label"]
        return label.replace("\\", "/").rsplit("/", 1)[-1]
    period: str = record["period"]
    return period


def pair_head(pair: Mapping[str, Any]) -> str:
    """The heading of one pair record: "new passage", "gone passage" or its similarity.

    >>> pair_head({"old_text": None, "new_text": "x", "similarity": 0.0})
    'new passage'
    >>> pair_head({"old_text": "a", "new_text": "b", "similarity": 0.25})
    'similarity 0.25'
    """
    if pair["old_text"] is None:
        return "new passage"
    if pair["new_text"] is None:
        return "gone passage"
    return f"similarity {pair['similarity']:.2f}"


def move_head(pair: Mapping[str, Any], move: Mapping[str, Any]) -> str:
    """The heading of a sentence that moved inside a pair, with both its places.

    >>> move_head({"old_article": "a.txt", "new_article": "b.txt"},
    ...           {"old_span": [10, 40], "new_span": [0, 35], "similarity": 0.5})
    'moved: old a.txt:10-40 -> new b.txt:0-35, similarity 0.50'
    """
    old = location(pair["old_article"], move["old_span"])
    new = location(pair["new_article"], move["new_span"])
    return f"moved: old {old} -> new {new}, similarity {move['similarity']:.2f}"


def location(path: str | None, span: list[int] | None) -> str:
    if path is None or span is None:
        return ""
    return f"{path}:{span[0]}-{span[1]}"


def concept_label(diff: PositionDiff, concept: str, side: str, *, wording: bool = False) -> str:
    """A concept id, with its polarity when it is not simply affirmed and, with ``wording``,
    the words that expressed it (first surface of each normalized form): a gained concept
    reads ``phased "gradually", "phased"``. Read from the diff's ``old_held``/``new_held``
    (:func:`positions.track.held_concepts`)."""
    held = next((h for h in (diff.new_held if side == "new" else diff.old_held) if h.concept == concept), None)
    pol = held.polarity if held else "affirmed"
    label = concept if pol == "affirmed" else f"{concept} ({pol})"
    if wording:
        label += " " + ", ".join(f'"{w}"' for w in (held.wordings if held else ()))
    return label


def article_path(snapshot: Snapshot, article_id: str) -> str:
    """The path of one of a snapshot's articles (its id when the path is not known)."""
    for aid, path in zip(snapshot.articles, snapshot.paths):
        if aid == article_id:
            return path
    return article_id


def passage_text(st: Optional[Statement], span: Optional[Span]) -> Optional[str]:
    """The aligned passage of a statement: a slice of its text where the span lies in it."""
    if st is None:
        return None
    if span is None or span == st.span or len(st.text) != len(st.span) or not st.span.contains(span):
        return st.text
    return span.shift(-st.span.start).slice(st.text)


def path_shower(roots: Sequence[str] = (), *, relative: bool = True) -> PathShow:
    """How a path is shown: under one of ``roots`` (corpus directories), as
    ``<root name>/<rest>`` (the bundled corpus: ``korea/2003-08-27-tass-losyukov.txt``,
    wherever it is installed); else, with ``relative``, relative to the current directory
    when it lies under it; else as given.

    >>> show = path_shower(["/data/corpus/korea"], relative=False)
    >>> show("/data/corpus/korea/a.txt"), show("b.txt")
    ('korea/a.txt', 'b.txt')
    """
    cwd = os.path.abspath(os.getcwd()) if relative else None
    bases = [os.path.abspath(r) for r in roots]

    def show(path: Optional[str]) -> Optional[str]:
        if path is None or not os.path.isabs(path):
            return path
        norm = os.path.normpath(path)
        for base in bases:
            if _under(norm, base):
                return PurePath(os.path.basename(base), os.path.relpath(norm, base)).as_posix()
        if cwd is not None and _under(norm, cwd):
            return PurePath(os.path.relpath(norm, cwd)).as_posix()
        return path

    return show


def _under(path: str, base: str) -> bool:
    return path.startswith(base.rstrip(os.sep) + os.sep)


def display_lines(
    old_text: Optional[str], new_text: Optional[str], ops: list[list[str]], blocks: Sequence[tuple[Span, Span]] = ()
) -> list[list[tuple[str, str]]]:
    """:func:`display_ops` cut into lines, one per sentence block of the pair's diff
    (:attr:`positions.model.TextDiff.blocks`, as :func:`positions.diff.diff_passages` aligned
    them): a sentence pair, or sentences deleted or inserted whole. One line when either side
    is missing or the passages are one block."""
    if not old_text or not new_text:
        return [display_ops(ops)]
    cuts = [(x.start, y.start) for x, y in blocks[1:]]
    if not cuts:
        return [display_ops(ops)]
    starts = set(cuts)
    # The blocks run in order on both sides, so the cuts' offsets never decrease: the cuts
    # inside one operation are found by bisection (a long pair has thousands of each).
    cut_a, cut_b = [ca for ca, _ in cuts], [cb for _, cb in cuts]
    lines: list[list[list[str]]] = [[]]
    a = b = 0
    for op, text in ops:
        n = len(text)
        a1, b1 = (a + n if op != "+" else a), (b + n if op != "-" else b)
        inner = []
        if op == "+":
            near = cuts[bisect_right(cut_b, b) : bisect_left(cut_b, b1)]
        else:
            near = cuts[bisect_right(cut_a, a) : bisect_left(cut_a, a1)]
        for ca, cb in near:
            if op == "=" and a < ca < a1 and cb - b == ca - a:
                inner.append(ca - a)
            elif op == "-" and a < ca < a1 and cb == b:
                inner.append(ca - a)
            elif op == "+" and b < cb < b1 and ca == a:
                inner.append(cb - b)
        if (a, b) in starts and lines[-1]:
            lines.append([])
        prev = 0
        for k in inner:
            lines[-1].append([op, text[prev:k]])
            lines.append([])
            prev = k
        lines[-1].append([op, text[prev:]])
        a, b = a1, b1
    return [display_ops(line) for line in lines if line]


def with_blocks(rec: Mapping[str, Any], diff: PositionDiff) -> list[dict[str, Any]]:
    """The pair records of ``rec`` (:func:`positions.render.json.diff_record` of ``diff``),
    each with the sentence ``blocks`` of its diff, for :func:`display_lines`."""
    return [{**p, "blocks": pr.diff.blocks if pr.diff else ()} for p, pr in zip(rec["pairs"], diff.pairs)]


def select_pairs(pairs: list[dict[str, Any]], all_passages: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Pair records to show and those left out: without ``all_passages``, new and gone
    passages with no in-scope concept are left out (aligned pairs are always shown)."""
    if all_passages:
        return list(pairs), []
    shown: list[dict[str, Any]] = []
    hidden: list[dict[str, Any]] = []
    for p in pairs:
        aligned = p["old_text"] is not None and p["new_text"] is not None
        (shown if aligned or p["old_concepts"] or p["new_concepts"] else hidden).append(p)
    return shown, hidden


def hidden_note(hidden: list[dict[str, Any]]) -> str:
    """"2 new and 1 gone passage without an in-scope concept not shown (--all-passages)"."""
    if not hidden:
        return ""
    new = sum(1 for p in hidden if p["old_text"] is None)
    gone = len(hidden) - new
    parts = [f"{n} {kind}" for n, kind in ((new, "new"), (gone, "gone")) if n]
    noun = "passage" if len(hidden) == 1 else "passages"
    return f"{' and '.join(parts)} {noun} without an in-scope concept not shown; --all-passages shows them"
