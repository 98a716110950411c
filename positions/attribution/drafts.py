"""Frames and drafts: quotes paired and masked, paragraphs cut into frames, each frame read.

Quotes are paired (:mod:`.quotes`), their contents masked, and each paragraph cut into
*frames* (sentences whose boundaries ignore quoted text). In each frame a reporting cue
(:mod:`.cues`) with a speaker phrase on one side (:mod:`.speakers`) splits the frame into
attribution and content (:mod:`.clauses`). Frames of quoted text alone continue the
previous speaker. The result is a list of :class:`~.records.Draft` in text order.
"""

from __future__ import annotations

import re
from typing import Optional

from ..actors import Gazetteer
from ..model import Article, Span, Speaker
from ..text import ABBREVIATIONS, TextView
from .clauses import attribute, content_drafts, cut_inverted, ends_frame, participial_drafts, skip_intro
from .cues import ADVERBIAL_RE, CUE_RE
from .quotes import Quote, find_quotes
from .records import WORDS_RE, Draft, FrameContext, QuotePart, trim_part
from .speakers import SpeakerRef, parse_speaker
from .publishers import outlet_country
from .transcripts import transcript_drafts
from .blocks import block_draft, indented_in
from .narrated import narrated_speech
from .phrases import speaker_phrase
from .wire import LIVE_MARK_RE, cited_report, colon_quote, quoted_as_saying

__all__ = ["build_drafts"]

_BOUNDARY_RE = re.compile(r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .'-]{1,40}(?:,\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?(?:,\s*\d{4})?\s*"
    r"(?:\.\s*/[A-Z]+/\.|\([A-Za-z .]+\)\s*(?:--?|[–—])|--?|[–—])\s+"
)
"""A wire dateline: "SEOUL, Feb. 25 (Yonhap) --", "MOSCOW, July 4. /TASS/.", and AP's
"BAENGNYEONG ISLAND, South Korea (AP) —" (a place, its country, the agency, a dash)."""
_MASK = "Q"
_SENTENCE_END_RE = re.compile(r"[.!?][\"'’”)\]]*\s*$")


def build_drafts(article: Article, tv: TextView, gz: Gazetteer) -> tuple[list[Draft], list[tuple[int, int]]]:
    """The drafts of an article in text order, and its frames (for the holders' context)."""
    text = tv.text
    paragraphs = list(tv.paragraphs)
    transcript, paragraphs = transcript_drafts(text, paragraphs, gz, outlet_country(article, gz))
    orig = article.text
    norm = tv.norm

    def original_char(pos: int) -> str:
        o = norm.to_original(pos)
        return orig[o] if o < len(orig) else '"'

    for i, para in enumerate(paragraphs[:12]):
        m = _DATELINE_RE.match(text, para.start, para.end)
        if m:  # a wire dateline left in the body (after a page's header lines) is nobody's words
            paragraphs[i] = Span(m.end(), para.end)
            # So are the headline and byline above it ("North Korea says it will …, warns
            # Seoul"): lines before the dateline that end in no full stop (guideline 7).
            head = [p for p in paragraphs[:i] if not _SENTENCE_END_RE.search(text, p.start, p.end)]
            paragraphs = [p for p in paragraphs if p not in head]
            break
    paragraphs = [Span(m.end(), p.end) if (m := LIVE_MARK_RE.match(text, p.start, p.end)) else p for p in paragraphs]
    quotes = [_close_before_attribution(text, q, gz) for q in find_quotes(text, paragraphs, original_char=original_char)]
    ctx = FrameContext(text, _mask(text, quotes), tuple(quotes), gz)
    masked = ctx.masked
    drafts: list[Draft] = list(transcript)
    frames: list[tuple[int, int]] = []
    meetings = _is_meetings(text) or bool(article.source and re.search(r"\bUnited\s+Nations\b|\bUN\b", article.source))
    indented = indented_in(orig, norm.to_original)
    before: Optional[Span] = None
    for para in paragraphs:
        block = block_draft(text, indented, before, para, gz)
        before = para
        if block is not None:  # an indented block quote after its introduction (blocks.py)
            drafts.append(block)
            continue
        prev: list[Draft] = []
        speech: Optional[Draft] = None  # the delegate whose speech the paragraph carries on
        for a, b in _frames(masked, para):
            frames.append((a, b))
            d = _frame_drafts(ctx, a, b)
            if meetings:
                if not d and speech is not None and _QUESTION_RE.search(masked, a, b):
                    continue  # "Why had …, he asked." — a question, not a position; the speech goes on
                if not d and speech is not None:
                    d = _continuation(ctx, a, b, speech)
                    if not d:
                        speech = None  # narration resumes: the run ends
                elif d and d[-1].ref is not None:
                    speech = d[-1]
            if _continues_split_quote(prev, d):
                # '"A," she said. "B."': the quote after a closing attribution is its second part.
                prev[-1].parts.extend(d[0].parts)
                prev[-1].quote_ids += d[0].quote_ids
                prev = []
                continue
            drafts.extend(d)
            prev = d
    drafts.sort(key=lambda d: d.parts[0].start)
    return _merge_quotes(drafts, quotes), frames


_MEETINGS_RES = (
    re.compile(r"(?<![\w/])(?:SC|GA|SG|ECOSOC)(?:/(?:SHC|DIS|EF))?/\d{3,}"),
    re.compile(r"\)\s+(?:said|stressed|noted|warned|told|urged|emphasi[sz]ed|expressed)\b"),
    re.compile(r"[Rr]epresentatives?\s+(?:of|for)\s+(?:the\s+)?[A-Z][^.\n]{0,80}?\s(?:said|stressed|noted|warned|urged|emphasi[sz]ed)\b"),
)
_NAME_STATE_END_RE = re.compile(r"[A-Z][\w'’\-]+\s+\((?:the\s+)?[A-Z][\w'’\- ]{2,60}$")


def _is_meetings(text: str) -> bool:
    if "Meetings Coverage" in text or _MEETINGS_RES[0].search(text) or _MEETINGS_RES[2].search(text):
        return True
    for m in _MEETINGS_RES[1].finditer(text):  # "Name (State) said"
        if _NAME_STATE_END_RE.search(text, max(0, m.start() - 90), m.start()):
            return True
    return False


"""A text in the style of UN meetings coverage, where a delegate's speech runs on in
back-shifted sentences without a cue."""
_NARRATION_RE = re.compile(
    r"(?:The\s+meeting|Also\s+speaking|Speaking\s+(?:also|next)|By\s+the\s+(?:text|terms)|Under\s+the\s+text|In\s+explanation|Action\s+on"
    r"|The\s+(?:Security\s+)?Council\s+(?:today|this|then|also|unanimously|heard|began|met|was\s+briefed))\b"
    r"|.*\b(?:voted|adopted|abstained|took\s+the\s+floor|vote\s+was|meeting\s+(?:began|ended|rose|was\s+suspended)|recorded\s+vote|"
    r"[Ii]nformation\s+media|official\s+record)\b"
)
"""Sentences of narration that end a delegate's run of cue-less sentences."""


_QUESTION_RE = re.compile(r"(?:\?|,\s+(?:he|she|they|it|the\s+\w+)\s+(?:asked|wondered)(?:\s+\w+){0,3}\.?)[\s\"')\]]*$")
"""A delegate's question ("…, he asked.", "Who would answer …?"): no position (guideline 4)."""
_SPEAKER_ACT_RE = re.compile(
    r"(?:He|She|It|The\s+(?:speaker|delegate|representative|[Mm]inister|President|[Aa]mbassador|[Dd]elegation))\s+"
    r"(?:also\s+|further\s+|then\s+|later\s+|firmly\s+|strongly\s+)?[a-z]+ed\b"
)
"""A cue-less sentence whose subject is the delegate ("He rejected the accusations …", "It
also expressed its regret at …") narrates what the delegate did; back-shifted speech has
the matter as its subject ("The measures would …")."""


def _continuation(ctx: FrameContext, a: int, b: int, speech: Draft) -> list[Draft]:
    """A cue-less sentence that carries on the speech of the delegate before it (meetings
    coverage), or [] when the sentence is narration."""
    part = trim_part(ctx.text, Span(a, b))
    if part is None or _NARRATION_RE.match(ctx.masked, a, b) or _SPEAKER_ACT_RE.match(ctx.masked, a, b) or len(WORDS_RE.findall(ctx.masked, a, b)) < 4:
        return []
    if ctx.masked.count("Q", a, b) > (b - a) // 2:
        return []
    who = speech.ref.phrase if speech.ref is not None else "the speaker before"
    return [Draft([part], "reported", speech.ref, None, note=f"continues the speech of '{who}' (no cue; meetings coverage)")]


def _continues_split_quote(prev: list[Draft], cur: list[Draft]) -> bool:
    return (
        len(cur) == 1
        and cur[0].ref is None
        and bool(prev)
        and prev[-1].kind == "direct"
        and prev[-1].closing
        and len(prev[-1].parts) == 1
    )


def _close_before_attribution(text: str, q: Quote, gz: Gazetteer) -> Quote:
    """A quote that never closes but ends with its own attribution ('"We will respond firmly,
    the spokesman said.') lacked its closing mark before that comma: end it there."""
    if q.closed or len(q.parts) != 1:
        return q
    p = q.parts[0]
    comma = text.rfind(", ", p.start, p.end)
    if comma <= p.start:
        return q
    tail_start = comma + 2
    for cue in CUE_RE.finditer(text, tail_start, p.end):
        phrase = text[tail_start : cue.start()]
        after = text[cue.end() : p.end].rstrip(" .!?")
        if phrase.strip():
            ok = parse_speaker(phrase, gz) is not None and (not after.strip() or ADVERBIAL_RE.fullmatch(after))
        else:
            ok = bool(after.strip()) and parse_speaker(cut_inverted(after), gz) is not None
        if ok:
            return Quote((Span(p.start, comma),), closed=False)
        break
    return q


def _mask(text: str, quotes: list[Quote]) -> str:
    """Quote contents become ``Q`` runs; a final sentence mark stays, so frames end there."""
    out = []
    pos = 0
    for q in quotes:
        for p in q.parts:
            out.append(text[pos : p.start])
            n = p.end - p.start
            last = text[p.end - 1]
            if last in ".!?":
                out.append(_MASK * (n - 1) + last)
            else:
                out.append(_MASK * n)
            pos = p.end
    out.append(text[pos:])
    return "".join(out)


def _frames(masked: str, para: Span) -> list[tuple[int, int]]:
    out = []
    start = para.start
    for m in _BOUNDARY_RE.finditer(masked, para.start, para.end):
        dot = m.start()
        w = dot
        while w > start and not masked[w - 1].isspace():
            w -= 1
        word = masked[w:dot].lower().lstrip("\"'(")
        if masked[dot] == "." and (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue
        if word in ("a.m", "p.m") and masked[m.end() : m.end() + 3].lstrip().startswith("("):
            continue  # "at 6:30 p.m. (0930 GMT), …": wire copy's time in GMT, not a sentence end
        out.append((start, m.end()))
        start = m.end()
        while start < para.end and masked[start].isspace():
            start += 1
    if start < para.end:
        out.append((start, para.end))
    return out



def _frame_drafts(ctx: FrameContext, a: int, b: int) -> list[Draft]:
    text, masked, gz = ctx.text, ctx.masked, ctx.gz
    qs = ctx.quotes_in(a, b)
    cues = list(CUE_RE.finditer(masked, a, b))
    phrase_of, content_of = (lambda w: speaker_phrase(w, gz)), (lambda s, e, ref, cue: content_drafts(ctx, s, e, ref, cue, qs, lead=True))
    carried = quoted_as_saying(ctx, a, b, qs, phrase_of, content_of) or cited_report(ctx, a, b, phrase_of, content_of)
    if carried:  # "Yonhap quoted an official as saying …", "…, Yonhap reported, citing X": their words
        return carried
    if not cues:
        doc = _IN_DOC_RE.match(masked, a, b)
        if doc:
            return _in_document(ctx, a, b, doc, qs)
        if qs and _only_punct(masked, a, b, qs):
            return _bare(text, qs)
        labelled = colon_quote(ctx, a, b, qs, phrase_of) if qs else None
        return [labelled] if labelled else narrated_speech(ctx, a, b, phrase_of, content_of)  # a live blog's 'Japanese Prime Minister X: "…"'
    doc = _IN_DOC_RE.match(masked, a, b)
    if doc and not any(parse_speaker(masked[skip_intro(masked, a, c.start()) : c.start()], gz) for c in cues):
        return _in_document(ctx, a, b, doc, qs)
    last = cues[-1]
    if len(cues) > 1 and not last.group(0).lower().startswith("according") and ends_frame(masked, last.end(), b):
        # The attribution that closes the sentence is the outer one ("Trump expressed his
        # intention …, KCNA said."): try it before the cues inside the content.
        got = attribute(ctx, a, b, last, qs, trailing_only=True)
        if got:
            return got
    for cue in cues:
        got = attribute(ctx, a, b, cue, qs)
        if got:
            return got
    got = participial_drafts(ctx, a, b, qs) or narrated_speech(ctx, a, b, phrase_of, content_of)  # "…, with X telling …"
    if got:
        return got
    if qs and _only_punct(masked, a, b, qs):
        return _bare(text, qs)
    return []


_DOC_NOUNS = r"(?:statement|declaration|communiqu[eé]|document|agreement|accord|text|resolution)"
_IN_DOC_RE = re.compile(r"(?:In|Under)\s+(?P<np>(?:the|its|their|this)\s+(?:[\w-]+\s+){0,3}?" + _DOC_NOUNS + r"),\s*")
"""A frame that reports a document's content: "In the declaration, the two leaders agreed …"."""


def _in_document(ctx: FrameContext, a: int, b: int, doc: re.Match[str], qs: list[QuotePart]) -> list[Draft]:
    masked = ctx.masked
    end = b
    while end > a and masked[end - 1] in " .!?\n":
        end -= 1
    np = doc.group("np")
    ref = SpeakerRef(Speaker(organization=np.split()[-1]), np, ref="nominal", cls="document")
    return content_drafts(ctx, doc.end(), end, ref, Span(a, doc.end() - 2), qs, lead=True)


def _bare(text: str, qs: list[QuotePart]) -> list[Draft]:
    """A frame of quoted text alone: a quote waiting for its speaker."""
    parts = [t for t in (trim_part(text, p) for _, p in qs) if t]
    return [Draft(parts, "direct", None, None, tuple(qi for qi, _ in qs))] if parts else []


def _only_punct(masked: str, a: int, b: int, qs: list[QuotePart]) -> bool:
    pos = a
    for _, p in qs:
        if WORDS_RE.search(masked, pos, p.start):
            return False
        pos = p.end
    return not WORDS_RE.search(masked, pos, b)


def _merge_quotes(drafts: list[Draft], quotes: list[Quote]) -> list[Draft]:
    """Join drafts that share a multi-paragraph quote; give every draft of a quote all its
    parts."""
    by_quote: dict[int, Draft] = {}
    out: list[Draft] = []
    for d in drafts:
        owner = next((by_quote[q] for q in d.quote_ids if q in by_quote and len(quotes[q].parts) > 1), None)
        if owner is not None:
            if owner.ref is None and d.ref is not None:
                owner.ref, owner.cue, owner.kind = d.ref, d.cue, d.kind
            for p in d.parts:
                if p not in owner.parts:
                    owner.parts.append(p)
            continue
        out.append(d)
        for q in d.quote_ids:
            by_quote.setdefault(q, d)
    for d in out:
        d.parts.sort()
    return out

