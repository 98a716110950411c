"""The Dask engine against the local one: throughput, identical analyses, memory per worker.

Usage::

    python benchmarks/bench_dask.py                        # UNGDC + 10,000 generated articles
    python benchmarks/bench_dask.py --sizes 2000 --no-ungdc

For each corpus (the UNGDC speeches at ``../shared/corpora/ungdc`` when present, and corpora
of N articles made by ``make_corpus.py``), each run is a fresh child process (so that its
peak RSS is its own) that ingests the whole corpus into a new target:

- ``local j1`` / ``local j2``: the local engine into a SQLite store, 1 and 2 processes (the
  j1 store is the reference);
- ``dask P×1``: a LocalCluster of P worker processes (1 thread each), into a Parquet
  dataset; ``dask T×1``: a LocalCluster of T worker *threads* in the client's process.

Printed per run: wall time, articles per second, speed-up over ``local j1``, the client's
peak RSS, each worker's peak RSS (``getrusage`` in the worker, through ``client.run``; for
thread workers it is the client's process), and ``same``: whether every analysis read back
from the target equals the reference store's, in the same order (``Dataset.analyses()``
against ``Store.analyses()``, record for record, spans included).

``--analyzer store-only`` swaps the pipeline for ``bench_corpus.py``'s trivial analyzer (a
statement per sentence, a marker per keyword): what is left is each engine's own cost per
article (reading, hashing, shipping, writing), the ceiling of its throughput however many
workers analyse.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # this checkout's positions, not an installed one
UNGDC = HERE.parent.parent / "shared" / "corpora" / "ungdc"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_peak() -> float:
    import resource as r

    return r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024


def child(spec: dict) -> dict:
    """One run, in this (fresh) process."""
    from positions.store import PipelineAnalyzer, open_store

    if spec.get("analyzer") == "store-only":
        sys.path.insert(0, str(HERE))
        import cloudpickle

        import bench_corpus

        cloudpickle.register_pickle_by_value(bench_corpus)  # workers cannot import benchmarks/
        analyze = bench_corpus.StoreOnly()
    else:
        analyze = PipelineAnalyzer()
    target = Path(spec["target"])
    t0 = time.perf_counter()
    workers: list[float] = []
    if spec["engine"] == "local":
        with open_store(target) as s:
            result = s.ingest(spec["paths"], jobs=spec["jobs"], analyze=analyze)
    else:
        import distributed

        from positions.cluster import dask_executor
        from positions.dataset import ingest_dataset

        processes = spec["kind"] == "processes"
        cluster = distributed.LocalCluster(n_workers=spec["workers"], threads_per_worker=1, processes=processes,
                                           dashboard_address=None, silence_logs=50)  # fmt: skip
        t0 = time.perf_counter()  # the cluster's start-up (a few seconds) is not the engine's speed
        with dask_executor(cluster.scheduler_address) as (ex, slots):
            result = ingest_dataset(target, spec["paths"], analyze=analyze, executor=ex, jobs=slots)
            client = distributed.get_client()
            if processes:
                workers = sorted(client.run(_worker_peak).values())
        cluster.close()
    wall = time.perf_counter() - t0
    if not workers and spec["engine"] == "dask":
        workers = [_peak_mb()]
    return {"wall": wall, "articles": result.articles, "failed": result.failed, "peak": _peak_mb(), "workers": workers}


def same(reference: Path, target: Path, engine: str) -> bool:
    from positions.store import open_store

    with open_store(reference, create=False) as s:
        want = s.analyses()
        if engine == "local":
            with open_store(target, create=False) as t:
                return _equal(want, t.analyses())
        from positions.dataset import open_dataset

        with open_dataset(target) as d:
            return _equal(want, d.analyses())


def _equal(a, b) -> bool:
    sentinel = object()
    import itertools

    return all(x == y for x, y in itertools.zip_longest(a, b, fillvalue=sentinel))


def _generated(n: int, workdir: Path, seed: int = 0) -> Path:
    d = workdir / f"gen-{n}-seed{seed}"
    if not (d / ".done").exists():
        shutil.rmtree(d, ignore_errors=True)
        sys.path.insert(0, str(HERE))
        from make_corpus import make_corpus

        make_corpus(n, d, seed=seed)
        (d / ".done").write_text("")
    return d


RUNS = [
    ("local j1", {"engine": "local", "jobs": 1}),
    ("local j2", {"engine": "local", "jobs": 2}),
    ("dask P1", {"engine": "dask", "kind": "processes", "workers": 1}),
    ("dask P2", {"engine": "dask", "kind": "processes", "workers": 2}),
    ("dask T1", {"engine": "dask", "kind": "threads", "workers": 1}),
    ("dask T2", {"engine": "dask", "kind": "threads", "workers": 2}),
]


def bench(name: str, paths: list[str], workdir: Path, runs: list[str], analyzer: str) -> None:
    name = name if analyzer == "pipeline" else f"{name}-{analyzer}"
    print(f"\n## {name}", flush=True)
    print(f"{'run':10} {'wall s':>8} {'art/s':>8} {'speed-up':>8} {'client MB':>9}  {'workers MB':<18} same", flush=True)
    base = None
    reference = workdir / f"{name}-local j1.db"
    for label, spec in RUNS:
        if label not in runs:
            continue
        ext = "db" if spec["engine"] == "local" else "ds"
        target = workdir / f"{name}-{label}.{ext}"
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        for side in ("-wal", "-shm"):
            Path(str(target) + side).unlink(missing_ok=True)
        spec = {**spec, "paths": paths, "target": str(target), "analyzer": analyzer}
        out = subprocess.run([sys.executable, __file__, "--child", json.dumps(spec)],
                             capture_output=True, text=True, check=False)  # fmt: skip
        if out.returncode != 0:
            print(f"{label:10} failed: {out.stderr.strip().splitlines()[-1:]}", flush=True)
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rate = r["articles"] / r["wall"]
        base = base or rate
        ok = same(reference, target, spec["engine"]) if reference.exists() else "?"
        workers = ", ".join(f"{w:.0f}" for w in r["workers"]) or "-"
        print(f"{label:10} {r['wall']:8.1f} {rate:8.1f} {rate / base:8.2f} {r['peak']:9.0f}  {workers:<18} {ok}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000", help="generated corpus sizes, comma-separated ('' for none)")
    ap.add_argument("--no-ungdc", action="store_true")
    ap.add_argument("--analyzer", choices=["pipeline", "store-only"], default="pipeline")
    ap.add_argument("--runs", default=",".join(label for label, _ in RUNS))
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "positions-bench-dask")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    runs = args.runs.split(",")
    print(f"bench_dask: {os.cpu_count()} CPUs; runs: {', '.join(runs)}")
    if not args.no_ungdc and UNGDC.is_dir():
        bench("ungdc", [str(UNGDC)], args.workdir, runs, args.analyzer)
    for n in [int(x) for x in args.sizes.split(",") if x]:
        bench(f"gen{n}", [str(_generated(n, args.workdir))], args.workdir, runs, args.analyzer)


if __name__ == "__main__":
    main()
