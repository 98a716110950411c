"""Resolution: speakers, countries and holders of drafts, in reading order.

A :class:`~.speakers.Resolver` walks the article: persons and joint documents named in
narration are remembered, so that a later surname, pronoun or "the document" resolves to
them; countries fall back on the outlet's state or the nearest earlier speaker's; holders
are decided per content sentence (:mod:`.holders`).
"""

from __future__ import annotations

import bisect
import re
from typing import Optional

import attrs

from ..actors import Gazetteer
from ..model import Article, Span, Speaker, Statement
from ..text import TextView
from .publishers import outlet_country
from .holders import LazyHolderContext, holders_of, subject_countries
from .records import WORDS_RE, Draft, drop_final_period
from .phrases import speaker_phrase
from .speakers import Resolver, SpeakerRef, parse_speaker
from .wire import KOREAN_SIDE_RE, in_subject_position, paragraph_topic
from .clauses import skip_intro

__all__ = ["resolve"]

_DOC_EVENT_RE = re.compile(
    r"\b(?:jointly\s+)?(?:signed|issued|adopted|released|published|approved|agreed\s+on)\s+"
    r"(?:a|an|the|their)\s+(?:[\w-]+\s+){0,3}?(?P<noun>statement|declaration|communiqu[eé]|document|agreement|accord)\b"
)
"""A joint document named in narration: "X and Y signed an eight-point declaration"."""



def resolve(article: Article, tv: TextView, gz: Gazetteer, drafts: list[Draft], frames: list[tuple[int, int]]) -> tuple[Statement, ...]:
    res = Resolver(gz, article.date)
    ctx = LazyHolderContext(tv.text, frames, gz)
    outlet = outlet_country(article, gz)
    text = tv.text
    out: list[Statement] = []
    prev_speaker: Optional[Speaker] = None
    prev_end = -1
    prev_para = -1
    last_pos = tv.body.start
    signatories: dict[Speaker, tuple[str, ...]] = {}
    frame_starts = [f[0] for f in frames]
    para_starts = [p.start for p in tv.paragraphs]  # once: a statement per line made this quadratic
    # Speakers that carry no state by convention (UN officials, the Council, unnamed groups),
    # and the states a delegate also speaks for; a later "he" or "the delegate" keeps them.
    stateless: set[Speaker] = set()
    korean: Optional[bool] = None  # whether the article names Korea (asked once, when needed)
    stated: tuple[list[int], list[Optional[str]]] = ([], [])  # starts and states of the statements so far: a paragraph's topic
    also: dict[Speaker, tuple[str, ...]] = {}
    for d in drafts:
        _note_names(res, text, last_pos, d.parts[0].start, gz, frames, frame_starts)
        _note_delegates(res, text, last_pos, d.parts[0].start, gz, also)
        _note_documents(res, text, last_pos, d.parts[0].start, frames, frame_starts, gz, signatories)
        last_pos = d.parts[-1].end
        evidence: list[str] = []
        if d.ref is None:
            para = _para_index(para_starts, d.parts[0].start)
            if prev_speaker is None or para - prev_para > 1 or len(WORDS_RE.findall(text, d.parts[0].start, d.parts[-1].end)) < 4:
                continue
            speaker = prev_speaker
            evidence.append(f"unattributed quote → {speaker.label()}, the speaker of the statement before it")
        else:
            ref = d.ref
            if ref.ref == "possessive":
                ref, whose = _possessive(ref, text, d, gz, res)
                evidence.append(whose)
            if ref.ref == "nominal" and ref.cls == "body" and not ref.speaker.country and para_starts:
                # "Seoul was more blunt. The foreign ministry said …": the body of the state the
                # paragraph opens on, not the nearest earlier institution of another (wire copy).
                topic = _topic(text, frames, frame_starts, tv, para_starts, d, gz, stated)
                if topic:
                    ref = attrs.evolve(ref, speaker=attrs.evolve(ref.speaker, country=topic))
                    evidence.append(f"'{ref.phrase}': the paragraph opens on {topic}")
            speaker, why = res.resolve(ref)
            if why:
                evidence.append(why)
            if ref.stateless:
                stateless.add(speaker)
            if ref.also:
                also[speaker] = ref.also
        if d.note:
            evidence.append(d.note)
        country = speaker.country
        if speaker in stateless:
            holders = also.get(speaker, ())
            evidence.append(
                f"'{speaker.label()}' speaks for no state (a UN official, body or unnamed group)"
                + (f"; the states it names hold it: {', '.join(holders)}" if holders else "")
            )
            out.append(_statement(article, tv, d, speaker, None, holders, evidence))
            prev_speaker = speaker
            prev_para = _para_index(para_starts, d.parts[-1].end)
            continue
        if country is None and (speaker.organization or speaker.role):
            place = _PLACE_OPENER_RE.match(text, para_starts[_para_index(para_starts, d.parts[0].start)] if para_starts else 0)
            hit = gz.lookup(place.group("place")) if place else None
            if place is not None and hit is not None and hit[0] in ("country", "metonym"):
                # "In Washington, … said Maya Ortiz, a spokesperson for the National Security
                # Council": the paragraph's place opener says whose official speaks.
                country = gz.country_of_hit(hit)
                speaker = attrs.evolve(speaker, country=country)
                evidence.append(f"'{speaker.organization or speaker.role}' names no country; the paragraph opens in {place.group('place')} ({country})")
        side = KOREAN_SIDE_RE.search(d.ref.phrase[:300]) if country is None and d.ref is not None else None
        if side and korean is None:
            korean = "Korea" in text
        if side and korean:
            country = "PRK" if side.group("side") == "North" else "KOR"  # "The North's ambassador"
            speaker = attrs.evolve(speaker, country=country)
            evidence.append(f"'the {side.group('side')}' in a story on Korea: {country}")
        if country is None and speaker.organization == "state media":
            found, _ = subject_countries(d.parts[0].slice(text)[:300], gz)
            if len(found) == 1:  # "Kim Jong Un vowed …, state media said": the media of the state it reports on
                country = found[0]
                speaker = attrs.evolve(speaker, country=country)
                evidence.append(f"'state media' names no country; the statement is about {country}")
        if country is None and (speaker.organization or speaker.role) and para_starts:
            topic = _topic(text, frames, frame_starts, tv, para_starts, d, gz, stated)
            if topic:
                # "Pyongyang was unmoved. … Ri Chol Gyu, a senior Foreign Ministry official,
                # said …": the state the paragraph opens on is the official's (wire copy).
                country = topic
                speaker = attrs.evolve(speaker, country=topic)
                evidence.append(f"'{speaker.organization or speaker.role}' names no country; the paragraph opens on {topic}")
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
        norm_parts = d.parts[:-1] + [drop_final_period(text, d.parts[-1])]
        parts = tuple(tv.to_original(p) for p in norm_parts)
        span = Span(parts[0].start, parts[-1].end)
        texts = [p.slice(article.text) for p in parts]
        content = " ".join(texts)
        # A speaker of no state (an analyst, a researcher, unnamed diplomats) describes other
        # states' positions from outside: that is analysis, not their position (the gold of
        # every set gives such statements no holders).
        holders = holders_of(" ".join(p.slice(text) for p in norm_parts), country, gz, ctx, norm_parts[0].start) if country else ()
        if speaker in also:
            holders = tuple(dict.fromkeys((*((country,) if country else ()), *also[speaker], *holders)))
            evidence.append(f"also speaking for {', '.join(also[speaker])}: they hold it too")
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
        stated[0].append(d.parts[0].start)
        stated[1].append(country)
        prev_speaker = speaker
        prev_end = d.parts[-1].end
        prev_para = _para_index(para_starts, prev_end)
    return tuple(out)


def _statement(
    article: Article, tv: TextView, d: Draft, speaker: Speaker, country: Optional[str], holders: tuple[str, ...], evidence: list[str]
) -> Statement:
    norm_parts = d.parts[:-1] + [drop_final_period(tv.text, d.parts[-1])]
    parts = tuple(tv.to_original(p) for p in norm_parts)
    return Statement(
        article=article.id,
        span=Span(parts[0].start, parts[-1].end),
        text=" ".join(p.slice(article.text) for p in parts),
        kind=d.kind,
        speaker=speaker,
        country=country,
        holders=holders,
        cue=tv.to_original(d.cue) if d.cue else None,
        evidence=tuple(evidence),
        parts=parts,
    )


def _possessive(ref: SpeakerRef, text: str, d: Draft, gz: Gazetteer, res: Resolver) -> tuple[SpeakerRef, str]:
    """Resolve "its foreign ministry" / "their government" to the state the content is about
    (its subject: "China supports …, its foreign ministry said"), else to the nearest
    earlier speaker's state. An institution whose state is known keeps it ("Its official
    Korean Central News Agency said …" is the DPRK's, whatever state the content names)."""
    if ref.speaker.country:
        return attrs.evolve(ref, ref=None), f"'{ref.phrase}' → {ref.speaker.country}, the state of the institution it names"
    found, _ = subject_countries(d.parts[0].slice(text), gz)
    if len(found) == 1:
        sp = attrs.evolve(ref.speaker, country=found[0])
        return attrs.evolve(ref, speaker=sp, ref=None), f"'{ref.phrase}' → {found[0]}, the state the statement is about"
    for prev, _ in reversed(res.history):
        if prev.country:
            sp = attrs.evolve(ref.speaker, country=prev.country)
            return attrs.evolve(ref, speaker=sp, ref=None), f"'{ref.phrase}' → {prev.country}, the state of the nearest earlier speaker"
    return attrs.evolve(ref, ref=None), f"'{ref.phrase}': no state to refer to"


_PLACE_OPENER_RE = re.compile(r"(?:In|From|Back\s+in|Over\s+in)\s+(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}),\s")
"""A paragraph that opens on a capital or a state ("In Washington, …", "In Seoul, …")."""


def _topic(
    text: str, frames: list[tuple[int, int]], frame_starts: list[int], tv: TextView, para_starts: list[int], d: Draft, gz: Gazetteer, stated: tuple[list[int], list[Optional[str]]]
) -> Optional[str]:
    """The state the paragraph of draft ``d`` opens on (:func:`.wire.paragraph_topic`)."""
    pi = _para_index(para_starts, d.parts[0].start)
    if pi < 0:
        return None
    before = min(d.parts[0].start, d.cue.start if d.cue else d.parts[0].start)
    return paragraph_topic(text, frames, frame_starts, tv.paragraphs[pi], before, gz, subject_countries, stated)


def _para_index(para_starts: list[int], pos: int) -> int:
    """The number of the paragraph that ``pos`` lies in (by the paragraphs' starts)."""
    return bisect.bisect_right(para_starts, pos) - 1


def _note_documents(
    res: Resolver, text: str, a: int, b: int, frames: list[tuple[int, int]], starts: list[int], gz: Gazetteer, signatories: dict[Speaker, tuple[str, ...]]
) -> None:
    """Remember joint documents named in narration ("U.S. President Donald Trump and North
    Korean leader Kim Jong Un signed a short joint statement"): "the document" and "In the
    declaration, …" refer to them; their first signatory's state speaks, all sign."""
    if b <= a:
        return
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


_DELEGATE_RE = re.compile(
    r"(?:[Tt]he\s+)?(?:representative|delegate)\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:of\s+|and\s+|the\s+)*[A-Z][\w'’\-]*){0,6}"
    r"|[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4}\s+\([A-Z][^()\n]{2,60}\)"
)
"""A delegate named in narration ("Speaking also for Iceland, the representative of Denmark
expressed concern over …"): a later "he" or "the delegate" refers to them."""


def _note_delegates(res: Resolver, text: str, a: int, b: int, gz: Gazetteer, also: dict[Speaker, tuple[str, ...]]) -> None:
    if b <= a:
        return
    for m in _DELEGATE_RE.finditer(text, a, b):
        sentence = max(text.rfind(". ", max(a, m.start() - 200), m.start()), text.rfind("\n", max(a, m.start() - 200), m.start()))
        intro = text[sentence + 1 if sentence != -1 else max(a, m.start() - 200) : m.start()]
        ref = speaker_phrase(m.group(0), gz, res.date, intro=intro)
        if ref is None or ref.ref is not None or ref.stateless or not ref.speaker.country:
            continue
        res.history.append((ref.speaker, None))
        if ref.also:
            also[ref.speaker] = ref.also


def _note_names(res: Resolver, text: str, a: int, b: int, gz: Gazetteer, frames: list[tuple[int, int]], starts: list[int]) -> None:
    """Remember persons named in narration, so a later surname can be resolved; one named
    inside a sentence rather than as its subject is no antecedent of a later "he"."""
    if b <= a:
        return
    found: list[tuple[int, str, Speaker, Optional[str]]] = []  # (where, name, speaker, gender)
    for m in gz.mentions(text, a, b):
        if m.kind == "person":
            p = gz.persons[m.key]
            found.append((m.span.start, p.name, Speaker(p.name, p.role_on(res.date), p.country), p.gender))
    for t in _TITLED_RE.finditer(text, a, b):
        # A titled person the gazetteer does not know ("Russian Deputy Foreign Minister
        # Sergei Ryabkov spoke on Tuesday"): a later "he" or "Ryabkov" refers to them.
        ref = parse_speaker(t.group(0), gz, res.date)
        name = ref.speaker.name if ref is not None and ref.ref is None else None
        if ref is not None and name and gz.person(name) is None:
            found.append((t.start(), name, ref.speaker, None))
    for where, name, sp, gender in sorted(found, key=lambda f: f[0]):
        res.note_person(name, sp)
        i = bisect.bisect_right(starts, where) - 1
        if i >= 0 and (where - frames[i][0] > 300 or not in_subject_position(text, skip_intro(text, frames[i][0], where), where)):
            res.oblique.add(len(res.history))  # "two days after Secretary X visited Seoul"
        res.history.append((sp, gender))  # a narrated person can be "he" or "the minister" later
