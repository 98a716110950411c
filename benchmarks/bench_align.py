"""Statement alignment on the UN General Debate corpus: how many passage pairs the exact
blocking of ``align_statements`` still scores, and its time against scoring every pair.

    python benchmarks/bench_align.py                 # --by year and --by article, every actor
    python benchmarks/bench_align.py --by year

For every actor and every two successive snapshots (as ``positions diff CORPUS --by ...``
and the report compare them), it counts

* the pairs alignment scored before the blocking (every new passage against every old one
  where either counts: a marked passage or a whole statement),
* the pairs :func:`positions.diff.statements.candidate_pairs` hands to the scoring (they
  share enough content words, or two concepts, or are both wordless and equal),
* the pairs that score above 0 (which both must contain),

checks that the blocked alignment equals the all-pairs one pair for pair, and times both
(best of ``--repeat``). The blocking is exact: a pair it leaves out cannot score, so the
two alignments are always the same; the script fails loudly if they are not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from positions.diff import statements as st
from positions.pipeline import analyze_corpus
from positions.sources import iter_articles
from positions.track import actors, snapshots

UNGDC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ungdc"


def all_pairs(old_units, new_units, engine):
    """The alignment's scoring before the blocking: every pair where either side counts."""
    counts_old = [u.marked or u.statement.kind != "document" for u in old_units]
    counts_new = [u.marked or u.statement.kind != "document" for u in new_units]
    out, looked = [], 0
    for ni, nu in enumerate(new_units):
        for oi, ou in enumerate(old_units):
            if not (counts_new[ni] or counts_old[oi]):
                continue
            looked += 1
            s = st._score(ou, nu, engine)
            if s > 0:
                out.append((-s, ni, oi))
    out.sort()
    return out, looked


def blocked(old_units, new_units, engine):
    counts_old = [u.marked or u.statement.kind != "document" for u in old_units]
    counts_new = [u.marked or u.statement.kind != "document" for u in new_units]
    out, looked = [], 0
    for ni, oi in st.candidate_pairs(old_units, new_units):
        if not (counts_new[ni] or counts_old[oi]):
            continue
        looked += 1
        s = st._score(old_units[oi], new_units[ni], engine)
        if s > 0:
            out.append((-s, ni, oi))
    out.sort()
    return out, looked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=UNGDC)
    ap.add_argument("--by", choices=("year", "article", "both"), default="both")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"corpus not found: {args.corpus}")
    analyses = list(analyze_corpus(iter_articles([args.corpus])))
    engine = st.resolve_engine(None)
    for by in ("year", "article") if args.by == "both" else (args.by,):
        series = []
        for actor in actors(analyses):
            snaps = snapshots(analyses, actor, by=by)
            units = [st.alignment_units(s.statements) for s in snaps]
            series.extend(zip(units, units[1:]))
        totals = {"all": 0, "blocked": 0, "scored": 0}
        times = {"all": [], "blocked": []}
        for _ in range(args.repeat):
            for name, fn in (("all", all_pairs), ("blocked", blocked)):
                t = time.perf_counter()
                results = [fn(o, n, engine) for o, n in series]
                times[name].append(time.perf_counter() - t)
                if _ == 0:
                    totals[name] = sum(k for _, k in results)
                    if name == "all":
                        reference = [r for r, _ in results]
                        totals["scored"] = sum(len(r) for r in reference)
                    elif [r for r, _ in results] != reference:
                        sys.exit("bench_align: the blocked alignment differs from the all-pairs one")
        print(f"--by {by}: {len(series)} successive snapshot pairs")
        print(f"  pairs scored before the blocking {totals['all']:>10,}  best {min(times['all']):6.2f} s")
        print(f"  pairs scored after               {totals['blocked']:>10,}  best {min(times['blocked']):6.2f} s")
        print(f"  pairs that score above 0         {totals['scored']:>10,}  (the same alignment: checked)")


if __name__ == "__main__":
    main()
