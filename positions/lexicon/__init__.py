"""Concept lexicons: normalize wording to position concepts, scoped to an issue, with polarity.

A lexicon (TOML, see ``docs/lexicons.md``) lists concepts and their patterns. Matching works
over normalized words, so "Step-by-step", "step by step" and "step–by–step", "synchronised"
and "synchronized", "talks" and "talk" match one pattern without being listed. Each
:class:`~positions.model.Marker` keeps the words as written, their span in the original
text, the normalization steps that made the match, whether it lies in a passage about the
lexicon's issue, and whether a negation governs it.

>>> lex = load_lexicon()
>>> [(m.concept, m.surface, m.polarity) for m in match_text(
...     "On the Korean Peninsula we reject a step–by–step approach.", lex)]
[('phased', 'step–by–step', 'negated')]
"""

from __future__ import annotations

from typing import Optional, Sequence

import attrs

from ..model import Article, Marker, Span
from ..text import STEPS, TextView, view
from .load import (
    BUNDLED_LEXICON,
    EXCEPT_SUFFIX,
    Concept,
    Lexicon,
    Scope,
    lexicon_from_patterns,
    lexicon_problems,
    load_lexicon,
)
from .matcher import Hit, Matcher
from .patterns import MAX_GAP, MAX_PATTERN_WORDS, Element, Pattern, PatternError, compile_pattern
from .polarity import negation_cue
from .scope import scope_flags, sentence_marks, whole_article_in_scope
from .tokens import TOKEN_STEPS, Word, words_of

__all__ = [
    "Concept",
    "Lexicon",
    "Scope",
    "Pattern",
    "PatternError",
    "load_lexicon",
    "lexicon_problems",
    "lexicon_from_patterns",
    "compile_pattern",
    "Matcher",
    "match_concepts",
    "match_text",
    "match_words",
    "words_of",
    "kwic",
    "KwicLine",
    "BUNDLED_LEXICON",
    "MAX_PATTERN_WORDS",
    "MAX_GAP",
]

_STEP_ORDER = {name: k for k, name in enumerate(list(STEPS) + list(TOKEN_STEPS))}


def match_words(words: Sequence[Word], lexicon: Lexicon) -> list[Hit]:
    """The hits that become markers: for each concept, the longest non-overlapping matches.

    Different concepts may cover the same words ("phased and synchronized approach" is both
    ``phased`` and ``synchronized``), except where a concept ``supersedes`` another: then a
    match of the superseded concept that overlaps one of the superseding is dropped ("ease
    sanctions" is ``sanctions_relief``, not also ``sanctions_pressure``). Within one concept
    the longest match wins, then the earliest, then the pattern listed first. A concept's
    ``except`` phrases ("sanctions are not an end in themselves") remove its matches inside
    them.
    """
    by_concept: dict[str, list[Hit]] = {}
    for h in lexicon.matcher.find(words):
        by_concept.setdefault(lexicon.patterns[h.pattern].concept, []).append(h)
    for cid, hits in by_concept.items():
        hits.sort(key=lambda h: (-(h.end - h.start), h.start, h.pattern))
        taken: list[Hit] = []
        for h in hits:
            if all(h.end <= t.start or t.end <= h.start for t in taken):
                taken.append(h)
        by_concept[cid] = taken
    for cid in [c for c in by_concept if c.endswith(EXCEPT_SUFFIX)]:
        blockers = by_concept.pop(cid)
        own = cid[: -len(EXCEPT_SUFFIX)]
        by_concept[own] = [
            h for h in by_concept.get(own, []) if all(h.end <= b.start or b.end <= h.start for b in blockers)
        ]
    for concept in lexicon.concepts:
        for loser in concept.supersedes:
            if concept.id in by_concept and loser in by_concept:
                winners = by_concept[concept.id]
                by_concept[loser] = [
                    h for h in by_concept[loser]
                    if all(h.end <= w.start or w.end <= h.start for w in winners)
                ]
    chosen = [h for taken in by_concept.values() for h in taken]
    chosen.sort(key=lambda h: (h.start, h.end, h.pattern))
    return chosen


def match_concepts(article: Article, lexicon: Lexicon, *, text_view: Optional[TextView] = None) -> tuple[Marker, ...]:
    """Every marker of the lexicon's concepts in the article body, with scope and polarity.

    ``text_view`` is the article's :func:`positions.text.view` where the caller has it.
    Markers are in text order (then by concept).
    """
    tv = text_view or view(article.text, article.body)
    everywhere = whole_article_in_scope(article, lexicon)
    hits: list[bool] = []
    stops: list[bool] = []
    found: list[tuple[Marker, list[int]]] = []
    # One pass, a segment at a time: its words are made, matched and dropped (holding every
    # sentence's words at once made a 5 MB article's peak memory grow by ~190 MB). Whether a
    # marker is in scope depends on sentences after it, so it is set once the pass is done.
    for seg, members in _segments(tv):
        per_sentence = [words_of(tv.text, tv.sentences[i]) for i in members]
        if not everywhere:
            for ws in per_sentence:
                hit, stop = sentence_marks(article, lexicon, ws)
                hits.append(hit)
                stops.append(stop)
        words = [w for ws in per_sentence for w in ws]
        for h in match_words(words, lexicon):
            found.append((_marker(article, tv, seg, words, h, lexicon.patterns[h.pattern], everywhere), members))
    if not everywhere:
        flags = scope_flags(lexicon, tv, hits, stops)
        found = [(attrs.evolve(m, in_scope=True) if any(flags[i] for i in members) else m, members)
                 for m, members in found]  # fmt: skip
    markers = [m for m, _ in found]
    markers.sort(key=lambda m: (m.span.start, m.span.end, m.concept))
    return tuple(markers)


_SENTENCE_END = tuple('.!?;:"\')')


def _segments(tv: TextView) -> list[tuple[Span, list[int]]]:
    """Sentences to match within; a "sentence" that ends at a line break without final
    punctuation continues on the next line (a text wrapped by hand), so a match may span it."""
    out: list[tuple[Span, list[int]]] = []
    for i, s in enumerate(tv.sentences):
        if out:
            prev, members = out[-1]
            gap = tv.text[prev.end : s.start]
            if not tv.text[prev.start : prev.end].endswith(_SENTENCE_END) and gap.count("\n") == 1 and not gap.strip():
                out[-1] = (Span(prev.start, s.end), members + [i])
                continue
        out.append((s, [i]))
    return out


def match_text(text: str, lexicon: Lexicon) -> tuple[Marker, ...]:
    """:func:`match_concepts` over a plain string (spans index ``text``).

    >>> [m.concept for m in match_text("We back phased and synchronized steps in Korea.", load_lexicon())]
    ['phased', 'synchronized']
    """
    return match_concepts(Article(id="", path="<text>", text=text, body=Span(0, len(text))), lexicon)


def _marker(article: Article, tv: TextView, sentence: Span, words: Sequence[Word], h: Hit,
            pattern: Pattern, in_scope: bool) -> Marker:
    nspan = Span(words[h.start].span.start, words[h.end - 1].span.end)
    span = tv.to_original(nspan)
    matched = set(h.words)
    skipped = tuple(words[i].span for i in range(h.start, h.end) if i not in matched)
    cue = negation_cue(tv.text, sentence, nspan.start, nspan.end, skipped)
    steps = set(tv.norm.steps_in(nspan)) | _word_steps(words, h, pattern)
    return Marker(
        concept=pattern.concept,
        surface=span.slice(article.text),
        normalized=" ".join(w.spelled for w in words[h.start : h.end]),
        span=span,
        polarity="negated" if cue else "affirmed",
        in_scope=in_scope,
        pattern=pattern.text,
        steps=tuple(sorted(steps, key=_STEP_ORDER.__getitem__)),
        negation=tv.to_original(cue) if cue else None,
    )


def _word_steps(words: Sequence[Word], h: Hit, pattern: Pattern) -> set[str]:
    """The token-level steps needed to make the pattern's words equal the text's."""
    steps: set[str] = set()
    prev: Optional[tuple[Element, Word]] = None
    elems = pattern.elements
    k = 0
    for e in elems:
        if e.kind == "gap":
            prev = None
            continue
        w = words[h.words[k]]
        k += 1
        pw = e.word
        steps |= set(w.steps) ^ set(pw.steps if pw else ())
        if e.kind == "glob":
            assert e.glob is not None
            if not e.glob.match(w.plain):
                steps.add("case" if e.glob.match(w.lower) else "spelling")
                if w.plain != w.lower:
                    steps.add("case")
        elif pw is not None and w.plain != pw.plain:
            if w.lower == pw.lower:
                steps.add("case")
            else:
                if w.plain != w.lower:
                    steps.add("case")
                if w.spelled == pw.spelled:
                    steps.add("spelling")
                else:
                    steps.add("stem")
                    if w.spelled != w.lower or pw.spelled != pw.lower:
                        steps.add("spelling")
        if prev is not None:
            pe, pword = prev
            pattern_joiner = pe.word.joiner if pe.word is not None else " "
            if pword.joiner != pattern_joiner:
                steps.add("hyphen-split")
        prev = (e, w)
    return steps


from .kwic import KwicLine, kwic  # noqa: E402  (kwic builds on match_concepts)
