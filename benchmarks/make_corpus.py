"""Generate a corpus of N articles by recombining the paragraphs of the sample corpus.

Usage::

    python benchmarks/make_corpus.py 10000 /tmp/corpus-10k [--seed 0]

Each generated article is a Markdown file with front matter (``date``, ``source``,
``title``), so that its date resolves without a manifest; its body starts with a paragraph
of one sample article (its "lead", whose outlet it keeps) and goes on with 2-6 paragraphs
drawn from the whole sample. Files go to ``OUTDIR/<year>/<number>.md`` (at most a few
thousand a directory). The same N and seed give byte-identical files.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from positions.sources import bundled_corpus, iter_articles

YEARS = (2003, 2023)


def sample_paragraphs() -> tuple[list[tuple[str, list[str]]], list[str]]:
    """``(source, paragraphs)`` of each sample article, and all paragraphs in one pool."""
    leads: list[tuple[str, list[str]]] = []
    pool: list[str] = []
    for article in iter_articles(bundled_corpus()):
        paras = [p.strip() for p in re.split(r"\n\s*\n|\r?\n", article.body_text) if p.strip()]
        paras = [p for p in paras if len(p) > 40]
        if paras:
            leads.append((article.source or "Sample", paras))
            pool.extend(paras)
    if not pool:
        raise SystemExit("make_corpus: the sample corpus is empty")
    return leads, pool


def _yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_corpus(n: int, outdir: Path, *, seed: int = 0) -> int:
    """Write ``n`` articles under ``outdir``; return the number of bytes written."""
    leads, pool = sample_paragraphs()
    rng = random.Random(seed)
    written = 0
    for i in range(n):
        source, paras = leads[rng.randrange(len(leads))]
        body = [paras[rng.randrange(len(paras))]]
        body += [pool[rng.randrange(len(pool))] for _ in range(rng.randint(2, 6))]
        year = rng.randint(*YEARS)
        date = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        title = f"Generated article {i}: " + " ".join(body[0].split()[:8])
        text = (
            f"---\ndate: {date}\nsource: {_yaml_str(source)}\ntitle: {_yaml_str(title)}\n---\n\n"
            + "\n\n".join(body)
            + "\n"
        )
        path = outdir / str(year) / f"{i:07d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        written += len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="how many articles")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    size = make_corpus(args.n, args.outdir, seed=args.seed)
    print(f"{args.outdir}: {args.n} articles, {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
