"""Matching: the markers of a lexicon's concepts in an article or a text (words matched,
overlaps resolved, frames found, scope and polarity), each with its span and the steps that
made it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, Sequence

import attrs

from ..model import Article, Marker, Span
from ..text import STEPS, TextView, view
from .frames import FRAME_TAG, CountryOf, FrameMatch, find_frames
from .load import EXCEPT_SUFFIX, Concept, Lexicon
from .matcher import Hit
from .patterns import Element, Pattern
from .polarity import negation_cue
from .scope import scope_flags, sentence_marks, whole_article_in_scope
from .tokens import TOKEN_STEPS, Word, words_of

if TYPE_CHECKING:
    from ..actors import Gazetteer

__all__ = ["match_concepts", "match_text", "match_words"]

_STEP_ORDER = {name: k for k, name in enumerate(list(STEPS) + list(TOKEN_STEPS))}


def match_words(words: Sequence[Word], lexicon: Lexicon) -> list[Hit]:
    """The hits that become markers: for each concept, the longest non-overlapping matches.

    Different concepts may cover the same words ("phased and synchronized approach" is both
    ``phased`` and ``synchronized``), except where a concept ``supersedes`` another: then a
    match of the superseded concept that overlaps one of the superseding is dropped ("ease
    sanctions" is ``sanctions_relief``, not also ``sanctions_pressure``). Within one concept
    the longest match wins, then the earliest, then the pattern listed first. A concept's
    ``except`` phrases ("sanctions are not an end in themselves") remove its matches inside
    them. Frames (``[[concepts.frames]]``) are found by :func:`match_concepts`, not here.
    """
    return match_segment(words, lexicon)[0]


def match_segment(words: Sequence[Word], lexicon: Lexicon) -> tuple[list[Hit], list[Hit]]:
    """:func:`match_words`' hits, and the hits of frame parts (predicates, objects)."""
    by_concept: dict[str, list[Hit]] = {}
    parts: list[Hit] = []
    for h in lexicon.matcher.find(words):
        cid = lexicon.patterns[h.pattern].concept
        if cid.startswith(FRAME_TAG):
            parts.append(h)
        else:
            by_concept.setdefault(cid, []).append(h)
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
    return chosen, parts


def match_concepts(article: Article, lexicon: Lexicon, *, text_view: Optional[TextView] = None,
                   gazetteer: Optional[Gazetteer] = None) -> tuple[Marker, ...]:  # fmt: skip
    """Every marker of the lexicon's concepts in the article body, with scope and polarity.

    ``text_view`` is the article's :func:`positions.text.view` where the caller has it.
    ``gazetteer`` resolves the actor slots of frames (default: the bundled one).
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
    for seg, members in match_segments(tv):
        per_sentence = [words_of(tv.text, tv.sentences[i]) for i in members]
        if not everywhere:
            for ws in per_sentence:
                hit, stop = sentence_marks(article, lexicon, ws)
                hits.append(hit)
                stops.append(stop)
        words = [w for ws in per_sentence for w in ws]
        chosen, parts = match_segment(words, lexicon)
        frames: list[FrameMatch] = []
        if parts and lexicon.frames:
            frames = find_frames(lexicon.frames, parts, lexicon.patterns, words, tv.text, country=article.country,
                                 country_of=_country_finder(gazetteer))  # fmt: skip
            # a pattern of its own concept says it already; one of a concept that supersedes it
            # says something else ("committed to the denuclearization of the peninsula")
            frames = [f for f in frames if not any(
                _overrides(lexicon, lexicon.patterns[h.pattern].concept, f.frame.concept) and h.start < f.end + 3
                and f.start < h.end for h in chosen)]  # fmt: skip
        # a frame's predicate ("abandon", "give up") is its own, not a rejection of what follows
        ignore = tuple(Span(words[f.predicate.start].span.start, words[f.predicate.end - 1].span.end) for f in frames)
        for h in chosen:
            found.append((_marker(article, tv, seg, words, h, lexicon.patterns[h.pattern], everywhere, ignore,
                                  lexicon), members))  # fmt: skip
        for f in frames:
            found.append((_frame_marker(article, tv, seg, words, f, lexicon, everywhere), members))
    if not everywhere:
        flags = scope_flags(lexicon, tv, hits, stops)
        found = [(attrs.evolve(m, in_scope=True) if any(flags[i] for i in members) else m, members)
                 for m, members in found]  # fmt: skip
    markers = [m for m, _ in found]
    markers.sort(key=lambda m: (m.span.start, m.span.end, m.concept))
    return tuple(markers)


_SENTENCE_END = tuple('.!?;:"\')')


def match_segments(tv: TextView) -> list[tuple[Span, list[int]]]:
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

    >>> from positions.lexicon import load_lexicon
    >>> [m.concept for m in match_text("We back phased and synchronized steps in Korea.", load_lexicon())]
    ['phased', 'synchronized']
    """
    return match_concepts(Article(id="", path="<text>", text=text, body=Span(0, len(text))), lexicon)


_SPACES = re.compile(r"\s+")


def _overrides(lexicon: Lexicon, cid: str, frame_concept: str) -> bool:
    if cid == frame_concept:
        return True
    c = _concept_of(lexicon, cid)
    return c is not None and frame_concept in c.supersedes


def _country_finder(gazetteer: Optional[Gazetteer]) -> CountryOf:
    """``(text, start, end) -> [(surface, ISO alpha-3)]`` over the gazetteer's names."""
    cache: list[Optional[Gazetteer]] = [gazetteer]

    def find(text: str, start: int, end: int) -> list[tuple[str, str]]:
        gz = cache[0]
        if gz is None:
            from ..actors import default_gazetteer

            gz = cache[0] = default_gazetteer()
        out: list[tuple[str, str]] = []
        # names wrapped across lines ("Democratic People's\nRepublic of Korea") read as one
        for m in gz.mentions(_SPACES.sub(" ", text[start:end])):
            iso = gz.country_of(m.surface)
            if iso:
                out.append((m.surface, iso))
        return out

    return find


def _marker(article: Article, tv: TextView, sentence: Span, words: Sequence[Word], h: Hit,
            pattern: Pattern, in_scope: bool, ignore: tuple[Span, ...] = (), lexicon: Optional[Lexicon] = None) -> Marker:
    nspan = Span(words[h.start].span.start, words[h.end - 1].span.end)
    matched = set(h.words)
    skipped = tuple(words[i].span for i in range(h.start, h.end) if i not in matched)
    steps = set(tv.norm.steps_in(nspan)) | _word_steps(words, h, pattern)
    return _make_marker(article, tv, sentence, words, nspan, h.start, h.end, pattern.concept, pattern.text,
                        skipped, steps, (), in_scope, ignore, lexicon)  # fmt: skip


def _frame_marker(article: Article, tv: TextView, sentence: Span, words: Sequence[Word], f: FrameMatch,
                  lexicon: Lexicon, in_scope: bool) -> Marker:  # fmt: skip
    nspan = Span(words[f.start].span.start, words[f.end - 1].span.end)
    matched = set(f.predicate.words) | set(f.object.words)
    skipped = tuple(words[i].span for i in range(f.start, f.end) if i not in matched)
    steps = set(tv.norm.steps_in(nspan))
    for h in (f.predicate, f.object):
        steps |= _word_steps(words, h, lexicon.patterns[h.pattern])
    return _make_marker(article, tv, sentence, words, nspan, f.start, f.end, f.frame.concept,
                        f"frame {f.frame.name}", skipped, steps, f.evidence(lexicon.patterns), in_scope, (), lexicon)  # fmt: skip


def _make_marker(article: Article, tv: TextView, sentence: Span, words: Sequence[Word], nspan: Span, start: int,
                 end: int, concept: str, pattern: str, skipped: tuple[Span, ...], steps: set[str],
                 evidence: tuple[str, ...], in_scope: bool, ignore: tuple[Span, ...],
                 lexicon: Optional[Lexicon]) -> Marker:  # fmt: skip
    span = tv.to_original(nspan)
    cue = negation_cue(tv.text, sentence, nspan.start, nspan.end, skipped, ignore=ignore)
    negated = cue is not None
    if not negated and lexicon is not None and article.country:
        c = _concept_of(lexicon, concept)
        if c is not None and article.country in c.opposed_by:
            negated = True
            evidence = evidence + (f"stance: {article.country} names it to reject it (opposed_by)",)
    return Marker(
        concept=concept,
        surface=span.slice(article.text),
        normalized=" ".join(w.spelled for w in words[start:end]),
        span=span,
        polarity="negated" if negated else "affirmed",
        in_scope=in_scope,
        pattern=pattern,
        steps=tuple(sorted(steps, key=_STEP_ORDER.__getitem__)) + evidence,
        negation=tv.to_original(cue) if cue else None,
    )


def _concept_of(lexicon: Lexicon, cid: str) -> Optional[Concept]:
    for c in lexicon.concepts:
        if c.id == cid:
            return c
    return None


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
