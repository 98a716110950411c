"""``positions report``: a static site (or Markdown pages) of a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..model import By, PartialDate, Role
from . import main
from ._corpus import Failures, analysis_passes, report_undated
from ._options import (
    actors_option,
    by_option,
    date_range_options,
    role_option,
    corpus_argument,
    dataset_option,
    db_option,
    encoding_option,
    lexicon_option,
    name_option,
    year_option,
)
from ._progress import progress, quiet_option, ticking


@main.command()
@corpus_argument
@db_option
@dataset_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="Directory to write the pages to (made if needed; empty, or written by an earlier report).")  # fmt: skip
@click.option("--force", is_flag=True,
              help="Write into --out even when it holds files that no report wrote (same-named ones are replaced).")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["html", "markdown"]), default="html", show_default=True,
              help="HTML site, or Markdown pages for a documentation site.")  # fmt: skip
@by_option(("month", "year"), help="Period of a column.")
@role_option("Follow the statements actors hold, or those their people speak.")
@click.option("--title", default="Positions report", show_default=True, help="Title of the report.")
@date_range_options("articles")
@lexicon_option
@actors_option
@year_option
@encoding_option
@name_option
@quiet_option
@click.pass_context
def report(
    ctx: click.Context,
    corpus: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    out_dir: str,
    force: bool,
    fmt: str,
    by: By,
    role: Role,
    title: str,
    since: Optional[PartialDate],
    until: Optional[PartialDate],
    lexicon_path: Optional[str],
    actors_paths: tuple[str, ...],
    year: Optional[int],
    encoding: str,
    stdin_name: Optional[str],
    quiet: bool,
) -> None:
    """Write a report of the corpus to --out: index.html with the actor x concept x period
    heatmap and the shift events (newest first), a page per actor (timeline, wordings,
    successive diffs, statements), per concept (who holds it when, wordings over time,
    keyword in context) and per article (its text with every statement highlighted and
    numbered: article-<id>.html#s3).

    The pages need nothing else: inline CSS, no JavaScript, nothing fetched; they read on a
    phone and print. The same input gives the same bytes. --format markdown writes
    index.md, actor-*.md and concept-*.md for a documentation site. Reads the store --db
    (or the Parquet dataset --dataset), or analyses CORPUS; with neither, the bundled sample
    corpus. With more than 20 periods the index shows the latest 20 one by one, then all of
    them by decade (or year); wide heatmaps open scrolled to their latest period. --from/--to
    make a report of a span.

    --out must be new, empty, or a directory an earlier report wrote (it leaves a
    .positions-report file there); another non-empty directory is refused unless --force.
    Pages are renamed into place, so a symlink in --out is replaced, never written through.

    \b
    Example:
        positions report --out report/
        positions report --db corpus.db --out corpus-report --by month
        positions report corpus/ --from 2010 --to 2023 --out report-2010s/
        positions report --format markdown --out docs/report
    """
    from ..render.output import prepare_directory
    from ..render.report import write_report
    from ..sources import bundled_corpus

    prepare_directory(Path(out_dir), force=force)  # refused before any analysis is done

    failures = Failures()
    roots = [] if corpus or db_path or dataset_path else [str(p) for p in bundled_corpus()]
    with analysis_passes(corpus, db_path, year=year, encoding=encoding, lexicon_path=lexicon_path,
                         actors_paths=actors_paths, failures=failures, stdin_name=stdin_name,
                         dataset_path=dataset_path, quiet=quiet) as (analyses, count):  # fmt: skip
        if isinstance(analyses, list):  # a store's undated articles were reported at ingest
            report_undated(analyses, "the report's periods")
        # An HTML report reads the analyses twice (its aggregates, then the article pages):
        # the bar counts both passes.
        with progress("report", count * (2 if fmt == "html" else 1), quiet=quiet) as bar:
            written = write_report(ticking(analyses, bar), out_dir, force=force, fmt=fmt, by=by, role=role,
                                   title=title, roots=roots, since=since, until=until)  # fmt: skip
    index = "index.html" if fmt == "html" else "index.md"
    click.echo(f"{out_dir}: {len(written)} files ({count} articles); open {out_dir.rstrip('/')}/{index}")
    if failures.count:
        ctx.exit(1)
