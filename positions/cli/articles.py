"""``positions articles``: list what was read, so the metadata can be checked first."""

from __future__ import annotations

from typing import Any, Callable, Optional

import click

from ..errors import SourceError
from ..model import Article
from ..render.tables import ARTICLE_COLUMNS, article_row
from ..render.terminal import printable
from ..render.writers import write_records
from ..sources import bundled_corpus, iter_articles
from ..text import view
from . import main
from ._corpus import Failures, echo_warnings, nothing_found, path_shower
from ._options import (
    FORMATS_DATA,
    corpus_argument,
    dataset_option,
    db_option,
    encoding_option,
    format_option,
    name_option,
    year_option,
)

COLUMNS = (
    "id",
    "date",
    "precision",
    "date_from",
    "source",
    "place",
    "country",
    "words",
    "path",
    "title",
)
_WIDE = 24  # source and place are cut to this width in the text table (JSON has them whole)


def _record(article: Article) -> dict[str, Any]:
    """The row of ``positions articles`` for one article (docs/formats.md)."""
    return article_row(article, words=view(article.text, article.body).words())


def _echo(records: list[dict[str, Any]], fmt: str) -> None:
    """The table positions.articles/1 (docs/formats.md) in a data format, else as text."""
    if fmt == "text":
        click.echo(_table(records))
    else:
        click.echo(write_records(records, fmt, columns=ARTICLE_COLUMNS), nl=False)


def _cell(value: Optional[object], width: Optional[int] = None) -> str:
    # one line per article, whatever a file name or a title holds (a newline, an escape sequence)
    text = "-" if value is None or value == "" else printable(str(value))
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _table(records: list[dict[str, Any]], show: Callable[[Optional[str]], Optional[str]] = lambda p: p) -> str:
    rows = [list(COLUMNS)]
    for r in records:
        rows.append(
            [
                _cell(r["id"]),
                _cell(r["date"]),
                _cell(r["date_precision"]),
                _cell(r["date_from"]),
                _cell(r["source"], _WIDE),
                _cell(r["place"], _WIDE),
                _cell(r["country"]),
                _cell(r["words"]),
                _cell(show(r["path"])),
                _cell(r["title"]),
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS) - 1)]
    lines = []
    for row in rows:
        cells = [
            row[i].rjust(widths[i]) if COLUMNS[i] == "words" else row[i].ljust(widths[i])
            for i in range(len(COLUMNS) - 1)
        ]
        lines.append("  ".join(cells + [row[-1]]).rstrip())
    return "\n".join(lines)


def _column_mapping(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        field, sep, name = value.partition("=")
        if not sep or not field or not name:
            raise click.BadParameter(f"{value!r} is not FIELD=COLUMN", param_hint="--column")
        out[field.strip()] = name.strip()
    return out


@main.command()
@corpus_argument
@format_option(FORMATS_DATA)
@year_option
@encoding_option
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Column of a JSONL/CSV export that holds a field (text, date, source, title, url, "
    "place, language, country), e.g. --column text=body. Repeatable.",
)
@db_option
@dataset_option
@name_option
@click.pass_context
def articles(
    ctx: click.Context,
    corpus: tuple[str, ...],
    fmt: str,
    year: Optional[int],
    encoding: str,
    columns: tuple[str, ...],
    db_path: Optional[str],
    dataset_path: Optional[str],
    stdin_name: Optional[str],
) -> None:
    """List the articles of CORPUS with the metadata positions found for them.

    One row per article: id (content hash), date with its precision (day, month, year) and
    provenance (front_matter, manifest, dateline, dateline+manifest_year,
    dateline+file_name_year, dateline+option_year, column, file_name, page_metadata,
    pdf_first_page, option), source, place, country (where the layout or the manifest says
    whose document it is), words of the body, path and title. A path is shown relative to
    the current directory when it lies under it, and the bundled corpus's as korea/... and
    seeds/... (in JSON too; a CORPUS's paths are otherwise as given). CORPUS is any number of files
    (text, Markdown, saved web pages, PDFs, JSONL/CSV exports), directories and globs, or
    '-' for one article on stdin (--name gives its file name); with none, the bundled sample
    corpus is listed.

    A file (or export row) that cannot be read is reported on stderr as one line,
    "positions: <path>: <problem>", and the rest is read; the exit status is then 1.
    Warnings (a weekday that does not fit the date) go to stderr too and do not change it.

    \b
    Example:
        positions articles
        positions articles corpus/ 'more/*.md' --year 2021
        positions articles export.csv --column text=body --format json
        curl -s https://example.org/statement | positions articles - --name 2021-09-24-mfa.html
        positions articles --db corpus.db

    With --db (or --dataset), the articles stored by `positions ingest` are listed (date,
    then path order).
    """
    mapping = _column_mapping(columns)
    if stdin_name is not None and "-" not in corpus:
        raise click.UsageError("--name names the article read from '-' (stdin); give '-' with it")
    if db_path is not None and dataset_path is not None:
        raise click.UsageError("give --db or --dataset, not both")
    if dataset_path is not None:
        if corpus or year is not None or mapping:
            raise click.UsageError("--dataset lists a dataset: give no CORPUS, --year or --column with it")
        from ..dataset import open_dataset, require_dataset

        require_dataset("--dataset")
        with open_dataset(dataset_path) as ds:
            records = [_record(a) for a in ds.articles()]
        _echo(records, fmt)
        return
    if db_path is not None:
        if corpus or year is not None or mapping:
            raise click.UsageError("--db lists a store: give no CORPUS, --year or --column with it")
        from ..store import open_store

        with open_store(db_path, create=False) as store:
            records = [_record(a) for a in store.articles()]
        _echo(records, fmt)
        return
    paths: list[Any] = list(corpus) if corpus else list(bundled_corpus())
    if not paths:
        raise SourceError("no CORPUS given and no bundled sample corpus found")
    report = Failures()  # one line per bad file; exit 1 at the end
    records = []
    articles_read = iter_articles(
        paths, year=year, columns=mapping or None, on_error=report, name=stdin_name, encoding=encoding
    )
    for article in articles_read:
        echo_warnings(article)
        records.append(_record(article))
    if not records and not report.count:  # with failures, their lines said why
        nothing_found(
            "no articles found; CORPUS takes files and directories of .txt, .md, .html,"
            " .pdf, .jsonl and .csv, or '-' for stdin (see docs/corpus-formats.md)"
        )
    roots = [] if corpus else [str(p) for p in paths]  # the bundled corpus: korea/..., seeds/...
    if fmt != "text":  # no machine-specific path for the bundled corpus; a CORPUS's as given
        show = path_shower(roots, relative=False)
        _echo([{**r, "path": show(r["path"])} for r in records], fmt)
    elif records:
        click.echo(_table(records, path_shower(roots)))
    if report.count:
        ctx.exit(1)
