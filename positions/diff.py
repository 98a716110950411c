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

Statement alignment and :func:`diff_snapshots` are described in ``docs/diff.md``.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Iterable, Optional, Sequence

from diff_match_patch import diff_match_patch

from .model import (
    DiffOp,
    Marker,
    PolarityFlip,
    PositionDiff,
    Snapshot,
    Span,
    Statement,
    StatementPair,
    TextDiff,
    VariantShift,
)
from .text import _TOKEN_PATTERN, paragraph_spans

try:  # the optional C++ engine
    import fast_diff_match_patch as _fast
except ImportError:  # pragma: no cover - depends on the environment
    _fast = None

__all__ = [
    "ENGINES",
    "available_engines",
    "default_engine",
    "diff_texts",
    "align_statements",
    "diff_snapshots",
    "concept_polarities",
    "PAIR_THRESHOLD",
]

ENGINES: tuple[str, ...] = ("fast", "python")
"""Engine names :func:`diff_texts` accepts."""

# --------------------------------------------------------------------------------------
# Token streams

# The project's token pattern, plus whitespace runs, so that the items cover the text.
_ITEM_RE = re.compile(_TOKEN_PATTERN + r"| \s+")

# Code points for items: the private-use areas, which no implementation counts as letters,
# digits or whitespace, so diff-match-patch's boundary scoring (in the semantic cleanup)
# treats every token alike in both engines and, among equally good places for an edit,
# takes the rightmost: "We support [+direct +]dialogue". Whitespace runs map to the first
# private-use character, or to "\n" when they hold a blank line, so that edits prefer to
# end at paragraph breaks.
_PUA_RANGES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
_PUA_SIZE = sum(b - a + 1 for a, b in _PUA_RANGES)
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")


def _code_point(n: int) -> str:
    for a, b in _PUA_RANGES:
        if n <= b - a:
            return chr(a + n)
        n -= b - a + 1
    # Beyond the private-use areas (more than 137,468 distinct tokens): any other
    # non-surrogate code point that is not whitespace; :func:`diff_texts` then uses the
    # Python engine so that both engines' character classes cannot disagree.
    cp = 0x100 + n
    if cp >= 0xD800:
        cp += 0x800
    if cp > 0x10FFFF:
        raise ValueError("too many distinct tokens to diff")
    return chr(cp)


_SPACE_CHAR = chr(0xE000)


class _Table(dict):
    """Item → character, assigning the next code point to an unseen item."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        super().__init__()
        self.count = 1  # code point 0 of the private-use areas is _SPACE_CHAR

    def __missing__(self, item: str) -> str:
        if item.isspace():
            ch = "\n" if _BLANK_LINE_RE.search(item) else _SPACE_CHAR
        else:
            ch = _code_point(self.count)
            self.count += 1
            while ch.isspace():  # only possible past the private-use areas
                ch = _code_point(self.count)
                self.count += 1
        self[item] = ch
        return ch


def _items(text: str) -> list[str]:
    items = _ITEM_RE.findall(text)
    if sum(map(len, items)) != len(text):  # pragma: no cover - the pattern covers any text
        raise AssertionError("token stream does not cover the text")
    return items


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


_CODES = {"-": -1, "=": 0, "+": 1}


def _raw_diff(a: str, b: str, engine: str) -> list[tuple[int, str]]:
    """The minimal character diff (diff-match-patch's tuples), ``Diff_Timeout = 0``."""
    if engine == "fast":
        ops = _fast.diff(a, b, timelimit=0, checklines=False, cleanup="No", counts_only=False)
        return [(_CODES[op], text) for op, text in ops]
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0  # exact: never the default 1.0 s
    return dmp.diff_main(a, b, False)


def _cleanup_semantic(diffs: list[tuple[int, str]]) -> None:
    # The same (pure-Python) cleanup after either engine: the C++ port's own gives the same
    # result (checked when this was written) but one implementation leaves nothing to drift.
    diff_match_patch().diff_cleanupSemantic(diffs)


def _resolve_engine(engine: Optional[str]) -> str:
    if engine is None:
        return default_engine()
    if engine not in ENGINES:
        raise ValueError(f"unknown diff engine {engine!r} (known: {', '.join(ENGINES)})")
    if engine == "fast" and _fast is None:
        raise ValueError("diff engine 'fast' needs fast-diff-match-patch (pip install positions[fast])")
    return engine


# --------------------------------------------------------------------------------------
# Text diffs


def diff_texts(a: str, b: str, *, engine: Optional[str] = None, semantic: bool = True) -> TextDiff:
    """Token-level diff of ``a`` against ``b``.

    Operations carry spans into both texts (a deletion has an empty span in ``b`` at the
    point of deletion, an insertion an empty span in ``a``). ``semantic=False`` skips the
    semantic cleanup and gives the minimal edit script.

    >>> d = diff_texts("We support dialogue.", "We support direct dialogue.")
    >>> [(o.op, o.text, o.new.as_list()) for o in d.ops]
    [('=', 'We support ', [0, 11]), ('+', 'direct ', [11, 18]), ('=', 'dialogue.', [18, 27])]
    """
    engine = _resolve_engine(engine)
    items_a, items_b = _items(a), _items(b)
    table = _Table()
    chars_a = "".join(map(table.__getitem__, items_a))
    chars_b = "".join(map(table.__getitem__, items_b))
    if table.count >= _PUA_SIZE:
        engine = "python"
    if chars_a == chars_b:
        raw = [(0, chars_a)] if chars_a else []
    else:
        raw = _raw_diff(chars_a, chars_b, engine)
    # Similarity from the minimal script (the longest common token subsequence): the
    # semantic cleanup trades small equalities for readable replacements, which says
    # nothing about how much of the wording the texts share.
    common = sum(_count_tokens(text) for op, text in raw if op == 0)
    if semantic:
        _cleanup_semantic(raw)
    ops = _build_ops(raw, items_a, items_b)
    total = _count_tokens(chars_a) + _count_tokens(chars_b)
    return TextDiff(ops, round(2 * common / total, 4) if total else 1.0)


def _count_tokens(chars: str) -> int:
    """Word and punctuation tokens among mapped characters (whitespace runs excluded)."""
    return len(chars) - chars.count(_SPACE_CHAR) - chars.count("\n")


def _build_ops(
    raw: Iterable[tuple[int, str]], items_a: Sequence[str], items_b: Sequence[str]
) -> tuple[DiffOp, ...]:
    """Turn character operations back into text operations with spans on both sides."""
    off_a = [0, *accumulate(map(len, items_a))]
    off_b = [0, *accumulate(map(len, items_b))]
    # (op, i0, i1, j0, j1): item ranges of a and b
    pieces: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for code, chars in raw:
        n = len(chars)
        if code == 0:
            sa, sb = items_a[i : i + n], items_b[j : j + n]
            if sa == sb:
                pieces.append(("=", i, i + n, j, j + n))
            else:  # same tokens, different whitespace here and there: split those out
                k0 = 0
                for k in [k for k, (x, y) in enumerate(zip(sa, sb)) if x != y]:
                    if k > k0:
                        pieces.append(("=", i + k0, i + k, j + k0, j + k))
                    pieces.append(("-", i + k, i + k + 1, j + k, j + k))
                    pieces.append(("+", i + k + 1, i + k + 1, j + k, j + k + 1))
                    k0 = k + 1
                if n > k0:
                    pieces.append(("=", i + k0, i + n, j + k0, j + n))
            i += n
            j += n
        elif code == -1:
            pieces.append(("-", i, i + n, j, j))
            i += n
        else:
            pieces.append(("+", i, i, j, j + n))
            j += n
    # Between two equal stretches keep one deletion then one insertion, as diff-match-patch
    # does; the whitespace split above can put several side by side.
    out: list[DiffOp] = []
    k = 0
    npieces = len(pieces)
    while k < npieces:
        op, i0, i1, j0, j1 = pieces[k]
        if op == "=":
            text = "".join(items_a[i0:i1])
            out.append(DiffOp("=", text, Span(off_a[i0], off_a[i1]), Span(off_b[j0], off_b[j1])))
            k += 1
            continue
        while k + 1 < npieces and pieces[k + 1][0] != "=":
            k += 1
        i1, j1 = pieces[k][2], pieces[k][4]
        k += 1
        if i1 > i0:
            text = "".join(items_a[i0:i1])
            out.append(DiffOp("-", text, Span(off_a[i0], off_a[i1]), Span(off_b[j0], off_b[j0])))
        if j1 > j0:
            text = "".join(items_b[j0:j1])
            out.append(DiffOp("+", text, Span(off_a[i1], off_a[i1]), Span(off_b[j0], off_b[j1])))
    return tuple(out)


def edit_cost(diff: TextDiff) -> int:
    """Tokens deleted plus tokens inserted (whitespace runs count as tokens here).

    >>> edit_cost(diff_texts("a b c", "a x c"))
    2
    """
    return sum(len(_items(op.text)) for op in diff.ops if op.op != "=")


# --------------------------------------------------------------------------------------
# Statement alignment

PAIR_THRESHOLD = 0.3
"""Least alignment score (see :func:`_score`) for two passages to be paired."""

_STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without as is are was were be
    been being it its this that these those there their they them we our us you your he she
    his her i my me not no so than then also has have had will would shall should can could
    may might must do does did which who whom whose what when where while all any each both
    into over under about such very more most other only own same just upon""".split()
)
_WORD_RE = re.compile(r"[^\W_]+")


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
        self.words = frozenset(
            w for w in _WORD_RE.findall(text.casefold()) if w not in _STOPWORDS
        )  # fmt: skip
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


def _score(old: _Unit, new: _Unit) -> float:
    """Concept Jaccard plus content-word Dice, each in [0, 1]; 0 when neither reaches the
    floor (shared concept or Dice >= PAIR_THRESHOLD)."""
    shared = old.concepts & new.concepts
    union = old.concepts | new.concepts
    cj = len(shared) / len(union) if union else 0.0
    total = len(old.words) + len(new.words)
    dice = 2 * len(old.words & new.words) / total if total else (1.0 if old.text == new.text else 0.0)
    if not shared and dice < PAIR_THRESHOLD:
        return 0.0
    return cj + dice


def align_statements(
    old: Sequence[Statement], new: Sequence[Statement], *, engine: Optional[str] = None
) -> tuple[StatementPair, ...]:
    """Pair each new statement (or passage) with its most similar predecessor, one-to-one.

    Short statements take part whole. A ``document`` statement (a UN speech) takes part by
    paragraph, and only the paragraphs that carry in-scope markers count: a marked paragraph
    may pair with any paragraph of the other side, an unmarked one only with a marked one.
    The score of two passages is the Jaccard index of their concept sets plus the Dice
    coefficient of their content words; passages pair when they share a concept or their Dice
    is at least :data:`PAIR_THRESHOLD`. Pairs are taken best score first (ties: earlier new
    passage, then earlier old one). Unmatched new passages come out with ``old=None``, gone
    ones with ``new=None``.

    Pairs are ordered by the new passage's place (statement order, then offset), followed by
    the gone passages in their old order.
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
            s = _score(ou, nu)
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
            d = diff_texts(ou.text, nu.text, engine=engine)
            pair = StatementPair(ou.statement, nu.statement, d, d.similarity, ou.span, nu.span)
        elif counts(nu, doc_new):
            d = diff_texts("", nu.text, engine=engine)
            pair = StatementPair(None, nu.statement, d, 0.0, None, nu.span)
        else:
            continue
        pairs.append(((0, *nu.key()), pair))
    for oi, ou in enumerate(old_units):
        if oi in used_old or not counts(ou, doc_old):
            continue
        d = diff_texts(ou.text, "", engine=engine)
        pairs.append(((1, *ou.key()), StatementPair(ou.statement, None, d, 0.0, ou.span, None)))
    pairs.sort(key=lambda p: p[0])
    return tuple(p for _, p in pairs)


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
