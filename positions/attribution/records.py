"""The records the attribution stage passes between its steps, and small span helpers.

A :class:`Draft` is a statement before its speaker is resolved (normalized coordinates);
a :class:`FrameContext` is what every rule that reads a frame needs: the normalized text,
the same text with quote contents masked, the paired quotes and the gazetteer.
"""

from __future__ import annotations

import bisect
import re
from typing import Optional

import attrs

from ..actors import Gazetteer
from ..model import Span
from ..model.vocabulary import StatementKind
from .quotes import Quote
from .speakers import SpeakerRef

__all__ = ["Draft", "FrameContext", "QuotePart", "WORDS_RE", "TRIM_END", "trim_part", "drop_final_period"]

WORDS_RE = re.compile(r"[A-Za-z0-9]+")
TRIM_END = " \t\n,;:"

QuotePart = tuple[int, Span]
"""One part of a quote inside a frame: (index of the quote, the part's span)."""


@attrs.define
class Draft:
    """A statement before its speaker is resolved (normalized coordinates)."""

    parts: list[Span]
    kind: StatementKind
    ref: Optional[SpeakerRef]
    cue: Optional[Span]
    quote_ids: tuple[int, ...] = ()
    note: Optional[str] = None
    closing: bool = False  # the attribution follows the quote and ends its frame


@attrs.frozen
class FrameContext:
    """The text of one article as the frame rules read it."""

    text: str
    """The normalized text (spans of drafts point into it)."""
    masked: str
    """``text`` with every quote's contents replaced by ``Q`` (same length)."""
    quotes: tuple[Quote, ...]
    gz: Gazetteer
    _part_starts: list[int] = attrs.field(init=False)
    _part_owner: dict[int, int] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        owner: dict[int, int] = {}  # part start → quote index
        for qi, q in enumerate(self.quotes):
            for p in q.parts:
                owner[p.start] = qi
        object.__setattr__(self, "_part_owner", owner)
        object.__setattr__(self, "_part_starts", sorted(owner))

    def quotes_in(self, a: int, b: int) -> list[QuotePart]:
        """The quote parts that start in ``[a, b)``, in text order."""
        i = bisect.bisect_left(self._part_starts, a)
        out = []
        while i < len(self._part_starts) and self._part_starts[i] < b:
            start = self._part_starts[i]
            qi = self._part_owner[start]
            for p in self.quotes[qi].parts:
                if p.start == start:
                    out.append((qi, p))
            i += 1
        return out


def trim_part(text: str, p: Span) -> Optional[Span]:
    """``p`` without surrounding blanks and trailing punctuation of clauses; None if empty."""
    s, e = p.start, p.end
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in TRIM_END:
        e -= 1
    return Span(s, e) if e > s else None


def drop_final_period(text: str, p: Span) -> Span:
    """A statement's text ends before its final period (not an abbreviation's)."""
    e = p.end
    if e - 1 > p.start and text[e - 1] == "." and not text[p.start : e - 1].endswith(("U.S", "U.N", "a.m", "p.m")):
        e -= 1
        while e > p.start and text[e - 1] in TRIM_END:
            e -= 1
    return Span(p.start, e)
