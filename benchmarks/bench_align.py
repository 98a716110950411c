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

checks that the candidates of the index (forced, whatever ``BLOCK_FROM`` says) give the
same scored pairs as all pairs, and that ``align_units`` (which asks the token-similarity
test only of the pairs its greedy walk reaches with both passages free) takes the same
pairs as the greedy walk over every fully tested pair; it counts the similarity diffs each
way and times them (best of ``--repeat``). Both changes are exact; the script fails loudly
if a result differs.
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
    """The same with the inverted index forced (``BLOCK_FROM`` 0), every candidate tested."""
    counts_old = [u.marked or u.statement.kind != "document" for u in old_units]
    counts_new = [u.marked or u.statement.kind != "document" for u in new_units]
    saved, st.BLOCK_FROM = st.BLOCK_FROM, 0
    try:
        cands = st.candidate_pairs(old_units, new_units)
    finally:
        st.BLOCK_FROM = saved
    out, looked = [], 0
    for ni, oi in cands:
        if not (counts_new[ni] or counts_old[oi]):
            continue
        looked += 1
        s = st._score(old_units[oi], new_units[ni], engine)
        if s > 0:
            out.append((-s, ni, oi))
    out.sort()
    return out, looked


def greedy(old_units, new_units, candidates):
    """The pairs (as spans) the greedy walk takes from fully tested candidates."""
    used_new, used_old = {}, set()
    for _, ni, oi in candidates:
        if ni not in used_new and oi not in used_old:
            used_new[ni] = oi
            used_old.add(oi)
    return {(old_units[oi].span, new_units[ni].span) for ni, oi in used_new.items()}


def aligned(old_units, new_units, engine):
    """What ``align_units`` does now: blocking above ``BLOCK_FROM`` pairs, and the token
    similarity asked only of pairs the greedy walk reaches with both passages free."""
    pairs = st.align_units(old_units, new_units, engine=engine)
    return {(p.old_span, p.new_span) for p in pairs if p.old is not None and p.new is not None}


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
        times = {"all": [], "blocked": [], "aligned": []}
        tests = 0
        whole = st._whole_similarity

        def counted(*a, **k):
            nonlocal tests
            tests += 1
            return whole(*a, **k)

        for r in range(args.repeat):
            for name, fn in (("all", all_pairs), ("blocked", blocked)):
                t = time.perf_counter()
                results = [fn(o, n, engine) for o, n in series]
                times[name].append(time.perf_counter() - t)
                if r == 0:
                    totals[name] = sum(k for _, k in results)
                    if name == "all":
                        reference = [c for c, _ in results]
                        totals["scored"] = sum(len(c) for c in reference)
                    elif [c for c, _ in results] != reference:
                        sys.exit("bench_align: the blocked candidates differ from the all-pairs ones")
            st._whole_similarity = counted
            tests = 0
            t = time.perf_counter()
            now = [aligned(o, n, engine) for o, n in series]
            times["aligned"].append(time.perf_counter() - t)
            st._whole_similarity = whole
            if now != [greedy(o, n, c) for (o, n), c in zip(series, reference)]:
                sys.exit("bench_align: align_units differs from the greedy walk over every scored pair")
        eager = 0
        st._whole_similarity = counted
        tests, saved = 0, tests
        for o, n in series:
            all_pairs(o, n, engine)
        eager, tests = tests, saved
        st._whole_similarity = whole
        print(f"--by {by}: {len(series)} successive snapshot pairs")
        print(f"  every pair scored         {totals['all']:>8,} pairs, {eager:>6,} similarity diffs"
              f"  best {min(times['all']):6.2f} s")
        print(f"  the index forced          {totals['blocked']:>8,} pairs"
              f"  best {min(times['blocked']):6.2f} s (the same candidates: checked)")
        print(f"  align_units now           {tests:>8,} similarity diffs (with each pair's own)"
              f"  best {min(times['aligned']):6.2f} s with the pairs' sentence diffs (the same pairs: checked)")
        print(f"  pairs that score above 0  {totals['scored']:>8,}")


if __name__ == "__main__":
    main()
