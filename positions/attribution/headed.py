"""Headed texts: a speech or an official document whose header says whose it is.

Government pages open with a header of short lines — site banners, the title, the speaker's
name and office, place and date — before the first sentence of the body. When the title says
what the body is, the body is one statement:

- a **document** (``kind="document"``): "Statement by Secretary of Defense X on …",
  "Statement from NSC Spokesperson X …", "Statement on the situation …", "Joint Statement …",
  "Readout …", "The below is attributable to Spokesperson X:";
- a **speech** (``kind="direct"``): "Remarks …", "Response at …", "Address …", "Speech …",
  "Excerpts from Secretary X's Remarks", with the speaker named in the header
  ("Ambassador Nikki Haley", "Rex W. Tillerson, Secretary of State").

The speaker is the one the title or the attribution line names, else the first person of
the header; the country is the speaker's, else the publisher's; a document's holders are its
signatories (a joint statement's opening subject), a speech's its speaker's country. Texts
with transcript labels are transcripts, not speeches (:mod:`.transcripts`).
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

import attrs

from ..actors import Gazetteer
from ..model import Article, Span, Speaker, Statement
from ..model.vocabulary import StatementKind
from ..text import TextView
from .documents import signatories
from .publishers import header_country, outlet_country
from .records import drop_final_period
from .phrases import speaker_phrase
from .speakers import parse_speaker
from .transcripts import header_speakers, transcript_drafts

__all__ = ["headed_statement", "DOCUMENT_TITLES", "SPEECH_TITLES", "HEADER_JUNK", "LEAD_LINES"]

DOCUMENT_TITLES = (
    r"(?:Joint\s+|Press\s+|Trilateral\s+|Official\s+)?Statement\b",
    r"Readout\b",
    r".*\b[Ss]tatement\s+(?:by|from|of|on)\b",
    r".*\battributable\s+to\b",
    r"(?:Joint\s+)?(?:Declaration|Communiqu[eé])\b",
)
"""Header lines that make the body one ``document`` statement (matched at a line start)."""
SPEECH_TITLES = (
    r"(?:Opening\s+|Closing\s+|Keynote\s+|Prepared\s+)?(?:Remarks|Response|Address|Speech|Statement\s+at|Testimony|Explanation\s+of\s+Vote)\b",
    r"Excerpts?\s+(?:from|of)\b",
    r".*['’]s\s+(?:Remarks|Speech|Address)\b",
)
"""Header lines that make the body one ``direct`` statement of the header's speaker."""
HEADER_JUNK = (
    r".*\b(?:historical\s+purposes|outdated\s+information|official\s+website|website\s+belongs|"
    r"secure\s+\.gov|how\s+you\s+know|frozen\s+in\s+time|no\s+longer\s+updated|Webmaster|"
    r"Skip\s+(?:to\s+)?(?:main\s+)?(?:content|navigation)|Print\s+this|JOIN\s+NOW)\b",
)
"""Mirror and site banners that end like a sentence but belong to the header."""

_DOC_RE = re.compile("|".join(DOCUMENT_TITLES))
LEAD_LINES = (
    r"(?:[A-Z][\w .,'’-]{0,40}\((?:KCNA|Xinhua|TASS|Yonhap|Kyodo)\)\s*-{1,2}\s*)?(?P<who>[A-Z].{2,150}?)\s+"
    r"(?:issued|released|made|published|gave)\s+the\s+following\s+(?:press\s+)?(?:statement|communiqu[eé]|declaration|press\s+release|answer)\b[^\n]*:\s*$",
    r"Begin\s+Text:?\s*$",
)
"""A lead that introduces a document's text ("The Foreign Ministry of the DPRK issued the
following statement on Wednesday:"): the document starts after it; its issuer speaks."""
_LEAD_RE = re.compile("|".join(LEAD_LINES))
_SPEECH_RE = re.compile("|".join(SPEECH_TITLES))
_JUNK_RE = re.compile("|".join(HEADER_JUNK), re.I)
_BY_RE = re.compile(r"\b(?:[Bb]y|[Ff]rom|attributable\s+to)\s+(?P<who>(?:the\s+)?[A-Z][^\n:]*?)(?=\s+(?:on|at|regarding|concerning|about|following|in)\s|\s*[:,(]|\s*$)")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_TRAILER_RE = re.compile(r"^\s*(?:#{2,}|-0-|End\s+Text\b|\*\s*\*\s*\*|END\b|Released on\b|Back to [Tt]op|Top of [Pp]age|Related\b|Tags?:|Share\b)")


def _is_body(line: str) -> bool:
    """A line of running text: a sentence of six words or more, not a site banner."""
    return bool(_SENTENCE_END_RE.search(line)) and len(line.split()) >= 6 and not _JUNK_RE.match(line)


def headed_statement(article: Article, tv: TextView, gz: Gazetteer) -> Optional[Statement]:
    """The one statement of a headed speech or document, or None for any other text."""
    paras = tv.paragraphs
    text = tv.text
    lead = next((i for i, p in enumerate(paras[:25]) if _LEAD_RE.match(p.slice(text).strip())), None)
    if lead is not None and lead + 1 < len(paras):
        return _led_document(article, tv, gz, lead)
    first = next((i for i, p in enumerate(paras) if _is_body(p.slice(text))), None)
    if not first or first > 25:
        return None
    header = paras[:first]
    kind: Optional[StatementKind] = None
    for p in header:
        line = p.slice(text).strip()
        if len(line) > 300:
            continue  # a title is short
        if _DOC_RE.match(line):
            kind = "document"
            break
        if _SPEECH_RE.match(line):
            kind = kind or "direct"
    if kind is None:
        return None
    turns, _ = transcript_drafts(text, list(paras), gz)
    if turns:
        return None
    speaker, why = _speaker(text, header, gz, kind)
    return _one_statement(article, tv, gz, first, kind, speaker, why)


def _led_document(article: Article, tv: TextView, gz: Gazetteer, lead: int) -> Optional[Statement]:
    line = tv.paragraphs[lead].slice(tv.text).strip()
    m = _LEAD_RE.match(line)
    who = m.group("who") if m and m.group("who") else None
    ref = speaker_phrase(who, gz) if who else None
    speaker = ref.speaker if ref is not None and (ref.ref is None or ref.speaker.country) else None
    why = f"the document of '{who}', named in its lead" if who else "a document introduced by its lead"
    return _one_statement(article, tv, gz, lead + 1, "document", speaker, why)


def _one_statement(
    article: Article, tv: TextView, gz: Gazetteer, first: int, kind: StatementKind, speaker: Optional[Speaker], why: str
) -> Optional[Statement]:
    paras = tv.paragraphs
    text = tv.text
    publisher = outlet_country(article, gz) or header_country(text, paras[0].start, paras[first - 1].end if first else paras[0].start)
    if kind == "direct" and speaker is None:
        return None
    country = (speaker.country if speaker else None) or publisher
    if speaker is None:
        speaker = Speaker(country=country, organization=article.source)
    elif speaker.country is None and country:
        speaker = attrs.evolve(speaker, country=country)
        why += f"; its country is the publisher's ({article.source} → {country})"
    last = len(paras)
    for i in range(first, len(paras)):
        if _TRAILER_RE.match(paras[i].slice(text)):
            last = i
            break
    if last <= first:
        return None
    nspan = drop_final_period(text, Span(paras[first].start, paras[last - 1].end))
    span = tv.to_original(nspan)
    holders: tuple[str, ...] = (country,) if country else ()
    evidence = [why]
    if kind == "document" and country:
        holders, signed = signatories(tv, gz, country, first)
        evidence.extend(signed)
    return Statement(
        article=article.id,
        span=span,
        text=span.slice(article.text),
        kind=kind,
        speaker=speaker,
        country=country,
        holders=holders,
        evidence=tuple(evidence),
        parts=(span,),
    )


def _speaker(text: str, header: Sequence[Span], gz: Gazetteer, kind: StatementKind) -> tuple[Optional[Speaker], str]:
    """Who the header names: after "by"/"from"/"attributable to" in a title line, else the
    first person of the header."""
    what = "document" if kind == "document" else "speech"
    for p in header:
        line = p.slice(text)
        if len(line) > 300 or not (_DOC_RE.match(line.strip()) or _SPEECH_RE.match(line.strip())):
            continue
        m = _BY_RE.search(line)
        if m:
            ref = parse_speaker(m.group("who"), gz)
            if ref is not None and ref.ref is None and (ref.speaker.name or ref.speaker.role):
                return ref.speaker, f"the {what} of '{m.group('who').strip()}', named in its title"
    people = header_speakers(text, header[0].start, header[-1].end, gz)
    if people:
        return people[0], f"the {what} of {people[0].name}, named in its header"
    return None, f"a {what} by its title; its publisher's"
