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
Span(start=6, end=16)
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
             "no": 4, "none": 4, "nothing": 4, "impossible": 8}  # fmt: skip
_REJECTIONS = {"against": 5, "so-called": 3}
# Dismissive modifiers right before a concept ("illegitimate sanctions", "groundless pressure").
_REJECTIONS.update(
    dict.fromkeys("groundless illegal illegitimate unjust unlawful unilateral brigandish hostile".split(), 2)
)
_REJECT_RE = re.compile(
    r"^(?:(?P<far>reject|oppos|refus|abandon|boycott|denounc|condemn|dismiss|objected|objecting|objection)"
    r"|(?P<near>suspend|halt|stop))\w*$|^(?P<far2>object|objects|deny|denies|denied|denying)$"
)
_PHRASES = {("instead", "of"): 6, ("rather", "than"): 6, ("lack", "of"): 6,
            ("absence", "of"): 6, ("far", "from"): 6, ("no", "intention"): 6,
            ("no", "matter"): 12, ("wrong", "time"): 6, ("turned", "down"): 6, ("turn", "down"): 6,
            ("turns", "down"): 6, ("turning", "down"): 6, ("rule", "out"): 6, ("rules", "out"): 6,
            ("ruled", "out"): 6, ("ruling", "out"): 6, ("give", "up"): 6, ("gives", "up"): 6, ("gave", "up"): 6,
            ("given", "up"): 6, ("giving", "up"): 6}  # fmt: skip
# Negators of two words ("there is no reason to reject ..." : with "reject", affirms).
_NEG_PHRASES = {("no", "reason"): 8}
# "No one opposes X", "nobody rejects X": negators only where a rejection follows them.
_NEG_WITH_REJECTION = {("no", "one"): 8, ("nobody",): 8, ("no", "party"): 8, ("no", "country"): 8}
# A rejection's scope ends where the clause goes on to an affirming predicate: "we condemn the
# test and call for dialogue" affirms dialogue.
_RESET_VERBS = frozenset(
    """call calls called urge urges urged support supports supported welcome welcomes welcomed
    seek seeks sought want wants wanted favour favours favoured favor favors favored prefer
    prefers preferred choose chooses chose advocate advocates advocated encourage encourages
    encouraged promote promotes promoted""".split()
)
# "prefer X to Y", "favour X over Y", "choose X over Y": Y is rejected.
_PREFER_VERBS = frozenset("prefer prefers preferred favour favours favoured favor favors favored choose chooses chose".split())
_SOLVE_VERBS = frozenset("solve resolve settle work succeed help bring lead".split())
_SOLUTIONS = frozenset("solution answer way means option remedy".split())
_ACCEPT_VERBS = frozenset("accept accepts accepted tolerate recognize recognise allow".split())
_MOTION = frozenset("return returns returned back go come way".split())
_DETERMINERS = frozenset("a an the this that these those our their its his her any".split())
# "We do not believe that X": a that-clause after these verbs stays in the window.
_THAT_VERBS = frozenset("believe think accept agree consider feel expect see true case".split())
# Phrases that hold a cue but affirm what follows.
_AFFIRMERS: tuple[tuple[str, ...], ...] = (
    ("no", "alternative"),
    ("no", "other", "alternative"),
    ("no", "other", "way"),
    ("no", "other", "option"),
    ("no", "other", "choice"),
    ("no", "other", "path"),
    ("no", "doubt"),
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
_AUXILIARIES = _COPULAS | frozenset("will would can could should must may might do does did has have had shall cannot".split())
_DISMISSALS = frozenset(
    "meaningless unacceptable insulting irrelevant useless pointless futile counterproductive "
    "unrealistic doomed worthless exhausted failed premature mistake deception sham fraud "
    "ineffective unworkable wrong".split()
)
# "The door to dialogue is not closed": not + a negative verb affirms.
_NEGATIVE_VERBS = frozenset("closed excluded ruled abandoned over dead finished lost".split())
_NOT_VERB_STOP = frozenset("a an the any only just enough our their its his her my your this that".split())


def negation_cue(
    text: str, sentence: Span, start: int, end: Optional[int] = None, inside: tuple[Span, ...] = (),
    *, ignore: tuple[Span, ...] = (),
) -> Optional[Span]:
    """The span of the negation cue governing a match ``[start, end)`` (None: affirmed).

    ``text`` is the normalized text and ``sentence`` the span of the sentence holding the
    match, in the same coordinates. With ``end``, what follows the match is read too.
    ``inside`` are the words a gap of the pattern skipped ("sanctions will not be eased"
    matched by ``sanction* ..3 eased``): a negator among them counts too. ``ignore`` are
    words that are no cue (the predicate of a frame: "abandon" in "abandon its nuclear
    weapons and return to talks" rejects nothing of the talks).
    """
    # Each cue is (span, kind): a rejection ("so-called", "rejects", "is meaningless")
    # counts once however many there are; negators ("not", "never") flip one another.
    before = _cue_before(text, sentence, start, ignore)
    negators: list[Span] = []
    rejections: list[Span] = []
    if before is not None:
        (rejections if before[1] == "rejection" else negators).append(before[0])
    # a dismissive modifier that opens the match ("illegal resolutions" matched as a whole)
    first = token_spans(text, Span(start, end if end is not None else sentence.end))[:1]
    if first and _REJECTIONS.get(first[0].slice(text).casefold()) == 2:
        rejections.append(first[0])
    after = _cue_after(text, sentence, end) if end is not None else None
    if after is not None:
        (rejections if after[1] == "rejection" else negators).append(after[0])
    for span in inside:
        w = span.slice(text).casefold()
        if w in ("not", "never", "cannot", "no") or w.endswith("n't"):
            negators.append(span)
            break
    if (len(negators) + (1 if rejections else 0)) % 2 == 0:
        return None
    return max(negators + rejections, key=lambda s: s.start)


def _cue_after(text: str, sentence: Span, end: int) -> Optional[tuple[Span, str]]:
    toks = token_spans(text, Span(end, sentence.end))[:12]
    words = [(t.slice(text).casefold(), t) for t in toks]
    # "considers the end-of-war declaration premature": a dismissal right after the match
    if words and words[0][0] in _DISMISSALS:
        return words[0][1], "rejection"
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
            return s, "rejection"
    # "was rejected by Washington", "has been opposed by ..."
    for j in range(k + 1, min(len(words), k + 4)):
        m = _REJECT_RE.match(words[j][0])
        if m and (m.group("far") or m.group("far2")):
            return words[j][1], "rejection"
        if words[j][0] not in ("been", "be", "being", "firmly", "strongly", "flatly", "repeatedly"):
            break
    # "sanctions cannot solve the problem", "pressure cannot be the answer"
    if words[k][0] == "cannot":
        rest = [w for w, _ in words[k + 1 : k + 4]]
        if rest[:1] and rest[0] in _SOLVE_VERBS or (rest[:1] == ["be"] and len(rest) == 3 and rest[2] in _SOLUTIONS):
            return words[k][1], "negator"
    if first in ("not", "never") and k + 2 < len(words):
        nxt = words[k + 2][0]
        if nxt.isalpha() and nxt not in _NOT_VERB_STOP and nxt not in _NEGATIVE_VERBS:
            return span, "negator"
    if first.endswith("n't") and words[k][0] not in _COPULAS:
        return span, "negator"
    return None


def _cue_before(text: str, sentence: Span, start: int, ignore: tuple[Span, ...] = ()) -> Optional[tuple[Span, str]]:
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
        if ignore and any(i.contains(tok) for i in ignore):
            piece = "\x00"  # a word, but no cue
        window.append((piece, tok))
        if len(window) >= MAX_WINDOW:
            at_start = j == 0
            break
    window.reverse()
    words = [w for w, _ in window]
    n = len(words)
    negators: list[Span] = []
    rejections: list[Span] = []
    pending: list[tuple[int, Span]] = []  # negators that count only with a rejection
    prefer_at = -1
    k = 0
    while k < n:
        if words[k] in _RESET_VERBS and rejections:
            rejections = []
        if words[k] in _PREFER_VERBS and k + 1 < n and words[k + 1] not in ("to", "that"):
            prefer_at = k
        if prefer_at >= 0 and k >= prefer_at + 2 and words[k] in ("to", "over") and words[k - 1] not in _MOTION:
            rejections.append(window[k][1])
            prefer_at = -1
            k += 1
            continue
        two = tuple(words[k : k + 2])
        held = next((p for p in (two, two[:1]) if p in _NEG_WITH_REJECTION), None)
        if held is not None:
            if n - k <= _NEG_WITH_REJECTION[held] + len(held) - 1:
                pending.append((k, Span(window[k][1].start, window[k + len(held) - 1][1].end)))
            k += len(held)
            continue
        if two in _NEG_PHRASES and n - k <= _NEG_PHRASES[two] + 1:
            negators.append(Span(window[k][1].start, window[k + 1][1].end))
            k += 2
            continue
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
        if reach is not None and distance <= reach and k + 1 < n and words[k + 1] in _ACCEPT_VERBS:
            # "never accept", "will not tolerate": a rejection, which "so-called" does not cancel
            rejections.append(Span(window[k][1].start, window[k + 1][1].end))
            k += 2
            continue
        if reach is not None and distance <= reach:
            negators.append(window[k][1])
        else:
            m = _REJECT_RE.match(w)
            reach = _REJECTIONS.get(w) or (6 if m and (m.group("far") or m.group("far2")) else 3 if m else None)
            if reach is not None and distance <= reach:
                rejections.append(window[k][1])
        k += 1
    if rejections and pending:
        negators.extend(s for _, s in pending)
    flips = len(negators) + (1 if rejections else 0)
    if flips % 2 == 0:
        return None
    if not negators:
        return max(rejections, key=lambda s: s.start), "rejection"
    return max(negators + rejections, key=lambda s: s.start), "negator"
