"""Ingest and read-back figures for the SQLite store: time and peak memory.

Usage::

    python benchmarks/bench_corpus.py                       # UNGDC + 10,000 generated
    python benchmarks/bench_corpus.py --sizes 10000,100000  # the big one too (long)
    python benchmarks/bench_corpus.py --sizes 1000 --no-ungdc --jobs 2

For each corpus (the UNGDC speeches at ``../shared/corpora/ungdc`` when present, and
corpora of N articles made by ``make_corpus.py``), each step runs in a fresh child process
so that its peak RSS (``getrusage``) is its own:

- ``ingest``: a first ingest into a new store (``--jobs`` worker processes);
  "rss@25/50/75/100%" is the ingesting process's RSS as it goes (flat = memory does not
  grow with the corpus); "workers" the largest worker's peak RSS.
- ``again``: a second ingest, where every file is unchanged and skipped.
- ``read``: ``Store.analyses()`` over the whole store (what diff/timeline/report read).
- ``report``: ``positions report --db`` (the HTML site) from the store: its time and peak
  RSS ("start" is the RSS once positions is imported, before the store is read). The pages
  are written as they are made and the article texts are not kept, but the statements and
  markers are (for the timeline and the diffs), and the successive diffs align every
  statement of a period with every one of the next: ``--report-max`` (default 30,000
  articles; 0: no limit) skips it for bigger corpora, for time.

``--analyzer store-only`` replaces the pipeline by a trivial one (a statement per sentence,
a marker per concept keyword), to measure the store itself at sizes where the real pipeline
would take hours.

Generated corpora are kept under ``--workdir`` (default: a ``positions-bench`` directory in
the system temp dir) and reused by later runs.
"""

from __future__ import annotations

import argparse
import json
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


def child_report(db: str, out: str) -> dict:
    from positions.render.report import write_report
    from positions.store import open_store
    from positions.store.read import snapshot

    t = time.perf_counter()
    start_mb = _rss_mb()
    with open_store(db, create=False) as store, snapshot(store.connection):
        # as `positions report --db`: two passes over the store, no article text kept
        written = write_report(store.analyses, out)
    return {
        "seconds": round(time.perf_counter() - t, 2),
        "files": len(written),
        "start_mb": round(start_mb, 1),
        "peak_mb": round(_peak_mb(), 1),
    }


# ---------------------------------------------------------------------------------------
# Parent


def _run_child(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"bench_corpus: child {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


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


def bench(
    name: str, paths: list[str], workdir: Path, jobs: int, analyzer: str, report_max: int
) -> None:
    db = workdir / f"{name}-{analyzer}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    print(f"\n{name} (analyzer: {analyzer})", flush=True)
    first = _run_child("ingest", str(db), str(jobs), analyzer, *paths)
    again = _run_child("ingest", str(db), str(jobs), analyzer, *paths)
    read = _run_child("read", str(db))
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    n = first["articles"]
    print(
        f"  ingest  {first['seconds']:8.1f} s  {n / max(first['seconds'], 1e-9):7.1f} articles/s"
        f"  peak {first['peak_mb']:.0f} MB (workers {first['workers_peak_mb']:.0f} MB)"
        f"  rss@25/50/75/100% {first.get('rss@25%')}/{first.get('rss@50%')}"
        f"/{first.get('rss@75%')}/{first.get('rss@100%')} MB"
    )
    print(
        f"          {n} articles, {first['statements']} statements, {first['markers']} markers,"
        f" {first['failed']} failed files; store {size / 2**20:.0f} MB (jobs={jobs})"
    )
    print(
        f"  again   {again['seconds']:8.1f} s  ({again['skipped']} files unchanged, skipped)"
        f"  peak {again['peak_mb']:.0f} MB"
    )
    print(
        f"  read    {read['seconds']:8.1f} s  {read['articles'] / max(read['seconds'], 1e-9):7.0f}"
        f" analyses/s  peak {read['peak_mb']:.0f} MB  rss@25/50/75/100% {read.get('rss@25%')}"
        f"/{read.get('rss@50%')}/{read.get('rss@75%')}/{read.get('rss@100%')} MB",
        flush=True,
    )
    if report_max and n > report_max:
        print(f"  report  skipped: {n} articles > --report-max {report_max} (the successive"
              " diffs take long)", flush=True)  # fmt: skip
        return
    out = workdir / f"{name}-{analyzer}-report"
    shutil.rmtree(out, ignore_errors=True)
    rep = _run_child("report", str(db), str(out))
    print(f"  report  {rep['seconds']:8.1f} s  {rep['files']} files  peak {rep['peak_mb']:.0f} MB"
          f" (start {rep['start_mb']:.0f} MB)", flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        step, db, *rest = argv[1:]
        if step == "ingest":
            result = child_ingest(db, rest[2:], int(rest[0]), rest[1])
        elif step == "report":
            result = child_report(db, rest[0])
        else:
            result = child_read(db)
        print(json.dumps(result))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000", help="generated corpus sizes, comma-separated")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--report-max", type=int, default=30_000,
                    help="write the HTML report only for corpora of at most this many articles (0: all)")
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
    args.workdir.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"positions store benchmark: jobs={args.jobs}, workdir {args.workdir}")
    a = args.analyzer
    if not args.no_ungdc:
        if args.ungdc.is_dir():
            bench("ungdc", [str(args.ungdc)], args.workdir, args.jobs, a, args.report_max)
        else:
            print(f"\nungdc: skipped ({args.ungdc} not found)")
    for n in sizes:
        corpus = _generated(n, args.workdir, args.seed)
        bench(f"generated-{n}", [str(corpus)], args.workdir, args.jobs, a, args.report_max)
    return 0


if __name__ == "__main__":
    sys.exit(main())
