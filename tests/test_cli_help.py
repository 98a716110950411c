"""Every command of the ``positions`` CLI, subcommands included, has help with an example."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from positions.cli import main


def _commands(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(group)
    out: list[tuple[tuple[str, ...], click.Command]] = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        out.append((path + (name,), cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, path + (name,)))
    return out


COMMANDS = [((), main)] + _commands(main)


def test_there_are_commands():
    assert len(COMMANDS) > 1


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) or "positions" for p, _ in COMMANDS])
def test_command_has_help_with_an_example(runner, path, command):
    doc = command.help or ""
    assert doc.strip(), f"{' '.join(path) or 'positions'} has no docstring"
    assert "Example:" in doc or "Examples:" in doc, f"{' '.join(path) or 'positions'}: no Example: block"
    # "\b" before the example, so that click keeps its line breaks.
    before_example = doc.split("Example")[0]
    assert "\b" in before_example[-20:], "no \\b before the example: click would rewrap it"
    result = runner.invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert "Usage:" in result.output


def test_shell_completion_works_as_the_guide_says(runner):
    guide = (Path(__file__).resolve().parents[1] / "docs" / "guide.md").read_text(encoding="utf-8")
    assert 'eval "$(_POSITIONS_COMPLETE=bash_source positions)"' in guide
    env = {"_POSITIONS_COMPLETE": "bash_complete", "COMP_WORDS": "positions di", "COMP_CWORD": "1"}
    result = runner.invoke(main, [], prog_name="positions", env=env)
    assert result.exit_code == 0 and result.output == "plain,diff\nplain,diffusion\n"
    source = runner.invoke(main, [], prog_name="positions", env={"_POSITIONS_COMPLETE": "bash_source"})
    assert "_positions_completion()" in source.output
