"""``positions timeline``: when each actor used each concept, and in which words."""

from __future__ import annotations

from typing import Optional

import click

from ..model import By, PartialDate, Role
from . import main
from ._corpus import Failures, load_analyses, nothing_found, report_undated
from ._options import (
    FORMATS_REPORT,
    actor_option,
    actors_option,
    by_option,
    concept_option,
    date_range_options,
    role_option,
    corpus_argument,
    dataset_option,
    db_option,
    encoding_option,
    format_option,
    lexicon_option,
    name_option,
    year_option,
)
from ._progress import quiet_option


@main.command()
@corpus_argument
@db_option
@dataset_option
@actor_option()
@concept_option("Only this concept of the lexicon.")
@by_option(("day", "month", "year"), help="Period of a column.")
@date_range_options()
@role_option("Count the statements the actor holds, or those its people speak.")
@format_option(FORMATS_REPORT)
@lexicon_option
@actors_option
@year_option
@encoding_option
@name_option
@quiet_option
@click.pass_context
def timeline(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    actor: Optional[str],
    concept: Optional[str],
    by: By,
    since: Optional[PartialDate],
    until: Optional[PartialDate],
    role: Role,
    fmt: str,
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    year: Optional[int],
    encoding: str,
    stdin_name: Optional[str],
    quiet: bool,
) -> None:
    """Show, per actor and concept, the periods in which the concept appears in the actor's
    statements: a grid of counts (concepts x periods; '.' where the actor spoke but not of
    the concept), first and last seen, and each wording with its count and years.

    Reads the store --db (or the Parquet dataset --dataset), or analyses CORPUS (files, directories, globs); with neither, the
    bundled sample corpus. Only in-scope markers count.

    \b
    Example:
        positions timeline --actor RUS
        positions timeline --db corpus.db --concept phased --by month --format csv
        positions timeline speeches/ --format html > timeline.html
        positions timeline --dataset ds/ --actor CHN
        positions timeline --actor CHN --from 2017 --to 2019
    """
    from ..render.timeline import render_timeline
    from ..track import require_actor
    from ..track import timeline as make_timeline

    failures = Failures()
    analyses = load_analyses(corpus, db_path, year=year, encoding=encoding, lexicon_path=lexicon_path,
                             actors_paths=actors_paths, failures=failures, stdin_name=stdin_name,
                             dataset_path=dataset_path, quiet=quiet, texts=False)  # fmt: skip
    if actor is not None:
        require_actor(analyses, actor, role=role)
    report_undated(analyses, f"the timeline (by {by})")
    tl = make_timeline(analyses, actor=actor, concept=concept, by=by, role=role, since=since, until=until)
    click.echo(render_timeline(tl, fmt), nl=False)
    dated = sum(1 for an in analyses if an.article.date is not None)
    if not tl.rows and dated:  # with none dated, the undated warning said why
        what = f"concept {concept!r}" if concept else "concept of the lexicon"
        nothing_found(
            f"no {what} in the statements of {dated} dated article(s)"
            + (f" held by {actor}" if actor else "")
            + "; try another --concept, --role speaker, or `positions kwic` to see the wordings"
        )
    if failures.count:
        ctx.exit(1)
