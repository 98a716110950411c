"""Token streams and token diffs: the part ``positions/_speedups.c`` mirrors.

A text becomes a stream of items that covers it exactly: the word and punctuation tokens of
:func:`positions.text.token_spans` and the whitespace runs between them. Each distinct item
gets one character (as diff-match-patch's ``diff_linesToChars`` does for lines) and
diff-match-patch diffs the two strings of characters with ``Diff_Timeout = 0``; see
:mod:`positions.diff` for the whole story and the engines.

**Compiled streams.** Where ``positions._speedups`` was built at install (a C compiler was
found), the token streams, token strings and ``DiffOp`` records are made in C; the Python
functions below (``_Stream``, ``_encode``, ``_equals``, ``_rows``, ``build_ops``) are the
reference it is tested against and the fallback where it is missing. The functions without
an underscore that are not in ``positions.diff``'s ``__all__`` are this package's own
(:mod:`positions.diff.texts`, :mod:`positions.diff.passages` build on them).
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import ne
from typing import Any, Iterable, Optional, Sequence

from diff_match_patch import diff_match_patch

from .. import _accel
from ..model import DiffOp, Span
from ..text import TOKEN_PATTERN
from .anchors import anchored_segments, diagonal_pieces

try:  # the optional C++ engine
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None

# The optional compiled token streams (positions/_speedups.c, built at install where a C
# compiler is found): the same units, token strings and operations as the Python code below
# (tests/test_speedups.py), at a fraction of the cost. POSITIONS_PURE_PYTHON=1 turns it off.
_speedups: Any = _accel.speedups

ENGINES: tuple[str, ...] = ("fast", "python")
"""Engine names :func:`positions.diff.diff_texts` accepts."""

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
    r"(?x)(?:[A-Za-z]{2,}(?![\w\u0300-\u036f'-])|" + TOKEN_PATTERN.replace("(?x)", "", 1) + r")\s*"
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
        raw: list[tuple[str, int]] = _fast.diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=True)
        return raw
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact: never the default 1.0 s
    return [("-=+"[op + 1], len(text)) for op, text in dmp.diff_main(a, b, False)]


def resolve_engine(engine: Optional[str]) -> str:
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
Rows = list[Any]


def raw_script(a: str, b: str, engine: str) -> tuple[Any, str, str, list[tuple[str, int]]]:
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
    elif len(ca) + len(cb) <= EXACT_TOKENS:
        raw = _raw_diff(ca, cb, engine)
    else:
        raw = anchored_diff(ca, cb, engine)
    return streams, ca, cb, raw


EXACT_TOKENS = 100_000
"""Token strings up to this many tokens (both sides together) get the exact minimal diff in
one call; longer ones are first cut at anchors (:func:`anchored_diff`). The minimal diff
costs about (A + B) x D for D edits, which grows with the square of the text at a steady
rate of change: 0.6 s for two 80,000-word texts, over ten minutes at 20 MB."""

GAP_TOKENS = 2_000
"""Gaps between anchors are cut again until they hold at most this many tokens."""


def anchored_diff(ca: str, cb: str, engine: str) -> list[tuple[str, int]]:
    """A diff of two long token strings in near-linear time: tokens unique on both sides
    anchor the alignment (patience-style, :mod:`positions.diff.anchors`) and only the gaps
    between anchors get the minimal diff. A valid edit script, but not always the minimal
    one (an anchor may sit where no minimal script keeps a token equal); a gap still over
    :data:`EXACT_TOKENS` with no unique token is diffed in pieces along its diagonal.

    >>> anchored_diff("abcXde", "abXcdf", "python")
    [('=', 2), ('-', 1), ('=', 1), ('+', 1), ('=', 1), ('-', 1), ('+', 1)]
    """
    raw: list[tuple[str, int]] = []
    for kind, a0, a1, b0, b1 in anchored_segments(ca, cb, small=lambda n, m: n + m <= GAP_TOKENS):
        if kind == "=":
            raw.append(("=", a1 - a0))
            continue
        pieces = [(a0, a1, b0, b1)]
        if (a1 - a0) + (b1 - b0) > EXACT_TOKENS:
            pieces = diagonal_pieces(a0, a1, b0, b1, GAP_TOKENS)
        for x0, x1, y0, y1 in pieces:
            if x0 == x1:
                raw.append(("+", y1 - y0))
            elif y0 == y1:
                raw.append(("-", x1 - x0))
            else:
                raw.extend(_raw_diff(ca[x0:x1], cb[y0:y1], engine))
    return raw


def token_diff(a: str, b: str, engine: str, semantic: bool, rows: bool) -> tuple[Any, int, int]:
    """The token diff of ``a`` and ``b``: its operations (``DiffOp`` records, or rows when
    ``rows``), the number of tokens the minimal diff keeps equal, and the number of tokens
    of both texts. Compiled where :mod:`positions._speedups` is built, else in Python."""
    streams, ca, cb, raw = raw_script(a, b, engine)
    E, D, I = _groups(raw)
    common = sum(E)
    if semantic:
        _cleanup_phrases(E, D, I)
    total = len(ca) + len(cb)
    if _speedups is not None:
        return (streams.rows(E, D, I) if rows else streams.ops(E, D, I)), common, total
    sa, sb = streams
    out = _rows(a, b, _equals(sa, sb, E, D, I))
    return (out if rows else build_ops(out)), common, total


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


def _rows(a: str, b: str, eq: Sequence[int]) -> Rows:
    """The operations between and of the equal stretches ``eq`` (see :func:`_equals`): one
    deletion then one insertion between two equal stretches (as diff-match-patch gives
    them), none empty."""
    rows: Rows = []
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


def build_ops(rows: Rows) -> tuple[DiffOp, ...]:
    """``DiffOp`` records (with their two ``Span``\\ s) of rows, built in bulk."""
    ops = list(map(_new, repeat(DiffOp, len(rows) // 6)))
    any(map(_OP_OP, ops, rows[0::6]))
    any(map(_OP_TEXT, ops, rows[1::6]))
    any(map(_OP_OLD, ops, _spans(rows[2::6], rows[3::6])))
    any(map(_OP_NEW, ops, _spans(rows[4::6], rows[5::6])))
    return tuple(ops)


# --------------------------------------------------------------------------------------
# Text diffs


def similarity_of(common: int, total: int) -> float:
    """``2 * common / total`` rounded to 4 places; 1.0 for two empty texts."""
    return round(2 * common / total, 4) if total else 1.0


def count_tokens(text: str) -> int:
    """Word and punctuation tokens of ``text`` (whitespace is not a token)."""
    return len(_UNIT_RE.findall(text))
