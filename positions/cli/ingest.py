"""``positions ingest``: read a corpus into a SQLite store once, query it many times."""

from __future__ import annotations

import functools
import sys
from typing import Any, Optional

import click

from ..errors import SourceError
from ..sources import bundled_corpus, iter_articles
from ..store import IngestResult, Missing, StoreStats, open_store, rebuild_store
from . import main
from ._corpus import UNDATED_FIX, Failures
from ._options import actors_option, corpus_argument, encoding_option, lexicon_option, year_option


def summary(db: str, result: IngestResult, stats: StoreStats) -> str:
    """The last line ``positions ingest`` prints.

    >>> from positions.store import IngestResult, Missing, StoreStats
    >>> s = StoreStats("u.db", 1, 371, 0, 371, 4000, 900, "1946", "2024", ())
    >>> summary("u.db", IngestResult(read=3, skipped=368), s)
    'u.db: 371 files: 3 read (0 replaced), 368 unchanged, 0 failed; the store holds 371 articles, 4000 statements, 900 markers'
    >>> summary("u.db", IngestResult(skipped=371, missing=Missing(2, 3)), s).split("; ")[1]
    '2 stored files (3 articles) no longer in the corpus (use --prune to remove them)'
    >>> pruned = IngestResult(skipped=371, missing=Missing(1, 1, pruned=True))
    >>> summary("u.db", pruned, s).split("; ")[1]
    'pruned 1 stored file (1 article) no longer in the corpus'
    """
    return (
        f"{db}: {result.files} files: {result.read} read ({result.replaced} replaced),"
        f" {result.skipped} unchanged, {result.failed} failed;{_missing(result.missing)}"
        f" the store holds {stats.articles} articles, {stats.statements} statements,"
        f" {stats.markers} markers"
    )


def _missing(missing: Missing) -> str:
    """What the summary says of the stored files the ingest did not find: always with
    --prune, else only when there are any."""
    what = f"{_n(missing.files, 'stored file')} ({_n(missing.articles, 'article')})"
    if missing.pruned:
        return f" pruned {what} no longer in the corpus;"
    if not missing.files:
        return ""
    them = "it" if missing.files == 1 else "them"
    return f" {what} no longer in the corpus (use --prune to remove {them});"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _undated(store: Any) -> list[str]:
    """The paths of the stored articles that have no date."""
    rows = store.connection.execute("SELECT path FROM articles WHERE date IS NULL ORDER BY path")
    return [r[0] for r in rows]


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
@click.option(
    "--prune",
    is_flag=True,
    help="Remove from the store the files under CORPUS that this ingest did not find.",
)
@click.option(
    "--verify",
    is_flag=True,
    help="Check the whole store (PRAGMA integrity_check) before ingesting, not only its pages' structure.",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Make the store afresh from CORPUS in a new file that then replaces --db (for a damaged store).",
)
@year_option
@encoding_option
@lexicon_option
@actors_option
@click.pass_context
def ingest(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: str,
    jobs: int,
    prune: bool,
    verify: bool,
    rebuild: bool,
    year: Optional[int],
    encoding: str,
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

    Files removed from CORPUS stay in the store: the summary counts the stored files under
    the CORPUS paths (under a directory or pattern given, or a file given) that this ingest
    did not find, and --prune removes them with all their rows, in one transaction. Files of
    other corpora in the same store are never touched, nor is a file found but failing to
    read, nor anything a listing error concerns (a path naming nothing, a directory that
    cannot be listed, a corpus.toml naming files that are not there).

    The store is checked when it is opened (PRAGMA quick_check; the slower integrity_check
    with --verify): a damaged store is one line and exit status 1. --rebuild then makes it
    afresh from CORPUS, without reading the old file: the new store is written beside it and
    replaces it only when the ingest has finished. It replaces only a positions store (damaged
    or not); the files of other corpora that the old store held are not in the new one.

    \b
    Example:
        positions ingest corpus/ --db corpus.db --jobs 4
        positions ingest corpus/ --db corpus.db --prune
        positions ingest corpus/ --db corpus.db --rebuild
        positions ingest speeches/ --db speeches.db --encoding auto
    """
    if rebuild and prune:
        raise click.UsageError("--prune has nothing to remove with --rebuild (the new store holds only CORPUS)")
    if "-" in corpus:
        raise click.UsageError(
            "ingest stores files by path and content hash: save stdin to a file and ingest that"
            " (other commands read '-')"
        )
    paths: list[Any] = list(corpus) if corpus else list(bundled_corpus())
    if not paths:
        raise SourceError("no CORPUS given and no bundled sample corpus found")
    report = Failures()  # one line per bad file; exit 1 at the end

    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label="ingest", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    on_tty = sys.stderr.isatty()
    options: dict[str, Any] = dict(year=year, jobs=jobs, on_error=report, progress=progress if on_tty else None,
                                   lexicon=lexicon_path, actors=actors_paths)  # fmt: skip
    if encoding != "utf-8":  # the store reads files through this reader, in this encoding
        options["read"] = functools.partial(iter_articles, encoding=encoding)
    try:
        if rebuild:
            result, stats = rebuild_store(db_path, paths, **options)
        else:
            with open_store(db_path, verify=verify) as store:
                result = store.ingest(paths, prune=prune, **options)
                stats = store.stats()
                undated = _undated(store)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if rebuild:
        with open_store(db_path) as store:  # the new file, opened as a writer so it closes clean
            undated = _undated(store)
    click.echo(summary(db_path, result, stats))
    if undated:
        shown = ", ".join(undated[:3]) + (" ..." if len(undated) > 3 else "")
        click.echo(
            f"positions: warning: {len(undated)} undated article(s) stored, left out of timelines,"
            f" comparisons, diffs by period and reports: {shown}; {UNDATED_FIX}",
            err=True,
        )
    if report.count:
        ctx.exit(1)
