"""A report for any span: the index of a long corpus shows the latest periods one by one and
all of them in bins, says which actors have no markers in view, and --from/--to cut a span."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from positions.cli import main
from positions.model import PartialDate
from positions.render.records import timeline_record
from positions.render.report import build_report
from positions.render.report_heatmaps import RECENT_PERIODS, binned_record, index_heatmaps
from positions.track import timeline
from test_report import _analysis, _article, _statement


def long_corpus() -> list:
    """79 years, 1946-2024: Russia speaks every year, China every other year, South Korea
    only from 1950 to 1990 (so that it has no marker among the latest years)."""
    out = []
    for year in range(1946, 2025):
        who = [("RUS", "Moscow", "dialogue", "the resumption of dialogue", "resumption of dialogue")]
        if year % 2 == 0:
            who.append(("CHN", "Beijing", "phased", "a phased approach", "phased"))
        if 1950 <= year <= 1990:
            who.append(("KOR", "Seoul", "dialogue", "the resumption of dialogue", "resumption of dialogue"))
        text = f"NEW YORK, {year}\n\n" + " ".join(f"{capital} backs {words}." for _, capital, _, words, _ in who)
        art = _article(f"y{year}", f"un/{year}.txt", PartialDate(year, 9, 20), text, title=f"Debate {year}")
        sts = [_statement(art, f"{capital} backs {words}", "reported", actor, (actor,), [(concept, surface)])
               for actor, capital, concept, words, surface in who]  # fmt: skip
        out.append(_analysis(art, sts))
    return out


@pytest.fixture(scope="module")
def rec():
    return timeline_record(timeline(long_corpus(), by="year"))


def test_a_long_span_shows_the_latest_periods_then_decades(rec):
    grids = index_heatmaps(rec, ["CHN", "KOR", "RUS"])
    assert [g["title"] for g in grids] == [
        "The latest 20 of 79 periods, 2005 to 2024",
        "All 79 periods by decade, 1946 to 2024",
    ]
    latest, decades = grids[0]["grid"], grids[1]["grid"]
    assert latest["periods"] == [str(y) for y in range(2005, 2025)] and len(latest["periods"]) == RECENT_PERIODS
    assert decades["periods"] == ["1940s", "1950s", "1960s", "1970s", "1980s", "1990s", "2000s", "2010s", "2020s"]
    kor = [g for g in latest["groups"] if g["label"] == "KOR"][0]
    assert kor["rows"] == [] and kor["note"] == "no markers from 2005 to 2024 (its markers: 1950–1990)"
    rus = [g for g in decades["groups"] if g["label"] == "RUS"][0]
    assert [c["text"] for c in rus["rows"][0]["cells"]] == ["4", "10", "10", "10", "10", "10", "10", "10", "5"]
    assert rus["note"] == "" and rus["rows"][0]["first"] == "1946" and rus["rows"][0]["count"] == 79
    kor_decades = [g for g in decades["groups"] if g["label"] == "KOR"][0]
    assert [c["text"] for c in kor_decades["rows"][0]["cells"]] == ["", "10", "10", "10", "10", "1", "", "", ""]


def test_binned_cells_sum_and_keep_their_words(rec):
    binned = binned_record(rec, "decade")
    chn = [r for r in binned["rows"] if r["actor"] == "CHN"][0]
    assert chn["cells"][0] == {"period": "1940s", "count": 2, "statements": 2, "articles": 2,
                               "polarity": "affirmed", "surfaces": ["phased"]}  # fmt: skip
    assert binned["active"]["KOR"] == ["1950s", "1960s", "1970s", "1980s", "1990s"]


def test_a_short_span_is_one_heatmap(rec):
    short = {**rec, "periods": rec["periods"][-RECENT_PERIODS:]}
    assert [g["id"] for g in index_heatmaps(short, ["RUS"])] == ["heat-all"]


def test_from_to_make_a_report_of_a_span():
    pages = build_report(long_corpus(), since="2000", until="2009-12")
    assert "actor-kor.html" not in pages and "article-y1999.html" not in pages and "article-y2009.html" in pages
    index = pages["index.html"]
    assert "10 articles · 15 statements · 2 actors · 2 concepts · 10 periods (year) · from 2000 to 2009-12" in index
    assert "The latest" not in index  # ten periods: one heatmap


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2020", "--to", "2019"], "positions: --from 2020 is after --to 2019"),
        (["--from", "2019-13"], "positions: invalid value for '--from': '2019-13': use YYYY, YYYY-MM or YYYY-MM-DD (month must be in 1..12)"),
        (["--to", "soon"], "positions: invalid value for '--to': 'soon': use YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_report_refuses_a_bad_span_in_one_line(tmp_path, args, message):
    """A usage error: click's usage and hint, then the one line (exit status 2)."""
    r = CliRunner().invoke(main, ["report", "--out", str(tmp_path / "r"), *args])
    assert r.exit_code == 2 and not (tmp_path / "r").exists()
    lines = r.stderr.strip().splitlines()
    assert lines[-1] == message and "Traceback" not in r.stderr
