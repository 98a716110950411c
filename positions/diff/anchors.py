"""Anchors for huge inputs: the parts of two long sequences that surely correspond, found in
near-linear time, so that the exact (quadratic) steps only ever run on the short gaps
between them.

Patience-style, as ``git diff --patience`` does: inside a stretch of both sequences, the
elements that occur exactly once on each side are matched, the longest run of such matches
that keeps the order of both sides (a longest increasing subsequence, ``O(k log k)``) is
kept, and every gap between two kept matches is cut again the same way, its common prefix
and suffix first. A gap stops being cut when it is small enough for the exact step, or
when it holds no element unique on both sides (then the caller decides: the exact step when
it is still affordable, else a cut into pieces along the diagonal).

The diff steps use this only above their size limits (``EXACT_TOKENS`` in
:mod:`positions.diff.tokens`, ``EXACT_CELLS`` in :mod:`positions.diff.passages`); below them
they run exactly as before, so every result under the limits is unchanged.

>>> anchored_segments("abcXdefYgh", "abcdeXfYgzh", small=lambda n, m: n + m <= 4)
[('=', 0, 3, 0, 3), ('~', 3, 4, 3, 3), ('=', 4, 6, 3, 5), ('~', 6, 6, 5, 6), ('=', 6, 9, 6, 9), ('~', 9, 9, 9, 10), ('=', 9, 10, 10, 11)]
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Callable, Hashable, Sequence

Segment = tuple[str, int, int, int, int]
"""``("=", a0, a1, b0, b1)``: equal stretches (the same elements on both sides);
``("~", a0, a1, b0, b1)``: a gap left for the exact step (small, or without anchors)."""


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (sorted by their first item) whose second items
    increase; patience sorting with back links, ``O(k log k)``."""
    tails: list[int] = []  # the second item ending the best run of each length
    tail_at: list[int] = []  # index into pairs of that end
    back = [-1] * len(pairs)
    for k, (_, y) in enumerate(pairs):
        p = bisect_left(tails, y)
        if p == len(tails):
            tails.append(y)
            tail_at.append(k)
        else:
            tails[p] = y
            tail_at[p] = k
        back[k] = tail_at[p - 1] if p else -1
    out = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    out.reverse()
    return out


GRAMS = (1, 2, 4, 8, 16)
"""Anchor lengths tried in turn: single elements unique on both sides, then runs of 2, 4 ...
(a stretch that is repeated elsewhere, as boilerplate is, has no unique word, but the runs
that straddle its ends are unique)."""


def _anchors(a: Sequence[Hashable], b: Sequence[Hashable], a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int, int]]:
    """Anchors inside ``a[a0:a1]`` and ``b[b0:b1]`` as ``(i, j, k)``: ``a[i:i+k] == b[j:j+k]``,
    in order on both sides, not overlapping; the shortest runs (see :data:`GRAMS`) that
    give any."""
    for k in GRAMS:
        if a1 - a0 < k or b1 - b0 < k:
            break
        if k == 1:
            ka: Sequence[Hashable] = a[a0:a1]
            kb: Sequence[Hashable] = b[b0:b1]
        elif isinstance(a, str) and isinstance(b, str):
            ka = [a[i : i + k] for i in range(a0, a1 - k + 1)]
            kb = [b[j : j + k] for j in range(b0, b1 - k + 1)]
        else:
            ka = [tuple(a[i : i + k]) for i in range(a0, a1 - k + 1)]
            kb = [tuple(b[j : j + k]) for j in range(b0, b1 - k + 1)]
        # C-level passes over the elements; Python loops only over the distinct ones
        ca, cb = Counter(ka), Counter(kb)
        both = {x for x, n in ca.items() if n == 1}.intersection([x for x, n in cb.items() if n == 1])
        if not both:
            continue
        pos_a, pos_b = dict(zip(ka, range(len(ka)))), dict(zip(kb, range(len(kb))))
        kept = _lis(sorted((pos_a[x], pos_b[x]) for x in both))
        out: list[tuple[int, int, int]] = []
        for i, j in kept:
            i, j = i + a0, j + b0
            if out:
                pi, pj, pk = out[-1]
                if i - j == pi - pj and i <= pi + pk:  # the same diagonal, touching: one run
                    out[-1] = (pi, pj, i + k - pi)
                    continue
                if i < pi + pk or j < pj + pk:  # overlapping the last one otherwise
                    continue
            out.append((i, j, k))
        return out
    return []


def _common(a: Sequence[Hashable], b: Sequence[Hashable], i: int, j: int, most: int, step: int) -> int:
    """How many elements are equal going from ``a[i]`` and ``b[j]`` forwards (``step`` 1) or
    backwards (-1), at most ``most``: slices compared in doubling then halving lengths, so
    that a long equal stretch is compared in C, not element by element."""
    def same(n: int) -> bool:
        if step == 1:
            return a[i : i + n] == b[j : j + n]
        return a[i - n + 1 : i + 1] == b[j - n + 1 : j + 1]

    lo, n = 0, 1  # same(lo) holds
    while n <= most and same(n):
        lo, n = n, 2 * n
    hi = min(n, most + 1)  # same(hi) fails (or hi is past the end)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid
    return lo


def anchored_segments(a: Sequence[Hashable], b: Sequence[Hashable], *,
                      small: Callable[[int, int], bool]) -> list[Segment]:  # fmt: skip
    """``a`` and ``b`` cut into equal stretches and gaps, in order, covering both exactly
    (see the module). ``small(n, m)`` says when a gap of ``n`` and ``m`` elements is left
    whole. Adjacent equal stretches are joined."""
    out: list[Segment] = []
    stack: list[tuple[str, int, int, int, int]] = [("gap", 0, len(a), 0, len(b))]
    while stack:
        kind, a0, a1, b0, b1 = stack.pop()
        if kind == "=":
            out.append(("=", a0, a1, b0, b1))
            continue
        # the common prefix and suffix are equal whatever the rest is
        p = _common(a, b, a0, b0, min(a1 - a0, b1 - b0), 1)
        s = _common(a, b, a1 - 1, b1 - 1, min(a1 - a0, b1 - b0) - p, -1)
        if p:
            out.append(("=", a0, a0 + p, b0, b0 + p))
        if s:
            stack.append(("=", a1 - s, a1, b1 - s, b1))
        a0, b0, a1, b1 = a0 + p, b0 + p, a1 - s, b1 - s
        if a0 == a1 and b0 == b1:
            continue
        if a0 == a1 or b0 == b1 or small(a1 - a0, b1 - b0):
            out.append(("~", a0, a1, b0, b1))
            continue
        kept = _anchors(a, b, a0, a1, b0, b1)
        if not kept:
            out.append(("~", a0, a1, b0, b1))
            continue
        todo: list[tuple[str, int, int, int, int]] = []
        pa, pb = a0, b0
        for i, j, k in kept:
            if pa < i or pb < j:
                todo.append(("gap", pa, i, pb, j))
            todo.append(("=", i, i + k, j, j + k))
            pa, pb = i + k, j + k
        if pa < a1 or pb < b1:
            todo.append(("gap", pa, a1, pb, b1))
        stack.extend(reversed(todo))  # so that they come off the stack in order
    return _join(out)


def _join(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if out and seg[0] == "=" and out[-1][0] == "=" and out[-1][2] == seg[1] and out[-1][4] == seg[3]:
            out[-1] = ("=", out[-1][1], seg[2], out[-1][3], seg[4])
        else:
            out.append(seg)
    return out


def diagonal_pieces(a0: int, a1: int, b0: int, b1: int, size: int) -> list[tuple[int, int, int, int]]:
    """A gap cut into pieces of at most about ``size`` elements a side along its diagonal
    (the last resort for a huge gap with no anchor: each piece is then diffed on its own).

    >>> diagonal_pieces(0, 10, 0, 5, 4)
    [(0, 3, 0, 1), (3, 6, 1, 3), (6, 10, 3, 5)]
    """
    n, m = a1 - a0, b1 - b0
    k = max(1, -(-max(n, m) // size))
    return [(a0 + n * t // k, a0 + n * (t + 1) // k, b0 + m * t // k, b0 + m * (t + 1) // k) for t in range(k)]
