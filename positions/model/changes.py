"""The records of change over time: token diffs and moves, position diffs with their
shifts and flips, timelines, comparisons and shift events."""

from __future__ import annotations

from typing import Any, Optional

import attrs

from .reading import Period, Snapshot, Span, Statement
from .vocabulary import By, HeldPolarity, OpCode, Role, ShiftKind

__all__ = [
    "DiffOp",
    "TextDiff",
    "Move",
    "VariantShift",
    "PolarityFlip",
    "StatementPair",
    "HeldConcept",
    "PositionDiff",
    "Variant",
    "TimelineCell",
    "ConceptTimeline",
    "Timeline",
    "ComparisonCell",
    "Comparison",
    "ShiftEvent",
]


@attrs.frozen(weakref_slot=False)
class DiffOp:
    """One token-level operation: ``op`` is ``=``, ``-`` or ``+``.

    ``old`` and ``new`` are spans into the two compared texts; a deletion has an empty
    ``new`` span at the point of deletion, an insertion an empty ``old`` span.
    """

    op: OpCode
    text: str
    old: Span
    new: Span


@attrs.frozen
class Move:
    """A sentence deleted in one place of a passage and inserted, reworded or not, in
    another place of its counterpart (found by :func:`positions.diff.diff_passages`).

    ``old`` and ``new`` are the two sentences' spans in the compared texts; ``diff`` is the
    word diff between them, its operations' spans also into the two compared texts. The
    deletion and the insertion stay in the passage's own operations, which reproduce both
    texts in order; a move says which of them are one sentence moved.
    """

    old: Span
    new: Span
    diff: "TextDiff"


@attrs.frozen
class TextDiff:
    """Token-level differences between two texts, with a similarity in [0, 1], and the
    sentences that moved (:func:`positions.diff.diff_passages` only)."""

    ops: tuple[DiffOp, ...]
    similarity: float
    moves: tuple[Move, ...] = ()
    # The sentence blocks :func:`positions.diff.diff_passages` diffed one by one (see
    # :func:`positions.diff.align_sentences`): spans into the two texts, in order, covering
    # both. Empty for a diff of two texts taken whole. Renderers cut lines at them.
    blocks: tuple[tuple[Span, Span], ...] = ()

    @property
    def changed(self) -> bool:
        return any(op.op != "=" for op in self.ops)

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from ..render.notebook import html_of

        return html_of(self)


@attrs.frozen
class VariantShift:
    """The same concept, held in both periods, under different wording."""

    concept: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@attrs.frozen
class PolarityFlip:
    """A concept kept from one snapshot to the next whose polarity changed."""

    concept: str
    old: HeldPolarity
    new: HeldPolarity


@attrs.frozen
class StatementPair:
    """A statement and its most similar predecessor (``old`` is None for a new statement)."""

    old: Optional[Statement]
    new: Optional[Statement]
    diff: Optional[TextDiff]
    similarity: float
    old_span: Optional[Span] = None  # the aligned passage, when narrower than the statement
    new_span: Optional[Span] = None
    # The in-scope concepts of each passage, sorted (positions.diff.passage_concepts).
    old_concepts: tuple[str, ...] = ()
    new_concepts: tuple[str, ...] = ()


@attrs.frozen
class HeldConcept:
    """A concept held in a snapshot: its polarity over the snapshot's in-scope markers
    (``affirmed``, ``negated`` or ``mixed``) and its wordings (the first surface written for
    each normalized form, whitespace runs as one space, ordered by the form)."""

    concept: str
    polarity: HeldPolarity
    wordings: tuple[str, ...] = ()


@attrs.frozen
class PositionDiff:
    """What changed in one actor's position between two snapshots."""

    actor: str
    old: Snapshot
    new: Snapshot
    gained: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    shifts: tuple[VariantShift, ...] = ()
    polarity_flips: tuple[PolarityFlip, ...] = ()
    pairs: tuple[StatementPair, ...] = ()
    old_held: tuple[HeldConcept, ...] = ()  # each side's concepts, polarities and wordings
    new_held: tuple[HeldConcept, ...] = ()

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from ..render.notebook import html_of

        return html_of(self)

    def to_frame(self) -> "Any":
        """A pandas DataFrame, a row per change (columns in :mod:`positions.frames`)."""
        from ..frames import diffs_frame

        return diffs_frame(self)


@attrs.frozen
class Variant:
    """One wording of a concept: a normalized form, the surface first written for it
    (whitespace runs as one space), how often and from when to when (period keys)."""

    normalized: str
    surface: str
    count: int
    first: str
    last: str
    polarity: HeldPolarity = "affirmed"


@attrs.frozen
class TimelineCell:
    """One concept of one actor in one period: in-scope markers, the statements and
    articles they are in, the wordings used (first surface per normalized form)."""

    period: Period
    count: int
    statements: int
    articles: int
    surfaces: tuple[str, ...] = ()
    polarity: HeldPolarity = "affirmed"


@attrs.frozen
class ConceptTimeline:
    """An actor's history with one concept: the periods it appears in, in time order."""

    actor: str
    concept: str
    cells: tuple[TimelineCell, ...]
    variants: tuple[Variant, ...] = ()

    @property
    def first(self) -> Period:
        return self.cells[0].period

    @property
    def last(self) -> Period:
        return self.cells[-1].period

    @property
    def count(self) -> int:
        return sum(c.count for c in self.cells)


@attrs.frozen
class Timeline:
    """Actor x concept x period. ``periods`` are the columns: every period in which one of
    the actors has a statement; ``active`` says, per actor, in which of them it has one (so
    that "spoke, but not of this" differs from "not heard at all")."""

    by: By
    role: Role
    periods: tuple[Period, ...] = ()
    rows: tuple[ConceptTimeline, ...] = ()
    active: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from ..render.notebook import html_of

        return html_of(self)

    def to_frame(self) -> "Any":
        """A pandas DataFrame, a row per actor, concept and period (columns in
        :mod:`positions.frames`)."""
        from ..frames import TIMELINE_COLUMNS, frame, timeline_rows

        return frame(timeline_rows(self), TIMELINE_COLUMNS)


@attrs.frozen
class ComparisonCell:
    """What one actor says of one concept in the compared period."""

    actor: str
    concept: str
    count: int
    statements: int
    surfaces: tuple[str, ...] = ()
    polarity: HeldPolarity = "affirmed"


@attrs.frozen
class Comparison:
    """Several actors side by side in one period; ``absent`` lists those without a statement
    in it."""

    period: Optional[Period]
    by: By
    role: Role
    actors: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    cells: tuple[ComparisonCell, ...] = ()
    absent: tuple[str, ...] = ()


@attrs.frozen
class ShiftEvent:
    """One change between an actor's successive snapshots: ``kind`` is gained, dropped,
    variant or polarity; ``old``/``new`` hold the wordings (or, for polarity, the
    polarities) before and after."""

    actor: str
    old_period: Period
    new_period: Period
    kind: ShiftKind
    concept: str
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
