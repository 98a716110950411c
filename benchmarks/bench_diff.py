"""Benchmark token diffs and `positions diff` on UN General Debate text.

    python benchmarks/bench_diff.py            # token diffs, then `positions diff` over CHN
    python benchmarks/bench_diff.py --country RUS --repeat 20
    python benchmarks/bench_diff.py --mb 1,2,4,8,20   # huge pairs: time, memory, growth exponent

``--mb SIZES`` runs the multi-megabyte pairs of ``bench_huge.py`` instead (each size in a
fresh process: wall and CPU time, peak RSS, the growth exponent of the CPU time between
sizes; see that script).

Pairs (deterministic seeds): a 600-word stretch with about 10% of its words reworded, and a
20,000-word stretch with about 5% changed, both cut from the UNGDC speeches at
``../shared/corpora/ungdc`` (relative to the repository). For each pair it times:

* ``diff_texts`` with each available engine (tokenize + diff + phrase cleanup + spans), and
  with the fast engine but the token streams built in Python rather than by the compiled
  ``positions._speedups`` (what an install without a C compiler runs);
* ``difflib.SequenceMatcher`` on the token streams, and its edit cost against the minimal
  one (tokens deleted + inserted; the minimum is diff-match-patch's raw script);
* ``fast_diff_match_patch.diff`` (with its semantic cleanup) on the token strings
  ``diff_texts`` diffs (one character per word or punctuation token) and on the earlier
  scheme's strings (whitespace runs as items too), interleaved with ``diff_texts`` so that
  a busy machine weighs on all alike;
* the pure-Python ``diff-match-patch`` directly on the characters (600-word pair only).

Times are the best of ``--repeat`` runs (ten times as many for the short pair, whose
sub-millisecond times a busy machine blurs most); for the interleaved rounds the median is
printed too. ``diff_texts`` is timed end to end: it returns the full ``TextDiff`` with every
``DiffOp`` and its two ``Span``s built.
"""

from __future__ import annotations

import argparse
import difflib
import random
import statistics
import sys
import time
from pathlib import Path

from diff_match_patch import diff_match_patch

from positions import diff as pdiff
from positions.diff import tokens as ptokens

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc"


def _words() -> list[str]:
    files = sorted(UNGDC.glob("*.txt"))
    if not files:
        sys.exit(f"UNGDC corpus not found at {UNGDC}")
    words: list[str] = []
    for f in files:
        words.extend(f.read_text(encoding="utf-8-sig", errors="replace").split())
    return words


def make_pair(words: list[str], n: int, rate: float, seed: int) -> tuple[str, str]:
    """A stretch of ``n`` words and a copy with about ``rate`` of its words changed, in
    runs of 1-4 words replaced, deleted or inserted (phrases, as rewording does)."""
    rng = random.Random(seed)
    start = rng.randrange(0, len(words) - n)
    old = words[start : start + n]
    new = list(old)
    budget = int(n * rate)
    while budget > 0:
        k = min(rng.randint(1, 4), budget)
        pos = rng.randrange(0, len(new))
        filler = [rng.choice(words) for _ in range(k)]
        r = rng.random()
        if r < 0.6:
            new[pos : pos + k] = filler
        elif r < 0.8:
            del new[pos : pos + k]
        else:
            new[pos:pos] = filler
        budget -= k
    return _wrap(old), _wrap(new)


def _wrap(words: list[str]) -> str:
    """Words into lines of about 80 characters, with a blank line every 120 words."""
    lines, line, count = [], [], 0
    for w in words:
        line.append(w)
        count += 1
        if sum(map(len, line)) + len(line) > 80:
            lines.append(" ".join(line))
            line = []
        if count % 120 == 0:
            if line:
                lines.append(" ".join(line))
                line = []
            lines.append("")
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines) + "\n"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def fmt(t: float) -> str:
    return f"{t * 1000:9.1f} ms"


def _old_scheme_chars(a: str, b: str) -> tuple[str, str]:
    """The token strings of the earlier scheme (tokens and whitespace runs as items, every
    whitespace run one shared character, a blank line another): the strings the issue's
    fast-diff-match-patch figures were measured on."""
    table: dict[str, str] = {}

    def ch(item: str) -> str:
        if item.isspace():
            return "\n" if "\n\n" in item.replace(" ", "") else "\ue000"
        return table.setdefault(item, chr(0xE001 + len(table)))

    return "".join(map(ch, ptokens._items(a))), "".join(map(ch, ptokens._items(b)))


def bench_pair(name: str, a: str, b: str, repeat: int) -> None:
    words = len(a.split())
    if words <= 5000:
        repeat *= 10
    print(f"\n{name}: {words} words, {len(a):,} chars")
    results = {}
    for engine in pdiff.available_engines():
        t = best(
            lambda: pdiff.diff_texts(a, b, engine=engine),
            repeat if engine == "fast" else max(1, repeat // 3),
        )
        d = pdiff.diff_texts(a, b, engine=engine)
        results[engine] = (d, t)
        raw = pdiff.diff_texts(a, b, engine=engine, semantic=False)
        print(f"  diff_texts engine={engine:<7}{fmt(t)}   cost {pdiff.edit_cost(d):,} tokens "
              f"(minimal script {pdiff.edit_cost(raw):,}), similarity {d.similarity}, {len(d.ops):,} ops")  # fmt: skip
    if len(results) == 2:
        print(f"  engines agree: {results['fast'][0] == results['python'][0]}")
    compiled = ptokens._speedups
    if compiled is not None and "fast" in results:
        ptokens._speedups = None
        try:
            t = best(lambda: pdiff.diff_texts(a, b, engine="fast"), repeat)
            same = pdiff.diff_texts(a, b, engine="fast") == results["fast"][0]
        finally:
            ptokens._speedups = compiled
        print(f"  diff_texts engine=fast, token streams in Python {fmt(t)}   (same ops: {same})")
    elif compiled is None:
        print("  positions._speedups is not built: token streams in Python")

    items_a, items_b = ptokens._items(a), ptokens._items(b)

    def sm():
        m = difflib.SequenceMatcher(None, items_a, items_b)  # default autojunk, as commonly used
        return m.get_opcodes()

    t = best(sm, max(1, repeat // 3))
    cost = sum(sum(1 for x in items_a[i1:i2] if not x.isspace()) + sum(1 for y in items_b[j1:j2] if not y.isspace())
               for tag, i1, i2, j1, j2 in sm() if tag != "equal")  # fmt: skip
    raw = pdiff.diff_texts(a, b, engine=pdiff.default_engine(), semantic=False)
    print(f"  difflib.SequenceMatcher   {fmt(t)}   cost {cost:,} tokens (minimum {pdiff.edit_cost(raw):,})")
    try:
        import fast_diff_match_patch as fast
    except ImportError:
        print("  fast-diff-match-patch not installed")
        return
    ca, cb, _ = ptokens._encode(ptokens._Stream(a), ptokens._Stream(b))
    oa, ob = _old_scheme_chars(a, b)

    def run(x, y):
        return lambda: fast.diff(x, y, timelimit=0, checklines=False, cleanup="Semantic", counts_only=False)

    # Interleaved, so that a busy machine slows all three alike; best of the rounds.
    ours, tok, old = [], [], []
    for _ in range(repeat):
        ours.append(best(lambda: pdiff.diff_texts(a, b, engine="fast"), 1))
        tok.append(best(run(ca, cb), 1))
        old.append(best(run(oa, ob), 1))
    t_ours, t_tok, t_old = min(ours), min(tok), min(old)
    m_ours, m_tok = statistics.median(ours), statistics.median(tok)
    print(f"  fast-dmp, token strings we diff (words and punctuation)   {fmt(t_tok)}   median {fmt(m_tok)}")
    print(f"  fast-dmp, earlier token strings (with whitespace items)   {fmt(t_old)}")
    print(f"  diff_texts fast, same rounds                              {fmt(t_ours)}   median {fmt(m_ours)}")
    print(f"  diff_texts / fast-dmp on the same token strings: {t_ours / t_tok:.2f}x (best), "
          f"{m_ours / m_tok:.2f}x (median); {t_ours / t_old:.2f}x the earlier strings")  # fmt: skip
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0

    def pure():
        d = dmp.diff_main(a, b, False)
        dmp.diff_cleanupSemantic(d)

    if words <= 5000:
        print(f"  pure dmp on characters    {fmt(best(pure, 1))}")


def bench_cli(country: str) -> None:
    from click.testing import CliRunner

    from positions.cli import main

    files = sorted(str(p) for p in UNGDC.glob(f"{country}_*.txt"))
    runner = CliRunner()
    t0 = time.perf_counter()
    result = runner.invoke(
        main, ["diff", *files, "--actor", country, "--by", "article", "--format", "json"]
    )
    t = time.perf_counter() - t0
    status = "ok" if result.exit_code == 0 else f"exit {result.exit_code}: {result.output[-300:]}"
    print(
        f"\npositions diff over {len(files)} {country} speeches (--by article, json): {t:.2f} s ({status})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--country", default="CHN")
    ap.add_argument("--no-cli", action="store_true")
    ap.add_argument("--mb", default=None, metavar="SIZES",
                    help="huge pairs of these many megabytes (bench_huge.py), e.g. 1,2,4,8,20")  # fmt: skip
    args = ap.parse_args()
    if args.mb:
        import subprocess

        here = Path(__file__).resolve().parent
        cmd = [sys.executable, str(here / "bench_huge.py"), "--sizes", args.mb, "--repeat", str(min(args.repeat, 2))]
        sys.exit(subprocess.call(cmd))
    words = _words()
    bench_pair(
        "600-word pair, ~10% reworded", *make_pair(words, 600, 0.10, seed=600), repeat=args.repeat
    )
    bench_pair(
        "20,000-word pair, ~5% changed",
        *make_pair(words, 20_000, 0.05, seed=20_000),
        repeat=args.repeat,
    )
    if not args.no_cli:
        bench_cli(args.country)


if __name__ == "__main__":
    main()
