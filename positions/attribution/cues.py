"""Reporting cues: the verbs and phrases that introduce what someone said.

The list is curated (news style, diplomatic reporting), with inflections written out, so
that one compiled regular expression finds every cue of a paragraph in one pass::

    >>> [m.group(0) for m in CUE_RE.finditer("He pointed out and later emphasised it.")]
    ['pointed out', 'emphasised']
"""

from __future__ import annotations

import re

__all__ = ["CUES", "CUE_RE", "INVERTIBLE", "OBJECT_CUES", "STANCE_RE", "JOINT_RE", "ENDORSE_RE", "ADVERBIAL_RE"]

# Base form → inflections that introduce speech. Multi-word cues keep their particle.
CUES: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "say", "saying"),
    "add": ("added", "adds", "adding"),
    "note": ("noted", "notes", "noting"),
    "point out": ("pointed out", "points out", "pointing out"),
    "stress": ("stressed", "stresses", "stressing"),
    "emphasize": ("emphasized", "emphasised", "emphasizes", "emphasises", "emphasizing", "emphasising"),
    "underline": ("underlined", "underlines"),
    "tell": ("told", "tells"),
    "remind": ("reminded", "reminds"),
    "urge": ("urged", "urges"),
    "warn": ("warned", "warns"),
    "insist": ("insisted", "insists"),
    "conclude": ("concluded", "concludes"),
    "call for": ("called for", "calls for"),
    "call": ("called", "calls"),
    "dub": ("dubbed",),
    "term": ("termed",),
    "brand": ("branded",),
    "call on": ("called on", "calls on", "called upon", "calls upon"),
    "request": ("requested", "requests"),
    "encourage": ("encouraged", "encourages"),
    "appeal to": ("appealed to", "appeals to"),
    "continue": ("continued",),
    "go on": ("went on to say", "goes on to say", "went on"),
    "voice": ("voiced", "voices"),
    "underscore": ("underscored", "underscores"),
    "highlight": ("highlighted", "highlights"),
    "contend": ("contended", "contends"),
    "believe": ("believes", "believe", "believed"),
    "be convinced": ("is convinced", "are convinced", "was convinced", "were convinced", "remains convinced"),
    "state": ("stated", "states"),
    "declare": ("declared", "declares"),
    "reiterate": ("reiterated", "reiterates"),
    "affirm": ("affirmed", "affirms", "reaffirmed", "reaffirms"),
    "announce": ("announced", "announces"),
    "argue": ("argued", "argues"),
    "maintain": ("maintained", "maintains"),
    "suggest": ("suggested", "suggests"),
    "propose": ("proposed", "proposes"),
    "express": ("expressed", "expresses"),
    "hope": ("hoped", "hopes"),
    "explain": ("explained", "explains"),
    "confirm": ("confirmed", "confirms"),
    "acknowledge": ("acknowledged", "acknowledges"),
    "admit": ("admitted", "admits"),
    "claim": ("claimed", "claims"),
    "assert": ("asserted", "asserts"),
    "vow": ("vowed", "vows"),
    "pledge": ("pledged", "pledges"),
    "promise": ("promised", "promises"),
    "remark": ("remarked", "remarks"),
    "comment": ("commented", "comments"),
    "reply": ("replied", "replies"),
    "respond": ("responded", "responds"),
    "answer": ("answered", "answers"),
    "observe": ("observed", "observes"),
    "recall": ("recalled", "recalls"),
    "caution": ("cautioned", "cautions"),
    "demand": ("demanded", "demands"),
    "write": ("wrote", "writes"),
    "describe": ("described", "describes"),
    "according to": ("according to",),
    # Wire copy's passive carrier: '"…," Kim was quoted as saying' (the outlet unnamed).
    "be quoted as saying": ("was quoted as saying", "were quoted as saying", "is quoted as saying", "are quoted as saying"),
}

# Cues that may come before their subject in a trailing attribution ('", said Zhao Lijian').
INVERTIBLE = frozenset(
    "said says added adds noted notes stressed continued explained wrote declared "
    "insisted concluded warned emphasized emphasised replied asked".split()
)
# Cues that take an object before their content ("told reporters that ...", "urged Seoul to").
OBJECT_CUES = frozenset("told tells urged urges warned warns reminded".split())

_forms = sorted({f for forms in CUES.values() for f in forms}, key=lambda s: (-len(s), s))
CUE_RE = re.compile(
    r"(?<![\w-])(?:[Aa]ccording\s+to|"
    + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in _forms)
    + r")(?![\w-])"
)
"""Every cue form, longest first; case-sensitive lower case ("Said" at a sentence start is
rare in news and usually a name)."""

# Predicates that state a position: the subject of such a clause holds the position
# ("Moon Jae-in had suggested ...", "Washington does not accept ...").
_STANCE = (
    "suggest|propose|support|back|endorse|oppose|reject|accept|welcome|want|seek|share|"
    "submit|put forward|come up with|came up with|advocate|call for|call on|insist|demand|urge|"
    "believe|hold|regard|consider|view|agree|favou?r|prefer|hope|intend|plan|pledge|vow|"
    "promise|commit|stand|remain|refuse|decline|offer|propose|ask|wish|expect|aim|express|"
    "be ready|be prepared|be willing|be determined|be committed|be convinced|be open|"
    "be opposed|be against|be in favou?r"
)


def _stance_forms(stance: str = _STANCE) -> str:
    forms = []
    for s in stance.split("|"):
        if s.startswith("be "):
            rest = s[3:]
            forms.append(rf"(?:is|are|was|were|remains?|remained|has been|have been|had been|would be|will be)\s+(?:not\s+|also\s+|still\s+|fully\s+|firmly\s+)?{rest}")
            continue
        words = s.split()
        head, tail = words[0], " ".join(words[1:])
        stem = head[:-1] if head.endswith("e") else head
        infl = rf"(?:{head}|{head}s|{head}es|{stem}ed|{stem}d|{head}d|{head}ed|{stem}ing|{head}ing)"
        forms.append(infl + (rf"\s+{tail}" if tail else ""))
    return "|".join(forms)


STANCE_RE = re.compile(
    r"(?:(?:has|have|had|will|would|did|does|do|is|are|was|were|could|can|may|might)\s+)?"
    r"(?:(?:not|also|still|again|now|already|firmly|strongly|fully|long|never|jointly|then)\s+)*"
    rf"(?:{_stance_forms()}|came up with|stood|held|sought|submitted|cannot accept|can't accept)\b"
)
"""A stance predicate at the start of a string (use ``.match``)."""

# What two or more states do together that states a shared position: a stance predicate,
# or a joint act of speech or agreement ("Putin and Xi discussed … and confirmed …"). A joint
# subject with any other predicate ("X and Y will not overcome …") is the speaker's view.
_JOINT_ACTS = (
    "discuss|confirm|reaffirm|affirm|declare|state|announce|stress|note|sign|adopt|issue|"
    "decide|resolve|condemn|coordinate|work|reach|voice|underline|emphasi[sz]e|table|veto|"
    "consult|keep|cooperate"
)
JOINT_RE = re.compile(
    r"(?:(?:has|have|had|will|would|did|does|do|is|are|was|were|could|can|may|might)\s+)?"
    r"(?:(?:not|also|still|again|now|already|firmly|strongly|fully|long|never|jointly|then|"
    r"all|both|unanimously|together|on\s+\w+day)\s+)*"
    rf"(?:{_stance_forms()}|{_stance_forms(_JOINT_ACTS)}|came up with|stood|held|sought|submitted|vetoed)\b"
)
"""A predicate that makes a joint subject the holder (use ``.match``)."""

ENDORSE_RE = re.compile(
    r"(?:(?:has|have|had|will|would|does|do|did|also|fully|firmly|strongly|consistently|"
    r"always|still|now|continues\s+to|continue\s+to)\s+)*"
    r"(?:supports?|supported|backs?|backed|endorses?|endorsed|shares?|shared|welcomes?|welcomed|"
    r"agrees?\s+with|agreed\s+with|stands?\s+by|stood\s+by|aligns?\s+with|aligned\s+with)\s+"
    r"(?:the\s+)?(?P<owner>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*?)(?:'s|’s)?\s+"
    r"(?:position|stance|view|approach|proposal|initiative|plan|call|demand|policy)\b"
)
"""Agreement with another party's position named as the object ("supports the U.S. position"):
the subject and the owner both hold it (use ``.match``)."""

_ADVERBIAL_HEAD = (
    r"(?:on|in|at|during|after|before|with|to|from|via|over|through|while|when|outside|inside|near|amid|ahead|following|behind|within|"
    r"earlier|later|today|yesterday|tonight|last|this|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
ADVERBIAL_RE = re.compile(
    r"\s*(?:,\s*)?" + _ADVERBIAL_HEAD + r"[^,;:\"]*(?:," + r"\s*" + _ADVERBIAL_HEAD + r"[^,;:\"]*)*$"
)
"""A remainder after a cue that is only adverbials ("in an interview with TASS on Thursday"):
comma-separated phrases, each opening with a preposition or a time word. Linear: a phrase
runs to the next comma and cannot contain one, so the phrases split the text one way only."""
