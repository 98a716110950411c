"""Speech reported inside narration: an absolute "with" clause and a relative "who said".

Analysis pieces round off a sentence of narration with the speaker's words in a subordinate
clause rather than a main one:

- **"with X telling reporters that Y"**, X a named person (not "with several delegations
  warning that …", a UN summary's narration): "Beijing welcomed the step, with foreign ministry
  spokesman Geng Shuang telling reporters that talks were the right path" — Y is X's;
- **"X, who said (in Hanoi) that Y"** closing the sentence: "The reply came from Foreign
  Minister Sergei Lavrov, who said in Hanoi that the meeting was useful" — Y is X's (the
  speaker phrase is the longest run of words before ", who" that reads as a named or
  titled speaker).

Both are tried only when no other rule reads the frame, so a relative clause followed by a
main cue ("A diplomat, who said he was not authorised to speak, said …") keeps its reading.
Patterns are bounded (a speaker phrase of at most 120 characters, before a fixed anchor).

    >>> from positions.actors import load_gazetteer
    >>> from positions.attribution.phrases import speaker_phrase
    >>> gz = load_gazetteer()
    >>> t = "Tokyo agreed, with Prime Minister Shinzo Abe saying that the door was open"
    >>> m = WITH_RE.search(t)
    >>> t[m.end():], speaker_phrase(m.group("who"), gz).speaker.name
    ('the door was open', 'Shinzo Abe')
"""

from __future__ import annotations

import re
from typing import Callable, Optional

from ..model import Span
from .records import Draft, FrameContext
from .speakers import SpeakerRef

__all__ = ["WITH_RE", "narrated_speech"]

_PLACE = r"(?:\s+(?:on|in|at|during|after)\s+[^,;\"]{1,50}?)?"
WITH_RE = re.compile(
    r",\s+with\s+(?P<who>[^,;\"]{2,120}?)\s+(?:telling|saying|adding|noting|warning|stressing|insisting|declaring)"
    r"(?:\s+(?:reporters|journalists|a\s+news\s+conference|a\s+press\s+conference|parliament|lawmakers))?" + _PLACE + r"\s+that\s+"
)
_WHO_SAID_RE = re.compile(
    r",\s+who\s+(?:said|told\s+(?:reporters|journalists|a\s+news\s+conference|a\s+press\s+conference|lawmakers)|stated|added)" + _PLACE + r"\s+that\s+"
)
_WORD_RE = re.compile(r"\S+")
_COUNTED_RE = re.compile(r"(?i:several|many|some|most|other|others|few|a\s+few|both|all|two|three|four|five|a\s+number)\b")
"""A counted group is no named speaker ("with several delegations warning that …")."""


def narrated_speech(
    ctx: FrameContext,
    a: int,
    b: int,
    phrase_of: Callable[[str], Optional[SpeakerRef]],
    content_of: Callable[[int, int, SpeakerRef, Span], list[Draft]],
) -> list[Draft]:
    """The drafts of a frame ``[a, b)`` that carries speech in a "with X telling …" or a
    closing "X, who said that …" clause, else []."""
    masked = ctx.masked
    end = b
    while end > a and masked[end - 1] in " .!?\n":
        end -= 1
    m = WITH_RE.search(masked, a, end)
    if m is not None:
        ref = phrase_of(m.group("who"))
        if ref is not None and ref.ref is None and ref.speaker.name and not _COUNTED_RE.match(m.group("who")):
            return content_of(m.end(), end, ref, Span(m.start(), m.end()))
    m = _WHO_SAID_RE.search(masked, a, end)
    if m is None or _WHO_SAID_RE.search(masked, m.end(), end):
        return []
    words = list(_WORD_RE.finditer(masked, max(a, m.start() - 120), m.start()))
    for w in words[-8:]:
        if not w.group(0)[0].isupper():
            continue
        ref = phrase_of(masked[w.start() : m.start()])
        if ref is not None and ref.ref is None and ref.speaker.name:
            return content_of(m.end(), end, ref, Span(m.start(), m.end()))
    return []
