"""The closed vocabularies of positions.model.vocabulary hold what the pipeline makes: on the
bundled corpus, every statement kind, marker polarity, diff operation, period kind and shift
kind is one of them (and, where the corpus has them all, every one of them occurs)."""

from __future__ import annotations

import typing

import attrs
import pytest

import positions
from positions.model import (
    BYS,
    HELD_POLARITIES,
    OP_CODES,
    PERIOD_KINDS,
    POLARITIES,
    ROLES,
    SHIFT_KINDS,
    STATEMENT_KINDS,
    Analysis,
    Marker,
    Period,
    ShiftEvent,
    Statement,
    vocabulary,
)
from positions.track import PERIODS, shift_events, successive_diffs


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return list(positions.analyze_corpus(positions.iter_articles(positions.bundled_corpus())))


def test_each_tuple_is_its_literal():
    pairs = [("StatementKind", STATEMENT_KINDS), ("Polarity", POLARITIES), ("HeldPolarity", HELD_POLARITIES),
             ("OpCode", OP_CODES), ("PeriodKind", PERIOD_KINDS), ("By", BYS), ("Role", ROLES),
             ("ShiftKind", SHIFT_KINDS)]  # fmt: skip
    assert {name for name, _ in pairs} == {n for n in vocabulary.__all__ if not n.isupper()}
    for name, values in pairs:
        assert values == typing.get_args(getattr(vocabulary, name)), name


def test_the_records_are_annotated_with_them():
    assert attrs.fields(Statement).kind.type == "StatementKind"
    assert attrs.fields(Marker).polarity.type == "Polarity"
    assert attrs.fields(Period).kind.type == "PeriodKind"
    assert attrs.fields(ShiftEvent).kind.type == "ShiftKind"
    assert PERIODS == BYS == ("article", "day", "month", "year") and ROLES == ("holder", "speaker")


def test_statements_and_markers_of_the_bundled_corpus(analyses):
    assert {st.kind for an in analyses for st in an.statements} == set(STATEMENT_KINDS)
    assert {m.polarity for an in analyses for m in an.markers} == set(POLARITIES)


def test_diffs_of_the_bundled_corpus(analyses):
    diffs = [d for by in BYS for d in successive_diffs(analyses, "RUS", by=by)]
    assert {op.op for d in diffs for p in d.pairs if p.diff for op in p.diff.ops} == set(OP_CODES)
    assert {s.period.kind for d in diffs for s in (d.old, d.new)} == {"article", "day", "month", "year"}
    assert {h.polarity for d in diffs for h in d.old_held + d.new_held} <= set(HELD_POLARITIES)
    assert {f.new for d in diffs for f in d.polarity_flips} <= set(HELD_POLARITIES)
    assert {e.kind for e in shift_events(diffs)} == set(SHIFT_KINDS)
    assert set(PERIOD_KINDS) - {"article", "day", "month", "year"} == {"all"}
