"""One error prefix and two exit statuses for every command.

A usage error (a bad option value, an unknown option) is exit status 2: click's usage line
and help hint, a blank line, then one ``positions: ...`` line naming the option. A failure
of the data (a file or store that is not there or not readable, an actor no statement has)
is exit status 1 and ``positions: ...`` lines only. Never ``Error:``, never a traceback.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from positions.cli import main
from test_cli_timeline import db  # noqa: F401  (the record-built golden corpus in a store)

BAD = {
    "actor": ("RUSSIA", "'RUSSIA' is not an actor code"),
    "concept": ("nope", "unknown concept 'nope' (known: comprehensive, cvid,"),
    "date": ("2019-13", "'2019-13': use YYYY, YYYY-MM or YYYY-MM-DD (month must be in 1..12)"),
    "by": ("week", "'week' is not one of"),
    "role": ("voter", "'voter' is not one of 'holder', 'speaker'"),
}

# command (with what it needs to parse) -> {kind of bad value: the option that takes it}
COMMANDS: dict[tuple[str, ...], dict[str, str]] = {
    ("diff",): {"actor": "--actor", "concept": "--concept", "date": "--from", "by": "--by", "role": "--role"},
    ("timeline",): {"actor": "--actor", "concept": "--concept", "date": "--to", "by": "--by", "role": "--role"},
    ("compare", "--actors", "RUS"): {"date": "--period", "by": "--by", "role": "--role"},
    ("compare",): {"actor": "--actors"},
    ("kwic", "step by step"): {"actor": "--actor", "date": "--from", "role": "--role"},
    ("kwic",): {"concept": "--concept"},
    ("report", "--out", "OUT"): {"date": "--from", "by": "--by", "role": "--role"},
    ("novelty", "new.txt"): {"actor": "--actor", "role": "--role"},
    ("diffusion",): {"concept": "--concept", "by": "--by", "role": "--role"},
    ("articles",): {},
    ("extract", "a.txt"): {},
    ("ingest", "--db", "x.db"): {},
    ("eval", "--bundled"): {},
    ("export", "--db", "x.db", "out"): {},
    ("lexicon", "show"): {},
    ("lexicon", "check", "x.toml"): {},
    ("lexicon", "suggest", "phased"): {},
}

CASES = [
    pytest.param(command, option, kind, id=f"{' '.join(command[:1])} {option} {kind}")
    for command, options in COMMANDS.items()
    for kind, option in options.items()
]
UNKNOWN_OPTION = [pytest.param(command, id=" ".join(command[:2])) for command in COMMANDS]


def _name(command: tuple[str, ...]) -> str:
    return " ".join(command[:2]) if command[0] == "lexicon" else command[0]


@pytest.fixture
def runner():
    return CliRunner()


def _usage_error(result, name: str) -> str:
    """The one message line of a usage error, after checking the lines around it (``name``:
    the command, as click's usage line shows it)."""
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 4, result.stderr
    assert lines[0].startswith(f"Usage: main {name} ") and lines[1] == f"Try 'main {name} --help' for help."
    assert lines[2] == "" and lines[3].startswith("positions: ")
    assert "Error" not in result.stderr
    return lines[3]


@pytest.mark.parametrize("command, option, kind", CASES)
def test_a_bad_value_is_a_usage_error_naming_the_option(runner, tmp_path, command, option, kind):
    command = tuple(str(tmp_path / "out") if c == "OUT" else c for c in command)
    value, message = BAD[kind]
    result = runner.invoke(main, [*command, option, value])
    line = _usage_error(result, _name(command))
    assert line.startswith(f"positions: invalid value for '{option}': ") and message in line, line
    assert not (tmp_path / "out").exists()  # refused before anything is written


@pytest.mark.parametrize("command", UNKNOWN_OPTION)
def test_an_unknown_option_is_a_usage_error(runner, command):
    result = runner.invoke(main, [*command, "--bogus"])
    assert _usage_error(result, _name(command)).startswith("positions: no such option '--bogus'.")


def test_the_group_s_own_usage_errors_have_the_prefix(runner):
    result = runner.invoke(main, ["--bogus"])
    assert result.exit_code == 2 and result.stderr.endswith("\n\npositions: no such option '--bogus'.\n")
    result = runner.invoke(main, ["nosuch"])
    assert result.exit_code == 2 and result.stderr.endswith("\n\npositions: no such command 'nosuch'.\n")
    result = runner.invoke(main, ["compare"])
    assert result.exit_code == 2 and result.stderr.endswith("\n\npositions: missing option '--actors'.\n")


def test_from_after_to_is_a_usage_error(runner):
    for command in (["diff"], ["timeline"], ["kwic", "x"], ["report", "--out", "never"]):
        result = runner.invoke(main, [*command, "--to", "2019", "--from", "2020-01"])
        assert _usage_error(result, command[0]) == "positions: --from 2020-01 is after --to 2019"


def test_the_same_mistake_is_the_same_message_everywhere(runner):
    lines = {
        command: _usage_error(runner.invoke(main, [command, *extra, "--actor", "russia"]), command)
        for command, extra in (("diff", []), ("timeline", []), ("kwic", ["x"]), ("novelty", ["n.txt"]))
    }
    assert len(set(lines.values())) == 1, lines


def test_organizations_codes_are_actors(runner, db):
    result = runner.invoke(main, ["timeline", "--db", db, "--actor", "iaea"])
    assert (result.exit_code, result.stderr) == (
        1, "positions: unknown actor 'IAEA': no statement in the corpus has it as holder (found: CHN, RUS)\n"
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["timeline", "--db", "DB", "--actor", "FRA"], "unknown actor 'FRA': no statement in the corpus has it as holder"),
        (["diff", "--db", "DB", "--actor", "FRA"], "unknown actor 'FRA': no statement in the corpus has it as holder"),
        (["diff", "MISSING"], "MISSING: no such file or directory"),
        (["timeline", "MISSING"], "MISSING: no such file or directory"),
        (["timeline", "--db", "MISSING"], "MISSING: no such store"),
        (["compare", "--db", "MISSING", "--actors", "RUS"], "MISSING: no such store"),
        (["kwic", "--db", "MISSING", "--concept", "phased"], "MISSING: no such store"),
        (["articles", "--db", "MISSING"], "MISSING: no such store"),
        (["report", "--db", "MISSING", "--out", "OUT"], "MISSING: no such store"),
        (["diffusion", "--db", "MISSING"], "MISSING: no such store"),
        (["export", "--db", "MISSING", "OUT"], "MISSING: no such store"),
        (["articles", "MISSING"], "MISSING: no such file or directory"),
        (["lexicon", "check", "MISSING"], "MISSING"),
    ],
)
def test_a_failure_of_the_data_is_exit_1_and_prefixed_lines(runner, tmp_path, db, args, message):
    missing, out = str(tmp_path / "missing"), str(tmp_path / "out")
    args = [{"DB": db, "MISSING": missing, "OUT": out}.get(a, a) for a in args]
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith("positions: ") for line in lines), result.stderr
    assert message.replace("MISSING", missing) in lines[0], result.stderr
    assert "Error" not in result.stderr and "Traceback" not in result.output


def test_a_bad_file_in_extract_is_a_prefixed_line(runner, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"\x00\x01binary")
    result = runner.invoke(main, ["extract", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"positions: {bad}: ")
    assert all(line.startswith("positions: ") for line in result.stderr.splitlines())
