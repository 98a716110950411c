"""Block quotes of commentary and analysis pages.

A think-tank commentary sets an expert's words apart as an **indented paragraph** after a
paragraph that introduces them and ends with a colon ("Thomas Reid, who negotiated with
Pyongyang in the 1990s, was blunt:", "The core of his text is worth setting out in full:").
The indented paragraph is one ``direct`` statement of the person the introduction names: the
name that opens its last sentence (a speaker phrase before a comma or a verb), else the
person a possessive or subject pronoun of that sentence refers to ("his text": resolved like
"he said", to the speaker before). An introduction that names nobody makes no statement.
The paragraph's indentation is read in the original text (normalization drops it).

    >>> from positions.actors import load_gazetteer
    >>> t = "Ana Diaz, a fellow at a Madrid institute, was blunt:\\n\\nIt will not hold."
    >>> block_ref(t, 0, t.index(":") + 1, load_gazetteer()).speaker.name
    'Ana Diaz'
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from ..actors import Gazetteer
from ..model import Span
from .records import Draft
from .speakers import SpeakerRef, parse_speaker

__all__ = ["block_ref", "block_draft", "indented_in"]

_INDENT_RE = re.compile(r"(?:\n|^)(?: {2,}|\t)[ \t]*$")
_SENTENCE_RE = re.compile(r"[.!?][\"'’”)]*\s+(?=[\"'‘“(]?[A-Z])")
_OPENING_NAME_RE = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){1,5})"
    r"(?=,|[ \t]+(?:was|is|were|said|says|sees|saw|put|puts|wrote|writes|told|tells|argued|argues|added|adds|warned|warns|explained|explains|replied|replies|responded|noted|notes)\b)"
)
_PRONOUN_RE = re.compile(r"\b(?P<p>his|her|he|she)\b", re.I)


def block_ref(text: str, a: int, b: int, gz: Gazetteer) -> Optional[SpeakerRef]:
    """The speaker an introduction ``text[a:b]`` (ending with a colon) names, or None."""
    start = a
    for s in _SENTENCE_RE.finditer(text, a, b):
        start = s.end()
    named = _OPENING_NAME_RE.match(text, start, b)
    if named is not None:
        ref = parse_speaker(named.group("name"), gz)
        if ref is not None and ref.ref is None and (ref.speaker.name or ref.speaker.role):
            return ref
    p = _PRONOUN_RE.search(text, start, b)
    if p is not None:
        return parse_speaker("he" if p.group("p").lower() in ("his", "he") else "she", gz)
    return None


def block_draft(text: str, indented: Callable[[int], bool], before: Optional[Span], para: Span, gz: Gazetteer) -> Optional[Draft]:
    """The statement of an indented paragraph ``para`` after an introduction ``before``
    that ends with a colon, or None. ``indented(pos)`` says whether the paragraph starting
    at ``pos`` is indented in the original."""
    if before is None or not text[before.start : before.end].rstrip().endswith(":") or not indented(para.start):
        return None
    ref = block_ref(text, before.start, before.end, gz)
    if ref is None:
        return None
    end = para.end
    while end > para.start and text[end - 1].isspace():
        end -= 1
    colon = text.rindex(":", before.start, before.end)
    return Draft([Span(para.start, end)], "direct", ref, Span(colon, colon + 1), note="an indented block quote after its introduction")


def indented_in(orig: str, to_original: Callable[[int], int]) -> Callable[[int], bool]:
    """Whether the paragraph at a normalized position opens with an indent in ``orig``."""

    def indented(pos: int) -> bool:
        o = to_original(pos)
        return _INDENT_RE.search(orig, max(0, o - 12), o) is not None

    return indented
