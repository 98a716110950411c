"""Benchmark :func:`positions.text.view` (normalization, paragraphs, Punkt sentences) and
:func:`positions.text.token_spans` over the UN General Debate speeches, and ``view()`` over
one large text, printing MB/s and words/s.

    python benchmarks/bench_text.py            # the 371 UNGDC files
    python benchmarks/bench_text.py --big 50   # also one text of about 50 MB

Reads ``../shared/corpora/ungdc/`` relative to the repository root.
"""

from __future__ import annotations

import argparse
import sys
import time
import resource
from pathlib import Path

from positions.text import normalize, token_spans, view

UNGDC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ungdc"


def _words(text: str) -> int:
    return len(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", type=float, default=0, help="also time view() on one text of this many MB")
    args = parser.parse_args(argv)
    files = sorted(UNGDC.glob("*.txt"))
    if not files:
        print(f"no UNGDC corpus at {UNGDC}", file=sys.stderr)
        return 1
    texts = [p.read_bytes().decode("utf-8") for p in files]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    words = sum(_words(t) for t in texts)
    print(f"UNGDC: {len(files)} files, {mb:.1f} MB, {words:,} words")

    for label, fn in [
        ("normalize", lambda t: normalize(t)),
        ("view", lambda t: view(t)),
        ("view+tokens", lambda t: token_spans(view(t).text)),
    ]:
        start = time.perf_counter()
        for t in texts:
            fn(t)
        secs = time.perf_counter() - start
        print(f"{label:12} {secs:6.2f} s  {mb / secs:6.2f} MB/s  {words / secs:10,.0f} words/s")

    if args.big:
        joined = "\n\n".join(texts)
        big = joined * max(1, round(args.big * 1e6 / len(joined)))
        big_mb = len(big.encode("utf-8")) / 1e6
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # Linux: kB
        start = time.perf_counter()
        tv = view(big)
        secs = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3 - rss_before
        edits = sum(len(e) for e in tv.norm.edits)
        print(
            f"view of one {big_mb:.0f} MB text: {secs:.1f} s, {big_mb / secs:.2f} MB/s, "
            f"{_words(big) / secs:,.0f} words/s, peak RSS grew by {peak:.0f} MB, {edits:,} edits, "
            f"{len(tv.sentences):,} sentences"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
