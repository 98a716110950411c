"""Clauses: how a reporting cue splits a frame into speaker phrase and content.

The grammar (see ``docs/attribution.md``): a frame is ``[INTRO,] SPEAKER CUE [adverbials]
(that|:|,) CONTENT`` (leading), ``CONTENT, SPEAKER CUE`` or ``CONTENT, CUE SPEAKER``
(trailing), or ``According to X, CONTENT``; content splits into one statement per clause
under the cue (", adding that …", "and he added that …", "but that …").
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Span
from ..model.vocabulary import StatementKind
from .cues import ADVERBIAL_RE, INVERTIBLE
from .records import WORDS_RE, TRIM_END, Draft, FrameContext, QuotePart, drop_final_period, trim_part
from ..actors import Gazetteer
from .appositives import appositive_speaker, name_before
from .phrases import speaker_phrase
from .speakers import SpeakerRef
from .wire import according_phrase_end, carrier_tail, commentary_tail, cue_in_relative, naming_end, opens_according
from .connectives import ADDING_RE as _ADDING_RE, CLAUSE_RE as _CLAUSE_RE, COORDINATED_RE as _COORDINATED_RE, INTERPOSED_RE as _INTERPOSED_RE, OTHER_SPEAKER_RE as _OTHER_SPEAKER_RE
from .connectives import SHARED_SUBJECT_RE as _SHARED_SUBJECT_RE, shared_subject_window

__all__ = ["attribute", "content_drafts", "participial_drafts", "ends_frame", "skip_intro", "cut_inverted", "told_object_ends"]

_THAT_RE = re.compile(r"\bthat\s+")
_NOMINAL_THAT_RE = re.compile(
    r"\s*(?:(?:its|his|her|their|the|deep|grave|serious|strong|great|firm|growing|particular)\s+){0,3}"
    r"(?:concern|hope|regret|conviction|belief|view|fear|confidence|satisfaction|doubt)s?\s+(?:at\s+the\s+fact\s+|over\s+the\s+fact\s+)?that\s+"
)
"""A nominal cue's clause: "expressed (deep) concern that …", "voiced the hope that …"."""
_INFINITIVE_CUES = frozenset("called on|calls on|called upon|calls upon|requested|requests|encouraged|encourages|appealed to|appeals to|invited|invites".split("|"))
_NAMING_CUES = frozenset("called calls dubbed termed branded labelled labeled".split())
_NAMING_OBJECT_RE = re.compile(r"\s*(?:[\w'’\-]+(?![\w'’\-])\s*){1,12}")
"""The object of a naming cue before its quote: a few words, no punctuation (linear: a word is
whole between blanks, as ``_TOLD_RE``)."""
_INFINITIVE_RE = re.compile(r"\s*(?:[\w'’\-]+\s+){1,12}?to\s+[a-z]")
"""Cues whose content is an addressee and an infinitive ("called on all parties to …")."""
_OBJECT_RE = re.compile(
    r"\s+(?:reporters|journalists|the press|the media|lawmakers|parliament|him|her|them|"
    r"(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*(?:\s+(?:news\s+agency|agency|newspaper|daily|broadcaster|television|radio|channel))?"
    r"|(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?)"
)
"""The object of "told": reporters, a name, an outlet ("the TASS news agency"), a short noun phrase."""
_INVERTED_CUT_RE = re.compile(
    r"(?<!\s)\s+(?:on|at|during|after|before|when|while|in\s+(?:an?|the|his|her|its|a)\b|to\s+(?:reporters|journalists)|via)\b.*$",
    re.S,
)
_TOLD_RE = re.compile(r"\s*(?:[\w'’.-]+(?![\w'’.-])\s*){0,9}")
"""The rest of the object of "told" before "that": a few words, no punctuation (each word
whole, so a long word is one word and not 2^n ways to cut it)."""
_TIME_RE = re.compile(
    r"\s*(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"earlier|later|tonight)(?:\s+(?:morning|afternoon|evening|night))?\s+(?=[A-Za-z])"
)
"""A time adverbial right after a cue, before content without "that" ("said on Friday it …")."""
_CONTEXT_RE = re.compile(
    r",\s+(?:(?:a|an|one|two|three|four|five|several|just|only|shortly|hours|days|weeks|minutes|"
    r"day|week|month|months|moments|year|years|soon|barely|less\s+than|more\s+than)\s+)+(?:after|before)\b"
)


_BUT_OR_SEMICOLON_RE = re.compile(r"(?:,\s+but|;)\s+(?!.*(?:,\s+but\s|;))", re.S)
"""The last ", but" or ";" before a cue (bounded look-back: the caller gives at most 160 characters)."""


def _left_boundary(masked: str, a: int, cs: int) -> int:
    """Start of the clause that ends at the cue: after the last comma, colon, semicolon or
    closing quote mark before it (or the frame start)."""
    i = cs
    while i > a:
        c = masked[i - 1]
        if c in ",;:\"(":
            return i
        i -= 1
    return a


_INTRO_FRAME_RE = re.compile(
    r"(?:(?:Speaking|Asked|Talking|Writing|Responding|Replying|Commenting|Referring|Answering|"
    r"Addressing|Interviewed|Questioned|Briefing|Reacting|Testifying|Appearing|Returning|"
    r"Visiting|Meeting|Opening|Closing|Presenting|Introducing|Explaining)\b[^,;]*"
    r"|(?!(?:Beijing|Kunming|Nanjing|Harbing|Pyeongchang|Ming|King|Sterling|Darjeeling|Reading|Wellington)\b)[A-Z][a-z]+ing\b[^,;\"]*"
    r"|(?i:(?:(?:a|an|one|two|three|four|five|several|just|only|barely|some)\s+)?(?:hours?|days?|minutes?|weeks?|months?|moments?|"
    r"shortly|soon|immediately|not\s+long)\s+(?:after|before|later|earlier))\b[^,;]*"
    r"|(?:carried|broadcast|aired|televised|published|relayed)\s+(?:live\s+)?(?:by|on)\b[^,;\"]*"  # "In a speech …, carried by KCNA, X said"
    r"|(?i:Like|Unlike|As\s+with)\s+(?:other\s+|many\s+|most\s+|his\s+|her\s+|their\s+)?[^,;\"]*"
    r"|(?i:At|In|On|By|During|After|Before|Following|Earlier|Later|Meanwhile|However|Separately|Also|"
    r"Then|Now|Today|Yesterday|Last|This|For|Elsewhere|Still|But|And|Instead|Nonetheless|"
    r"Nevertheless|Similarly|Likewise|Previously|Subsequently|As|When|While|Amid|Amidst|Ahead|Despite|With|Once|Upon|Since|Until)\b[^,;]*),\s*"
)
"""An introductory phrase before a leading speaker ("Speaking to reporters …, ", "Asked
whether …, ", "At the talks, ", "Earlier, in a speech …, "): neither speaker nor content."""
_BARE_TIME_RE = re.compile(
    r"(?:(?:Last|Earlier|Later|Late|Early)\s+(?:this\s+|that\s+|last\s+)?|(?:On|This)\s+)"
    r"(?:week|weekend|month|year|night|morning|afternoon|evening|spring|summer|autumn|fall|winter|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\s+(?=[A-Z])"
)
"""A time opener without a comma ("Last week Ri said …", "On Monday the ministry said …",
"Earlier this month Kim told …"): no part of the speaker phrase."""
_PARTICIPIAL_RE = re.compile(
    r"(?:Speaking|Asked|Talking|Writing|Responding|Replying|Commenting|Answering|Addressing|Interviewed|Questioned|Reacting|Testifying"
    r"|(?!(?:Beijing|Kunming|Nanjing|Harbing|Pyeongchang|Ming|King|Sterling|Darjeeling|Reading|Wellington)\b)[A-Z][a-z]+ing)\b"
)
"""An opener in a participle ("Objecting to the draft, …", "Recalling …, he said …"): the frame's
content is after the attribution, not the opener."""


def ends_frame(masked: str, pos: int, b: int) -> bool:
    """Only adverbials (or nothing, or the object of "told") follow ``pos`` to the frame end."""
    tail = masked[pos:b].rstrip(" .!?\n\"")
    if not tail.strip():
        return True
    if '"' in tail:
        return False
    m = _OBJECT_RE.match(tail)
    if m and (not tail[m.end() :].strip() or ADVERBIAL_RE.fullmatch(tail[m.end() :])):
        return True
    return bool(ADVERBIAL_RE.fullmatch(tail))


def skip_intro(masked: str, a: int, cs: int) -> int:
    """Where a leading speaker phrase starts, after introductory phrases."""
    pos = a
    while True:
        m = _BARE_TIME_RE.match(masked, pos, cs) or _INTRO_FRAME_RE.match(masked, pos, cs)
        if not m or '"' in m.group(0):
            return pos
        pos = m.end()


def attribute(ctx: FrameContext, a: int, b: int, cue: re.Match[str], qs: list[QuotePart], trailing_only: bool = False) -> list[Draft]:
    """The drafts of frame ``[a, b)`` if ``cue`` attributes it, else []."""
    text, masked, gz = ctx.text, ctx.masked, ctx.gz
    cs, ce = cue.span()
    form = re.sub(r"\s+", " ", cue.group(0))
    if form == "According to":
        form = "according to"
    cue_span = Span(cs, ce)
    end = b
    while end > a and masked[end - 1] in " .!?\n":
        end -= 1
    if form == "according to":
        comma = masked.find(",", ce, end)
        if opens_according(masked, a, cs) and comma != -1:  # "(But) according to X(, appositive), CONTENT"
            comma = according_phrase_end(masked, ce, comma, end)
            ref = speaker_phrase(masked[ce:comma], gz)
            if ref is None:
                return []
            return content_drafts(ctx, comma + 1, end, ref, cue_span, qs, lead=True)
        if masked[_skip_space_left(masked, a, cs) - 1 : cs].strip() == ",":  # "CONTENT, according to X."
            ref = speaker_phrase(masked[ce:end], gz)
            if ref is None:
                return []
            return content_drafts(ctx, a, _skip_space_left(masked, a, cs) - 1, ref, cue_span, qs, lead=False)
        return []

    # Leading: the speaker phrase runs from the frame start (after introductory phrases)
    # to the cue.
    if not trailing_only and not _has_quote(masked, a, cs):
        ps = skip_intro(masked, a, cs)
        # "A diplomat, who said he was not authorised to speak, said …": the first cue is
        # the relative clause's; the speaker's is a later one.
        ref = None if cue_in_relative(masked, ps, cs, b) else speaker_phrase(masked[ps:cs], gz, intro=masked[a:ps])
        if ref is None and _SHARED_SUBJECT_RE.search(masked, shared_subject_window(masked, ps, cs), cs):
            ref = _shared_subject(masked[ps:cs], gz)
        if ref is None and (but := _BUT_OR_SEMICOLON_RE.search(masked, max(ps, cs - 160), cs)) is not None:
            # "Others pushed for talks, but X, Y, said …", "Moscow has not commented; X said …":
            # narration, then the speaker.
            ref = speaker_phrase(masked[but.end() : cs], gz)
        if ref is not None:
            if ref.stateless and ref.speaker.name is None and form in _INFINITIVE_CUES:
                return []  # "The resolution calls on States to …": operative text, not a position
            start = _content_start(masked, ce, end, form)
            if start is None:
                return []
            cut, then = naming_end(masked, start, end) if form in _NAMING_CUES else (end, None)
            got = content_drafts(ctx, start, cut, ref, cue_span, qs, lead=True)  # 'called X "Y," expressing …': Y alone
            if then is not None:
                got += content_drafts(ctx, then, end, ref, Span(cut, then), qs, lead=True)
            if form in ("expressed", "expresses", "voiced", "voices") and got and got[0].kind == "reported" and not _NOMINAL_THAT_RE.match(masked, ce, end):
                # "expressed regret at the Council's division" (a noun object) is narration;
                # a clause after it ("…, saying that Y", "…, and stressed that Y") is not.
                got = got[1:]
            return got

    if form in _NAMING_CUES:
        return []  # "called X "…"" only leads
    # Trailing: CONTENT, SPEAKER CUE [adverbials] / CONTENT, CUE SPEAKER.
    lb = _left_boundary(masked, a, cs)
    content_end = lb - 1 if lb > a else a
    while content_end > a and masked[content_end - 1] in " \t":
        content_end -= 1
    if content_end <= a or not WORDS_RE.search(masked, a, content_end):
        return []
    if _PARTICIPIAL_RE.match(masked, a) and not _has_quote(masked, a, content_end):
        return []  # "Speaking after the vote, X said": a frame, not content
    phrase = masked[lb:cs]
    rest_start = ce
    if _COORDINATED_RE.match(phrase):
        return []  # "A, and the Council had answered with unity": a second clause, not an attribution
    if not phrase.strip() and masked[lb - 1 : lb] == "," and end - ce < 160 and ends_frame(masked, ce, b):
        # "CONTENT, the embassy's spokesperson, Hu Lan, said.": a title and a name in apposition.
        appos = appositive_speaker(masked, a, lb - 1)
        if appos is not None:
            lb, phrase = appos
            content_end = lb - 1
            while content_end > a and masked[content_end - 1] in " \t,":
                content_end -= 1
    qclose = masked.rfind('"', a, lb)
    if phrase.strip() and masked[lb - 1 : lb] == "," and qclose != -1 and " and " in masked[qclose:cs]:
        # '"…," A, B and C said': a list of speakers after the quote.
        listed = speaker_phrase(masked[qclose + 1 : cs].strip(" ,"), gz)
        if listed is not None and listed.joint:
            phrase, content_end = masked[qclose + 1 : cs], qclose + 1
    if phrase.strip() and masked[lb - 1 : lb] == ",":
        named = name_before(masked, a, lb - 1)
        if named is not None:
            # '"…," Maria Lopez, the U.S. envoy, told reporters': a name, then its title.
            both = speaker_phrase(f"{masked[named : lb - 1].strip()}, {phrase.strip()}", gz)
            if both is not None and both.ref is None and both.speaker.name:
                phrase, content_end = masked[named:cs], named
                while content_end > a and masked[content_end - 1] in " \t,":
                    content_end -= 1
    if phrase.strip():
        ref = speaker_phrase(phrase, gz)
    elif form in INVERTIBLE:
        after = masked[ce:end]
        add = _ADDING_RE.search(after)
        mark = after.find('"')
        cut = min(x for x in (add.start() if add else len(after), mark if mark != -1 else len(after), len(after)))
        cand = after[:cut]
        ref = speaker_phrase(_INVERTED_CUT_RE.sub("", cand), gz)
        rest_start = ce + len(_INVERTED_CUT_RE.sub("", cand))
    else:
        return []
    if ref is None:
        return []
    # Content before the attribution; the remainder may add a statement or a second part.
    content_end_q = content_end
    if masked[content_end_q - 1 : content_end_q] == '"':
        content_end_q = content_end_q  # closing mark kept: _content_drafts trims marks
    cstart = a
    colon = masked.rfind(":", a, content_end)
    if colon != -1 and ref.ref == "pronoun" and not _has_quote(masked, a, colon) and WORDS_RE.search(masked, colon, content_end):
        # "A Western diplomat put it bluntly: the Council, he said, …": the words before the
        # colon narrate who speaks (a person: "China's position is clear: …" is content);
        # the content starts after it.
        lead_ref = _shared_subject(masked[skip_intro(masked, a, colon) : colon] + " and", gz)
        if lead_ref is not None and (lead_ref.speaker.name or lead_ref.speaker.role):
            cstart, ref = colon + 1, lead_ref
    drafts = content_drafts(ctx, cstart, content_end_q, ref, cue_span, qs, lead=False)
    if not drafts:
        # "The Council, he said, “has not agreed …”": a short subject, then the quote after
        # the interposed cue — one mixed statement in two parts.
        q2 = [(qi, p) for qi, p in qs if p.start >= rest_start]
        head = trim_part(text, Span(cstart, content_end))
        if q2 and head is not None and not _has_quote(masked, cstart, content_end) and not WORDS_RE.search(masked, rest_start, q2[0][1].start - 1):
            tail = [t for t in (trim_part(text, p) for _, p in q2) if t]
            return [Draft([head, *tail], "mixed", ref, cue_span, tuple(qi for qi, _ in q2))]
        return []
    rest = masked[rest_start:end]
    lead_in = rest.find(",", 0, 160)
    if lead_in > 0 and not _has_quote(rest, 0, lead_in) and form in ("told", "tells") and _object_adverbial(rest[:lead_in]):
        rest_start += lead_in  # "…, Park told a parliamentary hearing (after the talks), warning that …"
        rest = masked[rest_start:end]
    add = _CLAUSE_RE.search(rest)
    if add and not WORDS_RE.search(rest, 0, add.start()) or (add and ADVERBIAL_RE.fullmatch(rest[: add.start()])):
        # '…, X said on Thursday, but he warned that Y' / ', adding that Y': Y is X's too.
        s2 = rest_start + add.end()
        extra = content_drafts(ctx, s2, end, ref, Span(rest_start + add.start() + 1, rest_start + add.end()), qs, lead=True)
        for d in extra:
            d.note = "continues the attribution before it ('adding')"
        drafts.extend(extra)
        return drafts
    if lead_in > 0 and not _has_quote(rest, 0, lead_in) and ADVERBIAL_RE.fullmatch(rest[:lead_in]):
        rest_start += lead_in  # "…, he said on Thursday, and …"
        rest = masked[rest_start:end]
    inter = _INTERPOSED_RE.match(rest)
    if inter and len(drafts) == 1 and drafts[0].kind != "direct":
        # An interposed cue interrupts one statement; the rest is its second part: a verb
        # ("Sanctions imposed by the Council, he added, had been drafted …") or "and" with a
        # new clause ("The offer stands, the spokesman said, and Washington sets no
        # conditions") — guideline 5.
        s2 = rest_start + (inter.start("verb") if inter.group("verb") else inter.end())
        part = trim_part(text, drop_final_period(text, Span(s2, end)))
        if part is not None and WORDS_RE.search(masked, part.start, part.end):
            drafts[0].parts.append(part)
            if _has_quote(masked, part.start, part.end):
                drafts[0].kind = "mixed"
            if not inter.group("verb"):
                drafts[0].note = "an interposed cue: the clause after 'and' is the statement's second part"
            return drafts
    q2 = [(qi, p) for qi, p in qs if p.start >= rest_start]
    if q2 and drafts[0].kind == "direct" and not WORDS_RE.search(masked, rest_start, q2[0][1].start - 1):
        # A split quote: '"X," she said, "Y."' is one statement with two parts.
        drafts[0].parts.extend(t for t in (trim_part(text, p) for _, p in q2) if t)
        drafts[0].quote_ids = drafts[0].quote_ids + tuple(qi for qi, _ in q2)
    elif not q2 and ends_frame(masked, rest_start, b):
        drafts[-1].closing = True
    return drafts




def _object_adverbial(s: str) -> bool:
    """Whether ``s`` (after "told") is its object, then adverbials ("reporters after the talks")."""
    m = _OBJECT_RE.match(s)
    return m is not None and (not s[m.end() :].strip() or ADVERBIAL_RE.fullmatch(s[m.end() :]) is not None)


def _skip_space_left(masked: str, a: int, pos: int) -> int:
    while pos > a and masked[pos - 1] in " \t":
        pos -= 1
    return pos


def _has_quote(masked: str, a: int, b: int) -> bool:
    return masked.find('"', a, b) != -1


def _content_start(masked: str, ce: int, end: int, form: str) -> Optional[int]:
    """Where the content of a leading attribution starts, after the cue's adverbials."""
    pos = ce
    if form in ("told", "tells", "reminded", "reminds"):
        m = _OBJECT_RE.match(masked, pos, end)
        if m:
            pos = m.end()
    window = masked[pos : min(end, pos + 160)]
    m = _THAT_RE.search(window)
    if m and not _has_quote(window, 0, m.start()):
        before = window[: m.start()]
        if not before.strip() or ADVERBIAL_RE.fullmatch(before.rstrip()):
            return pos + m.end()
        if form in ("told", "tells", "reminded", "reminds") and told_object_ends(before):
            return pos + m.end()  # "told a regular press briefing on Monday that …"
    if form in ("warned", "warns", "cautioned", "cautions") and re.match(r"\s+(?:against|of|about|over)\s", masked[pos : pos + 10]):
        return None  # "warned against unilateralism": a noun object, narration (guideline 4)
    if form in ("proposed", "proposes") and not window.lstrip().startswith(("to ", ":")):
        return None  # "proposed emergency consultations": a noun object, narration (guideline 4)
    if form in ("expressed", "expresses", "voiced", "voices"):
        nom = _NOMINAL_THAT_RE.match(masked, pos, end)
        if nom:
            return nom.end()  # "expressed concern that …": the clause
    stripped = window.lstrip()
    if stripped[:1] in (":", ","):
        return pos + (len(window) - len(stripped)) + 1
    if not window.strip(" .!?"):
        return None
    t = _TIME_RE.match(masked, pos, end)
    if t and WORDS_RE.search(masked, t.end(), end) and not ADVERBIAL_RE.fullmatch(masked[t.end() : end]):
        pos = t.end()  # "said on Friday it hoped …": the time, then the content
    elif ADVERBIAL_RE.fullmatch(masked[pos:end]):
        return None
    if form in _INFINITIVE_CUES:
        return pos if _INFINITIVE_RE.match(masked, pos, end) else None
    if form in _NAMING_CUES:
        # "called the announcement "welcome news"": the quoted words are the statement.
        q = masked.find('"', pos, min(end, pos + 120))
        if q == -1 or not _NAMING_OBJECT_RE.fullmatch(masked, pos, q):
            return None
        return q
    if form in ("said", "says", "say", "went on to say", "goes on to say", "told", "added", "stressed", "noted", "insisted", "warned", "believes", "believe", "believed", "hoped", "hopes", "stated", "declared", "reiterated", "argued", "maintained", "explained", "claimed", "argues", "insists", "is convinced", "are convinced", "admitted", "acknowledged", "confirmed", "announced", "urged", "called for", "calls for", "urges", "proposed", "suggested", "wrote", "replied", "expressed", "described", "describes", "was quoted as saying", "were quoted as saying", "is quoted as saying", "are quoted as saying"):
        return pos
    return None


def content_drafts(ctx: FrameContext, s: int, e: int, ref: Optional[SpeakerRef], cue: Optional[Span], qs: list[QuotePart], *, lead: bool) -> list[Draft]:
    """Drafts for content ``[s, e)``, one per clause under the cue (see ``_CLAUSE_RE``)."""
    # "Several speakers voiced regret that A, and others argued that B": B has a speaker of
    # its own (the group named after "and"). Each such clause is read on its own (a loop,
    # not recursion: a long chain must not exhaust the stack).
    out: list[Draft] = []
    for m in _OTHER_SPEAKER_RE.finditer(ctx.masked, s, e):
        ref2 = speaker_phrase(m.group("who"), ctx.gz)
        if ref2 is None or not WORDS_RE.search(ctx.masked, s, m.start()):
            continue
        out.extend(_clause_drafts(ctx, s, m.start(), ref, cue, qs, lead=lead))
        s, ref, cue, lead = m.end(), ref2, Span(m.start("who"), m.end()), True
    return out + _clause_drafts(ctx, s, e, ref, cue, qs, lead=lead)


def _clause_drafts(ctx: FrameContext, s: int, e: int, ref: Optional[SpeakerRef], cue: Optional[Span], qs: list[QuotePart], *, lead: bool) -> list[Draft]:
    """Drafts for content ``[s, e)`` of one speaker, one per clause under the cue."""
    masked = ctx.masked
    out: list[Draft] = []
    pos, seg_cue = s, cue
    for m in _CLAUSE_RE.finditer(masked, s, e):
        if not WORDS_RE.search(masked, pos, m.start()):
            continue
        got = _content_one(ctx, pos, m.start(), ref, seg_cue, qs, lead=lead or pos > s)
        if pos > s:
            for d in got:
                d.note = "continues the attribution before it"
        out.extend(got)
        pos, seg_cue = m.end(), Span(m.start() + 1, m.end())
    got = _content_one(ctx, pos, e, ref, seg_cue, qs, lead=lead or pos > s)
    if pos > s:
        for d in got:
            d.note = "continues the attribution before it"
    out.extend(got)
    return out


def _content_one(ctx: FrameContext, s: int, e: int, ref: Optional[SpeakerRef], cue: Optional[Span], qs: list[QuotePart], *, lead: bool) -> list[Draft]:
    """Drafts for one clause ``[s, e)``: a whole quote is direct (mixed after "that"), a
    partly quoted content is mixed, unquoted content is reported."""
    text, masked = ctx.text, ctx.masked
    while s < e and masked[s] in " \t\n":
        s += 1
    while e > s and masked[e - 1] in TRIM_END + ".":
        e -= 1
    e = carrier_tail(masked, s, e)  # "…, North Korea's official KCNA news agency reported": the carrier
    e = commentary_tail(masked, s, e)  # "…, the first time he has …": the journalist's, not the speaker's
    if e <= s:
        return []
    inside = [(qi, p) for qi, p in qs if s <= p.start and p.end <= e + 1]
    if inside:
        first, last = inside[0][1], inside[-1][1]
        outside = WORDS_RE.search(masked, s, first.start) or WORDS_RE.search(masked, last.end, e)
        if not outside and len(inside) == 1:
            qi, p = inside[0]
            kind: StatementKind = "mixed" if (lead and masked[max(0, s - 5) : s].strip().endswith("that")) else "direct"
            part = trim_part(text, p)
            return [Draft([part], kind, ref, cue, (qi,))] if part else []
        if not outside:
            parts = [trim_part(text, p) for _, p in inside]
            return [Draft([p for p in parts if p], "direct", ref, cue, tuple(qi for qi, _ in inside))]
        part = trim_part(text, Span(s, e))
        return [Draft([part], "mixed", ref, cue, tuple(qi for qi, _ in inside))] if part else []
    ctx_cut = _CONTEXT_RE.search(masked, s, e)
    if ctx_cut:
        e = ctx_cut.start()  # "…, a day after North Korea fired …": the journalist's context
    if len(WORDS_RE.findall(masked, s, e)) < 3:
        return []
    part = trim_part(text, Span(s, e))
    return [Draft([part], "reported", ref, cue)] if part else []





def _shared_subject(phrase: str, gz: Gazetteer) -> Optional[SpeakerRef]:
    """The speaker of "SUBJECT VERB … and/but CUE": the longest opening run of words that
    reads as a speaker and is followed by a lower-case verb."""
    words = phrase.split()
    for n in range(min(len(words) - 2, 12), 0, -1):
        if not words[n][:1].islower():
            continue
        if any(w.lower().strip(",") in ("that", "which", "who", "whom", "whose", "adopted", "decided") for w in words[n:]):
            return None  # a relative clause or a decision: the cue is not the subject's
        ref = speaker_phrase(" ".join(words[:n]), gz)
        if ref is not None:
            return ref
    return None


def participial_drafts(ctx: FrameContext, a: int, b: int, qs: list[QuotePart]) -> list[Draft]:
    """A participial cue after a verb that is no cue ("Many members regretted the delay,
    stressing that …"): the main clause is narration, the participle's clause a statement
    of the main clause's subject."""
    masked = ctx.masked
    m = _ADDING_RE.search(masked, a, b)
    if m is None:
        return []
    ps = skip_intro(masked, a, m.start())
    if _has_quote(masked, ps, m.start()):
        return []
    ref = _shared_subject(masked[ps : m.start()] + " and", ctx.gz)
    if ref is None:
        return []
    end = b
    while end > m.end() and masked[end - 1] in " .!?\n":
        end -= 1
    return content_drafts(ctx, m.end(), end, ref, Span(m.start() + 1, m.end()), qs, lead=True)


def cut_inverted(tail: str) -> str:
    """The speaker phrase of an inverted attribution ("said Zhao Lijian at a briefing on …"):
    ``tail`` before its first adverbial."""
    return _INVERTED_CUT_RE.sub("", tail)


def told_object_ends(before: str) -> bool:
    """Whether ``before`` (between "told" and "that") is the rest of the object: a few words,
    no punctuation ("a regular press briefing on Monday")."""
    return _TOLD_RE.fullmatch(before) is not None
