"""``to_frame()`` of analyses, timelines and diffs: exact columns and values."""

from __future__ import annotations

import pytest

pd = pytest.importorskip("pandas")

from positions.frames import DIFF_COLUMNS, diff_rows, MARKER_COLUMNS, STATEMENT_COLUMNS, TIMELINE_COLUMNS, analyses_frame  # noqa: E402
from positions.model import Analysis, Article, Marker, PartialDate, Span, Speaker, Statement  # noqa: E402
from positions.track import successive_diffs, timeline  # noqa: E402

TEXT = "Moscow backs a phased approach. Moscow rejects a phased plan."


def _analysis(aid: str, year: int, surface: str = "phased", polarity: str = "affirmed") -> Analysis:
    art = Article(id=aid, path=f"{aid}.txt", text=TEXT, body=Span(0, len(TEXT)), date=PartialDate(year))
    m = Marker("phased", surface, surface, Span(15, 21), polarity=polarity)
    st = Statement(article=aid, span=Span(0, 31), text=TEXT[:31], kind="document",
                   speaker=Speaker(organization="Moscow", country="RUS"), country="RUS", holders=("RUS",),
                   markers=(m,))  # fmt: skip
    return Analysis(art, (st,), (m,))


def test_analysis_frame_has_a_row_per_statement():
    df = _analysis("a1", 2019).to_frame()
    assert list(df.columns) == STATEMENT_COLUMNS
    assert df.to_dict("records") == [{
        "article": "a1", "path": "a1.txt", "date": "2019", "seq": 0, "kind": "document", "speaker": "Moscow",
        "speaker_role": None, "speaker_org": "Moscow", "country": "RUS", "holders": ["RUS"], "span_start": 0,
        "span_end": 31, "text": "Moscow backs a phased approach.", "concepts": ["phased"], "negated": [],
    }]  # fmt: skip


def test_marker_frame_and_many_analyses():
    df = analyses_frame([_analysis("a1", 2019), _analysis("a2", 2020, polarity="negated")], what="markers")
    assert list(df.columns) == MARKER_COLUMNS
    assert df[["article", "concept", "polarity", "statement"]].values.tolist() == [
        ["a1", "phased", "affirmed", 0], ["a2", "phased", "negated", 0]]  # fmt: skip
    with pytest.raises(ValueError):
        _analysis("a1", 2019).to_frame("words")


def test_timeline_frame():
    tl = timeline([_analysis("a1", 2019), _analysis("a2", 2021)])
    df = tl.to_frame()
    assert list(df.columns) == TIMELINE_COLUMNS
    assert df[["actor", "concept", "period", "count", "statements", "articles"]].values.tolist() == [
        ["RUS", "phased", "2019", 1, 1, 1], ["RUS", "phased", "2021", 1, 1, 1]]  # fmt: skip


def test_diff_frame():
    (d,) = successive_diffs([_analysis("a1", 2019), _analysis("a2", 2021, polarity="negated")], "RUS")
    df = d.to_frame()
    assert list(df.columns) == DIFF_COLUMNS
    assert len(df) == len(diff_rows(d))
    rows = diff_rows(d)  # the frame's rows before pandas (which reads None as NaN in text columns)
    assert [(r["change"], r["concept"], r["old"], r["new"]) for r in rows if r["change"] != "pair"] == [
        ("kept", "phased", None, None), ("polarity", "phased", "affirmed", "negated")]  # fmt: skip
    assert [r["change"] for r in rows].count("pair") == len(d.pairs)


def test_empty_frames_keep_their_columns():
    assert list(analyses_frame([]).columns) == STATEMENT_COLUMNS
    assert len(analyses_frame([])) == 0
