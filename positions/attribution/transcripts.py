"""Briefing transcripts: ``QUESTION:`` / answer turns.

A text with at least one paragraph labelled ``QUESTION:`` (or ``Q:``, ``Reporter:``) is read
as a transcript. Questions are nobody's statement. Every answer paragraph (labelled with
the speaker's name, ``A:``/``ANSWER:``, or unlabelled after an answer) is a ``direct``
statement of the spokesperson named in its label or, for ``A:`` and continuation
paragraphs, of the one named at the top of the transcript.

    >>> from positions.actors import load_gazetteer
    >>> t = "Spokesperson Hua Chunying's Press Conference\\nQUESTION: And Korea?\\nA: We support dialogue."
    >>> from positions.text import paragraph_spans
    >>> drafts, rest = transcript_drafts(t, paragraph_spans(t), load_gazetteer())
    >>> [p.slice(t) for d in drafts for p in d.parts], [p.slice(t) for p in rest]
    (['We support dialogue.'], ["Spokesperson Hua Chunying's Press Conference"])
"""

from __future__ import annotations

import re
from typing import Optional

from ..actors import Gazetteer
from ..model import Span
from .records import Draft
from .speakers import SpeakerRef, parse_speaker

__all__ = ["transcript_drafts"]

_QUESTION_RE = re.compile(r"(?:QUESTION|Question|Q|REPORTER|Reporter|JOURNALIST|Journalist)\s*:\s*")
_LABEL_RE = re.compile(r"([A-Z][A-Za-z.'\- ]{0,60}?|A|ANSWER|Answer)\s*:\s+")
_TOP_RE = re.compile(
    r"(?:(?:[A-Z][\w'-]*\s+){0,4}(?:Spokesperson|Spokesman|Spokeswoman|spokesperson|spokesman|spokeswoman)\s+"
    r"(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,2})"
)


_HONORIFIC_RE = re.compile(r"(?:MR|MS|MRS|DR|Mr|Ms|Mrs|Dr)\.?\s+")


def _surname_of(ref: SpeakerRef) -> str:
    name = ref.speaker.name or ref.phrase
    return name.split()[-1] if name.split() else ""


def transcript_drafts(text: str, paragraphs: list[Span], gz: Gazetteer):
    """Drafts for the answers of a transcript, and the paragraphs left for the other rules."""
    if not any(_QUESTION_RE.match(text, p.start, p.end) for p in paragraphs):
        return [], paragraphs
    top: Optional[SpeakerRef] = None
    rest: list[Span] = []
    drafts = []
    state = None  # "q" or "a"
    current: Optional[SpeakerRef] = None
    for p in paragraphs:
        m = _QUESTION_RE.match(text, p.start, p.end)
        if m:
            state = "q"
            continue
        lab = _LABEL_RE.match(text, p.start, p.end)
        if lab:
            label = lab.group(1).strip()
            hon = _HONORIFIC_RE.match(label)
            if hon and (top is None or _surname_of(top).lower() == label[hon.end() :].strip().lower()):
                # "MR PRICE:" is the spokesperson of the title ("… by Spokesperson Ned Price").
                label = "A"
            elif hon:
                label = label[hon.end() :].strip().title()
            ref = None if label.upper() in ("A", "ANSWER") else parse_speaker(label, gz)
            if ref is None and label.upper() not in ("A", "ANSWER"):
                # A label that names nobody we know: a name as written.
                ref = parse_speaker(label.title() if label.isupper() else label, gz)
            current = ref or top
            state = "a"
            if current is not None and p.end > lab.end():
                drafts.append(Draft([Span(lab.end(), p.end)], "direct", current, Span(lab.start(), lab.end() - 1)))
            continue
        if state == "q":
            continue
        if state == "a" and current is not None:
            drafts.append(Draft([p], "direct", current, None, note="answer turn continues"))
            continue
        if top is None:
            t = _TOP_RE.search(text, p.start, p.end)
            if t:
                phrase = re.sub(r"'s$", "", t.group(0))
                top = parse_speaker(phrase, gz)
        rest.append(p)
    return drafts, rest
