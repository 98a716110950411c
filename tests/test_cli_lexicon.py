"""CLI tests: positions lexicon check/show and positions kwic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from positions.cli import main
from positions.lexicon import load_lexicon
from test_cli_timeline import db  # noqa: F401  (the record-built golden corpus in a store)

DATA = Path(__file__).resolve().parent / "data" / "lexicons"
ROOT = Path(__file__).resolve().parents[1]


def test_check_bundled(runner):
    path = str(ROOT / "positions" / "data" / "lexicons" / "korean_peninsula.toml")
    result = runner.invoke(main, ["lexicon", "check", path])
    assert result.exit_code == 0, result.output
    lex = load_lexicon(path)
    n = sum(len(c.patterns) for c in lex.concepts)
    assert result.output == f"{path}: ok (17 concepts, {n} patterns, {len(lex.scope.patterns)} scope patterns)\n"


def test_check_a_bundled_lexicon_by_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # from any directory
    lex = load_lexicon()
    n = sum(len(c.patterns) for c in lex.concepts)
    result = runner.invoke(main, ["lexicon", "check", "korean_peninsula"])
    assert result.exit_code == 0, result.output
    assert result.output == f"korean_peninsula: ok (17 concepts, {n} patterns, {len(lex.scope.patterns)} scope patterns)\n"


def test_lexicon_option_takes_a_bundled_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    by_name = runner.invoke(main, ["lexicon", "show", "--lexicon", "korean_peninsula", "--format", "json"])
    default = runner.invoke(main, ["lexicon", "show", "--format", "json"])
    assert by_name.exit_code == 0 and by_name.output == default.output
    unknown = runner.invoke(main, ["lexicon", "show", "--lexicon", "nope"])
    assert unknown.exit_code == 2
    assert "nope: no such file, nor a bundled lexicon (bundled: korean_peninsula)" in unknown.output


@pytest.mark.parametrize(
    "name, line",
    [
        ("unknown_key.toml", ":8: unknown key 'colour' in concept"),
        ("invalid.toml", ":6: invalid TOML: Unclosed array"),
        ("empty_pattern.toml", ":7: concept 'phased': pattern '': empty pattern"),
        ("duplicate_id.toml", ":8: duplicate concept id 'phased'"),
        ("long_pattern.toml", "pattern has 10000 words; the limit is 32"),
    ],
)
def test_check_bad(runner, name, line):
    path = str(DATA / name)
    result = runner.invoke(main, ["lexicon", "check", path])
    assert result.exit_code == 1
    assert result.output.startswith(f"positions: {path}")
    assert line in result.output
    assert "Traceback" not in result.output


def test_check_lists_every_problem(runner):
    result = runner.invoke(main, ["lexicon", "check", str(DATA / "never_matches.toml")])
    assert result.exit_code == 1
    assert len(result.output.splitlines()) == 2


def test_show_text_and_json(runner):
    result = runner.invoke(main, ["lexicon", "show", "--lexicon", str(DATA / "good.toml")])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Climate (climate 0.1): 2 concepts\n"
        "scope: climate | global warming\n"
        "\n"
        "net_zero: Net zero\n"
        "  Net-zero emissions.\n"
        "  net zero | carbon neutral*\n"
        "\n"
        "phase_out: Phase out fossil fuels\n"
        "  phase out ..2 fossil fuel* | =phased out\n"
    )
    result = runner.invoke(main, ["lexicon", "show", "--format", "json"])
    data = json.loads(result.output)
    assert [c["concept"] for c in data if c["record"] == "concept"] == list(load_lexicon().concept_ids)


def test_show_bad_lexicon_is_one_line(runner):
    result = runner.invoke(main, ["lexicon", "show", "--lexicon", str(DATA / "invalid.toml")])
    assert result.exit_code == 1
    assert result.output.strip().endswith("invalid.toml:6: invalid TOML: Unclosed array")
    assert len(result.output.strip().splitlines()) == 1


def _article(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.md").write_text(
        "---\ndate: 2019-02-28\nsource: Reuters\ntitle: Hanoi summit on North Korea\n---\n\n"
        "Washington rejects a step-by-step deal. Pyongyang wants a phased, step by step process.\n",
        encoding="utf-8",
    )
    return d


def test_kwic_pattern(runner, tmp_path):
    d = _article(tmp_path)
    result = runner.invoke(main, ["kwic", str(d), "step by step", "--window", "3"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "2019-02-28  Reuters  -  Washington rejects a [step-by-step] deal. Pyongyang (negated)\n"
        "2019-02-28  Reuters  -  a phased, [step by step] process.\n"
    )


def test_kwic_concept_json(runner, tmp_path):
    d = _article(tmp_path)
    result = runner.invoke(main, ["kwic", "--concept", "phased", str(d), "--format", "json", "--window", "2"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["match"], r["polarity"], r["in_scope"], r["date"]) for r in rows] == [
        ("step-by-step", "negated", True, "2019-02-28"),
        ("phased", "affirmed", True, "2019-02-28"),
        ("step by step", "affirmed", True, "2019-02-28"),
    ]


def test_kwic_negated_flag_in_text(runner, tmp_path):
    d = _article(tmp_path)
    result = runner.invoke(main, ["kwic", "--concept", "phased", str(d), "--window", "1"])
    assert result.output.splitlines()[0] == "2019-02-28  Reuters  -  a [step-by-step] deal (negated)"


def test_kwic_needs_a_pattern(runner):
    result = runner.invoke(main, ["kwic"])
    assert result.exit_code == 2
    assert "give a PATTERN or --concept ID" in result.output


def test_kwic_bad_pattern_is_one_line(runner, tmp_path):
    result = runner.invoke(main, ["kwic", str(_article(tmp_path)), "(step|stage)"])
    assert result.exit_code == 1
    assert "not regular expressions" in result.output
    assert "Traceback" not in result.output


def test_kwic_unknown_concept(runner, tmp_path):
    result = runner.invoke(main, ["kwic", "--concept", "nope", str(_article(tmp_path))])
    assert result.exit_code == 2
    assert "unknown concept 'nope'" in result.output


def test_kwic_bundled_corpus(runner):
    result = runner.invoke(main, ["kwic", "--concept", "synchronized", "--in-scope"])
    assert result.exit_code == 0, result.output
    assert "[synchronized]" in result.output


def test_kwic_names_the_speaker_country_and_holders(runner, tmp_path):
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.md").write_text(
        "---\ndate: 2017-07-04\nsource: TASS\ntitle: Korea roadmap\n---\n\n"
        "Russia and China propose a double freeze on the Korean Peninsula, Russian Foreign"
        " Minister Sergei Lavrov said.\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["kwic", str(d), "double freeze", "--window", "2"])
    assert result.exit_code == 0, result.output
    assert result.output == "2017-07-04  TASS  RUS>RUS,CHN  propose a [double freeze] on the\n"
    rows = json.loads(runner.invoke(main, ["kwic", str(d), "double freeze", "--format", "json"]).output)
    assert (rows[0]["speaker"], rows[0]["country"], rows[0]["holders"]) == ("Sergei Lavrov", "RUS", ["RUS", "CHN"])


def test_kwic_reads_a_store_like_the_corpus(runner, tmp_path):
    d = _article(tmp_path)
    db = str(tmp_path / "s.db")
    assert runner.invoke(main, ["ingest", str(d), "--db", db]).exit_code == 0
    from_store = runner.invoke(main, ["kwic", "--db", db, "step by step", "--window", "3"])
    from_corpus = runner.invoke(main, ["kwic", str(d), "step by step", "--window", "3"])
    assert from_store.exit_code == 0 and from_store.output == from_corpus.output != ""
    refused = runner.invoke(main, ["kwic", "--db", db, str(d), "step"])
    assert refused.exit_code == 2 and "give no CORPUS" in refused.output


def test_kwic_json_shows_the_bundled_corpus_paths_short(runner):
    result = runner.invoke(main, ["kwic", "--concept", "cvid", "--format", "json"])
    assert result.exit_code == 0, result.output
    paths = {r["path"] for r in json.loads(result.stdout)}
    assert paths and all(p.startswith(("korea/", "seeds/")) for p in paths), paths


def test_kwic_actor_and_span(runner, db):
    chn = "2019-04-10  Xinhua  CHN  Beijing supports the resumption of [dialogue]. Russia and China submitted (out of scope)\n"
    for extra in (["--actor", "chn"], ["--actor", "CHN", "--role", "speaker"]):
        result = runner.invoke(main, ["kwic", "--db", db, "--concept", "dialogue", *extra])
        assert (result.exit_code, result.stdout, result.stderr) == (0, chn, "")
    result = runner.invoke(main, ["kwic", "--db", db, "--concept", "dialogue", "--from", "2020"])
    assert result.stdout == "2020-05-20  Kyodo  RUS  and sees no point in [dialogue] for now. (negated) (out of scope)\n"
    result = runner.invoke(main, ["kwic", "--db", db, "--concept", "roadmap", "--actor", "USA", "--to", "2019"])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("positions: no match of 'roadmap' in the statements of USA to 2019; try fewer words")
