"""Statement scores per layout family: where attribution works and where it does not.

``positions eval`` scores gold files overall and one by one; this script runs the same
evaluation (``positions.evaluate.evaluate``) and adds the per-article tallies up by layout
family, read from the source part of each article's file name (``YYYY-MM-DD-<source>-<slug>.txt``), so that a
closing note can say "meetings coverage 0.93, briefings 0.88" instead of one blended figure.

    python benchmarks/eval_layouts.py fixtures/layouts/dev/*.gold.json
    python benchmarks/eval_layouts.py ../shared/corpora/realdev/*.gold.json
    python benchmarks/eval_layouts.py --format json fixtures/layouts/blind/*.gold.json

A file name that matches no family counts under ``other``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from positions.evaluate import evaluate

# (family, a pattern searched in the article's file name), first match wins. The families
# are the layouts of DESIGN.md's "Real text, and how we know we handle it".
FAMILIES: tuple[tuple[str, str], ...] = (
    ("verbatim records", r"^(?:unpv|spv|s-pv|un-pv|verbatim)|-(?:spv|verbatim)-"),
    ("meetings coverage", r"^(?:unpress|un-press|un-sc|unsc|un-ga|unga|un-meetings)|meetings-coverage"),
    ("white house", r"^white-?house"),
    ("kremlin", r"^kremlin"),
    ("fmprc", r"^(?:fmprc|mfa-?china|chinese-?mfa)"),
    ("documents", r"^(?:joint|kcna|mfa|mofa|unsg|ministry)|(?:statement|declaration|communique|readout)"),
    ("briefings", r"^(?:state|usun|dod|pentagon)|briefing|background"),
    ("wire", r"^(?:tass|xinhua|yonhap|kyodo|reuters|ap|afp|ria|nhk|analysis|news|wire)"),
)

def family_of(name: str) -> str:
    stem = Path(name).name.lower()
    source = re.sub(r"^\d{4}-\d{2}-\d{2}[-_]", "", stem)  # what follows the ISO date
    for family, pattern in FAMILIES:
        if re.search(pattern, source):
            return family
    return "other"


def _f1(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def by_family(result: dict) -> dict[str, dict[str, int]]:
    sums: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for art in result["per_article"]:
        s = sums[family_of(art["article"])]
        st = art["statements"]
        s["articles"] += 1
        s["matched"] += st["matched"]
        s["predicted"] += st["predicted"]
        s["gold"] += st["gold"]
        s["country_ok"] += art["country"][0]
        s["country_n"] += art["country"][1]
        s["holders_ok"] += art["holders"][0]
        s["holders_n"] += art["holders"][1]
    return {k: dict(v) for k, v in sorted(sums.items())}


def _ratio(ok: int, n: int) -> str:
    return f"{ok / n:.2f} ({ok}/{n})" if n else "-"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+")
    ap.add_argument("--format", choices=("text", "json"), default="text")
    args = ap.parse_args(argv)
    result = evaluate(args.gold)
    fams = by_family(result)
    total = {k: sum(f[k] for f in fams.values()) for k in next(iter(fams.values()), {})}
    if args.format == "json":
        json.dump({"families": fams, "overall": total}, sys.stdout, indent=2, sort_keys=True)
        print()
        return 0
    print(f"{'layout':<18} {'files':>5} {'gold':>5} {'found':>5}   P     R     F1    country         holders")
    for name, s in [*fams.items(), ("overall", total)]:
        p, r, f = _f1(s["matched"], s["predicted"], s["gold"])
        print(
            f"{name:<18} {s['articles']:>5} {s['gold']:>5} {s['predicted']:>5}  {p:.2f}  {r:.2f}  {f:.2f}  "
            f"{_ratio(s['country_ok'], s['country_n']):<15} {_ratio(s['holders_ok'], s['holders_n'])}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
