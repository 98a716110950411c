"""Diffs of multi-megabyte documents: time, peak memory and growth exponent.

    python benchmarks/bench_huge.py                      # 1, 2, 4, 8, 20 MB pairs
    python benchmarks/bench_huge.py --sizes 1,2 --check  # and the anchored-vs-exact check

Each pair is generated (deterministic seed): an old text of about N MB made of 120-word
stretches of the UN General Debate speeches (``../shared/corpora/ungdc``) taken at random
places, wrapped in lines of about 80 characters with a blank line after each stretch, and a
new text with about 5% of its words changed in runs of 1-4 words (replaced, deleted or
inserted). For each size, in a fresh child process (so that its peak RSS is its own):

* ``diff_texts``: the token diff of the two whole texts;
* ``diff_snapshots``: what ``positions diff`` does with two one-statement snapshots (the
  statement alignment, the whole-passage similarity, the sentence-by-sentence diff with
  its moves);

timed best of ``--repeat`` runs, with the peak RSS of the child (which includes making the
pair: the generator holds the UNGDC words), its RSS once the texts are made, and its RSS
with the last run's result held (its memory per operation). Then the growth
exponent k of time ~ size^k between successive sizes and over the whole range (1: linear),
from the CPU time of the process (on a shared machine the wall time also measures the
neighbours).
Every diff is checked to rebuild both texts from its operations.

``--check`` compares, on the 20,000-word pair of ``bench_diff.py`` (whose sentence alignment
is over the exact limit) and on the generated sizes up to 0.25 MB (the full programme on a
1 MB pair would take hours), the anchored steps with the exact ones: the sentence blocks of :func:`~positions.diff.align_sentences` against the full
dynamic programme, and the anchored token diff against the minimal one (edit costs).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # this checkout's positions, not an installed one


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def huge_pair(mb: float, rate: float = 0.05, seed: int = 0) -> tuple[str, str]:
    """About ``mb`` megabytes of old text and its copy with about ``rate`` of its words
    changed (see the module). Linear in the size."""
    from bench_diff import _words, _wrap

    words = _words()
    rng = random.Random(seed)
    target = int(mb * 1_000_000)
    old: list[str] = []
    size = 0
    while size < target:
        start = rng.randrange(0, len(words) - 120)
        run = words[start : start + 120]
        old.extend(run)
        size += sum(map(len, run)) + len(run)
    new: list[str] = []
    p = rate / 2.5  # runs average 2.5 words
    i = 0
    while i < len(old):
        if rng.random() < p:
            k = rng.randint(1, 4)
            r = rng.random()
            filler = [rng.choice(words) for _ in range(k)]
            if r < 0.6:
                new.extend(filler)
                i += k
            elif r < 0.8:
                i += k
            else:
                new.extend(filler)
            continue
        new.append(old[i])
        i += 1
    return _wrap(old), _wrap(new)


def _rebuilds(ops, a: str, b: str) -> bool:
    return "".join(o.text for o in ops if o.op != "+") == a and "".join(o.text for o in ops if o.op != "-") == b


def child(mb: float, step: str, repeat: int) -> dict:
    from positions.diff import diff_snapshots, diff_texts
    from positions.model import Period, Snapshot, Span, Statement

    a, b = huge_pair(mb, seed=int(mb * 1000))
    gc.collect()
    base = _rss_mb()

    def snap(text: str, key: str) -> Snapshot:
        st = Statement(f"a{key}", Span(0, len(text)), text, "reported", country="RUS", holders=("RUS",))
        return Snapshot("RUS", Period("year", key), (st,), (f"a{key}",), (), (f"{key}.txt",))

    times, cpu = [], []
    ops = None
    for _ in range(repeat):
        ops = None  # the last run's operations are not kept alive during this one (they doubled the peak)
        t = time.perf_counter()
        c = time.process_time()
        if step == "diff_texts":
            d = diff_texts(a, b)
            ops, pairs = d.ops, 1
        else:
            pd = diff_snapshots(snap(a, "2018"), snap(b, "2019"))
            ops, pairs = pd.pairs[0].diff.ops, len(pd.pairs)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        d = pd = None  # noqa: F841 (free it before the next run)
    seconds = min(times)
    held = _rss_mb()  # the last run's operations still held
    assert ops is not None and pairs == 1 and _rebuilds(ops, a, b), "the operations do not rebuild both texts"
    return {"seconds": seconds, "cpu": min(cpu), "chars": len(a) + len(b), "ops": len(ops),
            "peak_mb": _peak_mb(), "base_mb": base, "held_mb": held}  # fmt: skip


def check(sizes: list[float]) -> None:
    from bench_diff import _words, make_pair

    from positions.diff import passages, tokens

    print("\nanchored against exact (--check)")
    pairs = [("20,000-word pair", *make_pair(_words(), 20_000, 0.05, seed=20_000))]
    pairs += [(f"{mb:g} MB pair", *huge_pair(mb, seed=int(mb * 1000))) for mb in sizes if mb <= 0.25]
    for name, a, b in pairs:
        ca, cb = passages._chunks(a), passages._chunks(b)
        wa = [passages.content_words(a[x:y]) for x, y in ca]
        wb = [passages.content_words(b[x:y]) for x, y in cb]
        t = time.perf_counter()
        exact = passages._dp(wa, wb)
        te = time.perf_counter() - t
        t = time.perf_counter()
        anchored = passages._anchored_moves(a, b, ca, cb, wa, wb)
        ta = time.perf_counter() - t
        same = sum(x == y for x, y in zip(exact, anchored))
        print(f"  {name}: {len(ca):,} and {len(cb):,} sentences; alignment exact {te:.2f} s, anchored"
              f" {ta:.2f} s: {'identical' if exact == anchored else f'{same:,} of {len(exact):,} moves alike'}")
        _, xa, xb, _ = tokens.raw_script(a, b, "python" if tokens._fast is None else "fast")
        t = time.perf_counter()
        minimal = tokens._raw_diff(xa, xb, "fast" if tokens._fast is not None else "python")
        tm = time.perf_counter() - t
        t = time.perf_counter()
        anch = tokens.anchored_diff(xa, xb, "fast" if tokens._fast is not None else "python")
        tn = time.perf_counter() - t
        cost = lambda raw: sum(n for op, n in raw if op != "=")  # noqa: E731
        print(f"  {name}: token diff minimal {tm:.2f} s cost {cost(minimal):,}; anchored {tn:.2f} s"
              f" cost {cost(anch):,}{' (identical script)' if minimal == anch else ''}")


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(float(sys.argv[2]), sys.argv[3], int(sys.argv[4]))))
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,2,4,8,20", help="megabytes per side, comma-separated")
    ap.add_argument("--steps", default="diff_texts,diff_snapshots")
    ap.add_argument("--repeat", type=int, default=2, help="best of this many runs per size (a busy machine)")
    ap.add_argument("--check", action="store_true", help="compare the anchored steps with the exact ones")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    for step in args.steps.split(","):
        print(f"{step}: pairs of N MB (old side), 5% of the words changed")
        rows = []
        for mb in sizes:
            out = subprocess.run([sys.executable, __file__, "--child", str(mb), step, str(args.repeat)],
                                 capture_output=True, text=True, check=False)  # fmt: skip
            if out.returncode:
                sys.exit(f"bench_huge: {step} at {mb} MB failed:\n{out.stderr}")
            r = json.loads(out.stdout.strip().splitlines()[-1])
            grow = ""
            mem = max(r["held_mb"] - r["base_mb"], 1e-3)
            if rows:
                k = math.log(r["cpu"] / rows[-1][1]) / math.log(mb / rows[-1][0])
                km = math.log(mem / rows[-1][2]) / math.log(mb / rows[-1][0])
                grow = f"  exponent {k:4.2f} (CPU), {km:4.2f} (result) from {rows[-1][0]:g} MB"
            rows.append((mb, r["cpu"], mem))
            print(f"  {mb:5g} MB  {r['seconds']:8.2f} s (CPU {r['cpu']:7.2f} s)"
                  f"  {r['chars'] / r['cpu'] / 1e6:5.2f} M chars/CPU s"
                  f"  peak {r['peak_mb']:6.0f} MB (texts made: {r['base_mb']:.0f} MB; result held:"
                  f" {r['held_mb']:.0f} MB, {(r['held_mb'] - r['base_mb']) * 2**20 / r['ops']:.0f} bytes an op)"
                  f"  {r['ops']:,} ops{grow}",
                  flush=True)  # fmt: skip
        if len(rows) > 1:
            k = math.log(rows[-1][1] / rows[0][1]) / math.log(rows[-1][0] / rows[0][0])
            km = math.log(rows[-1][2] / rows[0][2]) / math.log(rows[-1][0] / rows[0][0])
            print(f"  growth exponent {rows[0][0]:g} -> {rows[-1][0]:g} MB: CPU time {k:.2f}, memory of the result {km:.2f}")
    if args.check:
        check(sizes)


if __name__ == "__main__":
    main()
