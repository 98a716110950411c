"""Interviews and podcasts inside news pages: the label forms a newspaper's Q&A and a
podcast transcript add to ``transcripts.py``.

- **The interviewee's surname** as a label ("Lee: We are not waiting."): a single word is
  a speaker label when a name of two or more words in the text before it opens or ends on
  that word ("Unification Minister Lee In-young said …") and the word labels at least two
  line starts (a newspaper's "Note:" or "Seoul:" does not);
- **clips** of a podcast or broadcast ("[CLIP] NAME, TITLE:"): the clip's label names its
  speaker and title, read as a speaker phrase ("Koo Byoung-sam, South Korean Unification
  Ministry Spokesman");
- **the host**, who introduces themself by full name ("I'm Jenna Park", not the
  President's "Welcome to the White House"), speaks no statement of their own: their turns are narration, read by the other
  rules like a news paragraph (a host's 'X said: "…"' is X's statement);
- a turn that only thanks ("Thank you.") after a question that only thanks closes an
  interview: no statement (after a real question, "Thank you." is an answer, as the
  realdev gold of briefings counts it);
- a minister whose ministry is a known institution takes its state ("Unification Minister
  Lee In-young": the Ministry of Unification is South Korea's).

All scans are single passes over the text (no pattern can split the same text two ways).

    >>> t = "Minister Kim Dae-ho spoke to us.\\nQ: Why?\\nKim: Because.\\nQ: And?\\nKim: Yes."
    >>> sorted(surname_labels(t, 0, len(t)))
    ['Kim']
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

from ..actors import Gazetteer
from ..model import Speaker

__all__ = ["surname_labels", "clip_label", "is_host_turn", "thanks_only", "ministry_country"]

_NAME_RE = re.compile(r"(?<![\w'’\-])[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*)+")
_LINE_LABEL_RE = re.compile(r"^[ \t]*([A-Z][a-z'’\-]+):[ \t]", re.M)
_NOT_NAMES = frozenset(
    "note notes source sources photo photos update updated editor editors correction related read see "
    "tags topics share video audio transcript summary background context".split()
)


def surname_labels(text: str, a: int, b: int) -> dict[str, int]:
    """Single words that label two or more line starts of ``text[a:b]`` and are a word
    of a name of two or more capitalized words before their first label: word → the position
    from which the word is a label (after that name)."""
    counts: dict[str, int] = {}
    first_label: dict[str, int] = {}
    for m in _LINE_LABEL_RE.finditer(text, a, b):
        w = m.group(1)
        counts[w] = counts.get(w, 0) + 1
        first_label.setdefault(w, m.start(1))
    words = {w for w, n in counts.items() if n >= 2 and w.lower() not in _NOT_NAMES}
    if not words:
        return {}
    named: dict[str, int] = {}
    for m in _NAME_RE.finditer(text, a, b):
        parts = m.group(0).split()
        for w in parts:
            if w in words and w not in named and m.end() <= first_label[w]:
                named[w] = m.end()
    return named


_CLIP_RE = re.compile(
    r"[ \t]*[\[(](?:CLIP|AUDIO CLIP|VIDEO CLIP|SOUNDBITE|SOUND BITE|SOT)[\])][ \t]+"
    r"(?P<label>[A-Z][A-Z'’.\-]*(?:[ \t]+[A-Z][A-Z'’.\-]*){0,4},[ \t]+[A-Z][\w'’.\-]*(?:[ \t]+[\w'’.\-]+){0,9})[ \t]*"
)


def clip_label(text: str, ls: int, end: int) -> Optional[int]:
    """The start of a clip's label ("KOO BYOUNG-SAM, SOUTH KOREAN … SPOKESMAN") when the
    line ``text[ls:end]`` (up to the label's colon) is "[CLIP] NAME, TITLE"."""
    m = _CLIP_RE.fullmatch(text, ls, end)
    return m.start("label") if m else None


_HOST_RE = re.compile(r"\b(?:I['’]m|I[ \t]+am|[Tt]his[ \t]+is)[ \t]+")


def is_host_turn(turn: str, name: Optional[str]) -> bool:
    """Whether a turn is a host's: its speaker introduces themself by the full name the
    label gives ("I'm Jenna Park")."""
    if name is None or len(name.split()) < 2:
        return False
    head = turn[:400]
    return any(head.startswith(name, m.end()) for m in _HOST_RE.finditer(head))


_THANKS_RE = re.compile(r"\s*(?:Thank[ \t]+you(?:[ \t]+(?:very|so)[ \t]+much)?|Thanks)(?:[ \t]+(?:again|too))?[.!]?\s*")


def thanks_only(text: str, s: int, e: int) -> bool:
    """Whether the turn ``text[s:e]`` only thanks ("Thank you.", "Thanks again.")."""
    return _THANKS_RE.fullmatch(text, s, e) is not None


def ministry_country(sp: Speaker, gz: Gazetteer) -> Speaker:
    """A minister of no stated state whose ministry is a known institution takes its state:
    "unification minister" → the Ministry of Unification's (KOR)."""
    role = (sp.role or "").split()
    if sp.country is not None or len(role) < 2 or role[-1] != "minister":
        return sp
    country = gz.country_of(" ".join(role[:-1] + ["ministry"]))
    return attrs.evolve(sp, country=country) if country else sp
