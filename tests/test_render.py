"""Renderers: golden files for every format, escaping, determinism.

Regenerate the golden files (then read their diff before committing):

    UPDATE_GOLDEN=1 pytest tests/test_render.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from positions.diff import diff_snapshots
from positions.model import Marker, Period, Snapshot, Span, Statement
from positions.render import FORMATS, render_diffs
from positions.render.markdown import escape
from positions.render.text import DEL, INS

GOLDEN = Path(__file__).parent / "golden" / "diff"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json", "jsonl": "jsonl", "csv": "csv"}


def _statement(article, start, text, specs, kind="reported"):
    markers = []
    for concept, surface, *rest in specs:
        pos = text.index(surface)
        markers.append(Marker(concept, surface, surface.lower().replace("-", " "), Span(start + pos, start + pos + len(surface)),
                              polarity=rest[0] if rest else "affirmed"))  # fmt: skip
    return Statement(article, Span(start, start + len(text)), text, kind, country="RUS", holders=("RUS",),
                     markers=tuple(markers))  # fmt: skip


def _snapshot(key, paths, statements):
    markers = tuple(m for st in statements for m in st.markers)
    return Snapshot("RUS", Period("year", key, key), tuple(statements), tuple(a for a, _ in paths), markers,
                    tuple(p for _, p in paths))  # fmt: skip


def sample_diffs():
    old = _snapshot("2017", [("a1", "corpus/2017-tass.txt")], [
        _statement("a1", 120, "Moscow backs a step-by-step approach & the <roadmap> with *no* sanctions relief.",
                   [("phased", "step-by-step"), ("roadmap", "roadmap"), ("sanctions_relief", "sanctions relief", "negated")]),
        _statement("a1", 400, "The talks in Beijing were useful.", [("dialogue", "talks")]),
    ])  # fmt: skip
    new = _snapshot("2018", [("b1", "corpus/2018-tass.txt"), ("b2", "corpus/2018-xinhua.txt")], [
        _statement("b1", 80, "Moscow backs a phased approach & the <roadmap>, and sanctions relief.",
                   [("phased", "phased"), ("roadmap", "roadmap"), ("sanctions_relief", "sanctions relief")]),
        _statement("b2", 10, "Security guarantees for Pyongyang come first.", [("security_guarantees", "Security guarantees")]),
    ])  # fmt: skip
    newer = _snapshot("2019", [("c1", "corpus/2019-tass.txt")], [
        _statement("c1", 0, "Security guarantees for Pyongyang\nmust come first.", [("security_guarantees", "Security guarantees")]),
    ])  # fmt: skip
    return [diff_snapshots(old, new), diff_snapshots(new, newer)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt):
    out = render_diffs(sample_diffs(), fmt)
    path = GOLDEN / f"sample.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def moved_sentence_diffs():
    # One statement each year; its middle sentence moves to the front, reworded.
    old = _snapshot("2018", [("a1", "corpus/2018-tass.txt")], [
        _statement("a1", 50, "Moscow backs talks. A peace mechanism must come with the denuclearization of the "
                   "peninsula. Sanctions must go.", [("dialogue", "talks"), ("peace_regime", "peace mechanism")]),
    ])  # fmt: skip
    new = _snapshot("2019", [("b1", "corpus/2019-tass.txt")], [
        _statement("b1", 7, "Denuclearization of the peninsula and the creation of a peace mechanism must advance "
                   "together. Moscow backs direct talks. Sanctions must go now.",
                   [("dialogue", "talks"), ("peace_regime", "peace mechanism")]),
    ])  # fmt: skip
    return [diff_snapshots(old, new)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_moved_sentence(fmt):
    out = render_diffs(moved_sentence_diffs(), fmt)
    path = GOLDEN / f"moves.{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_moved_sentence_json_points_into_the_articles():
    rows = json.loads(render_diffs(moved_sentence_diffs(), "json"))
    (move,) = [r for r in rows if r["record"] == "move"]
    assert move["old_text"] == "A peace mechanism must come with the denuclearization of the peninsula."
    assert move["new_text"] == ("Denuclearization of the peninsula and the creation of a peace mechanism must "
                                "advance together.")  # fmt: skip
    # Article offsets: the statements start at 50 and 7 in their articles.
    assert [move["old_start"], move["old_end"]] == [50 + 20, 50 + 20 + len(move["old_text"])]
    assert [move["new_start"], move["new_end"]] == [7, 7 + len(move["new_text"])]
    assert move["pair"] == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_input_same_bytes(fmt):
    assert render_diffs(sample_diffs(), fmt).encode() == render_diffs(sample_diffs(), fmt).encode()


def test_json_shape():
    from positions.render.change_tables import DIFF_COLUMNS

    data = json.loads(render_diffs(sample_diffs(), "json"))
    assert isinstance(data, list) and all(list(r) == list(DIFF_COLUMNS) for r in data)
    assert {r["schema"] for r in data} == {"positions.diff/1"}
    first = [r for r in data if r["old_period"] == "2017"]
    concepts = [(r["concept"], r["change"], r["reworded"], r["flipped"]) for r in first if r["record"] == "concept"]
    assert concepts == [("security_guarantees", "gained", False, False), ("dialogue", "dropped", False, False),
                        ("phased", "kept", True, False), ("roadmap", "kept", False, False),
                        ("sanctions_relief", "kept", False, True)]  # fmt: skip
    phased = next(r for r in first if r["concept"] == "phased")
    assert (phased["old_wordings"], phased["new_wordings"]) == (["step-by-step"], ["phased"])
    pair = next(r for r in first if r["record"] == "pair")
    assert [pair["old_start"], pair["old_end"]] == [120, 120 + len(pair["old_text"])]
    ops = [r for r in first if r["record"] == "op" and r["pair"] == pair["pair"]]
    assert "".join(r["text"] for r in ops if r["op"] != "-") == pair["new_text"]
    assert ops[0]["old_start"] == 120 and ops[0]["new_start"] == 80  # offsets into the articles
    single = json.loads(render_diffs(sample_diffs()[:1], "json"))
    assert isinstance(single, list) and {r["actor"] for r in single} == {"RUS"}  # one diff: a list too


def test_html_escapes_all_text_and_is_self_contained():
    page = render_diffs(sample_diffs(), "html")
    assert "<roadmap>" not in page and "&lt;roadmap&gt;" in page
    assert "&amp;" in page
    assert "<script" not in page and "http" not in page.replace("http-equiv", "")
    assert "<del>" in page and "<ins>" in page


def test_markdown_escapes_markup():
    md = render_diffs(sample_diffs(), "markdown")
    assert r"\*no\*" in md and r"\<roadmap\>" in md
    assert "~~" in md and "**phased**" in md
    assert escape("a_b") == r"a\_b"


def test_text_colour():
    plain = render_diffs(sample_diffs(), "text")
    assert "\x1b" not in plain and "[-step-by-step-]" in plain and "{+phased+}" in plain
    coloured = render_diffs(sample_diffs(), "text", color=True)
    assert f"{DEL}step-by-step" in coloured and f"{INS}phased" in coloured


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        render_diffs([], "pdf")


def _paragraph_diff():
    old = _snapshot("2018", [("a1", "/corpus/korea/old.txt")], [
        _statement("a1", 0, "China supports dialogue between the parties. Sanctions must be implemented fully.", [("dialogue", "dialogue")]),
        _statement("a1", 200, "The weather was fine.", []),
    ])  # fmt: skip
    new = _snapshot("2019", [("b1", "/corpus/korea/new.txt")], [
        _statement("b1", 0, "China supports direct dialogue between the parties. Trust must be built step by step.", [("dialogue", "dialogue")]),
    ])  # fmt: skip
    return [diff_snapshots(old, new)]


def test_sentence_blocks_are_lines_and_unmarked_passages_can_be_hidden():
    text = render_diffs(_paragraph_diff(), "text", all_passages=False, roots=["/corpus/korea"])
    assert "      China supports {+direct+} dialogue between the parties.\n      [-Sanctions" in text
    assert "The weather" not in text and "1 gone passage without an in-scope concept not shown" in text
    assert "old korea/old.txt:0-" in text  # under a corpus root, not under the current directory
    assert "The weather" in render_diffs(_paragraph_diff(), "text")
    data = json.loads(render_diffs(_paragraph_diff(), "json", roots=["/corpus/korea"]))
    assert {r["old_article"] for r in data if r["record"] == "concept"} == {"korea/old.txt"}
    pairs = [r for r in data if r["record"] == "pair"]
    assert len(pairs) == 2 and pairs[1]["old_concepts"] == []
    for fmt in ("markdown", "html"):
        out = render_diffs(_paragraph_diff(), fmt, all_passages=False)
        assert "The weather" not in out and "not shown" in out


def test_corpus_roots_win_over_the_current_directory(tmp_path, monkeypatch):
    from positions.render._display import path_shower

    root = tmp_path / "venv" / "site-packages" / "positions" / "_corpus" / "korea"
    monkeypatch.chdir(tmp_path)  # the installed corpus lies under the current directory
    show = path_shower([str(root)])
    assert show(str(root / "a.txt")) == "korea/a.txt"
    assert show(str(tmp_path / "mine" / "b.txt")) == "mine/b.txt"
