"""The one progress helper: a bar on a terminal's stderr, nothing in a pipe or with --quiet."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from positions.cli import _progress, main


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty,quiet,drawn", [(True, False, True), (True, True, False), (False, False, False)])
def test_a_bar_only_on_a_terminal_and_not_with_quiet(monkeypatch, tty, quiet, drawn):
    err = Tty() if tty else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    with _progress.progress("report", 4, quiet=quiet) as bar:
        assert list(bar.over("abcd")) == list("abcd")
    assert bar.done == 4
    assert ("report" in err.getvalue()) is drawn
    if drawn:
        assert "100%" in err.getvalue()


def test_callback_takes_the_total_late(monkeypatch):
    monkeypatch.setattr("sys.stderr", Tty())
    with _progress.progress("ingest") as bar:
        bar.callback(1, 3)
        bar.callback(3, 3)
    assert (bar.done, bar.total) == (3, 3)


@pytest.mark.parametrize("args", [
    ["extract", "--quiet", "seeds/000_1792fb935fd71937.txt"],
    ["diff", "--actor", "RUS", "-q"],
    ["timeline", "--actor", "RUS", "--quiet"],
])  # fmt: skip
def test_long_commands_take_quiet_and_print_the_same(args):
    r = CliRunner()
    loud = r.invoke(main, [a for a in args if a not in ("--quiet", "-q")])
    quiet = r.invoke(main, args)
    assert quiet.exit_code == loud.exit_code == 0
    # stderr holds no bar (not a terminal) either way; diff's narrowing hint is there in both
    assert quiet.output == loud.output and quiet.stderr == loud.stderr
    assert "%" not in quiet.stderr and "#" not in quiet.stderr
