"""Reading saved web pages and PDFs: time per page and per file, and the big-PDF refusal.

Usage::

    python benchmarks/bench_inputs.py                 # 300-page record, 200 saved pages
    python benchmarks/bench_inputs.py --pages 2000    # a longer PDF

Figures printed (no assertion; speed targets live here, not in tests):

- ``pdf``: a generated UN-verbatim-style PDF of ``--pages`` pages (running heads and feet on
  every page): its size, the time to read it into one article (pypdf text + head/foot
  removal + assembling), pages per second.
- ``pdf-50MB``: the time to refuse a 50 MB PDF (it is refused by size before being read).
- ``html``: ``--html`` copies of the test pages read with trafilatura: pages per second.

The PDFs are made by ``tests/pdf_writer.py`` (the tests' own writer), in a temp directory.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pdf_writer import pdf_bytes  # noqa: E402

from positions.errors import SourceError  # noqa: E402
from positions.sources import iter_articles, read_article  # noqa: E402

SPEECH = (
    "Mr. {who} (spoke in French): My delegation supports a phased and synchronized "
    "approach and the early resumption of dialogue on the peninsula."
)
# Names that make every line differ in its letters, not only its digits: lines that repeat
# (digits aside) at the edges of pages would be read as running heads.
NAMES = "Abe Brun Chen Diaz Eko Faure Gupta Hahn Ito Jones Kim Lee Mora Nagy Ortiz Park".split()


def record_pages(n: int) -> list[list[str]]:
    pages = []
    for p in range(1, n + 1):
        lines = ["S/PV.9999          Non-proliferation          01/01/2024"]
        lines += [
            SPEECH.format(who=f"{NAMES[(p + i) % 16]} {NAMES[(p * 7 + i * 3) % 16]}-{NAMES[p % 16]}")[:90]
            for i in range(45)
        ]
        lines += [f"{p}/{n}                                                24-00001"]
        pages.append(lines)
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--html", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="positions-inputs-"))
    try:
        pdf = work / "record.pdf"
        pdf.write_bytes(pdf_bytes(record_pages(args.pages)))
        t = time.perf_counter()
        article = read_article(pdf)
        dt = time.perf_counter() - t
        print(f"pdf       {args.pages} pages  {pdf.stat().st_size / 1e6:.1f} MB  {dt:.2f} s"
              f"  {args.pages / dt:.0f} pages/s  {len(article.text):,} chars kept")  # fmt: skip

        big = work / "big.pdf"
        big.write_bytes(pdf_bytes([["One page."]], padding=50 * 1024 * 1024))
        t = time.perf_counter()
        try:
            read_article(big)
            outcome = "read"
        except SourceError as exc:
            outcome = str(exc).split(": ", 1)[1][:60] + "…"
        print(f"pdf-50MB  {(time.perf_counter() - t) * 1000:.1f} ms  {outcome}")

        pages_dir = work / "pages"
        pages_dir.mkdir()
        sources = sorted((ROOT / "tests" / "data" / "pages").glob("*.htm*"))
        for i in range(args.html):
            src = sources[i % len(sources)]
            shutil.copy(src, pages_dir / f"{i:04d}-{src.name}")
        t = time.perf_counter()
        read = list(iter_articles([pages_dir], on_error=lambda p, e: None))
        dt = time.perf_counter() - t
        print(f"html      {args.html} pages  {dt:.2f} s  {args.html / dt:.0f} pages/s  ({len(read)} with text)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
