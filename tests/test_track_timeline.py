"""Timelines, comparisons and shift events (positions.track)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.diff import diff_snapshots
from positions.model import Analysis, Article, Marker, PartialDate, Period, Span, Statement
from positions.track import compare, shift_events, snapshots, timeline


def _m(concept, surface, start, *, normalized=None, polarity="affirmed", in_scope=True):
    return Marker(concept, surface, normalized or surface.lower(), Span(start, start + len(surface)),
                  polarity=polarity, in_scope=in_scope)  # fmt: skip


def _an(aid, date, statements):
    text = "x" * 300
    sts = tuple(
        Statement(aid, Span(start, start + 50), "x" * 50, "reported", country=country, holders=holders,
                  markers=tuple(markers))  # fmt: skip
        for start, country, holders, markers in statements
    )
    return Analysis(Article(aid, f"{aid}.txt", text, Span(0, 300), date=date), sts,
                    tuple(m for s in sts for m in s.markers))  # fmt: skip


CORPUS = [
    _an("a", PartialDate(2018, 3, 1), [
        (0, "RUS", ("RUS",), [_m("phased", "step-by-step", 2, normalized="step by step")]),
        (100, "RUS", ("RUS", "CHN"), [_m("dialogue", "dialogue", 101), _m("roadmap", "roadmap", 120)]),
    ]),
    _an("b", PartialDate(2019, 4, 10), [
        (0, "RUS", ("RUS",), [_m("phased", "phased", 3), _m("phased", "Step by step", 20, normalized="step by step")]),
        (100, "CHN", ("CHN",), [_m("dialogue", "talks", 110), _m("cvid", "CVID", 130, in_scope=False)]),
    ]),
    _an("c", PartialDate(2019, 11), [
        (0, "USA", ("USA",), [_m("sanctions_relief", "sanctions relief", 5, polarity="negated")]),
        (100, "RUS", ("RUS",), []),
    ]),
    _an("d", PartialDate(2020), [
        (0, "RUS", ("RUS",), [_m("sanctions_relief", "easing of\nsanctions", 2, normalized="ease of sanction")]),
    ]),
    _an("u", None, [(0, "RUS", ("RUS",), [_m("phased", "phased", 1)])]),
]  # fmt: skip


def _cells(row):
    return [(c.period.key, c.count, c.statements, c.articles, c.surfaces, c.polarity) for c in row.cells]


def test_timeline_rows_cells_and_variants():
    tl = timeline(CORPUS)
    assert tl.by == "year" and tl.role == "holder"
    assert [p.key for p in tl.periods] == ["2018", "2019", "2020"]
    assert tl.active == (("CHN", ("2018", "2019")), ("RUS", ("2018", "2019", "2020")), ("USA", ("2019",)))
    assert [(r.actor, r.concept) for r in tl.rows] == [
        ("CHN", "dialogue"), ("CHN", "roadmap"),
        ("RUS", "dialogue"), ("RUS", "phased"), ("RUS", "roadmap"), ("RUS", "sanctions_relief"),
        ("USA", "sanctions_relief"),
    ]  # fmt: skip
    chn_dialogue = tl.rows[0]
    assert _cells(chn_dialogue) == [
        ("2018", 1, 1, 1, ("dialogue",), "affirmed"),
        ("2019", 1, 1, 1, ("talks",), "affirmed"),
    ]
    phased = tl.rows[3]
    assert (phased.first.key, phased.last.key, phased.count) == ("2018", "2019", 3)
    assert _cells(phased) == [
        ("2018", 1, 1, 1, ("step-by-step",), "affirmed"),
        ("2019", 2, 1, 1, ("phased", "Step by step"), "affirmed"),
    ]
    assert [(v.normalized, v.surface, v.count, v.first, v.last) for v in phased.variants] == [
        ("phased", "phased", 1, "2019", "2019"),
        ("step by step", "step-by-step", 2, "2018", "2019"),
    ]
    relief = tl.rows[5]
    assert relief.variants[0].surface == "easing of sanctions"  # whitespace runs squeezed
    usa = tl.rows[6]
    assert usa.cells[0].polarity == "negated" and usa.variants[0].polarity == "negated"


def test_timeline_out_of_scope_and_undated_do_not_count():
    tl = timeline(CORPUS, actor="CHN")
    assert all(r.concept != "cvid" for r in tl.rows)
    rus = timeline(CORPUS, actor="RUS", concept="phased")
    assert [(r.concept, r.count) for r in rus.rows] == [("phased", 3)]  # the undated one is left out


def test_timeline_filters_keep_the_actor_columns():
    tl = timeline(CORPUS, actor="RUS", concept="sanctions_relief")
    assert [p.key for p in tl.periods] == ["2018", "2019", "2020"]
    assert tl.active == (("RUS", ("2018", "2019", "2020")),)
    assert [(r.concept, [c.period.key for c in r.cells]) for r in tl.rows] == [("sanctions_relief", ["2020"])]


def test_timeline_by_month_keeps_coarser_dates_in_their_own_period():
    tl = timeline(CORPUS, actor="RUS", by="month")
    assert [p.key for p in tl.periods] == ["2018-03", "2019-04", "2019-11", "2020"]


def test_timeline_by_speaker():
    tl = timeline(CORPUS, role="speaker")
    # the joint RUS/CHN statement is RUS's as a speaker, not CHN's
    assert ("CHN", "roadmap") not in [(r.actor, r.concept) for r in tl.rows]


def test_timeline_rejects_unknown_periods_and_roles():
    with pytest.raises(ValueError, match="unknown period"):
        timeline(CORPUS, by="decade")
    with pytest.raises(ValueError, match="unknown role"):
        timeline(CORPUS, role="listener")


def test_timeline_of_nothing():
    assert timeline([]) == timeline([], by="year")
    assert timeline(CORPUS, actor="FRA").rows == ()


def test_compare_one_period_in_the_given_order():
    cmp = compare(CORPUS, ["RUS", "CHN", "USA"], period="2019")
    assert cmp.period == Period("year", "2019", "2019")
    assert cmp.concepts == ("dialogue", "phased", "sanctions_relief")
    assert [(c.actor, c.concept, c.count, c.statements, c.surfaces, c.polarity) for c in cmp.cells] == [
        ("RUS", "phased", 2, 1, ("phased", "Step by step"), "affirmed"),
        ("CHN", "dialogue", 1, 1, ("talks",), "affirmed"),
        ("USA", "sanctions_relief", 1, 1, ("sanctions relief",), "negated"),
    ]
    assert cmp.absent == ()


def test_compare_default_period_is_the_latest_with_the_most_actors():
    assert compare(CORPUS, ["RUS", "CHN"]).period.key == "2019"
    assert compare(CORPUS, ["RUS"]).period.key == "2020"
    empty = compare(CORPUS, ["FRA"])
    assert empty.period is None and empty.absent == ("FRA",)


def test_compare_by_month_is_inferred_from_the_period():
    cmp = compare(CORPUS, ["RUS", "USA"], period="2019-11")
    assert cmp.by == "month" and cmp.period.key == "2019-11"
    assert cmp.absent == () and [c.actor for c in cmp.cells] == ["USA"]
    assert compare(CORPUS, ["RUS"], period="2017").absent == ("RUS",)


def test_shift_events_newest_first():
    diffs = []
    for actor in ("CHN", "RUS"):
        snaps = snapshots(CORPUS, actor)
        diffs += [diff_snapshots(o, n) for o, n in zip(snaps, snaps[1:])]
    events = [(e.new_period.key, e.actor, e.kind, e.concept, e.old, e.new) for e in shift_events(diffs)]
    assert events == [
        ("2020", "RUS", "gained", "sanctions_relief", (), ("easing of sanctions",)),
        ("2020", "RUS", "dropped", "phased", ("phased", "Step by step"), ()),
        ("2019", "CHN", "dropped", "roadmap", ("roadmap",), ()),
        ("2019", "CHN", "variant", "dialogue", ("dialogue",), ("talks",)),
        ("2019", "RUS", "dropped", "dialogue", ("dialogue",), ()),
        ("2019", "RUS", "dropped", "roadmap", ("roadmap",), ()),
        ("2019", "RUS", "variant", "phased", ("step-by-step",), ("phased", "Step by step")),
    ]


_concepts = st.sampled_from(["phased", "dialogue", "cvid"])
_actors = st.sampled_from(["RUS", "CHN", "USA"])


@st.composite
def _corpora(draw):
    out = []
    for i in range(draw(st.integers(0, 6))):
        year = draw(st.integers(2015, 2019))
        sts = []
        for j in range(draw(st.integers(0, 3))):
            holders = tuple(sorted(set(draw(st.lists(_actors, min_size=1, max_size=2)))))
            markers = [_m(draw(_concepts), draw(st.sampled_from(["a", "b", "c"])), j * 50 + k * 5,
                          in_scope=draw(st.booleans())) for k in range(draw(st.integers(0, 3)))]  # fmt: skip
            sts.append((j * 50, holders[0], holders, markers))
        out.append(_an(f"a{i}", PartialDate(year), sts))
    return out


@settings(max_examples=60, deadline=None)
@given(_corpora())
def test_timeline_counts_every_in_scope_marker_once_per_holder(corpus):
    tl = timeline(corpus)
    expected: dict[tuple[str, str], int] = {}
    for an in corpus:
        for s in an.statements:
            for m in s.markers:
                if m.in_scope:
                    for h in s.holders:
                        expected[h, m.concept] = expected.get((h, m.concept), 0) + 1
    assert {(r.actor, r.concept): r.count for r in tl.rows} == expected
    for r in tl.rows:
        assert [c.period for c in r.cells] == sorted(c.period for c in r.cells)
        assert sum(v.count for v in r.variants) == r.count
        keys = dict(tl.active)[r.actor]
        assert all(c.period.key in keys for c in r.cells)
