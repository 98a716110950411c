"""Lexicon discovery: candidate new wordings for a concept, from a corpus, for a person to review.

Two sources of candidates, both counted in the passages about the lexicon's issue only:

* **Co-occurring phrases**: word sequences (2 to 4 words, not starting or ending with a
  function word) of the sentences that hold a known wording of the concept, ranked by how
  much more often they stand in those sentences than in the issue's other sentences
  (count × log2 of the ratio, as a collocation score). "phased and synchronized" sentences
  bring up "action for action", "commensurate measures", "in a balanced way".
* **Collocations of known words**: a one-word pattern written ``=word`` (no stemming:
  ``=phased``, ``=stages``) matched by stem instead, with the word next to it, where the
  concept does not match today ("final phase", "main phase").
* **Variants of known patterns**: each multi-word pattern with its first two words swapped
  ("approach ..2 staged" for "staged approach") and with a gap of up to two words let
  in between adjacent words ("simultaneous ..2 actions"), where they match words the
  concept does not match today (inflection, British spelling and hyphenation are folded
  already, so these are word order and insertion).

Phrases the concept's own patterns already match are left out; phrases another concept
matches are kept and say so. Each candidate carries its counts and up to ``examples``
keyword-in-context lines. :func:`suggestions_toml` prints them as a TOML ``patterns`` list
with the evidence in comments, to paste into a lexicon after review.

>>> from positions.model import Article, Span
>>> t = ("On North Korea we back a phased approach in a balanced way. "
...      "North Korea needs a gradual process in a balanced way. North Korea needs peace. "
...      "North Korea needs food.")
>>> a = Article(id="a", path="a.txt", text=t, body=Span(0, len(t)))
>>> [(s.pattern, s.count) for s in suggest_wordings([a], load_lexicon(), "phased", min_count=2)]
[('balanced way', 2)]
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Optional, Sequence

import attrs

from ..model import Article, Span  # noqa: F401  (Span: the doctest)
from ..text import TextView, view
from .load import Lexicon, load_lexicon  # noqa: F401  (load_lexicon: the doctest)
from .matcher import Matcher
from .patterns import Pattern, PatternError, compile_pattern
from .tokens import Word, words_of

__all__ = ["Suggestion", "suggest_wordings", "suggestions_toml"]

_FUNCTION_WORDS = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being
    this that these those it its their his her our we they he she i you which who whom whose
    will would shall should can could may might must do does did has have had not no so such
    also all any each every other than then there here into onto over under about within
    upon between among through during before after very more most only own same too""".split()
)
_MAX_N = 4


_Line = tuple[str, str, str, str]  # (article path, left, match, right)


@attrs.frozen
class Suggestion:
    """A candidate wording: the pattern to paste, how it was found, and where."""

    pattern: str
    source: str  # "co-occurrence" or "variant of '<pattern>'"
    count: int  # occurrences where the concept's known wordings stand (co-occurrence) or in scope (variant)
    articles: int  # articles it occurs in
    background: int  # occurrences in all in-scope sentences
    score: float
    examples: tuple[tuple[str, str, str, str], ...] = ()  # (article path, left, match, right)
    also: tuple[str, ...] = ()  # other concepts whose patterns already match it


def suggest_wordings(
    articles: Iterable[Article],
    lexicon: Lexicon,
    concept: str,
    *,
    top: int = 20,
    min_count: int = 3,
    examples: int = 2,
    window: int = 8,
) -> list[Suggestion]:
    """Candidate new wordings for ``concept``, best first (see the module docstring)."""
    from .match import match_segment, match_segments
    from .scope import scope_flags, sentence_marks, whole_article_in_scope

    target = lexicon.concept(concept)
    variants = _variant_patterns(target.patterns)
    vmatcher = Matcher([p for _, p in variants]) if variants else None
    own = Matcher([compile_pattern(p, concept) for p in target.patterns]) if target.patterns else None
    inside: Counter[tuple[str, ...]] = Counter()
    where: dict[tuple[str, ...], set[str]] = {}
    shown: dict[tuple[str, ...], list[_Line]] = {}
    background: Counter[tuple[str, ...]] = Counter()
    var_count: Counter[int] = Counter()
    var_where: dict[int, set[str]] = {}
    var_shown: dict[int, list[_Line]] = {}
    var_forms: dict[int, Counter[str]] = {}
    coll: Counter[tuple[str, ...]] = Counter()
    coll_where: dict[tuple[str, ...], set[str]] = {}
    coll_shown: dict[tuple[str, ...], list[_Line]] = {}
    coll_base: dict[tuple[str, ...], str] = {}
    n_in = n_all = 0
    for article in articles:
        tv = view(article.text, article.body)
        per_sentence = [words_of(tv.text, s) for s in tv.sentences]
        if whole_article_in_scope(article, lexicon):
            flags = [True] * len(per_sentence)
        else:
            marks = [sentence_marks(article, lexicon, ws) for ws in per_sentence]
            flags = scope_flags(lexicon, tv, [h for h, _ in marks], [s for _, s in marks])
        for seg, members in match_segments(tv):
            if not any(flags[i] for i in members):
                continue
            words = [w for i in members for w in per_sentence[i]]
            chosen, _ = match_segment(words, lexicon)
            mine = [h for h in chosen if lexicon.patterns[h.pattern].concept == concept]
            grams = _ngrams(words)
            n_all += 1
            background.update(g for g, _, _ in grams)
            if mine:
                n_in += 1
                taken = {i for h in mine for i in range(h.start, h.end)}
                for g, a, b in grams:
                    if taken.intersection(range(a, b)):
                        continue
                    inside[g] += 1
                    where.setdefault(g, set()).add(article.path)
                    if len(shown.setdefault(g, [])) < examples:
                        shown[g].append(_line(article, tv, words, a, b, window))
            if vmatcher is not None:
                taken_own = {i for h in own.find(words) for i in range(h.start, h.end)} if own else set()
                for h in vmatcher.find(words):
                    if taken_own.intersection(range(h.start, h.end)):
                        continue
                    if variants[h.pattern][1].concept == "collocation":
                        for a, b in ((h.start - 1, h.end), (h.start, h.end + 1)):
                            if a < 0 or b > len(words):
                                continue
                            other = words[a] if a < h.start else words[b - 1]
                            if other.lower in _FUNCTION_WORDS or not other.lower.isalpha():
                                continue
                            g = tuple(w.lower for w in words[a:b])
                            coll[g] += 1
                            coll_where.setdefault(g, set()).add(article.path)
                            coll_base[g] = variants[h.pattern][0]
                            if len(coll_shown.setdefault(g, [])) < examples:
                                coll_shown[g].append(_line(article, tv, words, a, b, window))
                        continue
                    var_count[h.pattern] += 1
                    var_where.setdefault(h.pattern, set()).add(article.path)
                    var_forms.setdefault(h.pattern, Counter())[" ".join(w.lower for w in words[h.start : h.end])] += 1
                    if len(var_shown.setdefault(h.pattern, [])) < examples:
                        var_shown[h.pattern].append(_line(article, tv, words, h.start, h.end, window))
    out: list[Suggestion] = []
    for g, c in inside.items():
        if c < min_count:
            continue
        bg = background[g]
        ratio = (c / max(n_in, 1)) / (bg / max(n_all, 1))
        if ratio < 2.0:  # no more frequent near the concept than elsewhere in the issue
            continue
        pattern = " ".join(g)
        if _matched_by(own, pattern):
            continue
        out.append(Suggestion(pattern, "co-occurrence", c, len(where[g]), bg, round(c * math.log2(ratio), 2),
                              tuple(shown[g]), _also(lexicon, pattern, concept)))  # fmt: skip
    for k, c in var_count.items():
        if c < max(1, min_count - 1):
            continue
        base, pat = variants[k]
        out.append(Suggestion(pat.text, f"variant of {base!r}", c, len(var_where[k]), c,
                              round(c * 2.0, 2), tuple(var_shown[k]), _also(lexicon, pat.text, concept)))  # fmt: skip
    for g, c in coll.items():
        if c < max(1, min_count - 1):
            continue
        pattern = " ".join(g)
        out.append(Suggestion(pattern, f"collocation of {coll_base[g]!r} by stem", c, len(coll_where[g]), background[g],
                              round(c * 2.0, 2), tuple(coll_shown[g]), _also(lexicon, pattern, concept)))  # fmt: skip
    out.sort(key=lambda s: (-s.score, -s.count, s.pattern))
    # a longer phrase that says no more than a shorter one it contains, as often, adds nothing
    kept: list[Suggestion] = []
    for s in out:
        if any(k.count >= s.count and f" {k.pattern} " in f" {s.pattern} " for k in kept):
            continue
        kept.append(s)
    return kept[:top]


def suggestions_toml(concept: str, found: Sequence[Suggestion], *, articles: int = 0) -> str:
    """The suggestions as TOML: a ``patterns`` list to review and paste, evidence in comments."""
    lines = [
        f"# positions lexicon suggest {concept}: {len(found)} candidate wording(s)"
        + (f" from {articles} article(s)" if articles else ""),
        "# Review each one: keep the lines that express the concept, then add them to the",
        f"# patterns of [[concepts]] id = \"{concept}\" and run `positions lexicon check`.",
        "patterns = [",
    ]
    for s in found:
        also = f"; already {', '.join(s.also)}" if s.also else ""
        where = "where its wordings stand" if s.source == "co-occurrence" else "in scope"
        lines.append(f"    # {s.source}: {s.count} {where} ({s.articles} article(s)), {s.background} in scope, "
                     f"score {s.score:g}{also}")  # fmt: skip
        for path, left, match, right in s.examples:
            lines.append(f"    #   {_comment(path)}: {_comment(left)} [{_comment(match)}] {_comment(right)}".rstrip())
        lines.append(f"    {_toml_string(s.pattern)},")
    lines.append("]")
    return "\n".join(lines)


def _toml_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _comment(s: str) -> str:
    # one line, no control characters: a comment cannot be ended early by the text
    return "".join(c if c.isprintable() else " " for c in " ".join(s.split()))


def _ngrams(words: Sequence[Word]) -> list[tuple[tuple[str, ...], int, int]]:
    out = []
    n = len(words)
    for i in range(n):
        if words[i].lower in _FUNCTION_WORDS or not words[i].lower.isalpha():
            continue
        for k in range(2, _MAX_N + 1):
            j = i + k
            if j > n:
                break
            last = words[j - 1].lower
            if last in _FUNCTION_WORDS or not last.isalpha():
                continue
            out.append((tuple(w.lower for w in words[i:j]), i, j))
    return out


def _line(article: Article, tv: TextView, words: Sequence[Word], a: int, b: int, window: int) -> _Line:
    start, end = words[a].span.start, words[b - 1].span.end
    left = tv.text[words[max(0, a - window)].span.start : start] if a else ""
    right = tv.text[end : words[min(len(words), b + window) - 1].span.end] if b < len(words) else ""
    return article.path, left, tv.text[start:end], right


def _variant_patterns(patterns: Sequence[str]) -> list[tuple[str, Pattern]]:
    """Word-order and insertion variants of the multi-word patterns, and the stemmed form
    of one-word ``=word`` patterns, compiled."""
    out: list[tuple[str, Pattern]] = []
    seen: set[str] = set(patterns)
    for p in patterns:
        parts = p.split()
        if len(parts) == 1 and p.startswith("="):
            try:
                stemmed = compile_pattern(p[1:], "collocation")
            except PatternError:
                continue
            sig = " ".join(str(e) for e in stemmed.elements)
            if sig not in seen:  # "=phased" and "=phases" are one stem
                seen.add(sig)
                out.append((p, stemmed))
            continue
        if len(parts) < 2 or any(x.startswith("..") for x in parts):
            continue
        cands = []
        if len(parts) == 2:
            cands.append(f"{parts[1]} ..2 {parts[0]}")
        for k in range(1, len(parts)):
            cands.append(" ".join(parts[:k] + ["..2"] + parts[k:]))
        for c in cands:
            if c in seen:
                continue
            seen.add(c)
            try:
                out.append((p, compile_pattern(c, "variant")))
            except PatternError:
                continue
    return out


def _matched_by(matcher: Optional[Matcher], text: str) -> bool:
    if matcher is None:
        return False
    return next(iter(matcher.find(words_of(text))), None) is not None


def _also(lexicon: Lexicon, text: str, concept: str) -> tuple[str, ...]:
    ws = words_of(text)
    found = {lexicon.patterns[h.pattern].concept for h in lexicon.matcher.find(ws)}
    return tuple(sorted(c for c in found if c != concept and not c.startswith("\x00") and "!" not in c))

