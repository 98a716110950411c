"""Paragraphs, sentences and tokens of normalized text, and :class:`TextView`, which bundles
an article's normalized text with them. ``TOKEN_PATTERN`` is the token grammar that
``positions/_speedups.c`` mirrors (``tests/test_speedups.py`` holds them equal)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

import attrs
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ..model import Span
from .normalize import Normalized, normalize
from .steps import DEFAULT_STEPS

__all__ = [
    "TextView",
    "view",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "TOKEN_PATTERN",
    "TOKEN_RE",
]


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

SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    the he she it they we this that these those there but however meanwhile
    his her their our its in on at after before when while according
    """.split()
)
"""Words that start a new sentence after an abbreviation when capitalized: "... in the
U.S. The talks ..." is two sentences, "... the U.S. envoy ..." one."""

_PUNKT_PARAMS = PunktParameters()
_PUNKT_PARAMS.abbrev_types.update(ABBREVIATIONS)
_PUNKT_PARAMS.sent_starters.update(SENTENCE_STARTERS)
_PUNKT = PunktSentenceTokenizer(_PUNKT_PARAMS)

# An initialism has at most 12 letters: an unbounded run of "X." pairs was tried again at
# every pair of "a.a.a.…ab" (each attempt failing only at the run's end), which made
# tokenizing quadratic; with a bound each attempt costs at most 12 pairs.
_INITIALISM = r"(?:[A-Za-z]\.){2,12}"
TOKEN_PATTERN = r"""(?x)
    """ + _INITIALISM + r"""(?![A-Za-z])   # U.S., U.N., D.P.R.K.
  | \d+(?:[.,:]\d+)*                        # 2,000  3.5  10:30
  | [^\W\d_][\w\u0300-\u036f]*
    (?:['-][\w\u0300-\u036f]+)*             # words (G20, Nguyễn) with inner hyphens or apostrophes
  | \w+                                     # anything else word-like
  | --|\.\.\.|[^\w\s]                       # dashes, ellipses, single punctuation
"""
_TOKENIZER = RegexpTokenizer(TOKEN_PATTERN)
TOKEN_RE = re.compile(TOKEN_PATTERN)

# A line that ends one of these ways may end a paragraph of hard-wrapped text.
_PARAGRAPH_END_RE = re.compile(r"""[.!?:;]["')\]]*\Z|[.!?]["')\]]*\s*\Z""")
_FIRST_WORD_RE = re.compile(r"\S+")


def paragraph_spans(text: str, span: Optional[Span] = None) -> list[Span]:
    """Paragraphs of ``text`` (within ``span``), as spans without surrounding blank space.

    A blank line always ends a paragraph. In hard-wrapped text (most lines of about the same
    width, as in UN speeches before 2011) a line ends a paragraph where it ends a sentence
    and was broken early: it is well short of the wrap width, or the next line's first word
    would have fitted on it. In other text (wire copy) every line is a paragraph.

    >>> t = "One.\\nTwo.\\n\\nThree."
    >>> [s.slice(t) for s in paragraph_spans(t)]
    ['One.', 'Two.', 'Three.']
    """
    if span is None:
        span = Span(0, len(text))
    width = _wrap_width(len(line.rstrip()) for line in _lines(text, span) if not line.isspace() and line)
    out: list[Span] = []
    cur: Optional[int] = None  # start of the paragraph being built
    last = 0  # end of its last non-blank line
    pos = span.start
    for line in _lines(text, span):
        a, b = pos, pos + len(line)
        pos = b + 1
        stripped = line.strip()
        if not stripped:
            if cur is not None:
                out.append(Span(cur, last))
                cur = None
            continue
        if cur is None:
            cur = a + (len(line) - len(line.lstrip()))
        length = len(line.rstrip())
        last = a + length
        if not width or _ends_paragraph(stripped, length, width, text, b + 1, span.end):
            out.append(Span(cur, last))
            cur = None
    if cur is not None:
        out.append(Span(cur, last))
    return out


def _lines(text: str, span: Span) -> Iterable[str]:
    """The lines of ``span`` one at a time (no list of a 50 MB text's lines in memory)."""
    pos, end = span.start, span.end
    while True:
        nl = text.find("\n", pos, end)
        if nl < 0:
            yield text[pos:end]
            return
        yield text[pos:nl]
        pos = nl + 1


def _ends_paragraph(stripped: str, length: int, width: int, text: str, nxt: int, end: int) -> bool:
    """Whether a line of hard-wrapped text ends its paragraph (``nxt``: where the next line
    starts)."""
    if not _PARAGRAPH_END_RE.search(stripped):
        return False
    if length < 0.8 * width:
        return True
    if nxt < end:
        nl = text.find("\n", nxt, end)
        m = _FIRST_WORD_RE.search(text, nxt, end if nl < 0 else nl)
        if m and length + 1 + len(m.group(0)) <= width:
            return True
    return False


def _wrap_width(lengths: Iterable[int]) -> int:
    """The wrap width of hard-wrapped text (from the lengths of its non-blank lines), or 0
    where the text is not hard-wrapped."""
    counts = Counter(lengths)
    n = sum(counts.values())
    if n < 6:
        return 0

    def percentile(q: float) -> int:
        rank = max(int(n * q) - 1, 0)
        seen = 0
        for length in sorted(counts):
            seen += counts[length]
            if seen > rank:
                return length
        return max(counts)

    p90 = percentile(0.9)
    if p90 > 120:
        return 0
    # Hard-wrapped: most lines are within 25% of the 90th percentile.
    near = sum(c for length, c in counts.items() if length >= 0.75 * p90)
    if near < 0.6 * n:
        return 0
    return percentile(0.98)


def sentence_spans(text: str, span: Optional[Span] = None) -> list[Span]:
    """Sentences of ``text`` (within ``span``), never crossing a paragraph.

    NLTK Punkt with our :data:`ABBREVIATIONS` and :data:`SENTENCE_STARTERS`; a "sentence"
    that starts with a lowercase letter continues the one before ('"We will act," he said'
    after a quote ending in "!" or "...").

    >>> t = 'The U.S. envoy arrived on Dec. 8. "We agree," he said.'
    >>> [s.slice(t) for s in sentence_spans(t)]
    ['The U.S. envoy arrived on Dec. 8.', '"We agree," he said.']
    """
    return _sentences(text, paragraph_spans(text, span))


PUNKT_WINDOW = 20_000
"""The most characters Punkt reads at once. A longer paragraph is read in windows that each
start where a sentence starts, so its sentences are the same as in one pass, and no scan
runs near NLTK's 5-second wall-clock limit (``TimeoutError`` from ``nltk.redos``, 3.10)."""
_PUNKT_LOOKAHEAD = 1_000  # text a window must still hold after a break for it to be trusted


def _punkt_spans(
    chunk: str, window: int = PUNKT_WINDOW, lookahead: int = _PUNKT_LOOKAHEAD
) -> Iterable[tuple[int, int]]:
    """Punkt's sentence spans of ``chunk``, read ``window`` characters at a time.

    Punkt decides each break from the word before it, the token after it and closing
    punctuation that follows: a break followed by ``lookahead`` more characters inside the
    window is the break a single pass makes. Each window keeps the sentences
    before its last trusted break, and the next window starts at that break. Only a
    "sentence" with no trusted break in a whole window (no real text has one) is cut, at
    the last white space of the window's first part.
    """
    n = len(chunk)
    if n <= window:
        yield from _PUNKT.span_tokenize(chunk)
        return
    pos = 0
    while pos < n:
        end = min(pos + window, n)
        spans = list(_PUNKT.span_tokenize(chunk[pos:end]))
        if end == n:
            yield from ((pos + a, pos + b) for a, b in spans)
            return
        limit = end - pos - lookahead
        cut = next((j for j in range(len(spans) - 1, 0, -1) if spans[j][0] <= limit), 0)
        if not cut and len(spans) > 1 and spans[1][0] <= end - pos - 64:
            cut = 1  # a break near the window's end still beats cutting a sentence at a space
        if cut:
            yield from ((pos + a, pos + b) for a, b in spans[:cut])
            pos += spans[cut][0]
            continue
        # no trusted break: cut at white space, so that the window still moves on
        stop = pos + max(limit, 1)
        ws = max(chunk.rfind(c, pos + 1, stop) for c in " \t\n")
        stop = ws if ws > pos else stop
        start = pos
        while start < stop and chunk[start].isspace():
            start += 1
        tail = stop
        while tail > start and chunk[tail - 1].isspace():
            tail -= 1
        if tail > start:
            yield (start, tail)
        pos = stop
        while pos < n and chunk[pos].isspace():
            pos += 1


def _sentences(text: str, paragraphs: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for para in paragraphs:
        chunk = para.slice(text)
        first = len(out)
        for a, b in _punkt_spans(chunk):
            if len(out) > first and _continues(chunk, a):
                out[-1] = Span(out[-1].start, para.start + b)
            else:
                out.append(Span(para.start + a, para.start + b))
    return out


def _continues(chunk: str, a: int) -> bool:
    """Whether a Punkt sentence starting at ``a`` continues the previous one."""
    return chunk[a].islower()


def token_spans(text: str, span: Optional[Span] = None) -> list[Span]:
    """Word and punctuation tokens of ``text`` (within ``span``).

    Words keep inner hyphens and apostrophes ("step-by-step", "Peninsula's"), initialisms
    keep their dots ("U.S."), numbers their separators ("2,000", "3.5"); "--" and "..." are
    one token each, any other punctuation character one token.

    >>> t = "Step-by-step, the U.S. said."
    >>> [s.slice(t) for s in token_spans(t)]
    ['Step-by-step', ',', 'the', 'U.S.', 'said', '.']
    """
    start = span.start if span is not None else 0
    end = span.end if span is not None else len(text)
    return [Span(m.start(), m.end()) for m in TOKEN_RE.finditer(text, start, end)]


# The NLTK tokenizer object, for callers that want NLTK's interface over the same pattern.
word_tokenizer = _TOKENIZER


@attrs.frozen
class TextView:
    """The normalized text of an article's body, with its structure, computed once.

    Spans here are into ``norm.text``; ``to_original`` converts them to the article's
    original text, where records point.

    >>> tv = view("SEOUL, Dec. 23 /TASS/.\\r\\nThe envoy said it.  He left.", Span(24, 52))
    >>> [s.slice(tv.text) for s in tv.sentences]
    ['The envoy said it.', 'He left.']
    >>> tv.to_original(tv.sentences[1])
    Span(start=44, end=52)
    """

    norm: Normalized
    body: Span  # in normalized coordinates
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]

    @property
    def text(self) -> str:
        """The normalized text (of the whole article, not only the body)."""
        return self.norm.text

    def to_original(self, span: Span) -> Span:
        """The original span of a normalized ``span``."""
        return self.norm.span_to_original(span)

    def original_text(self, span: Span) -> str:
        """The original characters behind a normalized ``span``."""
        return self.norm.span_to_original(span).slice(self.norm.original)

    def tokens(self, span: Optional[Span] = None) -> list[Span]:
        """Tokens of ``span`` (default: the body), normalized coordinates."""
        return token_spans(self.norm.text, self.body if span is None else span)

    def words(self) -> int:
        """How many word tokens the body has (tokens starting with a letter or digit)."""
        text = self.norm.text
        return sum(1 for m in TOKEN_RE.finditer(text, self.body.start, self.body.end) if m.group(0)[0].isalnum())


def view(text: str, body: Optional[Span] = None, steps: Iterable[str] = DEFAULT_STEPS) -> TextView:
    """Normalize ``text`` and find the paragraphs and sentences of its ``body``.

    ``body`` is in original coordinates (an :attr:`Article.body`); the view's spans are in
    normalized ones.

    >>> tv = view("One.\\r\\n\\r\\nTwo.")
    >>> tv.paragraphs
    (Span(start=0, end=4), Span(start=6, end=10))
    """
    norm = normalize(text, steps)
    nbody = norm.span_to_normalized(Span(0, len(text)) if body is None else body)
    paras = paragraph_spans(norm.text, nbody)
    return TextView(norm, nbody, tuple(paras), tuple(_sentences(norm.text, paras)))
