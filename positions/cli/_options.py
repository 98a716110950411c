"""Options and arguments shared by several commands, as decorators (like sqlite-utils)."""

from __future__ import annotations

import os
from typing import Callable, Optional, Sequence

import click

FORMATS_REPORT = ("text", "markdown", "html", "json", "jsonl", "csv")
FORMATS_DATA = ("text", "json", "jsonl", "csv")  # commands whose only view is a table or a list


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

def bundled_lexicons() -> dict[str, str]:
    """The lexicons shipped with positions, by name (file name without ``.toml``)."""
    from importlib import resources

    folder = resources.files("positions") / "data" / "lexicons"
    return {p.name[: -len(".toml")]: str(p) for p in folder.iterdir() if p.name.endswith(".toml")}


def lexicon_path_of(value: str) -> str:
    """A lexicon file, or the name of a bundled lexicon (``korean_peninsula``) as its path."""
    if os.path.isfile(value):
        return value
    bundled = bundled_lexicons()
    if value in bundled:
        return bundled[value]
    if os.path.exists(value):
        raise click.BadParameter(f"{value}: is a directory, not a lexicon file")
    known = ", ".join(sorted(bundled))
    raise click.BadParameter(f"{value}: no such file, nor a bundled lexicon (bundled: {known})")


def _lexicon(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    return None if value is None else lexicon_path_of(value)


lexicon_option = click.option(
    "--lexicon",
    "lexicon_path",
    type=str,
    default=None,
    metavar="FILE|NAME",
    callback=_lexicon,
    help="Concept lexicon: a TOML file or a bundled one by name (korean_peninsula). "
    "Default: the bundled Korean Peninsula lexicon.",
)

actors_option = click.option(
    "--actors-file",
    "actors_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    help="Extra actors gazetteer (TOML), added to the bundled one. Repeatable.",
)

def _encoding(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from ..errors import SourceError
    from ..sources.decoding import check_encoding

    try:
        return check_encoding(value)
    except SourceError as exc:
        raise click.BadParameter(str(exc)) from None


encoding_option = click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    metavar="CODEC",
    callback=_encoding,
    help="Encoding of text files and exports: a codec name (latin-1, cp1252, ...) or 'auto' "
    "to detect it (charset-normalizer). Saved pages and PDFs declare their own.",
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
