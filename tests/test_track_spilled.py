"""positions.track.spilled: records on disk, read back one at a time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.model import Span
from positions.track import Spilled

RECORDS = st.lists(st.recursive(st.none() | st.integers() | st.text(max_size=20),
                                lambda inner: st.tuples(inner, inner) | st.lists(inner, max_size=3), max_leaves=8),
                   max_size=20)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_records_read_back_equal_in_order(records):
    s = Spilled(records)
    assert len(s) == len(records)
    assert list(s) == records and s == records
    assert [s[i] for i in range(-len(records), 0)] == records
    assert s[1:4] == records[1:4] and s[::-1] == records[::-1]
    assert s.labels == (None,) * len(records)


@settings(max_examples=40, deadline=None)
@given(RECORDS, st.randoms(use_true_random=False))
def test_a_reordered_view_shares_the_records(records, rnd):
    s = Spilled()
    for i, r in enumerate(records):
        s.append(r, label=f"l{i}")
    order = list(range(len(records)))
    rnd.shuffle(order)
    view = s.reordered(order)
    assert list(view) == [records[i] for i in order]
    assert view.labels == tuple(f"l{i}" for i in order)
    assert list(s) == records  # the first order stands


def test_records_are_new_objects_equal_to_those_appended():
    span = Span(3, 9)
    s = Spilled([span])
    assert s[0] == span and s[0] is not span
    assert s != [Span(3, 10)] and s != "x" and (s == 3) is False
    assert repr(s) == "<Spilled: 1 records on disk>"
    with pytest.raises(IndexError):
        s[1]
    with pytest.raises(IndexError):
        s[-2]
    with pytest.raises(TypeError):
        hash(s)
