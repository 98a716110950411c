"""Matching cost of the actors gazetteer: every name of every state in one pass.

``Gazetteer.mentions`` over the normalized UNGDC speeches (or the bundled sample corpus when
``../shared`` is not there), best of three, the text views built beforehand: what is timed
is the matcher. Then the same text with the gazetteer cut down to the first 20 states, to
show that the cost per character does not grow with the number of names (one regular
expression built as a character trie, not one alternative per name).

Usage::

    python benchmarks/bench_gazetteer.py
"""

from __future__ import annotations

import time
from pathlib import Path

import attrs

from positions.actors import load_gazetteer
from positions.sources import bundled_corpus, iter_articles
from positions.text import normalize

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc"


def _best(gz, texts: list[str]) -> tuple[float, int]:
    best, n = float("inf"), 0
    for _ in range(3):
        t0 = time.perf_counter()
        n = sum(len(gz.mentions(t)) for t in texts)
        best = min(best, time.perf_counter() - t0)
    return best, n


def main() -> int:
    source = [UNGDC] if UNGDC.is_dir() else bundled_corpus()
    texts = [normalize(a.text).text for a in iter_articles(source, on_error=lambda p, e: None)]
    chars = sum(map(len, texts))
    full = load_gazetteer()
    small = attrs.evolve(full, countries=dict(list(full.countries.items())[:20]))
    small.reindex()
    for label, gz in (("all states", full), ("20 states", small)):
        names = len({n for c in gz.countries.values() for n in (c.name, *c.names, *c.adjectives, *c.metonyms)})
        dt, n = _best(gz, texts)
        print(f"{label:<12} {len(gz.countries):>4} actors {names:>5} names {chars:>12,} chars {n:>7} mentions "
              f"{dt:6.2f} s {chars / dt / 1e6:6.1f} M chars/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
