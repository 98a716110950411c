"""Precision and recall of the bundled lexicon on the labelled concept cases, per family.

The cases (``tests/data/concepts/*.json``, one file per family, written in our own words)
give, for a sentence and optionally the speaker's country, every concept it expresses and
whether it is affirmed or negated. A case's predicted concepts are those of all its markers
(scope is not asked: the sentences are about Korea by construction), a concept affirmed if
any of its markers is. Counted per concept: a true positive is an expected concept found,
a false positive a concept found and not expected, a false negative one expected and not
found. Polarity accuracy is the share of true positives with the expected polarity;
"negations caught" the share of expected negated concepts found negated.

Run: ``python benchmarks/concept_cases.py`` (``--misses`` lists every case that differs).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from positions.lexicon import load_lexicon, match_concepts
from positions.model import Article, Span

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "concepts"


def predict(text: str, country, lexicon) -> dict[str, str]:
    """concept -> "affirmed" if any marker affirms it, else "negated"."""
    article = Article("case", "case.txt", text, Span(0, len(text)), country=country)
    out: dict[str, str] = {}
    for m in match_concepts(article, lexicon):
        if m.polarity == "affirmed" or m.concept not in out:
            out[m.concept] = m.polarity
    return dict(sorted(out.items()))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every case whose concepts or polarity differ")
    ap.add_argument("--lexicon", default=None)
    args = ap.parse_args()
    lex = load_lexicon(args.lexicon)
    total = [0, 0, 0, 0, 0, 0, 0]  # tp fp fn polarity-right expected-negated negated-caught cases-exact
    n_cases = 0
    print(f"{'family':<16} {'cases':>5} {'exact':>5} {'P':>6} {'R':>6} {'polarity':>8} {'negations':>9}")
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tp = fp = fn = pol = eneg = cneg = exact = 0
        for case in data["cases"]:
            got = predict(case["text"], case.get("country"), lex)
            want = case["expect"]
            tp += len(got.keys() & want.keys())
            fp += len(got.keys() - want.keys())
            fn += len(want.keys() - got.keys())
            pol += sum(1 for c in got.keys() & want.keys() if got[c] == want[c])
            eneg += sum(1 for p in want.values() if p == "negated")
            cneg += sum(1 for c, p in want.items() if p == "negated" and got.get(c) == "negated")
            exact += got == want
            if args.misses and got != want:
                print(f"  {case['name']}: {case['text']}\n      want {want}\n      got  {got}")
        n = len(data["cases"])
        n_cases += n
        for k, v in enumerate((tp, fp, fn, pol, eneg, cneg, exact)):
            total[k] += v
        print(_row(data["family"], n, tp, fp, fn, pol, eneg, cneg, exact))
    print(_row("all", n_cases, *total))
    return 0


def _row(name, n, tp, fp, fn, pol, eneg, cneg, exact) -> str:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    pa = pol / tp if tp else 1.0
    neg = f"{cneg}/{eneg}" if eneg else "-"
    return f"{name:<16} {n:>5} {exact:>5} {p:>6.2f} {r:>6.2f} {pa:>8.2f} {neg:>9}"


if __name__ == "__main__":
    sys.exit(main())
