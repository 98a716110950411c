"""``positions compare``: actors side by side in one period."""

from __future__ import annotations

import json

import pytest

from positions.cli import main
from positions.render.timeline import render_comparison
from positions.store import open_store
from positions.track import compare
from test_report import CORPUS, golden_corpus


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "g.db"
    with open_store(path) as store:
        for an in golden_corpus():
            store.put([an], file=an.article.path, file_hash=an.article.id)
    return str(path)


def test_text(runner, db):
    result = runner.invoke(main, ["compare", "--db", db, "--actors", "RUS,CHN,USA", "--period", "2019"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "2019  (holders, by year)\n"
        "no statement in 2019: USA\n"
        "\n"
        "                 RUS  CHN\n"
        "  dialogue         1    1\n"
        "  phased           1    .\n"
        "  roadmap          1    1\n"
        "  synchronized     1    .\n"
        "  (count of markers; '-' negated, '~' mixed, '.' not said)\n"
        "\n"
        "dialogue\n"
        '  RUS  "resumption of dialogue"\n'
        '  CHN  "resumption of dialogue"\n'
        "phased\n"
        '  RUS  "phased"\n'
        "roadmap\n"
        '  RUS  "roadmap"\n'
        '  CHN  "roadmap"\n'
        "synchronized\n"
        '  RUS  "synchronized"\n'
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "csv"])
def test_every_format_renders_the_library_comparison(runner, db, fmt):
    result = runner.invoke(main, ["compare", "--db", db, "--actors", "rus,chn", "--format", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == render_comparison(compare(golden_corpus(), ["RUS", "CHN"]), fmt)


def test_default_period_and_negation(runner, db):
    data = json.loads(runner.invoke(main, ["compare", "--db", db, "--actors", "RUS", "--format", "json"]).stdout)
    assert {c["period"] for c in data} == {"2020"}
    assert [(c["concept"], c["polarity"]) for c in data if c["record"] == "cell"] == [
        ("dialogue", "negated"), ("phased", "affirmed"), ("sanctions_relief", "affirmed")
    ]


def test_month_period(runner, db):
    data = json.loads(runner.invoke(main, ["compare", "--db", db, "--actors", "RUS", "--period", "2018-03",
                                           "--format", "json"]).stdout)  # fmt: skip
    assert {c["by"] for c in data} == {"month"} and [c["concept"] for c in data] == ["dialogue", "phased"]


def test_from_a_corpus(runner):
    result = runner.invoke(main, ["compare", str(CORPUS), "--actors", "RUS,CHN", "--period", "2019", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "schema,record,period,by,role,actor,concept,count,statements,polarity,surfaces"
    assert "positions.compare/1,cell,2019,year,holder,RUS,phased,1,1,affirmed,phased\n" in result.stdout


def test_errors(runner, db):
    r = runner.invoke(main, ["compare", "--db", db])
    assert r.exit_code == 2 and "--actors" in r.stderr
    r = runner.invoke(main, ["compare", "--db", db, "--actors", "RUSSIA"])
    assert r.exit_code == 2 and "'RUSSIA' is not an actor code" in r.stderr
    r = runner.invoke(main, ["compare", "--db", db, "--actors", "RUS", "--period", "2019-13"])
    assert r.exit_code == 2 and "invalid value for '--period': '2019-13'" in r.stderr
    r = runner.invoke(main, ["compare", "--db", db, "--actors", "RUS", "--period", "2019-05-01", "--by", "month"])
    assert r.exit_code == 2 and "is a day, not a month" in r.stderr
    r = runner.invoke(main, ["compare", "--db", db, "--actors", "RUS", "--period", "2019", "--by", "month"])
    assert r.exit_code == 2 and "is a year, not a month" in r.stderr
    r = runner.invoke(main, ["compare", "--db", db, "--actors", "FRA"])
    assert r.exit_code == 0 and r.stdout == "no statement of FRA in any period\n"
