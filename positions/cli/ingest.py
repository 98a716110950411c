"""``positions ingest``: read a corpus into a SQLite store once, query it many times."""

from __future__ import annotations

import contextlib
import functools
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

import click

from ..errors import SourceError
from ..model import Article
from ..sources import bundled_corpus, iter_articles
from ..store import IngestResult, Missing, StoreStats, open_store, rebuild_store
from . import main
from ._corpus import UNDATED_FIX, Failures
from ._options import actors_option, corpus_argument, encoding_option, lexicon_option, year_option
from ._progress import progress, quiet_option

if TYPE_CHECKING:
    from ..dataset import DatasetStats


def summary(db: str, result: IngestResult, stats: Union[StoreStats, DatasetStats]) -> str:
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


@main.command()
@corpus_argument
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=str),
    help="SQLite store to create or update.",
)
@click.option(
    "--dataset",
    "dataset_path",
    type=click.Path(file_okay=False, path_type=str),
    help="Parquet dataset (a directory) to create or update, instead of --db.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Analyse here (--jobs processes) or on a Dask cluster (needs positions[dask]).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler to use (tcp://host:8786); default: a LocalCluster on this machine.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Workers of the LocalCluster (default: one per CPU).",
)
@click.option(
    "--threads",
    "use_threads",
    is_flag=True,
    help="LocalCluster workers as threads of this process instead of processes.",
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
@quiet_option
@click.pass_context
def ingest(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    engine: str,
    scheduler: Optional[str],
    workers: Optional[int],
    use_threads: bool,
    jobs: int,
    prune: bool,
    verify: bool,
    rebuild: bool,
    year: Optional[int],
    encoding: str,
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    quiet: bool,
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

    --dataset DIR writes a Parquet dataset instead (articles, statements, markers,
    partitioned by year and actor; incremental by content hash too; read it with --dataset
    in timeline, compare, diff, report, kwic and articles). --engine dask analyses on a Dask
    cluster: the one at --scheduler, else a LocalCluster of --workers processes; the
    results are the same as the local engine's. CORPUS may be fsspec URLs (file://,
    memory://, s3:// ...). Both need the optional extra: pip install "positions[dask]".
    A progress bar goes to stderr on a terminal (not in a pipe, nor with --quiet).

    \b
    Example:
        positions ingest corpus/ --db corpus.db --jobs 4
        positions ingest corpus/ --db corpus.db --prune
        positions ingest corpus/ --db corpus.db --rebuild
        positions ingest speeches/ --db speeches.db --encoding auto
        positions ingest corpus/ --dataset ds/ --engine dask --workers 2

    \b
    On a cluster, from a bucket (needs s3fs and a reachable scheduler):
        positions ingest s3://bucket/wire/ --db wire.db --engine dask --scheduler tcp://10.0.0.5:8786
    """
    if (db_path is None) == (dataset_path is None):
        raise click.UsageError("give --db FILE or --dataset DIR (one of them)")
    if rebuild and prune:
        raise click.UsageError("--prune has nothing to remove with --rebuild (the new store holds only CORPUS)")
    if "-" in corpus:
        raise click.UsageError(
            "ingest stores files by path and content hash: save stdin to a file and ingest that"
            " (other commands read '-')"
        )
    if dataset_path is not None and (prune or verify or rebuild):
        raise click.UsageError("--prune, --verify and --rebuild apply to a --db store, not to a --dataset")
    if engine == "local" and (scheduler or workers or use_threads):
        raise click.UsageError("--scheduler, --workers and --threads apply to --engine dask")
    if engine == "dask" and jobs != 1:
        raise click.UsageError("--jobs applies to --engine local (size a Dask cluster with --workers)")
    if dataset_path is not None:
        from ..dataset import require_dataset

        require_dataset("--dataset")
    paths: list[Any] = list(corpus) if corpus else list(bundled_corpus())
    if not paths:
        raise SourceError("no CORPUS given and no bundled sample corpus found")
    from ..cluster import is_url, local_corpus

    local = local_corpus(paths) if any(is_url(p) for p in paths) else None
    if local is not None:
        paths = list(local.paths)
    report = Failures()  # one line per bad file; exit 1 at the end

    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(progress("ingest", quiet=quiet))
        options: dict[str, Any] = dict(year=year, jobs=jobs, on_error=report,
                                       progress=bar.callback if bar.visible else None)  # fmt: skip
        # the store reads files through this reader: in --encoding, and naming copied
        # articles by their URL
        read: Optional[Callable[..., Iterable[Article]]] = (
            functools.partial(iter_articles, encoding=encoding) if encoding != "utf-8" else None
        )
        if local is not None:
            read = local.reader(read)
        if read is not None:
            options["read"] = read
        if engine == "dask":
            from ..cluster import dask_executor

            executor, slots = stack.enter_context(
                dask_executor(scheduler, workers=workers, processes=not use_threads)
            )
            options.update(executor=executor, jobs=slots)
        if dataset_path is not None:
            from ..dataset import ingest_dataset, open_dataset
            from ..store import PipelineAnalyzer

            analyzer = PipelineAnalyzer(lexicon_path, actors_paths)
            analyzer.prepare()  # a bad lexicon: one error before any work
            result = ingest_dataset(dataset_path, paths, analyze=analyzer, **options)
            with open_dataset(dataset_path) as ds:
                held = ds.stats()
                undated = ds.undated()
            line = summary(dataset_path, result, held).replace(" the store holds", " the dataset holds")
        else:
            assert db_path is not None  # --db or --dataset, one of them (checked above)
            options.update(lexicon=lexicon_path, actors=actors_paths)
            if rebuild:
                result, stats = rebuild_store(db_path, paths, **options)
            else:
                with open_store(db_path, verify=verify) as store:
                    result = store.ingest(paths, prune=prune, **options)
                    stats = store.stats()
                    undated = store.undated()
            line = summary(db_path, result, stats)
    if rebuild:
        assert db_path is not None  # --rebuild is for a --db store (checked above)
        with open_store(db_path) as store:  # the new file, opened as a writer so it closes clean
            undated = store.undated()
    click.echo(line)
    if undated:
        shown = ", ".join(undated[:3]) + (" ..." if len(undated) > 3 else "")
        click.echo(
            f"positions: warning: {len(undated)} undated article(s) stored, left out of timelines,"
            f" comparisons, diffs by period and reports: {shown}; {UNDATED_FIX}",
            err=True,
        )
    if report.count:
        ctx.exit(1)
