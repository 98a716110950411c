"""Statements: find every quote and reported statement, and attribute it.

The stage reads an article's normalized :class:`~positions.text.TextView` and returns
:class:`~positions.model.Statement` records whose spans point into the original text::

    >>> from positions.model import Article, Span
    >>> t = '"We are ready," the minister said.'
    >>> [s.text for s in extract_statements(Article("a", "a.txt", t, Span(0, len(t))))]
    ['We are ready']

How it works (see ``docs/attribution.md``): quotes are paired (:mod:`.quotes`), their
contents masked, and the text cut into *frames* (sentences whose boundaries ignore quoted
text). In each frame a reporting cue (:mod:`.cues`) with a speaker phrase on one side
(:mod:`.speakers`) splits the frame into attribution and content; the content is a quote
(``direct``), a quote introduced by "that" or partly quoted (``mixed``), or plain text
(``reported``). Frames of quoted text alone continue the previous speaker. Speakers are
then resolved in reading order and holders decided per content sentence (:mod:`.holders`).
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

from ..actors import Gazetteer, default_gazetteer
from ..model import Article, Span, Speaker, Statement
from ..text import ABBREVIATIONS, TextView, normalize, paragraph_spans
from .cues import ADVERBIAL_RE, CUE_RE, INVERTIBLE, OBJECT_CUES
from .holders import LazyHolderContext, holders_of, subject_countries
from .quotes import Quote, find_quotes, mask_quotes
from .speakers import Resolver, SpeakerRef, parse_speaker
from .transcripts import transcript_drafts

__all__ = ["extract_statements", "Draft"]


@attrs.define
class Draft:
    """A statement before its speaker is resolved (normalized coordinates)."""

    parts: list[Span]
    kind: str
    ref: Optional[SpeakerRef]
    cue: Optional[Span]
    quote_ids: tuple[int, ...] = ()
    note: Optional[str] = None
    closing: bool = False  # the attribution follows the quote and ends its frame


_BOUNDARY_RE = re.compile(r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_WORDS_RE = re.compile(r"[A-Za-z0-9]+")
_PARTICIPLE_CUES = r"(?:adding|noting|saying|stressing|insisting|warning|arguing|explaining|emphasi[sz]ing|pointing\s+out|underlining|reiterating|recalling)"
_ADDING_RE = re.compile(r",\s+(?:and\s+)?" + _PARTICIPLE_CUES + r"(?:\s+that)?\s+")
_CLAUSE_RE = re.compile(
    r",\s+(?:and\s+)?" + _PARTICIPLE_CUES + r"(?:\s+that)?\s+"
    r"|,?\s+(?:and|but)\s+(?:he|she|they|it|we|the\s+(?:minister|envoy|ambassador|diplomat|spokesman|spokeswoman|spokesperson|president|official|ministry|leader))\s+(?:also\s+|later\s+|further\s+)?"
    r"(?:said|added|stressed|noted|insisted|warned|emphasi[sz]ed|pointed\s+out|underlined|reiterated|told\s+\w+)(?:\s+that)?\s+"
    r"|,?\s+(?:and|but)\s+(?:also\s+)?that\s+"
)
"""Where a second clause under the same cue starts: "…, adding that B", "…, and he added that
B", "said that A, but that B" (the annotation guidelines make each clause a statement)."""
_THAT_RE = re.compile(r"\bthat\s+")
_OBJECT_RE = re.compile(
    r"\s+(?:reporters|journalists|the press|the media|lawmakers|parliament|him|her|them|"
    r"(?:the\s+)?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*|(?:a|an|the)\s+[\w-]+(?:\s+[\w-]+)?)"
)
_INVERTED_CUT_RE = re.compile(
    r"\s+(?:on|at|during|after|before|when|while|in\s+(?:an?|the|his|her|its|a)\b|to\s+(?:reporters|journalists)|via)\b.*$",
    re.S,
)
_TRIM_END = " \t\n,;:"
_TOLD_RE = re.compile(r"(?:\s*[\w'’.-]+){0,9}\s*")
"""The rest of the object of "told" before "that": a few words, no punctuation."""
_TIME_RE = re.compile(
    r"\s*(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"earlier|later|tonight)(?:\s+(?:morning|afternoon|evening|night))?\s+(?=[A-Za-z])"
)
"""A time adverbial right after a cue, before content without "that" ("said on Friday it …")."""
_CONTEXT_RE = re.compile(
    r",\s+(?:(?:a|an|one|two|three|four|five|several|just|only|shortly|hours|days|weeks|minutes|"
    r"day|week|month|months|moments|year|years|soon|barely|less\s+than|more\s+than)\s+)+(?:after|before)\b"
)
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .'-]{1,40}(?:,\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|[A-Z][a-z]+))?\s*"
    r"(?:\.\s*/[A-Z]+/\.|\([A-Za-z .]+\)\s*--?|--?)\s+"
)
_MASK = "Q"


def extract_statements(
    article: Article,
    *,
    gazetteer: Optional[Gazetteer] = None,
    text_view: Optional[TextView] = None,
) -> tuple[Statement, ...]:
    """Every statement of ``article``, in text order, with speaker, country and holders."""
    gz = gazetteer if gazetteer is not None else default_gazetteer()
    if article.country:
        # An official document (UNGDC speech by layout, a manifest's `country`): one
        # statement of that country, whatever cue words or scare quotes it contains.
        if article.layout == "ungdc":
            return (_document(article, (article.country,), ()),)
        tv = text_view if text_view is not None else _light_view(article)
        signatories, why = _signatories(tv, gz, article.country)
        return (_document(article, signatories, why),)
    tv = text_view if text_view is not None else _light_view(article)
    drafts, frames = _drafts(article, tv, gz)
    return _resolve(article, tv, gz, drafts, frames)


def _light_view(article: Article) -> TextView:
    """The normalized text and paragraphs of an article, without Punkt sentences: this
    stage cuts its own frames, and skipping Punkt keeps it fast on huge paragraphs."""
    norm = normalize(article.text)
    nbody = norm.span_to_normalized(article.body)
    return TextView(norm, nbody, tuple(paragraph_spans(norm.text, nbody)), ())


_OPENING_END_RE = re.compile(r"[.!?](?=\s+[\"(]?[A-Z0-9])")
_LIST_ITEM_RE = re.compile(r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*)*")
_LIST_SEP_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _opening_sentence(tv: TextView) -> str:
    """The first sentence of the body (abbreviations such as "U.S." do not end it)."""
    if not tv.paragraphs:
        return ""
    para = tv.paragraphs[0]
    text = tv.text
    for m in _OPENING_END_RE.finditer(text, para.start, para.end):
        w = m.start()
        while w > para.start and not text[w - 1].isspace():
            w -= 1
        word = text[w : m.start()].lower()
        if word in ABBREVIATIONS or "." in word or (len(word) == 1 and word.isalpha()):
            continue
        return text[para.start : m.end()]
    return text[para.start : para.end]


def _signatories(tv: TextView, gz: Gazetteer, country: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Whose document it is: its country, and the states its opening sentence names as its
    subject ("The Russian Federation and the People's Republic of China …", "President X of
    A and Chairman Y of B met …") or enumerates after "between"/"among" ("talks between
    China, Japan, … and the United States"). A single-state document is its country's."""
    sent = _opening_sentence(tv)
    found, end = subject_countries(sent, gz)
    how = "named as the subject of its opening sentence"
    if len(found) < 2 or not re.search(r"\sand\s", sent[:end]):
        found = ()
        m = re.search(r"\b(?:between|among|amongst)\s+", sent)
        if m:
            items = []
            for item in _LIST_SEP_RE.split(sent[m.end() :]):
                lead = _LIST_ITEM_RE.match(item.strip())
                code = gz.country_of(lead.group(0)) if lead else None
                if code is None or (lead and gz.lookup(lead.group(0)) is None and len(gz.mentions(lead.group(0))) != 1):
                    break
                items.append(code)
            found = tuple(dict.fromkeys(items)) if len(set(items)) >= 2 else ()
            how = "enumerated in its opening sentence"
    holders = tuple(dict.fromkeys((country, *found)))
    if len(holders) < 2:
        return (country,), ()
    return holders, (f"signatories {', '.join(holders)}: {how}",)


def _document(article: Article, holders: tuple[str, ...], why: tuple[str, ...]) -> Statement:
    body = article.body
    text = body.slice(article.text)
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    span = Span(body.start + lead, max(body.start + lead, body.end - trail))
    return Statement(
        article=article.id,
        span=span,
        text=span.slice(article.text),
        kind="document",
        speaker=Speaker(country=article.country, organization=article.source),
        country=article.country,
        holders=holders,
        evidence=(f"the whole document is {article.country}'s (from its {'UNGDC layout' if article.layout == 'ungdc' else 'metadata'})", *why),
        parts=(span,),
    )


# --------------------------------------------------------------------------------------
# Frames and drafts


def _drafts(article: Article, tv: TextView, gz: Gazetteer) -> list[Draft]:
    text = tv.text
    paragraphs = list(tv.paragraphs)
    transcript, paragraphs = transcript_drafts(text, paragraphs, gz)
    orig = article.text
    norm = tv.norm

    def original_char(pos: int) -> str:
        o = norm.to_original(pos)
        return orig[o] if o < len(orig) else '"'

    if paragraphs:
        m = _DATELINE_RE.match(text, paragraphs[0].start, paragraphs[0].end)
        if m:  # a wire dateline left in the body is nobody's words
            paragraphs[0] = Span(m.end(), paragraphs[0].end)
    quotes = [_close_before_attribution(text, q, gz) for q in find_quotes(text, paragraphs, original_char=original_char)]
    masked = _mask(text, quotes)
    part_owner: dict[int, int] = {}  # part start → quote index
    for qi, q in enumerate(quotes):
        for p in q.parts:
            part_owner[p.start] = qi
    parts_sorted = sorted(part_owner)
    drafts: list[Draft] = list(transcript)
    frames: list[tuple[int, int]] = []
    for para in paragraphs:
        prev: list[Draft] = []
        for a, b in _frames(masked, para):
            frames.append((a, b))
            d = _frame_drafts(text, masked, a, b, quotes, part_owner, parts_sorted, gz)
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
            ok = bool(after.strip()) and parse_speaker(_INVERTED_CUT_RE.sub("", after), gz) is not None
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
        out.append((start, m.end()))
        start = m.end()
        while start < para.end and masked[start].isspace():
            start += 1
    if start < para.end:
        out.append((start, para.end))
    return out


def _quotes_in(a: int, b: int, parts_sorted: list[int], part_owner: dict[int, int], quotes: list[Quote]):
    import bisect

    i = bisect.bisect_left(parts_sorted, a)
    out = []
    while i < len(parts_sorted) and parts_sorted[i] < b:
        qi = part_owner[parts_sorted[i]]
        for p in quotes[qi].parts:
            if p.start == parts_sorted[i]:
                out.append((qi, p))
        i += 1
    return out


def _frame_drafts(text, masked, a, b, quotes, part_owner, parts_sorted, gz) -> list[Draft]:
    qs = _quotes_in(a, b, parts_sorted, part_owner, quotes)
    cues = list(CUE_RE.finditer(masked, a, b))
    if not cues:
        doc = _IN_DOC_RE.match(masked, a, b)
        if doc:
            return _in_document(text, masked, a, b, doc, qs, gz)
        if qs and _only_punct(masked, a, b, qs):
            return _bare(text, qs)
        return []
    doc = _IN_DOC_RE.match(masked, a, b)
    if doc and not any(parse_speaker(masked[_skip_intro(masked, a, c.start()) : c.start()], gz) for c in cues):
        return _in_document(text, masked, a, b, doc, qs, gz)
    last = cues[-1]
    if len(cues) > 1 and not last.group(0).lower().startswith("according") and _ends_frame(masked, last.end(), b):
        # The attribution that closes the sentence is the outer one ("Trump expressed his
        # intention …, KCNA said."): try it before the cues inside the content.
        got = _attribute(text, masked, a, b, last, qs, gz, trailing_only=True)
        if got:
            return got
    for cue in cues:
        got = _attribute(text, masked, a, b, cue, qs, gz)
        if got:
            return got
    if qs and _only_punct(masked, a, b, qs):
        return _bare(text, qs)
    return []


_DOC_NOUNS = r"(?:statement|declaration|communiqu[eé]|document|agreement|accord|text|resolution)"
_IN_DOC_RE = re.compile(r"(?:In|Under)\s+(?P<np>(?:the|its|their|this)\s+(?:[\w-]+\s+){0,3}?" + _DOC_NOUNS + r"),\s*")
"""A frame that reports a document's content: "In the declaration, the two leaders agreed …"."""
_DOC_EVENT_RE = re.compile(
    r"\b(?:jointly\s+)?(?:signed|issued|adopted|released|published|approved|agreed\s+on)\s+"
    r"(?:a|an|the|their)\s+(?:[\w-]+\s+){0,3}?(?P<noun>statement|declaration|communiqu[eé]|document|agreement|accord)\b"
)
"""A joint document named in narration: "X and Y signed an eight-point declaration"."""


def _in_document(text, masked, a, b, doc, qs, gz) -> list[Draft]:
    end = b
    while end > a and masked[end - 1] in " .!?\n":
        end -= 1
    np = doc.group("np")
    ref = SpeakerRef(Speaker(organization=np.split()[-1]), np, ref="nominal", cls="document")
    return _content_drafts(text, masked, doc.end(), end, ref, Span(a, doc.end() - 2), qs, lead=True, gz=gz)


def _bare(text: str, qs) -> list[Draft]:
    """A frame of quoted text alone: a quote waiting for its speaker."""
    parts = [t for t in (_trim_part(text, p) for _, p in qs) if t]
    return [Draft(parts, "direct", None, None, tuple(qi for qi, _ in qs))] if parts else []


def _only_punct(masked: str, a: int, b: int, qs) -> bool:
    pos = a
    for _, p in qs:
        if _WORDS_RE.search(masked, pos, p.start):
            return False
        pos = p.end
    return not _WORDS_RE.search(masked, pos, b)


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
    r"|(?i:At|In|On|During|After|Before|Following|Earlier|Later|Meanwhile|However|Separately|Also|"
    r"Then|Now|Today|Yesterday|Last|This|For|Elsewhere|Still|But|And|Instead|Nonetheless|"
    r"Nevertheless|Similarly|Likewise|Previously|Subsequently)\b[^,;]*),\s*"
)
"""An introductory phrase before a leading speaker ("Speaking to reporters …, ", "Asked
whether …, ", "At the talks, ", "Earlier, in a speech …, "): neither speaker nor content."""
_PARTICIPIAL_RE = re.compile(r"(?:Speaking|Asked|Talking|Writing|Responding|Replying|Commenting|Answering|Addressing|Interviewed|Questioned|Reacting|Testifying)\b")


def _ends_frame(masked: str, pos: int, b: int) -> bool:
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


def _skip_intro(masked: str, a: int, cs: int) -> int:
    """Where a leading speaker phrase starts, after introductory phrases."""
    pos = a
    while True:
        m = _INTRO_FRAME_RE.match(masked, pos, cs)
        if not m or '"' in m.group(0):
            return pos
        pos = m.end()


def _attribute(text, masked, a, b, cue, qs, gz, trailing_only=False) -> list[Draft]:
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
        if cs == _skip_space_left(masked, a, cs) and comma != -1:  # "According to X, CONTENT"
            ref = parse_speaker(masked[ce:comma], gz)
            if ref is None:
                return []
            return _content_drafts(text, masked, comma + 1, end, ref, cue_span, qs, lead=True, gz=gz)
        if masked[_skip_space_left(masked, a, cs) - 1 : cs].strip() == ",":  # "CONTENT, according to X."
            ref = parse_speaker(masked[ce:end], gz)
            if ref is None:
                return []
            return _content_drafts(text, masked, a, _skip_space_left(masked, a, cs) - 1, ref, cue_span, qs, lead=False, gz=gz)
        return []

    # Leading: the speaker phrase runs from the frame start (after introductory phrases)
    # to the cue.
    if not trailing_only and not _has_quote(masked, a, cs):
        ref = parse_speaker(masked[_skip_intro(masked, a, cs) : cs], gz)
        if ref is not None:
            start = _content_start(masked, ce, end, form)
            if start is None:
                return []
            return _content_drafts(text, masked, start, end, ref, cue_span, qs, lead=True, gz=gz)

    # Trailing: CONTENT, SPEAKER CUE [adverbials] / CONTENT, CUE SPEAKER.
    lb = _left_boundary(masked, a, cs)
    content_end = lb - 1 if lb > a else a
    while content_end > a and masked[content_end - 1] in " \t":
        content_end -= 1
    if content_end <= a or not _WORDS_RE.search(masked, a, content_end):
        return []
    if _PARTICIPIAL_RE.match(masked, a) and not _has_quote(masked, a, content_end):
        return []  # "Speaking after the vote, X said": a frame, not content
    phrase = masked[lb:cs]
    rest_start = ce
    qclose = masked.rfind('"', a, lb)
    if phrase.strip() and masked[lb - 1 : lb] == "," and qclose != -1 and " and " in masked[qclose:cs]:
        # '"…," A, B and C said': a list of speakers after the quote.
        listed = parse_speaker(masked[qclose + 1 : cs].strip(" ,"), gz)
        if listed is not None and listed.joint:
            phrase, content_end = masked[qclose + 1 : cs], qclose + 1
    if phrase.strip():
        ref = parse_speaker(phrase, gz)
    elif form in INVERTIBLE:
        tail = masked[ce:end]
        add = _ADDING_RE.search(tail)
        q2 = tail.find('"')
        cut = min(x for x in (add.start() if add else len(tail), q2 if q2 != -1 else len(tail), len(tail)))
        cand = tail[:cut]
        ref = parse_speaker(_INVERTED_CUT_RE.sub("", cand), gz)
        rest_start = ce + len(_INVERTED_CUT_RE.sub("", cand))
    else:
        return []
    if ref is None:
        return []
    # Content before the attribution; the remainder may add a statement or a second part.
    content_end_q = content_end
    if masked[content_end_q - 1 : content_end_q] == '"':
        content_end_q = content_end_q  # closing mark kept: _content_drafts trims marks
    drafts = _content_drafts(text, masked, a, content_end_q, ref, cue_span, qs, lead=False, gz=gz)
    if not drafts:
        return []
    rest = masked[rest_start:end]
    add = _CLAUSE_RE.search(rest)
    if add and not _WORDS_RE.search(rest, 0, add.start()) or (add and ADVERBIAL_RE.fullmatch(rest[: add.start()])):
        # '…, X said on Thursday, but he warned that Y' / ', adding that Y': Y is X's too.
        s2 = rest_start + add.end()
        extra = _content_drafts(text, masked, s2, end, ref, Span(rest_start + add.start() + 1, rest_start + add.end()), qs, lead=True, gz=gz)
        for d in extra:
            d.note = "continues the attribution before it ('adding')"
        drafts.extend(extra)
        return drafts
    q2 = [(qi, p) for qi, p in qs if p.start >= rest_start]
    if q2 and drafts[0].kind == "direct" and not _WORDS_RE.search(masked, rest_start, q2[0][1].start - 1):
        # A split quote: '"X," she said, "Y."' is one statement with two parts.
        drafts[0].parts.extend(t for t in (_trim_part(text, p) for _, p in q2) if t)
        drafts[0].quote_ids = drafts[0].quote_ids + tuple(qi for qi, _ in q2)
    elif not q2 and _ends_frame(masked, rest_start, b):
        drafts[-1].closing = True
    return drafts


def _skip_space_left(masked: str, a: int, pos: int) -> int:
    while pos > a and masked[pos - 1] in " \t":
        pos -= 1
    return pos


def _has_quote(masked: str, a: int, b: int) -> bool:
    return masked.find('"', a, b) != -1


def _content_start(masked: str, ce: int, end: int, form: str) -> Optional[int]:
    """Where the content of a leading attribution starts, after the cue's adverbials."""
    pos = ce
    if form in ("told", "tells"):
        m = _OBJECT_RE.match(masked, pos, end)
        if m:
            pos = m.end()
    window = masked[pos : min(end, pos + 160)]
    m = _THAT_RE.search(window)
    if m and not _has_quote(window, 0, m.start()):
        before = window[: m.start()]
        if not before.strip() or ADVERBIAL_RE.fullmatch(before.rstrip()):
            return pos + m.end()
        if form in ("told", "tells") and _TOLD_RE.fullmatch(before):
            return pos + m.end()  # "told a regular press briefing on Monday that …"
    stripped = window.lstrip()
    if stripped[:1] in (":", ","):
        return pos + (len(window) - len(stripped)) + 1
    if not window.strip(" .!?"):
        return None
    t = _TIME_RE.match(masked, pos, end)
    if t and _WORDS_RE.search(masked, t.end(), end) and not ADVERBIAL_RE.fullmatch(masked[t.end() : end]):
        pos = t.end()  # "said on Friday it hoped …": the time, then the content
    elif ADVERBIAL_RE.fullmatch(masked[pos:end]):
        return None
    if form in ("said", "says", "say", "told", "added", "stressed", "noted", "insisted", "warned", "believes", "believe", "believed", "hoped", "hopes", "stated", "declared", "reiterated", "argued", "maintained", "explained", "claimed", "argues", "insists", "is convinced", "are convinced", "admitted", "acknowledged", "confirmed", "announced", "urged", "called for", "calls for", "urges", "proposed", "suggested", "wrote", "replied", "expressed", "described", "describes"):
        return pos
    return None


def _content_drafts(text, masked, s, e, ref, cue, qs, *, lead, gz) -> list[Draft]:
    """Drafts for content ``[s, e)``, one per clause under the cue (see ``_CLAUSE_RE``)."""
    out: list[Draft] = []
    pos, seg_cue = s, cue
    for m in _CLAUSE_RE.finditer(masked, s, e):
        if not _WORDS_RE.search(masked, pos, m.start()):
            continue
        got = _content_one(text, masked, pos, m.start(), ref, seg_cue, qs, lead=lead or pos > s, gz=gz)
        if pos > s:
            for d in got:
                d.note = "continues the attribution before it"
        out.extend(got)
        pos, seg_cue = m.end(), Span(m.start() + 1, m.end())
    got = _content_one(text, masked, pos, e, ref, seg_cue, qs, lead=lead or pos > s, gz=gz)
    if pos > s:
        for d in got:
            d.note = "continues the attribution before it"
    out.extend(got)
    return out


def _content_one(text, masked, s, e, ref, cue, qs, *, lead, gz) -> list[Draft]:
    """Drafts for one clause ``[s, e)``: a whole quote is direct (mixed after "that"), a
    partly quoted content is mixed, unquoted content is reported."""
    while s < e and masked[s] in " \t\n":
        s += 1
    while e > s and masked[e - 1] in _TRIM_END + ".":
        e -= 1
    if e <= s:
        return []
    inside = [(qi, p) for qi, p in qs if s <= p.start and p.end <= e + 1]
    if inside:
        first, last = inside[0][1], inside[-1][1]
        outside = _WORDS_RE.search(masked, s, first.start) or _WORDS_RE.search(masked, last.end, e)
        if not outside and len(inside) == 1:
            qi, p = inside[0]
            kind = "mixed" if (lead and masked[max(0, s - 5) : s].strip().endswith("that")) else "direct"
            part = _trim_part(text, p)
            return [Draft([part], kind, ref, cue, (qi,))] if part else []
        if not outside:
            parts = [_trim_part(text, p) for _, p in inside]
            return [Draft([p for p in parts if p], "direct", ref, cue, tuple(qi for qi, _ in inside))]
        part = _trim_part(text, Span(s, e))
        return [Draft([part], "mixed", ref, cue, tuple(qi for qi, _ in inside))] if part else []
    ctx_cut = _CONTEXT_RE.search(masked, s, e)
    if ctx_cut:
        e = ctx_cut.start()  # "…, a day after North Korea fired …": the journalist's context
    if len(_WORDS_RE.findall(masked, s, e)) < 3:
        return []
    part = _trim_part(text, Span(s, e))
    return [Draft([part], "reported", ref, cue)] if part else []


def _trim_part(text: str, p: Span) -> Optional[Span]:
    s, e = p.start, p.end
    while s < e and text[s] in " \t\n":
        s += 1
    while e > s and text[e - 1] in _TRIM_END:
        e -= 1
    return Span(s, e) if e > s else None


def _drop_final_period(text: str, p: Span) -> Span:
    """A statement's text ends before its final period (not an abbreviation's)."""
    e = p.end
    if e - 1 > p.start and text[e - 1] == "." and not text[p.start : e - 1].endswith(("U.S", "U.N", "a.m", "p.m")):
        e -= 1
        while e > p.start and text[e - 1] in _TRIM_END:
            e -= 1
    return Span(p.start, e)


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


# --------------------------------------------------------------------------------------
# Resolution: speakers, countries, holders


def _outlet_country(article: Article, gz: Gazetteer) -> Optional[str]:
    """The country of a state outlet (Xinhua, KCNA) or of a government publisher ("U.S.
    Department of State", "Ministry of Foreign Affairs of Japan"); None for news agencies
    such as Reuters."""
    if article.source:
        hit = gz.lookup(article.source)
        if hit and hit[0] == "institution":
            return gz._country_of_hit(hit)
        ms = gz.mentions(article.source)
        if any(m.kind in ("institution", "generic_institution") for m in ms):
            for m in ms:
                c = gz._country_of_hit((m.kind, m.key))
                if c:
                    return c
    return None


def _resolve(article: Article, tv: TextView, gz: Gazetteer, drafts: list[Draft], frames: list[tuple[int, int]]) -> tuple[Statement, ...]:
    res = Resolver(gz, article.date)
    ctx = LazyHolderContext(tv.text, frames, gz)
    outlet = _outlet_country(article, gz)
    text = tv.text
    out: list[Statement] = []
    prev_speaker: Optional[Speaker] = None
    prev_end = -1
    prev_para = -1
    last_pos = tv.body.start
    signatories: dict[Speaker, tuple[str, ...]] = {}
    frame_starts = [f[0] for f in frames]
    para_starts = [p.start for p in tv.paragraphs]  # once: a statement per line made this quadratic
    for d in drafts:
        _note_names(res, text, last_pos, d.parts[0].start, gz)
        _note_documents(res, text, last_pos, d.parts[0].start, frames, frame_starts, gz, signatories)
        last_pos = d.parts[-1].end
        evidence: list[str] = []
        if d.ref is None:
            para = _para_index(para_starts, d.parts[0].start)
            if prev_speaker is None or para - prev_para > 1 or len(_WORDS_RE.findall(text, d.parts[0].start, d.parts[-1].end)) < 4:
                continue
            speaker = prev_speaker
            evidence.append(f"unattributed quote → {speaker.label()}, the speaker of the statement before it")
        else:
            ref = d.ref
            if ref.ref == "possessive":
                ref, why = _possessive(ref, text, d, gz, res)
                evidence.append(why)
            speaker, why = res.resolve(ref)
            if why:
                evidence.append(why)
        if d.note:
            evidence.append(d.note)
        country = speaker.country
        if country is None and outlet and (speaker.organization or speaker.role):
            country = outlet
            speaker = attrs.evolve(speaker, country=outlet)
            evidence.append(f"'{speaker.organization or speaker.role}' names no country; taken as the outlet's ({article.source} → {outlet})")
        if country is None and speaker.name is None and (speaker.organization or speaker.role):
            # "A senior administration official", "a government spokesman": the government
            # of the story is the one whose speaker was quoted last.
            near = next((st.country for st in reversed(out) if st.country), None)
            if near:
                country = near
                speaker = attrs.evolve(speaker, country=near)
                evidence.append(f"'{speaker.organization or speaker.role}' names no country; taken as the nearest earlier speaker's ({near})")
        norm_parts = d.parts[:-1] + [_drop_final_period(text, d.parts[-1])]
        parts = tuple(tv.to_original(p) for p in norm_parts)
        span = Span(parts[0].start, parts[-1].end)
        texts = [p.slice(article.text) for p in parts]
        content = " ".join(texts)
        holders = holders_of(" ".join(p.slice(text) for p in norm_parts), country, gz, ctx, norm_parts[0].start)
        if speaker in signatories:
            # A statement quoted from a joint document is held by all its signatories.
            holders = tuple(dict.fromkeys(signatories[speaker] + holders))
            evidence.append(f"a joint document: held by its signatories {', '.join(signatories[speaker])}")
        cue = tv.to_original(d.cue) if d.cue else None
        out.append(
            Statement(
                article=article.id,
                span=span,
                text=content,
                kind=d.kind,
                speaker=speaker,
                country=country,
                holders=holders,
                cue=cue,
                evidence=tuple(evidence),
                parts=parts,
            )
        )
        prev_speaker = speaker
        prev_end = d.parts[-1].end
        prev_para = _para_index(para_starts, prev_end)
    return tuple(out)


def _possessive(ref, text: str, d: Draft, gz: Gazetteer, res: Resolver):
    """Resolve "its foreign ministry" / "their government" to the state the content is about
    (its subject: "China supports …, its foreign ministry said"), else to the nearest
    earlier speaker's state."""
    found, _ = subject_countries(d.parts[0].slice(text), gz)
    if len(found) == 1:
        sp = attrs.evolve(ref.speaker, country=found[0])
        return attrs.evolve(ref, speaker=sp, ref=None), f"'{ref.phrase}' → {found[0]}, the state the statement is about"
    for prev, _ in reversed(res.history):
        if prev.country:
            sp = attrs.evolve(ref.speaker, country=prev.country)
            return attrs.evolve(ref, speaker=sp, ref=None), f"'{ref.phrase}' → {prev.country}, the state of the nearest earlier speaker"
    return attrs.evolve(ref, ref=None), f"'{ref.phrase}': no state to refer to"


def _para_index(para_starts: list[int], pos: int) -> int:
    """The number of the paragraph that ``pos`` lies in (by the paragraphs' starts)."""
    import bisect

    return bisect.bisect_right(para_starts, pos) - 1


def _note_documents(res: Resolver, text: str, a: int, b: int, frames, starts, gz: Gazetteer, signatories: dict) -> None:
    """Remember joint documents named in narration ("U.S. President Donald Trump and North
    Korean leader Kim Jong Un signed a short joint statement"): "the document" and "In the
    declaration, …" refer to them; their first signatory's state speaks, all sign."""
    if b <= a:
        return
    import bisect

    for m in _DOC_EVENT_RE.finditer(text, a, b):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0:
            continue
        subject = text[frames[i][0] : m.start()]
        found, _ = subject_countries(subject, gz)
        if len(found) >= 2 and re.search(r"\sand\s", subject):
            doc = Speaker(country=found[0], organization=m.group("noun"))
            signatories[doc] = found
            res.history.append((doc, None))


_TITLED_RE = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,4}(?:Minister|Ambassador|Envoy|Spokesman|Spokeswoman|Spokesperson|"
    r"President|Secretary|Representative|Chairman|Premier|Chancellor|Director|Negotiator|Delegate)"
    r"\s+(?:[A-Z][\w'’-]*\s+){1,2}[A-Z][\w'’-]*"
)
_NAME_RE = re.compile(r"\b(?:[A-Z][a-z]+(?:-[a-z]+)?\s+){1,2}[A-Z][a-z]+(?:-[a-z]+)?\b")


def _note_names(res: Resolver, text: str, a: int, b: int, gz: Gazetteer) -> None:
    """Remember persons named in narration, so a later surname can be resolved."""
    if b <= a:
        return
    found = []
    for m in gz.mentions(text, a, b):
        if m.kind == "person":
            p = gz.persons[m.key]
            found.append((m.span.start, Speaker(p.name, p.role_on(res.date), p.country), p.gender))
    for m in _TITLED_RE.finditer(text, a, b):
        # A titled person the gazetteer does not know ("Russian Deputy Foreign Minister
        # Sergei Ryabkov spoke on Tuesday"): a later "he" or "Ryabkov" refers to them.
        ref = parse_speaker(m.group(0), gz, res.date)
        if ref is not None and ref.ref is None and ref.speaker.name and gz.person(ref.speaker.name) is None:
            found.append((m.start(), ref.speaker, None))
    for _, sp, gender in sorted(found, key=lambda f: f[0]):
        res.note_person(sp.name, sp)
        res.history.append((sp, gender))  # a narrated person can be "he" or "the minister" later
