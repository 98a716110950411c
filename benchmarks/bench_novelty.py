"""How long ``novelty`` takes for one new article against a big store: the index, not a scan.

Usage::

    python benchmarks/bench_novelty.py                    # a simulated 100,000-article store
    python benchmarks/bench_novelty.py --articles 20000 --scan

The store is simulated: analyses made from records (six actors, 2000-2024, one or two
statements an article, one to four markers each from the bundled concept ids, a few wordings
per concept, some negated) are written with :meth:`Store.put`, a thousand articles a file, so
that the schema, the triggers and the ``appearances``/``usages`` index are the real ones,
without hours of pipeline. It is kept under ``--workdir`` and reused by later runs.

Figures printed: the time to build the store; then, for ``--queries`` new articles (each of
one actor, dated in 2024), the time of :func:`positions.novelty` against the store opened
read-only (first query, median and worst of the rest), with what each found. ``--scan``
also times the same question answered the slow way, by reading every analysis of the store
into a :class:`MemoryHistory` (what the index avoids).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from positions.history import MemoryHistory  # noqa: E402
from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement  # noqa: E402
from positions.novelty import novelty  # noqa: E402
from positions.store import open_store  # noqa: E402

ACTORS = ("CHN", "JPN", "KOR", "PRK", "RUS", "USA")
CONCEPTS = {
    "phased": ("step by step", "phased", "stage by stage", "gradual"),
    "synchronized": ("synchronized", "simultaneous actions", "action for action"),
    "dialogue": ("dialogue", "negotiations", "talks"),
    "dual_suspension": ("double freeze", "freeze for freeze", "dual suspension"),
    "dual_track": ("dual track", "parallel progress"),
    "cvid": ("cvid", "verifiable and irreversible"),
    "end_of_war": ("end of war declaration", "declaration ending the war"),
    "sanctions_relief": ("ease sanctions", "sanctions relief"),
    "sanctions_pressure": ("maximum pressure", "full implementation of sanctions"),
    "peace_regime": ("peace regime", "peace mechanism"),
    "denuclearization_peninsula": ("denuclearization of the korean peninsula",),
    "roadmap": ("roadmap",),
}


def make_analysis(rng: random.Random, i: int, actor: str, date: PartialDate) -> Analysis:
    text_parts: list[str] = []
    statements = []
    all_markers = []
    pos = 0
    for s in range(rng.randint(1, 2)):
        start = pos
        markers = []
        for _ in range(rng.randint(1, 4)):
            concept = rng.choice(sorted(CONCEPTS))
            words = rng.choice(CONCEPTS[concept])
            text_parts.append(words)
            m = Marker(concept, words, words, Span(pos, pos + len(words)), polarity="negated" if rng.random() < 0.05 else "affirmed")
            markers.append(m)
            pos += len(words) + 2
        end = pos - 2
        holders = (actor,) if rng.random() < 0.9 else (actor, rng.choice(ACTORS))
        statements.append(Statement(f"a{i}", Span(start, end), "", "reported", country=actor,
                                    holders=tuple(dict.fromkeys(holders)), markers=tuple(markers)))  # fmt: skip
        all_markers += markers
    text = "; ".join(text_parts)
    art = Article(f"a{i}", f"sim/{i:06d}.txt", text, Span(0, len(text)), date=date)
    return Analysis(art, tuple(statements), tuple(all_markers))


def random_date(rng: random.Random) -> PartialDate:
    year = rng.randint(2000, 2024)
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def build(db: Path, n: int) -> float:
    rng = random.Random(18)
    t0 = time.perf_counter()
    with open_store(db) as store:
        for f in range(0, n, 1000):
            batch = [make_analysis(rng, i, rng.choice(ACTORS), random_date(rng)) for i in range(f, min(n, f + 1000))]
            store.put(batch, file=f"sim/{f // 1000:04d}", file_hash=str(f))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=20)
    ap.add_argument("--window", default="2y")
    ap.add_argument("--scan", action="store_true", help="also time the whole-store scan the index avoids")
    ap.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "positions-bench")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    db = args.workdir / f"novelty-{args.articles}.db"
    if not db.exists():
        print(f"building {db} ({args.articles:,} simulated articles) ...", flush=True)
        print(f"build: {build(db, args.articles):.1f} s")
    rng = random.Random(2024)
    new = [make_analysis(rng, 10_000_000 + q, ACTORS[q % len(ACTORS)], PartialDate(2024, 12, rng.randint(1, 28)))
           for q in range(args.queries)]  # fmt: skip
    with open_store(db, create=False) as store:
        stats = store.stats()
        usages = store.connection.execute("SELECT count(*) FROM usages").fetchone()[0]
        print(f"store: {stats.articles:,} articles, {stats.statements:,} statements, {stats.markers:,} markers, "
              f"{usages:,} index rows; {db.stat().st_size / 1e6:.0f} MB")  # fmt: skip
        times = []
        found = []
        for an in new:
            t0 = time.perf_counter()
            rep = novelty([an], store.connection, window=args.window)
            times.append(time.perf_counter() - t0)
            r = rep.articles[0]
            found.append((len(r.standing.appearances), len(r.new_wordings), len(r.missing), len(r.flips)))
        rest = times[1:] or times
        print(f"novelty, one article against the store (window {args.window}): first {times[0] * 1000:.0f} ms, "
              f"median {statistics.median(rest) * 1000:.0f} ms, worst {max(rest) * 1000:.0f} ms "
              f"over {len(times)} queries")  # fmt: skip
        apps = [f[0] for f in found]
        print(f"  standing positions of {min(apps)}-{max(apps)} articles; first query found "
              f"{found[0][1]} new wording(s), {found[0][2]} missing formula(s), {found[0][3]} flip(s)")  # fmt: skip
        if args.scan:
            t0 = time.perf_counter()
            history = MemoryHistory(store.analyses())
            t1 = time.perf_counter()
            assert novelty(new[:1], history, window=args.window) == novelty(new[:1], store.connection, window=args.window)
            print(f"scan instead: reading every analysis into memory {t1 - t0:.1f} s (same answer)")


if __name__ == "__main__":
    main()
