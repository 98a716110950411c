"""diff_overview: what a run of diffs covers, summed per actor."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from positions.model import Analysis, Article, PartialDate, Period, PolarityFlip, PositionDiff, Snapshot, Span, Statement, VariantShift
from positions.track import diff_overview


def _diff(actor: str, old: str, new: str, gained=(), dropped=(), shifts=0, flips=0) -> PositionDiff:
    return PositionDiff(
        actor, Snapshot(actor, Period("year", old)), Snapshot(actor, Period("year", new)),
        gained=tuple(gained), dropped=tuple(dropped),
        shifts=tuple(VariantShift(f"c{i}", ("a",), ("b",)) for i in range(shifts)),
        polarity_flips=tuple(PolarityFlip(f"f{i}", "affirmed", "negated") for i in range(flips)),
    )  # fmt: skip


def _analysis(aid: str, date, holders=("RUS",)) -> Analysis:
    art = Article(aid, f"{aid}.txt", "Moscow backs talks.", Span(0, 19), date=date)
    return Analysis(art, (Statement(aid, Span(0, 19), "Moscow backs talks.", "reported", country="RUS", holders=holders),))


def test_counts_periods_and_biggest_changes():
    diffs = [
        _diff("RUS", "2018", "2019", gained=("a", "b")),
        _diff("RUS", "2019", "2020", dropped=("a",), shifts=1),  # size 2 too, and later: first
        _diff("RUS", "2020", "2021"),
        _diff("CHN", "2019", "2021", flips=1),
    ]
    analyses = [_analysis("a1", PartialDate(2018, 5)), _analysis("a2", None, ("RUS", "KOR")), _analysis("a1", PartialDate(2018, 5)),
                _analysis("a3", PartialDate(2021, 1, 2))]  # fmt: skip
    o = diff_overview(analyses, diffs, by="year")
    assert (o.articles, o.undated, o.first_date, o.last_date) == (3, 1, "2018-05", "2021-01-02")
    assert o.periods == ("2018", "2019", "2020", "2021")
    assert o.found == ("CHN", "KOR", "RUS") and o.single == ("KOR",)
    rus, chn = o.actors
    assert [p.key for p in rus.periods] == ["2018", "2019", "2020", "2021"]
    assert (rus.comparisons, rus.gained, rus.dropped, rus.shifts, rus.flips) == (3, 2, 1, 1, 0)
    assert [(c.old.key, c.new.key, c.size) for c in rus.biggest] == [("2019", "2020", 2), ("2018", "2019", 2)]
    assert (chn.actor, chn.flips, [c.size for c in chn.biggest]) == ("CHN", 1, [1])
    assert diff_overview(analyses, diffs, by="year", actor="RUS").found == ("RUS",)


def test_an_actor_without_change_has_no_biggest():
    o = diff_overview([], [_diff("USA", "2018", "2019")], by="year")
    assert o.actors[0].biggest == () and o.actors[0].comparisons == 1 and o.articles == 0


@given(st.lists(st.tuples(st.sampled_from("AB"), st.integers(0, 3), st.integers(0, 3), st.integers(0, 2)), max_size=12))
def test_sums_are_the_sums_of_the_diffs(rows):
    diffs = [_diff(a, f"{2000 + i}", f"{2001 + i}", gained=("x",) * g, dropped=("y",) * d, shifts=s)
             for i, (a, g, d, s) in enumerate(rows)]  # fmt: skip
    o = diff_overview([], diffs, by="year")
    for a in o.actors:
        mine = [d for d in diffs if d.actor == a.actor]
        assert a.comparisons == len(mine)
        assert a.gained == sum(len(d.gained) for d in mine) and a.dropped == sum(len(d.dropped) for d in mine)
        sizes = sorted((len(d.gained) + len(d.dropped) + len(d.shifts) for d in mine), reverse=True)
        assert [c.size for c in a.biggest] == [s for s in sizes if s][:2]
