"""Generate ``docs/cli.md``, the CLI reference, from the commands' own ``--help``.

Regenerate with::

    python -m positions.cli._reference > docs/cli.md

``tests/test_docs.py`` fails when the checked-in file is stale.
"""

from __future__ import annotations

from typing import Iterator

import click

from . import main

__all__ = ["render_reference"]


def _walk(group: click.Group, prefix: list[str]) -> Iterator[tuple[list[str], click.Command]]:
    ctx = click.Context(group, info_name=" ".join(prefix))
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        yield prefix + [name], cmd
        if isinstance(cmd, click.Group):
            yield from _walk(cmd, prefix + [name])


def _help(path: list[str], cmd: click.Command) -> str:
    from click.testing import CliRunner

    result = CliRunner().invoke(
        main, path[1:] + ["--help"], prog_name="positions", terminal_width=88, max_content_width=88
    )
    return result.output


def render_reference() -> str:
    """The whole CLI reference as Markdown."""
    out = [
        "# CLI reference",
        "",
        "Generated from `--help` by `python -m positions.cli._reference > docs/cli.md`;",
        "`tests/test_docs.py` fails when this file is stale.",
        "",
        "## positions",
        "",
        "```",
        _help(["positions"], main).rstrip(),
        "```",
        "",
    ]
    for path, cmd in _walk(main, ["positions"]):
        out += [f"## {' '.join(path)}", "", "```", _help(path, cmd).rstrip(), "```", ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    click.echo(render_reference(), nl=False)
