"""Holders: whose position a statement states.

The rule, sentence by sentence over the statement's content:

1. Read the subject at the start of the sentence (after a short introductory adverb such
   as "In turn," or "However,"): a run of names, capitals, country adjectives with titles
   ("South Korean President Moon Jae-in"), joined by "and" or commas.
2. A **joint subject** naming two or more states ("Russia and China submitted …",
   "Moscow and Seoul share …") makes those states the holders of that sentence.
3. A **single state other than the speaker's**, followed by a stance predicate ("had
   suggested", "does not accept", "is ready to", "wants"), makes that state the holder:
   the speaker reports another party's position.
4. Anything else (first person "We believe …", the speaker's own state, an event verb,
   an obligation: "North Korea must stop …") leaves the sentence to the speaker's country.

The statement's holders are the union over its sentences, in order of first appearance.

    >>> from positions.actors import load_gazetteer
    >>> gz = load_gazetteer()
    >>> holders_of("Moscow and Seoul share common approaches.", "RUS", gz)
    ('RUS', 'KOR')
    >>> holders_of("North Korea must stop its launches.", "USA", gz)
    ('USA',)
"""

from __future__ import annotations

import re
from typing import Optional

from ..actors import Gazetteer
from .cues import STANCE_RE
from .speakers import ROLE_NOUNS

__all__ = ["holders_of", "subject_countries"]

_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")
_INTRO_RE = re.compile(r"^(?:(?:In turn|However|Meanwhile|Moreover|Furthermore|Also|Now|Therefore|Thus|At the same time|For (?:its|their|his|her) part|In (?:this|that) regard|In particular),?\s+)")
_PAREN_RE = re.compile(r"^\s*,\s*(?:in turn|for (?:its|their|his|her) part|too|also|however|meanwhile|in (?:this|that) regard)\s*,\s*")
_SUBJ_WORD_RE = re.compile(r"\s*(?:(?:the|The|both|Both|and|,)\s+|,\s*)*([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*|[a-z][\w-]*)")


def subject_countries(sentence: str, gz: Gazetteer) -> tuple[tuple[str, ...], int]:
    """Countries named by the subject at the start of ``sentence`` and where it ends.

    >>> from positions.actors import load_gazetteer
    >>> subject_countries("Russia and China had come up with a roadmap", load_gazetteer())
    (('RUS', 'CHN'), 16)
    """
    s = _INTRO_RE.sub("", sentence, count=1)
    offset = len(sentence) - len(s)
    pos = 0
    found: list[str] = []
    last_end = 0
    while pos < len(s):
        m = _SUBJ_WORD_RE.match(s, pos)
        if not m:
            break
        word = m.group(1)
        if word[0].islower():
            lw = word.lower()
            if lw in ROLE_NOUNS or lw.rstrip("s") in ROLE_NOUNS or lw in ("side", "sides", "foreign", "deputy", "vice", "first", "top", "nuclear", "special", "senior", "of", "to", "'s"):
                pos = m.end()
                last_end = pos
                continue
            break
        hit = gz.lookup(word) or next(((ms.kind, ms.key) for ms in gz.mentions(word)), None)
        if hit is not None:
            c = gz._country_of_hit(hit)
            if c and c not in found:
                # A post ("Ambassador to Seoul") names no holder: skip words after "to".
                before = s[max(0, m.start(1) - 4) : m.start(1)]
                if not before.endswith("to "):
                    found.append(c)
        elif word.endswith("'s"):
            c = gz.country_of(word[:-2])
            if c and c not in found:
                found.append(c)
        pos = m.end()
        last_end = pos
        if pos < len(s) and s[pos] == "'" and s[pos : pos + 2] == "'s":
            pos += 2
    return tuple(found), offset + last_end


def holders_of(content: str, speaker_country: Optional[str], gz: Gazetteer) -> tuple[str, ...]:
    """Whose position ``content`` states (see the module doc for the rule)."""
    out: list[str] = []
    for sent in _SENT_RE.split(content.strip().strip('"')):
        sent = sent.strip().lstrip('"(')
        if not sent:
            continue
        found, end = subject_countries(sent, gz)
        rest = _PAREN_RE.sub("", sent[end:], count=1).lstrip()
        chosen: tuple[str, ...] = ()
        if len(found) >= 2:
            chosen = found
        elif len(found) == 1 and found[0] != speaker_country and STANCE_RE.match(rest):
            chosen = found
        if not chosen:
            chosen = (speaker_country,) if speaker_country else ()
        for c in chosen:
            if c not in out:
                out.append(c)
    if not out and speaker_country:
        out.append(speaker_country)
    return tuple(out)
