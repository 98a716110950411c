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
reference it is tested against is :mod:`positions.diff.tokens`.

The package, along its seams: :mod:`~positions.diff.tokens` (token streams and token diffs,
what ``_speedups.c`` mirrors), :mod:`~positions.diff.texts` (text diffs),
:mod:`~positions.diff.passages` (sentence alignment inside two passages, moves),
:mod:`~positions.diff.statements` (statement alignment, its candidate pairs through an exact
inverted index) and :mod:`~positions.diff.anchors` (patience anchors, which keep the token
diffs and sentence alignments of multi-megabyte texts near-linear). Position diffs of two snapshots
(:func:`diff_snapshots`) are :mod:`positions.track`'s: they are still importable from here.
Statement alignment and :func:`diff_snapshots` are described in ``docs/diff.md``.
"""

from __future__ import annotations

from typing import Any

from .passages import MOVE_PHRASE, MOVE_SURE, MOVE_THRESHOLD, SENTENCE_THRESHOLD, align_sentences, diff_passages
from .statements import (
    MIN_DICE,
    MIN_SIMILARITY,
    PAIR_THRESHOLD,
    SAME_POSITION,
    align_statements,
    passage_concepts,
)
from .texts import diff_texts, edit_cost, token_similarity
from .tokens import ENGINES, available_engines, default_engine

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

_FROM_TRACK = ("diff_snapshots", "concept_polarities")


def __getattr__(name: str) -> Any:
    """``diff_snapshots`` and ``concept_polarities``, which live in :mod:`positions.track`
    (it builds on this package: importing them here eagerly would make the two import
    each other)."""
    if name in _FROM_TRACK:
        from .. import track

        return getattr(track, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
