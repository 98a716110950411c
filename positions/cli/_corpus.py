"""Where timeline, compare and report get their analyses: a store (--db), a CORPUS run
through the pipeline, or the bundled sample corpus when neither is given."""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import click

from ..errors import EmptyFileError, PositionsError, SourceError
from ..model import Analysis, Article
from ..render._display import path_shower as path_shower  # the commands show paths with it
from ..render.terminal import printable


def warn_empty(path: str, exc: PositionsError) -> bool:
    """Say on stderr that an empty file was skipped, when ``exc`` says it is one (an empty
    file loses no article, so it is a warning and leaves the exit status alone)."""
    if not isinstance(exc, EmptyFileError):
        return False
    message = str(exc)
    problem = message[len(path) + 2 :] if message.startswith(f"{path}: ") else message
    click.echo(printable(f"positions: {path}: warning: {problem}, skipped"), err=True)
    return True


class Failures:
    """Counts the files reported as bad (the command exits 1 when there were any); an
    empty file is a warning, not counted."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, path: str, exc: PositionsError) -> None:
        if warn_empty(path, exc):
            return
        self.count += 1
        message = str(exc)
        named = message.startswith(path) or message.startswith(os.path.basename(path))
        click.echo(printable(f"positions: {message if named else f'{path}: {message}'}"), err=True)


def echo_warnings(article: Article) -> None:
    """Each warning of ``article`` as one line on stderr (the exit status is unchanged)."""
    for warning in article.warnings:
        click.echo(printable(f"positions: {article.path}: warning: {warning}"), err=True)


UNDATED_FIX = (
    "date them with an ISO file name (2021-09-24-name.txt), a date in corpus.toml, "
    "or --year YYYY"
)


def report_undated(analyses: Sequence[Analysis], what: str) -> int:
    """Say once, on stderr, which articles have no date and are left out of ``what`` (an
    ordering by time), and how to date them. Returns how many there were."""
    from ..track import undated

    missing = undated(analyses)
    if missing:
        shown = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        click.echo(
            f"positions: warning: {len(missing)} undated article(s) left out of {what}: {shown};"
            f" {UNDATED_FIX}",
            err=True,
        )
    return len(missing)


def nothing_found(message: str) -> None:
    """One line on stderr for an empty result, saying what was found and what to try."""
    click.echo(f"positions: {message}", err=True)


def _report_option_year(analyses: Sequence[Analysis], year: int) -> None:
    """Say once which articles --year dated (nothing else did); the others keep their own."""
    from ..model import DateSource

    by_option = sorted(an.article.path for an in analyses
                       if an.article.date_from in (DateSource.OPTION, DateSource.DATELINE_OPTION_YEAR))  # fmt: skip
    if by_option:
        shown = ", ".join(by_option[:3]) + (" ..." if len(by_option) > 3 else "")
        click.echo(
            f"positions: --year {year} dated {len(by_option)} of {len(analyses)} article(s), those"
            f" nothing else dates: {shown}",
            err=True,
        )


def load_analyses(
    corpus: Sequence[str],
    db_path: Optional[str],
    *,
    year: Optional[int] = None,
    lexicon_path: Optional[str] = None,
    actors_paths: Sequence[str] = (),
    failures: Optional[Failures] = None,
    stdin_name: Optional[str] = None,
    encoding: str = "utf-8",
    dataset_path: Optional[str] = None,
    quiet: bool = False,
    texts: bool = True,
) -> list[Analysis]:
    """The analyses to work on; a bad file is reported through ``failures`` and skipped.
    Analysing a CORPUS shows a bar on stderr (see :mod:`._progress`).

    Without ``texts``, each analysis is kept as :func:`positions.track.summary.without_text` leaves
    it (no article text, only its statements' markers, repeated values held once) as it is
    read: the memory of a timeline or comparison of a store then grows with its statements
    and markers, not with its texts."""
    from ..store import analyses_from
    from ..track.summary import without_text

    shared: dict[Any, Any] = {}

    def kept(stream: Iterable[Analysis]) -> list[Analysis]:
        return list(stream) if texts else [without_text(an, shared) for an in stream]

    _check_source(corpus, db_path, year=year, lexicon_path=lexicon_path, actors_paths=actors_paths,
                  dataset_path=dataset_path, stdin_name=stdin_name, encoding=encoding)  # fmt: skip
    if dataset_path is not None:
        from ..dataset import open_dataset, require_dataset

        require_dataset("--dataset")
        with open_dataset(dataset_path) as ds:
            analyses = kept(ds.analyses())
    elif db_path is None:
        from ..sources import bundled_corpus
        from ._progress import count_files, progress, shown

        total = count_files(list(corpus) or bundled_corpus()) if shown(quiet) else None
        with progress("analyse", total, quiet=quiet) as bar:
            analyses = kept(bar.over(analyses_from(list(corpus), None, year=year, lexicon=lexicon_path,
                                                   actors=actors_paths, on_error=failures,
                                                   name=stdin_name, encoding=encoding)))  # fmt: skip
    else:
        analyses = kept(analyses_from(list(corpus), db_path, on_error=failures))
    if year is not None:
        _report_option_year(analyses, year)
    if not analyses and not (failures and failures.count):
        where = ("the dataset" if dataset_path else "the store" if db_path else "CORPUS" if corpus
                 else "the bundled corpus")  # fmt: skip
        nothing_found(
            f"no articles in {where}; give files or directories of .txt, .md, .html, .pdf, "
            ".jsonl or .csv (see docs/corpus-formats.md)"
        )
    return analyses


@contextlib.contextmanager
def analysis_passes(
    corpus: Sequence[str], db_path: Optional[str], **options: Any
) -> Iterator[tuple[Union[list[Analysis], Callable[[], Iterator[Analysis]]], int]]:
    """``(analyses, how many)`` for a command that reads them more than once (``options``:
    those of :func:`load_analyses`).

    From a store, ``analyses`` is a function that reads them again at each call, one
    article in memory at a time, every call seeing the same state of the store; from a
    CORPUS (or the bundled one) it is the list of analyses, analysed once."""
    from ..store import open_store
    from ..store.read import snapshot

    dataset_path = options.pop("dataset_path", None)
    if db_path is None and dataset_path is None:
        analyses = load_analyses(corpus, None, **options)
        yield analyses, len(analyses)
        return
    options.pop("quiet", None)
    _check_source(corpus, db_path, year=options.get("year"), lexicon_path=options.get("lexicon_path"),
                  actors_paths=options.get("actors_paths", ()), dataset_path=dataset_path,
                  stdin_name=options.get("stdin_name"), encoding=options.get("encoding", "utf-8"))  # fmt: skip
    if dataset_path is not None:
        from ..dataset import open_dataset, require_dataset

        require_dataset("--dataset")
        with open_dataset(dataset_path) as ds:  # a dataset's files are only ever added, never changed
            yield ds.analyses, ds.stats().articles
        return
    assert db_path is not None  # neither a CORPUS nor a --dataset, so a --db
    with open_store(db_path, create=False) as store, snapshot(store.connection):
        yield store.analyses, store.stats().articles


def _check_source(
    corpus: Sequence[str],
    db_path: Optional[str],
    *,
    year: Optional[int],
    lexicon_path: Optional[str],
    actors_paths: Sequence[str],
    dataset_path: Optional[str] = None,
    stdin_name: Optional[str] = None,
    encoding: str = "utf-8",
) -> None:
    if stdin_name is not None and "-" not in corpus:
        raise click.UsageError("--name names the article read from '-' (stdin); give '-' with it")
    if db_path is not None and dataset_path is not None:
        raise click.UsageError("give --db or --dataset, not both")
    if dataset_path is not None:
        db_path, option = dataset_path, "--dataset"
    else:
        option = "--db"
    if db_path is not None:
        if corpus:
            raise click.UsageError(f"give a CORPUS or {option}, not both")
        given = [name for name, value in (("--lexicon", lexicon_path), ("--year", year),
                                          ("--actors-file", actors_paths),
                                          ("--encoding", encoding != "utf-8")) if value]  # fmt: skip
        if given:
            raise click.UsageError(
                f"{', '.join(given)} apply to analysing a CORPUS; a store keeps the analyses made "
                "when it was ingested (re-ingest with these options instead)"
            )
    for p in corpus:
        if p != "-" and not any(ch in p for ch in "*?[") and not os.path.exists(p):
            raise SourceError(f"{p}: no such file or directory")

