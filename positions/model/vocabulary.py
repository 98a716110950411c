"""The closed vocabularies of the records, once: what a statement's ``kind``, a marker's
``polarity``, a diff operation's ``op``, a period's ``kind``, a grouping's ``by`` and an
actor's ``role`` may be.

Each is a :data:`typing.Literal` for type checkers, with the tuple of its values beside it
for the code that checks input at run time (``by not in BYS``) or offers choices. Records
keep plain strings (``Statement.kind == "direct"``), so JSON, the store and every renderer
read them as before.

>>> STATEMENT_KINDS
('direct', 'reported', 'mixed', 'document')
>>> BYS
('article', 'day', 'month', 'year')
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
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

#: How a statement is given: a quotation, reported speech, a quotation inside reported
#: speech, or a whole document (a communiqué, a General Debate speech).
StatementKind = Literal["direct", "reported", "mixed", "document"]
STATEMENT_KINDS: tuple[StatementKind, ...] = get_args(StatementKind)

#: One marker's polarity: the concept asserted, or negated ("no step-by-step approach").
Polarity = Literal["affirmed", "negated"]
POLARITIES: tuple[Polarity, ...] = get_args(Polarity)

#: The polarity of a concept over several markers (a snapshot, a period, a wording):
#: ``mixed`` when some affirm it and some negate it.
HeldPolarity = Literal["affirmed", "negated", "mixed"]
HELD_POLARITIES: tuple[HeldPolarity, ...] = get_args(HeldPolarity)

#: A token diff operation: kept, deleted, inserted.
OpCode = Literal["=", "-", "+"]
OP_CODES: tuple[OpCode, ...] = get_args(OpCode)

#: What a :class:`~positions.model.Period` covers.
PeriodKind = Literal["article", "day", "month", "year", "all"]
PERIOD_KINDS: tuple[PeriodKind, ...] = get_args(PeriodKind)

#: How articles are grouped into periods (a snapshot per article, day, month or year). An
#: article dated only to a coarser precision goes into the coarser period.
By = Literal["article", "day", "month", "year"]
BYS: tuple[By, ...] = get_args(By)

#: Whose positions a statement counts for: those it states (``holder``: its holders) or its
#: speaker's country (``speaker``).
Role = Literal["holder", "speaker"]
ROLES: tuple[Role, ...] = get_args(Role)

#: One change between an actor's successive snapshots (:class:`~positions.model.ShiftEvent`).
ShiftKind = Literal["gained", "dropped", "variant", "polarity"]
SHIFT_KINDS: tuple[ShiftKind, ...] = get_args(ShiftKind)
