"""Options and arguments shared by several commands, as decorators (like sqlite-utils)."""

from __future__ import annotations

from typing import Callable, Sequence

import click

FORMATS_REPORT = ("text", "markdown", "html", "json")


def format_option(choices: Sequence[str] = ("text", "json"), default: str = "text") -> Callable:
    """``--format`` with the given choices."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=default,
        show_default=True,
        help="Output format.",
    )


corpus_argument = click.argument(
    "corpus", nargs=-1, type=click.Path(allow_dash=False, path_type=str), metavar="[CORPUS]..."
)
"""Zero or more files, directories or globs; none means the bundled sample corpus."""

year_option = click.option(
    "--year",
    type=int,
    default=None,
    help="Year for articles whose dateline gives only day and month and nothing else does.",
)

lexicon_option = click.option(
    "--lexicon",
    "lexicon_path",
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    default=None,
    help="Concept lexicon (TOML). Default: the bundled Korean Peninsula lexicon.",
)

actors_option = click.option(
    "--actors-file",
    "actors_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Extra actors gazetteer (TOML), added to the bundled one. Repeatable.",
)

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="SQLite store made by `positions ingest`; read from it instead of a CORPUS.",
)

dataset_option = click.option(
    "--dataset",
    "dataset_path",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    help="Parquet dataset made by `positions ingest --dataset`; read from it as from --db.",
)
