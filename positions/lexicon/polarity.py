"""Polarity: is a concept affirmed or negated where it is mentioned?

The rules (``docs/lexicons.md`` gives their limits):

1. Look back from the first word of the match to the start of its clause: the sentence
   start, a clause punctuation mark (``, ; : ( ) --``) or a clause-opening word (but,
   however, whereas, while, although, though, yet, that, which, who, because, since,
   unless, until, when, if, so), and at most 12 words. A "that" after believe, think,
   accept, agree, consider, feel, expect or see does not end it ("we do not believe that
   sanctions relief ...").
2. In that window, cues count where they stand close enough to the match.
   *Negators*: ``not``, ``never``, ``cannot``, any ``n't`` word, ``nor``, ``without``
   (8 words), ``neither`` (10); ``no``, ``none``, ``nothing`` (4 words).
   *Rejections*: ``reject*``, ``oppos*``, ``refus*``, ``abandon*``, ``boycott*``
   (6 words); ``suspend*``, ``halt*``, ``against``, ``so-called`` (3 words); the dismissive
   modifiers groundless, illegal, illegitimate, unjust, unlawful, unilateral, brigandish,
   hostile (2 words: "illegitimate sanctions"); the phrases
   ``instead of``, ``rather than``, ``lack of``, ``absence of``, ``far from``, ``no
   intention`` (6 words), ``no matter`` (12: "no matter how they try to tighten
   sanctions"). A sentence-initial ``without`` states a condition and is not a cue.
3. Affirming phrases are not cues: "no alternative to", "no other way/option/choice",
   "not only", "not just", "no doubt", "no one", "cannot but", "no less than", "cannot
   replace", "no substitute for", "without (further) delay", "without (any) (pre)conditions", "not miss", "not lose", "not altered", "not changed".
4. Negators flip one another ("cannot be solved without dialogue" affirms dialogue;
   "does not oppose dialogue" too); rejections count once however many there are ("rejects
   the so-called CVID" negates CVID).
5. After the match and at most four more words of its noun phrase: an auxiliary and,
   within five words, a dismissive word ("is meaningless", "is insulting", "has completely
   exhausted itself", "have proven to be a dead end" ...), or an auxiliary, ``not`` and a verb ("sanctions
   alone would not solve ...", "sanctions will not be eased") negate it; "is not a
   reward" (``not`` and a noun phrase) and "is not closed" (``not`` and a negative verb) do
   not.
6. A negator skipped by a gap of the pattern ("sanctions will not be eased" matched by
   ``sanction* ..3 eased``) counts as well. An even number of negations in all affirms.

>>> from positions.model import Span
>>> t = "We do not accept a phased approach."
>>> negation_cue(t, Span(0, len(t)), t.index("phased"))
Span(start=6, end=9)
>>> t = "There is no alternative to a phased approach."
>>> negation_cue(t, Span(0, len(t)), t.index("phased")) is None
True
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Span
from ..text import token_spans

__all__ = ["negation_cue", "MAX_WINDOW"]

MAX_WINDOW = 12
_BOUNDARY_PUNCT = frozenset(", ; : ( ) -- . ! ? [ ]".split())
_BOUNDARY_WORDS = frozenset(
    "but however whereas while although though yet that which who whom whose because since "
    "unless until when if so".split()
)
_NEGATORS = {"not": 8, "never": 8, "cannot": 8, "nor": 8, "neither": 10, "without": 8,
             "no": 4, "none": 4, "nothing": 4}  # fmt: skip
_REJECTIONS = {"against": 3, "so-called": 3}
# Dismissive modifiers right before a concept ("illegitimate sanctions", "groundless pressure").
_REJECTIONS.update(
    dict.fromkeys("groundless illegal illegitimate unjust unlawful unilateral brigandish hostile".split(), 2)
)
_REJECT_RE = re.compile(r"^(?:(?P<far>reject|oppos|refus|abandon|boycott)|(?P<near>suspend|halt))\w*$")
_PHRASES = {("instead", "of"): 6, ("rather", "than"): 6, ("lack", "of"): 6,
            ("absence", "of"): 6, ("far", "from"): 6, ("no", "intention"): 6,
            ("no", "matter"): 12}  # fmt: skip
# "We do not believe that X": a that-clause after these verbs stays in the window.
_THAT_VERBS = frozenset("believe think accept agree consider feel expect see".split())
# Phrases that hold a cue but affirm what follows.
_AFFIRMERS: tuple[tuple[str, ...], ...] = (
    ("no", "alternative"),
    ("no", "other", "alternative"),
    ("no", "other", "way"),
    ("no", "other", "option"),
    ("no", "other", "choice"),
    ("no", "other", "path"),
    ("no", "doubt"),
    ("no", "one"),
    ("no", "less"),
    ("not", "only"),
    ("not", "just"),
    ("not", "least"),
    ("nothing", "but"),
    ("cannot", "but"),
    ("no", "substitute"),
    ("cannot", "replace"),
    ("can't", "replace"),
    ("not", "replace"),
    ("without", "delay"),
    ("without", "further", "delay"),
    ("without", "precondition"),
    ("without", "preconditions"),
    ("without", "conditions"),
    ("without", "any", "conditions"),
    ("without", "any", "preconditions"),
    ("not", "miss"),
    ("not", "altered"),
    ("not", "changed"),
    ("not", "change"),
    ("not", "wavered"),
    ("not", "lose"),
)
# The affirmers by first word, each list in the order above: the first one that matches wins.
_AFFIRMERS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _a in _AFFIRMERS:
    _AFFIRMERS_BY_FIRST[_a[0]] = _AFFIRMERS_BY_FIRST.get(_a[0], ()) + (_a,)
del _a
_COPULAS = frozenset("is are was were be been remains remain seems".split())
_AUXILIARIES = _COPULAS | frozenset("will would can could should must may might do does did has have had shall".split())
_DISMISSALS = frozenset(
    "meaningless unacceptable insulting irrelevant useless pointless futile counterproductive "
    "unrealistic doomed worthless exhausted failed".split()
)
# "The door to dialogue is not closed": not + a negative verb affirms.
_NEGATIVE_VERBS = frozenset("closed excluded ruled abandoned over dead finished lost".split())
_NOT_VERB_STOP = frozenset("a an the any only just enough our their its his her my your this that".split())


def negation_cue(
    text: str, sentence: Span, start: int, end: Optional[int] = None, inside: tuple[Span, ...] = ()
) -> Optional[Span]:
    """The span of the negation cue governing a match ``[start, end)`` (None: affirmed).

    ``text`` is the normalized text and ``sentence`` the span of the sentence holding the
    match, in the same coordinates. With ``end``, what follows the match is read too.
    ``inside`` are the words a gap of the pattern skipped ("sanctions will not be eased"
    matched by ``sanction* ..3 eased``): a negator among them counts too.
    """
    cues = [_cue_before(text, sentence, start)]
    cues.append(_cue_after(text, sentence, end) if end is not None else None)
    for span in inside:
        w = span.slice(text).casefold()
        if w in ("not", "never", "cannot", "no") or w.endswith("n't"):
            cues.append(span)
            break
    found = [c for c in cues if c is not None]
    return found[-1] if len(found) % 2 == 1 else None


def _cue_after(text: str, sentence: Span, end: int) -> Optional[Span]:
    toks = token_spans(text, Span(end, sentence.end))[:12]
    words = [(t.slice(text).casefold(), t) for t in toks]
    k = 0  # skip the rest of the noun phrase ("approach alone", "on North Korea"): four words
    while k < 4 and k < len(words) and words[k][0].isalpha() and words[k][0] not in _AUXILIARIES:
        k += 1
    if k + 1 >= len(words) or words[k][0] not in _AUXILIARIES:
        return None
    first, span = words[k + 1]
    # "has (completely) exhausted itself", "have proven to be a dead end": a dismissal in the
    # next five words of the predicate, before any punctuation.
    for j in range(k + 1, min(len(words), k + 8)):
        w, s = words[j]
        if not w.isalpha() or w in _BOUNDARY_WORDS or w in ("not", "never"):
            break
        if w in _DISMISSALS or (w == "dead" and j + 1 < len(words) and words[j + 1][0] == "end"):
            return s
    if first in ("not", "never") and k + 2 < len(words):
        nxt = words[k + 2][0]
        if nxt.isalpha() and nxt not in _NOT_VERB_STOP and nxt not in _NEGATIVE_VERBS:
            return span
    if first.endswith("n't") and words[k][0] not in _COPULAS:
        return span
    return None


def _cue_before(text: str, sentence: Span, start: int) -> Optional[Span]:
    toks = token_spans(text, Span(sentence.start, start))
    window: list[tuple[str, Span]] = []  # words only, nearest last
    at_start = True  # the window runs back to the sentence start
    for j in range(len(toks) - 1, -1, -1):
        tok = toks[j]
        piece = tok.slice(text).casefold()
        if piece == "that" and j and toks[j - 1].slice(text).casefold() in _THAT_VERBS:
            continue
        if piece in _BOUNDARY_PUNCT or piece in _BOUNDARY_WORDS:
            at_start = False
            break
        if not any(c.isalnum() for c in piece):
            continue  # quotes and the like
        window.append((piece, tok))
        if len(window) >= MAX_WINDOW:
            at_start = j == 0
            break
    window.reverse()
    words = [w for w, _ in window]
    n = len(words)
    negators: list[Span] = []
    rejections: list[Span] = []
    k = 0
    while k < n:
        affirmer = next((a for a in _AFFIRMERS_BY_FIRST.get(words[k], ()) if tuple(words[k : k + len(a)]) == a), None)
        if affirmer:
            k += len(affirmer)
            continue
        distance = n - k  # 1: the word right before the match
        phrase = tuple(words[k : k + 2])
        if phrase in _PHRASES:
            if distance <= _PHRASES[phrase] + 1:
                rejections.append(Span(window[k][1].start, window[k + 1][1].end))
            k += 2
            continue
        w = words[k]
        if w == "without" and k == 0 and at_start:
            k += 1  # "Without synchronized actions, the deal stays on paper": a condition
            continue
        reach = _NEGATORS.get(w, 8 if w.endswith("n't") else None)
        if reach is not None and distance <= reach:
            negators.append(window[k][1])
        else:
            m = _REJECT_RE.match(w)
            reach = _REJECTIONS.get(w) or (6 if m and m.group("far") else 3 if m else None)
            if reach is not None and distance <= reach:
                rejections.append(window[k][1])
        k += 1
    flips = len(negators) + (1 if rejections else 0)
    if flips % 2 == 0:
        return None
    return max(negators + rejections, key=lambda s: s.start)
