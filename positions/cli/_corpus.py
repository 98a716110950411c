"""Where timeline, compare and report get their analyses: a store (--db), a CORPUS run
through the pipeline, or the bundled sample corpus when neither is given."""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Iterator, Optional, Sequence, Union

import click

from ..errors import PositionsError, SourceError
from ..model import Analysis
from ..render.terminal import printable


class Failures:
    """Counts the files reported as bad (the command exits 1 when there were any)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, path: str, exc: PositionsError) -> None:
        self.count += 1
        message = str(exc)
        named = message.startswith(path) or message.startswith(os.path.basename(path))
        click.echo(printable(f"positions: {message if named else f'{path}: {message}'}"), err=True)


def load_analyses(
    corpus: Sequence[str],
    db_path: Optional[str],
    *,
    year: Optional[int] = None,
    lexicon_path: Optional[str] = None,
    actors_paths: Sequence[str] = (),
    failures: Optional[Failures] = None,
    dataset_path: Optional[str] = None,
    quiet: bool = False,
) -> list[Analysis]:
    """The analyses to work on; a bad file is reported through ``failures`` and skipped.
    Analysing a CORPUS shows a bar on stderr (see :mod:`._progress`)."""
    from ..store import analyses_from

    _check_source(corpus, db_path, year=year, lexicon_path=lexicon_path, actors_paths=actors_paths,
                  dataset_path=dataset_path)  # fmt: skip
    if dataset_path is not None:
        from ..dataset import open_dataset, require_dataset

        require_dataset("--dataset")
        with open_dataset(dataset_path) as ds:
            return list(ds.analyses())
    if db_path is None:
        from ..sources import bundled_corpus
        from ._progress import count_files, progress, shown

        total = count_files(list(corpus) or bundled_corpus()) if shown(quiet) else None
        with progress("analyse", total, quiet=quiet) as bar:
            return list(bar.over(analyses_from(list(corpus), None, year=year, lexicon=lexicon_path,
                                               actors=actors_paths, on_error=failures)))  # fmt: skip
    return list(
        analyses_from(
            list(corpus),
            db_path,
            year=year,
            lexicon=lexicon_path,
            actors=actors_paths,
            on_error=failures,
        )
    )


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
                  actors_paths=options.get("actors_paths", ()), dataset_path=dataset_path)  # fmt: skip
    if dataset_path is not None:
        from ..dataset import open_dataset, require_dataset

        require_dataset("--dataset")
        with open_dataset(dataset_path) as ds:  # a dataset's files are only ever added, never changed
            yield ds.analyses, ds.stats().articles
        return
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
) -> None:
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
                                          ("--actors-file", actors_paths)) if value]  # fmt: skip
        if given:
            raise click.UsageError(
                f"{', '.join(given)} apply to analysing a CORPUS; a store keeps the analyses made "
                "when it was ingested (re-ingest with these options instead)"
            )
    for p in corpus:
        if not any(ch in p for ch in "*?[") and not os.path.exists(p):
            raise SourceError(f"{p}: no such file or directory")


def check_actor(actor: str) -> str:
    code = actor.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise click.UsageError(f"unknown actor {actor!r}: use an ISO alpha-3 code such as RUS")
    return code
