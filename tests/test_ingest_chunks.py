"""Articles sent to an executor in chunks (the Dask engine's tasks) come back in input order,
each in its place among the other events, whatever the window and the chunk size."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from hypothesis import given, settings
from hypothesis import strategies as st

from positions.errors import PositionsError
from positions.store.ingest import _chunked


class Art(int):
    path = "p"


def analyze(a: int) -> int:
    if a % 7 == 3:
        raise PositionsError(f"bad {a}")
    return a * 10


POOL = ThreadPoolExecutor(3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["article", "article", "skip", "begin"]), max_size=60),
       st.integers(1, 4), st.integers(1, 9))  # fmt: skip
def test_chunks_keep_the_order_of_the_stream(kinds, window, chunk):
    events, want = [], []
    for i, kind in enumerate(kinds):
        if kind == "article":
            events.append(("article", Art(i)))
            want.append(("analysis", i * 10) if i % 7 != 3 else ("error", "p", f"bad {i}"))
        else:
            events.append((kind, i))
            want.append((kind, i))
    got = [(g[0], g[1], str(g[2])) if g[0] == "error" else g
           for g in _chunked(POOL, iter(events), analyze, None, window, chunk)]  # fmt: skip
    assert got == want
