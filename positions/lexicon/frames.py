"""Frames: a concept expressed by a predicate and an object within one clause, not a fixed phrase.

"North Korea must abandon its nuclear weapons", "Pyongyang should dismantle its nuclear
programmes", "the dismantlement of the DPRK's nuclear facilities" and "its nuclear arsenal
will never be given up" are one meaning in many wordings. A frame says it once:

.. code-block:: toml

    [[concepts.frames]]
    name = "give up nuclear weapons"
    predicates = ["abandon*", "dismantl*", "give up", "forgo", "scrap*"]
    objects = ["nuclear ..2 weapon*", "nuclear ..3 program*", "nuclear arsenal"]
    actors = ["PRK"]      # optional: a name of one of these states in the clause
    window = 8            # optional: at most this many words between predicate and object
    ordered = false       # optional: true where the predicate must come first
    except = ["iran*"]    # optional: words in the frame's span that cancel it

Predicates and objects are ordinary patterns (stems, ``*`` globs, ``..N`` gaps), so
nominalisations are listed as patterns ("dismantl*" covers dismantle, dismantling,
dismantlement). A frame matches where a predicate and an object stand in either order with
at most ``window`` words between them, in one clause (no ``;`` or ``:`` and no clause-opening
but/whereas/while/although/however between them). With ``actors``, the clause around them
(15 words before, 8 after, up to ``;`` or ``:``) must name one of those states as the
gazetteer resolves names ("North Korea", "the DPRK", "Pyongyang", "Kim Jong Un"), or say
we/our/us in a document of one of them (the speaker's own country). The marker's span runs
from the first to the last word of predicate and object; its ``pattern`` is ``frame NAME``
and its ``steps`` end with the evidence: ``frame: NAME``, ``predicate: ...``,
``object: ...`` and ``actor: 'North Korea' = PRK``.

Frames are found after the phrase patterns and neither supersede nor are superseded by
other concepts; a frame match that overlaps a pattern match of its own concept is dropped
(the pattern says it already).
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence

import attrs

from ..model import Span
from .matcher import Hit
from .patterns import Pattern
from .tokens import Word

__all__ = ["Frame", "FrameMatch", "FRAME_TAG", "frame_part", "find_frames", "DEFAULT_WINDOW", "MAX_WINDOW"]

# ``(text, start, end) -> [(surface, ISO alpha-3)]``: the state names in a stretch of text.
CountryOf = Callable[[str, int, int], list[tuple[str, str]]]

DEFAULT_WINDOW = 6
MAX_WINDOW = 10
FRAME_TAG = "\x00frame"
"""Concept ids of the compiled frame parts start with this (they are never markers)."""

_ACTOR_BEFORE = 15
_ACTOR_AFTER = 10
_FIRST_PERSON = frozenset("we our us ours ourselves".split())
_CLAUSE_WORDS = frozenset("but whereas while although though however".split())


@attrs.frozen
class Frame:
    """A predicate class, an object class and an optional actor slot that express a concept."""

    name: str
    concept: str
    predicates: tuple[str, ...]
    objects: tuple[str, ...]
    actors: tuple[str, ...] = ()  # ISO alpha-3: one of these must be named in the clause
    window: int = DEFAULT_WINDOW  # most words between predicate and object
    exceptions: tuple[str, ...] = ()  # patterns inside the frame's span that cancel it
    ordered: bool = False  # the predicate must come first


@attrs.frozen
class FrameMatch:
    """A frame found in a word list: words ``[start, end)``, with the evidence."""

    frame: Frame
    start: int
    end: int
    predicate: Hit  # the predicate pattern's hit
    object: Hit  # the object pattern's hit
    actor: Optional[str] = None  # "'North Korea' = PRK", where the frame has actors

    def evidence(self, patterns: Sequence[Pattern]) -> tuple[str, ...]:
        """What matched and why, for ``Marker.steps``."""
        out = [f"frame: {self.frame.name}", f"predicate: {patterns[self.predicate.pattern].text}",
               f"object: {patterns[self.object.pattern].text}"]  # fmt: skip
        if self.actor:
            out.append(f"actor: {self.actor}")
        return tuple(out)


def frame_part(index: int, part: str) -> str:
    """The concept id given to the compiled patterns of part ``part`` (pred, obj, except) of
    frame ``index`` of a lexicon."""
    return f"{FRAME_TAG}:{index}:{part}"


def find_frames(
    frames: Sequence[Frame],
    parts: Sequence[Hit],
    patterns: Sequence[Pattern],
    words: Sequence[Word],
    text: str,
    *,
    country: Optional[str] = None,
    country_of: Optional[CountryOf] = None,
) -> list[FrameMatch]:
    """The frame matches among the frame-part hits ``parts`` of ``words``.

    ``text`` is the text the words' spans index (the normalized text). ``country_of(text,
    start, end)`` lists ``(surface, ISO alpha-3)`` for the state names in a stretch of it
    (the gazetteer's); ``country`` is the document's own country, for we/our/us.
    """
    by_part: dict[tuple[int, str], list[Hit]] = {}
    for h in parts:
        _, n, part = patterns[h.pattern].concept.rsplit(":", 2)
        by_part.setdefault((int(n), part), []).append(h)
    out: list[FrameMatch] = []
    for k, frame in enumerate(frames):
        preds = by_part.get((k, "pred"))
        objs = by_part.get((k, "obj"))
        if not preds or not objs:
            continue
        blockers = by_part.get((k, "except"), [])
        found: list[FrameMatch] = []
        for o in objs:
            best: Optional[tuple[int, Hit]] = None
            for p in preds:
                if p.end <= o.start:
                    gap = o.start - p.end
                elif o.end <= p.start and not frame.ordered:
                    gap = p.start - o.end
                else:
                    continue
                if gap > frame.window or (best is not None and gap >= best[0]):
                    continue
                lo, hi = min(p.end, o.end), max(p.start, o.start)
                if not _one_clause(words, text, lo, hi):
                    continue
                best = (gap, p)
            if best is None:
                continue
            p = best[1]
            start, end = min(p.start, o.start), max(p.end, o.end)
            if any(b.start < end and start < b.end for b in blockers):
                continue
            actor = None
            if frame.actors:
                actor = _actor(frame, words, text, start, end, country, country_of)
                if actor is None:
                    continue
            found.append(FrameMatch(frame, start, end, p, o, actor))
        # within a frame, the longest wins, then the earliest
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        for m in found:
            if all(m.end <= t.start or t.end <= m.start for t in out if t.frame.concept == frame.concept):
                out.append(m)
    out.sort(key=lambda m: (m.start, m.end))
    return out


def _one_clause(words: Sequence[Word], text: str, lo: int, hi: int) -> bool:
    """No clause break between word ``lo - 1`` and word ``hi``."""
    if hi <= lo:
        return True
    between = text[words[lo - 1].span.end : words[hi].span.start]
    if ";" in between or ":" in between:
        return False
    return not any(words[i].lower in _CLAUSE_WORDS for i in range(lo, hi))


def _actor(frame: Frame, words: Sequence[Word], text: str, start: int, end: int,
           country: Optional[str], country_of: Optional[CountryOf]) -> Optional[str]:  # fmt: skip
    first = max(0, start - _ACTOR_BEFORE)
    last = min(len(words), end + _ACTOR_AFTER)
    # the clause: cut at ; or : on either side
    for i in range(start - 1, first - 1, -1):
        gap = text[words[i].span.end : words[i + 1].span.start]
        if ";" in gap or ":" in gap:
            first = i + 1
            break
    for i in range(end, last):
        gap = text[words[i - 1].span.end : words[i].span.start]
        if ";" in gap or ":" in gap:
            last = i
            break
    if first >= last:
        return None
    if country_of is not None:
        for surface, iso in country_of(text, words[first].span.start, words[last - 1].span.end):
            if iso in frame.actors:
                return f"{surface!r} = {iso}"
    if country in frame.actors:
        for i in range(first, last):
            if words[i].lower in _FIRST_PERSON:
                return f"{words[i].plain!r} = {country} (the document's own country)"
    return None


def span_of(words: Sequence[Word], start: int, end: int) -> Span:
    """The span of words ``[start, end)``."""
    return Span(words[start].span.start, words[end - 1].span.end)
