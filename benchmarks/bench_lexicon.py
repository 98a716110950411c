"""Matching cost against lexicon size: 1, 100 and 10,000 patterns over the same text.

The patterns are generated (two- to four-word sequences over a fixed vocabulary, some with
globs and gaps), the text is the UNGDC speeches of one country if ``../shared`` is there,
else the bundled sample corpus repeated. Time per run is the best of three and excludes
normalization (the text view is built once), so what is measured is the matcher itself.

Usage::

    python benchmarks/bench_lexicon.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from positions.lexicon import compile_pattern, match_words, words_of
from positions.lexicon.load import Concept, Lexicon, Scope
from positions.lexicon.matcher import Matcher
from positions.text import view

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc"


def corpus_text() -> str:
    files = sorted(UNGDC.glob("CHN_*.txt")) if UNGDC.is_dir() else []
    if files:
        return "\n\n".join(p.read_text(encoding="utf-8-sig") for p in files)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "korea").glob("*.txt"))]
    return "\n\n".join(texts * 20)


def patterns(n: int, vocab: list[str], rng: random.Random) -> list[str]:
    out: set[str] = {"step by step"}
    while len(out) < n:
        words = rng.sample(vocab, rng.randint(2, 4))
        if rng.random() < 0.2:
            words[-1] = words[-1][: max(3, len(words[-1]) - 3)] + "*"
        if rng.random() < 0.1 and len(words) > 2:
            words.insert(1, "..2")
        out.add(" ".join(words))
    return sorted(out)[:n]


def lexicon_of(texts: list[str]) -> Lexicon:
    compiled = [compile_pattern(t, "c") for t in texts]
    return Lexicon("bench", "bench", "0", (Concept("c", "c", "", tuple(texts)),), Scope(), "", "",
                   tuple(compiled), Matcher(compiled))


def main() -> int:
    text = corpus_text()
    tv = view(text)
    segments = [words_of(tv.text, s) for s in tv.sentences]
    n_words = sum(len(s) for s in segments)
    vocab = sorted({w.lower for s in segments for w in s if w.lower.isalpha() and len(w.lower) > 3})
    rng = random.Random(7)
    print(f"text: {n_words:,} words in {len(segments):,} sentences")
    print(f"{'patterns':>9} {'compile s':>10} {'match s':>9} {'words/s':>12} {'markers':>8}")
    for n in (1, 100, 10_000):
        texts = patterns(n, vocab, rng)
        t0 = time.perf_counter()
        lex = lexicon_of(texts)
        compile_s = time.perf_counter() - t0
        best = float("inf")
        found = 0
        for _ in range(3):
            t0 = time.perf_counter()
            found = sum(len(match_words(ws, lex)) for ws in segments)
            best = min(best, time.perf_counter() - t0)
        print(f"{n:>9,} {compile_s:>10.2f} {best:>9.2f} {n_words / best:>12,.0f} {found:>8,}")
    # Linear in text length: the same 100-pattern lexicon over half and all of the text.
    lex = lexicon_of(patterns(100, vocab, random.Random(8)))
    for share in (0.25, 0.5, 1.0):
        part = segments[: int(len(segments) * share)]
        t0 = time.perf_counter()
        for ws in part:
            match_words(ws, lex)
        dt = time.perf_counter() - t0
        print(f"100 patterns over {share:>4.0%} of the text: {dt:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
