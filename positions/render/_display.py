"""What the human-readable formats share: display operations, labels and locations."""

from __future__ import annotations

import re
from typing import Any, Mapping

from ..diff import concept_polarities
from ..model import PositionDiff, Snapshot

_WS_RE = re.compile(r"\s+")


def display_ops(ops: list[list[str]]) -> list[tuple[str, str]]:
    """Operations for reading: whitespace runs shown as one space, whitespace-only changes
    (re-wrapped lines) shown as plain space, neighbours of one kind merged."""
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
        else:
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
        return record["label"].replace("\\", "/").rsplit("/", 1)[-1]
    return record["period"]


def location(path: str | None, span: list[int] | None) -> str:
    if path is None or span is None:
        return ""
    return f"{path}:{span[0]}-{span[1]}"


def concept_label(diff: PositionDiff, concept: str, side: str, *, wording: bool = False) -> str:
    """A concept id, with its polarity when it is not simply affirmed and, with ``wording``,
    the words that expressed it (first surface of each normalized form): a gained concept
    reads ``phased "gradually", "phased"``."""
    snap: Snapshot = diff.new if side == "new" else diff.old
    markers = _markers(snap)
    pol = concept_polarities(markers).get(concept, "affirmed")
    label = concept if pol == "affirmed" else f"{concept} ({pol})"
    if wording:
        forms: dict[str, str] = {}
        for m in markers:
            if m.concept == concept:
                forms.setdefault(m.normalized or m.surface.casefold(), _WS_RE.sub(" ", m.surface))
        label += " " + ", ".join(f'"{forms[k]}"' for k in sorted(forms))
    return label


def _markers(snap: Snapshot) -> list:
    markers = snap.markers or tuple(m for st in snap.statements for m in st.markers)
    return [m for m in markers if m.in_scope]
