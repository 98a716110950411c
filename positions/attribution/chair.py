"""The chair of a UN verbatim record speaking for its own state.

"The President: I shall now make a statement in my capacity as the representative of Japan."
— the paragraphs after that sentence, up to "I now resume my functions as President", are a
``direct`` statement of Japan's representative, named from the record's cover page
("President: Mr. Oshima . . . (Japan)"). Every pattern is bounded: linear in the text.
"""

from __future__ import annotations

import re
from typing import Optional

from ..actors import Gazetteer
from ..model import Span, Speaker
from .records import Draft
from .speakers import SpeakerRef

__all__ = ["chair_name", "national_capacity"]

_CAPACITY_RE = re.compile(
    r"\bin\s+my\s+(?:national\s+)?capacity\s+as\s+(?P<role>[^.\n]{0,80}(?:\n[^.\n]{0,80}){0,2}?)\.(?=\s)"
)
"""The chair speaking for its state: "I shall now make a statement in my capacity as the
representative of Japan." (the role may wrap over a line or two of a record)."""
_RESUME_RE = re.compile(r"\s*I\s+(?:now\s+|shall\s+now\s+)?resume\s+my\s+functions\b")
_COVER_CHAIR_RE = re.compile(r"^President:[ \t]+(?P<rest>[^\n]{1,200})", re.M)


def chair_name(text: str, a: int, b: int) -> Optional[str]:
    """The presiding member's name on a record's cover page ("President: Mr. Oshima . . .
    (Japan)"), without the honorific and the leader dots."""
    m = _COVER_CHAIR_RE.search(text, a, b)
    if m is None:
        return None
    name = re.split(r"\s\.|\(", m.group("rest"), maxsplit=1)[0].strip()
    name = re.sub(r"^(?:Mr|Ms|Mrs|Dr|Sir|Dame|Lord|Baroness)\.?\s+", "", name)
    return name or None


def national_capacity(text: str, s: int, e: int, gz: Gazetteer, chair: Optional[str]) -> Optional[Draft]:
    """A chair's turn "in my capacity as the representative of Japan": the paragraphs after
    that sentence, up to "I now resume my functions as President", are a ``direct``
    statement of that state's representative (the guidelines of verbatim records)."""
    m = _CAPACITY_RE.search(text, s, e)
    if m is None:
        return None
    role = " ".join(m.group("role").split())
    state = next((x.key for x in gz.mentions(role) if x.kind == "country"), None)
    if state is None:
        return None
    start = m.end()
    while start < e and text[start].isspace():
        start += 1
    stop = e
    pos = start
    while pos < e:  # the first paragraph that resumes the chair's functions ends it
        nl = text.find("\n\n", pos, e)
        if nl == -1:
            break
        if _RESUME_RE.match(text, nl, e):
            stop = nl
            break
        pos = nl + 2
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop <= start:
        return None
    sp = Speaker(name=chair, role=role.lower(), country=state)
    why = f"the President speaking in national capacity as {role}" + (f" → {chair}, President on the cover page" if chair else "")
    return Draft([Span(start, stop)], "direct", SpeakerRef(sp, role), Span(m.start(), m.end()), note=why)
