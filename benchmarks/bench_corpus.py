"""Corpus-scale figures for the SQLite store: ingest, re-ingest, read, report, timeline.

Usage::

    python benchmarks/bench_corpus.py                          # UNGDC + 10,000 generated
    python benchmarks/bench_corpus.py --sizes 10000,100000     # the long one too (hours)
    python benchmarks/bench_corpus.py --sizes 10000,100000 --resume   # reuse the figures on file
    python benchmarks/bench_corpus.py --sizes 10000,100000 --resume --redo report,timeline  # after a change
    python benchmarks/bench_corpus.py --sizes 1000 --no-ungdc --jobs 2

For each corpus (the UNGDC speeches at ``../shared/corpora/ungdc`` when present, and
corpora of N articles made by ``make_corpus.py``), each step runs in a fresh process:

- ``ingest``: a first ingest into a new store (``--jobs`` worker processes);
  "rss@25/50/75/100%" is the ingesting process's RSS as it goes (flat = memory does not
  grow with the corpus).
- ``again``: a second ingest, where every file is unchanged and skipped.
- ``read``: ``Store.analyses()`` over the whole store (what diff/timeline/report read).
- ``report``: ``positions report --db DB --out DIR --quiet`` (the HTML site), the command
  itself.
- ``timeline``: ``positions timeline --db DB`` (the text grid of every actor).

Each step prints its wall time, its CPU time (user + system of the process and of the
children it waited for: the ingest's worker pool) and its peak RSS (the largest of those
processes), all from ``os.wait4``. On a shared machine the wall time also counts the
neighbours' work, the CPU time does not: both are printed. The machine's load average is
printed at the start and the end of each step.

With several sizes, the growth exponent k of each figure between successive sizes
(figure ~ size^k, the log-log slope: 1 is linear) is printed, and each size of
``--simulate`` (default 1,000,000) larger than the largest measured one is **simulated**
from the measured figures: a figure at the largest measured size n times (N/n)^k, with k
its measured exponent between the two largest sizes, at least 1 for times (a step never
gets cheaper per article with size) and at least 0 for memory. A simulation is only ever
printed next to the measurements it comes from, and says so.

``--analyzer store-only`` replaces the pipeline by a trivial one (a statement per sentence,
a marker per concept keyword), to measure the store itself at sizes where the real pipeline
would take hours.

Generated corpora, stores and reports are kept under ``--workdir`` (default: a
``positions-bench`` directory in the system temp dir) and reused by later runs; every
step's figures are kept in ``WORKDIR/results.json``, so that ``--resume`` skips the steps
already measured on the same store (an interrupted long run goes on where it stopped).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UNGDC = HERE.parent.parent / "shared" / "corpora" / "ungdc"


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        pages = int(fh.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kB on Linux


class StoreOnly:
    """A trivial analyzer: a statement per sentence of the body, a marker per keyword."""

    fingerprint = "bench store-only 1"
    _SENTENCE = re.compile(r"[^.!?\s][^.!?]*[.!?]")
    _KEYWORD = re.compile(r"\b(dialogue|sanctions|denucleari[sz]ation|peace|phased)\b", re.I)

    def __call__(self, article):
        from positions.model import Analysis, Marker, Span, Statement
        from positions.pipeline import attach_markers

        text = article.text
        markers = tuple(
            Marker(m.group(1).lower(), m.group(0), m.group(0).lower(), Span(*m.span()))
            for m in self._KEYWORD.finditer(text, article.body.start, article.body.end)
        )
        statements = tuple(
            Statement(article.id, Span(*m.span()), m.group(0), "reported", parts=(Span(*m.span()),))
            for m in self._SENTENCE.finditer(text, article.body.start, article.body.end)
        )
        return Analysis(article, attach_markers(statements, markers), markers)


# ---------------------------------------------------------------------------------------
# Child steps (run as ``bench_corpus.py --child STEP DB [PATHS...]``), each printing JSON


def child_ingest(db: str, paths: list[str], jobs: int, analyzer: str) -> dict:
    from positions.store import open_store

    marks: dict[str, float] = {}

    def progress(done: int, total: int) -> None:
        for q in (25, 50, 75, 100):
            if done * 100 >= q * total and f"rss@{q}%" not in marks:
                marks[f"rss@{q}%"] = round(_rss_mb(), 1)

    errors = 0

    def on_error(path, exc) -> None:
        nonlocal errors
        errors += 1

    t = time.perf_counter()
    with open_store(db) as store:
        analyze = StoreOnly() if analyzer == "store-only" else None
        r = store.ingest(paths, jobs=jobs, progress=progress, on_error=on_error, analyze=analyze)
        stats = store.stats()
    return {
        "seconds": round(time.perf_counter() - t, 2),
        "read": r.read,
        "skipped": r.skipped,
        "failed": r.failed,
        "articles": stats.articles,
        "statements": stats.statements,
        "markers": stats.markers,
        "errors": errors,
        "peak_mb": round(_peak_mb(), 1),
        "workers_peak_mb": round(_peak_mb(resource.RUSAGE_CHILDREN), 1),
        **marks,
    }


def child_read(db: str) -> dict:
    from positions.store import open_store

    t = time.perf_counter()
    n = statements = markers = 0
    marks: dict[str, float] = {}
    with open_store(db, create=False) as store:
        total = store.stats().articles
        for analysis in store.analyses():
            n += 1
            statements += len(analysis.statements)
            markers += len(analysis.markers)
            for q in (25, 50, 75, 100):
                if n * 100 >= q * total and f"rss@{q}%" not in marks:
                    marks[f"rss@{q}%"] = round(_rss_mb(), 1)
    return {
        "seconds": round(time.perf_counter() - t, 2),
        "articles": n,
        "statements": statements,
        "markers": markers,
        "peak_mb": round(_peak_mb(), 1),
        **marks,
    }


# ---------------------------------------------------------------------------------------
# Parent

STEPS = ("ingest", "again", "read", "report", "timeline")


def _load() -> str:
    with open("/proc/loadavg") as fh:
        return fh.read().split()[0]


def _run(cmd: list[str], *, keep_stdout: bool = True) -> tuple[dict, str]:
    """Run ``cmd`` from the repository root (this checkout's positions); return its figures
    ``{wall, cpu, peak_mb, load}`` and its stdout. ``os.wait4`` reaps it, so that its
    rusage (with that of the children it waited for) is its own."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    load = _load()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out if keep_stdout else subprocess.DEVNULL, stderr=err,
                                cwd=ROOT, env=env)  # fmt: skip
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"bench_corpus: {' '.join(cmd[1:5])} ... failed ({proc.returncode}):\n{stderr[-3000:]}")
    figures = {"wall": round(wall, 2), "cpu": round(ru.ru_utime + ru.ru_stime, 2),
               "peak_mb": round(ru.ru_maxrss / 1024, 1), "load": f"{load}-{_load()}"}  # fmt: skip
    return figures, stdout


def _child(*args: str) -> dict:
    figures, out = _run([sys.executable, __file__, "--child", *args])
    return {**json.loads(out.strip().splitlines()[-1]), **figures}


def _generated(n: int, workdir: Path, seed: int) -> Path:
    d = workdir / f"gen-{n}-seed{seed}"
    done = d / ".complete"
    if not done.exists():
        sys.path.insert(0, str(HERE))
        from make_corpus import make_corpus

        t = time.perf_counter()
        make_corpus(n, d, seed=seed)
        done.write_text("")
        print(f"  generated {n} articles in {time.perf_counter() - t:.1f} s: {d}", flush=True)
    return d


class Results:
    """Every step's figures, by run key, in ``WORKDIR/results.json`` (written after each step)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict = json.loads(path.read_text()) if path.exists() else {}
        self.touched: set[str] = set()

    def get(self, key: str) -> dict:
        self.touched.add(key)
        return self.data.setdefault(key, {})

    def save(self) -> None:
        """Write this run's keys over those on file (another run may have saved others)."""
        on_file = json.loads(self.path.read_text()) if self.path.exists() else {}
        on_file.update({key: self.data[key] for key in self.touched})
        tmp = self.path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(on_file, indent=1, sort_keys=True))
        tmp.replace(self.path)


def _line(step: str, r: dict, extra: str = "") -> None:
    print(f"  {step:<9}{r['wall']:9.1f} s wall {r['cpu']:9.1f} s CPU {r['peak_mb']:7.0f} MB peak"
          f"  load {r['load']}{extra}", flush=True)  # fmt: skip


def bench(name: str, paths: list[str], args: argparse.Namespace, results: Results) -> dict:
    """Run (or, with --resume, reuse) the steps on one corpus; return its figures by step."""
    a = args.analyzer
    db = args.workdir / f"{name}-{a}.db"
    key = f"{name} {a} jobs={args.jobs}"
    done = results.get(key) if args.resume and db.exists() else {}
    if not done:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        results.data[key] = done = {}
        results.touched.add(key)
    print(f"\n{name} (analyzer: {a}, jobs {args.jobs}; this checkout: commit {_commit()})", flush=True)
    for step in STEPS:
        if step not in args.steps:
            continue
        reused = step in done and step not in args.redo
        if not reused:
            commit = _commit()  # the code the step runs (a long step may outlive the checkout's HEAD)
            if step == "report" and args.report_max and done.get("ingest", {}).get("articles", 0) > args.report_max:
                print(f"  report   skipped: more than --report-max {args.report_max} articles", flush=True)
                continue
            if step in ("ingest", "again"):
                r = _child("ingest", str(db), str(args.jobs), a, *paths)
            elif step == "read":
                r = _child("read", str(db))
            elif step == "report":
                out = args.workdir / f"{name}-{a}-report"
                shutil.rmtree(out, ignore_errors=True)
                r, text = _run([sys.executable, "-m", "positions", "report", "--db", str(db), "--out", str(out), "--quiet"])
                r["files"] = sum(1 for _ in out.iterdir())
            else:
                r, text = _run([sys.executable, "-m", "positions", "timeline", "--db", str(db)])
                r["bytes"] = len(text.encode())
            r["date"] = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
            r["commit"] = commit
            done[step] = r
            results.save()
        r = done[step]
        tag = f" (on file: {r.get('date')}, commit {r.get('commit')})" if reused else ""
        if step == "ingest":
            size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
            n = r["articles"]
            _line(step, r, f"  {n / max(r['wall'], 1e-9):.0f} articles/s{tag}")
            print(f"           process rss@25/50/75/100% {r.get('rss@25%')}/{r.get('rss@50%')}/{r.get('rss@75%')}"
                  f"/{r.get('rss@100%')} MB; {n} articles, {r['statements']} statements, {r['markers']} markers,"
                  f" {r['failed']} failed files; store {size / 2**20:.0f} MB", flush=True)  # fmt: skip
        elif step == "again":
            _line(step, r, f"  ({r['skipped']} files unchanged, skipped){tag}")
        elif step == "read":
            _line(step, r, f"  {r['articles'] / max(r['wall'], 1e-9):.0f} analyses/s{tag}")
        elif step == "report":
            _line(step, r, f"  {r['files']} files{tag}")
        else:
            _line(step, r, f"  {r['bytes']:,} bytes out{tag}")
    return done


def _commit() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True, check=False)  # fmt: skip
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    return (out.stdout.strip() or "?") + ("+dirty" if dirty else "")


def _exponent(x0: float, y0: float, x1: float, y1: float) -> float:
    return math.log(max(y1, 1e-9) / max(y0, 1e-9)) / math.log(x1 / x0)


def growth(by_size: dict[int, dict], simulate: list[int]) -> None:
    """Growth exponents between the measured sizes, and the simulated larger sizes."""
    sizes = sorted(n for n in by_size if by_size[n])
    if len(sizes) < 2:
        return
    print("\ngrowth exponent k (figure ~ articles^k, log-log slope between sizes; 1 = linear)")
    for step in STEPS:
        for lo, hi in zip(sizes, sizes[1:]):
            r0, r1 = by_size[lo].get(step), by_size[hi].get(step)
            if not (r0 and r1):
                continue
            ks = [f"{what} {_exponent(lo, r0[what], hi, r1[what]):5.2f}" for what in ("wall", "cpu", "peak_mb")]
            print(f"  {step:<9}{lo:>9,} -> {hi:<9,} " + "   ".join(ks).replace("peak_mb", "peak"))
    lo, hi = sizes[-2], sizes[-1]
    for big in (n for n in simulate if n > hi):
        print(f"\nSIMULATED, not run: {big:,} articles, from the figures measured at {lo:,} and {hi:,}:"
              f" figure({big:,}) = figure({hi:,}) x ({big:,}/{hi:,})^k, k the exponent above"
              " (at least 1 for times, at least 0 for memory)")  # fmt: skip
        for step in STEPS:
            r0, r1 = by_size[lo].get(step), by_size[hi].get(step)
            if not (r0 and r1):
                continue
            sim = {}
            for what, floor in (("wall", 1.0), ("cpu", 1.0), ("peak_mb", 0.0)):
                k = max(floor, _exponent(lo, r0[what], hi, r1[what]))
                sim[what] = (r1[what] * (big / hi) ** k, k)
            print(f"  {step:<9}{sim['wall'][0]:9.0f} s wall {sim['cpu'][0]:9.0f} s CPU {sim['peak_mb'][0]:7.0f} MB peak"
                  f"  (k {sim['wall'][1]:.2f} / {sim['cpu'][1]:.2f} / {sim['peak_mb'][1]:.2f};"
                  f" {sim['cpu'][0] / big * 1000:.1f} ms CPU an article)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        step, db, *rest = argv[1:]
        result = child_ingest(db, rest[2:], int(rest[0]), rest[1]) if step == "ingest" else child_read(db)
        print(json.dumps(result))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="generated corpus sizes, comma-separated")
    ap.add_argument("--simulate", default="1000000", help="larger sizes to simulate from the measured ones")
    ap.add_argument("--steps", default=",".join(STEPS), help=f"steps to run (default: all of {', '.join(STEPS)})")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--report-max", type=int, default=0,
                    help="write the HTML report only for corpora of at most this many articles (0: all)")
    ap.add_argument("--resume", action="store_true",
                    help="reuse the figures on file for steps already measured on the same store")
    ap.add_argument("--redo", default="",
                    help="with --resume, steps to measure again all the same (e.g. report,timeline after a change)")
    ap.add_argument("--no-ungdc", action="store_true", help="skip the UNGDC corpus")
    ap.add_argument("--ungdc", type=Path, default=UNGDC, help=f"UNGDC directory ({UNGDC})")
    ap.add_argument(
        "--analyzer",
        choices=("pipeline", "store-only"),
        default="pipeline",
        help="the real pipeline, or a trivial analyzer that measures the store alone",
    )
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "positions-bench")
    args = ap.parse_args(argv)
    args.steps = [s for s in args.steps.split(",") if s]
    args.redo = [s for s in args.redo.split(",") if s]
    unknown = (set(args.steps) | set(args.redo)) - set(STEPS)
    if unknown:
        ap.error(f"unknown steps {', '.join(sorted(unknown))} (known: {', '.join(STEPS)})")
    if "ingest" not in args.steps and not args.resume:
        ap.error("without ingest, give --resume (the other steps read the store an ingest made)")
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = Results(args.workdir / "results.json")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"positions corpus benchmark: jobs={args.jobs}, {os.cpu_count()} CPUs, load {_load()},"
          f" workdir {args.workdir}", flush=True)  # fmt: skip
    if not args.no_ungdc:
        if args.ungdc.is_dir():
            bench("ungdc", [str(args.ungdc)], args, results)
        else:
            print(f"\nungdc: skipped ({args.ungdc} not found)")
    by_size = {}
    for n in sizes:
        corpus = _generated(n, args.workdir, args.seed)
        by_size[n] = bench(f"generated-{n}", [str(corpus)], args, results)
    growth(by_size, [int(s) for s in args.simulate.split(",") if s.strip()])
    return 0


if __name__ == "__main__":
    sys.exit(main())
