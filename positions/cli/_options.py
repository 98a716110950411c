"""Options and arguments shared by several commands, as decorators (like sqlite-utils).

Each option that several commands share (``--actor``, ``--concept``, ``--role``, ``--by``,
``--from``/``--to``, ``--lexicon``) is written once here, with one choice set per meaning
and one validator (a click callback): a bad value is a usage error (exit status 2) that
names the option, before any file is read. Exit status 1 is left for failures of the data
(a bad file, an actor no statement has, a damaged store).

``--lexicon``, ``--actors-file``, ``--db`` and ``--dataset`` are eager (click processes them
first), so that the validators of ``--concept`` and ``--actor`` can read them from
``ctx.params`` whatever the order on the command line.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Optional, Sequence, TypeVar, Union, cast

import click

from ..model import By, PartialDate, Role
from ..track import PERIODS, ROLES

# What click's option decorators take and give back: a command function, or a command.
FC = TypeVar("FC", bound=Union[Callable[..., Any], click.Command])

FORMATS_REPORT = ("text", "markdown", "html", "json", "jsonl", "csv")
FORMATS_DATA = ("text", "json", "jsonl", "csv")  # commands whose only view is a table or a list


def format_option(choices: Sequence[str] = ("text", "json"), default: str = "text") -> Callable[[FC], FC]:
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
    is_eager=True,
    help="Concept lexicon: a TOML file or a bundled one by name (korean_peninsula). "
    "Default: the bundled Korean Peninsula lexicon.",
)

actors_option = click.option(
    "--actors-file",
    "actors_paths",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=str),
    is_eager=True,
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
    is_eager=True,
    help="SQLite store made by `positions ingest`; read from it instead of a CORPUS.",
)

dataset_option = click.option(
    "--dataset",
    "dataset_path",
    type=click.Path(file_okay=False, path_type=str),
    default=None,
    is_eager=True,
    help="Parquet dataset made by `positions ingest --dataset`; read from it as from --db.",
)


# --- who, what, when: --actor, --concept, --role, --by, --from/--to ---------------------------

ACTOR_HINT = "use an ISO alpha-3 code such as RUS, or an organization's own code (UN, EU, IAEA)"


def actor_code(value: str, ctx: Optional[click.Context] = None) -> str:
    """``value`` as an actor code (upper case): an ISO alpha-3 code, or a code of the
    gazetteer (the bundled one and any ``--actors-file``: UN, EU, IAEA, NATO ...); else
    :class:`click.BadParameter`.

    >>> actor_code(" rus ")
    'RUS'
    >>> actor_code("iaea")
    'IAEA'
    """
    code = value.strip().upper()
    if len(code) == 3 and code.isalpha():
        return code
    if code.isalpha():
        from ..actors import default_gazetteer, load_gazetteer

        extra = (ctx.params.get("actors_paths") or ()) if ctx is not None else ()
        if code in (load_gazetteer(extra) if extra else default_gazetteer()).countries:
            return code
    raise click.BadParameter(f"{value!r} is not an actor code: {ACTOR_HINT}")


def _actor(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    return None if value is None else actor_code(value, ctx)


def actor_option(help: str = "Only this actor (ISO alpha-3 code), default every actor.") -> Callable[[FC], FC]:
    """``--actor CODE``, checked by :func:`actor_code`."""
    return click.option("--actor", default=None, metavar="CODE", callback=_actor, help=help)


def actor_codes(value: str, ctx: Optional[click.Context] = None, *, option: str = "--actors") -> list[str]:
    """Comma-separated actor codes (``RUS,CHN``), each checked by :func:`actor_code`."""
    codes = [actor_code(a, ctx) for a in value.split(",") if a.strip()]
    if not codes:
        raise click.BadParameter(f"{value!r}: give at least one code, e.g. RUS,CHN", param_hint=option)
    return codes


def concept_callback(*, stored_analyses: bool) -> Callable[..., Optional[str]]:
    """The validator of ``--concept`` (and of a CONCEPT argument): an id of ``--lexicon``
    (the bundled lexicon by default). ``stored_analyses``: the command reads the analyses a
    ``--db`` store or a ``--dataset`` keeps, made with whatever lexicon the ingest had, so
    with either the id is not checked against ``--lexicon``."""

    def _concept(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
        if value is None:
            return None
        if stored_analyses and (ctx.params.get("db_path") or ctx.params.get("dataset_path")):
            return value
        return check_concept(value, ctx.params.get("lexicon_path"))

    return _concept


def concept_option(
    help: str = "Only statements with this concept of the lexicon.", *, stored_analyses: bool = True
) -> Callable[[FC], FC]:
    """``--concept ID``, an id of the lexicon (see :func:`concept_callback`)."""
    return click.option("--concept", default=None, metavar="ID", help=help,
                        callback=concept_callback(stored_analyses=stored_analyses))  # fmt: skip


def check_concept(value: str, lexicon_path: Optional[str]) -> str:
    """``value`` if it is a concept id of the lexicon (the bundled one by default); else
    :class:`click.BadParameter` listing the known ids."""
    from ..lexicon import load_lexicon

    known = load_lexicon(lexicon_path).concept_ids
    if value not in known:
        raise click.BadParameter(f"unknown concept {value!r} (known: {', '.join(sorted(known))})")
    return value


def _role(ctx: click.Context, param: click.Parameter, value: str) -> Role:
    # click.Choice(ROLES) has let only a role through: the command gets the Literal the
    # library's functions take.
    return cast(Role, value)


def role_option(help: str = "Follow the statements the actor holds, or those its people speak.") -> Callable[[FC], FC]:
    """``--role holder|speaker`` (see :mod:`positions.track`); the command's ``role`` is a
    :data:`~positions.model.Role`."""
    return click.option("--role", type=click.Choice(list(ROLES)), default="holder", show_default=True,
                        callback=_role, help=help)  # fmt: skip


def _by(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[By]:
    # click.Choice has let only a period of PERIODS through (or the default, None).
    return cast(Optional[By], value)


def by_option(
    supported: Sequence[str] = PERIODS, *, default: Optional[str] = "year", help: str = "Period of a snapshot."
) -> Callable[[FC], FC]:
    """``--by PERIOD``: the periods of :data:`positions.track.PERIODS` (article, day, month,
    year) that the command supports; the command's ``by`` is a :data:`~positions.model.By`
    (or None, the ``default`` None). A command that supports fewer says so in the one
    message click gives for a choice ("'article' is not one of 'day', 'month', 'year'")."""
    unknown = [p for p in supported if p not in PERIODS]
    assert not unknown, f"not periods: {unknown}"
    return click.option("--by", type=click.Choice([p for p in PERIODS if p in supported]), default=default,
                        show_default=default is not None, callback=_by, help=help)  # fmt: skip


DATE_HINT = "use YYYY, YYYY-MM or YYYY-MM-DD"


def parse_date(value: str) -> PartialDate:
    """``value`` (YYYY, YYYY-MM or YYYY-MM-DD) as a :class:`PartialDate`; else
    :class:`click.BadParameter` saying what is wrong."""
    try:
        return PartialDate.from_iso(value)
    except ValueError as exc:
        detail = "" if str(exc).startswith("not an ISO date") else f" ({exc})"
        raise click.BadParameter(f"{value!r}: {DATE_HINT}{detail}") from None


def _date(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[PartialDate]:
    """The validator of ``--from`` and ``--to``: a :class:`PartialDate`, and ``--from`` not
    after ``--to`` (checked by whichever of the two click processes second)."""
    if value is None:
        return None
    date = parse_date(value)
    since = date if param.name == "since" else ctx.params.get("since")
    until = date if param.name == "until" else ctx.params.get("until")
    if since is not None and until is not None and since.first_day() > until.first_day():
        raise click.UsageError(f"--from {since.iso()} is after --to {until.iso()}", ctx=ctx)
    return date


def date_range_options(what: str = "statements") -> Callable[[FC], FC]:
    """``--from DATE`` and ``--to DATE`` (``since``/``until``: a :class:`PartialDate` or None)."""
    since = click.option("--from", "since", default=None, metavar="DATE", callback=_date,
                         help=f"Only {what} dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD; undated ones are left out).")  # fmt: skip
    until = click.option("--to", "until", default=None, metavar="DATE", callback=_date,
                         help=f"Only {what} dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD; undated ones are left out).")  # fmt: skip

    def decorate(f: FC) -> FC:
        return since(until(f))

    return decorate
