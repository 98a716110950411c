"""Speaker phrases of UN meetings coverage, before the general reader of :mod:`.speakers`.

The forms (each a small pattern; the states are read by the gazetteer):

- a delegate by name and state: ``Liu Jieyi (China)``, ``MOON JAE-IN (Republic of Korea)``;
- a delegate by office: ``the representative of the Russian Federation``, ``the delegate
  for Mexico``, ``Bolivia's delegate``, ``the representatives of China and the Russian
  Federation`` (the first state speaks, both hold);
- UN officials: ``the Secretary-General``, ``Under-Secretary-General for Political Affairs
  Rosa Lind``, ``Name (State), President of the General Assembly`` — no country, no holders;
- the Council and its texts: ``The Council``, ``the resolution`` — no country, no holders;
- unnamed groups: ``Many speakers``, ``Several members``, ``Others``, ``Several delegates,
  including those of Cuba and Syria`` — no country; holders only the states named.

"also speaking for Canada and New Zealand", "on behalf of the European Union" (in the
phrase or in the opener before it) add the states named as holders (``SpeakerRef.also``).

    >>> from positions.actors import load_gazetteer
    >>> gz = load_gazetteer()
    >>> speaker_phrase("Liu Jieyi (China)", gz).speaker.country
    'CHN'
    >>> speaker_phrase("Many speakers", gz).stateless
    True
"""

from __future__ import annotations

import re
from typing import Optional

from ..actors import Gazetteer
from ..model import PartialDate, Speaker
from .roles import ROLE_NOUNS
from .speakers import SpeakerRef, parse_speaker
from .wire import THE_COUNTRYS_RE, one_of_them, outside_government, outside_speaker, strip_restrictive

__all__ = ["speaker_phrase", "states_in"]

_NAME_STATE_RE = re.compile(
    r"(?P<name>[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|de|da|van|von|bin|al|del|la|le)){0,5})\s*"
    r"\((?P<state>[^()]{2,80})\)(?:\s*\((?:spoke|speaking)\s+in\s+\w+\))?\s*$"
)
_OFFICE_RE = re.compile(
    r"(?:the\s+|The\s+)?(?:permanent\s+|deputy\s+|alternate\s+)?(?P<role>representative|delegate|speaker|delegation|ambassador|observer|envoy)"
    r"(?P<plural>s)?\s+(?:of|for|from)\s+(?P<state>.+)$",
    re.I,
)
_POSSESSIVE_RE = re.compile(
    r"(?P<state>(?:the\s+|The\s+)?[A-Z].*?)['’]s?\s+(?:permanent\s+)?(?P<role>representative|delegate|delegation|speaker|envoy|ambassador)$"
)
_UN_TITLE = (
    r"(?:the\s+|The\s+)?(?:UN\s+|United\s+Nations\s+)?(?:Deputy\s+)?(?:Secretary-General|Under-Secretary-General|Assistant\s+Secretary-General|"
    r"President\s+of\s+the\s+(?:General\s+Assembly|Security\s+Council|Economic\s+and\s+Social\s+Council)|High\s+Commissioner|"
    r"Special\s+(?:Envoy|Rapporteur|Adviser|Coordinator)|Emergency\s+Relief\s+Coordinator|Spokesperson\s+for\s+the\s+Secretary-General|"
    r"Director\s+General\s+of\s+the\s+(?:IAEA|International\s+Atomic\s+Energy\s+Agency))\b"
)
_UN_TITLE_RE = re.compile(_UN_TITLE)
_UN_HEAD_RE = re.compile(_UN_TITLE + r"(?P<rest>.*)$")
_BODY_RE = re.compile(
    r"(?:the\s+|The\s+)?(?P<body>(?:Security\s+)?Council|(?:General\s+)?Assembly|(?:Third\s+|First\s+)?Committee|resolution|draft\s+resolution)$"
)
_GROUP_RE = re.compile(
    r"(?:(?P<q>many|several|some|other|numerous|most|a\s+few|a\s+number\s+of|a\s+majority\s+of|all|still\s+other|yet\s+other|"
    r"two|three|four|five|various|a\s+number\s+of\s+other)\s+)(?:Council\s+|Assembly\s+|Committee\s+)?"
    r"(?P<noun>speakers|delegates|delegations|members|Member\s+States|representatives|countries|States|participants)$"
    r"|(?P<alone>others|some|many|several|still\s+others)$",
    re.I,
)
_TRAILING_TIME_RE = re.compile(
    r"(?:\s+(?:today|yesterday|tonight|again|also|earlier|later|then|now|separately|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this\s+(?:week|morning|afternoon|evening)|last\s+week))+$"
)
_CLAUSE_APPOS_RE = re.compile(r"(?:[a-z]+ing|who|which|whose|in|at|on|during|after|before|while|when|then|asked|questioned|pressed|interviewed|flanked)\b")
"""An appositive that is a clause, not a title ("Rice, speaking in Beijing,", "Abe, asked whether he would go to Pyongyang,")."""
_BARE_OFFICE_RE = re.compile(
    r"(?:the|The|its|their|her|his)\s+(?:(?:bloc|group|country|delegation|Union)['’]s\s+)?(?:permanent\s+)?(?:representative|delegate|speaker|delegation|ambassador)"
)
_BEHALF_RE = re.compile(
    r"\b(?:also\s+)?(?:speaking\s+)?(?:also\s+)?(?:[Ff]or|[Oo]n\s+behalf\s+of)\s+"
    r"(?P<states>(?:the\s+)?[A-Z][^;:,]*(?:,\s*(?:and\s+)?(?:the\s+)?[A-Z][^;:,]*)*)(?=,|$)"
)
"""States a delegate also speaks for: the whole comma list ("also speaking on behalf of
Australia, Canada, France and the United States"); each item opens with a capital."""
_MEMBERS_OPEN = r"(?:including|among\s+them|among\s+whom|such\s+as)"
"""An appositive that names the members of a group ("including those of Cuba", "among them Iran")."""
_INCLUDING_RE = re.compile(r"\b" + _MEMBERS_OPEN + r"\s+(?:those\s+of\s+|the\s+representatives\s+of\s+)?(?P<states>[A-Z].*?)(?=,\s*(?:said|stressed)|$)")
_SPLIT_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+)?[A-Z])")


def states_in(names: str, gz: Gazetteer) -> tuple[str, ...]:
    """The states of an enumeration ("Canada, Australia and New Zealand"), in order; the
    whole phrase first ("Bosnia and Herzegovina")."""
    whole = gz.country_of(names.strip()) if gz.lookup(names.strip()) is not None else None
    if whole:
        return (whole,)
    out = []
    for item in _SPLIT_RE.split(names.strip()):
        code = gz.country_of(item.strip()) if item.strip() else None
        if code:
            out.append(code)
    return tuple(dict.fromkeys(out))


def _name_case(name: str) -> str:
    """A name set in capitals, in its usual case ("MOON JAE-IN" → "Moon Jae-in")."""
    if not name.isupper():
        return name
    return " ".join("-".join([w[:1] + w[1:].lower() for w in word.split("-")][:1] + [w.lower() for w in word.split("-")[1:]]) for word in name.split())


def speaker_phrase(phrase: str, gz: Gazetteer, date: Optional[PartialDate] = None, *, intro: str = "") -> Optional[SpeakerRef]:
    """Read a speaker phrase: the meetings-coverage forms first, then :func:`parse_speaker`.
    ``intro`` is the opener before the phrase ("Speaking also on behalf of Norway, …")."""
    p = phrase.strip(" ,;:\n\t\"'")
    if not p or len(p) > 300:
        return None
    t = _TRAILING_TIME_RE.search(p)
    if t and t.start() > 0:  # "Defense Secretary Robert M. Gates today said": the time is no part of the speaker
        p = phrase = p[: t.start()]
    p = phrase = _INTERJECTION_RE.sub("", p)  # "Some members, however, maintained …"
    p = phrase = THE_COUNTRYS_RE.sub("its ", p)  # "the country's foreign ministry": as "its" (wire)
    if "--" in p or "(" in p:
        # "Prime Minister Suga -- who leaves office next month -- told …", "Lavrov (speaking
        # to a Moscow daily) argued …": an aside is no part of the speaker.
        p = phrase = _ASIDE_RE.sub(" ", p).strip()
    head, _, appos = p.partition(",")
    head, appos = head.strip(), appos.strip()
    if appos and _behalf(intro, gz) and states_in(head, gz) and _all_states(head, gz):
        # "Speaking also for Chile, Peru and Uruguay, the representative of Mexico": the
        # opener's list runs on past its first comma.
        return speaker_phrase(appos, gz, date, intro=f"{intro} {head},")
    if appos and _CLAUSE_APPOS_RE.match(appos) and not _BEHALF_RE.search(appos) and not re.match(_MEMBERS_OPEN, appos):
        # "Rice, speaking in Beijing during her visit,": a participial clause, not a title.
        phrase, appos = head, ""
    if strip_restrictive(head) != head:  # "a diplomat who asked not to be named" (wire)
        head = strip_restrictive(head)
        phrase = f"{head}, {appos}" if appos else head
    ref = _un_form(head, appos, gz, date) or _sources(head, gz) or one_of_them(head)
    if ref is None and _BARE_OFFICE_RE.fullmatch(head) and _behalf(intro, gz):
        ref = SpeakerRef(Speaker(), phrase)
    if ref is None:
        ref = parse_speaker(phrase, gz, date) or outside_speaker(head, appos)
        if ref is None and appos and _NAME_APPOS_RE.fullmatch(appos) and _DESCRIPTION_RE.fullmatch(head):
            ref = _placed(parse_speaker(appos, gz, date), head, gz)  # "Kim's powerful sister, Kim Yo Jong": the name speaks
        if ref is None:
            return None
    if _BARE_OFFICE_RE.fullmatch(head) and ref.speaker.country is None:
        # "Speaking for France, the representative said …": the opener names the state.
        states = _behalf(intro, gz)
        if states:
            role = f"{head.split()[-1].lower()} of {states[0]}"
            return SpeakerRef(Speaker(role=role, country=states[0]), phrase, also=states[1:])
    if ref.ref is None and not ref.stateless and outside_government(p):
        # An analyst, a scholar, a former official: no state, no holders (guidelines 3).
        sp = ref.speaker
        return SpeakerRef(Speaker(sp.name, sp.role), ref.phrase, gender=ref.gender, stateless=True)
    if not ref.stateless:
        also = tuple(c for c in _behalf(appos, gz) + _behalf(intro, gz) if c != ref.speaker.country)
        if also:
            ref = SpeakerRef(ref.speaker, ref.phrase, ref.ref, ref.cls, ref.gender, ref.joint, tuple(dict.fromkeys(ref.also + also)), ref.stateless)
    return ref


def _placed(ref: Optional[SpeakerRef], head: str, gz: Gazetteer) -> Optional[SpeakerRef]:
    """A name after a state's official ("Japan's top currency official, X") takes that state;
    a person's relative ("Kim's sister, X") does not."""
    own = _STATE_OWNER_RE.match(head)
    if ref is None or ref.speaker.country is not None or own is None or head.split()[-1].lower() not in ROLE_NOUNS:
        return ref
    code = gz.country_of(own.group(1))
    return SpeakerRef(Speaker(ref.speaker.name, ref.speaker.role, code, ref.speaker.organization), ref.phrase, gender=ref.gender) if code else ref


_STATE_OWNER_RE = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s\s")
_NAME_APPOS_RE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3}")
_DESCRIPTION_RE = re.compile(r"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+|(?:[A-Z][\w.-]*\s){0,2}[A-Z][\w.-]*['’]s\s+)(?:[\w'’.-]+\s+){0,4}[a-z][\w-]*")
"""A description before a name in apposition ("Kim's powerful sister", "The leader's younger
sister"): a determiner or a possessive, then a few words ending in a common noun."""
_INTERJECTION_RE = re.compile(
    r",\s*(?:however|meanwhile|moreover|though|too|in\s+turn|for\s+(?:his|her|its|their|our)\s+part|by\s+contrast|"
    r"on\s+the\s+other\s+hand|nonetheless|nevertheless|instead|in\s+contrast)\s*(?=,|$)"
)
"""An adverb set off by commas inside a speaker phrase is no part of it."""


_ASIDE_RE = re.compile(r"\s*--\s[^-]{1,160}?\s--(?:\s|$)|\s*\((?=[a-z])(?!spoke\b|speaking\s+in\b)[^()]{1,160}\)")
"""A dash-set or lower-case parenthesised aside inside a speaker phrase ("(spoke in French)"
stays: the verbatim label reads it)."""


def _all_states(names: str, gz: Gazetteer) -> bool:
    """Whether every item of an enumeration is a state ("Peru and Uruguay")."""
    items = [x.strip() for x in _SPLIT_RE.split(names.strip()) if x and x.strip()]
    return bool(items) and all(gz.country_of(x) for x in items)


def _behalf(text: str, gz: Gazetteer) -> tuple[str, ...]:
    out: list[str] = []
    for m in _BEHALF_RE.finditer(text[-300:]):  # an opener or appositive, not a paragraph
        out.extend(states_in(m.group("states"), gz))
    return tuple(out)


_SOURCES_RE = re.compile(
    r"(?:(?P<q>two|three|four|five|several|some|a\s+few|a\s+number\s+of|other|a|an|one|another)\s+)?(?:(?:unidentified|unnamed|anonymous)\s+)?"
    r"(?:(?:senior|top|high-ranking)\s+)?(?P<adj>(?:(?!(?:senior|government|administration|military|diplomatic|security|defen[cs]e)\s)[A-Z][\w.'’-]*\s+){0,2})(?P<quals>(?:senior\s+|western\s+|government\s+|administration\s+|military\s+|diplomatic\s+|security\s+|defen[cs]e\s+)*)"
    r"(?P<noun>officials|diplomats|sources|negotiators|people|official|diplomat|source|negotiator|person)"
    r"(?:\s+(?P<prep>in|at|from|with|close\s+to|familiar\s+with|briefed\s+on|involved\s+in|who\s+attended)\s+(?P<where>[^,;]{2,60}))?",
    re.I,
)
"""Anonymous sources counted or placed ("Two officials in Seoul", "diplomats at the UN",
"several U.S. officials"); bare "officials" or "diplomats" stay refused (generic)."""


_REGIONAL = frozenset("western eastern european asian arab african latin american nordic gulf council foreign un u.n.".split())
"""Adjectives of anonymous sources that name no state ("a Western diplomat", "an Asian
official"): they speak for no state."""


def _sources(head: str, gz: Gazetteer) -> Optional[SpeakerRef]:
    m = _SOURCES_RE.fullmatch(head)
    if m is None or not (m.group("q") or m.group("where")):
        return None
    adj = m.group("adj").strip()
    if not m.group("noun").endswith("s") and not m.group("prep") and adj.lower() not in _REGIONAL:
        return None  # "a senior official" alone: the general reader (outlet's or nearest state); "a Western diplomat" speaks for none
    country = gz.country_of(adj) if adj else None
    if adj and country is None and adj.lower() not in _REGIONAL:
        return None
    where = m.group("where")
    if country is None and where and m.group("noun").lower().rstrip("s") in ("official", "source") and m.group("prep") in ("in", "at", "from"):
        # Officials "in Seoul" are that government's; diplomats "in Seoul" are posted there.
        where = re.sub(r"^(?:the\s+)", "", where.strip())
        hit = gz.lookup(where)
        country = gz.country_of(where) if hit is not None and hit[0] in ("country", "metonym", "institution") else None
    posted = m.group("noun").lower().rstrip("s") in ("diplomat", "negotiator") and m.group("prep") in ("in", "at")
    if country is None and where and not posted and any(len(gz.country_of_hit((x.kind, x.key)) or "") == 3 for x in gz.mentions(where) if x.kind != "person"):
        return None  # "a source in the Russian Foreign Ministry": the general reader places it; "diplomats in Seoul" are posted there
    role = head[:1].lower() + head[1:]
    if country is None and re.search(r"government|administration|military|security|defen", m.group("quals"), re.I):
        # "two administration officials": the government the story is about (resolution).
        return SpeakerRef(Speaker(role=role), head, cls="official")
    # Unplaced, they speak for no state: "the nearest earlier speaker's state" would guess.
    return SpeakerRef(Speaker(role=role, country=country), head, stateless=country is None)


def _un_form(head: str, appos: str, gz: Gazetteer, date: Optional[PartialDate]) -> Optional[SpeakerRef]:
    phrase = f"{head}, {appos}" if appos else head
    m = _NAME_STATE_RE.fullmatch(appos) if appos and not _UN_TITLE_RE.search(head) else None
    if m and re.fullmatch(r"(?:the\s+|The\s+)?(?:[A-Z][\w'’\-]*\s+){0,4}(?:President|Chair|Chairman|Chairperson|Vice-President|Ambassador|Minister|Representative)", head):
        # "the Council President, Koro Bessho (Japan)": a title, then the delegate by name and
        # state (the Council's President speaking in national capacity is that state).
        codes = states_in(m.group("state"), gz)
        if codes:
            return SpeakerRef(Speaker(name=_name_case(m.group("name")), role=head.split()[-1].lower(), country=codes[0]), phrase)
    m = _NAME_STATE_RE.fullmatch(head)
    if m:
        name: Optional[str] = _name_case(m.group("name"))
        if _UN_TITLE_RE.search(appos) or _UN_TITLE_RE.match(m.group("name")):
            return SpeakerRef(Speaker(name=name, organization="United Nations"), phrase, stateless=True)
        codes = states_in(m.group("state"), gz)
        if codes:
            # A delegate by name and state: "the delegate" may refer to them later.
            return SpeakerRef(Speaker(name=name, role=f"representative of {m.group('state').strip()}", country=codes[0]), phrase)
        return None
    m = _UN_HEAD_RE.match(head)
    if m:
        known = parse_speaker(head, gz, date)
        name = known.speaker.name if known is not None and known.ref is None else None
        title = head[: m.start("rest")].strip()
        if name is None:
            rest = re.search(r"((?:[A-Z][\w'’\-]+\s+){1,3}[A-Z][\w'’\-]+)$", m.group("rest"))
            name = rest.group(1) if rest else None
        return SpeakerRef(Speaker(name=name, role=title.lower() if title[:1].islower() else title, organization="United Nations"), phrase, stateless=True)
    if appos and _UN_TITLE_RE.match(appos) and re.fullmatch(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){1,4}", head):
        return SpeakerRef(Speaker(name=_name_case(head), role=appos, organization="United Nations"), phrase, stateless=True)
    m = _OFFICE_RE.match(head)
    if m:
        codes = states_in(m.group("state"), gz)
        if codes:
            role = f"{m.group('role').lower()} of {m.group('state')}"
            return SpeakerRef(Speaker(role=role, country=codes[0]), phrase, joint=codes if len(codes) > 1 else (), also=codes[1:])
        return None
    m = _POSSESSIVE_RE.fullmatch(head)
    if m:
        code = gz.country_of(m.group("state"))
        if code:
            return SpeakerRef(Speaker(role=f"{m.group('role').lower()} of {m.group('state')}", country=code), phrase)
    m = _BODY_RE.fullmatch(head)
    if m and not appos:
        body = m.group("body")
        org = "Security Council" if "Council" in body else "General Assembly" if "Assembly" in body else body
        return SpeakerRef(Speaker(organization=org), phrase, stateless=True)
    m = _GROUP_RE.fullmatch(head)
    if m and (not appos or re.match(_MEMBERS_OPEN, appos)):
        inc = _INCLUDING_RE.search(appos)
        also = states_in(inc.group("states"), gz) if inc else ()
        return SpeakerRef(Speaker(name=head[:1].upper() + head[1:]), phrase, also=also, stateless=True)
    return None
