"""Text diffs: :func:`diff_texts`, :func:`token_similarity` and :func:`edit_cost` over the
token diffs of :mod:`positions.diff.tokens`."""

from __future__ import annotations

from typing import Optional

from ..model import TextDiff
from .tokens import count_tokens, raw_script, resolve_engine, similarity_of, token_diff



def token_similarity(a: str, b: str, *, engine: Optional[str] = None) -> float:
    """``diff_texts(a, b).similarity`` without making the operations (alignment asks it of
    every possible pair of passages).

    >>> token_similarity("a step-by-step approach", "a phased approach")
    0.6667
    """
    _, ca, cb, raw = raw_script(a, b, resolve_engine(engine))
    return similarity_of(sum(n for op, n in raw if op == "="), len(ca) + len(cb))


def diff_texts(a: str, b: str, *, engine: Optional[str] = None, semantic: bool = True) -> TextDiff:
    """Token-level diff of ``a`` against ``b``.

    Operations carry spans into both texts (a deletion has an empty span in ``b`` at the
    point of deletion, an insertion an empty span in ``a``). ``semantic=False`` skips the
    phrase cleanup and gives the minimal edit script. Texts of more than
    :data:`~positions.diff.tokens.EXACT_TOKENS` tokens together are first cut at anchors
    (:func:`~positions.diff.tokens.anchored_diff`): near-linear time, a valid script that is
    not always the minimal one.

    >>> d = diff_texts("We support dialogue.", "We support direct dialogue.")
    >>> [(o.op, o.text, o.new.as_list()) for o in d.ops]
    [('=', 'We support ', [0, 11]), ('+', 'direct ', [11, 18]), ('=', 'dialogue.', [18, 27])]
    """
    engine = resolve_engine(engine)
    ops, common, total = token_diff(a, b, engine, semantic, rows=False)
    return TextDiff(ops, similarity_of(common, total))


def edit_cost(diff: TextDiff) -> int:
    """Tokens deleted plus tokens inserted (whitespace is not a token).

    >>> edit_cost(diff_texts("a b c", "a x c"))
    2
    """
    return sum(count_tokens(op.text) for op in diff.ops if op.op != "=")
