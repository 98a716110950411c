"""Benchmark one large article in which every line is a statement: does analysis stay linear?

    python benchmarks/bench_dense.py                 # 1, 2 and 4 MB
    python benchmarks/bench_dense.py --sizes 1 5

A wire-style text ("Lavrov said that Russia supports a phased and synchronized approach.",
one a line, speakers and wordings drawn with a fixed seed) of each size is analysed by
``positions.pipeline.analyze`` in a fresh process; it prints the statements found, the time,
the time per MB (flat when analysis is linear in the text) and the peak memory of the
process. A paragraph lookup that rebuilt its list for every statement once made this
quadratic: 5 MB took 100 s, now ~18 s.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time

NAMES = ["Lavrov", "Wang Yi", "Moon Jae-in", "Kono", "Pompeo", "Ri Yong Ho"]
BITS = [
    "supports a phased and synchronized approach",
    "calls for the resumption of the six-party talks",
    "urges an easing of sanctions",
    "backs a step-by-step approach to denuclearization of the Korean Peninsula",
    "wants security guarantees for Pyongyang",
    "favours a freeze for freeze",
]


def dense_text(size: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    lines = ["MOSCOW, March 1. /TASS/.", ""]
    total = 0
    while total < size:
        line = f"{rng.choice(NAMES)} said that Russia {rng.choice(BITS)}."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines) + "\n"


CHILD = """
import sys, time
import positions
from positions.pipeline import analyze
art = positions.read_article(sys.argv[1], year=2019)
t0 = time.perf_counter()
an = analyze(art)
print(len(an.statements), time.perf_counter() - t0)
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4], help="sizes in MB")
    args = ap.parse_args()
    print(f"{'size':>8} {'statements':>11} {'time':>9} {'s/MB':>7} {'peak RSS':>10}")
    for mb in args.sizes:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
            f.write(dense_text(int(mb * 1_000_000)))
            f.flush()
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            t0 = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CHILD, f.name], capture_output=True, text=True, check=True)
            wall = time.perf_counter() - t0
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            statements, seconds = out.stdout.split()
            seconds = float(seconds)
            rss = f"{peak / 1024:.0f} MB" if peak > before else "(n/a)"
            print(f"{mb:>6g}MB {int(statements):>11,} {seconds:>8.1f}s {seconds / mb:>7.2f} {rss:>10}   (process {wall:.1f} s)")


if __name__ == "__main__":
    main()
