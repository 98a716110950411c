"""Transcripts: labelled turns of briefings, press conferences, remarks and interviews.

A transcript is a text whose turns open with a **label** naming who speaks. The label forms
are data (``LABEL_FORMS`` below), not code per publisher:

- capitals, at a line start or inline after a sentence (``_caps_place``): ``MR. PRICE:``, ``ASSISTANT
  SECRETARY HILL:``, ``SENIOR STATE DEPARTMENT OFFICIAL:``, ``PRESIDENT TRUMP:``,
  ``QUESTION:``, ``Q:``;
- a title or name at a line start: ``Vladimir Putin:``, ``President of Russia Vladimir
  Putin:``, ``Mr. McCormack:``, ``A/S Hill:``, ``Prime Minister X (retranslated):``;
- the Federal Register style (indented in the original): ``President Bush. …``, ``Q. …``;
- answers without a name: ``A:``, ``ANSWER:`` (the speaker named in the header).

Every turn of a speaker (from its label to the next label, across lines) is one ``direct``
statement; questions, moderators' calls and labels that name nobody are not statements.
The speaker of a label is, in order: a person named in the header before the first turn with
the label's surname ("Ned Price, Department Spokesperson" for ``MR. PRICE:``), the label read
as a speaker phrase ("President of Russia Vladimir Putin"), else the name as written. A
speaker with no country of its own takes the publisher's (evidence says so).

    >>> from positions.actors import load_gazetteer
    >>> from positions.text import paragraph_spans
    >>> t = "Jo Park, Spokesperson\\nQUESTION: And Korea?\\nMS. PARK: We support dialogue."
    >>> drafts, rest = transcript_drafts(t, paragraph_spans(t), load_gazetteer(), "USA")
    >>> [(p.slice(t), d.ref.speaker.name) for d in drafts for p in d.parts], [p.slice(t) for p in rest]
    ([('We support dialogue.', 'Jo Park')], ['Jo Park, Spokesperson'])
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

from ..actors import Gazetteer
from ..model import Span, Speaker
from .publishers import header_country
from .chair import chair_name, national_capacity
from .interviews import clip_label, is_host_turn, ministry_country, surname_labels, thanks_only
from .records import Draft
from .phrases import speaker_phrase
from .speakers import SpeakerRef, parse_speaker

__all__ = ["transcript_drafts", "LABEL_FORMS", "header_speakers"]

_CAPS_WORD = r"[A-Z][A-Z'’./\-]*"
_PAREN = r"(?:[ \t]*\((?:[A-Za-z][\w .,'’-]{0,60})\)){0,2}"
LABEL_FORMS: dict[str, str] = {
    # Capitals: at a line start, or inline after the end of a sentence or a dash.
    "caps": _CAPS_WORD + r"(?:[ \t]+" + _CAPS_WORD + r"){0,7}" + _PAREN,
    # A title or name in title case at a line start (a speaker phrase that parses).
    "title": r"(?:[A-Z][\w.'’/\-]*|of|the|de|van|von|bin|al)(?:[ \t]+(?:[A-Z][\w.'’/\-]*|of|the|de|van|von|bin|al)){0,9}" + _PAREN,
    # The Federal Register style: an indented title and surname, or Q, ending with a period.
    "register": r"Q|(?:The[ \t]+)?(?:President|Vice[ \t]+President|Prime[ \t]+Minister|Secretary|Chancellor|Minister|Ambassador|General)(?:[ \t]+[A-Z][\w'’\-]+){0,3}"
    r"|(?:Mr|Mrs|Ms|Dr)\.?(?:[ \t]+[A-Z][\w'’\-]+){1,3}",
}
"""The label forms (the text before the colon, or before the period of the register form)."""
_LABEL_FULL = {k: re.compile(v) for k, v in LABEL_FORMS.items()}
_COLON_RE = re.compile(r":(?=\s)")
_CAPS_START_RE = re.compile(r"(?<![\w'’./\-])[A-Z]")
_REGISTER_RE = re.compile(r"^[ \t]*(?P<label>" + LABEL_FORMS["register"] + r")\.[ \t]", re.M)
_WH_QUESTION_RE = re.compile(r"^[ \t]*(?P<label>Q)[ \t]+(?=[A-Z(])", re.M)
"""A White House transcript's question: "Q" alone at a line start, then the question (two spaces in
the original, one after normalization)."""
_LABEL_SPAN = 160  # no label is longer

_QUESTION_LABELS = frozenset(
    "q question questions reporter reporters journalist journalists participant participants audience "
    "moderator operator staff interviewer host press".split()
)
"""Labels whose turns are nobody's statement (questions, the floor, the organisers)."""
_HEADER_JUNK = frozenset("index transcript transcripts note presenter contents topics font size site colours print share source updated".split())
_PROMO_WORDS = frozenset("get read watch listen subscribe sign join follow download click also related see more try".split())
"""A label opening on a call to action ("GET NK PRO:", "READ MORE:", "WATCH:", "ALSO READ:") is a
news page's promotion, not a speaker: its line says nothing and no turn follows it."""
_HONORIFIC_RE = re.compile(
    r"^(?:(?:mr|ms|mrs|dr|sec|amb|a/s|u/s|gen|adm|the|deputy|assistant|under|senior|special|acting|"
    r"secretary|representative|ambassador|spokesperson|spokesman|spokeswoman|president|vice|prime|"
    r"minister|director|general|chairman|press|of|state|defense|defence|for)\.?\s+)+",
    re.I,
)
_TRAILER_RE = re.compile(
    r"\s*(?:#{2,}|\*\s*\*\s*\*|END\b|\(?END\b|Released on\b|Back to [Tt]op|Top of [Pp]age|Print\b|Copyright\b|"
    r"\[?END\b|[0-9]{1,2}:[0-9]{2}\s*[AP]\.?M\.?|Share this|Related\b|\[[A-Z][A-Z ]{2,30}\][ \t]*(?:\n|$)|BY[ \t]+[A-Z][A-Z'’\-]+[ \t]+[A-Z][A-Z'’\-]+)"
)
_HEADER_NAME_RE = re.compile(
    r"(?P<name>[A-Z][\w'’\-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’\-]+)){1,3}),[ \t]+(?P<title>(?:[A-Z][\w'’\-]*[ \t]+){0,4}"
    r"(?:Spokesperson|Spokesman|Spokeswoman|Secretary|Director|Representative|Ambassador|Minister|Envoy|"
    r"Coordinator|Adviser|Advisor|Counselor|Official|Chief|Administrator|President)\b[^\n]{0,80})"
)
"""A header line naming the speaker before the title: "Ned Price, Department Spokesperson"."""
_ROLE_END_RE = re.compile(
    r".*?\b(?:Spokesperson|Spokesman|Spokeswoman|Secretary|Director|Representative|Ambassador|Minister|Envoy|"
    r"Coordinator|Adviser|Advisor|Counselor|Official|Chief|Administrator|President)\b(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’\-]*(?:\s+(?:and\s+)?[A-Z][\w'’\-]*){0,4})?"
)
_HEADER_WORDS = frozenset(
    "daily press briefing remarks transcript conference regular department statement interview "
    "news media availability release comments readout background call special on at with by and the".split()
)
_HEADER_TITLED_RE = re.compile(
    r"(?:(?:[Bb]y|[Ff]rom|[Tt]o|Presenter:|[Ww]ith|[Aa]nd)[ \t]+|(?<=\n)|^)[ \t]*(?P<phrase>(?:[A-Z][\w.'’\-]*[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?){0,5}"
    r"(?:Spokesperson|Spokesman|Spokeswoman|Secretary|Director|Representative|Ambassador|Minister|Envoy|"
    r"President|Chancellor|Premier)[ \t]+(?:[A-Z][\w'’\-]*\.?[ \t]+){0,2}[A-Z][\w'’\-]+)"
    r"(?:[ \t]+of[ \t]+(?P<of>(?:the[ \t]+)?[A-Z][\w'’\-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w'’\-]*){0,4}))?"
)
"""A titled person in the header: "Press Briefing by Press Secretary Josh Earnest",
"Ambassador Nikki Haley", "Presenter: Secretary of Defense Ash Carter"."""


@attrs.frozen
class _Label:
    start: int  # the label's first character
    end: int  # after its colon or period
    label: str
    form: str


def _labels(text: str, a: int, b: int, gz: Gazetteer) -> list[_Label]:
    """The labels of ``text[a:b]``, in order. Linear: each colon is read back to its line
    start (at most ``_LABEL_SPAN`` characters); register labels are matched at line starts."""
    out: dict[int, _Label] = {}
    surnames = surname_labels(text, a, b)
    for c in _COLON_RE.finditer(text, a, b):
        ls = max(text.rfind("\n", a, c.start()) + 1, a, c.start() - _LABEL_SPAN)
        end = c.start()
        while end > ls and text[end - 1] in " \t":
            end -= 1
        first = ls
        while first < end and text[first] in " \t":
            first += 1
        label = " ".join(text[first:end].split())
        clip = clip_label(text, first, end)
        if clip is not None:  # "[CLIP] NAME, TITLE:" (interviews.py)
            out[first] = _Label(first, c.end(), " ".join(text[clip:end].split()), "caps")
            continue
        if label and _LABEL_FULL["title"].fullmatch(text, first, end) and (_title_ok(label, gz) or surnames.get(label, b) <= first):
            out[first] = _Label(first, c.end(), label, "title")
            continue
        for st in _CAPS_START_RE.finditer(text, ls, end):
            if _LABEL_FULL["caps"].fullmatch(text, st.start(), end):
                label = " ".join(text[st.start() : end].split())
                if _caps_ok(label) and _caps_place(text, st.start()):
                    out[st.start()] = _Label(st.start(), c.end(), label, "caps")
                    break
    for m in _REGISTER_RE.finditer(text, a, b):
        at = m.start("label")
        if at not in out:
            out[at] = _Label(at, m.end(), " ".join(m.group("label").split()), "register")
    for m in _WH_QUESTION_RE.finditer(text, a, b):
        if m.start("label") not in out:
            out[m.start("label")] = _Label(m.start("label"), m.end(), "Q", "register")
    return [out[k] for k in sorted(out)]


def _caps_place(text: str, s: int) -> bool:
    """A label in capitals opens a line, or follows the end of a sentence or a dash inline."""
    i = s
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    return i < s and (text[i - 1] in ".?!])\"”’:" or text[max(0, i - 2) : i] == "--" or text[i - 1] == "—")


def _caps_ok(label: str) -> bool:
    letters = [c for c in label.split("(")[0] if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters) and (len(letters) >= 2 or label in ("Q", "A"))


def _title_ok(label: str, gz: Gazetteer) -> bool:
    base = _base(label)
    if base.lower() in _QUESTION_LABELS:
        return True
    if base.lower() in _HEADER_JUNK or len(base.split()) > 10:
        return False
    if base.split()[0].lower() in ("our", "my", "your", "their", "its"):
        return False  # "Our Standards: The Trust Principles." is a page's footer, not a speaker
    if re.match(r"(?:Mr|Ms|Mrs|Dr|Sir|Dame|A/S|U/S)\.?\s+[A-Z]", base) or _CHAIR_RE.fullmatch(base):
        return True
    ref = parse_speaker(base, gz)
    return ref is not None and ref.ref is None and (ref.speaker.name is not None and len(ref.speaker.name.split()) >= 2 or ref.speaker.role is not None)


_NOTE_RE = re.compile(r"\s*\((?:retranslated|as\s+interpreted|through\s+[\w ]+|spoke\s+in\s+\w+|in\s+\w+|interpretation)\)\s*$", re.I)


_CHAIR_RE = re.compile(r"The\s+(?:Acting\s+)?(?:President|Chair|Chairperson|Chairman|(?:Deputy\s+)?Secretary-General)")


def _base(label: str) -> str:
    """The label without its language or interpreter's note ("(retranslated)", "(spoke in
    French)"); a state in brackets stays ("Mr. Wang Guangya (China)")."""
    prev = None
    while prev != label:
        prev, label = label, _NOTE_RE.sub("", label).strip()
    return label


_OUTLET_LABEL_RE = re.compile(
    r"(?:.*\b(?:News|Agency|Press|TV|Television|Broadcasting|Times|Post|Daily|Radio|Network|Media|Herald|Journal|Tribune|Channel|Shimbun|Ilbo)"
    r"|AFP|AP|Reuters|Bloomberg|CNN|BBC|NHK|Kyodo|Yonhap|Xinhua|TASS|RIA(?:\s+Novosti)?|CCTV|CGTN|Phoenix(?:\s+TV)?|Interfax|Sputnik|Global\s+Times|Al\s+Jazeera|EFE|DPA|ANSA|KBS|MBC|SBS|Asahi|Yomiuri|Nikkei)$",
    re.I,
)
"""A question label naming a news outlet ("AFP:", "Yonhap News Agency:")."""


def _kind_of(label: _Label, verbatim: bool = False) -> str:
    if _OUTLET_LABEL_RE.match(_base(label.label)):
        return "question"
    if verbatim and _base(label.label).lower() in ("the president", "the acting president", "the chair", "the chairperson"):
        return "question"  # the chair's procedure in a verbatim record
    if verbatim and _base(label.label).lower() in ("president", "members", "agenda", "provisional"):
        return "junk"  # the cover page of a verbatim record
    base = _base(label.label).lower().rstrip(".")
    if base in _QUESTION_LABELS or base.split()[0] in ("question", "reporter", "journalist", "participant"):
        return "question"
    if base in _HEADER_JUNK or base.split()[0] in _PROMO_WORDS:
        return "junk"
    if base in ("a", "answer"):
        return "answer"
    return "speaker"


def header_speakers(text: str, a: int, b: int, gz: Gazetteer) -> list[Speaker]:
    """Persons the header ``[a, b)`` names: "Ned Price, Department Spokesperson", "Press
    Briefing by Press Secretary Josh Earnest", "Ambassador Nikki Haley"."""
    found: list[tuple[int, Speaker]] = []
    for m in _HEADER_NAME_RE.finditer(text, a, b):
        words = m.group("name").split()
        while len(words) > 2 and words[0].lower() in _HEADER_WORDS:
            words.pop(0)
        if len(words) > 3 or words[0].lower() in _HEADER_WORDS:
            continue
        title = _ROLE_END_RE.match(m.group("title"))
        role = title.group(0) if title else m.group("title").split(",")[0]
        ref = parse_speaker(role, gz)
        sp = Speaker(name=" ".join(words), role=role.lower(), country=ref.speaker.country if ref else None)
        found.append((m.start(), sp))
    for m in _HEADER_TITLED_RE.finditer(text, a, b):
        ref = _titled_person(m.group("phrase"), gz, single=bool(m.group("of")))
        if ref is not None:
            sp = ref.speaker
            if m.group("of") and gz.country_of(m.group("of")):
                sp = attrs.evolve(sp, country=gz.country_of(m.group("of")), role=f"{sp.role} of {m.group('of')}")
            found.append((m.start("phrase"), sp))
    out: list[Speaker] = []
    for _, sp in sorted(found, key=lambda f: f[0]):
        if not any(sp.name == o.name for o in out):
            out.append(sp)
    return out


def _titled_person(phrase: str, gz: Gazetteer, single: bool = False) -> Optional[SpeakerRef]:
    """A titled person from a header phrase, dropping leading title words that are not part
    of the title ("Remarks Following Discussions With President Roh Moo-hyun"); a single
    name only with its state after it (``single``: "President Moon of South Korea")."""
    words = phrase.split()
    for i in range(len(words) - 1):
        ref = parse_speaker(" ".join(words[i:]), gz)
        if ref is not None and ref.ref is None and ref.speaker.name and (single or len(ref.speaker.name.split()) >= 2):
            return ref
    return None


def _surname(s: str) -> str:
    words = re.findall(r"[A-Za-z][\w'’\-]*", s)
    return words[-1].lower() if words else ""


def _speaker_of(label: str, header: list[Speaker], gz: Gazetteer, country: Optional[str]) -> tuple[Optional[SpeakerRef], str]:
    base = _base(label)
    titled = _usual_case(base)
    sur = _surname(base)
    for sp in header:
        if sp.name and sur in {w.lower() for w in re.findall(r"[A-Za-z][\w'’\-]*", sp.name)}:
            return SpeakerRef(_with_country(sp, country), label), f"label '{label}' → {sp.name}, named in the header"
    bare = _HONORIFIC_RE.sub("", titled).strip()
    un = speaker_phrase(re.sub(r"^(?:Mr|Ms|Mrs|Dr|Sir|Dame|Lord|Baroness)\.?\s+", "", base), gz) if "(" in base or "Secretary-General" in base else None
    if un is not None and un.ref is None:
        return un, f"label '{label}'"
    ref = parse_speaker(titled, gz)
    if ref is not None and ref.ref is None:
        sp = ref.speaker
        if sp.name is None and sp.role and not sp.organization and header and _role_fits(sp.role, header[0]):
            return SpeakerRef(_with_country(header[0], country), label), f"label '{label}' → {header[0].name}, named in the header"
        return SpeakerRef(_with_country(sp, country), label), f"label '{label}'"
    if ref is not None and ref.ref == "nominal" and header:
        return SpeakerRef(_with_country(header[0], country), label), f"label '{label}' → {header[0].name}, named in the header"
    known = gz.person(bare) if bare else None
    if known is not None:
        return SpeakerRef(Speaker(known.name, None, known.country), label), f"label '{label}' → {known.name}, from the actors gazetteer"
    if bare:
        role = titled[: len(titled) - len(bare)].strip().lower() or None
        name = bare if len(bare.split()) >= 2 or not role else bare
        return SpeakerRef(_with_country(Speaker(name=name, role=role), country), label), f"label '{label}'"
    if ref is not None:
        return SpeakerRef(_with_country(ref.speaker, country), label), f"label '{label}'"
    return None, ""


def _usual_case(label: str) -> str:
    """A label set (partly) in capitals in its usual case: "PRESIDENT OF THE REPUBLIC OF KOREA
    LEE MYUNG-BAK" → "President of the Republic of Korea Lee Myung-bak"."""
    out = []
    for w in label.split():
        if w.isupper() and len(w) > 1 and w not in ("U.S.", "UN", "DPRK", "ROK", "USA", "A/S", "U/S", "EU"):
            low = w.lower()
            out.append(low if low in ("of", "the", "and", "for") else "-".join([low.split("-")[0].capitalize()] + low.split("-")[1:]))
        else:
            out.append(w)
    return " ".join(out)


def _role_fits(role: str, sp: Speaker) -> bool:
    return bool(sp.role) and role.split()[-1] in (sp.role or "").lower()


def _with_country(sp: Speaker, country: Optional[str]) -> Speaker:
    return sp if sp.country or country is None else attrs.evolve(sp, country=country)


def transcript_drafts(text: str, paragraphs: list[Span], gz: Gazetteer, publisher: Optional[str] = None) -> tuple[list[Draft], list[Span]]:
    """Drafts for the turns of a transcript, and the paragraphs left for the other rules
    (the header before the first turn). ``publisher`` is the country of the outlet, given to
    labelled speakers that name none."""
    if not paragraphs:
        return [], paragraphs
    a, b = paragraphs[0].start, paragraphs[-1].end
    labels = _labels(text, a, b, gz)
    verbatim = _VERBATIM_RE.search(text, a, b) is not None
    kinds = [_kind_of(lab, verbatim) for lab in labels]
    turns = [lab for lab, k in zip(labels, kinds) if k != "junk"]
    speakers = [lab for lab, k in zip(labels, kinds) if k in ("speaker", "answer")]
    if not speakers or (len(turns) < 2 and not _opens_paragraph(text, speakers[0], paragraphs, gz)):
        return [], paragraphs
    if all(lab.form == "register" for lab in turns) and len(turns) < 2:
        return [], paragraphs
    first = labels[0].start
    header = [ministry_country(sp, gz) for sp in header_speakers(text, a, first, gz)]
    header += [sp for sp in header_speakers(text, first, b, gz) if sp.country and all(sp.name != h.name for h in header)]
    publisher = publisher or header_country(text, a, first)
    drafts: list[Draft] = []
    last: Optional[tuple[SpeakerRef, str]] = None
    opening = None if verbatim else _opening_announcement(text, [p for p in paragraphs if p.end <= first], header, gz, publisher)
    if opening is not None and opening.ref is not None:
        last = (opening.ref, f"{opening.ref.speaker.label()}, who opened the briefing")
    labelled: list[SpeakerRef] = []
    hosts: set[str] = set()
    narration: list[Span] = []  # a host's turns (interviews.py)
    closed = False  # the question before was only thanks: an interview's close
    for i, (lab, kind) in enumerate(zip(labels, kinds)):
        end = labels[i + 1].start if i + 1 < len(labels) else b
        end = _turn_end(text, lab.end, end)
        if kind == "question" and verbatim and _CHAIR_RE.fullmatch(_base(lab.label)):
            own = national_capacity(text, lab.end, end, gz, chair_name(text, a, b))
            if own is not None:
                drafts.append(own)
        if kind in ("question", "junk"):
            closed = kind == "question" and thanks_only(text, lab.end, end)
            continue
        ref: Optional[SpeakerRef]
        if kind == "answer":
            if header:
                ref, why = SpeakerRef(_with_country(header[0], publisher), lab.label), f"answer → {header[0].name}, named in the header"
            elif last is not None:
                ref, why = last[0], f"answer → {last[0].speaker.label()}, the speaker of the turn before"
            else:
                continue
        else:
            ref, why = _speaker_of(lab.label, header, gz, None)
            if ref is not None and ref.speaker.country is None:
                seen = next((r for r in reversed(labelled) if r.speaker.country and r.speaker.name and _surname(ref.speaker.name or "") in {w.lower() for w in r.speaker.name.split()}), None)
                if seen is not None:
                    ref, why = seen, f"label '{lab.label}' → {seen.speaker.name}, labelled before"
                elif publisher:
                    ref = SpeakerRef(_with_country(ref.speaker, publisher), ref.phrase)
                    why += f"; no state of its own: the publisher's ({publisher})"
            if ref is not None:
                labelled.append(ref)
        if ref is not None:
            last = (ref, why)
        if _FLOOR_RE.match(text, lab.end, end) and len(text[lab.end : end].split()) <= 14 or _NO_TOPPER_RE.fullmatch(text, lab.end, end):
            continue  # a turn that only manages the floor ("Go ahead, Shaun.", "I don't have anything at the top.")
        s = lab.end
        while s < end and text[s].isspace():
            s += 1
        note = _OPEN_NOTE_RE.match(text, s, end)
        if note:  # "(As interpreted.)" opening a turn is the transcriber's, not the speaker's
            s = note.end()
        if ref is None or end <= s or closed and thanks_only(text, s, end):
            continue
        if kind == "speaker" and (lab.label in hosts or is_host_turn(text[s:end], ref.speaker.name)):
            hosts.add(lab.label)
            narration.append(Span(s, end))
            continue
        drafts.append(Draft([Span(s, end)], "direct", ref, Span(lab.start, lab.end), note=why or None))
    rest = [] if verbatim else [p for p in paragraphs if p.end <= first]  # a record's cover page is no one's words
    if opening is not None:
        drafts.insert(0, opening)
        assert opening.cue is not None  # an opening announcement is cued by its paragraph
        rest = [p for p in rest if p.end <= opening.cue.end]
    return drafts, rest + narration


_ANNOUNCES_RE = re.compile(
    r"(?P<who>[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3})[ \t]+(?:started|opened|began)[ \t]+the[ \t]+"
    r"(?:(?:regular|daily)[ \t]+)?(?:press[ \t]+conference|briefing|press[ \t]+briefing)[ \t]+with[ \t]+the[ \t]+following[ \t]+"
    r"(?:announcements?|statements?|remarks):[ \t]*$"
)
"""A spokesperson's opening before the first question: "Hua Chunying started the press
conference with the following announcement:" (its paragraphs up to the first label are hers)."""


def _opening_announcement(text: str, header: list[Span], people: list[Speaker], gz: Gazetteer, publisher: Optional[str]) -> Optional[Draft]:
    for i, p in enumerate(header):
        m = _ANNOUNCES_RE.fullmatch(text, p.start, p.end)
        if m is None or i + 1 >= len(header):
            continue
        sur = _surname(m.group("who"))
        sp = next((h for h in people if h.name and sur in {w.lower() for w in h.name.split()}), None)
        if sp is None:
            ref = parse_speaker(m.group("who"), gz)
            if ref is None or ref.ref is not None:
                return None
            sp = ref.speaker
        start, end = header[i + 1].start, header[-1].end
        return Draft([Span(start, end)], "direct", SpeakerRef(_with_country(sp, publisher), m.group("who")), Span(p.start, p.end),
                     note=f"'{m.group('who')}' opened the briefing with an announcement")
    return None


_VERBATIM_RE = re.compile(r"\bS/PV\.\d+|\bA/\d+/PV\.\d+|\((?:spoke|speaking)\s+in\s+[A-Z][a-z]+\)")
"""A UN verbatim record: its chair's turns are procedure, its cover page is nobody's words."""
_NO_TOPPER_RE = re.compile(
    r"\s*(?:(?:Good\s+(?:afternoon|morning|evening)|Hi|Hello)(?:,\s+(?:everybody|everyone|all))?[.!]\s+)?"
    r"I\s+(?:don['’]t|do\s+not)\s+have\s+(?:any|anything)\s+(?:opening\s+(?:statements?|remarks|announcements?)|announcements?|at\s+the\s+top|to\s+(?:announce|start\s+with))"
    r"(?:[^.\n]{0,80})?[.!]?\s*"
)
"""A spokesperson's turn that only opens the floor: "Good afternoon. I don't have any opening
statements, so I'll be happy to take your questions." (the whole turn, one sentence after the
greeting)."""
_OPEN_NOTE_RE = re.compile(r"\((?:[Aa]s\s+interpreted|[Ii]nterpretation|[Rr]etranslated|[Tt]hrough\s+an\s+interpreter)\.?\)\.?\s+")
_FLOOR_RE = re.compile(
    r"\s*(?:Go\s+ahead|Next\s+question|We['’]ll\s+(?:now\s+)?take|Let['’]s\s+(?:go|take|turn)|That\s+concludes|Anything\s+else|"
    r"(?:Well,\s+)?[Gg]ood\s+(?:afternoon|morning|evening),\s+everyone\.\s+Please,\s+have\s+a\s+seat|Please,\s+have\s+a\s+seat|"
    r"Thank\s+you,\s+everyone\.\s+That\s+concludes)"
)
"""A turn that only manages the floor: not a statement."""


def _opens_paragraph(text: str, lab: _Label, paragraphs: list[Span], gz: Gazetteer) -> bool:
    """A single labelled turn counts when its label opens a paragraph and names a person
    ("President of Russia Vladimir Putin:", not a dateline "MOSCOW:")."""
    if lab.form == "register" or not any(p.start <= lab.start <= p.start + 8 and not text[p.start : lab.start].strip() for p in paragraphs):
        return False
    base = _base(lab.label)
    ref = parse_speaker(_usual_case(base), gz)
    if ref is None or ref.speaker.name is None:
        return False
    # A full name, or a title and a name in capitals ("PRESIDENT BUSH:"), not a dateline.
    return len(ref.speaker.name.split()) >= 2 or (base.isupper() and ref.speaker.role is not None)


def _turn_end(text: str, s: int, e: int) -> int:
    """The end of a turn: before the next label, a trailer line ("Released on …", "###",
    "END"), trailing blanks and a dangling dash."""
    pos = s
    while True:
        nl = text.find("\n", pos, e)
        if nl == -1:
            break
        if _TRAILER_RE.match(text, nl + 1, e):
            e = nl
            break
        pos = nl + 1
    m = re.search(r"\s+(?:Released on|Back to [Tt]op)\b", text[s:e])
    if m:
        e = s + m.start()
    while e > s and text[e - 1] in " \t\n|-—":
        e -= 1
    return e
