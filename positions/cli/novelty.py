"""``positions novelty``: what is new in a statement against its actor's standing position."""

from __future__ import annotations

from typing import Optional

import click

from . import main
from ._corpus import Failures, analysis_passes, load_analyses
from ._options import (
    FORMATS_REPORT,
    actor_option,
    actors_option,
    dataset_option,
    db_option,
    format_option,
    lexicon_option,
    role_option,
    year_option,
)


def _missing_rule(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise click.BadParameter(f"{value!r}: use K/N, e.g. 3/5") from None
    if not 1 <= k <= n:
        raise click.BadParameter(f"{value!r}: needs 1 <= K <= N")
    return k, n


def _window(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from ..errors import PositionsError
    from ..novelty import parse_window

    try:
        parse_window(value)
    except PositionsError:
        raise click.BadParameter(f"{value!r}: use 2y, 18m, 90d or a number of statements such as 10") from None
    return value


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str), metavar="FILE...")
@db_option
@dataset_option
@click.option("--against", "against", multiple=True, type=click.Path(path_type=str), metavar="CORPUS",
              help="The history: files, directories or globs (repeatable). Default: the bundled sample corpus.")  # fmt: skip
@actor_option("Only this actor (ISO alpha-3 code), default every actor in each file.")
@click.option("--window", default="2y", show_default=True, metavar="SPAN", callback=_window,
              help="The standing position: 2y, 18m, 90d, or a number N for the actor's last N articles.")  # fmt: skip
@click.option("--missing", "missing", default="3/5", show_default=True, metavar="K/N", callback=_missing_rule,
              help="A formula is missing when it was in at least K of the actor's last N articles and is absent now.")  # fmt: skip
@role_option("The statements the actor holds, or those its people speak.")
@click.option("--check", is_flag=True, help="Exit 1 when something is new (or a file is undated), 0 when nothing is.")
@format_option(FORMATS_REPORT)
@lexicon_option
@actors_option
@year_option
@click.pass_context
def novelty(
    ctx: click.Context,
    files: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    against: tuple[str, ...],
    actor: Optional[str],
    window: str,
    missing: tuple[int, int],
    role: str,
    check: bool,
    fmt: str,
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    year: Optional[int],
) -> None:
    """Show, for each statement of the new FILEs, what its actor never said in its standing
    position (the --window before the file's date): new wordings (and whether ever used
    before), new concepts, formulas missing by the K-of-N rule, and polarity flips, each with
    the earlier uses behind it (file, date, offsets).

    The history is the store --db (read through its index), the Parquet dataset --dataset,
    --against CORPUS, or the bundled sample corpus. Only earlier days count; a file without
    a date is listed, not assessed.

    \b
    Example:
        positions novelty statement.txt --db corpus.db --actor RUS
        positions novelty statement.txt --dataset ds/ --actor RUS
        positions novelty new/*.txt --against speeches/ --window 5 --missing 2/3
    """
    from ..novelty import novelty as find_novelty
    from ..render.novelty import render_novelty
    from ..sources import bundled_corpus
    from ..store import open_store

    k, n = missing
    given = [name for name, value in (("--against", against), ("--db", db_path), ("--dataset", dataset_path)) if value]
    if len(given) > 1:
        raise click.UsageError(f"give {given[0]} or {given[1]}, not both")
    failures = Failures()
    new = load_analyses(files, None, year=year, lexicon_path=lexicon_path, actors_paths=actors_paths,
                        failures=failures)  # fmt: skip
    roots = [] if given else [str(p) for p in bundled_corpus()]
    if db_path is not None:
        with open_store(db_path, create=False) as store:
            rep = find_novelty(new, store.connection, actor=actor, window=window, k=k, n=n, role=role)
    elif dataset_path is not None:
        with analysis_passes((), None, dataset_path=dataset_path) as (analyses, _):  # streamed once, held as uses
            assert callable(analyses)  # a dataset's are read again at each call
            rep = find_novelty(new, analyses(), actor=actor, window=window, k=k, n=n, role=role)
    else:
        history = load_analyses(against, None, year=year, lexicon_path=lexicon_path, actors_paths=actors_paths,
                                failures=failures)  # fmt: skip
        rep = find_novelty(new, history, actor=actor, window=window, k=k, n=n, role=role)
    click.echo(render_novelty(rep, fmt, roots=roots), nl=False)
    for path in rep.undated:
        click.echo(f"positions: {path}: no date; not assessed", err=True)
    if failures.count or (check and (rep.changed or rep.undated)):
        ctx.exit(1)
