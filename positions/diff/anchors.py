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
        p = 0
        while a0 + p < a1 and b0 + p < b1 and a[a0 + p] == b[b0 + p]:
            p += 1
        s = 0
        while a1 - s > a0 + p and b1 - s > b0 + p and a[a1 - s - 1] == b[b1 - s - 1]:
            s += 1
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
        ca = Counter(a[a0:a1])
        cb = Counter(b[b0:b1])
        where_b = {}
        for j in range(b0, b1):
            x = b[j]
            if cb[x] == 1 and ca.get(x) == 1:
                where_b[x] = j
        kept = _lis([(i, where_b[a[i]]) for i in range(a0, a1) if a[i] in where_b])
        if not kept:
            out.append(("~", a0, a1, b0, b1))
            continue
        todo: list[tuple[str, int, int, int, int]] = []
        pa, pb = a0, b0
        for i, j in kept:
            if pa < i or pb < j:
                todo.append(("gap", pa, i, pb, j))
            todo.append(("=", i, i + 1, j, j + 1))
            pa, pb = i + 1, j + 1
        if pa < a1 or pb < b1:
            todo.append(("gap", pa, a1, pb, b1))
        stack.extend(reversed(todo))  # so that they come off the stack in order
    return _join(out)


def _join(segments: list) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if out and seg[0] == "=" and out[-1][0] == "=" and out[-1][2] == seg[1] and out[-1][4] == seg[3]:
            out[-1] = ("=", out[-1][1], seg[2], out[-1][3], seg[4])
        else:
            out.append(tuple(seg))  # type: ignore[arg-type]
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
