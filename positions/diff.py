"""Token-level text diffs, statement alignment and position diffs.

**Token diffs.** A text becomes a stream of items that covers it exactly: the word and
punctuation tokens of :func:`positions.text.token_spans` and the whitespace runs between them.
Each distinct item gets one character (as diff-match-patch's ``diff_linesToChars`` does for
lines) and diff-match-patch diffs the two strings of characters with ``Diff_Timeout = 0``
(exact and deterministic: never the default one second, which on long texts gives up and
returns whole-text replacements that differ from run to run), then ``diff_cleanupSemantic``
merges the small coincidental equalities inside a reworded phrase, so that the phrase reads as
one replacement. Whitespace runs are compared by kind (a run with a blank line, or any other
run), so re-wrapped lines do not disturb the alignment; where the two sides' whitespace
differs inside an equal stretch, the diff still records it as a deletion and an insertion,
so the operations reproduce both texts exactly.

>>> d = diff_texts("a step-by-step approach", "a phased approach")
>>> [(op.op, op.text) for op in d.ops]
[('=', 'a '), ('-', 'step-by-step'), ('+', 'phased'), ('=', ' approach')]
>>> d.similarity
0.6667

**Similarity** is ``2 * M / (A + B)`` where ``A`` and ``B`` count the word and punctuation
tokens (not whitespace) of the two texts and ``M`` the tokens of their longest common
subsequence (the equal stretches of the minimal diff, before the semantic cleanup), rounded
to 4 places: 1.0 for identical texts (and for two empty ones), 0.0 when nothing is shared.

**Engines.** ``"fast"`` is the C++ port ``fast-diff-match-patch`` (installed with the
``fast`` or ``test`` extra); ``"python"`` is the pure-Python ``diff-match-patch`` package,
always available. Both run the same algorithm on the same characters and give the same
operations (``tests/test_diff.py`` checks it on random inputs). ``engine=None`` picks
``"fast"`` when it can be imported.

**Compiled streams.** Where ``positions._speedups`` was built at install (a C compiler was
found), the token streams, token strings and ``DiffOp`` records are made in C; the Python
functions below (``_Stream``, ``_encode``, ``_equals``, ``_rows``, ``_build``) are the
reference it is tested against and the fallback where it is missing.

Statement alignment and :func:`diff_snapshots` are described in ``docs/diff.md``.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import add, ne
from typing import Any, Iterable, Optional, Sequence

from diff_match_patch import diff_match_patch

from . import _accel
from .model import (
    DiffOp,
    Marker,
    Move,
    PolarityFlip,
    PositionDiff,
    Snapshot,
    Span,
    Statement,
    StatementPair,
    TextDiff,
    VariantShift,
)
from .text import _TOKEN_PATTERN, paragraph_spans, sentence_spans

try:  # the optional C++ engine
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None

# The optional compiled token streams (positions/_speedups.c, built at install where a C
# compiler is found): the same units, token strings and operations as the Python code below
# (tests/test_speedups.py), at a fraction of the cost. POSITIONS_PURE_PYTHON=1 turns it off.
_speedups: Any = _accel.speedups

__all__ = [
    "ENGINES",
    "SENTENCE_THRESHOLD",
    "align_sentences",
    "diff_passages",
    "edit_cost",
    "available_engines",
    "default_engine",
    "diff_texts",
    "token_similarity",
    "align_statements",
    "diff_snapshots",
    "concept_polarities",
    "PAIR_THRESHOLD",
    "MIN_DICE",
    "MOVE_PHRASE",
    "MOVE_SURE",
    "MOVE_THRESHOLD",
    "MIN_SIMILARITY",
    "SAME_POSITION",
    "passage_concepts",
]

ENGINES: tuple[str, ...] = ("fast", "python")
"""Engine names :func:`diff_texts` accepts."""

# --------------------------------------------------------------------------------------
# Token streams

# A unit is one word or punctuation token of the project's pattern and the whitespace after
# it; a text is its leading whitespace, then its units, exactly. The first alternative is a
# shortcut for the commonest token, two or more ASCII letters ending the word: there the
# project's pattern can only match the same (its abbreviation branch needs a dot after the
# first letter, its word branch stops where the lookahead says), and trying it first makes
# the scan about a third faster. ``tests/test_diff.py`` checks the units against the
# project's tokens. (No possessive quantifiers, which need Python 3.11: giving back letters
# can never satisfy the lookahead, which refuses a following letter, and the final ``\s*``
# has nothing after it, so greedy ones match the same.)
_UNIT_RE = re.compile(
    r"(?x)(?:[A-Za-z]{2,}(?![\w\u0300-\u036f'-])|" + _TOKEN_PATTERN.replace("(?x)", "", 1) + r")\s*"
)

# Code points for tokens: the private-use areas first, then every other code point that is
# not a surrogate (both engines compare code points only, so any will do).
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_PUA_SIZE = sum(b - a + 1 for a, b in _PUA_RANGES)
_CODE_RANGES = (*_PUA_RANGES, (0x0, 0xD7FF), (0xF900, 0xEFFFF))


def _code_point(n: int) -> str:
    for a, b in _CODE_RANGES:
        if n <= b - a:
            return chr(a + n)
        n -= b - a + 1
    raise ValueError("too many distinct tokens to diff")


def _code_points(n: int) -> str:
    """The code points of the first ``n`` distinct tokens, in order (see :func:`_code_point`)."""
    if n <= len(_BMP_PUA):
        return _BMP_PUA[:n]
    return _BMP_PUA + "".join(map(_code_point, range(len(_BMP_PUA), n)))


_BMP_PUA = "".join(map(chr, range(_PUA_RANGES[0][0], _PUA_RANGES[0][1] + 1)))


class _Stream:
    """A text as leading whitespace plus units (token + following whitespace), and the
    offset where each unit starts (one more: the end of the text)."""

    __slots__ = ("text", "lead", "units", "offsets")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lead = len(text) - len(text.lstrip())
        self.units = _UNIT_RE.findall(text, self.lead)
        self.offsets = list(accumulate(map(len, self.units), initial=self.lead))

    @property
    def tokens(self) -> list[str]:
        return list(map(str.rstrip, self.units))


def _encode(sa: _Stream, sb: _Stream) -> tuple[str, str, int]:
    """The two streams as strings of one character per token (the same token, the same
    character; code points in order of first appearance), and the number of distinct tokens.

    Built with C-level passes only: the distinct units (token + whitespace), their tokens,
    the distinct tokens, then one lookup per unit."""
    units = dict.fromkeys(sa.units)
    units.update(dict.fromkeys(sb.units))
    tokens = list(map(str.rstrip, units))
    codes = dict.fromkeys(tokens)
    n = len(codes)
    codes = dict(zip(codes, _code_points(n)))
    chars = dict(zip(units, map(codes.__getitem__, tokens)))
    get = chars.__getitem__
    return "".join(map(get, sa.units)), "".join(map(get, sb.units)), n


def _items(text: str) -> list[str]:
    """Tokens and the whitespace runs between them, covering ``text`` exactly."""
    s = _Stream(text)
    out = [text[: s.lead]] if s.lead else []
    for unit, token in zip(s.units, s.tokens):
        out.append(token)
        if len(unit) > len(token):
            out.append(unit[len(token) :])
    return out


# --------------------------------------------------------------------------------------
# Engines


def available_engines() -> tuple[str, ...]:
    """The engines that can run here, fastest first.

    >>> "python" in available_engines()
    True
    """
    return ENGINES if _fast is not None else ("python",)


def default_engine() -> str:
    """``"fast"`` when fast-diff-match-patch can be imported, else ``"python"``."""
    return available_engines()[0]


def _raw_diff(a: str, b: str, engine: str) -> list[tuple[str, int]]:
    """The minimal diff of two token strings as (op, length) pairs, op ``"="``, ``"-"`` or
    ``"+"``, with ``Diff_Timeout = 0``."""
    if engine == "fast":
        return _fast.diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=True)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact: never the default 1.0 s
    return [("-=+"[op + 1], len(text)) for op, text in dmp.diff_main(a, b, False)]


def _resolve_engine(engine: Optional[str]) -> str:
    if engine is None:
        return default_engine()
    if engine not in ENGINES:
        raise ValueError(f"unknown diff engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "fast" and _fast is None:
        raise ValueError("diff engine 'fast' needs fast-diff-match-patch (pip install positions[fast])")
    return engine


def _groups(raw: Iterable[tuple[str, int]]) -> tuple[list[int], list[int], list[int]]:
    """Equal runs and edits, alternating: ``E[0] (D[0], I[0]) E[1] ... (D[r-1], I[r-1]) E[r]``
    (token counts; ``D``/``I`` deleted/inserted, one of them possibly 0)."""
    E, D, I = [0], [], []
    d = i = 0
    editing = False
    for code, n in raw:
        if code == "=":
            if editing:
                D.append(d)
                I.append(i)
                E.append(n)
                d = i = 0
                editing = False
            else:
                E[-1] += n
        else:
            editing = True
            if code == "-":
                d += n
            else:
                i += n
    if editing:
        D.append(d)
        I.append(i)
        E.append(0)
    return E, D, I


def _cleanup_phrases(E: list[int], D: list[int], I: list[int]) -> None:
    """Merge coincidental equalities into the replacements around them, in place.

    An inner equal run is dissolved when it has no more tokens than the deletion and the
    insertion on each side of it: it sits inside a reworded phrase ("resume [the] talks" →
    "keep up [the] momentum"). One next to a pure insertion or deletion is shared wording and
    stays ("... denuclearization and the establishment of a peace mechanism [+in order to ...+]").
    Dissolving grows the neighbouring edits, so the equalities beside them are looked at again.
    """
    k = 1
    while k < len(E) - 1:
        e = E[k]
        if e <= D[k - 1] and e <= I[k - 1] and e <= D[k] and e <= I[k]:
            D[k - 1] += e + D[k]
            I[k - 1] += e + I[k]
            del E[k], D[k], I[k]
            k = max(k - 1, 1)
        else:
            k += 1


# Operations before they are built: a flat list, six items per operation (op, text, a0, a1,
# b0, b1: character offsets into the two texts). Flat, so that a long diff does not keep
# thousands of tuples alive for the garbage collector to walk while its records are built.
_Rows = list


def _raw_script(a: str, b: str, engine: str) -> tuple[Any, str, str, list[tuple[str, int]]]:
    """The two texts' streams (a compiled pair, or the two Python streams), their token
    strings, and the minimal diff of those as (op, length) pairs."""
    if _speedups is not None:
        pair, ca, cb, distinct = _speedups.pair(a, b)
        streams: Any = pair
    else:
        sa, sb = _Stream(a), _Stream(b)
        ca, cb, distinct = _encode(sa, sb)
        streams = (sa, sb)
    if distinct > _PUA_SIZE:
        engine = "python"  # beyond the private-use areas: keep to plain code point compares
    if ca == cb:
        raw = [("=", len(ca))] if ca else []
    else:
        raw = _raw_diff(ca, cb, engine)
    return streams, ca, cb, raw


def _token_diff(a: str, b: str, engine: str, semantic: bool, rows: bool) -> tuple[Any, int, int]:
    """The token diff of ``a`` and ``b``: its operations (``DiffOp`` records, or rows when
    ``rows``), the number of tokens the minimal diff keeps equal, and the number of tokens
    of both texts. Compiled where :mod:`positions._speedups` is built, else in Python."""
    streams, ca, cb, raw = _raw_script(a, b, engine)
    E, D, I = _groups(raw)
    common = sum(E)
    if semantic:
        _cleanup_phrases(E, D, I)
    total = len(ca) + len(cb)
    if _speedups is not None:
        return (streams.rows(E, D, I) if rows else streams.ops(E, D, I)), common, total
    out = _rows(a, b, _equals(*streams, E, D, I))
    return (out if rows else _build(out)), common, total


def token_similarity(a: str, b: str, *, engine: Optional[str] = None) -> float:
    """``diff_texts(a, b).similarity`` without making the operations (alignment asks it of
    every possible pair of passages).

    >>> token_similarity("a step-by-step approach", "a phased approach")
    0.6667
    """
    _, ca, cb, raw = _raw_script(a, b, _resolve_engine(engine))
    return _similarity(sum(n for op, n in raw if op == "="), len(ca) + len(cb))


def _equals(sa: _Stream, sb: _Stream, E: list[int], D: list[int], I: list[int]) -> list[int]:
    """The equal stretches of the two texts, in order, as ``[a0, a1, b0, b1, a0, a1, ...]``
    (character offsets; stretches that touch on both sides joined into one).

    Equal: the leading whitespace when both sides have the same; the tokens of each equal
    run, but where the whitespace after a token differs between the sides, that whitespace
    is left out (it becomes a deletion and an insertion); and the whitespace that ends both
    sides of a replacement: "a [-step-by-step-]{+phased+} approach", not
    "a [-step-by-step -]{+phased +}approach". Everything between two equal stretches is an
    edit."""
    oa, ob, ua, ub = sa.offsets, sb.offsets, sa.units, sb.units
    eq: list[int] = []
    if sa.lead and sa.text[: sa.lead] == sb.text[: sb.lead]:
        eq.extend((0, sa.lead, 0, sb.lead))

    def add(a0: int, a1: int, b0: int, b1: int) -> None:
        if eq and eq[-3] == a0 and eq[-1] == b0:
            eq[-3] = a1
            eq[-1] = b1
        else:
            eq.extend((a0, a1, b0, b1))

    i = j = 0
    last = len(D)
    for k, e in enumerate(E):
        if e:
            xa, xb = ua[i : i + e], ub[j : j + e]
            if xa == xb:
                add(oa[i], oa[i + e], ob[j], ob[j + e])
            else:  # the same tokens, with different whitespace after some of them
                ca, cb = oa[i], ob[j]
                for x in compress(range(e), map(ne, xa, xb)):
                    n = len(xa[x].rstrip())
                    add(ca, oa[i + x] + n, cb, ob[j + x] + n)
                    ca, cb = oa[i + x + 1], ob[j + x + 1]
                if ca < oa[i + e]:
                    add(ca, oa[i + e], cb, ob[j + e])
            i += e
            j += e
        if k < last:
            d, n = D[k], I[k]
            if d and n:
                u, v = ua[i + d - 1], ub[j + n - 1]
                space = len(u) - len(u.rstrip())
                if space and u[-space:] == v[-space:]:
                    a1, b1 = oa[i + d], ob[j + n]
                    add(a1 - space, a1, b1 - space, b1)
            i += d
            j += n
    return eq


def _rows(a: str, b: str, eq: Sequence[int]) -> _Rows:
    """The operations between and of the equal stretches ``eq`` (see :func:`_equals`): one
    deletion then one insertion between two equal stretches (as diff-match-patch gives
    them), none empty."""
    rows: _Rows = []
    extend = rows.extend
    pa = pb = 0
    it = iter(eq)
    for a0, a1, b0, b1 in zip(it, it, it, it):
        if a0 > pa:
            extend(("-", a[pa:a0], pa, a0, pb, pb))
        if b0 > pb:
            extend(("+", b[pb:b0], a0, a0, pb, b0))
        extend(("=", a[a0:a1], a0, a1, b0, b1))
        pa, pb = a1, b1
    a0, b0 = len(a), len(b)
    if a0 > pa:
        extend(("-", a[pa:a0], pa, a0, pb, pb))
    if b0 > pb:
        extend(("+", b[pb:b0], a0, a0, pb, b0))
    return rows


_new = object.__new__
_set = object.__setattr__
_SPAN_START = Span.__dict__["start"].__set__
_SPAN_END = Span.__dict__["end"].__set__
_OP_OP = DiffOp.__dict__["op"].__set__
_OP_TEXT = DiffOp.__dict__["text"].__set__
_OP_OLD = DiffOp.__dict__["old"].__set__
_OP_NEW = DiffOp.__dict__["new"].__set__


def _spans(starts: Sequence[int], ends: Sequence[int]) -> list[Span]:
    # Spans without attrs' validators, filled slot by slot in C-level passes: offsets made
    # here are valid by construction, and a long diff makes tens of thousands of them.
    spans = list(map(_new, repeat(Span, len(starts))))
    any(map(_SPAN_START, spans, starts))
    any(map(_SPAN_END, spans, ends))
    return spans


def _build(rows: _Rows) -> tuple[DiffOp, ...]:
    """``DiffOp`` records (with their two ``Span``\\ s) of rows, built in bulk."""
    ops = list(map(_new, repeat(DiffOp, len(rows) // 6)))
    any(map(_OP_OP, ops, rows[0::6]))
    any(map(_OP_TEXT, ops, rows[1::6]))
    any(map(_OP_OLD, ops, _spans(rows[2::6], rows[3::6])))
    any(map(_OP_NEW, ops, _spans(rows[4::6], rows[5::6])))
    return tuple(ops)


# --------------------------------------------------------------------------------------
# Text diffs


def _similarity(common: int, total: int) -> float:
    return round(2 * common / total, 4) if total else 1.0


def diff_texts(a: str, b: str, *, engine: Optional[str] = None, semantic: bool = True) -> TextDiff:
    """Token-level diff of ``a`` against ``b``.

    Operations carry spans into both texts (a deletion has an empty span in ``b`` at the
    point of deletion, an insertion an empty span in ``a``). ``semantic=False`` skips the
    phrase cleanup and gives the minimal edit script.

    >>> d = diff_texts("We support dialogue.", "We support direct dialogue.")
    >>> [(o.op, o.text, o.new.as_list()) for o in d.ops]
    [('=', 'We support ', [0, 11]), ('+', 'direct ', [11, 18]), ('=', 'dialogue.', [18, 27])]
    """
    engine = _resolve_engine(engine)
    ops, common, total = _token_diff(a, b, engine, semantic, rows=False)
    return TextDiff(ops, _similarity(common, total))


def _count_tokens(text: str) -> int:
    return len(_UNIT_RE.findall(text))


def edit_cost(diff: TextDiff) -> int:
    """Tokens deleted plus tokens inserted (whitespace is not a token).

    >>> edit_cost(diff_texts("a b c", "a x c"))
    2
    """
    return sum(_count_tokens(op.text) for op in diff.ops if op.op != "=")


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


def _dice(x: frozenset, y: frozenset) -> float:
    total = len(x) + len(y)
    return 2 * len(x & y) / total if total else 0.0


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

    A block is a pair of sentences when both its spans are non-empty.
    """
    ca, cb = _chunks(a), _chunks(b)
    wa = [_content_words(a[x:y]) for x, y in ca]
    wb = [_content_words(b[x:y]) for x, y in cb]
    n, m = len(ca), len(cb)
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
                s = _dice(wa[i - 1], wb[j - 1])
                if s >= SENTENCE_THRESHOLD:
                    options.append((score[i - 1][j - 1] + s, (1, 1)))
            if i >= 2 and j:
                s = _dice(wa[i - 2] | wa[i - 1], wb[j - 1])
                if s >= SENTENCE_THRESHOLD:
                    options.append((score[i - 2][j - 1] + s - _MERGE_PENALTY, (2, 1)))
            if i and j >= 2:
                s = _dice(wa[i - 1], wb[j - 2] | wb[j - 1])
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
    return tuple((Span(a0, a1), Span(b0, b1)) for a0, a1, b0, b1, _ in blocks)


def diff_passages(a: str, b: str, *, engine: Optional[str] = None, semantic: bool = True) -> TextDiff:
    """:func:`diff_texts` sentence by sentence: the sentences of ``a`` and ``b`` are paired
    by :func:`align_sentences`, each pair is diffed on its own, and sentences without a
    counterpart are deleted or inserted whole. So a largely rewritten paragraph reads as
    "this sentence became that one", not as one big replacement. Edits never run across a
    block boundary (a deleted sentence and the next block's insertion stay apart). The
    similarity counts the tokens kept equal inside the sentence pairs.

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
    engine = _resolve_engine(engine)
    blocks = align_sentences(a, b)
    if len(blocks) <= 1 or not any(x and y for x, y in blocks):  # no sentence pair: one diff
        return diff_texts(a, b, engine=engine, semantic=semantic)
    rows: _Rows = []
    common = total = 0
    for x, y in blocks:
        if x and y:
            block, c, t = _token_diff(x.slice(a), y.slice(b), engine, semantic, rows=True)
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
            total += _count_tokens(x.slice(a)) + _count_tokens(y.slice(b))
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
    moves = _moves(a, b, blocks, engine, semantic)
    return TextDiff(_build(rows), _similarity(common, total), moves)


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
    wx = [(m.group().casefold(), m.group()[0].isupper()) for m in _WORD_RE.finditer(x)]
    wy = [m.group().casefold() for m in _WORD_RE.finditer(y)]
    best = 0
    prev: list[tuple[int, bool]] = [(0, True)] * (len(wy) + 1)  # (content words, all capitalized)
    for word, upper in wx:
        content = len(word) > 2 and word not in _STOPWORDS  # not the "s" of "People's"
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
    for c0, c1 in chunks:
        if span.start <= c0 and c1 <= span.end:
            piece = text[c0:c1]
            core = piece.strip()
            if core:
                lead = len(piece) - len(piece.lstrip())
                out.append(Span(c0 + lead, c0 + lead + len(core)))
    return out


def _moves(a: str, b: str, blocks: Sequence[tuple[Span, Span]], engine: str, semantic: bool) -> tuple[Move, ...]:
    """Moved sentences: the deleted and inserted sentences of the blocks (those the ordered
    alignment left without a counterpart) paired one to one, best content-word Dice first
    (ties: earlier sentences first); in the order of the old passage.

    A pair needs a Dice of :data:`MOVE_SURE`, or of :data:`MOVE_THRESHOLD` and a shared
    phrase of :data:`MOVE_PHRASE` content words (:func:`_shared_phrase`). Without the order
    that supports a pair in :func:`align_sentences`, shared words alone mislead: in a Korea
    passage every sentence shares "Korean peninsula" and the country names."""
    gone_blocks = [x for x, y in blocks if x and not y]
    came_blocks = [y for x, y in blocks if y and not x]
    if not gone_blocks or not came_blocks:  # most pairs: no sentence splitting again
        return ()
    ca, cb = _chunks(a), _chunks(b)
    gone = [s for x in gone_blocks for s in _sentences_within(a, ca, x)]
    came = [s for y in came_blocks for s in _sentences_within(b, cb, y)]
    if not gone or not came:
        return ()
    wa = [_content_words(s.slice(a)) for s in gone]
    wb = [_content_words(s.slice(b)) for s in came]
    candidates = sorted(
        (-d, i, j)
        for i in range(len(gone))
        for j in range(len(came))
        if (d := _dice(wa[i], wb[j])) >= MOVE_SURE
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
        d = diff_texts(x.slice(a), y.slice(b), engine=engine, semantic=semantic)
        ops = tuple(DiffOp(o.op, o.text, o.old.shift(x.start), o.new.shift(y.start)) for o in d.ops)
        moves.append(Move(x, y, TextDiff(ops, d.similarity)))
    return tuple(moves)


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

_STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without as is are was were be
    been being it its this that these those there their they them we our us you your he she
    his her i my me not no so than then also has have had will would shall should can could
    may might must do does did which who whom whose what when where while all any each both
    into over under about such very more most other only own same just upon""".split()
)
_WORD_RE = re.compile(r"[^\W_]+")


def _content_words(text: str) -> frozenset[str]:
    """Lower-cased words minus function words."""
    return frozenset(w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS)


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
        self.words = _content_words(text)
        self.marked = bool(self.concepts)

    def key(self) -> tuple[int, int, int]:
        return (self.order, self.span.start, self.span.end)


def _units(statements: Sequence[Statement]) -> list[_Unit]:
    """Whole statements, and the paragraphs of ``document`` statements (single-part ones)."""
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
    shared = old.concepts & new.concepts
    union = old.concepts | new.concepts
    cj = len(shared) / len(union) if union else 0.0
    total = len(old.words) + len(new.words)
    dice = 2 * len(old.words & new.words) / total if total else (1.0 if old.text == new.text else 0.0)
    if len(shared) >= SAME_POSITION and cj >= 0.5:
        return cj + dice
    if dice < (MIN_DICE if shared else PAIR_THRESHOLD):
        return 0.0
    if _whole_similarity(old, new, engine) < MIN_SIMILARITY:
        return 0.0
    return cj + dice


def _whole_similarity(old: _Unit, new: _Unit, engine: str) -> float:
    return token_similarity(old.text, new.text, engine=engine)


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
    engine = _resolve_engine(engine)
    old_units, new_units = _units(old), _units(new)
    doc_old = {id(u) for u in old_units if u.statement.kind == "document"}
    doc_new = {id(u) for u in new_units if u.statement.kind == "document"}

    def counts(u: _Unit, docs: set[int]) -> bool:
        return u.marked or id(u) not in docs

    candidates = []
    for ni, nu in enumerate(new_units):
        for oi, ou in enumerate(old_units):
            if not (counts(nu, doc_new) or counts(ou, doc_old)):
                continue
            s = _score(ou, nu, engine)
            if s > 0:
                candidates.append((-s, ni, oi))
    candidates.sort()
    used_new: dict[int, int] = {}
    used_old: set[int] = set()
    for _, ni, oi in candidates:
        if ni in used_new or oi in used_old:
            continue
        used_new[ni] = oi
        used_old.add(oi)

    pairs: list[tuple[tuple, StatementPair]] = []
    for ni, nu in enumerate(new_units):
        if ni in used_new:
            ou = old_units[used_new[ni]]
            d = diff_passages(ou.text, nu.text, engine=engine)
            sim = _whole_similarity(ou, nu, engine)
            pair = StatementPair(ou.statement, nu.statement, d, sim, ou.span, nu.span)
            pairs.append(((0, *nu.key()), pair))
        elif counts(nu, doc_new):
            d = diff_texts("", nu.text, engine=engine)
            pairs.append(((1, *nu.key()), StatementPair(None, nu.statement, d, 0.0, None, nu.span)))
    for oi, ou in enumerate(old_units):
        if oi in used_old or not counts(ou, doc_old):
            continue
        d = diff_texts(ou.text, "", engine=engine)
        pairs.append(((2, *ou.key()), StatementPair(ou.statement, None, d, 0.0, ou.span, None)))
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


def _snapshot_markers(snap: Snapshot) -> list[Marker]:
    if snap.markers:
        return [m for m in snap.markers if m.in_scope]
    seen = set()
    out = []
    for st in snap.statements:
        for m in st.markers:
            key = (st.article, m.concept, m.span)
            if m.in_scope and key not in seen:
                seen.add(key)
                out.append(m)
    return out


def concept_polarities(markers: Iterable[Marker]) -> dict[str, str]:
    """Each concept's polarity over some markers: ``affirmed``, ``negated`` or ``mixed``.

    >>> from positions.model import Marker, Span
    >>> concept_polarities([Marker("cvid", "CVID", "cvid", Span(0, 4), polarity="negated")])
    {'cvid': 'negated'}
    """
    seen: dict[str, set[str]] = {}
    for m in markers:
        seen.setdefault(m.concept, set()).add(m.polarity)
    return {c: (next(iter(p)) if len(p) == 1 else "mixed") for c, p in sorted(seen.items())}


def _surfaces(markers: Iterable[Marker], concept: str) -> dict[str, str]:
    """Normalized form → the first surface written for it, for one concept."""
    out: dict[str, str] = {}
    for m in markers:
        if m.concept == concept:
            out.setdefault(m.normalized or m.surface.casefold(), m.surface)
    return out


def diff_snapshots(old: Snapshot, new: Snapshot, *, engine: Optional[str] = None) -> PositionDiff:
    """What changed in an actor's position from ``old`` to ``new``.

    A concept is held in a snapshot when at least one in-scope marker of it is there,
    affirmed or negated; its polarity is ``affirmed``/``negated`` when all its markers agree,
    ``mixed`` otherwise. ``kept`` concepts whose polarity differs are polarity flips; kept
    concepts whose sets of normalized wordings differ are variant shifts (each listing its
    surfaces as first written, ordered by normalized form). Concept lists are sorted by id.
    """
    om, nm = _snapshot_markers(old), _snapshot_markers(new)
    op, np_ = concept_polarities(om), concept_polarities(nm)
    gained = tuple(sorted(set(np_) - set(op)))
    dropped = tuple(sorted(set(op) - set(np_)))
    kept = tuple(sorted(set(op) & set(np_)))
    shifts = []
    flips = []
    for c in kept:
        so, sn = _surfaces(om, c), _surfaces(nm, c)
        if set(so) != set(sn):
            shifts.append(VariantShift(c, tuple(so[k] for k in sorted(so)), tuple(sn[k] for k in sorted(sn))))
        if op[c] != np_[c]:
            flips.append(PolarityFlip(c, op[c], np_[c]))
    pairs = align_statements(old.statements, new.statements, engine=engine)
    actor = new.actor if new.actor == old.actor else f"{old.actor}/{new.actor}"
    return PositionDiff(actor, old, new, gained, dropped, kept, tuple(shifts), tuple(flips), pairs)
