"""Speakers: parse an attribution phrase, and resolve references to earlier speakers.

:func:`parse_speaker` reads the words that name a speaker ("Russian Ambassador to Seoul
Andrey Kulik", "he", "the envoy", "the Foreign Ministry", "Moscow", "Zhao Lijian, a foreign
ministry spokesman") into a :class:`SpeakerRef`. It refuses phrases that are not noun
phrases of a speaker (a clause with a verb, generic plurals such as "analysts"), which is
what keeps narration from becoming a statement::

    >>> from positions.actors import load_gazetteer
    >>> ref = parse_speaker("Russian Ambassador to Seoul Andrey Kulik", load_gazetteer())
    >>> ref.speaker.name, ref.speaker.role, ref.speaker.country
    ('Andrey Kulik', 'ambassador to Seoul', 'RUS')

:class:`Resolver` keeps the speakers seen so far in an article and resolves pronouns,
surnames and nominal references ("the envoy", "the ministry") to the most recent compatible
one, recording the evidence.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import Optional

import attrs

from ..actors import Gazetteer, Mention
from ..model import PartialDate, Speaker
from .roles import ROLE_NOUNS, is_post
from .interviews import ministry_country

__all__ = ["SpeakerRef", "parse_speaker", "Resolver", "ROLE_NOUNS"]


# Lower-case words allowed inside a speaker phrase besides role nouns.
_PHRASE_WORDS = frozenset(
    """the a an of to for at in on and 's ' - -- foreign deputy vice senior first chief top
    nuclear special defense defence national security affairs permanent state cabinet
    presidential press unification interior prime trade finance affairs general former
    acting new its his her their korean peninsula peace issue issues six-party talks
    north south un u.n. regular briefing daily central committee party people's news
    external relations policy chinese russian american japanese respected dear supreme
    beloved great military intelligence spy council government administration defense-ministry media coast guard
    second third fourth another""".split()
)
_TITLE_WORDS = frozenset(
    """the a an of to for at in on and foreign deputy vice senior first chief top nuclear special
    defense defence national security affairs permanent state cabinet presidential press
    unification interior prime trade finance general former acting""".split()
)
_ADVERBS = frozenset(
    "also further however then later earlier again separately meanwhile moreover but and "
    "while as in turn himself herself itself once now previously subsequently".split()
)
_DOCUMENT_WORDS = frozenset("statement declaration communique communiqué document agreement accord text resolution".split())
_CARRIED_RE = re.compile(
    r"(?P<doc>(?:[Aa]|[Aa]n|[Tt]he)\s+(?:[\w-]+\s+){0,3}?(?:statement|commentary|editorial|report|article|dispatch|communique|readout|transcript|release))"
    r"\s+(?:(?:carried|published|released|issued|run|quoted)\s+by|from)\s+(?P<by>.+)"
)
_AUXILIARIES = frozenset("has have had would will could did does do is was repeatedly long always already".split())
_GENERIC_PLURALS = frozenset(
    "analysts experts observers critics sources diplomats officials observers reports media "
    "commentators scholars people residents witnesses lawmakers some others many".split()
)
_PERSON_OFFICE_RE = re.compile(
    r"(?P<who>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})['’]s\s+(?:office|spokes(?:man|woman|person)|press\s+secretary|aides?|chief\s+of\s+staff)"
)
"""A known person's office or staff ("Yoon's office said"): the person's state (bounded)."""
_PRONOUNS = {"he": "m", "she": "f", "it": "n", "they": "p", "we": "p"}
_WORD_RE = re.compile(r"[A-Za-z][\w'.-]*|'s|[,()]")
_RELATIVE_RE = re.compile(r",\s*(?:who|which|whose|where)\b[^,]*(?:,|$)")


@attrs.frozen
class SpeakerRef:
    """A parsed speaker phrase: the speaker as far as the phrase says, and how to resolve it.

    ``ref`` is ``None`` for a self-contained phrase, else ``pronoun``, ``surname`` or
    ``nominal`` (a reference to an earlier speaker); ``cls`` the role class of a nominal.
    """

    speaker: Speaker
    phrase: str
    ref: Optional[str] = None
    cls: Optional[str] = None
    gender: Optional[str] = None
    joint: tuple[str, ...] = ()  # countries of a joint speaker ("Russia and China")
    also: tuple[str, ...] = ()  # states the speaker also speaks for ("also speaking for Canada")
    stateless: bool = False  # a UN official, the Council, a resolution, an unnamed group


def _lower_role(words: list[str]) -> str:
    """Lower-case title words, keep proper nouns: "Ambassador to Seoul" → "ambassador to Seoul"."""
    out = []
    for w in words:
        lw = w.lower()
        if lw in ROLE_NOUNS or lw in _TITLE_WORDS:
            out.append(lw)
        else:
            out.append(w)
    return " ".join(out).replace(" 's", "'s")


def _clean(phrase: str) -> str:
    p = phrase.strip(" ,;:\n\t\"'")
    p = _RELATIVE_RE.sub(",", p).strip(" ,")
    words = p.split()
    while words and words[0].lower().strip(",") in _ADVERBS:
        words.pop(0)
    while words and (words[-1].lower().strip(",") in _ADVERBS or words[-1].lower() in _AUXILIARIES):
        words.pop()  # "Tokyo has (said)", "Kim had also (said)"
    return " ".join(words).strip(" ,")


def parse_speaker(
    phrase: str, gz: Gazetteer, date: Optional[PartialDate] = None
) -> Optional[SpeakerRef]:
    """Read an attribution phrase into a :class:`SpeakerRef`, or None if it names no speaker.
    A minister of a known ministry takes its state ("Unification Minister X": KOR).

    >>> from positions.actors import load_gazetteer
    >>> parse_speaker("the envoy", load_gazetteer()).ref
    'nominal'
    >>> parse_speaker("analysts", load_gazetteer()) is None
    True
    """
    ref = _parse_speaker(phrase, gz, date)
    if ref is None or ref.ref is not None or ref.speaker.country is not None or ref.stateless:
        return ref
    return attrs.evolve(ref, speaker=ministry_country(ref.speaker, gz))


def _parse_speaker(phrase: str, gz: Gazetteer, date: Optional[PartialDate] = None) -> Optional[SpeakerRef]:
    p = _clean(phrase)
    if not p or len(p) > 200:
        return None
    carried = _CARRIED_RE.fullmatch(p)
    if carried:
        # "a statement carried by KCNA": the document speaks for the outlet's state.
        by = parse_speaker(carried.group("by"), gz, date)
        if by is not None and by.speaker.country:
            doc = carried.group("doc").split()[-1]
            return SpeakerRef(Speaker(None, None, by.speaker.country, by.speaker.organization or doc), p)
        return None
    low = p.lower()
    if " and " in p and "," in p:
        people = _person_list(p, gz, date)
        if people is not None:
            return people
    if low in _PRONOUNS:
        return SpeakerRef(Speaker(), p, ref="pronoun", gender=_PRONOUNS[low])
    head, _, appos = p.partition(",")
    head = head.strip()
    appos = appos.strip()
    words = _WORD_RE.findall(head)
    if not words or len(words) > 16:
        return None
    if words[0].lower() in _GENERIC_PLURALS or (words[0].lower() in ("some", "many", "two", "three") ):
        return None
    for w in words:
        lw = w.lower()
        if lw.endswith(("'s", "’s")) and len(lw) > 2:
            lw = lw[:-2]  # "the embassy's spokesperson": a possessive role noun
        if w[0].isupper() or lw in ROLE_NOUNS or lw in _PHRASE_WORDS or lw.rstrip("s") in ROLE_NOUNS:
            continue
        return None  # a lower-case word that is no part of a title: a clause, not a speaker
    hit = gz.lookup(head)
    mentions = gz.mentions(head)
    person = next((m for m in mentions if m.kind == "person"), None)
    lower_words = [w.lower() for w in words]
    roles = [w for w in lower_words if w in ROLE_NOUNS or (w.endswith("s") and w[:-1] in ROLE_NOUNS)]
    countries = [
        gz.country_of_hit((m.kind, m.key))
        for m in mentions
        if m.kind in ("country", "adjective", "metonym", "institution")
    ]
    # The country of the office: the first country word of the phrase, not the post
    # ("Russian Ambassador to Seoul"): words after "to"/"in" name the post.
    office_country = None
    for m in mentions:
        if m.kind == "person":
            continue
        before = head[: m.span.start].split()
        if before and is_post(before) and m.kind in ("country", "metonym"):
            continue  # a post ("Ambassador to Seoul"); "a source in the Russian Foreign Ministry" is not
        c = gz.country_of_hit((m.kind, m.key))
        if c:
            office_country = c
            break

    if person is None and appos and _is_name(appos):
        # "The U.S. special envoy on North Korea, Stephen Bosworth": the name in apposition.
        role = _role_from(words, gz)
        return SpeakerRef(Speaker(appos.strip(), role, office_country, None), p)
    if person is not None:
        p_obj = gz.persons[person.key]
        role_words = head[: person.span.start].split()
        role = _role_from(role_words, gz) if role_words else None
        if not role and appos:
            role = _appositive_role(appos, gz)
        if not role:
            role = p_obj.role_on(date)
        country: Optional[str] = office_country or p_obj.country
        return SpeakerRef(Speaker(p_obj.name, role, country, None), p, gender=p_obj.gender)

    if hit is not None and hit[0] in ("country", "metonym", "institution", "adjective"):
        if hit[0] == "adjective" and not roles:
            return None
        c = gz.country_of_hit(hit)
        org = head if hit[0] != "adjective" else None
        return SpeakerRef(Speaker(None, None, c, _strip_det(org) if org else None), p)

    joint = _joint(head, gz)
    if joint:
        return SpeakerRef(Speaker(None, None, joint[0], _strip_det(head)), p, joint=joint)

    # A name not in the gazetteer: trailing capitalized words after the title words.
    cap_tail = []
    for w in reversed(words):
        if w[0].isupper() and w.lower() not in ROLE_NOUNS and w.lower() not in _PHRASE_WORDS and not gz.lookup(w):
            cap_tail.append(w)
        else:
            break
    cap_tail.reverse()
    title_words = words[: len(words) - len(cap_tail)]
    generic = next((m for m in mentions if m.kind == "generic_institution"), None)
    institution = next((m for m in mentions if m.kind == "institution"), None)
    if cap_tail and (title_words or appos or len(cap_tail) >= 2):
        name = " ".join(cap_tail)
        role = _role_from(title_words, gz) if title_words else None
        if appos and not role:
            role = _appositive_role(appos, gz)
        country = office_country or (gz.country_of(appos) if appos else None)
        org = _org_of(generic, institution, appos, gz)
        return SpeakerRef(Speaker(name, role, country, org), p)
    if cap_tail and len(cap_tail) == 1 and not title_words:
        # A lone capitalized word: a surname of someone named earlier (or unknown).
        known = gz.person(cap_tail[0])
        if known is not None:
            return SpeakerRef(Speaker(known.name, known.role_on(date), known.country), p, ref="surname")
        return SpeakerRef(Speaker(cap_tail[0]), p, ref="surname")
    if not roles and not generic and not institution:
        return None
    owner = _PERSON_OFFICE_RE.fullmatch(head)
    known = gz.person(owner.group("who")) if owner else None
    if known is not None and known.country:
        # "Yoon's office", "Abe's spokesman": the staff of a known office holder serve that state.
        return SpeakerRef(Speaker(None, head, known.country), p, cls="official")
    # A title without a name: a nominal reference ("the envoy") or an anonymous official
    # ("a senior U.S. official"), or an institution ("the Foreign Ministry").
    det = lower_words[0]
    role = _role_from(words, gz)
    if det in ("its", "their", "his", "her"):
        # "…, its foreign ministry said": the state the statement is about (resolved with
        # the content, see attribution._resolve).
        org = _org_of(generic, institution, appos, gz)
        return SpeakerRef(Speaker(None, None if org else role, office_country, org), p, ref="possessive", cls=cls_of(roles))
    cls = ROLE_NOUNS.get(roles[-1].rstrip("s") if roles[-1] not in ROLE_NOUNS else roles[-1]) if roles else "body"
    org = _org_of(generic, institution, appos, gz)
    if org and cls in (None, "body"):
        role = None
    speaker = Speaker(None, role, office_country, org)
    if det in ("the", "this", "that") and not (institution and institution.kind == "institution" and office_country):
        return SpeakerRef(speaker, p, ref="nominal", cls=cls)
    return SpeakerRef(speaker, p, cls=cls)


def _person_list(p: str, gz: Gazetteer, date: Optional[PartialDate]) -> Optional[SpeakerRef]:
    """A list of named officials ("Secretary of State Rex Tillerson, Defense Secretary Jim
    Mattis and Director of National Intelligence Dan Coats"): one joint speaker whose country
    is that of the first one the phrase or the gazetteer places."""
    parts = [x.strip() for x in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", p) if x.strip()]
    if len(parts) < 3 or any(x.split()[0].lower() in ("a", "an", "the", "who", "which") for x in parts):
        return None
    refs = [parse_speaker(x, gz, date) for x in parts]
    people = [r.speaker for r in refs if r is not None and r.ref is None]
    names = [s.name for s in people if s.name is not None]
    if len(names) < len(refs):  # each part one named person
        return None
    countries = [s.country for s in people if s.country]
    if not countries:
        return None
    return SpeakerRef(Speaker(None, None, countries[0], ", ".join(names)), p, joint=tuple(dict.fromkeys(countries)))


def cls_of(roles: list[str]) -> str:
    """The role class of the last role noun of a phrase ("body" when there is none)."""
    if not roles:
        return "body"
    r = roles[-1]
    return ROLE_NOUNS.get(r if r in ROLE_NOUNS else r.rstrip("s"), "body")


def _is_name(s: str) -> bool:
    words = s.strip().split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() and w.lower() not in ROLE_NOUNS for w in words)


def _strip_det(s: str) -> str:
    for det in ("the ", "The "):
        if s.startswith(det):
            return s[len(det) :]
    return s


def _org_of(generic: Optional[Mention], institution: Optional[Mention], appos: str, gz: Gazetteer) -> Optional[str]:
    if institution is not None:
        return institution.key
    if generic is not None:
        return generic.key
    if appos:
        ms = [m for m in gz.mentions(appos) if m.kind in ("generic_institution", "institution")]
        if ms:
            return ms[0].key
    return None


def _role_from(words: list[str], gz: Gazetteer) -> Optional[str]:
    """The role in title words: drop the leading determiner and country adjective."""
    ws = [w for w in words if w not in (",", "(", ")")]
    while ws and ws[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
        ws.pop(0)
    # Drop a leading country word or possessive ("Russian", "China's", "U.S.").
    while ws:
        one = ws[0]
        if one.endswith("'s") and gz.country_of(one[:-2]):
            ws.pop(0)
            continue
        if len(ws) > 1 and ws[1] == "'s" and gz.country_of(one):
            del ws[:2]
            continue
        if len(ws) > 1 and (pair := gz.lookup(f"{ws[0]} {ws[1]}")) and pair[0] in ("adjective", "country"):
            del ws[:2]
            continue
        hit = gz.lookup(one)
        if hit and hit[0] in ("adjective", "country"):
            ws.pop(0)
            continue
        break
    if not ws or not any(w.lower() in ROLE_NOUNS or w.lower().rstrip("s") in ROLE_NOUNS for w in ws):
        return None
    return _lower_role(ws)


def _appositive_role(appos: str, gz: Gazetteer) -> Optional[str]:
    words = _WORD_RE.findall(appos)
    return _role_from(words, gz)


def _joint(head: str, gz: Gazetteer) -> tuple[str, ...]:
    """Countries of a joint subject ("Russia and China", "Moscow, Beijing and Seoul")."""
    parts = re.split(r"\s*,\s*|\s+and\s+", head)
    if len(parts) < 2:
        return ()
    out = []
    for part in parts:
        hit = gz.lookup(part)
        if hit is None or hit[0] not in ("country", "metonym"):
            return ()
        out.append(hit[1])
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------------------
# Resolution


@attrs.define
class Resolver:
    """Resolves references against the speakers seen so far in one article."""

    gz: Gazetteer
    date: Optional[PartialDate] = None
    history: list[tuple[Speaker, Optional[str]]] = attrs.field(factory=list)  # (speaker, gender)
    names: dict[str, Speaker] = attrs.field(factory=dict)  # surname → full speaker
    speakers: list[Speaker] = attrs.field(factory=list)  # speakers of statements, in order
    oblique: set[int] = attrs.field(factory=set)  # history entries only mentioned inside narration: never "he"

    def note_person(self, name: str, speaker: Speaker) -> None:
        """Remember a person named in the text (a speaker or a mention)."""
        tokens = name.split()
        if len(tokens) < 2:
            return
        known = self.gz.person(name)
        surname = known.surname if known else tokens[-1]
        self.names[surname] = speaker
        self.names[tokens[-1]] = speaker
        self.names[tokens[0]] = self.names.get(tokens[0], speaker)

    def resolve(self, ref: SpeakerRef) -> tuple[Speaker, Optional[str]]:
        """The speaker a reference stands for, and the evidence (None when self-contained)."""
        sp = ref.speaker
        if ref.ref is None:
            self._remember(sp, ref.gender)
            return sp, None
        if ref.ref == "surname":
            full = self.names.get(ref.phrase.split()[-1])
            if full is not None:
                self._remember(full, None)
                return full, f"'{ref.phrase}' → {full.label()}, named earlier in the article"
            if sp.country:
                self._remember(sp, ref.gender)
                return sp, f"'{ref.phrase}' → {sp.label()}, from the actors gazetteer"
            self._remember(sp, None)
            return sp, None
        if ref.ref == "possessive":
            self._remember(sp, None)
            return sp, None
        if ref.ref == "pronoun":
            # A person only mentioned inside narration is the antecedent of last resort.
            n, obl = len(self.history), self.oblique
            turn = chain((i for i in range(n - 1, -1, -1) if i not in obl), (i for i in range(n - 1, -1, -1) if i in obl))
            for prev, gender in (self.history[i] for i in turn):
                if ref.gender in ("m", "f"):
                    if (prev.name is None and prev.role is None) or (gender and gender != ref.gender):
                        continue
                elif ref.gender == "n":
                    if prev.name is not None:
                        continue
                self._remember(prev, gender)
                return prev, f"'{ref.phrase}' → {prev.label()}, nearest earlier speaker"
            return sp, f"'{ref.phrase}': no earlier speaker to refer to"
        # Nominal: the most recent speaker whose role or organization fits; "the document"
        # prefers a document named before ("signed a joint declaration").
        order = list(reversed(self.history))
        if ref.cls == "document":
            # A document named before, else the latest speaker (not a person only narrated).
            docs = [h for h in order if (h[0].organization or "").split()[-1:] and (h[0].organization or "").split()[-1].lower() in _DOCUMENT_WORDS]
            order = docs + [(sp, None) for sp in reversed(self.speakers)] + order
        for prev, gender in order:
            if self._fits(ref, prev):
                self._remember(prev, gender)
                why = {
                    "diplomat": "with a diplomatic role",
                    "minister": "with a ministerial role",
                    "spokesperson": "who is a spokesperson",
                    "leader": "who leads a state",
                    "body": "that is an institution",
                    "document": "",
                }.get(ref.cls or "", "with a fitting role")
                label = f"nearest earlier speaker {why}".rstrip()
                return prev, f"'{ref.phrase}' → {prev.label()}, {label}"
        self._remember(sp, None)
        return sp, None

    def _fits(self, ref: SpeakerRef, prev: Speaker) -> bool:
        sp = ref.speaker
        if sp.country and sp.country != prev.country:
            return False  # "the United States representative" is no UN official's, nor another state's
        cls = ref.cls
        role = (prev.role or "").lower()
        if cls == "document":
            return True
        if cls == "body":
            org = (sp.organization or "").lower()
            if prev.organization and (not org or org.split()[-1] in prev.organization.lower()):
                return True
            head = ref.phrase.lower().split()[-1]
            return bool(prev.organization) and head in ("side", "government", "delegation", "ministry", "department", "office")
        if prev.name is None and not prev.role:
            return False
        if cls == "diplomat":
            return any(w in role for w in ("ambassador", "envoy", "representative", "minister", "diplomat", "negotiator", "delegat", "secretary of state", "consul"))
        if cls == "minister":
            return "minister" in role or "secretary" in role
        if cls == "spokesperson":
            return "spokes" in role
        if cls == "leader":
            head = ref.phrase.lower().split()[-1]
            if head == "comrade":  # KCNA's "the respected comrade": the leader named before
                return prev.name is not None
            return head in role or "leader" in role or "president" in role
        if cls == "official":
            return True
        return True

    def _remember(self, sp: Speaker, gender: Optional[str]) -> None:
        if sp.name is None and sp.organization is None and sp.role is None and sp.country is None:
            return
        self.history.append((sp, gender))
        self.speakers.append(sp)
        if sp.name:
            self.note_person(sp.name, sp)
