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
from collections import Counter
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
    "SENTENCE_STARTERS",
    "STEP_DESCRIPTIONS",
]

# --------------------------------------------------------------------------------------
# Steps
#
# A step is a function ``str -> (str, tuple[Edit, ...])``. Its edits are sorted, their input
# spans are non-empty and disjoint, and every character outside them is copied unchanged.
# An edit whose input and output have the same length is read as a character-by-character
# substitution (positions inside it map one to one); a step must not make any other kind of
# equal-length edit.


@attrs.frozen
class Edit:
    """One replacement made by a step: ``[start, end)`` of its input became
    ``[out_start, out_end)`` of its output.

    >>> normalize("a\\u00a0b").edits[2]
    (Edit(step='compat', start=1, end=2, out_start=1, out_end=2, before='\\xa0', after=' '),)
    """

    step: str
    start: int
    end: int
    out_start: int
    out_end: int
    before: str
    after: str


_StepResult = tuple[str, tuple[Edit, ...]]


def _apply(step: str, text: str, replacements: Iterable[tuple[int, int, str]]) -> _StepResult:
    """Make the output and the edits of ``step`` from sorted, disjoint ``(start, end, new)``."""
    out: list[str] = []
    edits: list[Edit] = []
    strings: dict[str, str] = {}  # share equal before/after strings: edit lists can be long
    pos = 0
    out_len = 0
    for s, e, new in replacements:
        out.append(text[pos:s])
        out_len += s - pos
        out.append(new)
        old = text[s:e]
        old = strings.setdefault(old, old)
        new = strings.setdefault(new, new)
        edits.append(Edit(step, s, e, out_len, out_len + len(new), old, new))
        out_len += len(new)
        pos = e
    if not edits:
        return text, ()
    out.append(text[pos:])
    return "".join(out), tuple(edits)


def _sub(
    step: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str
) -> _StepResult:
    """Apply ``pattern.sub`` and record every match that changed the text as an :class:`Edit`."""

    def replacements() -> Iterable[tuple[int, int, str]]:
        for m in pattern.finditer(text):
            new = repl(m)
            if new != m.group(0):
                yield m.start(), m.end(), new

    return _apply(step, text, replacements())


def _compose(step: str, text0: str, first: Sequence[Edit], text2: str, second: Sequence[Edit]):
    """Fold the edits of two passes of one step (``text0 -> text1 -> text2``) into edits of
    ``text0 -> text2``.

    Edits of the two passes that overlap in ``text1`` (or a deletion of the first pass that
    falls strictly inside an edit of the second) become one edit; the others stay apart.
    """
    if not first:
        return tuple(second)
    if not second:
        return tuple(first)
    layer1, layer2 = _Layer(first), _Layer(second)
    # Intervals in text1: (start, end, from_first, edit); ties put deletions first.
    items = sorted(
        [(e.out_start, e.out_end, True, e) for e in first]
        + [(e.start, e.end, False, e) for e in second],
        key=lambda x: (x[0], x[1]),
    )
    clusters: list[list[tuple[int, int, bool, Edit]]] = []
    cs = ce = -1
    for item in items:
        lo, hi = item[0], item[1]
        if clusters and cs < ce and lo < ce and (hi > lo or lo > cs):
            clusters[-1].append(item)
            ce = max(ce, hi)
        else:
            clusters.append([item])
            cs, ce = lo, hi
    out: list[Edit] = []
    for cluster in clusters:
        if len(cluster) == 1 and cluster[0][2]:
            e = cluster[0][3]  # a first-pass edit the second pass did not touch
            s = layer2.forward(e.out_start, "start")
            t = layer2.forward(e.out_end, "end") if e.out_end > e.out_start else s
            out.append(Edit(step, e.start, e.end, s, t, e.before, text2[s:t]))
            continue
        c1 = min(x[0] for x in cluster)
        c2 = max(x[1] for x in cluster)
        a, b = layer1.back(c1, "start"), layer1.back(c2, "end")
        s, t = layer2.forward(c1, "start"), layer2.forward(c2, "end")
        out.append(Edit(step, a, b, s, t, text0[a:b], text2[s:t]))
    out.sort(key=lambda e: (e.start, e.end))
    return tuple(out)


_BOM_RE = re.compile("[\ufeff\u200b\u2060]+")
_NEWLINE_RE = re.compile("\r\n?|[\u2028\u2029\x85]")
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_QUOTE_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
}  # fmt: skip
# A run of quote characters is one edit (mapped one to one), so that a text of nothing but
# curly quotes makes one record, not one per character.
_QUOTE_RE = re.compile("[" + "".join(_QUOTE_MAP) + "]+")
_QUOTE_TABLE = str.maketrans(_QUOTE_MAP)
# Hyphen-like characters inside words become "-"; dashes used as punctuation become "--".
_HYPHEN_CHARS = "\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d"
_DASH_CHARS = "\u2013\u2014\u2015\ufe58"
_DASH_RE = re.compile(f"[{_HYPHEN_CHARS}{_DASH_CHARS}]")
_SOFT_HYPHEN = "\u00ad"
_LETTER = r"[^\W\d_]"
# A soft hyphen between a letter and a line break that is followed by a letter marks where a
# word was broken: it goes, with the break. Any other soft hyphen just goes.
_SOFT_HYPHEN_RE = re.compile(
    rf"{_SOFT_HYPHEN}(?<={_LETTER}{_SOFT_HYPHEN}){_SOFT_HYPHEN}*[^\S\n]*\n[^\S\n]*(?={_LETTER})"
    rf"|{_SOFT_HYPHEN}+"
)
# (Patterns start with the hyphen itself, not a look-behind, so that search skips to it.)
_HYPHENATION_RE = re.compile(rf"-(?<={_LETTER}-)[^\S\n]*\n[^\S\n]*(?={_LETTER})")
_WORD_BEFORE_RE = re.compile(rf"{_LETTER}+\Z")
_WORD_AFTER_RE = re.compile(rf"{_LETTER}+")
_WORD_RE = re.compile(rf"{_LETTER}+")  # finditer meets every run at its start
_INNER_HYPHEN_RE = re.compile(rf"-(?<={_LETTER}-)(?={_LETTER})")
# Horizontal white space that changes: at a line start or end, a run of two or more, or a
# single character other than a space. A single space between words matches nothing.
# (The pattern starts with a character class, so that the regex engine skips to candidates.)
_SPACE_RE = re.compile(
    r"[^\S\n](?:(?<=\n[^\S\n])[^\S\n]*|(?<=\A[^\S\n])[^\S\n]*|[^\S\n]*(?=\n|\Z)|[^\S\n]+|(?<=[^ ]))"
)

# Prefixes that keep their hyphen when a line break falls after them ("self-\nreliance").
_KEEP_HYPHEN_PREFIXES = frozenset(
    "self non anti ex co pre post multi inter intra cross well all semi step stage".split()
)


def _step_bom(text: str) -> _StepResult:
    return _sub("bom", _BOM_RE, lambda m: "", text)


def _step_newlines(text: str) -> _StepResult:
    return _sub("newlines", _NEWLINE_RE, lambda m: "\n", text)


def _compat_char(m: re.Match[str]) -> str:
    c = m.group(0)
    if c in _QUOTE_MAP or c in _HYPHEN_CHARS or c in _DASH_CHARS:
        return c  # folded by the quotes and dashes steps, so that each is reported by name
    # NFKC one character at a time: every character of an NFKC result is stable on its own
    # (checked over all code points up to U+2FFFF), so the step is idempotent.
    return unicodedata.normalize("NFKC", c)


def _step_compat(text: str) -> _StepResult:
    if text.isascii():
        return text, ()
    return _sub("compat", _NON_ASCII_RE, _compat_char, text)


def _step_quotes(text: str) -> _StepResult:
    return _sub("quotes", _QUOTE_RE, lambda m: m.group(0).translate(_QUOTE_TABLE), text)


def _step_dashes(text: str) -> _StepResult:
    return _sub("dashes", _DASH_RE, lambda m: "-" if m.group(0) in _HYPHEN_CHARS else "--", text)


def _step_hyphenation(text: str) -> _StepResult:
    """Join words broken across a line break ("denuclear-\\nization" -> "denuclearization").

    First soft hyphens: one at a line end, between letters, marks a break inside a word, so
    it goes with the line break; any other soft hyphen just goes. Then hard hyphens at a line
    end, between letters: the line break goes, and the hyphen too unless :func:`_keeps_hyphen`
    says the word is a real compound.

    >>> _step_hyphenation("denuclear-\\nization and self-\\nreliance")[0]
    'denuclearization and self-reliance'
    >>> _step_hyphenation("denuclear\\u00ad\\nization, de\\u00adnuclear")[0]
    'denuclearization, denuclear'
    """
    text1, soft = _sub("hyphenation", _SOFT_HYPHEN_RE, lambda m: "", text) if _SOFT_HYPHEN in text else (text, ())
    breaks = list(_HYPHENATION_RE.finditer(text1))
    if not breaks:
        return text1, soft
    words = [(_word_before(text1, m.start()), _word_after(text1, m.end())) for m in breaks]
    undecided = [
        (lw, rw)
        for m, (lw, rw) in zip(breaks, words)
        if not _keeps_hyphen_by_form(text1, m, lw, rw)
    ]
    counts = _form_counts(text1, undecided) if undecided else ({}, {})

    def replacements() -> Iterable[tuple[int, int, str]]:
        for m, (lw, rw) in zip(breaks, words):
            keep = _keeps_hyphen_by_form(text1, m, lw, rw) or _keeps_hyphen_by_count(counts, lw, rw)
            yield m.start(), m.end(), "-" if keep else ""

    text2, hard = _apply("hyphenation", text1, replacements())
    return text2, _compose("hyphenation", text, soft, text2, hard)


def _word_before(text: str, pos: int) -> str:
    m = _WORD_BEFORE_RE.search(text, max(0, pos - 64), pos)
    return m.group(0) if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER_RE.match(text, pos, pos + 64)
    return m.group(0) if m else ""


def _keeps_hyphen_by_form(text: str, m: re.Match[str], lw: str, rw: str) -> bool:
    """A capital after the break ("anti-\\nAmerican"), a productive prefix before it
    ("self-\\nreliance"), or a longer hyphenated chain ("step-\\nby-step", "state-of-the-\\nart")."""
    if rw[:1].isupper() or lw.lower() in _KEEP_HYPHEN_PREFIXES:
        return True
    before = m.start() - len(lw)
    if before >= 2 and text[before - 1] == "-" and text[before - 2].isalpha():
        return True
    after = m.end() + len(rw)
    return after + 1 < len(text) and text[after] == "-" and text[after + 1].isalpha()


def _keeps_hyphen_by_count(counts: tuple[dict, dict], lw: str, rw: str) -> bool:
    """The hyphenated form occurs elsewhere in the text more often than the joined one."""
    joined, hyphenated = counts
    key = (lw.lower(), rw.lower())
    return hyphenated.get(key, 0) > joined.get(key[0] + key[1], 0)


def _form_counts(text: str, pairs: Sequence[tuple[str, str]]) -> tuple[dict, dict]:
    """How often each pair occurs joined (as one word) and hyphenated elsewhere in the text.

    One pass for the hyphenated forms, and one for the joined forms of the pairs that occur
    hyphenated at all (counting per break would be quadratic on hard-wrapped text).
    """
    want_pairs = {(lw.lower(), rw.lower()) for lw, rw in pairs}
    hyphenated: Counter[tuple[str, str]] = Counter()
    for m in _INNER_HYPHEN_RE.finditer(text):
        p = (_word_before(text, m.start()).lower(), _word_after(text, m.end()).lower())
        if p in want_pairs:
            hyphenated[p] += 1
    need = sorted({a + b for a, b in hyphenated})
    joined: Counter[str] = Counter()
    if len(need) > 64:  # many candidates: count every word once instead
        wanted = set(need)
        for chunk in _chunks(text):  # not a list of every word of a 50 MB text at once
            for w, n in Counter(_WORD_RE.findall(chunk)).items():
                if w.lower() in wanted:
                    joined[w.lower()] += n
    elif need:
        alternatives = "|".join(map(re.escape, need))
        pattern = re.compile(rf"(?<!{_LETTER})(?:{alternatives})(?!{_LETTER})", re.IGNORECASE)
        joined.update(w.lower() for w in pattern.findall(text))
    return dict(joined), dict(hyphenated)


def _chunks(text: str, size: int = 1 << 20) -> Iterable[str]:
    """``text`` in pieces of about ``size`` characters, cut at white space."""
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        while end < len(text) and not text[end].isspace():
            end += 1
        yield text[pos:end]
        pos = end


def _step_whitespace(text: str) -> _StepResult:
    """Runs of spaces and tabs become one space; white space at line ends and starts goes."""
    n = len(text)

    def repl(m: re.Match[str]) -> str:
        s, e = m.span()
        if s == 0 or e == n or text[s - 1] == "\n" or text[e] == "\n":
            return ""
        return " "

    return _sub("whitespace", _SPACE_RE, repl, text)


_CASE_RE = re.compile(r"[^\W\d_a-z]+")


def _step_case(text: str) -> _StepResult:
    """Case folding for matching. Characters that fold to one character are grouped into
    runs (mapped one to one); one that folds to several ("ß" -> "ss") is an edit of its own.

    >>> _step_case("STRAßE")[1]
    (Edit(step='case', start=0, end=4, out_start=0, out_end=4, before='STRA', after='stra'), Edit(step='case', start=4, end=5, out_start=4, out_end=6, before='ß', after='ss'), Edit(step='case', start=5, end=6, out_start=6, out_end=7, before='E', after='e'))
    """

    def replacements() -> Iterable[tuple[int, int, str]]:
        for m in _CASE_RE.finditer(text):
            run = m.group(0)
            folded = run.casefold()
            if folded == run:
                continue
            if len(folded) == len(run):  # folding never shortens: so every char is 1:1
                yield from _one_to_one_runs(m.start(), run, folded)
                continue
            i = m.start()
            pending: list[tuple[int, str]] = []  # a run of 1:1 changes
            for c in run:
                f = c.casefold()
                if f != c and len(f) == 1:
                    pending.append((i, f))
                else:
                    if pending:
                        yield pending[0][0], i, "".join(x for _, x in pending)
                        pending = []
                    if f != c:
                        yield i, i + 1, f
                i += 1
            if pending:
                yield pending[0][0], i, "".join(x for _, x in pending)

    return _apply("case", text, replacements())


def _one_to_one_runs(start: int, run: str, folded: str) -> Iterable[tuple[int, int, str]]:
    """The changed stretches of a run whose folding keeps its length."""
    i = 0
    n = len(run)
    while i < n:
        if run[i] == folded[i]:
            i += 1
            continue
        j = i
        while j < n and run[j] != folded[j]:
            j += 1
        yield start + i, start + j, folded[i:j]
        i = j


StepFunction = Callable[[str], _StepResult]

STEPS: dict[str, StepFunction] = {
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
    "newlines": "CR and CRLF line ends (and U+2028, U+2029, U+0085) become LF",
    "compat": "Unicode compatibility forms folded (NFKC): ligatures, full-width forms, no-break spaces",
    "quotes": "curly quotes, low quotes and guillemets become straight quotes",
    "dashes": "hyphen characters become '-', en and em dashes become '--'",
    "hyphenation": "words hyphenated across a line break are joined; soft hyphens removed",
    "whitespace": "runs of spaces and tabs become one space; none at line starts and ends",
    "case": "letters case-folded",
}
"""One line per step, for reports that explain a match."""

DEFAULT_STEPS: tuple[str, ...] = (
    "bom", "newlines", "compat", "quotes", "dashes", "hyphenation", "whitespace",
)  # fmt: skip
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

    def back(self, pos: int, side: str = "start") -> int:
        """Map an output position of this step to its input position.

        ``side="start"`` reads ``pos`` as the start of the character at ``pos``: inside
        replaced text it maps to the start of the replaced input, and just after a deletion
        it maps past the deleted text. ``side="end"`` reads it as the end of the character
        before ``pos``: inside replaced text it maps to the end of the replaced input, and
        just before a deletion it maps before the deleted text. Inside a one-to-one edit
        (same length in and out) positions map exactly.
        """
        if side == "start":
            i = bisect.bisect_right(self.out_starts, pos) - 1
            if i < 0:
                return pos
            e = self.edits[i]
            if pos < e.out_end:
                return e.start + (pos - e.out_start) if _one_to_one(e) else e.start
            return e.end + (pos - e.out_end)
        i = bisect.bisect_left(self.out_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos <= e.out_end:
            return e.start + (pos - e.out_start) if _one_to_one(e) else e.end
        return e.end + (pos - e.out_end)

    def forward(self, pos: int, side: str = "start") -> int:
        """Map an input position to the output position (``side`` as in :meth:`back`)."""
        if side == "start":
            i = bisect.bisect_right(self.in_starts, pos) - 1
            if i < 0:
                return pos
            e = self.edits[i]
            if pos < e.end:
                return e.out_start + (pos - e.start) if _one_to_one(e) else e.out_start
            return e.out_end + (pos - e.end)
        i = bisect.bisect_left(self.in_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos <= e.end:
            return e.out_start + (pos - e.start) if _one_to_one(e) else e.out_end
        return e.out_end + (pos - e.end)


def _one_to_one(e: Edit) -> bool:
    return e.end - e.start == e.out_end - e.out_start


@attrs.frozen
class Normalized:
    """A normalized text, the original it came from, and the edits between them.

    >>> n = normalize("ﬁne\\r\\nday")
    >>> n.text, n.to_original(3), n.span_to_original(Span(0, 2))
    ('fine\\nday', 2, Span(start=0, end=1))
    """

    original: str
    text: str
    steps: tuple[str, ...]
    edits: tuple[tuple[Edit, ...], ...]  # one tuple per step, in step order
    _layers: tuple[_Layer, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_layers", tuple(_Layer(e) for e in self.edits))

    def to_original(self, pos: int, side: str = "start") -> int:
        """Map a position of the normalized text to the original text (``side`` as in
        :meth:`span_to_original`: ``"start"`` or ``"end"`` of a span)."""
        for layer in reversed(self._layers):
            if layer.edits:
                pos = layer.back(pos, side)
        return pos

    def span_to_original(self, span: Span) -> Span:
        """The original characters behind ``span`` of the normalized text.

        A span starting just after a deleted character (a byte-order mark) starts after it
        in the original too; one ending just before a deleted character ends before it. A
        span touching part of a replacement covers the whole replaced original ("ﬁ" for the
        "f" of "fine"). An empty span stays empty.
        """
        if span.start == span.end:
            p = self.to_original(span.start)
            return Span(p, p)
        return Span(self.to_original(span.start, "start"), self.to_original(span.end, "end"))

    def to_normalized(self, pos: int, side: str = "start") -> int:
        """Map a position of the original text into the normalized text."""
        for layer in self._layers:
            if layer.edits:
                pos = layer.forward(pos, side)
        return pos

    def span_to_normalized(self, span: Span) -> Span:
        """The normalized span of an original ``span`` (a span ending inside a replaced
        stretch takes all of its replacement).

        >>> n = normalize("\\ufeffDPRK\\r\\nsaid")
        >>> n.span_to_normalized(Span(0, 5)).slice(n.text)
        'DPRK'
        """
        if span.start == span.end:
            p = self.to_normalized(span.start)
            return Span(p, p)
        s = self.to_normalized(span.start, "start")
        return Span(s, max(s, self.to_normalized(span.end, "end")))

    def changes(self) -> list[tuple[str, Span, str, str]]:
        """Every change as ``(step, original span, before, after)``, in text order.

        ``before`` is the original text of the span; ``after`` what the step made of the
        text it saw there.

        >>> normalize("a\\u2014b\\r\\n").changes()
        [('dashes', Span(start=1, end=2), '—', '--'), ('newlines', Span(start=3, end=5), '\\r\\n', '\\n')]
        """
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
        coordinates), in step order. A deletion strictly inside the span counts; one at its
        edge does not.

        >>> n = normalize("\\ufeff“A”\\r\\nb")
        >>> n.steps_in(Span(0, 3)), n.steps_in(Span(1, 2)), n.steps_in(Span(2, 5))
        (('quotes',), (), ('newlines', 'quotes'))
        """
        found = set()
        s, t = span.start, span.end
        for k in range(len(self.steps) - 1, -1, -1):
            layer = self._layers[k]
            if not layer.edits or s >= t:
                continue
            j = max(bisect.bisect_left(layer.out_starts, s) - 1, 0)
            while j < len(layer.edits) and layer.edits[j].out_start <= t:
                e = layer.edits[j]
                replaced = e.out_start < t and e.out_end > s
                deleted_inside = e.out_start == e.out_end and s < e.out_start < t
                if replaced or deleted_inside:
                    found.add(k)
                    break
                j += 1
            s, t = layer.back(s, "start"), layer.back(t, "end")
        return tuple(self.steps[k] for k in sorted(found))


def normalize(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> Normalized:
    """Run the named steps over ``text`` (always in the order of :data:`STEPS`) and keep the
    edits of each.

    >>> normalize("co\\u2011operation").text
    'co-operation'
    >>> normalize("STRAßE", ("case",)).text
    'strasse'
    """
    names = tuple(steps)
    unknown = [s for s in names if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown normalization step(s) {unknown}; known: {', '.join(STEPS)}")
    order = list(STEPS)
    names = tuple(sorted(set(names), key=order.index))
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
_TOKEN_PATTERN = r"""(?x)
    """ + _INITIALISM + r"""(?![A-Za-z])   # U.S., U.N., D.P.R.K.
  | \d+(?:[.,:]\d+)*                        # 2,000  3.5  10:30
  | [^\W\d_][\w\u0300-\u036f]*
    (?:['-][\w\u0300-\u036f]+)*             # words (G20, Nguyễn) with inner hyphens or apostrophes
  | \w+                                     # anything else word-like
  | --|\.\.\.|[^\w\s]                       # dashes, ellipses, single punctuation
"""
_TOKENIZER = RegexpTokenizer(_TOKEN_PATTERN)
_TOKEN_RE = re.compile(_TOKEN_PATTERN)

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
    return [Span(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)]


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
        return sum(1 for m in _TOKEN_RE.finditer(text, self.body.start, self.body.end) if m.group(0)[0].isalnum())


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
