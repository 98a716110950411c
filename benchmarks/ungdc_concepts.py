"""Which Korean Peninsula concepts the bundled lexicon finds in real UN General Debate speeches.

Reads the speeches of CHN, JPN, KOR, PRK, RUS and USA (2000-2024 by default) from the
UNGDC copy in ``../shared/corpora/ungdc`` and prints, per country, the in-scope concepts of
each year (``-`` prefix: only negated mentions), then how many speeches each concept is
found in. ``--kwic`` prints every in-scope marker with its context instead, for reading.

Usage::

    python benchmarks/ungdc_concepts.py                # per-country table
    python benchmarks/ungdc_concepts.py --kwic PRK     # the markers of one country, to read
    python benchmarks/ungdc_concepts.py --json         # {country: {year: [concepts]}}
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from positions.lexicon import load_lexicon, match_concepts
from positions.sources import read_article
from positions.text import view

COUNTRIES = ("CHN", "JPN", "KOR", "PRK", "RUS", "USA")
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ungdc"


def speeches(first: int, last: int, countries=COUNTRIES):
    for path in sorted(CORPUS.glob("*_*_*.txt")):
        iso, _, year = path.stem.split("_")
        if iso in countries and first <= int(year) <= last:
            yield iso, int(year), path


def document_concepts(markers) -> dict[str, str]:
    """concept -> "affirmed" if any in-scope mention affirms it, else "negated"."""
    out: dict[str, str] = {}
    for m in markers:
        if m.in_scope:
            if m.polarity == "affirmed" or m.concept not in out:
                out[m.concept] = m.polarity
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--from", dest="first", type=int, default=2000)
    ap.add_argument("--to", dest="last", type=int, default=2024)
    ap.add_argument("--kwic", metavar="ISO3", default=None, help="print the in-scope markers of one country")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no UNGDC corpus at {CORPUS}", file=sys.stderr)
        return 1
    lex = load_lexicon()
    order = {c: k for k, c in enumerate(lex.concept_ids)}
    table: dict[str, dict[int, dict[str, str]]] = {c: {} for c in COUNTRIES}
    counts: Counter[str] = Counter()
    words = 0
    t0 = time.perf_counter()
    countries = (args.kwic,) if args.kwic else COUNTRIES
    for iso, year, path in speeches(args.first, args.last, countries):
        article = read_article(path)
        tv = view(article.text, article.body)
        words += tv.words()
        markers = match_concepts(article, lex, text_view=tv)
        found = document_concepts(markers)
        table[iso][year] = dict(sorted(found.items(), key=lambda kv: order[kv[0]]))
        counts.update(found.keys())
        if args.kwic:
            for m in markers:
                if not m.in_scope:
                    continue
                left = article.text[max(0, m.span.start - 90) : m.span.start].replace("\n", " ")
                right = article.text[m.span.end : m.span.end + 60].replace("\n", " ")
                neg = " NEG" if m.polarity == "negated" else ""
                print(f"{iso} {year} {m.concept:26}{neg} ...{left}[{m.surface}]{right}...")
    elapsed = time.perf_counter() - t0
    if args.kwic:
        return 0
    if args.json:
        print(json.dumps({c: {str(y): v for y, v in ys.items()} for c, ys in table.items()}, indent=1))
        return 0
    for iso in COUNTRIES:
        print(f"## {iso}")
        for year, found in sorted(table[iso].items()):
            cells = [c if p == "affirmed" else f"-{c}" for c, p in found.items()]
            print(f"{year}  {' '.join(cells) if cells else '.'}")
        print()
    print("speeches per concept:", ", ".join(f"{c} {counts[c]}" for c in lex.concept_ids))
    n = sum(len(v) for v in table.values())
    print(f"{n} speeches, {words} words in {elapsed:.1f} s ({words / elapsed:,.0f} words/s, reading and normalizing included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
