"""Snapshots by actor and period."""

from __future__ import annotations

import pytest

from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
from positions.track import actors, period_of, snapshots, undated


def _article(aid, date, path=None):
    text = "x" * 200
    return Article(aid, path or f"{aid}.txt", text, Span(0, 200), date=date)


def _st(aid, start, *, country="RUS", holders=None, markers=()):
    return Statement(aid, Span(start, start + 10), "x" * 10, "reported", country=country,
                     holders=holders if holders is not None else (country,), markers=tuple(markers))  # fmt: skip


def _m(concept, start):
    return Marker(concept, concept, concept, Span(start, start + 3))


ANALYSES = [
    Analysis(_article("b", PartialDate(2019, 3, 2)), (_st("b", 50, markers=[_m("phased", 52)]),)),
    Analysis(
        _article("a", PartialDate(2019, 3, 1)),
        (
            _st("a", 100, markers=[_m("dialogue", 101)]),
            _st("a", 0, country="RUS", holders=("RUS", "CHN"), markers=[_m("roadmap", 2)]),
            _st("a", 30, country="USA"),
        ),
    ),
    Analysis(_article("c", PartialDate(2018)), (_st("c", 0),)),
    Analysis(_article("d", PartialDate(2020, 1)), (_st("d", 0, country="CHN"),)),
    Analysis(_article("u", None), (_st("u", 0),)),
]


def test_by_year_in_time_order_with_reading_order_inside():
    snaps = snapshots(ANALYSES, "RUS")
    assert [(s.period.kind, s.period.key) for s in snaps] == [("year", "2018"), ("year", "2019")]
    s2019 = snaps[1]
    assert s2019.articles == ("a", "b") and s2019.paths == ("a.txt", "b.txt")
    assert [(st.article, st.span.start) for st in s2019.statements] == [("a", 0), ("a", 100), ("b", 50)]
    assert [m.concept for m in s2019.markers] == ["roadmap", "dialogue", "phased"]


def test_coarser_dates_keep_their_own_period():
    snaps = snapshots(ANALYSES, "RUS", by="day")
    assert [s.period.key for s in snaps] == ["2018", "2019-03-01", "2019-03-02"]
    assert [s.period.key for s in snapshots(ANALYSES, "CHN", by="day")] == ["2019-03-01", "2020-01"]


def test_by_article_includes_undated_last():
    snaps = snapshots(ANALYSES, "RUS", by="article")
    assert [s.period.label for s in snaps] == ["c.txt", "a.txt", "b.txt", "u.txt"]
    assert undated(ANALYSES) == ["u.txt"]


def test_role_holder_and_speaker():
    assert [s.period.key for s in snapshots(ANALYSES, "CHN")] == ["2019", "2020"]
    assert [s.period.key for s in snapshots(ANALYSES, "CHN", role="speaker")] == ["2020"]
    assert actors(ANALYSES) == ["CHN", "RUS", "USA"]
    assert actors(ANALYSES, role="speaker") == ["CHN", "RUS", "USA"]


def test_date_range_and_concept():
    assert [s.period.key for s in snapshots(ANALYSES, "RUS", since="2019", until="2019")] == ["2019"]
    assert [s.period.key for s in snapshots(ANALYSES, "RUS", by="day", since="2019-03-02")] == ["2019-03-02"]
    (snap,) = snapshots(ANALYSES, "RUS", concept="phased")
    assert [st.article for st in snap.statements] == ["b"]
    assert [m.concept for m in snap.markers] == ["phased"]


def test_bad_arguments():
    with pytest.raises(ValueError, match="unknown role"):
        snapshots(ANALYSES, "RUS", role="owner")
    with pytest.raises(ValueError, match="unknown period"):
        snapshots(ANALYSES, "RUS", by="week")
    with pytest.raises(ValueError):
        snapshots(ANALYSES, "RUS", since="2019-13")


def test_period_of():
    art = _article("z", PartialDate(2021, 12, 23))
    assert period_of(art, "month").key == "2021-12"
    assert period_of(art, "article").label == "z.txt"
    assert period_of(_article("n", None), "year") is None


def test_diff_corpus_is_every_actor_s_successive_diffs_in_code_order():
    from positions.track import diff_corpus, successive_diffs

    calls: list[tuple[int, int]] = []
    diffs = diff_corpus(ANALYSES, progress=lambda done, total: calls.append((done, total)))
    assert [(d.actor, d.old.period.key, d.new.period.key) for d in diffs] == [("CHN", "2019", "2020"), ("RUS", "2018", "2019")]
    assert calls == [(1, 3), (2, 3), (3, 3)]  # CHN, RUS, USA
    assert diff_corpus(ANALYSES, actor="RUS", by="month") == successive_diffs(ANALYSES, "RUS", by="month")


def test_an_actor_no_statement_has_is_not_found():
    from positions.errors import NotFoundError
    from positions.track import diff_corpus, require_actor

    with pytest.raises(NotFoundError, match=r"^unknown actor 'FRA': no statement in the corpus has it as holder \(found: CHN, RUS, USA\)$"):
        diff_corpus(ANALYSES, actor="FRA")
    assert require_actor(ANALYSES, "USA", role="speaker") == "USA"
    with pytest.raises(NotFoundError, match=r"as speaker \(found: CHN, RUS, USA\)$"):
        require_actor(ANALYSES, "FRA", role="speaker")


def test_diff_articles_diffs_the_actors_common_to_both():
    from positions.errors import NotFoundError
    from positions.track import diff_articles

    (d,) = diff_articles(ANALYSES[1], ANALYSES[0])
    assert (d.actor, d.old.period.key, d.new.period.key) == ("RUS", "a", "b")
    with pytest.raises(NotFoundError, match=r"^d.txt and c.txt: no actor has statements in both \(old: CHN; new: RUS\)$"):
        diff_articles(ANALYSES[3], ANALYSES[2])


def test_timeline_keeps_the_span_from_to():
    from positions.track import timeline

    tl = timeline(ANALYSES, actor="RUS", since="2019", until="2019-12")
    assert [p.key for p in tl.periods] == ["2019"]
    assert [(r.concept, r.count) for r in tl.rows] == [("dialogue", 1), ("phased", 1), ("roadmap", 1)]
