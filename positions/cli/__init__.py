"""The ``positions`` command line: a thin layer over the library.

Each command lives in its own module of this package and registers itself on :data:`main`
with ``@main.command()``; the modules are imported here in name order. Commands parse
options, call one library function and print the result.

Every error the command line prints starts with ``positions:``: a library error
(:class:`positions.errors.PositionsError`: a bad file, a damaged store, an actor no
statement has) is one line on stderr and exit status 1; a usage error (a bad option value,
an unknown option; click's own ones too) is click's usage and help hint, then one line, and
exit status 2.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any

import click

from .. import __version__
from ..errors import PositionsError
from ..render.terminal import printable

__all__ = ["main"]


PREFIX = "positions: "


def _sentence(message: str) -> str:
    """click's usage messages start with a capitalized word ("No such option", "Invalid
    value for"); ours do not. A message that starts with a file name is left as it is.

    >>> _sentence("No such option '--bogus'."), _sentence("Notes.txt: empty"), _sentence("ISO")
    ("no such option '--bogus'.", 'Notes.txt: empty', 'ISO')
    """
    first = message.split(" ", 1)[0]
    if len(first) > 1 and first.isalpha() and first[0].isupper() and first[1:].islower():
        return message[0].lower() + message[1:]
    return message


class _Error(click.ClickException):
    """A failure of the data: ``positions: <message>`` on stderr, exit status 1."""

    def show(self, file: Any = None) -> None:
        click.echo(PREFIX + self.format_message(), err=file is None, file=file)


class _UsageError(click.UsageError):
    """A usage error: click's usage line and help hint, then ``positions: <message>``."""

    def show(self, file: Any = None) -> None:
        ctx = self.ctx
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                option = max(ctx.command.get_help_option_names(ctx), key=len)
                hint = f"Try '{ctx.command_path} {option}' for help.\n"
            click.echo(f"{ctx.get_usage()}\n{hint}", err=file is None, file=file, color=ctx.color)
        click.echo(PREFIX + _sentence(self.format_message()), err=file is None, file=file,
                   color=ctx.color if ctx is not None else None)  # fmt: skip


def _with_prefix(exc: click.ClickException) -> click.ClickException:
    """``exc`` shown with the one prefix; exceptions that show something else (the help
    for a bare group) are left as they are."""
    if isinstance(exc, (_Error, _UsageError)):
        return exc
    if isinstance(exc, click.UsageError):
        if type(exc).show is not click.UsageError.show:
            return exc
        out: click.ClickException = _UsageError(exc.format_message(), exc.ctx)
    elif type(exc).show is click.ClickException.show:
        out = _Error(exc.format_message())
    else:
        return exc
    out.exit_code = exc.exit_code
    return out


class _Group(click.Group):
    """A group that shows every error as one ``positions:`` line, never a traceback."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:  # the group's own options: `positions --bogus`
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise _with_prefix(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PositionsError as exc:  # one line, whatever a file name or a text holds
            raise _Error(printable(str(exc))) from exc
        except click.ClickException as exc:  # a command's options, or what it raised
            raise _with_prefix(exc) from exc
        except BrokenPipeError:  # `positions diff | head`
            sys.stderr.close()
            ctx.exit(1)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.commands)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="positions")
def main() -> None:
    """Track how countries word their positions over time.

    Reads news articles and official statements, finds who said what, normalizes the wording
    against a concept lexicon and shows how it shifts. With no CORPUS, commands use the
    bundled sample corpus (Korean Peninsula diplomacy, 2003-2023).

    \b
    Example:
        positions diff --actor RUS --by year
    """


for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if not _info.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_info.name}")
