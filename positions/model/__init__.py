"""The records of positions: frozen, slotted attrs classes and nothing else.

Every extracted thing carries :class:`Span` offsets into :attr:`Article.text`, the text of the
input exactly as decoded, so that every figure can be traced to the characters behind it.
The functions that make these records live in the stage that owns them (``sources``,
``text``, ``attribution``, ``lexicon``, ``diff``, ``track``).

The records fall in two modules along the pipeline: :mod:`positions.model.reading` (what
reading and attribution make) and :mod:`positions.model.changes` (what diffing and tracking
over time make); both are importable from here. The records of novelty and diffusion (uses,
standing positions, first uses, convergence) are in :mod:`positions.model.novelty`.
"""

from __future__ import annotations

from .changes import (
    Comparison,
    ComparisonCell,
    ConceptTimeline,
    DiffOp,
    HeldConcept,
    Move,
    PolarityFlip,
    PositionDiff,
    ShiftEvent,
    StatementPair,
    TextDiff,
    Timeline,
    TimelineCell,
    Variant,
    VariantShift,
)
from .reading import (
    Analysis,
    Article,
    DatePrecision,
    DateSource,
    Marker,
    PartialDate,
    Period,
    Snapshot,
    Span,
    Speaker,
    Statement,
)
# The closed vocabularies of the records' fields: Literal types, each with its values.
from .vocabulary import (
    BYS,
    HELD_POLARITIES,
    OP_CODES,
    PERIOD_KINDS,
    POLARITIES,
    ROLES,
    SHIFT_KINDS,
    STATEMENT_KINDS,
    By,
    HeldPolarity,
    OpCode,
    PeriodKind,
    Polarity,
    Role,
    ShiftKind,
    StatementKind,
)

__all__ = [
    "Span",
    "DatePrecision",
    "DateSource",
    "PartialDate",
    "Article",
    "Speaker",
    "Marker",
    "Statement",
    "Analysis",
    "Period",
    "Snapshot",
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
    # the closed vocabularies of the records' fields
    "StatementKind",
    "STATEMENT_KINDS",
    "Polarity",
    "POLARITIES",
    "HeldPolarity",
    "HELD_POLARITIES",
    "OpCode",
    "OP_CODES",
    "PeriodKind",
    "PERIOD_KINDS",
    "By",
    "BYS",
    "Role",
    "ROLES",
    "ShiftKind",
    "SHIFT_KINDS",
]
