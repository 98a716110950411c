"""Lexicon patterns: word sequences with ``*`` globs and bounded gaps, never regular expressions.

Syntax (whitespace separates elements):

``word``
    matches any word with the same Snowball stem after case, spelling, hyphen and
    abbreviation folding: ``talks`` matches "talk", "Talks", "talking".
``=word``
    matches the word itself (case, spelling and hyphens folded, but no stemming):
    ``=phased`` matches "phased" and "Phased" but not "phase".
``glob*``
    ``*`` stands for any run of letters inside one word: ``denucleari*`` matches
    "denuclearization", "denuclearised". A lone ``*`` is any one word.
``...`` or ``..N``
    a gap of up to N words (``...`` is ``..3``; N is 1 to 10): ``complete ..2 denucleari*``
    matches "complete denuclearization" and "complete and verifiable denuclearization".
``step-by-step``
    hyphens and spaces are the same thing: ``step-by-step`` = ``step by step``.

Matching skips punctuation but never crosses a sentence end.

>>> [str(e) for e in compile_pattern("complete ... denucleari*").elements]
['complet', '..3', 'denucleari*']
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

from .tokens import Word, words_of

__all__ = ["Element", "Glob", "Pattern", "PatternError", "compile_pattern", "MAX_PATTERN_WORDS", "MAX_GAP"]

MAX_PATTERN_WORDS = 32
"""The most words (and gaps) a pattern may have: longer ones are certainly a mistake."""
MAX_GAP = 10
"""The largest gap ``..N`` a pattern may have."""
DEFAULT_GAP = 3

_GAP_RE = re.compile(r"^(?:\.\.\.|\.\.(\d+))$")
_ALLOWED_RE = re.compile(r"^=?[\w'.*-]+$")


class PatternError(ValueError):
    """A pattern that cannot be compiled; the loader adds the file and line."""


@attrs.frozen
class Element:
    """One element of a compiled pattern.

    ``kind`` is ``word`` (match by stem), ``exact`` (match by spelled form), ``glob``
    (``*`` inside a word, matched against the case-folded and spelled forms) or ``gap``
    (up to ``gap`` words skipped).
    """

    kind: str
    key: str = ""  # stem, spelled form or glob text (case-folded)
    word: Optional[Word] = None  # the word as written in the pattern
    gap: int = 0
    glob: Optional["Glob"] = attrs.field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        if self.kind == "gap":
            return f"..{self.gap}"
        if self.kind == "exact":
            return f"={self.key}"
        return self.key

    def matches(self, w: Word) -> bool:
        if self.kind == "word":
            return w.stem == self.key
        if self.kind == "exact":
            return w.spelled == self.key
        if self.kind == "glob":
            assert self.glob is not None
            return self.glob.match(w.lower) or self.glob.match(w.spelled)
        return False


@attrs.frozen
class Pattern:
    """A compiled pattern of one concept; ``text`` is the pattern as written in the lexicon."""

    text: str
    concept: str
    elements: tuple[Element, ...]

    @property
    def words(self) -> tuple[Element, ...]:
        return tuple(e for e in self.elements if e.kind != "gap")


@attrs.frozen
class Glob:
    """A glob whose only special character is ``*`` (any run of characters), matched in
    linear time without a regular expression.

    A glob is the literal parts between its stars: the first must start the word, the last
    must end it, and each part in between is found leftmost after the one before (taking
    the leftmost place never loses a match, so nothing is ever tried twice). One
    ``str.find`` per part: ``a*a*a*a*a*a*a*a*b`` against a word of 60 000 letters costs
    eight scans, where the regex it used to become (``a.*a.*…b``) backtracked for minutes.

    >>> g = Glob.of("denucleari*")
    >>> g.match("denuclearization"), g.match("nuclear")
    (True, False)
    >>> Glob.of("a*a*b").match("aaab"), Glob.of("a*a*b").match("ab")
    (True, False)
    """

    parts: tuple[str, ...]

    @classmethod
    def of(cls, glob: str) -> "Glob":
        return cls(tuple(glob.split("*")))

    def match(self, word: str) -> bool:
        parts = self.parts
        if len(parts) == 1:
            return word == parts[0]
        first, last = parts[0], parts[-1]
        pos, end = len(first), len(word) - len(last)
        if end < pos or not word.startswith(first) or not word.endswith(last):
            return False
        for part in parts[1:-1]:
            i = word.find(part, pos, end)
            if i < 0:
                return False
            pos = i + len(part)
        return True


def compile_pattern(text: str, concept: str = "") -> Pattern:
    """Compile one pattern; raise :class:`PatternError` with a one-line reason.

    >>> [e.kind for e in compile_pattern("=phased and synchroni* step*").elements]
    ['exact', 'word', 'glob', 'glob']
    """
    if not text.strip():
        raise PatternError("empty pattern")
    chunks = text.split()
    if len(chunks) > MAX_PATTERN_WORDS:
        raise PatternError(
            f"pattern has {len(chunks)} words; the limit is {MAX_PATTERN_WORDS}"
        )
    elements: list[Element] = []
    for chunk in chunks:
        m = _GAP_RE.match(chunk)
        if m:
            n = int(m.group(1)) if m.group(1) else DEFAULT_GAP
            if not 1 <= n <= MAX_GAP:
                raise PatternError(f"gap {chunk!r}: N must be 1 to {MAX_GAP}")
            if elements and elements[-1].kind == "gap":
                raise PatternError(f"two gaps in a row before {chunk!r}: write one ..N")
            elements.append(Element("gap", gap=n))
            continue
        elements.extend(_chunk_elements(chunk))
    if len(elements) > MAX_PATTERN_WORDS:
        raise PatternError(f"pattern has {len(elements)} words; the limit is {MAX_PATTERN_WORDS}")
    for end in (elements[0], elements[-1]):
        if end.kind == "gap" or (end.kind == "glob" and end.key == "*"):
            raise PatternError(
                f"pattern starts or ends with {str(end)!r}, which only widens the match: drop it"
            )
    return Pattern(text, concept, tuple(elements))


def _chunk_elements(chunk: str) -> list[Element]:
    if not _ALLOWED_RE.match(chunk) or chunk.count("=") > 1:
        bad = next((c for c in chunk if not (c.isalnum() or c in "'.*-=_")), "=")
        raise PatternError(
            f"{chunk!r}: character {bad!r} is not allowed (patterns are words with * globs "
            "and ..N gaps, not regular expressions)"
        )
    exact = chunk.startswith("=")
    body = chunk[1:] if exact else chunk
    if "*" in body:
        if exact:
            raise PatternError(f"{chunk!r}: '=' and '*' cannot be combined")
        out = []
        for part in body.split("-"):
            if not part:
                continue
            if "*" in part:
                if part != "*" and not any(c.isalnum() for c in part):
                    raise PatternError(f"{chunk!r}: glob {part!r} has no letters")
                key = part.casefold().replace("'", "")
                if "**" in key:
                    key = re.sub(r"\*+", "*", key)
                out.append(Element("glob", key, None, glob=Glob.of(key)))
            else:
                out.extend(_word_elements(part, chunk, exact=False))
        return out
    return _word_elements(body, chunk, exact=exact)


def _word_elements(body: str, chunk: str, *, exact: bool) -> list[Element]:
    words = words_of(body)
    consumed = sum(len(w.span) for w in words)
    if not words:
        raise PatternError(f"{chunk!r} normalizes to no word, so the pattern can never match")
    if consumed < sum(1 for c in body if c.isalnum()):
        raise PatternError(f"{chunk!r} does not read as one word or hyphenated compound")
    if exact:
        return [Element("exact", w.spelled, w) for w in words]
    return [Element("word", w.stem, w) for w in words]
