"""Benchmark reading and normalizing the UN General Debate speeches.

    python benchmarks/bench_read.py              # best of 3 passes
    python benchmarks/bench_read.py --repeat 5

Reads the 371 speeches at ``../shared/corpora/ungdc`` (relative to the repository) with
``positions.sources.iter_articles`` and builds ``positions.text.view`` for each body
(normalization with offset maps, paragraphs, Punkt sentences), then counts words with
``TextView.words``. Prints words per second for reading alone and for reading plus
normalizing. Times are the best of ``--repeat`` passes; nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from positions.sources import iter_articles
from positions.text import view

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc"


def _pass(normalize: bool) -> tuple[float, int, int, int]:
    start = time.perf_counter()
    files = chars = words = 0
    for article in iter_articles([UNGDC]):
        files += 1
        chars += len(article.text)
        if normalize:
            words += view(article.text, article.body).words()
    return time.perf_counter() - start, files, chars, words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is reported")
    args = parser.parse_args()
    if not UNGDC.is_dir():
        print(f"skipped: the UN General Debate corpus is not at {UNGDC}")
        return
    read = min(_pass(False)[0] for _ in range(args.repeat))
    runs = [_pass(True) for _ in range(args.repeat)]
    best, files, chars, words = min(runs)
    print(f"corpus:              {files} speeches, {chars:,} characters, {words:,} words ({UNGDC})")
    print(f"read only:           {read:.2f} s  {words / read:,.0f} words/s")
    print(f"read + normalize:    {best:.2f} s  {words / best:,.0f} words/s")


if __name__ == "__main__":
    sys.exit(main())
