"""Words per second of statement extraction, over the UNGDC speeches and the sample corpus.

Run: ``python benchmarks/bench_extract.py``. Reading files is not timed; normalization is
(extract_statements builds its own view), so the figure is what a user of the library gets.
UNGDC speeches are timed twice: as `document` statements (their layout) and with the full
quote and reported-speech rules run over their text, which is the demanding figure. Last,
the whole analysis of each speech (``positions.pipeline.analyze``: statements and the
lexicon's concept markers), as ``positions ingest`` and ``positions diff`` run it.

Each line gives words per second of wall time and, in brackets, per second of this process's
CPU time: on a shared machine (other jobs on the same cores) the second is the one to compare.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import attrs

from positions.actors import load_gazetteer
from positions.attribution import extract_statements
from positions.sources import bundled_corpus, iter_articles

ROOT = Path(__file__).resolve().parents[1]
UNGDC = ROOT.parent / "shared" / "corpora" / "ungdc"
_WORD = re.compile(r"\w+")


def _bench(label: str, articles: list) -> None:
    gz = load_gazetteer()
    words = sum(len(_WORD.findall(a.body_text)) for a in articles)
    t0, c0 = time.perf_counter(), time.process_time()
    n = 0
    for a in articles:
        n += len(extract_statements(a, gazetteer=gz))
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"{label:<40} {len(articles):>4} articles {words:>9,} words {n:>6} statements {dt:7.2f} s {words / dt:>10,.0f} words/s ({words / cpu:,.0f} per CPU s)"
    )


def _bench_analyze(label: str, articles: list) -> None:
    from positions.pipeline import analyze

    analyze(articles[0])  # load the lexicon and gazetteer outside the timing
    words = sum(len(_WORD.findall(a.body_text)) for a in articles)
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(analyze(a).markers) for a in articles)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{label:<40} {len(articles):>4} articles {words:>9,} words {n:>6} markers    {dt:7.2f} s {words / dt:>10,.0f} words/s ({words / cpu:,.0f} per CPU s)")


def main() -> int:
    sample = list(iter_articles(bundled_corpus(), on_error=lambda p, e: None))
    _bench("sample corpus", sample)
    if UNGDC.is_dir():
        speeches = list(iter_articles([UNGDC], on_error=lambda p, e: None))
        _bench("UNGDC speeches (document statements)", speeches)
        full = [attrs.evolve(a, layout="text", country=None) for a in speeches]
        _bench("UNGDC speeches (full rules)", full)
        _bench_analyze("UNGDC speeches (analyze: + lexicon)", speeches)
    else:
        print(f"UNGDC corpus not found at {UNGDC}; skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
