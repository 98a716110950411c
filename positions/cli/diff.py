"""``positions diff``: how an actor's wording changed, concept by concept and word by word."""

from __future__ import annotations

import os
import sys
from typing import Optional

import click

from ..model import Article, By, PartialDate, Role
from . import main
from ._corpus import Failures, echo_warnings, load_analyses, nothing_found, report_undated
from ._options import (
    FORMATS_REPORT,
    actor_option,
    actors_option,
    by_option,
    concept_option,
    dataset_option,
    date_range_options,
    db_option,
    encoding_option,
    format_option,
    lexicon_option,
    name_option,
    role_option,
    year_option,
)
from ._progress import progress, quiet_option


def _is_file_pair(paths: tuple[str, ...]) -> bool:
    return len(paths) == 2 and all(p == "-" or os.path.isfile(p) for p in paths)


def _read_pair(paths: tuple[str, str], year: Optional[int], stdin_name: Optional[str],
               encoding: str = "utf-8") -> list[Article]:
    """The two articles of ``diff OLD NEW`` (one may be ``-``): no date is needed to compare
    two texts, so an undated one is read with its warning."""
    from ..sources import iter_articles

    if paths == ("-", "-"):
        raise click.UsageError("only one of OLD and NEW can be '-' (stdin)")
    articles: list[Article] = []

    def fail(where: str, exc: Exception) -> None:  # an empty file too: it leaves nothing to compare
        raise exc

    for p in paths:
        found = list(iter_articles([p], year=year, name=stdin_name, encoding=encoding, on_error=fail))
        if len(found) != 1:
            raise click.ClickException(
                f"{p}: holds {len(found)} articles; `diff OLD NEW` compares two single articles"
                " (give a CORPUS and --actor for more)"
            )
        echo_warnings(found[0])
        articles.append(found[0])
    return articles


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True, path_type=str), metavar="[OLD NEW | CORPUS...]")
@actor_option("ISO alpha-3 code of the country to follow (default: every actor).")
@by_option(default=None, help="Period of a snapshot (corpus form; default: year).")
@date_range_options()
@concept_option()
@role_option()
@click.option("--all-passages", is_flag=True,
              help="Also show new and gone passages that carry no in-scope concept (text, markdown, html).")  # fmt: skip
@click.option("--engine", type=click.Choice(["fast", "python"]), default=None,
              help="Diff engine (default: fast when fast-diff-match-patch is installed).")  # fmt: skip
@click.option("--summary", "summary_only", is_flag=True,
              help="Only the header and the summary table (per actor: periods, concepts gained, dropped, "
              "reworded, biggest changes); with --format json|jsonl|csv, one flat record per actor.")  # fmt: skip
@format_option(FORMATS_REPORT)
@lexicon_option
@actors_option
@year_option
@encoding_option
@db_option
@dataset_option
@name_option
@quiet_option
@click.pass_context
def diff(
    ctx: click.Context,
    paths: tuple[str, ...],
    actor: Optional[str],
    by: Optional[By],
    since: Optional[PartialDate],
    until: Optional[PartialDate],
    concept: Optional[str],
    role: Role,
    all_passages: bool,
    engine: Optional[str],
    summary_only: bool,
    fmt: str,
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    year: Optional[int],
    encoding: str,
    db_path: Optional[str],
    dataset_path: Optional[str],
    stdin_name: Optional[str],
    quiet: bool,
) -> None:
    """Show how positions changed: a header (articles read, periods, actors) and a summary
    table (per actor: periods, concepts gained, dropped, reworded and flipped, biggest
    changes), then for each actor and period the concepts gained, dropped, kept, reworded or
    flipped and the word-level diff of each statement against its most similar predecessor.
    --summary prints the header and table alone. json, jsonl and csv give flat records: a
    row per concept change, passage pair and word operation, with offsets into the articles
    (with --summary: one per actor); docs/formats.md lists the columns.

    Two forms. `positions diff OLD NEW` (exactly two files, `-` for stdin, and none of
    --actor/--by/--from/--to) compares every actor found in both. Otherwise the arguments are
    a CORPUS (files, directories, globs; none: the bundled sample corpus) and each actor's
    snapshots, one per period, are compared each with the one before. '-' reads one article
    from stdin in either form (--name gives its file name, so CHN_74_2019.txt keeps its
    country and year). The two-file form needs no dates; the corpus form leaves undated
    articles out of periods (saying so once) and diffs the rest.

    \b
    Example:
        positions diff --summary
        positions diff --actor RUS --by year
        positions diff CHN_73_2018.txt CHN_74_2019.txt --format html > chn.html
        positions diff corpus/ --actor CHN --from 2017 --to 2019 --concept phased
        positions diff --db corpus.db --actor USA --by month
        positions diff --dataset ds/ --actor CHN --from 2017

    A bad file in a CORPUS is reported on stderr and skipped; the exit status is then 1.
    """
    from ..actors import load_gazetteer
    from ..lexicon import load_lexicon
    from ..pipeline import analyze
    from ..render import iter_render_diffs, render_diffs, render_overview
    from ..render.overview import narrowing_hint
    from ..sources import bundled_corpus
    from ..track import diff_articles, diff_corpus, diff_overview, snapshots

    roots: list[str] = []
    failures = Failures()
    pair_form = db_path is None and dataset_path is None and _is_file_pair(paths) and actor is None and by is None and since is None and until is None

    if stdin_name is not None and "-" not in paths:
        raise click.UsageError("--name names the article read from '-' (stdin); give '-' with it")
    if pair_form:
        lexicon, gazetteer = load_lexicon(lexicon_path), load_gazetteer(actors_paths)
        old, new = (analyze(a, lexicon=lexicon, gazetteer=gazetteer) for a in _read_pair(paths, year, stdin_name, encoding))  # type: ignore[arg-type]
        analyses = [old, new]
        diffs = diff_articles(old, new, role=role, concept=concept, engine=engine)
    else:
        roots = [] if paths or db_path or dataset_path else [str(p) for p in bundled_corpus()]
        analyses = load_analyses(paths, db_path, year=year, encoding=encoding, lexicon_path=lexicon_path,
                                 actors_paths=actors_paths, failures=failures, stdin_name=stdin_name,
                                 dataset_path=dataset_path, quiet=quiet, texts=False)  # fmt: skip
        if by != "article":
            report_undated(analyses, f"diff --by {by or 'year'}")
        with progress("diff", quiet=quiet) as bar:
            diffs = diff_corpus(analyses, actor=actor, by=by or "year", role=role, since=since, until=until,
                                concept=concept, engine=engine, progress=bar.callback)  # fmt: skip
        if not diffs and actor is not None:
            snaps = snapshots(analyses, actor, by=by or "year", role=role, since=since, until=until, concept=concept)
            periods = ", ".join(s.period.label or s.period.key for s in snaps) or "none"
            nothing_found(f"{actor}: fewer than two periods to compare (periods: {periods})")

    if not diffs:
        if fmt in ("json", "jsonl", "csv"):  # an empty table: [] in JSON, the header in CSV
            click.echo(render_diffs([], fmt), nl=False)
        if pair_form:
            nothing_found("nothing to compare: no actor has statements in both files"
                          + (f" with concept {concept!r}" if concept else ""))  # fmt: skip
        elif analyses and actor is None:  # with --actor, the line above said why
            nothing_found(
                f"nothing to compare: no actor has statements in two periods (--by {by or 'year'})"
                f" among {len(analyses)} article(s); try --by article or month, a wider"
                " --from/--to, or another --actor or --concept"
            )
    else:
        overview = diff_overview(analyses, diffs, by="article" if pair_form else by or "year", role=role,
                                 actor=actor)  # fmt: skip
        if summary_only:
            click.echo(render_overview(overview, fmt), nl=False)
        else:
            color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            for piece in iter_render_diffs(diffs, fmt, color=color, all_passages=all_passages, roots=roots,
                                           overview=overview):  # fmt: skip
                click.echo(piece, nl=False)  # a table is written as it is made, never held whole
        if fmt == "text" and not pair_form:  # how to narrow it, where a reader's eye ends up
            click.echo(narrowing_hint(overview, summary=summary_only), err=True)
    if failures.count:
        ctx.exit(1)
