"""Wire and analysis copy: the habits of agency stories and analysis pieces.

Agency and analysis writing attributes in ways meetings coverage and transcripts do not
(``docs/attribution.md``, "Wire and analysis copy"):

- anonymous sources carry a restrictive clause ("a diplomat who asked not to be named
  said", "according to two officials who briefed reporters") and are referred to again
  ("one of the officials said");
- people outside government — analysts, researchers, academics, former officials — speak
  for no state, whatever state their field or former office names;
- a paragraph opens on the state whose official then speaks ("Pyongyang was unmoved. …
  Ri Chol Gyu, a senior Foreign Ministry official, said …");
- an agency carries what someone said ("Yonhap quoted a presidential official as saying");
- "he said" after a paragraph that only mentions someone else refers to the speaker.

Every pattern here is bounded or anchored, so a frame is read in linear time.

    >>> strip_restrictive("a diplomat who asked not to be named")
    'a diplomat'
    >>> outside_government("Han Seung-woo, a North Korea specialist at Kyungnam University")
    True
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

from ..actors import Gazetteer
from ..model import Speaker, Span
from .records import WORDS_RE, Draft, FrameContext, QuotePart, trim_part
from .speakers import SpeakerRef
from .connectives import PARTICIPLE_CUES
from .cues import CUE_RE

__all__ = [
    "LIVE_MARK_RE",
    "THE_COUNTRYS_RE",
    "KOREAN_SIDE_RE",
    "strip_restrictive",
    "outside_government",
    "outside_speaker",
    "one_of_them",
    "opens_according",
    "cue_in_relative",
    "according_phrase_end",
    "naming_end",
    "carrier_tail",
    "commentary_tail",
    "quoted_as_saying",
    "cited_report",
    "colon_quote",
    "paragraph_topic",
    "in_subject_position",
]

LIVE_MARK_RE = re.compile(
    r"(?:[-•*▪·–—]\s+|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?(?:[A-Z]{2,4}\s*)?(?:--|[-–—:|])\s+)(?=\S)"
)
"""A live blog's bullet or time stamp opening a paragraph ("- ", "• ", "10:42 GMT — "): no
part of the statement or its speaker."""

THE_COUNTRYS_RE = re.compile(r"^[Tt]he\s+(?:country|nation|regime|state|government)['’]s\s+(?=[a-zA-Z])")
""""The country's foreign ministry" reads as "its foreign ministry": the state the statement
is about, else the nearest speaker's."""
KOREAN_SIDE_RE = re.compile(r"(?:^|\s)[Tt]he\s+(?P<side>North|South)['’]s\s")
"""Korean news names the two states "the North" and "the South" ("The North's ambassador to
the U.N., Kim Song", "Kim Gunn, the South's top nuclear envoy"): read so only in an article
that names Korea (use ``.search``)."""

_RESTRICTIVE_RE = re.compile(r"\s+(?:who|that)\s+(?=[a-z])")
_SOURCE_HEAD_RE = re.compile(
    r"(?:[\w.'’-]+\s+){0,6}(?:officials?|diplomats?|sources?|people|person|negotiators?|aides?|insiders?|"
    r"spokes(?:man|woman|person)|minister|envoy|officer|lawmakers?|members?)(?:\s+(?:in|at|from|with|close\s+to|familiar\s+with)\s+[^,;]{1,60})?$"
)


def strip_restrictive(phrase: str) -> str:
    """An anonymous source without its restrictive clause ("a senior official in Seoul who
    asked not to be named" → "a senior official in Seoul"); other phrases unchanged."""
    m = _RESTRICTIVE_RE.search(phrase)
    if m is None or len(phrase) > 300:
        return phrase
    head = phrase[: m.start()]
    return head if _SOURCE_HEAD_RE.fullmatch(head) else phrase


_OUTSIDE_RE = re.compile(
    r"\b(?:former(?!\s+(?:Soviet|Yugoslav|Czechoslovak|East\s+German|West\s+German))|ex-|retired|onetime|one-time)\s*(?:[\w.'’-]+\s+){0,5}?(?:official|minister|envoy|ambassador|diplomat|negotiator|"
    r"president|secretary|adviser|advisor|aide|spokes(?:man|woman|person)|general|director|chief|representative|prime\s+minister|"
    r"lawmaker|officer|head|staffer|member)\b"
    r"|\b(?:analyst|expert|specialist|researcher|fellow|professor|scholar|academic|lecturer|economist|historian|"
    r"commentator|strategist)s?\b",
    re.I,
)
"""Who speaks from outside government: a former office holder, an analyst or a scholar."""


def outside_government(phrase: str) -> bool:
    """Whether a speaker phrase names someone outside government (guidelines 3: analysts,
    researchers and former officials have no country and hold nothing)."""
    return len(phrase) <= 300 and _OUTSIDE_RE.search(phrase) is not None


_OUTSIDE_NOUNS = (
    r"analyst|expert|specialist|researcher|fellow|professor|scholar|academic|lecturer|economist|historian|commentator|"
    r"strategist|defector"
)
_OUTSIDE_PHRASE_RE = re.compile(
    r"(?P<det>(?:[Aa]n?|[Oo]ne|[Tt]he|[Aa]nother|[Tt]wo|[Tt]hree|[Ss]everal)\s+)?(?P<pre>(?:[\w.'’-]+\s+){0,4}?)"
    r"(?P<noun>(?:" + _OUTSIDE_NOUNS + r")s?)(?:(?P<post>\s+(?:at|with|from|in|of|for|on)\s+[^,;\"]{1,80})"
    r"|\s+(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}))?"
)
_CLAUSE_WORDS = frozenset("that which who whom whose had has have is was were are be been would will could should not said says".split())
_NAME_ONLY_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}")


def outside_speaker(head: str, appos: str) -> Optional[SpeakerRef]:
    """A speaker from outside government named by that noun ("one intelligence analyst",
    "analyst Hana Cole", "a professor at Seoul National University, Lee Jung-min", "a
    senior defector"): no state, no holders. Bare plurals ("analysts") stay refused, as
    the generic plurals of :mod:`.speakers` do; a counted plural ("two analysts") speaks."""
    m = _OUTSIDE_PHRASE_RE.fullmatch(head.strip())
    if m is None or len(head) > 160:
        return None
    if m.group("noun").endswith("s") and not (m.group("det") or "").strip().lower() in ("two", "three", "several"):
        return None
    for w in m.group("pre").split():
        if not w[:1].isupper() and (w.lower() in _CLAUSE_WORDS or w.endswith(("ed", "ing"))):
            return None
    name = m.group("name") or (appos.strip() if appos and _NAME_ONLY_RE.fullmatch(appos.strip()) else None)
    if not (m.group("det") or m.group("name")):
        return None  # "expert said": no determiner, no name — not a phrase of a speaker
    role = head.strip()
    if m.group("name"):
        role = head[: m.start("name")].strip()
    return SpeakerRef(Speaker(name, role[:1].lower() + role[1:]), head.strip(), stateless=True)


_ONE_OF_RE = re.compile(
    r"(?:[Oo]ne|[Aa]nother|[Tt]he\s+other|[Bb]oth|[Ee]ach)\s+of\s+(?:the|those|these|them)\s+(?:(?:two|three|four|five|several)\s+)?"
    r"(?:(?:senior|administration|government|[A-Z][\w.'’-]*)\s+){0,2}(?P<noun>officials|diplomats|sources|people|negotiators|aides)?"
)


def one_of_them(phrase: str) -> Optional[SpeakerRef]:
    """"one of the officials": a reference to the anonymous sources named before."""
    p = phrase.strip(" ,")
    m = _ONE_OF_RE.fullmatch(p)
    if m is None or (m.group("noun") is None and not p.endswith("them")):
        return None
    return SpeakerRef(Speaker(role=p[:1].lower() + p[1:]), p, ref="nominal", cls="official")


_RELATIVE_OPEN_RE = re.compile(r",\s*(?:who|which|whose)(?:\s+[\w'’-]+){0,4}\s*$")


def cue_in_relative(masked: str, ps: int, cs: int, b: int) -> bool:
    """Whether the cue at ``cs`` opens inside a relative clause of the phrase before it
    ("A diplomat, who said he …, said …", "Kim, who has repeatedly said …, told …") and
    another cue follows in the frame (``b``: its end) to be the speaker's. Bounded look-back."""
    if _RELATIVE_OPEN_RE.search(masked, max(ps, cs - 60), cs) is None:
        return False
    nxt = CUE_RE.search(masked, cs + 1, b)
    return nxt is not None and nxt.start() > cs


_ACCORDING_LEAD_RE = re.compile(
    r"\s*(?:(?:But|And|Yet|So|Still|Now|However|Instead|Meanwhile|Separately|Earlier|Later|Previously)\s*,?\s*)?"
)


def opens_according(masked: str, a: int, cs: int) -> bool:
    """Whether "according to" at ``cs`` opens its frame, after at most a conjunction or a
    sentence adverb ("But according to two officials, …")."""
    return _ACCORDING_LEAD_RE.fullmatch(masked, a, cs) is not None


_APPOS_OPEN_RE = re.compile(r"\s*(?:a|an|the|who|now|then|one)\s", re.I)


def according_phrase_end(masked: str, ce: int, comma: int, end: int) -> int:
    """Where the source of "According to NAME, an appositive, CONTENT" ends: at the comma
    after the appositive when the first comma closes a name ("According to Lee Sang-hyun,
    a researcher at the Sejong Institute, the clause …"), else at ``comma``."""
    if comma - ce > 80:
        return comma
    name = masked[ce:comma].strip()
    if not name or not all(w[:1].isupper() for w in name.split()) or len(name.split()) > 4:
        return comma
    if not _APPOS_OPEN_RE.match(masked, comma + 1, end):
        return comma
    nxt = masked.find(",", comma + 1, min(end, comma + 160))
    if nxt == -1 or '"' in masked[comma:nxt]:
        return comma
    return nxt


_AFTER_NAMING_RE = re.compile(
    r"\s*,?\s*(?:" + PARTICIPLE_CUES + r"|and\s+(?:also\s+)?(?:said|added|stressed|warned|noted|insisted|urged|vowed|pledged))(?:\s+that|\s*:)?\s+"
)


def naming_end(masked: str, start: int, end: int) -> tuple[int, Optional[int]]:
    """Where the statement of a naming cue ends, and where a participial statement after it
    starts ('called the closure "self-defeating," expressing hope that …', 'called it "an
    outrage" and said …': the quoted words, then the next clause). A participle or a second
    cue after the quote ends it; else it runs on
    (``(end, None)``: 'called the launch "a provocation" that threatened peace')."""
    if masked[start : start + 1] != '"':
        return end, None
    close = masked.find('"', start + 1, end)
    if close == -1:
        return end, None
    m = _AFTER_NAMING_RE.match(masked, close + 1, end)
    return (close + 1, m.end()) if m else (end, None)


_CARRIER_RE = re.compile(
    r",\s+(?:(?:[\w.'’-]+\s+){0,6}?(?:news\s+agency|agency|media|newspaper|daily|broadcaster|television|TV|KCNA|Yonhap|Xinhua|TASS|Kyodo|Interfax|RIA\s+Novosti)"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:reported|reports)(?:\s+on\s+[A-Z][a-z]+|\s+(?:later|earlier|today))?\s*"
)


def carrier_tail(masked: str, s: int, e: int) -> int:
    """The end of content that closes on the outlet that carried it ("Kim said the tests
    were defensive, North Korea's official KCNA news agency reported"): before that comma.
    Only the last comma within 120 characters is tried (bounded)."""
    c = masked.rfind(",", max(s, e - 120), e)
    if c <= s or _CARRIER_RE.fullmatch(masked, c, e) is None:
        return e
    while c > s and masked[c - 1] in " \t":
        c -= 1
    return c


_COMMENTARY_RE = re.compile(
    r",\s+(?:the\s+first\s+(?:time|such)|in\s+what\s+(?:it|he|she|they|officials|the\s+[a-z]+)\s+(?:called|described|termed)|"
    r"a\s+move\s+(?:that|seen|widely)|"
    r"(?:signal+ing|marking|underscoring|suggesting)\s+(?:a|an)\s+(?:(?:possible|major|clear|significant|sharp)\s+)?(?:shift|change|departure|break|softening|hardening|reversal|turn))\b"
)


def commentary_tail(masked: str, s: int, e: int) -> int:
    """The end of content before the journalist's comment appended to it ("he would visit
    Seoul, the first time a leader has pledged so", "the office was destroyed, in what it
    called a response to leaflets", "…, a move seen as …", "…, signaling a shift from …"): before
    that comma; else ``e``."""
    m = _COMMENTARY_RE.search(masked, s, e)
    return m.start() if m is not None and WORDS_RE.search(masked, s, m.start()) else e


_COLON_LABEL_RE = re.compile(r"\s*(?P<who>[A-Z][^:\"\n]{2,120}?)\s*:\s*(?=\")")


def colon_quote(ctx: FrameContext, a: int, b: int, qs: list[QuotePart], phrase_of: PhraseReader) -> Optional[Draft]:
    """A frame that is a speaker phrase, a colon and one quote, with no cue (a live blog's
    'Japanese Prime Minister Fumio Kishida: "We have lodged a protest."'): a direct
    statement of that speaker; None when the words before the colon name no speaker."""
    masked = ctx.masked
    m = _COLON_LABEL_RE.match(masked, a, b)
    if m is None or len(qs) != 1 or qs[0][1].start < m.end():
        return None
    qi, part = qs[0]
    if WORDS_RE.search(masked, part.end, b):
        return None  # words after the quote: not a label and a quote alone
    ref = phrase_of(m.group("who"))
    if ref is None or ref.ref is not None:
        return None
    span = trim_part(ctx.text, part)
    return Draft([span], "direct", ref, Span(m.start("who"), m.end()), (qi,)) if span else None


_QUOTED_RE = re.compile(r"\bquoted\s+(?P<who>[^,;\"]{2,160}?)\s+as\s+(?:saying|telling\s+[^,;\"]{1,60}?)(?:\s+that)?(?=[\s,.:]|$)")
_OUTLET_RE = re.compile(r"\s*(?:[A-Z][\w.'’&-]*|the|The|of|state|news|agency|newspaper|daily|broadcaster|media)(?:\s+(?:[A-Z][\w.'’&-]*|the|of|state|news|agency|newspaper|daily|broadcaster|media)){0,5}\s*")


PhraseReader = Callable[[str], Optional[SpeakerRef]]
ContentReader = Callable[[int, int, SpeakerRef, Span], list[Draft]]
SubjectReader = Callable[[str, Gazetteer], tuple[tuple[str, ...], int]]


def quoted_as_saying(ctx: FrameContext, a: int, b: int, qs: list[QuotePart], phrase_of: PhraseReader, content_of: ContentReader) -> list[Draft]:
    """'OUTLET quoted X as saying (that) Y' and 'Y, OUTLET quoted X as saying': X's statement,
    carried by the outlet (as "told TASS"). An official with no state of their own takes
    the outlet's when the outlet is a state agency ("Yonhap quoted a presidential official",
    "Kyodo quoted Defense Minister X").

    ``phrase_of`` reads a speaker phrase, ``content_of`` makes the drafts of a content span
    (passed in, so this module needs neither the phrase nor the clause reader)."""
    masked, gz = ctx.masked, ctx.gz
    m = _QUOTED_RE.search(masked, a, b)
    if m is None:
        return []
    end = b
    while end > a and masked[end - 1] in " .!?\n":
        end -= 1
    ref = phrase_of(m.group("who"))
    if ref is None:
        return []
    comma = masked.rfind(",", a, m.start())
    outlet_start = comma + 1 if comma != -1 else a
    if not _OUTLET_RE.fullmatch(masked, outlet_start, m.start()):
        return []
    ref = _with_outlet_state(ref, masked[outlet_start : m.start()], gz)
    cue = Span(m.start(), m.end())
    if comma == -1 and WORDS_RE.search(masked, m.end(), end):
        return content_of(m.end(), end, ref, cue)  # leading: "Kyodo quoted X as saying that …"
    if comma != -1 and not WORDS_RE.search(masked, m.end(), end) and WORDS_RE.search(masked, a, comma):
        return content_of(a, comma, ref, cue)  # trailing: "…, Yonhap quoted X as saying."
    return []


_CITING_LEAD_RE = re.compile(
    r"(?P<outlet>[^,;\"]{2,80}),\s+citing\s+(?P<who>[^,;\"]{2,120}),\s+(?:reported|said|reports|says)(?:\s+on\s+[A-Z][a-z]+)?(?:\s+that)?\s+"
)
_REPORTED_RE = re.compile(r"(?P<outlet>[^,;\"]{2,80}?)\s+(?:reported|said|reports|says)(?:\s+on\s+[A-Z][a-z]+)?\s*")


def cited_report(ctx: FrameContext, a: int, b: int, phrase_of: PhraseReader, content_of: ContentReader) -> list[Draft]:
    """'Y, OUTLET reported, citing X.' and 'OUTLET, citing X, reported that Y': X's statement,
    carried by the outlet, as with "quoted X as saying"."""
    masked = ctx.masked
    i = masked.find("citing ", a, b)
    if i == -1:
        return []
    end = b
    while end > a and masked[end - 1] in " .!?\n":
        end -= 1
    m = _CITING_LEAD_RE.match(masked, a, end)
    if m and _OUTLET_RE.fullmatch(m.group("outlet")) and WORDS_RE.search(masked, m.end(), end):
        ref = phrase_of(m.group("who"))
        if ref is None:
            return []
        return content_of(m.end(), end, _with_outlet_state(ref, m.group("outlet"), ctx.gz), Span(m.start("who") - 7, m.end()))
    c1 = masked.rfind(",", a, i)
    c0 = masked.rfind(",", a, c1) if c1 != -1 else -1
    who = masked[i + 7 : end]
    if c0 == -1 or masked[c1 + 1 : i].strip() or "," in who or len(who) > 120:
        return []
    r = _REPORTED_RE.fullmatch(masked, c0 + 1, c1)
    if r is None or not _OUTLET_RE.fullmatch(r.group("outlet")) or not WORDS_RE.search(masked, a, c0):
        return []
    ref = phrase_of(who)
    if ref is None:
        return []
    return content_of(a, c0, _with_outlet_state(ref, r.group("outlet"), ctx.gz), Span(c0 + 1, end))


def _with_outlet_state(ref: SpeakerRef, outlet: str, gz: Gazetteer) -> SpeakerRef:
    sp = ref.speaker
    if sp.country or not (sp.role or sp.organization) or ref.ref in ("pronoun", "surname") or ref.stateless:
        return ref
    inst = next((m for m in gz.mentions(outlet) if m.kind == "institution"), None)  # "Yonhap news agency"
    code = gz.country_of_hit((inst.kind, inst.key)) if inst is not None else None
    if code is None:
        return ref
    return SpeakerRef(Speaker(sp.name, sp.role, code, sp.organization), ref.phrase, ref=ref.ref, cls=ref.cls)


def paragraph_topic(
    text: str,
    frames: list[tuple[int, int]],
    frame_starts: list[int],
    para: Span,
    before: int,
    gz: Gazetteer,
    subject_countries: SubjectReader,
    stated: tuple[list[int], list[Optional[str]]],
) -> Optional[str]:
    """The state a wire paragraph opens on ("Moscow reacted coolly.", "China, the North's
    main ally, urged …"), when its first sentence ends before ``before``: the state of the
    statement made in that sentence (``stated``: the starts and states of the statements so
    far, in text order; "North Korea fired …, a South Korean official said" opens on KOR,
    not on the DPRK), else the one state its subject names; else None. Looked up by
    bisection, so a long article costs no more per statement."""
    i = bisect.bisect_left(frame_starts, para.start)
    if i >= len(frames) or frames[i][0] >= para.end or frames[i][1] > before:
        return None
    first = frames[i]
    starts, states = stated
    j = bisect.bisect_left(starts, first[1]) - 1
    if j >= 0 and starts[j] >= first[0]:
        return states[j]
    if first[1] - first[0] > 400:
        return None
    found, _ = subject_countries(text[first[0] : first[1]], gz)
    return found[0] if len(found) == 1 else None


_OBLIQUE_WORDS = frozenset(
    "after before with by from when while as following against than since until during about "
    "between among like unlike including beside besides toward towards via whom whose which that".split()
)


def in_subject_position(text: str, start: int, mention: int) -> bool:
    """Whether a person named at ``mention`` opens the sentence that starts at ``start``
    (only a title before the name: "Russian Deputy Foreign Minister Sergei Ryabkov spoke …",
    "Japan's chief cabinet secretary, Yoshimasa Hayashi, voiced …"), and so may be "he"
    later; a person named inside the narration ("two days after Secretary of State X
    visited Seoul", "a call with X") may not."""
    words = [w.strip(",;:()\"'") for w in text[start:mention].split()]
    if len(words) > 10:
        return False
    return not any(w.islower() and (w in _OBLIQUE_WORDS or w.endswith("ed")) for w in words)
