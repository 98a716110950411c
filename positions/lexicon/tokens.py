"""Word tokens for matching: each keeps its span and its forms at every normalization level.

A lexicon pattern and a text are both turned into :class:`Word` s by the same rules, so that
a pattern written one way matches the other ways without being listed:

=================  =====================================================================
level / step       what it folds
=================  =====================================================================
``abbreviation``   dots inside abbreviations: ``D.P.R.K.`` = ``DPRK``
``possessive``     a final ``'s`` or ``'``: ``Korea's`` = ``Korea``
``hyphen-split``   a hyphenated word is its parts: ``step-by-step`` = ``step by step``
``hyphen-join``    a lowercase prefix joins its word: ``co-operation`` = ``cooperation``
``case``           case folding: ``Step`` = ``step``
``spelling``       British to American: ``synchronised`` = ``synchronized``
``stem``           Snowball English stems: ``talks`` = ``talk``
=================  =====================================================================

>>> [w.stem for w in words_of("Step-by-step talks")]
['step', 'by', 'step', 'talk']
>>> spelling("normalisation"), spelling("programme"), spelling("promise")
('normalization', 'program', 'promise')
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Optional, cast

import attrs
from nltk.stem.snowball import SnowballStemmer

from .. import _accel
from ..model import Span
from ..text import TOKEN_RE  # token_spans' pattern: words_of reads the matches as pairs

__all__ = ["Word", "words_of", "spelling", "stem", "fold", "TOKEN_STEPS", "HYPHEN_PREFIXES"]

TOKEN_STEPS: tuple[str, ...] = (
    "abbreviation",
    "possessive",
    "hyphen-split",
    "hyphen-join",
    "case",
    "spelling",
    "stem",
)
"""Token-level steps, in the order they apply (after the text steps of ``positions.text``)."""

HYPHEN_PREFIXES: frozenset[str] = frozenset(
    "co non re pre de anti counter multi inter intra post semi sub trans".split()
)
"""Prefixes written both hyphenated and closed ("co-operation", "cooperation"): a
hyphenated word whose first part is one of these, followed by letters, is one word
("inter-Korean" is "interkorean" in a pattern and in a text alike)."""

_STEMMER = SnowballStemmer("english")

# British -> American, whole words (after case folding). Rules below cover -ise/-isation,
# -yse, -our and -tre; this list covers what the rules cannot.
_SPELLING_WORDS: dict[str, str] = {
    "programme": "program", "programmes": "programs", "programmed": "programmed",
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "pretence": "pretense",
    "dialog": "dialogue", "dialogs": "dialogues", "catalog": "catalogue",
    "judgement": "judgment", "judgements": "judgments",
    "acknowledgement": "acknowledgment", "acknowledgements": "acknowledgments",
    "ageing": "aging", "grey": "gray", "cheque": "check", "cheques": "checks",
    "towards": "toward", "afterwards": "afterward", "whilst": "while", "amongst": "among",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
    "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling",
    "modelling": "modeling", "modelled": "modeled", "signalled": "signaled",
    "signalling": "signaling", "fuelled": "fueled", "fuelling": "fueling",
    "counselling": "counseling", "channelled": "channeled", "channelling": "channeling",
    "levelled": "leveled", "totalling": "totaling", "enrol": "enroll", "fulfil": "fulfill",
    "fulfils": "fulfills", "fulfilment": "fulfillment", "instil": "instill",
    "enrolment": "enrollment", "tranquillity": "tranquility", "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers", "aluminium": "aluminum", "sceptical": "skeptical",
    "tonne": "ton", "tonnes": "tons", "plough": "plow", "draught": "draft",
}  # fmt: skip

# Words spelled -ise in American English too (first letters up to and including "is").
_ISE_KEEP = tuple(
    """advertis advis apprais chastis circumcis compris compromis concis demis despis devis
    disguis enterpris excis exercis expertis franchis improvis incis merchandis otherwis
    prais precis premis promis rais repris revis supervis surpris televis treatis likewis
    clockwis paradis sunris tortois porpois turquois""".split()
)
_ISE_RE = re.compile(r"^(?P<root>[a-z]{3,})is(?P<end>e|es|ed|ing|er|ers|ation|ations|ational)$")
_YSE_RE = re.compile(r"^(?P<root>[a-z]*(?:anal|paral|catal|electrol|dial))ys(?P<end>e|es|ed|ing)$")
_OUR_WORDS = tuple(
    """behaviour colour endeavour favour flavour harbour honour humour labour neighbour
    rigour rumour saviour splendour valour vapour vigour armour odour clamour candour
    fervour parlour tumour""".split()
)
_TRE_WORDS = {
    "centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter",
    "fibre": "fiber", "calibre": "caliber", "sombre": "somber", "spectre": "specter",
    "lustre": "luster", "meagre": "meager", "sabre": "saber",
}  # fmt: skip


@functools.lru_cache(maxsize=65536)
def spelling(word: str) -> str:
    """The American spelling of a case-folded word (itself where no rule applies).

    >>> spelling("synchronised"), spelling("organisations"), spelling("centres")
    ('synchronized', 'organizations', 'centers')
    """
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    m = _ISE_RE.match(word)
    if m and not (m.group("root") + "is").endswith(_ISE_KEEP):
        return f"{m.group('root')}iz{m.group('end')}"
    m = _YSE_RE.match(word)
    if m:
        return f"{m.group('root')}yz{m.group('end')}"
    for base in _OUR_WORDS:
        if word.startswith(base):
            return base[:-2] + "r" + word[len(base) :]
    for base, american in _TRE_WORDS.items():
        if word.startswith(base[:-2]) and word[len(base) - 2 :] in ("re", "res", "red", "ring"):
            rest = word[len(base) - 2 :]
            return american + {"re": "", "res": "s", "red": "ed", "ring": "ing"}[rest]
    return word


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball English stem of an already spelled, case-folded word."""
    stemmed: str = _STEMMER.stem(word)
    return stemmed


_DOTS_RE = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_POSSESSIVE_RE = re.compile(r"(?:'s|s')$|(?<=s)'$", re.IGNORECASE)


def fold(piece: str) -> tuple[str, tuple[str, ...]]:
    """Remove abbreviation dots and a possessive ending; return the piece and the steps used.

    >>> fold("D.P.R.K."), fold("Korea's")
    (('DPRK', ('abbreviation',)), ('Korea', ('possessive',)))
    """
    steps: list[str] = []
    if _DOTS_RE.match(piece):
        piece = piece.replace(".", "")
        steps.append("abbreviation")
    if "'" in piece and not piece.lower().endswith("n't"):
        m = _POSSESSIVE_RE.search(piece)
        if m and m.start() > 0:
            # "countries'" keeps its plural s; "Korea's" loses 's
            cut = m.start() + (1 if m.group(0) == "s'" else 0)
            piece = piece[:cut]
            steps.append("possessive")
    return piece, tuple(steps)


@attrs.frozen
class Word:
    """One matchable word: a text token, or one part of a hyphenated token.

    ``plain`` is the word as written (abbreviation dots and possessive removed), ``lower``
    its case-folded form, ``spelled`` its American spelling and ``stem`` its Snowball stem.
    ``joiner`` is ``"-"`` where the word is joined to the next one by a hyphen or a dash with
    no space, else ``" "``. ``split`` / ``joined`` say whether hyphen splitting or prefix
    joining made it. ``span`` is in the coordinates of the text it was read from.
    """

    span: Span
    plain: str
    lower: str
    spelled: str
    stem: str
    joiner: str = " "
    steps: tuple[str, ...] = ()  # abbreviation / possessive / hyphen-join applied to it
    index: int = 0  # position in its word list


def _make(span: Span, piece: str, joiner: str, extra: tuple[str, ...] = ()) -> Optional[Word]:
    plain, steps = fold(piece)
    if not any(c.isalnum() for c in plain):
        return None
    lower = plain.casefold()
    spelled = spelling(lower)
    return Word(span, plain, lower, spelled, stem(spelled), joiner, steps + extra)


_WORD_CHAR_RE = re.compile(r"\w")


def words_of(text: str, span: Optional[Span] = None) -> list[Word]:
    """The matchable words of ``text`` (within ``span``), punctuation left out.

    Hyphenated tokens are split into their parts (each with its own span), except that a
    prefix from :data:`HYPHEN_PREFIXES` joins the word it is written before. Two
    tokens separated only by ``--`` (a folded en or em dash with no space around it, as in
    ``step–by–step``) count as hyphen-joined.

    >>> [(w.plain, w.joiner) for w in words_of("co-operation, step--by--step")]
    [('cooperation', ' '), ('step', '-'), ('by', '-'), ('step', ' ')]
    """
    if _speedups is not None:  # the same loop, compiled (tests/test_speedups.py)
        words: list[Word] = _speedups.words(text, span.start if span is not None else 0,
                                            span.end if span is not None else len(text))
        return words
    out: list[Word] = []
    new = object.__new__
    set_start, set_end = _SET_SPAN
    set_span, set_plain, set_lower, set_spelled, set_stem, set_joiner, set_steps, set_index = _SET_WORD
    stop = span.end if span is not None else len(text)
    cache = _TOKEN_WORDS
    prev_end = -1
    # the tokens of token_spans(text, span), read as match objects: no Span for punctuation
    for m in TOKEN_RE.finditer(text, span.start if span is not None else 0, stop):
        start, end = m.span()
        piece = m.group()
        if prev_end == start and (piece == "s" or piece == "S") and text[start - 1] == "'":
            prev_end = end
            continue  # the 's of "D.P.R.K.'s", which the tokenizer splits off
        prev_end = end
        got = cache.get(piece, _UNSEEN)
        if got is _UNSEEN:
            parts = _token_words(piece)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[piece] = parts
        else:
            parts = cast("Optional[tuple[_TokenWord, ...]]", got)
        if parts is None:  # punctuation
            if piece == "--" and out and out[-1].span.end == start:
                nxt = TOKEN_RE.match(text, end, stop)  # the next token, where it follows at once
                if nxt is not None and _WORD_CHAR_RE.search(nxt.group()):
                    out[-1] = attrs.evolve(out[-1], joiner="-")
            continue
        for s, e, joiner, plain, lower, spelled, stem_, steps in parts:
            # Word(Span(a, b), plain, lower, spelled, stem_, joiner, steps, len(out)), slot by
            # slot: offsets from the tokenizer are valid spans by construction, and attrs'
            # checks and frozen __setattr__ are most of the cost of a word otherwise
            sp = new(Span)
            if e < 0:
                set_start(sp, start)
                set_end(sp, end)
            else:
                set_start(sp, start + s)
                set_end(sp, start + e)
            w = new(Word)
            set_span(w, sp)
            set_plain(w, plain)
            set_lower(w, lower)
            set_spelled(w, spelled)
            set_stem(w, stem_)
            set_joiner(w, joiner)
            set_steps(w, steps)
            set_index(w, len(out))
            out.append(w)
    return out


_SET_SPAN = tuple(Span.__dict__[f].__set__ for f in ("start", "end"))
_SET_WORD = tuple(Word.__dict__[f.name].__set__ for f in attrs.fields(Word))
assert [f.name for f in attrs.fields(Word)] == "span plain lower spelled stem joiner steps index".split()
assert [f.name for f in attrs.fields(Span)] == ["start", "end"]
_UNSEEN = object()
_CACHE_LIMIT = 1 << 17
# token text -> its words as (start, end, joiner, plain, lower, spelled, stem, steps),
# offsets relative to the token (end -1: the whole token); None for punctuation. The words
# of a token depend on its text only, and most tokens of a text repeat.
_TokenWord = tuple[int, int, str, str, str, str, str, tuple[str, ...]]
_TOKEN_WORDS: dict[str, Optional[tuple[_TokenWord, ...]]] = {}


def _token_words(piece: str) -> Optional[tuple[_TokenWord, ...]]:
    """The words of one token, as the cache keeps them (see :data:`_TOKEN_WORDS`)."""
    if not _WORD_CHAR_RE.search(piece):
        return None
    out: list[_TokenWord] = []
    for w in _split_hyphens(Span(0, len(piece)), piece):
        whole = w.span.start == 0 and w.span.end == len(piece)
        out.append((w.span.start, -1 if whole else w.span.end, w.joiner, w.plain, w.lower, w.spelled, w.stem, w.steps))
    return tuple(out)


def _split_hyphens(tok: Span, piece: str) -> Iterable[Word]:
    if "-" not in piece.strip("-"):
        w = _make(tok, piece, " ")
        return [w] if w else []
    parts: list[tuple[int, str]] = []
    pos = 0
    for part in piece.split("-"):
        parts.append((pos, part))
        pos += len(part) + 1
    # Join a prefix with its word: co-operation -> cooperation.
    merged: list[tuple[int, int, str, bool]] = []  # start, end, text, joined
    i = 0
    while i < len(parts):
        start, part = parts[i]
        if (
            i + 1 < len(parts)
            and part.casefold() in HYPHEN_PREFIXES
            and parts[i + 1][1][:1].isalpha()
        ):
            nstart, npart = parts[i + 1]
            merged.append((start, nstart + len(npart), part + npart, True))
            i += 2
            continue
        merged.append((start, start + len(part), part, False))
        i += 1
    out = []
    for j, (s, e, text, joined) in enumerate(merged):
        joiner = "-" if j + 1 < len(merged) else " "
        w = _make(Span(tok.start + s, tok.start + e), text, joiner, ("hyphen-join",) if joined else ())
        if w:
            out.append(w)
    return out


# The compiled words_of (positions/_speedups.c), where it was built: the same Words from the
# same token cache, filled by _token_words on a miss.
_speedups = _accel.speedups
if _speedups is not None:
    _speedups.word_records(Word, _TOKEN_WORDS, _token_words, _CACHE_LIMIT)
