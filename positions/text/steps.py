"""The normalization steps: each a function ``str -> (str, edits)`` with a name and a
description, and :class:`Edit`, the record of one change (see :mod:`positions.text`)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from typing import Callable, Iterable, Sequence

import attrs

__all__ = [
    "EditLayer",
    "one_to_one",
    "STEPS",
    "DEFAULT_STEPS",
    "Edit",
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

    >>> from positions.text import normalize
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


def _compose(step: str, text0: str, first: Sequence[Edit], text2: str, second: Sequence[Edit]) -> tuple[Edit, ...]:
    """Fold the edits of two passes of one step (``text0 -> text1 -> text2``) into edits of
    ``text0 -> text2``.

    Edits of the two passes that overlap in ``text1`` (or a deletion of the first pass that
    falls strictly inside an edit of the second) become one edit; the others stay apart.
    """
    if not first:
        return tuple(second)
    if not second:
        return tuple(first)
    layer1, layer2 = EditLayer(first), EditLayer(second)
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


# How often words occur joined ("selfreliance": count) and pairs hyphenated (("self",
# "reliance"): count) in a text.
_FormCounts = tuple[dict[str, int], dict[tuple[str, str], int]]


def _keeps_hyphen_by_count(counts: _FormCounts, lw: str, rw: str) -> bool:
    """The hyphenated form occurs elsewhere in the text more often than the joined one."""
    joined, hyphenated = counts
    key = (lw.lower(), rw.lower())
    return hyphenated.get(key, 0) > joined.get(key[0] + key[1], 0)


def _form_counts(text: str, pairs: Sequence[tuple[str, str]]) -> _FormCounts:
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


class EditLayer:
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
                return e.start + (pos - e.out_start) if one_to_one(e) else e.start
            return e.end + (pos - e.out_end)
        i = bisect.bisect_left(self.out_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos <= e.out_end:
            return e.start + (pos - e.out_start) if one_to_one(e) else e.end
        return e.end + (pos - e.out_end)

    def forward(self, pos: int, side: str = "start") -> int:
        """Map an input position to the output position (``side`` as in :meth:`back`)."""
        if side == "start":
            i = bisect.bisect_right(self.in_starts, pos) - 1
            if i < 0:
                return pos
            e = self.edits[i]
            if pos < e.end:
                return e.out_start + (pos - e.start) if one_to_one(e) else e.out_start
            return e.out_end + (pos - e.end)
        i = bisect.bisect_left(self.in_starts, pos) - 1
        if i < 0:
            return pos
        e = self.edits[i]
        if pos <= e.end:
            return e.out_start + (pos - e.start) if one_to_one(e) else e.out_end
        return e.out_end + (pos - e.end)


def one_to_one(e: Edit) -> bool:
    return e.end - e.start == e.out_end - e.out_start
