"""Quotations: pair the quote marks of a text the way news style uses them.

Works on normalized text, where every double mark is ``"``; the original character of each
mark (curly, guillemet, straight) says whether it opens or closes where it can. Rules:

* A mark opens after a space, a bracket or the start of a paragraph; it closes before a
  space or punctuation; a straight mark elsewhere toggles.
* A paragraph that ends inside a quote continues the quote when the next paragraph opens
  with a mark (the multi-paragraph convention); otherwise the quote ends with its paragraph.
* A stray closing mark outside a quote is ignored; an opening mark inside an open quote
  ends the open one there (a missing closing mark) and starts a new one.
* Single marks are never quotation boundaries here: they are apostrophes ("Korea's") or
  quotes nested inside a double-quoted statement, which stay part of its text.

Never raises on odd marks; linear in the text length.

    >>> t = '"We agree," he said. "Fully.'
    >>> [[p.slice(t) for p in q.parts] for q in find_quotes(t, [Span(0, len(t))])]
    [['We agree,'], ['Fully.']]
"""

from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

import attrs

from ..model import Span

__all__ = ["Quote", "find_quotes", "mask_quotes"]

_MARK_RE = re.compile('"')
_OPENERS = frozenset("\u201c\u201e\u00ab")
_CLOSERS = frozenset("\u201d\u00bb")
_BEFORE_OPEN = frozenset(" \t\n([{-:/\u2014")
_AFTER_CLOSE = frozenset(" \t\n.,;:!?)]}-")


@attrs.frozen
class Quote:
    """One quotation: its content ``parts`` (one per paragraph, marks excluded)."""

    parts: tuple[Span, ...]
    closed: bool = True

    @property
    def span(self) -> Span:
        return Span(self.parts[0].start, self.parts[-1].end)


def _kind(text: str, pos: int, start: int, end: int, original: Optional[Callable[[int], str]]) -> str:
    if original is not None:
        c = original(pos)
        if c in _OPENERS:
            return "open"
        if c in _CLOSERS:
            return "close"
    prev = text[pos - 1] if pos > start else "\n"
    nxt = text[pos + 1] if pos + 1 < end else "\n"
    if prev in _BEFORE_OPEN and nxt not in " \t\n":
        return "open"
    if nxt in _AFTER_CLOSE or nxt == '"':
        return "close"
    return "either"


def find_quotes(
    text: str,
    paragraphs: Sequence[Span],
    *,
    original_char: Optional[Callable[[int], str]] = None,
) -> list[Quote]:
    """Every quotation in ``paragraphs`` of ``text``, in text order.

    ``original_char(pos)`` gives the original character behind the mark at normalized
    position ``pos`` (so that curly marks decide direction); without it, context decides.
    """
    quotes: list[Quote] = []
    carry: list[Span] = []  # parts of a quote continuing from the previous paragraph
    for pi, para in enumerate(paragraphs):
        marks = [m.start() for m in _MARK_RE.finditer(text, para.start, para.end)]
        if carry and (not marks or marks[0] != para.start):
            quotes.append(Quote(tuple(carry), closed=False))
            carry = []
        open_at: Optional[int] = None
        for k, pos in enumerate(marks):
            if carry and k == 0:
                open_at = pos  # the continuation mark reopens the carried quote
                continue
            kind = _kind(text, pos, para.start, para.end, original_char)
            if open_at is None:
                if kind == "close":
                    continue  # stray closing mark
                open_at = pos
                continue
            if kind == "open" and pos > open_at + 1 and text[pos - 1] in " \t":
                # An opening mark inside an open quote: the open one lacked its closing mark.
                part = _trim(text, open_at + 1, pos)
                if part is not None:
                    quotes.append(Quote(tuple(carry) + (part,), closed=False))
                carry = []
                open_at = pos
                continue
            part = _trim(text, open_at + 1, pos)
            if part is not None or carry:
                quotes.append(Quote(tuple(carry) + ((part,) if part else ()), closed=True))
            carry = []
            open_at = None
        if open_at is not None:
            part = _trim(text, open_at + 1, para.end)
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if nxt is not None and text.startswith('"', nxt.start):
                if part is not None:
                    carry.append(part)
            else:
                if part is not None or carry:
                    quotes.append(Quote(tuple(carry) + ((part,) if part else ()), closed=False))
                carry = []
    if carry:
        quotes.append(Quote(tuple(carry), closed=False))
    return [q for q in quotes if q.parts]


def _trim(text: str, start: int, end: int) -> Optional[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def mask_quotes(text: str, quotes: Sequence[Quote], fill: str = "Q") -> str:
    """``text`` with every quote part replaced by ``fill`` characters (same length), so that
    patterns over the text see a quotation as one opaque word.

    >>> mask_quotes('He said "a b." Then', [Quote((Span(9, 13),))])
    'He said "QQQQ" Then'
    """
    out = []
    pos = 0
    for q in quotes:
        for p in q.parts:
            out.append(text[pos : p.start])
            out.append(fill * (p.end - p.start))
            pos = p.end
    out.append(text[pos:])
    return "".join(out)
