"""``positions ingest``: read a corpus into a SQLite store once, query it many times."""

from __future__ import annotations

import sys
from typing import Any, Optional

import click

from ..errors import SourceError
from ..sources import bundled_corpus
from ..store import IngestResult, StoreStats, open_store
from . import main
from ._corpus import Failures
from ._options import actors_option, corpus_argument, lexicon_option, year_option


def summary(db: str, result: IngestResult, stats: StoreStats) -> str:
    """The last line ``positions ingest`` prints.

    >>> from positions.store import IngestResult, StoreStats
    >>> s = StoreStats("u.db", 1, 371, 0, 371, 4000, 900, "1946", "2024", ())
    >>> summary("u.db", IngestResult(read=3, skipped=368), s)
    'u.db: 371 files: 3 read (0 replaced), 368 unchanged, 0 failed; the store holds 371 articles, 4000 statements, 900 markers'
    """
    return (
        f"{db}: {result.files} files: {result.read} read ({result.replaced} replaced),"
        f" {result.skipped} unchanged, {result.failed} failed;"
        f" the store holds {stats.articles} articles, {stats.statements} statements,"
        f" {stats.markers} markers"
    )


@main.command()
@corpus_argument
@click.option(
    "--db",
    "db_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="SQLite store to create or update.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Analyse in this many processes (the result does not depend on it).",
)
@year_option
@lexicon_option
@actors_option
@click.pass_context
def ingest(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: str,
    jobs: int,
    year: Optional[int],
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
) -> None:
    """Read CORPUS into the SQLite store --db: articles, statements and markers, with spans.

    Incremental: a file whose content (and manifest) is unchanged since the last ingest
    with the same lexicon, actors files and --year is skipped; a changed one is replaced.
    Each file is written in one transaction, so an interrupted ingest keeps what it wrote
    and the next one resumes. A file (or export row) that cannot be read or analysed is reported on
    stderr as one line, "positions: <path>: <problem>", and the rest is ingested; the exit
    status is then 1. With no CORPUS, the bundled sample corpus is ingested. Other
    commands read the store with --db.

    \b
    Example:
        positions ingest corpus/ --db corpus.db --jobs 4
        positions ingest ../shared/corpora/ungdc --db /tmp/u.db
    """
    paths: list[Any] = list(corpus) if corpus else list(bundled_corpus())
    if not paths:
        raise SourceError("no CORPUS given and no bundled sample corpus found")
    report = Failures()  # one line per bad file; exit 1 at the end


    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(
                length=total, label="ingest", file=sys.stderr
            )
            bar.__enter__()
        bar.update(1)

    on_tty = sys.stderr.isatty()
    with open_store(db_path) as store:
        try:
            result = store.ingest(
                paths,
                year=year,
                jobs=jobs,
                on_error=report,
                progress=progress if on_tty else None,
                lexicon=lexicon_path,
                actors=actors_paths,
            )
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
        stats = store.stats()
    click.echo(summary(db_path, result, stats))
    if report.count:
        ctx.exit(1)
