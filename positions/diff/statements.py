"""Statement alignment: each new statement (or paragraph of a document) paired with its most
similar predecessor, and the passages' concepts."""

from __future__ import annotations

from collections import Counter
from typing import Optional, Sequence

from ..model import Marker, Span, Statement, StatementPair
from ..text import paragraph_spans
from .passages import content_words, diff_passages
from .texts import diff_texts, token_similarity
from .tokens import resolve_engine

# --------------------------------------------------------------------------------------
# Statement alignment

PAIR_THRESHOLD = 0.3
"""Least content-word Dice for two passages that share no concept to be paired."""

MIN_DICE = 0.15
"""Least content-word Dice for two passages that share a concept to be paired."""

SAME_POSITION = 2
"""Passages sharing at least this many in-scope concepts, with a concept Jaccard of at least
0.5, state the same position: they pair whatever their wording (a rewording is what an
analyst wants to see side by side)."""

MIN_SIMILARITY = 0.2
"""Least token similarity (of :func:`diff_texts`: the longest common token subsequence of the
two whole passages) for any two passages to be paired: sharing a concept is not enough, they
must share wording."""




class _Unit:
    """A passage that takes part in alignment: a whole statement or one paragraph of it."""

    __slots__ = ("statement", "order", "span", "text", "concepts", "words", "marked")

    def __init__(self, statement: Statement, order: int, span: Span, text: str,
                 markers: Sequence[Marker]) -> None:  # fmt: skip
        self.statement = statement
        self.order = order
        self.span = span
        self.text = text
        self.concepts = frozenset(m.concept for m in markers if m.in_scope)
        self.words = content_words(text)
        self.marked = bool(self.concepts)

    def key(self) -> tuple[int, int, int]:
        return (self.order, self.span.start, self.span.end)


def alignment_units(statements: Sequence[Statement]) -> list[_Unit]:
    """The passages of ``statements`` that take part in :func:`align_statements`: whole
    statements, and the paragraphs of ``document`` statements (single-part ones). Cut once
    per snapshot when a series of snapshots is diffed (:func:`align_units`)."""
    out = []
    for order, st in enumerate(statements):
        single = len(st.parts) <= 1 and len(st.text) == len(st.span)
        if st.kind == "document" and single:
            for p in paragraph_spans(st.text):
                span = p.shift(st.span.start)
                mk = [m for m in st.markers if span.contains(m.span)]
                out.append(_Unit(st, order, span, p.slice(st.text), mk))
        else:
            out.append(_Unit(st, order, st.span, st.text, st.markers))
    return out


def _score(old: _Unit, new: _Unit, engine: str) -> float:
    """Concept Jaccard plus content-word Dice, each in [0, 1]; 0 when the passages may not
    pair (see :func:`align_statements`)."""
    score, gated = _word_score(old, new)
    if score and gated and _whole_similarity(old, new, engine) < MIN_SIMILARITY:
        return 0.0
    return score


def _word_score(old: _Unit, new: _Unit) -> tuple[float, bool]:
    """:func:`_score` before its token-similarity test: the score (0 when the concepts and
    words already rule the pair out), and whether the pair must still pass that test
    (:data:`MIN_SIMILARITY`; not when the passages state the same position)."""
    shared = old.concepts & new.concepts
    union = old.concepts | new.concepts
    cj = len(shared) / len(union) if union else 0.0
    total = len(old.words) + len(new.words)
    dice = 2 * len(old.words & new.words) / total if total else (1.0 if old.text == new.text else 0.0)
    if len(shared) >= SAME_POSITION and cj >= 0.5:
        return cj + dice, False
    if dice < (MIN_DICE if shared else PAIR_THRESHOLD):
        return 0.0, False
    return cj + dice, True


def _whole_similarity(old: _Unit, new: _Unit, engine: str) -> float:
    return token_similarity(old.text, new.text, engine=engine)


BLOCK_FROM = 20_000
"""Up to this many (old x new) passage pairs, :func:`candidate_pairs` hands them all to the
scoring, whose word-set test is then cheaper than building an index (a year of UN speeches
of one country against the next: about a hundred pairs); above it, the inverted index."""


def candidate_pairs(old_units: Sequence[_Unit], new_units: Sequence[_Unit]) -> list[tuple[int, int]]:
    """The (new, old) passage pairs that can score above 0 in :func:`_score`, sorted: an
    exact blocking, not an estimate, so the alignment is the same as when every pair is
    scored. A pair takes part when either passage counts (see :func:`align_units`), and can
    score only when

    * its content-word Dice reaches :data:`MIN_DICE` (the lower of the two Dice thresholds):
      the shared words are counted through an inverted index (word -> old passages), so
      passages that share no word are never looked at;
    * or it shares :data:`SAME_POSITION` concepts (an index concept -> old passages);
    * or neither passage has a content word and their texts are equal (Dice 1 by
      definition).

    The cost is that of the shared words (the postings of the new passages' words), not of
    every old passage times every new one; :func:`_score` then decides each pair exactly.
    Below :data:`BLOCK_FROM` pairs, every pair is handed on (the same alignment, sooner).
    """
    if len(old_units) * len(new_units) <= BLOCK_FROM:  # few pairs: cheaper than indexing
        return [(ni, oi) for ni in range(len(new_units)) for oi in range(len(old_units))]
    # Two indexes: every old passage (for a new passage that counts), and the old passages
    # that count (for one that does not: an unmarked paragraph pairs only with those).
    indexes = (_Index(), _Index())
    for oi, ou in enumerate(old_units):
        indexes[0].add(oi, ou)
        if _counts(ou):
            indexes[1].add(oi, ou)
    sizes = [len(ou.words) for ou in old_units]
    out: list[tuple[int, int]] = []
    for ni, nu in enumerate(new_units):
        index = indexes[0] if _counts(nu) else indexes[1]
        shared: Counter[int] = Counter()
        for w in nu.words:
            p = index.by_word.get(w)
            if p is not None:
                shared.update(p)
        n = len(nu.words)
        found = {oi for oi, k in shared.items() if 2 * k / (n + sizes[oi]) >= MIN_DICE}
        if len(nu.concepts) >= SAME_POSITION:
            same: Counter[int] = Counter()
            for c in nu.concepts:
                p = index.by_concept.get(c)
                if p is not None:
                    same.update(p)
            found.update(oi for oi, k in same.items() if k >= SAME_POSITION)
        if not nu.words:
            found.update(index.by_text.get(nu.text, ()))
        out.extend((ni, oi) for oi in sorted(found))
    return out


def _counts(u: _Unit) -> bool:
    """Whether a passage counts in alignment: marked, or not a paragraph of a document."""
    return u.marked or u.statement.kind != "document"


class _Index:
    """Old passages by content word, by concept, and (those without content words) by text."""

    __slots__ = ("by_word", "by_concept", "by_text")

    def __init__(self) -> None:
        self.by_word: dict[str, list[int]] = {}
        self.by_concept: dict[str, list[int]] = {}
        self.by_text: dict[str, list[int]] = {}

    def add(self, oi: int, u: _Unit) -> None:
        for w in u.words:
            self.by_word.setdefault(w, []).append(oi)
        for c in u.concepts:
            self.by_concept.setdefault(c, []).append(oi)
        if not u.words:
            self.by_text.setdefault(u.text, []).append(oi)


def align_statements(
    old: Sequence[Statement], new: Sequence[Statement], *, engine: Optional[str] = None
) -> tuple[StatementPair, ...]:
    """Pair each new statement (or passage) with its most similar predecessor, one-to-one.

    Short statements take part whole. A ``document`` statement (a UN speech) takes part by
    paragraph, and only the paragraphs that carry in-scope markers count: a marked paragraph
    may pair with any paragraph of the other side, an unmarked one only with a marked one.
    Two passages may pair when they share wording: their content-word Dice is at least
    :data:`PAIR_THRESHOLD` (:data:`MIN_DICE` when they share a concept) **and** their token
    similarity is at least :data:`MIN_SIMILARITY` -- or when they state the same position in
    other words: at least :data:`SAME_POSITION` shared concepts and a concept Jaccard of at
    least 0.5. The score of a possible pair is the Jaccard index of the concept
    sets plus the content-word Dice; pairs are taken best score first (ties: earlier new
    passage, then earlier old one). Each pair's diff is :func:`diff_passages` (sentence by
    sentence); its ``similarity`` is that of the whole passages (the one the rule uses). Unmatched new passages come out with ``old=None``, gone ones with
    ``new=None``.

    Order: the pairs in the order of their new passages (statement order, then offset), then
    the new passages, then the gone ones in their old order.
    """
    return align_units(alignment_units(old), alignment_units(new), engine=engine)


def align_units(
    old_units: Sequence[_Unit], new_units: Sequence[_Unit], *, engine: Optional[str] = None
) -> tuple[StatementPair, ...]:
    """:func:`align_statements` of the passages :func:`alignment_units` cut (they are only
    read, so one snapshot's serve both the diff before it and the one after)."""
    engine = resolve_engine(engine)
    counts_old = [_counts(u) for u in old_units]
    counts_new = [_counts(u) for u in new_units]

    candidates = []
    for ni, oi in candidate_pairs(old_units, new_units):
        if not (counts_new[ni] or counts_old[oi]):
            continue
        s, gated = _word_score(old_units[oi], new_units[ni])
        if s > 0:
            candidates.append((-s, ni, oi, gated))
    candidates.sort()
    # Greedy, best score first. The token-similarity test (a whole diff) is asked only of
    # a pair reached while both its passages are free: a pair that fails it is passed over
    # exactly as if it had never been a candidate, and one reached after either passage is
    # taken needs no test at all, so the pairs are those of testing every candidate first.
    used_new: dict[int, int] = {}
    used_old: set[int] = set()
    similarity: dict[tuple[int, int], float] = {}
    for _, ni, oi, gated in candidates:
        if ni in used_new or oi in used_old:
            continue
        if gated:
            sim = similarity[ni, oi] = _whole_similarity(old_units[oi], new_units[ni], engine)
            if sim < MIN_SIMILARITY:
                continue
        used_new[ni] = oi
        used_old.add(oi)

    pairs: list[tuple[tuple[int, int, int, int], StatementPair]] = []
    for ni, nu in enumerate(new_units):
        if ni in used_new:
            ou = old_units[used_new[ni]]
            d = diff_passages(ou.text, nu.text, engine=engine)
            known = similarity.get((ni, used_new[ni]))
            sim = _whole_similarity(ou, nu, engine) if known is None else known
            pair = StatementPair(ou.statement, nu.statement, d, sim, ou.span, nu.span,
                                 passage_concepts(ou.statement, ou.span), passage_concepts(nu.statement, nu.span))
            pairs.append(((0, *nu.key()), pair))
        elif counts_new[ni]:
            d = diff_texts("", nu.text, engine=engine)
            pairs.append(((1, *nu.key()), StatementPair(None, nu.statement, d, 0.0, None, nu.span, (),
                                                         passage_concepts(nu.statement, nu.span))))
    for oi, ou in enumerate(old_units):
        if oi in used_old or not counts_old[oi]:
            continue
        d = diff_texts(ou.text, "", engine=engine)
        pairs.append(((2, *ou.key()), StatementPair(ou.statement, None, d, 0.0, ou.span, None,
                                                     passage_concepts(ou.statement, ou.span))))
    pairs.sort(key=lambda p: p[0])
    return tuple(p for _, p in pairs)


def passage_concepts(statement: Optional[Statement], span: Optional[Span]) -> tuple[str, ...]:
    """The in-scope concepts of a statement's markers inside ``span`` (the whole statement
    when ``span`` is None), sorted; () for no statement.

    >>> from positions.model import Marker, Span, Statement
    >>> st = Statement("a", Span(0, 20), "We back dialogue now", "reported",
    ...                markers=(Marker("dialogue", "dialogue", "dialogue", Span(8, 16)),))
    >>> passage_concepts(st, Span(0, 7)), passage_concepts(st, None)
    ((), ('dialogue',))
    """
    if statement is None:
        return ()
    return tuple(sorted({m.concept for m in statement.markers
                         if m.in_scope and (span is None or span.contains(m.span))}))  # fmt: skip


# --------------------------------------------------------------------------------------
# Position diffs
