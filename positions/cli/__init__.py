"""The ``positions`` command line: a thin layer over the library.

Each command lives in its own module of this package and registers itself on :data:`main`
with ``@main.command()``; the modules are imported here in name order. Commands parse
options, call one library function and print the result. Library errors
(:class:`positions.errors.PositionsError`) become one line on stderr and exit status 1.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from .. import __version__
from ..errors import PositionsError
from ..render.terminal import printable

__all__ = ["main"]


class _Group(click.Group):
    """A group that turns library errors into one-line messages, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PositionsError as exc:  # one line, whatever a file name or a text holds
            raise click.ClickException(printable(str(exc))) from exc
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
