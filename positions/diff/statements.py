"""Statement alignment: each new statement (or paragraph of a document) paired with its most
similar predecessor, and the passages' concepts."""

from __future__ import annotations

import heapq
from collections import Counter
from typing import Callable, Optional, Sequence

from ..model import Marker, Span, Statement, StatementPair, TextDiff
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
    read, so one snapshot's serve both the diff before it and the one after).

    Passages with the same text, concepts and part (:func:`_counts`) score alike against any
    other, so they are scored, tested and diffed once, as a class (a wire story reprinted
    a thousand times is one class of a thousand passages); the greedy matching then hands
    each class's passages out in index order, which is the order of the pairwise greedy
    (:func:`_greedy`)."""
    engine = resolve_engine(engine)
    used_new, old_class, new_class, counts_old, counts_new, similarity = _matching(old_units, new_units, engine)

    pairs: list[tuple[tuple[int, int, int, int], StatementPair]] = []
    diffs: dict[tuple[int, int], TextDiff] = {}
    for ni, nu in enumerate(new_units):
        cn = new_class[ni]
        if ni in used_new:
            oi = used_new[ni]
            ou, co = old_units[oi], old_class[oi]
            d = diffs.get((cn, co))
            if d is None:
                d = diffs[cn, co] = diff_passages(ou.text, nu.text, engine=engine)
            sim = similarity.get((cn, co))
            if sim is None:
                sim = similarity[cn, co] = _whole_similarity(ou, nu, engine)
            pair = StatementPair(ou.statement, nu.statement, d, sim, ou.span, nu.span,
                                 passage_concepts(ou.statement, ou.span), passage_concepts(nu.statement, nu.span))
            pairs.append(((0, *nu.key()), pair))
        elif counts_new[cn]:
            d = diffs.get((cn, -1))
            if d is None:
                d = diffs[cn, -1] = diff_texts("", nu.text, engine=engine)
            pairs.append(((1, *nu.key()), StatementPair(None, nu.statement, d, 0.0, None, nu.span, (),
                                                         passage_concepts(nu.statement, nu.span))))
    used_old = set(used_new.values())
    for oi, ou in enumerate(old_units):
        co = old_class[oi]
        if oi in used_old or not counts_old[co]:
            continue
        d = diffs.get((-1, co))
        if d is None:
            d = diffs[-1, co] = diff_texts(ou.text, "", engine=engine)
        pairs.append(((2, *ou.key()), StatementPair(ou.statement, None, d, 0.0, ou.span, None,
                                                     passage_concepts(ou.statement, ou.span))))
    pairs.sort(key=lambda p: p[0])
    return tuple(p for _, p in pairs)


def _matching(old_units: Sequence[_Unit], new_units: Sequence[_Unit], engine: str) -> tuple[
    dict[int, int], list[int], list[int], list[bool], list[bool], dict[tuple[int, int], float]
]:
    """The matching ``{new passage: old passage}`` of :func:`align_units`; each passage's
    class, on both sides; whether each class counts, on both sides; and the token
    similarities found, by ``(new class, old class)``."""
    old_class, old_reps, old_members = _classes(old_units)
    new_class, new_reps, new_members = _classes(new_units)
    counts_old = [_counts(u) for u in old_reps]
    counts_new = [_counts(u) for u in new_reps]

    levels: dict[float, list[tuple[int, int, bool]]] = {}
    for cn, co in candidate_pairs(old_reps, new_reps):
        if not (counts_new[cn] or counts_old[co]):
            continue
        s, gated = _word_score(old_reps[co], new_reps[cn])
        if s > 0:
            levels.setdefault(s, []).append((cn, co, gated))
    similarity: dict[tuple[int, int], float] = {}

    def passes(cn: int, co: int) -> bool:
        sim = similarity.get((cn, co))
        if sim is None:
            sim = similarity[cn, co] = _whole_similarity(old_reps[co], new_reps[cn], engine)
        return sim >= MIN_SIMILARITY

    used_new = _greedy(levels, old_members, new_members, passes)
    return used_new, old_class, new_class, counts_old, counts_new, similarity


def _classes(units: Sequence[_Unit]) -> tuple[list[int], list[_Unit], list[list[int]]]:
    """Each passage's class (same text, concepts and part), each class's first passage, and
    each class's passages in index order."""
    index: dict[tuple[object, ...], int] = {}
    of: list[int] = []
    reps: list[_Unit] = []
    members: list[list[int]] = []
    for i, u in enumerate(units):
        key = (u.text, u.concepts, _counts(u))
        c = index.get(key)
        if c is None:
            c = index[key] = len(reps)
            reps.append(u)
            members.append([])
        of.append(c)
        members[c].append(i)
    return of, reps, members


def _greedy(
    levels: dict[float, list[tuple[int, int, bool]]],
    old_members: list[list[int]],
    new_members: list[list[int]],
    passes: Callable[[int, int], bool],
) -> dict[int, int]:
    """The matching ``{new passage: old passage}`` of the pairwise greedy -- every candidate
    pair ``(score, new, old)`` taken best score first, then earlier new passage, then
    earlier old one, when both are free and, for a gated pair, its token similarity
    ``passes`` -- from the candidate pairs of classes (``levels``: by score, ``(new class,
    old class, gated)``).

    At one score, passages come in index order and each takes the earliest free old passage
    among its candidates there: the earliest free member of one of its candidate classes
    (those that pass). So a class's members are taken in index order (a pointer to its
    first free one is all its state), and a new class whose passage found nothing free
    leaves the score: its later members would find nothing either."""
    old_next = [0] * len(old_members)
    new_next = [0] * len(new_members)
    out: dict[int, int] = {}
    for s in sorted(levels, reverse=True):
        cands: dict[int, list[tuple[int, bool]]] = {}
        for cn, co, gated in levels[s]:
            cands.setdefault(cn, []).append((co, gated))
        heap = [(new_members[cn][new_next[cn]], cn) for cn in cands if new_next[cn] < len(new_members[cn])]
        heapq.heapify(heap)
        while heap:
            ni, cn = heapq.heappop(heap)
            best_oi = best_co = -1
            for co, gated in cands[cn]:
                k = old_next[co]
                if k >= len(old_members[co]):
                    continue
                oi = old_members[co][k]
                if best_oi >= 0 and oi >= best_oi:
                    continue
                if gated and not passes(cn, co):
                    continue
                best_oi, best_co = oi, co
            if best_oi < 0:
                continue
            out[ni] = best_oi
            old_next[best_co] += 1
            new_next[cn] += 1
            if new_next[cn] < len(new_members[cn]):
                heapq.heappush(heap, (new_members[cn][new_next[cn]], cn))
    return out


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
