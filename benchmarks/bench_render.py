"""Benchmark the rendering of a position diff whose passages are long.

    python benchmarks/bench_render.py              # the 20,000-word pair of bench_diff.py
    python benchmarks/bench_render.py --repeat 5

Two snapshots of one actor, each one statement: the 20,000-word stretch of UN General Debate
text of ``bench_diff.py`` and its copy with about 5% of its words changed. Times, best of
``--repeat``: ``diff_snapshots`` (alignment and the sentence-by-sentence diff), then
``render_diffs`` in each format from that diff. The renderers read the diff's sentence
blocks (``TextDiff.blocks``); before issue 14 they aligned the sentences of every pair again.
The script runs on the code it is started from (``PYTHONPATH`` picks another checkout).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_diff import _words, make_pair  # noqa: E402

from positions.diff import diff_snapshots  # noqa: E402
from positions.model import Period, Snapshot, Span, Statement  # noqa: E402
from positions.render import FORMATS, render_diffs  # noqa: E402


def _snapshot(text: str, key: str) -> Snapshot:
    st = Statement(f"a{key}", Span(0, len(text)), text, "reported", country="RUS", holders=("RUS",))
    return Snapshot("RUS", Period("year", key), (st,), (f"a{key}",), (), (f"{key}.txt",))


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    a, b = make_pair(_words(), 20_000, 0.05, seed=20_000)
    old, new = _snapshot(a, "2018"), _snapshot(b, "2019")
    t, d = best(lambda: diff_snapshots(old, new), args.repeat)
    print(f"20,000-word pair ({len(a):,} and {len(b):,} chars), best of {args.repeat}")
    print(f"  diff_snapshots          {t * 1000:9.1f} ms")
    for fmt in FORMATS:
        t, out = best(lambda: render_diffs([d], fmt), args.repeat)
        print(f"  render_diffs {fmt:<10} {t * 1000:9.1f} ms   {len(out):,} chars")


if __name__ == "__main__":
    main()
