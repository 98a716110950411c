"""``positions compare``: several actors side by side in one period."""

from __future__ import annotations

from typing import Optional

import click

from ..model import By, PartialDate, Role
from . import main
from ._corpus import Failures, load_analyses, nothing_found, report_undated
from ._options import (
    FORMATS_REPORT,
    actor_codes,
    actors_option,
    by_option,
    parse_date,
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


def _period(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[PartialDate]:
    return None if value is None else parse_date(value)


@main.command()
@corpus_argument
@db_option
@dataset_option
@click.option("--actors", "codes", required=True, metavar="CODES", callback=lambda ctx, _p, v: actor_codes(v, ctx),
              help="Comma-separated ISO alpha-3 codes, in the order of the columns: RUS,CHN,USA.")  # fmt: skip
@click.option("--period", default=None, metavar="PERIOD", callback=_period,
              help="YYYY, YYYY-MM or YYYY-MM-DD (default: the latest period in which the most of them speak).")  # fmt: skip
@by_option(("day", "month", "year"), default=None, help="Period length (default: that of --period, else year).")
@role_option("Compare the statements each actor holds, or those its people speak.")
@format_option(FORMATS_REPORT)
@lexicon_option
@actors_option
@year_option
@encoding_option
@name_option
@quiet_option
@click.pass_context
def compare(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    codes: list[str],
    period: Optional[PartialDate],
    by: Optional[By],
    role: Role,
    fmt: str,
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    year: Optional[int],
    encoding: str,
    stdin_name: Optional[str],
    quiet: bool,
) -> None:
    """Show which of --actors hold which concepts in one period, and in which words: a grid
    of counts (concepts x actors), then each concept with every actor's wordings.

    Reads the store --db (or the Parquet dataset --dataset), or analyses CORPUS; with neither, the bundled sample corpus.

    \b
    Example:
        positions compare --actors RUS,CHN,USA --period 2019
        positions compare --db corpus.db --actors KOR,PRK --period 2018-04 --format markdown
    """
    from ..render.timeline import render_comparison
    from ..track import compare as make_comparison

    if period is not None:
        natural: By = period.precision.value  # day, month or year: a period too
        if by is not None and by != natural:
            raise click.UsageError(f"--period {period} is a {natural}, not a {by}")
        by = natural
    failures = Failures()
    analyses = load_analyses(corpus, db_path, year=year, encoding=encoding, lexicon_path=lexicon_path,
                             actors_paths=actors_paths, failures=failures, stdin_name=stdin_name,
                             dataset_path=dataset_path, quiet=quiet, texts=False)  # fmt: skip
    report_undated(analyses, "the comparison")
    cmp = make_comparison(analyses, codes, period=period.iso() if period else None, by=by or "year", role=role)
    click.echo(render_comparison(cmp, fmt), nl=False)
    if not cmp.cells and any(an.article.date is not None for an in analyses):
        when = f"in {period}" if period else "in the latest period"
        nothing_found(
            f"no concept in the statements of {', '.join(codes)} {when}; try another --period"
            " or --actors (`positions timeline` shows who speaks when)"
        )
    if failures.count:
        ctx.exit(1)
