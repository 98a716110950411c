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
    "corpus", nargs=-1, type=click.Path(allow_dash=True, path_type=str), metavar="[CORPUS]..."
)
"""Zero or more files, directories or globs (``-``: one article on stdin); none means the
bundled sample corpus."""

name_option = click.option(
    "--name",
    "stdin_name",
    default=None,
    metavar="FILE_NAME",
    help="File name of the article read from '-' (stdin): it decides how it is read "
    "(.html, .pdf, CHN_74_2019.txt) and may date it (2021-09-24-kcna.txt).",
)

year_option = click.option(
    "--year",
    type=int,
    default=None,
    help="Year for articles that nothing else dates (not their text, file name or "
    "corpus.toml); each article it dates says so on stderr.",
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
