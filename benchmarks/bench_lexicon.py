"""Matching cost against lexicon size: 1, 100 and 10,000 patterns over the same text.

The patterns are generated (two- to four-word sequences over a fixed vocabulary, some with
globs and gaps), the text is the UNGDC speeches of one country if ``../shared`` is there,
else the bundled sample corpus repeated. Time per run is the best of three and excludes
normalization (the text view is built once), so what is measured is the matcher itself.

The last lines time the whole of ``match_concepts`` with the bundled lexicon (word
reading, scope, matching, markers; the text view built beforehand) and ``words_of`` alone,
best of three, over the same text split into its articles.

Usage::

    python benchmarks/bench_lexicon.py
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from positions.lexicon import compile_pattern, load_lexicon, match_concepts, match_words, words_of
from positions.lexicon.load import Concept, Lexicon, Scope
from positions.lexicon.matcher import Matcher
from positions.model import Article, Span
from positions.text import view

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc"


def corpus_texts() -> list[str]:
    files = sorted(UNGDC.glob("CHN_*.txt")) if UNGDC.is_dir() else []
    if files:
        return [p.read_text(encoding="utf-8-sig") for p in files]
    return [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "korea").glob("*.txt"))] * 20


def corpus_text() -> str:
    return "\n\n".join(corpus_texts())


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
    # End to end: match_concepts with the bundled lexicon, article by article.
    articles = [Article(id=str(k), path=f"<{k}>", text=t, body=Span(0, len(t))) for k, t in enumerate(corpus_texts())]
    views = [view(a.text, a.body) for a in articles]
    bundled = load_lexicon()
    best_m = best_w = float("inf")
    markers = 0
    for _ in range(3):
        t0 = time.perf_counter()
        markers = sum(len(match_concepts(a, bundled, text_view=v)) for a, v in zip(articles, views))
        best_m = min(best_m, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for v in views:
            for s in v.sentences:
                words_of(v.text, s)
        best_w = min(best_w, time.perf_counter() - t0)
    print(f"match_concepts, bundled lexicon: {best_m:.2f} s, {n_words / best_m:,.0f} words/s, {markers:,} markers")
    print(f"words_of alone: {best_w:.2f} s, {n_words / best_w:,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
