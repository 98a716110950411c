"""Which Korean Peninsula concepts the bundled lexicon finds in real UN General Debate speeches.

Reads the speeches of CHN, JPN, KOR, PRK, RUS and USA (2000-2024 by default) from the
UNGDC copy in ``../shared/corpora/ungdc`` and prints, per country, the in-scope concepts of
each year (``-`` prefix: only negated mentions), then how many speeches each concept is
found in. ``--kwic`` prints every in-scope marker with its context instead, for reading.

Usage::

    python benchmarks/ungdc_concepts.py                # per-country table
    python benchmarks/ungdc_concepts.py --kwic PRK     # the markers of one country, to read
    python benchmarks/ungdc_concepts.py --json         # {country: {year: [concepts]}}
    python benchmarks/ungdc_concepts.py --score        # against a person's reading, misses listed

``--score`` compares, speech by speech, the concepts found in scope (a concept is negated
where every in-scope mention is) with ``benchmarks/data/ungdc_korea_reading.json``: a careful
reading of each speech's Korea passages by a person, made without the tool's output. A
(speech, concept) pair found and read is a true positive; precision and recall count pairs;
"negations caught" is the share of the pairs read as negated that are found negated; the
misses (read, not found), the false finds (found, not read) and the polarity errors follow.
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
READING = Path(__file__).resolve().parent / "data" / "ungdc_korea_reading.json"


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
    ap.add_argument("--score", action="store_true", help="score against the reading in benchmarks/data")
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
    if args.score:
        return score(table, json.loads(READING.read_text(encoding="utf-8"))["speeches"], args.first, args.last)
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


def score(table: dict, reading: dict, first: int, last: int) -> int:
    """Print precision, recall, negations caught and every difference from the reading."""
    tp = fp = fn = neg_read = neg_caught = 0
    misses, extra, flips = [], [], []
    for sid, want in sorted(reading.items()):
        iso, _, year = sid.split("_")
        if not first <= int(year) <= last:
            continue
        got = table.get(iso, {}).get(int(year), {})
        for c, pol in want.items():
            if c in got:
                tp += 1
                if got[c] != pol:
                    flips.append(f"{sid} {c}: read {pol}, found {got[c]}")
            else:
                fn += 1
                misses.append(f"{sid} {c}" + (" (negated)" if pol == "negated" else ""))
            if pol == "negated":
                neg_read += 1
                neg_caught += got.get(c) == "negated"
        for c in got:
            if c not in want:
                fp += 1
                extra.append(f"{sid} {c}" + (" (negated)" if got[c] == "negated" else ""))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"{len(reading)} speeches read; {tp + fn} concepts read, {tp + fp} found, {tp} both")
    print(f"precision {p:.3f}  recall {r:.3f}  negations caught {neg_caught}/{neg_read}"
          f" ({neg_caught / neg_read if neg_read else 1:.0%}); polarity errors {len(flips)}")
    for title, rows in (("misses (read, not found)", misses), ("false finds (found, not read)", extra),
                        ("polarity errors", flips)):
        print(f"\n{title}: {len(rows)}")
        for row in rows:
            print(f"  {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
