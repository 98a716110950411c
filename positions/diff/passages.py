"""Passages: two passages aligned sentence by sentence (:func:`align_sentences`), diffed
block by block (:func:`diff_passages`), and the sentences that moved between them."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import repeat
from operator import add
from typing import Any, Iterable, Optional, Sequence

from ..model import DiffOp, Move, Span, TextDiff
from ..text import sentence_spans
from .anchors import anchored_segments, diagonal_pieces
from .texts import diff_texts
from .tokens import Rows, build_ops, count_tokens, resolve_engine, similarity_of, token_diff

STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without as is are was were be
    been being it its this that these those there their they them we our us you your he she
    his her i my me not no so than then also has have had will would shall should can could
    may might must do does did which who whom whose what when where while all any each both
    into over under about such very more most other only own same just upon""".split()
)
WORD_RE = re.compile(r"[^\W_]+")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words minus function words."""
    return frozenset(w for w in WORD_RE.findall(text.casefold()) if w not in STOPWORDS)



# --------------------------------------------------------------------------------------
# Sentence alignment inside a pair of passages

SENTENCE_THRESHOLD = 0.2
"""Least content-word Dice coefficient for two sentences to be paired inside a passage."""

_MERGE_PENALTY = 0.05


def _chunks(text: str) -> list[tuple[int, int]]:
    """The text cut at sentence starts: each sentence with the whitespace after it (the
    first also with anything before it), covering the text exactly."""
    starts = [s.start for s in sentence_spans(text)][1:]
    bounds = [0, *starts, len(text)]
    return list(zip(bounds, bounds[1:]))


def dice(x: frozenset[str], y: frozenset[str]) -> float:
    total = len(x) + len(y)
    return 2 * len(x & y) / total if total else 0.0



EXACT_CELLS = 250_000
"""Passages with up to this many sentence pairs (sentences of one times sentences of the
other: 500 against 500) are aligned by the dynamic programme over all of them; longer ones
are first cut at anchors (:func:`_anchored_moves`)."""

GAP_CELLS = 2_500
"""Gaps between anchors are cut again until they hold at most this many sentence pairs."""


def _dp(wa: Sequence[frozenset[str]], wb: Sequence[frozenset[str]]) -> list[tuple[int, int, int, int]]:
    """The monotone alignment of two runs of sentences (their content words) as moves
    ``(i0, i1, j0, j1)``: sentences ``i0:i1`` of one side against ``j0:j1`` of the other,
    in order (see :func:`align_sentences`)."""
    n, m = len(wa), len(wb)
    neg = float("-inf")
    score = [[neg] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    score[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if i == 0 and j == 0:
                continue
            best, move = neg, (0, 0)
            options = []
            if i and j:
                s = dice(wa[i - 1], wb[j - 1])
                if s >= SENTENCE_THRESHOLD:
                    options.append((score[i - 1][j - 1] + s, (1, 1)))
            if i >= 2 and j:
                s = dice(wa[i - 2] | wa[i - 1], wb[j - 1])
                if s >= SENTENCE_THRESHOLD:
                    options.append((score[i - 2][j - 1] + s - _MERGE_PENALTY, (2, 1)))
            if i and j >= 2:
                s = dice(wa[i - 1], wb[j - 2] | wb[j - 1])
                if s >= SENTENCE_THRESHOLD:
                    options.append((score[i - 1][j - 2] + s - _MERGE_PENALTY, (1, 2)))
            if j:  # read backwards: on a tie, deleted sentences come before inserted ones
                options.append((score[i][j - 1], (0, 1)))
            if i:
                options.append((score[i - 1][j], (1, 0)))
            for value, mv in options:  # first best wins: pairs before skips
                if value > best + 1e-12:
                    best, move = value, mv
            score[i][j], back[i][j] = best, move
    moves = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        moves.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    moves.reverse()
    return moves


def _anchored_moves(a: str, b: str, ca: Sequence[tuple[int, int]], cb: Sequence[tuple[int, int]],
                    wa: Sequence[frozenset[str]], wb: Sequence[frozenset[str]]) -> list[tuple[int, int, int, int]]:  # fmt: skip
    """:func:`_dp` for long passages, in near-linear time: sentences that occur once on each
    side, word for word (whitespace aside, and with content words), anchor the alignment
    (:mod:`positions.diff.anchors`) and are paired with each other; the dynamic programme
    runs on the gaps between anchors only (a gap over :data:`EXACT_CELLS` with no anchor,
    piece by piece along its diagonal). The same alignment as :func:`_dp` wherever the
    anchors lie on its path, which they do unless an identical sentence is better left
    unpaired or joined with its neighbour."""
    ka = [" ".join(a[x:y].split()) if w else ("a", k) for k, ((x, y), w) in enumerate(zip(ca, wa))]
    kb = [" ".join(b[x:y].split()) if w else ("b", k) for k, ((x, y), w) in enumerate(zip(cb, wb))]
    moves: list[tuple[int, int, int, int]] = []
    for kind, a0, a1, b0, b1 in anchored_segments(ka, kb, small=lambda n, m: n * m <= GAP_CELLS):
        if kind == "=":
            moves.extend((a0 + t, a0 + t + 1, b0 + t, b0 + t + 1) for t in range(a1 - a0))
            continue
        pieces = [(a0, a1, b0, b1)]
        if (a1 - a0) * (b1 - b0) > EXACT_CELLS:
            pieces = diagonal_pieces(a0, a1, b0, b1, 50)
        for x0, x1, y0, y1 in pieces:
            moves.extend((i0 + x0, i1 + x0, j0 + y0, j1 + y0) for i0, i1, j0, j1 in _dp(wa[x0:x1], wb[y0:y1]))
    return moves


def align_sentences(a: str, b: str) -> tuple[tuple[Span, Span], ...]:
    """Blocks of two passages, in order, covering both exactly: each block is a run of one
    or two sentences of ``a`` and of ``b`` that correspond, or sentences of one side alone
    (an empty span on the other, at the point where they go).

    Sentences (:func:`positions.text.sentence_spans`, each with the whitespace after it) are
    paired by a monotone alignment (dynamic programming over both sequences) that maximizes
    the summed content-word Dice of the pairs; a pair needs a Dice of at least
    :data:`SENTENCE_THRESHOLD`. One sentence may also correspond to two consecutive ones on
    the other side (split or joined), at a small penalty.

    >>> a = "We back talks. Sanctions must go. Peace matters."
    >>> b = "Peace is vital. We back direct talks."
    >>> [(x.slice(a), y.slice(b)) for x, y in align_sentences(a, b)]
    [('', 'Peace is vital. '), ('We back talks. ', 'We back direct talks.'), ('Sanctions must go. Peace matters.', '')]

    A block is a pair of sentences when both its spans are non-empty. Passages of more than
    :data:`EXACT_CELLS` sentence pairs are first cut at anchors, sentences that occur once on
    each side (see ``docs/diff.md``, "Huge documents"), so that the time stays near-linear.
    """
    return _align(a, b)[0]


def _align(a: str, b: str) -> tuple[tuple[tuple[Span, Span], ...], list[tuple[int, int]], list[tuple[int, int]]]:
    """:func:`align_sentences`, and the sentence chunks of both texts (for :func:`_moves`)."""
    ca, cb = _chunks(a), _chunks(b)
    wa = [content_words(a[x:y]) for x, y in ca]
    wb = [content_words(b[x:y]) for x, y in cb]
    n, m = len(ca), len(cb)
    if n * m <= EXACT_CELLS:
        moves = _dp(wa, wb)
    else:
        moves = _anchored_moves(a, b, ca, cb, wa, wb)
    # Consecutive sentences of one side without a counterpart join into one block.
    blocks: list[list[Any]] = []  # a0, a1, b0, b1, side
    for i0, i1, j0, j1 in moves:
        a0 = ca[i0][0] if i0 < n else len(a)
        a1 = ca[i1 - 1][1] if i1 > i0 else a0
        b0 = cb[j0][0] if j0 < m else len(b)
        b1 = cb[j1 - 1][1] if j1 > j0 else b0
        side = "=" if i1 > i0 and j1 > j0 else ("-" if i1 > i0 else "+")
        if blocks and side != "=" and blocks[-1][4] == side:
            blocks[-1][1], blocks[-1][3] = a1, b1
        else:
            blocks.append([a0, a1, b0, b1, side])
    return tuple((Span(a0, a1), Span(b0, b1)) for a0, a1, b0, b1, _ in blocks), ca, cb


def diff_passages(a: str, b: str, *, engine: Optional[str] = None, semantic: bool = True) -> TextDiff:
    """:func:`diff_texts` sentence by sentence: the sentences of ``a`` and ``b`` are paired
    by :func:`align_sentences`, each pair is diffed on its own, and sentences without a
    counterpart are deleted or inserted whole. So a largely rewritten paragraph reads as
    "this sentence became that one", not as one big replacement. Edits never run across a
    block boundary (a deleted sentence and the next block's insertion stay apart). The
    similarity counts the tokens kept equal inside the sentence pairs. The blocks stay on the
    result (:attr:`TextDiff.blocks`), for renderers to cut lines at.

    The alignment keeps the order of both passages, so a sentence that moved is deleted in
    one place and inserted in another; :attr:`TextDiff.moves` then pairs the two (see
    :data:`MOVE_THRESHOLD`), with the word diff between them.

    >>> a, b = "We back talks. Sanctions must go.", "Sanctions must go now. We back talks."
    >>> d = diff_passages(a, b)
    >>> [(o.op, o.text) for o in d.ops]
    [('+', 'Sanctions must go now. '), ('=', 'We back talks.'), ('-', ' Sanctions must go.')]
    >>> [(m.old.slice(a), m.new.slice(b)) for m in d.moves]
    [('Sanctions must go.', 'Sanctions must go now.')]
    >>> [(o.op, o.text) for o in d.moves[0].diff.ops]
    [('=', 'Sanctions must go'), ('+', ' now'), ('=', '.')]
    """
    engine = resolve_engine(engine)
    blocks, ca, cb = _align(a, b)
    if len(blocks) <= 1 or not any(x and y for x, y in blocks):  # no sentence pair: one diff
        whole = diff_texts(a, b, engine=engine, semantic=semantic)
        return TextDiff(whole.ops, whole.similarity, (), blocks)
    rows: Rows = []
    common = total = 0
    for x, y in blocks:
        if x and y:
            block, c, t = token_diff(x.slice(a), y.slice(b), engine, semantic, rows=True)
            for k, dk in ((2, x.start), (3, x.start), (4, y.start), (5, y.start)):
                block[k::6] = map(add, block[k::6], repeat(dk))
            common += c
            total += t
        else:
            block = []
            if x:
                block += ("-", x.slice(a), x.start, x.end, y.start, y.start)
            if y:
                block += ("+", y.slice(b), x.end, x.end, y.start, y.end)
            total += count_tokens(x.slice(a)) + count_tokens(y.slice(b))
        if block and rows:  # the same edit on both sides of a block boundary: one operation
            k = len(rows) - 6
            if block[0] == rows[k] == "-":  # (prev a0, this a1, this b0, this b1)
                rows[k + 1] += block[1]
                rows[k + 3 : k + 6] = block[3:6]
                del block[:6]
            elif block[0] == rows[k] == "+":  # (this a0, this a1, prev b0, this b1)
                rows[k + 1] += block[1]
                rows[k + 2 : k + 4] = block[2:4]
                rows[k + 5] = block[5]
                del block[:6]
        rows += block
    moves = _moves(a, b, blocks, engine, semantic, ca, cb)
    return TextDiff(build_ops(rows), similarity_of(common, total), moves, blocks)


MOVE_THRESHOLD = 0.2
"""Least content-word Dice for a deleted and an inserted sentence of two aligned passages to
be shown as one sentence moved; below :data:`MOVE_SURE` they must also share a phrase of
:data:`MOVE_PHRASE` content words that is not a name (see :func:`_moves`)."""

MOVE_SURE = 0.4
"""Content-word Dice from which two sentences are a move without a shared phrase."""

MOVE_PHRASE = 4
"""Content words of the phrase two less similar sentences must share to be a move."""


def _shared_phrase(x: str, y: str) -> int:
    """The most content words in a run of words common to ``x`` and ``y`` (compared
    case-blind, punctuation ignored), leaving out runs whose content words are all
    capitalized: a shared name ("Democratic People's Republic of Korea") says little about
    whether two sentences state the same thing, and these passages share their names."""
    wx = [(m.group().casefold(), m.group()[0].isupper()) for m in WORD_RE.finditer(x)]
    wy = [m.group().casefold() for m in WORD_RE.finditer(y)]
    best = 0
    prev: list[tuple[int, bool]] = [(0, True)] * (len(wy) + 1)  # (content words, all capitalized)
    for word, upper in wx:
        content = len(word) > 2 and word not in STOPWORDS  # not the "s" of "People's"
        cur: list[tuple[int, bool]] = [(0, True)]
        for j, other in enumerate(wy):
            if word != other:
                cur.append((0, True))
                continue
            n, caps = prev[j]
            if content:
                n, caps = n + 1, caps and upper
            cur.append((n, caps))
            if n > best and not caps:
                best = n
        prev = cur
    return best


def _sentences_within(text: str, chunks: Sequence[tuple[int, int]], span: Span) -> list[Span]:
    """The sentences of ``text`` inside ``span`` (a run of whole chunks), without the
    whitespace around them."""
    out = []
    k = bisect_left(chunks, (span.start, -1))  # chunks are in order: start at the first inside
    while k < len(chunks) and chunks[k][1] <= span.end:
        c0, c1 = chunks[k]
        k += 1
        piece = text[c0:c1]
        core = piece.strip()
        if core:
            lead = len(piece) - len(piece.lstrip())
            out.append(Span(c0 + lead, c0 + lead + len(core)))
    return out


MOVE_RARE = 100
"""In a long passage pair (over :data:`EXACT_CELLS` deleted times inserted sentences), a
deleted and an inserted sentence are only compared when they share a content word found in
at most this many of the inserted sentences (see :func:`_move_candidates`)."""


def _move_candidates(wa: Sequence[frozenset[str]], wb: Sequence[frozenset[str]]) -> Iterable[tuple[int, int]]:
    """The (deleted, inserted) sentence pairs worth comparing, in order: every pair while
    there are up to :data:`EXACT_CELLS` of them; beyond, the pairs that share a word of at
    most :data:`MOVE_RARE` inserted sentences (an inverted index, so that thousands of
    deleted and inserted sentences in a multi-megabyte pair are not compared all with all;
    a pair sharing only common words is then not looked at, the one place a move can be
    missed)."""
    if len(wa) * len(wb) <= EXACT_CELLS:
        return ((i, j) for i in range(len(wa)) for j in range(len(wb)))
    postings: dict[str, list[int]] = {}
    for j, words in enumerate(wb):
        for w in words:
            postings.setdefault(w, []).append(j)
    out: list[tuple[int, int]] = []
    for i, words in enumerate(wa):
        near: set[int] = set()
        for w in words:
            p = postings.get(w)
            if p is not None and len(p) <= MOVE_RARE:
                near.update(p)
        out.extend((i, j) for j in sorted(near))
    return out


def _moves(a: str, b: str, blocks: Sequence[tuple[Span, Span]], engine: str, semantic: bool,
           ca: Sequence[tuple[int, int]], cb: Sequence[tuple[int, int]]) -> tuple[Move, ...]:  # fmt: skip
    """Moved sentences: the deleted and inserted sentences of the blocks (those the ordered
    alignment left without a counterpart) paired one to one, best content-word Dice first
    (ties: earlier sentences first); in the order of the old passage.

    A pair needs a Dice of :data:`MOVE_SURE`, or of :data:`MOVE_THRESHOLD` and a shared
    phrase of :data:`MOVE_PHRASE` content words (:func:`_shared_phrase`). Without the order
    that supports a pair in :func:`align_sentences`, shared words alone mislead: in a Korea
    passage every sentence shares "Korean peninsula" and the country names."""
    gone_blocks = [x for x, y in blocks if x and not y]
    came_blocks = [y for x, y in blocks if y and not x]
    if not gone_blocks or not came_blocks:  # most pairs: nothing to pair
        return ()
    gone = [s for x in gone_blocks for s in _sentences_within(a, ca, x)]
    came = [s for y in came_blocks for s in _sentences_within(b, cb, y)]
    if not gone or not came:
        return ()
    wa = [content_words(s.slice(a)) for s in gone]
    wb = [content_words(s.slice(b)) for s in came]
    candidates = sorted(
        (-d, i, j)
        for i, j in _move_candidates(wa, wb)
        if (d := dice(wa[i], wb[j])) >= MOVE_SURE
        or (d >= MOVE_THRESHOLD and _shared_phrase(gone[i].slice(a), came[j].slice(b)) >= MOVE_PHRASE)
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            chosen.append((i, j))
    moves = []
    for i, j in sorted(chosen):
        x, y = gone[i], came[j]
        wd = diff_texts(x.slice(a), y.slice(b), engine=engine, semantic=semantic)
        ops = tuple(DiffOp(o.op, o.text, o.old.shift(x.start), o.new.shift(y.start)) for o in wd.ops)
        moves.append(Move(x, y, TextDiff(ops, wd.similarity)))
    return tuple(moves)
