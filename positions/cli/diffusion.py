"""``positions diffusion``: who used a wording first, who followed, and convergence."""

from __future__ import annotations

from functools import partial
from typing import Optional

import click

from ..model import By, Role
from . import main
from ._corpus import Failures, analysis_passes, load_analyses
from ._options import (
    FORMATS_REPORT,
    actor_codes,
    actors_option,
    by_option,
    concept_option,
    corpus_argument,
    dataset_option,
    db_option,
    format_option,
    lexicon_option,
    role_option,
    year_option,
)


def _pairs(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[tuple[str, str]]:
    pairs = []
    for p in values:
        codes = actor_codes(p, ctx, option="--pair")
        if len(codes) != 2:
            raise click.BadParameter(f"{p!r}: give two codes, e.g. CHN,RUS")
        pairs.append((codes[0], codes[1]))
    return pairs


@main.command()
@corpus_argument
@db_option
@dataset_option
@concept_option("Only this concept and its wordings.")
@click.option("--wording", default=None, metavar="WORDS", help='Only this wording, as written ("freeze-for-freeze").')
@click.option("--pair", "pairs", multiple=True, metavar="A,B", callback=_pairs,
              help="Convergence of these two actors (repeatable). Default: every pair of actors with a use.")  # fmt: skip
@by_option(("month", "year"), help="Period of the convergence measure.")
@role_option("The statements the actor holds, or those its people speak.")
@click.option("--affirmed", is_flag=True, help="Count only affirmed uses (a negated mention is no adoption).")
@format_option(FORMATS_REPORT)
@lexicon_option
@actors_option
@year_option
@click.pass_context
def diffusion(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    concept: Optional[str],
    wording: Optional[str],
    pairs: list[tuple[str, str]],
    by: By,
    role: Role,
    affirmed: bool,
    fmt: str,
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    year: Optional[int],
) -> None:
    """Show, for each concept and wording, every actor's first use (file, date, offsets) in
    order of adoption, with the lag behind the first user and the adopter before; the actors
    heard afterwards who never used it; and, per pair of actors and period, the Jaccard index
    of their concept sets (convergence) and its change.

    Reads the store --db (or the Parquet dataset --dataset), or analyses CORPUS; with
    neither, the bundled sample corpus. Undated articles are listed, never placed in time.

    \b
    Example:
        positions diffusion --concept dual_suspension
        positions diffusion --db corpus.db --wording "double freeze" --pair CHN,RUS --format html > firsts.html
    """
    from ..diffusion import diffusion as find_diffusion
    from ..render.novelty import render_diffusion
    from ..sources import bundled_corpus
    from ..store import open_store

    find = partial(find_diffusion, concept=concept, wording=wording, pairs=pairs or None, by=by, role=role,
                   polarity="affirmed" if affirmed else None)  # fmt: skip
    failures = Failures()
    if db_path is not None:
        load_analyses(corpus, db_path)  # the same checks of CORPUS and --db as other commands
        with open_store(db_path, create=False) as store:
            d = find(store.connection)
    elif dataset_path is not None:
        with analysis_passes(corpus, None, dataset_path=dataset_path) as (analyses, _):  # the same checks
            assert callable(analyses)  # a dataset's are read again at each call
            d = find(analyses())
    else:
        d = find(load_analyses(corpus, None, year=year, lexicon_path=lexicon_path, actors_paths=actors_paths,
                               failures=failures))  # fmt: skip
    roots = [] if corpus or db_path or dataset_path else [str(p) for p in bundled_corpus()]
    click.echo(render_diffusion(d, fmt, roots=roots), nl=False)
    if failures.count:
        ctx.exit(1)
