"""Holders: whose position a statement states.

The rule, sentence by sentence over the statement's content:

1. Read the subject at the start of the sentence (after a short introductory adverb such
   as "In turn," or "However,"): a run of names, capitals, country adjectives with titles
   ("South Korean President Moon Jae-in"), joined by "and" or commas.
2. A **joint subject** naming two or more states, with a stance predicate or a joint act
   ("Russia and China submitted …", "Moscow and Seoul share …", "Putin and Xi discussed …
   and confirmed …"), makes those states the holders of that sentence. With any other
   predicate ("X and Y will not overcome …") the sentence is the speaker's own view.
3. A **quantified joint subject** ("the two leaders", "both sides", "all six parties",
   "the two Koreas") stands for the states the article makes known: a named group of the
   gazetteer ("the two Koreas"), else the nearest group of that many states named before
   it in the article ("Chinese President Xi Jinping and Russian President Vladimir Putin"),
   else, for two, the speaker's state and the other state named nearest before it.
4. **"our common/joint/shared position (goal, view, …)"** anywhere in the sentence → the
   nearest group named before it that includes the speaker's state.
5. A **joint proposal as subject**: "the Russian-Chinese roadmap …", or "the draft …" where
   the article introduced the draft with joint authors ("China and Russia have submitted a
   draft resolution") → those states.
6. A **single state other than the speaker's** followed by a stance predicate ("had
   suggested", "does not accept", "is ready to") makes that state the holder: the speaker
   reports another party's position.
7. **A position named as the object** of agreement ("Japan supports the U.S. position that
   …", "shares Beijing's view") adds its owner to the subject's state: both hold it.
   Rejecting a position ("rejects Pyongyang's position") does not.
8. Anything else (first person "We believe …", the speaker's own state, an event verb,
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

import bisect
import re
from typing import Optional, Sequence, Union

import attrs

from ..actors import Gazetteer
from .cues import ENDORSE_RE, JOINT_RE, STANCE_RE
from .speakers import ROLE_NOUNS

__all__ = ["holders_of", "subject_countries", "HolderContext", "holder_context", "LazyHolderContext"]

_SENT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"(])")
_INTRO_RE = re.compile(r"^(?:(?:In turn|However|Meanwhile|Moreover|Furthermore|Also|Now|Therefore|Thus|At the same time|For (?:its|their|his|her) part|In (?:this|that) regard|In particular),?\s+)")
_PAREN_RE = re.compile(r"^\s*,\s*(?:in turn|for (?:its|their|his|her) part|too|also|however|meanwhile|in (?:this|that) regard)\s*,\s*")
_SUBJ_WORD_RE = re.compile(r"\s*(?:(?:the|The|both|Both|and)\s+|,\s*)*([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*)*|[a-z][\w-]*)")
_AND_RE = re.compile(r"\sand\s|\s&\s")
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "6": 6}
_QUANT_RE = re.compile(
    r"(?:(?:the|The|all|All|both|Both)\s+)?(?:(?P<n>two|three|four|five|six|both|2|3|4|6)\s+)?"
    r"(?P<noun>sides|parties|countries|leaders|presidents|governments|nations|states|allies|"
    r"neighbou?rs|delegations|foreign\s+ministers|ministers|Koreas|signatories|partners)\b"
)
_COMMON_RE = re.compile(
    r"\b(?:our|their)\s+(?:common|joint|shared|identical|coordinated)\s+"
    r"(?:position|positions|goal|goals|view|views|approach|stance|understanding|proposal|initiative|vision|aim|objective|interest)\b",
    re.I,
)
_PROPOSALS = ("roadmap", "road map", "plan", "action plan", "initiative", "proposal", "draft", "resolution", "declaration", "statement", "agreement", "concept")
_PROPOSAL_RE = re.compile(r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in sorted(_PROPOSALS, key=len, reverse=True)) + r")s?\b")
_THE_PROPOSAL_RE = re.compile(r"(?:the|The|this|This|their|Their)\s+(?:joint\s+|new\s+|draft\s+)?(?P<noun>" + "|".join(p.replace(" ", r"\s+") for p in _PROPOSALS) + r")\b")
_NOUN_OF_RE = re.compile(r"[a-z]+\s+of\s")
_COUNTERPART_RE = re.compile(
    r"\b(?:met|meets|meeting|talks\s+with|talked\s+with|spoke\s+(?:with|to)|call\s+with|hosted|received)\s+(?:his|her|their)\s+"
    r"(?P<adj>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+counterparts?\b"
)
"""A meeting of two states' officials: "X held talks with his Japanese counterpart"."""
_COMPOUND_RE = re.compile(r"(?:(?:the|The|a|A)\s+)?(?P<a>[A-Z][\w.]*)-(?P<b>[A-Z][\w.]*(?:\s+Korean)?)\s+(?:joint\s+)?(?P<noun>" + "|".join(p.replace(" ", r"\s+") for p in _PROPOSALS) + r")\b")


@attrs.frozen
class HolderContext:
    """What an article names before a statement, for joint phrases: groups of states named
    together, every state mention, and proposals with joint authors (all with positions in
    the text the statements' positions refer to).

    >>> from positions.actors import load_gazetteer
    >>> t = "Chinese President Xi Jinping and Russian President Vladimir Putin met."
    >>> holder_context(t, [(0, len(t))], load_gazetteer()).groups
    ((0, ('CHN', 'RUS')),)
    """

    groups: tuple[tuple[int, tuple[str, ...]], ...] = ()
    states: tuple[tuple[int, str], ...] = ()
    proposals: tuple[tuple[int, str, tuple[str, ...]], ...] = ()

    def group_before(self, pos: int, n: Optional[int] = None, include: Optional[str] = None) -> tuple[str, ...]:
        """The nearest group before ``pos`` with ``n`` states (any number when None) that
        includes ``include`` when given."""
        i = bisect.bisect_left(self.groups, (pos,))
        for gpos, states in reversed(self.groups[:i]):
            if n is not None and len(states) != n:
                continue
            if include is not None and include not in states:
                continue
            return states
        return ()

    def other_state_before(self, pos: int, exclude: Optional[str]) -> Optional[str]:
        i = bisect.bisect_left(self.states, (pos,))
        for _, code in reversed(self.states[:i]):
            if code != exclude:
                return code
        return None

    def proposal_before(self, pos: int, noun: str) -> tuple[str, ...]:
        noun = " ".join(noun.lower().split())
        for ppos, pnoun, states in reversed(self.proposals):
            if ppos < pos and (pnoun == noun or pnoun.endswith(" " + noun) or noun.endswith(" " + pnoun)):
                return states
        return ()


class LazyHolderContext:
    """A :class:`HolderContext` built on first use: most statements never need one, and
    finding every group of a long text costs as much as the rest of the stage."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], gz: Gazetteer) -> None:
        self._args = (text, sentences, gz)
        self._ctx: Optional[HolderContext] = None

    def _get(self) -> HolderContext:
        if self._ctx is None:
            self._ctx = holder_context(*self._args)
        return self._ctx

    def group_before(self, pos: int, n: Optional[int] = None, include: Optional[str] = None) -> tuple[str, ...]:
        return self._get().group_before(pos, n, include)

    def other_state_before(self, pos: int, exclude: Optional[str]) -> Optional[str]:
        return self._get().other_state_before(pos, exclude)

    def proposal_before(self, pos: int, noun: str) -> tuple[str, ...]:
        return self._get().proposal_before(pos, noun)


#: What :func:`holders_of` reads earlier states from: a context built now or on first use.
AnyHolderContext = Union[HolderContext, LazyHolderContext]


_GAP_WORDS = frozenset(
    w for noun in ROLE_NOUNS for w in noun.split()
) | {"and", "of", "the", "foreign", "prime", "vice", "deputy", "top", "chief", "senior", "state", "affairs", "commission", "general"}
_GAP_TOKEN_RE = re.compile(r"\s+|,|['’]s(?=\s)|[A-Z][\w.'’-]*|[a-z][a-z-]*")
"""The tokens of a gap between two state mentions of one group: blanks, commas, "'s",
capitalized words (names, titles), and lower-case words from ``_GAP_WORDS``."""


def _is_gap(gap: str) -> bool:
    """Whether ``gap`` chains two state mentions into one group ("Russia, the United States
    and China", "Russian Foreign Minister … and Chinese …"). A scanner, linear in the gap."""
    pos = 0
    while pos < len(gap):
        m = _GAP_TOKEN_RE.match(gap, pos)
        if m is None:
            return False
        tok = m.group(0)
        if tok[0].islower() and tok not in _GAP_WORDS:
            return False
        pos = m.end()
    return True


def _state_mentions(text: str, start: int, end: int, gz: Gazetteer) -> list[tuple[int, int, str]]:
    out = []
    for m in gz.mentions(text, start, end):
        c = gz.country_of_hit((m.kind, m.key))
        if c:
            out.append((m.span.start, m.span.end, c))
    return out


def holder_context(text: str, sentences: Sequence[tuple[int, int]], gz: Gazetteer) -> HolderContext:
    """Groups, state mentions and joint proposals of the sentences of ``text``."""
    groups: list[tuple[int, tuple[str, ...]]] = []
    states: list[tuple[int, str]] = []
    proposals: list[tuple[int, str, tuple[str, ...]]] = []
    for a, b in sentences:
        ms = _state_mentions(text, a, b, gz)
        states.extend((s, c) for s, _, c in ms)
        # Coordinated groups: mentions chained by commas, "and", "of", titles and names.
        i = 0
        while i < len(ms):
            j = i
            saw_and = False
            while j + 1 < len(ms):
                gap = text[ms[j][1] : ms[j + 1][0]]
                if not _is_gap(gap):
                    break
                saw_and = saw_and or bool(re.search(r"(?:^|\s|,)and\s", gap))
                j += 1
            codes = tuple(dict.fromkeys(c for _, _, c in ms[i : j + 1]))
            if saw_and and len(codes) >= 2:
                groups.append((ms[i][0], codes))
            i = j + 1
        # A meeting of counterparts ("Lavrov met his North Korean counterpart"): a pair.
        sent = text[a:b]
        for m in _COUNTERPART_RE.finditer(sent):
            own = next((c for s, _, c in ms if s < a + m.start()), None)
            other = gz.country_of(m.group("adj"))
            if own and other and own != other:
                groups.append((a + m.start(), (own, other)))
        # Proposals with joint authors.
        for m in _COMPOUND_RE.finditer(sent):
            ca, cb = gz.country_of(m.group("a")), gz.country_of(m.group("b"))
            if ca and cb and ca != cb:
                proposals.append((a + m.start(), _norm_noun(m.group("noun")), (ca, cb)))
        found, end = subject_countries(sent, gz)
        if len(found) >= 2 and _AND_RE.search(sent, 0, end) and JOINT_RE.match(sent[end:].lstrip(" ,")):
            for m in _PROPOSAL_RE.finditer(sent, end, min(len(sent), end + 120)):
                proposals.append((a + m.start(), _norm_noun(m.group(0)), found))
    return HolderContext(tuple(sorted(groups)), tuple(sorted(states)), tuple(proposals))


def _norm_noun(s: str) -> str:
    s = " ".join(s.lower().split())
    return s[:-1] if s.endswith("s") and s[:-1] in _PROPOSALS else s


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
    prev = ""
    while pos < len(s):
        m = _SUBJ_WORD_RE.match(s, pos)
        if not m:
            break
        word = m.group(1)
        if word[0].islower():
            lw = word.lower()
            if (
                lw in ROLE_NOUNS
                or lw.rstrip("s") in ROLE_NOUNS
                or lw in ("side", "sides", "foreign", "deputy", "vice", "first", "top", "nuclear", "special", "senior", "of", "to", "'s")
                or (lw == "for" and prev.split()[-1:] and prev.split()[-1].lower() in ROLE_NOUNS)  # "Minister for Foreign Affairs X"
            ):
                prev = word
                pos = m.end()
                last_end = pos
                continue
            break
        hit = gz.lookup(word) or next(((ms.kind, ms.key) for ms in gz.mentions(word)), None)
        if hit is None and " " not in word:
            p = gz.person(word.rstrip("'s").rstrip("’s"))  # a known surname ("Putin and Xi")
            if p is not None:
                hit = ("person", p.name)
        if hit is not None:
            c = gz.country_of_hit(hit)
            if c and c not in found:
                # A post ("Ambassador to Seoul") names no holder: skip words after "to".
                before = s[max(0, m.start(1) - 4) : m.start(1)]
                if not before.endswith("to "):
                    found.append(c)
        elif word.endswith("'s"):
            c = gz.country_of(word[:-2])
            if c and c not in found:
                found.append(c)
        prev = word
        pos = m.end()
        last_end = pos
        if pos < len(s) and s[pos] == "'" and s[pos : pos + 2] == "'s":
            pos += 2
    return tuple(found), offset + last_end


def _sentence_holders(
    sent: str,
    speaker_country: Optional[str],
    gz: Gazetteer,
    ctx: Optional[AnyHolderContext],
    at: Optional[int],
    before: str,
) -> tuple[str, ...]:
    """The holders one content sentence names, or () when it is the speaker's own."""
    body = _INTRO_RE.sub("", sent, count=1)
    where = at if at is not None else 0
    # 4. "our common position"
    if _COMMON_RE.search(sent) and speaker_country:
        states = ctx.group_before(where, include=speaker_country) if ctx else ()
        if not states:
            # No group named: the speaker's state and the other state named nearest before
            # ("After talks with his Russian counterpart, … Wang Yi: 'Our joint position …'").
            other = _other_state(before, speaker_country, gz) or (ctx.other_state_before(where, speaker_country) if ctx else None)
            states = (speaker_country, other) if other else ()
        if states:
            return states
    # 3. quantified joint subjects
    q = _QUANT_RE.match(body)
    if q:
        rest = _PAREN_RE.sub("", body[q.end() :], count=1).lstrip()
        named = gz.group(q.group(0))
        if JOINT_RE.match(rest):  # "urged both Koreas to return …": addressees, not holders
            if named:
                return named
            n = _NUMBERS.get((q.group("n") or "").lower()) or (2 if q.group(0).lower().startswith("both") else None)
            states = ctx.group_before(where, n) if ctx else ()
            if not states:
                states = _in_text_group(before, gz, n)
            if not states and n == 2 and speaker_country:
                other = _other_state(before, speaker_country, gz) or (ctx.other_state_before(where, speaker_country) if ctx else None)
                if other:
                    states = (speaker_country, other)
            if states:
                return states
    # 5. joint proposals as subject
    c = _COMPOUND_RE.match(body)
    if c:
        ca, cb = gz.country_of(c.group("a")), gz.country_of(c.group("b"))
        if ca and cb and ca != cb:
            return (ca, cb)
    t = _THE_PROPOSAL_RE.match(body)
    if t and ctx is not None:
        states = ctx.proposal_before(where, t.group("noun"))
        if states:
            return states
    found, end = subject_countries(sent, gz)
    rest = _PAREN_RE.sub("", sent[end:], count=1).lstrip()
    if len(found) >= 2:
        # Joined by "and" ("Kim Yo Jong, … of the Workers' Party of Korea" is one person).
        return found if _AND_RE.search(sent, 0, end) and JOINT_RE.match(rest) else ()
    if len(found) == 1:
        e = ENDORSE_RE.match(rest)
        if e:
            owner = gz.country_of(e.group("owner"))
            if owner and owner != found[0]:
                return (found[0], owner)
        if found[0] != speaker_country and STANCE_RE.match(rest) and not _NOUN_OF_RE.match(rest):
            return found  # not "the U.S. offer of talks was …": a noun, not a stance
    return ()


def _in_text_group(text: str, gz: Gazetteer, n: Optional[int]) -> tuple[str, ...]:
    ctx = holder_context(text, [(0, len(text))], gz) if text else None
    return ctx.group_before(len(text) + 1, n) if ctx else ()


def _other_state(text: str, exclude: str, gz: Gazetteer) -> Optional[str]:
    for _, _, c in reversed(_state_mentions(text, 0, len(text), gz)):
        if c != exclude:
            return c
    return None


def holders_of(
    content: str,
    speaker_country: Optional[str],
    gz: Gazetteer,
    context: Optional[AnyHolderContext] = None,
    at: Optional[int] = None,
) -> tuple[str, ...]:
    """Whose position ``content`` states (see the module doc for the rule). ``context``
    (from :func:`holder_context`) and ``at`` (the statement's position in the same text)
    let joint phrases ("the two leaders") reach the states named earlier in the article."""
    out: list[str] = []
    done = 0
    text = content.strip().strip('"')
    for sent in _SENT_RE.split(text):
        raw = sent
        sent = sent.strip().lstrip('"(')
        if not sent:
            continue
        offset = text.find(raw, done)
        before = text[:offset] if offset > 0 else ""
        done = max(done, offset + len(raw)) if offset >= 0 else done
        sub_at = (at + max(offset, 0)) if at is not None else None
        chosen = _sentence_holders(sent, speaker_country, gz, context, sub_at, before)
        if not chosen:
            chosen = (speaker_country,) if speaker_country else ()
        for c in chosen:
            if c not in out:
                out.append(c)
    if not out and speaker_country:
        out.append(speaker_country)
    return tuple(out)
