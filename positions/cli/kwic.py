"""``positions kwic``: keyword-in-context lines for a pattern or a concept."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Optional

import click

from ..errors import SourceError
from ..lexicon import KwicLine
from ..lexicon import kwic as kwic_lines
from ..lexicon import load_lexicon
from ..render.tables import KWIC_COLUMNS, kwic_rows
from ..model import Article, PartialDate, Role
from ..render.terminal import printable
from ..render.writers import write_records
from ..sources import bundled_corpus, iter_articles
from ..track import articles_within
from . import main
from ._corpus import Failures, echo_warnings, nothing_found, path_shower
from ._options import (
    FORMATS_DATA,
    actor_option,
    concept_option,
    dataset_option,
    date_range_options,
    role_option,
    db_option,
    encoding_option,
    format_option,
    lexicon_option,
    name_option,
    year_option,
)


@main.command()
@click.argument("args", nargs=-1, metavar="[CORPUS]... PATTERN")
@concept_option("A concept of the lexicon instead of a PATTERN.", stored_analyses=False)
@lexicon_option
@actor_option("Only matches inside the statements of this actor (ISO alpha-3 code); default: every match.")
@role_option("With --actor: the statements the actor holds, or those its people speak.")
@date_range_options("articles")
@click.option("--window", type=click.IntRange(0, 50), default=5, show_default=True, help="Tokens of context on each side.")
@click.option("--in-scope", "in_scope", is_flag=True, help="Only matches inside passages about the lexicon's issue.")
@click.option("--why", is_flag=True, help="Under each line, the pattern or frame that matched, the normalization steps and the evidence.")
@year_option
@encoding_option
@format_option(FORMATS_DATA)
@db_option
@dataset_option
@name_option
def kwic(
    args: tuple[str, ...],
    concept: Optional[str],
    lexicon_path: Optional[str],
    actor: Optional[str],
    role: Role,
    since: Optional[PartialDate],
    until: Optional[PartialDate],
    window: int,
    in_scope: bool,
    why: bool,
    year: Optional[int],
    encoding: str,
    fmt: str,
    db_path: Optional[str],
    dataset_path: Optional[str],
    stdin_name: Optional[str],
) -> None:
    """Show each match of PATTERN (or of --concept ID) with its context, like quanteda's kwic.

    PATTERN uses the lexicon syntax (words, `*` globs, `..N` gaps; hyphens, case, British
    spellings and inflections match without being listed). With --concept, the last
    arguments are all CORPUS. One line per match: date, source, country (the speaker's, where the
    match lies in a statement, else "-"; ">KOR" adds the holders where they differ), left
    context, [match], right context; "(negated)" and "(out of scope)" mark the matches that do not
    count as affirming the lexicon's issue. With no CORPUS, the bundled sample corpus; '-' reads
    one article from stdin (--name gives its file name). No date is needed: undated articles
    are searched too, except with --from/--to. --actor keeps the matches inside that actor's
    statements (as --role: those it holds, or those its people speak).

    \b
    Example:
        positions kwic "step by step"
        positions kwic --concept synchronized --window 8
        positions kwic speeches/ "denucleari* ..4 peninsula" --format json
        positions kwic --db corpus.db --concept cvid
        positions kwic --concept denuclearization_dprk --why
        positions kwic --concept phased --actor CHN --from 2017

    With --db (or --dataset), the articles stored by `positions ingest` are searched (in
    date order).
    """
    args_list = list(args)
    if concept is None:
        if not args_list:
            raise click.UsageError("give a PATTERN or --concept ID")
        target: Any = args_list.pop()
    else:
        target = load_lexicon(lexicon_path)
    report = Failures()  # one line per bad file; exit 1 at the end

    among = "".join((f" in the statements of {actor}" if actor else "", f" from {since}" if since else "",
                     f" to {until}" if until else ""))  # fmt: skip

    def search(articles: Iterable[Article]) -> list[KwicLine]:
        return kwic_lines(articles_within(articles, since, until), target, concept=concept, window=window,
                          actor=actor, role=role)  # fmt: skip

    if db_path is not None and dataset_path is not None:
        raise click.UsageError("give --db or --dataset, not both")
    if dataset_path is not None:
        if args_list or year is not None:
            raise click.UsageError("--dataset searches a dataset: give no CORPUS or --year with it")
        from ..dataset import open_dataset, require_dataset

        require_dataset("--dataset")
        with open_dataset(dataset_path) as ds:
            _echo_lines(search(ds.articles()), in_scope, fmt, what=concept or target, why=why, among=among)
        return
    if db_path is not None:
        if args_list or year is not None:
            raise click.UsageError("--db searches a store: give no CORPUS or --year with it")
        from ..store import open_store

        with open_store(db_path, create=False) as store:
            _echo_lines(search(store.articles()), in_scope, fmt, what=concept or target, why=why, among=among)
        return
    paths: list[Any] = args_list or list(bundled_corpus())
    if not paths:
        raise SourceError("no CORPUS given and no bundled sample corpus found")


    if stdin_name is not None and "-" not in paths:
        raise click.UsageError("--name names the article read from '-' (stdin); give '-' with it")

    def articles() -> Iterator[Article]:
        read = iter_articles(paths, year=year, on_error=report, name=stdin_name, encoding=encoding)
        for article in read:
            echo_warnings(article)
            yield article

    lines = search(articles())
    roots = [] if args_list else [str(p) for p in paths]  # the bundled corpus: korea/..., seeds/...
    show = path_shower(roots, relative=False)
    _echo_lines(lines, in_scope, fmt, what=concept or target, show=show, why=why, among=among)
    if report.count:
        raise SystemExit(1)


def _echo_lines(lines: list[KwicLine], in_scope: bool, fmt: str, what: str = "",
                show: Callable[[Optional[str]], Optional[str]] = lambda p: p, why: bool = False,
                among: str = "") -> None:  # fmt: skip
    lines = list(lines)
    found = len(lines)
    if in_scope:
        lines = [k for k in lines if k.in_scope]
    if not lines:
        if found:
            nothing_found(f"{found} match(es) of {what!r}, none in scope; drop --in-scope to see them")
        else:
            nothing_found(
                f"no match of {what!r}{among}; try fewer words, a '*' glob (denucleari*), or"
                " `positions lexicon show` for the concepts' patterns"
            )
    if fmt != "text":  # the table positions.kwic/1 (docs/formats.md)
        click.echo(write_records(kwic_rows(lines, show), fmt, columns=KWIC_COLUMNS), nl=False)
        return
    for k in lines:
        flags = "".join(
            f" ({f})" for f, on in (("negated", k.polarity == "negated"), ("out of scope", not k.in_scope)) if on
        )
        who = k.country or "-"
        if k.holders and k.holders != (k.country,):
            who += ">" + ",".join(k.holders)
        sep = "" if k.right[:1] in tuple(",.;:!?)]") else " "
        line = f"{k.date or '-'}  {k.source or '-'}  {who}  {k.left} [{k.match}]{sep}{k.right}{flags}"
        click.echo(printable(line.rstrip()))
        if why:
            click.echo(printable(f"    {k.concept}: {k.why()}"))
