"""Explainable normalization, with offsets back to the original; paragraphs, sentences, tokens.

Normalization is a chain of named steps (like ftfy's fixers). Each step records its edits,
so any position in the normalized text maps back to the original, and a caller can ask which
steps changed a stretch of text::

    >>> n = normalize("\\ufeff“Step‑by‑step”,\\r\\nsaid  he.")
    >>> n.text
    '"Step-by-step",\\nsaid he.'
    >>> n.span_to_original(Span(1, 13)).slice(n.original)
    'Step‑by‑step'
    >>> n.steps_in(Span(0, 16))
    ('newlines', 'quotes', 'dashes')

:class:`TextView` bundles the normalized text of an article with its paragraphs, sentences
and tokens. Its spans are in *normalized* coordinates (so that stages can work with straight
quotes and single spaces); ``view.to_original(span)`` converts one at the point where a
record is made. Records only ever hold original coordinates.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Callable, Iterable, Optional, Sequence

import attrs
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .model import Span

__all__ = [
    "STEPS",
    "DEFAULT_STEPS",
    "Edit",
    "Normalized",
    "normalize",
    "TextView",
    "view",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "ABBREVIATIONS",
]

# --------------------------------------------------------------------------------------
# Steps


@attrs.frozen
class Edit:
    """One replacement made by a step: ``[start, end)`` of its input became
    ``[out_start, out_end)`` of its output."""

    step: str
    start: int
    end: int
    out_start: int
    out_end: int
    before: str
    after: str


def _sub(step: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str):
    """Apply ``pattern.sub`` and record every match that changed the text as an :class:`Edit`."""
    out: list[str] = []
    edits: list[Edit] = []
    pos = 0
    out_len = 0
    for m in pattern.finditer(text):
        new = repl(m)
        old = m.group(0)
        if new == old:
            continue
        s, e = m.span()
        out.append(text[pos:s])
        out_len += s - pos
        out.append(new)
        edits.append(Edit(step, s, e, out_len, out_len + len(new), old, new))
        out_len += len(new)
        pos = e
    if not edits:
        return text, ()
    out.append(text[pos:])
    return "".join(out), tuple(edits)


_BOM_RE = re.compile("[\ufeff\u200b\u2060]+")
_NEWLINE_RE = re.compile("\r\n?|[\u2028\u2029\x85]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_QUOTE_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
}  # fmt: skip
_QUOTE_RE = re.compile("[" + "".join(_QUOTE_MAP) + "]")
# Hyphen-like characters inside words become "-"; dashes used as punctuation become "--".
_HYPHEN_CHARS = "\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d"
_DASH_CHARS = "\u2013\u2014\u2015\ufe58"
_DASH_RE = re.compile(f"[{_HYPHEN_CHARS}{_DASH_CHARS}]")
_HYPHENATION_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")
_WORD_BEFORE_RE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER_RE = re.compile(r"^[^\W\d_]+")
_SPACE_RE = re.compile(r"[^\S\n]+")
_TRAILING_SPACE_RE = re.compile(r" +(?=\n)| +$|^ +", re.MULTILINE)
_SOFT_HYPHEN = "\u00ad"

# Prefixes that keep their hyphen when a line break falls after them ("self-\nreliance").
_KEEP_HYPHEN_PREFIXES = frozenset(
    "self non anti ex co pre post multi inter intra cross well all semi step stage".split()
)


def _step_bom(text: str):
    return _sub("bom", _BOM_RE, lambda m: "", text)


def _step_newlines(text: str):
    return _sub("newlines", _NEWLINE_RE, lambda m: "\n", text)


def _compat_char(m: re.Match[str]) -> str:
    c = m.group(0)
    if c == _SOFT_HYPHEN:
        return c  # handled by hyphenation; NFKC keeps it anyway
    if c in _QUOTE_MAP or c in _HYPHEN_CHARS or c in _DASH_CHARS:
        return c  # folded by the quotes and dashes steps, so that each is reported by name
    if unicodedata.combining(c):
        return c
    return unicodedata.normalize("NFKC", c)


def _step_compat(text: str):
    return _sub("compat", _NON_ASCII_RE, _compat_char, text)


def _step_quotes(text: str):
    return _sub("quotes", _QUOTE_RE, lambda m: _QUOTE_MAP[m.group(0)], text)


def _step_dashes(text: str):
    return _sub("dashes", _DASH_RE, lambda m: "-" if m.group(0) in _HYPHEN_CHARS else "--", text)


def _step_hyphenation(text: str):
    """Join words hyphenated across a line break ("denuclear-\\nization").

    The hyphen is kept where the word is a real compound: the hyphenated form occurs
    elsewhere in the text more often than the joined one, the left part is a productive
    prefix ("self-"), or the right part is capitalized ("anti-\\nAmerican").
    """
    text2 = text.replace(_SOFT_HYPHEN + "\n", "-\n")  # same length, so offsets hold
    lowered: Optional[str] = None

    def repl(m: re.Match[str]) -> str:
        nonlocal lowered
        left = _WORD_BEFORE_RE.search(text2, 0, m.start())
        right = _WORD_AFTER_RE.search(text2[m.end() : m.end() + 60])
        lw = left.group(0) if left else ""
        rw = right.group(0) if right else ""
        if rw[:1].isupper() or lw.lower() in _KEEP_HYPHEN_PREFIXES:
            return "-"
        if lowered is None:
            lowered = text2.lower()
        hyphenated = lowered.count(f"{lw}-{rw}".lower())
        joined = lowered.count(f"{lw}{rw}".lower())
        return "-" if hyphenated > joined else ""

    out, edits = _sub("hyphenation", _HYPHENATION_RE, repl, text2)
    if text2 is not text and not edits:
        return text, ()
    # Edits recorded against text2 are valid against text (same length, same offsets).
    if text2 != text:
        edits = tuple(attrs.evolve(e, before=text[e.start : e.end]) for e in edits)
        out_parts = []
        pos = 0
        for e in edits:
            out_parts.append(text[pos : e.start])
            out_parts.append(e.after)
            pos = e.end
        out_parts.append(text[pos:])
        out = "".join(out_parts).replace(_SOFT_HYPHEN, "")  # stray soft hyphens elsewhere
        if _SOFT_HYPHEN in text:
            return _resub_soft_hyphens(text, edits)
    return out, edits


def _resub_soft_hyphens(text: str, edits: tuple[Edit, ...]):
    """Recompute the hyphenation output when soft hyphens remain outside line ends."""
    soft_re = re.compile(_SOFT_HYPHEN)
    merged: list[tuple[int, int, str]] = [(e.start, e.end, e.after) for e in edits]
    covered = [(e.start, e.end) for e in edits]
    for m in soft_re.finditer(text):
        if not any(s <= m.start() < e for s, e in covered):
            merged.append((m.start(), m.end(), ""))
    merged.sort()
    out: list[str] = []
    new_edits: list[Edit] = []
    pos = 0
    out_len = 0
    for s, e, after in merged:
        out.append(text[pos:s])
        out_len += s - pos
        out.append(after)
        new_edits.append(Edit("hyphenation", s, e, out_len, out_len + len(after), text[s:e], after))
        out_len += len(after)
        pos = e
    out.append(text[pos:])
    return "".join(out), tuple(new_edits)


def _step_whitespace(text: str):
    """Runs of spaces and tabs become one space; spaces at line ends and starts go."""
    text1, edits1 = _sub("whitespace", _SPACE_RE, lambda m: " ", text)
    text2, edits2 = _sub("whitespace", _TRAILING_SPACE_RE, lambda m: "", text1)
    if not edits2:
        return text1, edits1
    if not edits1:
        return text2, edits2
    return text2, _compose_edits(text, edits1, edits2)


def _compose_edits(text: str, first: Sequence[Edit], second: Sequence[Edit]) -> tuple[Edit, ...]:
    """Fold two edit lists of one step into one list against the step's input."""
    layer = _Layer(first)
    composed: list[Edit] = []
    # Every edit of the second pass maps back to a stretch of the original input.
    for e in second:
        s = layer.back(e.start, side="start")
        t = layer.back(e.end, side="end")
        composed.append(Edit(e.step, s, t, e.out_start, e.out_end, text[s:t], e.after))
    # Edits of the first pass not swallowed by the second keep their input span; their
    # output span shifts by what the second pass removed before them.
    second_layer = _Layer(second)
    for e in first:
        if any(c.start <= e.start and e.end <= c.end for c in composed):
            continue
        out_s = second_layer.forward(e.out_start)
        out_e = second_layer.forward(e.out_end)
        composed.append(Edit(e.step, e.start, e.end, out_s, out_e, e.before, e.after[: out_e - out_s]))
    composed.sort(key=lambda e: (e.start, e.end))
    return tuple(composed)


def _step_case(text: str):
    """Case folding for matching; an edit per changed character run."""
    return _sub("case", _UPPER_RUN_RE, lambda m: m.group(0).casefold(), text)


_UPPER_RUN_RE = re.compile(r"[^\W\d_a-z]+")


STEPS: dict[str, Callable[[str], tuple[str, tuple[Edit, ...]]]] = {
    "bom": _step_bom,
    "newlines": _step_newlines,
    "compat": _step_compat,
    "quotes": _step_quotes,
    "dashes": _step_dashes,
    "hyphenation": _step_hyphenation,
    "whitespace": _step_whitespace,
    "case": _step_case,
}
"""Every normalization step by name, in the order they run."""

STEP_DESCRIPTIONS: dict[str, str] = {
    "bom": "byte-order marks and zero-width spaces removed",
    "newlines": "CR and CRLF line ends become LF",
    "compat": "Unicode compatibility forms folded (NFKC): ligatures, full-width forms, no-break spaces",
    "quotes": "curly quotes, low quotes and guillemets become straight quotes",
    "dashes": "hyphen characters become '-', en and em dashes become '--'",
    "hyphenation": "words hyphenated across a line break are joined",
    "whitespace": "runs of spaces and tabs become one space",
    "case": "letters case-folded",
}

DEFAULT_STEPS: tuple[str, ...] = ("bom", "newlines", "compat", "quotes", "dashes", "hyphenation", "whitespace")
"""The steps :func:`normalize` runs unless told otherwise (case folding is for matching only)."""


# --------------------------------------------------------------------------------------
# Offset maps


class _Layer:
    """The edits of one step, searchable in both directions."""

    __slots__ = ("edits", "out_starts", "in_starts")

    def __init__(self, edits: Sequence[Edit]):
        self.edits = edits
        self.out_starts = [e.out_start for e in edits]
        self.in_starts = [e.start for e in edits]

    def back(self, pos: int, side: str) -> int:
        """Map an output position of this step to its input position.

        ``side="start"`` reads ``pos`` as "at the character at pos" (a position inside
        replaced text maps to the start of the replaced input; one just after a deletion maps
        past the deleted text); ``side="end"`` reads it as "just after the character before
        pos" (inside replaced text maps to the end of the replaced input; one just before a
        deletion or replacement maps before it).
        """
        if side == "start":
            i = bisect.bisect_right(self.out_starts, pos) - 1
            if i < 0:
                return pos
            e = self.edits[i]
            if pos < e.out_end:
                return e.start
            return e.end + (pos - e.out_end)
        i = bisect.bisect_left(self.out_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos <= e.out_end:
            return e.end
        return e.end + (pos - e.out_end)

    def forward(self, pos: int) -> int:
        """Map an input position to the output position (start side)."""
        i = bisect.bisect_right(self.in_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos < e.end:
            return e.out_start
        return e.out_end + (pos - e.end)


@attrs.frozen
class Normalized:
    """A normalized text, the original it came from, and the edits between them."""

    original: str
    text: str
    steps: tuple[str, ...]
    edits: tuple[tuple[Edit, ...], ...]  # one tuple per step, in step order
    _layers: tuple[_Layer, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_layers", tuple(_Layer(e) for e in self.edits))

    def to_original(self, pos: int, side: str = "start") -> int:
        """Map a position of the normalized text to the original text."""
        for layer in reversed(self._layers):
            if layer.edits:
                pos = layer.back(pos, side)
        return pos

    def span_to_original(self, span: Span) -> Span:
        if span.start == span.end:
            p = self.to_original(span.start)
            return Span(p, p)
        return Span(self.to_original(span.start, "start"), self.to_original(span.end, "end"))

    def changes(self) -> list[tuple[str, Span, str, str]]:
        """Every change as ``(step, original span, before, after)``, in text order."""
        out = []
        for k, step_edits in enumerate(self.edits):
            for e in step_edits:
                s, t = e.start, e.end
                for layer in reversed(self._layers[:k]):
                    if layer.edits:
                        s, t = layer.back(s, "start"), layer.back(t, "end")
                out.append((self.steps[k], Span(s, t), self.original[s:t], e.after))
        out.sort(key=lambda c: (c[1].start, c[1].end, self.steps.index(c[0])))
        return out

    def steps_in(self, span: Span) -> tuple[str, ...]:
        """The names of the steps that changed any character of ``span`` (normalized
        coordinates), in step order."""
        found = []
        s, t = span.start, span.end
        for k in range(len(self.steps) - 1, -1, -1):
            layer = self._layers[k]
            if layer.edits:
                i = bisect.bisect_left(layer.out_starts, s)
                # an edit overlaps [s, t) if out_start < t and out_end > s (or it is a deletion inside)
                j = max(i - 1, 0)
                while j < len(layer.edits) and layer.edits[j].out_start <= t:
                    e = layer.edits[j]
                    replaced = e.out_start < t and e.out_end > s
                    deleted_inside = e.out_start == e.out_end and s < e.out_start < t
                    if replaced or deleted_inside:
                        found.append(self.steps[k])
                        break
                    j += 1
                s, t = layer.back(s, "start"), layer.back(t, "end")
        return tuple(sorted(set(found), key=self.steps.index))


def normalize(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> Normalized:
    """Run the named steps over ``text`` and keep the edits of each.

    >>> normalize("co\\u2011operation").text
    'co-operation'
    """
    names = tuple(steps)
    unknown = [s for s in names if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown normalization step(s) {unknown}; known: {', '.join(STEPS)}")
    order = list(STEPS)
    names = tuple(sorted(names, key=order.index))
    current = text
    all_edits = []
    for name in names:
        current, edits = STEPS[name](current)
        all_edits.append(tuple(edits))
    return Normalized(text, current, names, tuple(all_edits))


# --------------------------------------------------------------------------------------
# Paragraphs, sentences, tokens (over normalized text)

ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.n u.k u.s.a u.s.s.r e.u d.p.r.k r.o.k p.r.c
    jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr prof gen lt col maj capt adm sgt rep sen gov pres amb hon rev st
    no nos vol art para paras p pp fig ch sec dept govt corp inc ltd co jr sr
    e.g i.e etc cf vs approx est
    """.split()
)
"""Abbreviations Punkt must not take for sentence ends (lowercase, no final period)."""

_PUNKT_PARAMS = PunktParameters()
_PUNKT_PARAMS.abbrev_types.update(ABBREVIATIONS)
_PUNKT = PunktSentenceTokenizer(_PUNKT_PARAMS)

_TOKEN_PATTERN = r"""(?x)
    (?:[A-Za-z]\.){2,}(?![A-Za-z])         # U.S., U.N., D.P.R.K.
  | \d+(?:[.,:]\d+)*                        # 2,000  3.5  10:30
  | [^\W\d_]+(?:['-][^\W_]+)*               # words with inner hyphens or apostrophes
  | \w+                                     # anything else word-like
  | --|\.\.\.|[^\w\s]                       # dashes, ellipses, single punctuation
"""
_TOKENIZER = RegexpTokenizer(_TOKEN_PATTERN)
_TOKEN_RE = re.compile(_TOKEN_PATTERN)

_NEWLINE_ONLY_RE = re.compile(r"\n")
_LINE_END_PUNCT = tuple('.!?:"\')')


def paragraph_spans(text: str, span: Optional[Span] = None) -> list[Span]:
    """Paragraphs of ``text`` (within ``span``), as spans without surrounding blank space.

    A blank line always ends a paragraph. In hard-wrapped text (most lines of about the same
    width, as in UN speeches before 2011) a line ends a paragraph where it ends a sentence
    well short of the wrap width; in other text (wire copy) every line is a paragraph.

    >>> t = "One.\\nTwo.\\n\\nThree."
    >>> [s.slice(t) for s in paragraph_spans(t)]
    ['One.', 'Two.', 'Three.']
    """
    span = span or Span(0, len(text))
    start = span.start
    chunk = text[start : span.end]
    lines = _split_keep(chunk, _NEWLINE_ONLY_RE)
    width = _wrap_width([chunk[a:b] for a, b in lines])
    out: list[Span] = []
    cur: Optional[int] = None  # start of the paragraph being built
    last = 0  # end of its last non-blank line
    for a, b in lines:
        line = chunk[a:b]
        stripped = line.strip()
        if not stripped:
            if cur is not None:
                out.append(Span(start + cur, start + last))
                cur = None
            continue
        if cur is None:
            cur = a + (len(line) - len(line.lstrip()))
        last = a + len(line.rstrip())
        short = not width or (stripped.endswith(_LINE_END_PUNCT) and len(line.rstrip()) < 0.8 * width)
        if short:
            out.append(Span(start + cur, start + last))
            cur = None
    if cur is not None:
        out.append(Span(start + cur, start + last))
    return out


def _split_keep(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _wrap_width(lines: Sequence[str]) -> int:
    """The wrap width of hard-wrapped text, or 0 where the text is not hard-wrapped."""
    lengths = [len(s.rstrip()) for s in lines if s.strip()]
    if len(lengths) < 6:
        return 0
    lengths.sort()
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    if p90 > 120:
        return 0
    # Hard-wrapped: most lines are within 25% of the 90th percentile.
    near = sum(1 for n in lengths if n >= 0.75 * p90)
    return p90 if near >= 0.6 * len(lengths) else 0


def sentence_spans(text: str, span: Optional[Span] = None) -> list[Span]:
    """Sentences of ``text`` (within ``span``), never crossing a paragraph.

    >>> t = 'The U.S. envoy arrived on Dec. 8. "We agree," he said.'
    >>> [s.slice(t) for s in sentence_spans(t)]
    ['The U.S. envoy arrived on Dec. 8.', '"We agree," he said.']
    """
    out = []
    for para in paragraph_spans(text, span):
        chunk = para.slice(text)
        for a, b in _PUNKT.span_tokenize(chunk):
            out.append(Span(para.start + a, para.start + b))
    return out


def token_spans(text: str, span: Optional[Span] = None) -> list[Span]:
    """Word and punctuation tokens of ``text`` (within ``span``).

    >>> t = "Step-by-step, the U.S. said."
    >>> [s.slice(t) for s in token_spans(t)]
    ['Step-by-step', ',', 'the', 'U.S.', 'said', '.']
    """
    start = span.start if span else 0
    end = span.end if span else len(text)
    return [Span(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


# The NLTK tokenizer object, for callers that want NLTK's interface over the same pattern.
word_tokenizer = _TOKENIZER


@attrs.frozen
class TextView:
    """The normalized text of an article's body, with its structure, computed once.

    Spans here are into ``norm.text``; ``to_original`` converts them to the article's
    original text, where records point.
    """

    norm: Normalized
    body: Span  # in normalized coordinates
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]

    @property
    def text(self) -> str:
        return self.norm.text

    def to_original(self, span: Span) -> Span:
        return self.norm.span_to_original(span)

    def tokens(self, span: Optional[Span] = None) -> list[Span]:
        return token_spans(self.norm.text, span or self.body)

    def words(self) -> int:
        return sum(1 for t in self.tokens() if self.norm.text[t.start].isalnum())


def view(text: str, body: Optional[Span] = None, steps: Iterable[str] = DEFAULT_STEPS) -> TextView:
    """Normalize ``text`` and find the paragraphs and sentences of its ``body``.

    ``body`` is in original coordinates (an :attr:`Article.body`); the view's spans are in
    normalized ones.
    """
    norm = normalize(text, steps)
    body = body or Span(0, len(text))
    nbody = Span(_forward(norm, body.start), _forward(norm, body.end))
    paras = paragraph_spans(norm.text, nbody)
    sents = []
    for p in paras:
        chunk = p.slice(norm.text)
        sents.extend(Span(p.start + a, p.start + b) for a, b in _PUNKT.span_tokenize(chunk))
    return TextView(norm, nbody, tuple(paras), tuple(sents))


def _forward(norm: Normalized, pos: int) -> int:
    """Map an original position forward into the normalized text."""
    for layer in norm._layers:
        if layer.edits:
            pos = layer.forward(pos)
    return pos
