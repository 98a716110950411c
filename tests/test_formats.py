"""Data out (docs/formats.md): every command in every data format, loaded with the standard
library (always) and with pandas (when installed); exact columns, a few exact values, the
three formats agreeing record for record; the offsets of a diff's operations."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.cli import main
from positions.diff import diff_passages, diff_texts
from positions.model import Span, Statement
from positions.render.change_tables import (
    COMPARE_COLUMNS,
    DIFF_COLUMNS,
    DIFFUSION_COLUMNS,
    NOVELTY_COLUMNS,
    SUMMARY_COLUMNS,
    TIMELINE_COLUMNS,
    passage_offsets,
)
from positions.render.tables import (
    ARTICLE_COLUMNS,
    EVAL_COLUMNS,
    KWIC_COLUMNS,
    LEXICON_COLUMNS,
    STATEMENT_COLUMNS,
)
from positions.render.writers import DATA_FORMATS, display_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_1792fb935fd71937.txt"
SEED_GOLD = ROOT / "fixtures" / "gold" / "000_1792fb935fd71937.gold.json"
OLD = ROOT / "fixtures" / "korea" / "2018-05-31-tass-lavrov-pyongyang.txt"
NEW = ROOT / "fixtures" / "korea" / "2019-04-25-tass-putin-vladivostok.txt"
LATEST = ROOT / "fixtures" / "korea" / "2023-09-14-ria-lavrov-sanctions.md"

# name: (arguments, table columns); "{db}" is the store of the bundled sample corpus
COMMANDS = {
    "articles": (["articles", "--db", "{db}"], ARTICLE_COLUMNS),
    "articles-corpus": (["articles"], ARTICLE_COLUMNS),
    "extract": (["extract", str(SEED)], STATEMENT_COLUMNS),
    "kwic": (["kwic", "--db", "{db}", "--concept", "phased"], KWIC_COLUMNS),
    "lexicon": (["lexicon", "show"], LEXICON_COLUMNS),
    "eval": (["eval", str(SEED_GOLD)], EVAL_COLUMNS),
    "diff": (["diff", "--db", "{db}", "--actor", "RUS"], DIFF_COLUMNS),
    "diff-pair": (["diff", str(OLD), str(NEW)], DIFF_COLUMNS),
    "diff-summary": (["diff", "--db", "{db}", "--summary"], SUMMARY_COLUMNS),
    "timeline": (["timeline", "--db", "{db}", "--actor", "RUS"], TIMELINE_COLUMNS),
    "compare": (["compare", "--db", "{db}", "--actors", "RUS,CHN,USA", "--period", "2019"], COMPARE_COLUMNS),
    "novelty": (["novelty", str(LATEST), "--db", "{db}"], NOVELTY_COLUMNS),
    "diffusion": (["diffusion", "--db", "{db}", "--concept", "dual_suspension"], DIFFUSION_COLUMNS),
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("store") / "korea.db")
    r = CliRunner().invoke(main, ["ingest", "--db", path, "--quiet"])
    assert r.exit_code == 0, r.output
    return path


@pytest.fixture(scope="module")
def outputs(db):
    """Every command's output in every data format, run once for the module."""
    runner = CliRunner()
    out = {}
    for name, (args, _) in COMMANDS.items():
        for fmt in DATA_FORMATS:
            r = runner.invoke(main, [a.format(db=db) for a in args] + ["--format", fmt])
            assert r.exit_code == 0, (name, fmt, r.output)
            out[name, fmt] = r.stdout
    return out


def _cell(value) -> str:  # a JSON value as the CSV writes it
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(_cell(v) for v in value)
    return str(value)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_format_loads_with_the_standard_library_and_agrees(outputs, name):
    columns = list(COMMANDS[name][1])
    records = json.loads(outputs[name, "json"])
    assert isinstance(records, list) and records
    assert all(list(r) == columns for r in records)
    assert len({r["schema"] for r in records}) == 1 and records[0]["schema"].endswith("/1")
    assert all(not isinstance(v, dict) and not (isinstance(v, list) and any(isinstance(x, (list, dict)) for x in v))
               for r in records for v in r.values())  # fmt: skip
    lines = [json.loads(line) for line in outputs[name, "jsonl"].splitlines()]
    assert lines == records
    rows = list(csv.reader(io.StringIO(outputs[name, "csv"])))
    assert rows[0] == columns
    assert rows[1:] == [[_cell(r[c]) for c in columns] for r in records]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_format_loads_with_pandas(outputs, name):
    pd = pytest.importorskip("pandas")
    columns = list(COMMANDS[name][1])
    n = len(json.loads(outputs[name, "json"]))
    frames = [
        pd.read_json(io.StringIO(outputs[name, "json"]), orient="records", dtype=False),
        pd.read_json(io.StringIO(outputs[name, "jsonl"]), lines=True, dtype=False),
        pd.read_csv(io.StringIO(outputs[name, "csv"]), dtype=str, keep_default_na=False),
    ]
    for df in frames:
        assert list(df.columns) == columns and len(df) == n


def test_every_data_command_offers_the_three_formats():
    for name, (args, _) in COMMANDS.items():
        cmd = main
        for word in args:
            if word.startswith("-") or not hasattr(cmd, "commands"):
                break
            cmd = cmd.commands[word]
        (fmt,) = [p for p in cmd.params if p.name == "fmt"]
        assert set(DATA_FORMATS) <= set(fmt.type.choices), name


def _json(outputs, name):
    return json.loads(outputs[name, "json"])


def test_articles_values(outputs):
    seed = _json(outputs, "articles-corpus")[0]
    assert (seed["path"], seed["date"], seed["source"], seed["dateline_start"], seed["dateline_end"]) == (
        "seeds/000_1792fb935fd71937.txt", "2021-12-23", "TASS", 0, 27)  # fmt: skip
    assert sorted(r["id"] for r in _json(outputs, "articles")) == sorted(r["id"] for r in _json(outputs, "articles-corpus"))


def test_extract_values_have_display_text_and_original_offsets(outputs):
    rows = _json(outputs, "extract")
    text = SEED.read_text(encoding="utf-8")
    first = rows[0]
    assert (first["speaker"], first["country"], first["holders"], first["kind"], first["cue"]) == (
        "Andrey Kulik", "RUS", ["RUS"], "reported", "said")  # fmt: skip
    for r in rows:
        assert display_text(text[r["start"] : r["end"]]) == r["text"] or r["part_starts"][1:]
        assert "  " not in r["text"] and "\n" not in r["text"]
    assert [r["statement"] for r in rows] == list(range(len(rows)))


def test_kwic_lexicon_eval_values(outputs):
    kwic = _json(outputs, "kwic")
    assert {r["concept"] for r in kwic} == {"phased"} and all(r["end"] > r["start"] for r in kwic)
    lexicon = _json(outputs, "lexicon")
    assert [r["record"] for r in lexicon[:1]] == ["scope"]
    phased = next(r for r in lexicon if r["record"] == "concept" and r["concept"] == "phased")
    assert "step by step" in phased["patterns"] and phased["lexicon"] == "korean_peninsula"
    overall = _json(outputs, "eval")[0]
    assert (overall["record"], overall["gold"], overall["articles"], overall["matched"]) == ("score", None, 1, 9)


def test_diff_values(outputs, db):
    rows = _json(outputs, "diff")
    assert [r["record"] for r in rows[:1]] == ["diff"] and {r["actor"] for r in rows} == {"RUS"}
    assert {r["record"] for r in rows} == {"diff", "concept", "pair", "op", "move"} - (
        set() if any(r["record"] == "move" for r in rows) else {"move"})  # fmt: skip
    summary = {r["actor"]: r for r in _json(outputs, "diff-summary")}
    concepts = [r for r in rows if r["record"] == "concept"]
    assert summary["RUS"]["gained"] == sum(r["change"] == "gained" for r in concepts)
    assert summary["RUS"]["reworded"] == sum(r["reworded"] for r in concepts)
    assert summary["RUS"]["comparisons"] == sum(r["record"] == "diff" for r in rows)


def test_two_file_diff_ops_point_into_both_files(outputs):
    rows = _json(outputs, "diff-pair")
    old, new = OLD.read_text(encoding="utf-8"), NEW.read_text(encoding="utf-8")
    ops = [r for r in rows if r["record"] == "op"]  # a new passage has no old article, a gone one no new
    assert {r["old_article"] for r in ops} == {str(OLD), None} and {r["new_article"] for r in ops} == {str(NEW), None}
    assert [(r["actor"], r["concept"], r["change"], r["reworded"]) for r in rows if r["record"] == "concept"][2:7] == [
        ("RUS", "denuclearization_dprk", "gained", False), ("RUS", "dialogue", "gained", False),
        ("RUS", "denuclearization_peninsula", "dropped", False), ("RUS", "dual_suspension", "dropped", False),
        ("RUS", "phased", "kept", True)]  # fmt: skip
    (first,) = [r for r in rows if r["record"] == "pair" and r["actor"] == "RUS" and r["pair"] == 0]
    assert (first["old_speaker"], first["new_speaker"], first["similarity"]) == ("Sergei Lavrov", "Vladimir Putin", 0.1978)
    differ = []
    for r in ops:
        if r["op"] != "+" and r["old_article"] and display_text(old[r["old_start"] : r["old_end"]]) != r["text"]:
            differ.append(r["text"][:20])
        if r["op"] != "-" and r["new_article"] and display_text(new[r["new_start"] : r["new_end"]]) != r["text"]:
            differ.append(r["text"][:20])
        if r["op"] == "+":
            assert r["old_start"] == r["old_end"]
        if r["op"] == "-":
            assert r["new_start"] == r["new_end"]
    # Two split quotes ("...," Putin told reporters, "..."): an operation across the join of
    # their parts spans the words between them in the article too (docs/formats.md).
    assert differ == ["When we start discus", "The North Korean lea"]


def test_timeline_compare_novelty_diffusion_values(outputs):
    tl = _json(outputs, "timeline")
    assert {r["record"] for r in tl} == {"cell", "wording", "active"} and {r["actor"] for r in tl} == {"RUS"}
    cells = [r for r in tl if r["record"] == "cell"]
    active = {r["period"] for r in tl if r["record"] == "active"}
    assert {r["period"] for r in cells} <= active
    cmp = _json(outputs, "compare")
    assert {r["period"] for r in cmp} == {"2019"}
    nov = _json(outputs, "novelty")
    assert {Path(r["path"]).name for r in nov} == {LATEST.name} and nov[0]["date"] == "2023-09-14"
    firsts = [r for r in _json(outputs, "diffusion") if r["record"] == "first" and r["spread"] == "concept"]
    assert (firsts[0]["actor"], firsts[0]["rank"], firsts[0]["date"], firsts[0]["lag_days"]) == ("CHN", 1, "2017-03-09", 0)


# --------------------------------------------------------------------------------------
# The offsets of a diff's operations rebuild both texts

WORDS = st.sampled_from(["Moscow", "backs", "a", "phased", "step-by-step", "approach", "talks", ",", ".",
                         "peace", "Korean", "Peninsula", "and", "the"])  # fmt: skip
SPACE = st.sampled_from([" ", " ", "  ", "\n"])


@st.composite
def passages(draw):
    words = draw(st.lists(WORDS, max_size=25))
    return "".join(w + draw(SPACE) for w in words).strip()


def _rebuilt(ops, text, side):
    pos = 0
    out = []
    for op in ops:
        span = op.old if side == "old" else op.new
        if op.op == ("+" if side == "old" else "-"):
            assert len(span) == 0 and span.start == pos
            continue
        assert span.start == pos  # in order, without gap or overlap
        out.append(text[span.start : span.end])
        pos = span.end
    assert pos == len(text)
    return "".join(out)


@settings(max_examples=150, deadline=None)
@given(passages(), passages())
def test_operation_offsets_rebuild_both_texts(a, b):
    for d in (diff_texts(a, b), diff_passages(a, b)):
        assert _rebuilt(d.ops, a, "old") == a
        assert _rebuilt(d.ops, b, "new") == b


@settings(max_examples=100, deadline=None)
@given(passages(), passages(), st.integers(0, 50), st.integers(1, 30))
def test_operation_offsets_map_into_a_split_quote(a, b, lead, gap):
    # A statement of two parts, text = the parts joined by one space: every offset inside a
    # part maps to the same character of the article.
    article = "x" * lead + a + "y" * gap + b
    parts = (Span(lead, lead + len(a)), Span(lead + len(a) + gap, len(article)))
    st_ = Statement(article="a", span=Span(parts[0].start, parts[1].end), text=f"{a} {b}", kind="direct", parts=parts)
    at = passage_offsets(st_, None)
    joined = st_.text
    for i, ch in enumerate(joined):
        if i != len(a):  # the joining space has no character of its own in the article
            assert article[at(i)] == ch
