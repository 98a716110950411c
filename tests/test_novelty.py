"""Standing position, novelty, diffusion and convergence (positions.novelty, .diffusion,
.history): exact records on small corpora written for them, the same answers from memory and
from a store's index, the CLI twins and the report pages."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from test_store_pages import downgraded

import positions
from positions.cli import main
from positions.diffusion import ConvergencePoint, diffusion, jaccard
from positions.errors import PositionsError
from positions.history import MemoryHistory, StoreHistory, Use
from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
from positions.novelty import Window, corpus_novelty, novelty, parse_window, standing_position
from positions.render.novelty import render_diffusion, render_novelty
from positions.render.report import build_report
from positions.store import open_store
from positions.store import schema as schema_mod


def an(aid: str, date: str | None, actor: str, *words: tuple[str, str] | tuple[str, str, str]) -> Analysis:
    """An article ``aid`` (path ``aid.txt``) of one statement held by ``actor``, its text the
    ``words`` joined by "; ", each ``(concept, words[, polarity])`` one marker."""
    text, markers = "", []
    for w in words:
        concept, surface, polarity = (*w, "affirmed")[:3]
        if text:
            text += "; "
        start = len(text)
        text += surface
        markers.append(Marker(concept, surface, surface.lower(), Span(start, len(text)), polarity=polarity))
    text = text or "nothing of note"
    body = Span(0, len(text))
    statement = Statement(aid, body, text, "document", country=actor, holders=(actor,), markers=tuple(markers))
    d = PartialDate.from_iso(date) if date else None
    return Analysis(Article(aid, f"{aid}.txt", text, body, date=d), (statement,), tuple(markers))


def use(actor, concept, surface, aid, date, start=0, polarity="affirmed", statement=None) -> Use:
    span = Span(start, start + len(surface))
    return Use(actor, concept, surface.lower(), surface, polarity, aid, f"{aid}.txt",
               PartialDate.from_iso(date) if date else None, span, statement or span)  # fmt: skip


# An actor who coins (CHN), one who adopts a year later (RUS), one who never does (USA).
COINAGE = [
    an("c1", "2017-03-08", "CHN", ("dual_suspension", "double freeze")),
    an("u1", "2017-06-01", "USA", ("sanctions_pressure", "maximum pressure")),
    an("r1", "2017-09-01", "RUS", ("dialogue", "dialogue")),
    an("r2", "2018-03-08", "RUS", ("dual_suspension", "double freeze"), ("dialogue", "dialogue")),
    an("u2", "2018-06-01", "USA", ("sanctions_pressure", "maximum pressure"), ("dialogue", "dialogue")),
    an("x", None, "PRK", ("dual_suspension", "double freeze")),
]


def _store(tmp_path: Path, analyses: list[Analysis]) -> sqlite3.Connection:
    store = open_store(tmp_path / "h.db")
    store.put(analyses, file="corpus", file_hash="h")
    return store.connection


@pytest.fixture(params=["memory", "store"])
def source(request, tmp_path):
    """The history as analyses, or as a store's connection: every answer must be the same."""

    def make(analyses):
        return list(analyses) if request.param == "memory" else _store(tmp_path, analyses)

    return make


# --------------------------------------------------------------------------------------
# Diffusion


def test_who_coined_who_adopted_a_year_later_and_who_never_did(source):
    d = diffusion(source(COINAGE), concept="dual_suspension", pairs=[])
    spread = d.spread("concept", "dual_suspension")
    assert [(f.actor, f.use, f.uses, f.rank, f.lag_days, f.after, f.lag_prev_days, f.uncertain) for f in spread.firsts] == [
        ("CHN", use("CHN", "dual_suspension", "double freeze", "c1", "2017-03-08"), 1, 1, 0, None, None, False),
        ("RUS", use("RUS", "dual_suspension", "double freeze", "r2", "2018-03-08", statement=Span(0, 23)), 1, 2, 365, "CHN", 365, False),
    ]
    assert spread.silent == ("USA",)  # heard after the first use, never used it
    assert spread.undated == (use("PRK", "dual_suspension", "double freeze", "x", None),)  # reported, not placed
    assert spread.before("CHN", "RUS") is True and spread.before("RUS", "CHN") is False
    assert spread.before("CHN", "PRK") is None
    assert d.undated == ("x.txt",)
    assert [s.key for s in d.spreads] == ["dual_suspension", "double freeze"]


def test_a_wording_given_as_written_is_normalized(source):
    d = diffusion(source(COINAGE), wording="Double-Freeze", pairs=[])
    assert [(s.kind, s.key, [f.actor for f in s.firsts]) for s in d.spreads] == [("wording", "double freeze", ["CHN", "RUS"])]


def test_same_day_shares_a_rank_and_a_coarser_date_is_uncertain(source):
    corpus = [
        an("a", "2019-05-02", "CHN", ("phased", "phased")),
        an("b", "2019-05-02", "RUS", ("phased", "phased")),
        an("c", "2019", "KOR", ("phased", "phased")),
        an("d", "2019-08-01", "USA", ("phased", "phased")),
    ]
    s = diffusion(source(corpus), pairs=[]).spread("concept", "phased")
    # KOR's "2019" sorts first (2019-01-01) but may be any day of 2019: its order with each
    # later one is unknown
    assert [(f.actor, f.rank, f.lag_days, f.uncertain) for f in s.firsts] == [
        ("KOR", 1, 0, False), ("CHN", 2, 121, True), ("RUS", 2, 121, True), ("USA", 4, 212, True)]  # fmt: skip
    assert s.before("KOR", "CHN") is None and s.before("CHN", "RUS") is None


def test_convergence_is_jaccard_of_concept_sets_per_period_with_its_change(source):
    d = diffusion(source(COINAGE), pairs=[("RUS", "USA"), ("CHN", "RUS"), ("CHN", "PRK")])
    rus_usa, chn_rus, chn_prk = d.convergence
    assert rus_usa.points == (
        ConvergencePoint("2017", 0.0, 0.0, (), None),
        ConvergencePoint("2018", 0.3333, 0.3333, ("dialogue",), 0.3333),
    )
    assert rus_usa.trend == 0.3333
    assert chn_rus.points == (ConvergencePoint("2017", 0.0, 0.0, (), None),) and chn_rus.trend is None
    assert chn_prk.points == ()  # PRK's only article is undated: never heard in the same year
    assert jaccard(["a", "b"], ["b"]) == 0.5


def test_affirmed_only_leaves_out_a_negated_mention():
    corpus = [an("a", "2017-01-01", "USA", ("dual_suspension", "freeze for freeze", "negated")),
              an("b", "2017-06-01", "CHN", ("dual_suspension", "freeze for freeze"))]  # fmt: skip
    everyone = diffusion(corpus, pairs=[]).spread("concept", "dual_suspension")
    affirmed = diffusion(corpus, pairs=[], polarity="affirmed").spread("concept", "dual_suspension")
    assert [f.actor for f in everyone.firsts] == ["USA", "CHN"]
    assert [f.actor for f in affirmed.firsts] == ["CHN"]


# --------------------------------------------------------------------------------------
# Standing position and novelty

FIVE_YEARS = [an(f"r{y}", f"{y}-03-01", "RUS", ("dialogue", "dialogue"), ("phased", "step by step")) for y in range(2010, 2015)]


def test_standing_position_counts_uses_in_the_window(source):
    sp = standing_position(source(FIVE_YEARS), "RUS", at="2014-06-01", window="2y")
    assert (sp.at, sp.since, sp.window, [a.article for a in sp.appearances]) == ("2014-06-01", "2012-06-01", "2y", ["r2014", "r2013"])
    assert [(c.concept, c.appearances, c.count, c.polarity, c.first.article, c.last.article) for c in sp.concepts] == [
        ("dialogue", 2, 2, "affirmed", "r2013", "r2014"), ("phased", 2, 2, "affirmed", "r2013", "r2014")]  # fmt: skip
    assert [(w.normalized, w.surface, w.count) for w in sp.wordings] == [("dialogue", "dialogue", 2), ("step by step", "step by step", 2)]
    last3 = standing_position(source(FIVE_YEARS), "RUS", at="2020", window=3)
    assert (last3.since, [a.article for a in last3.appearances]) == ("2012-03-01", ["r2014", "r2013", "r2012"])


def test_a_formula_dropped_after_five_years_is_missing(source):
    new = an("r2015", "2015-03-01", "RUS", ("phased", "step by step"))
    rep = novelty([new], source(FIVE_YEARS), window="10y", k=3, n=5)
    (r,) = rep.articles
    assert (r.actor, r.article, r.path, r.date, r.statements) == ("RUS", "r2015", "r2015.txt", PartialDate(2015, 3, 1), (Span(0, 12),))
    assert (r.new_wordings, r.new_concepts, r.flips) == ((), (), ())
    (m,) = r.missing
    assert (m.concept, m.present, m.of) == ("dialogue", 5, 5)
    assert m.evidence == tuple(use("RUS", "dialogue", "dialogue", f"r{y}", f"{y}-03-01", statement=Span(0, 22))
                               for y in range(2014, 2009, -1))  # fmt: skip
    assert rep.changed and r.changed
    # 2 of the last 3 is below k=3: not missing
    assert novelty([new], source(FIVE_YEARS[:2]), window="10y").articles[0].missing == ()


def test_a_new_wording_never_used_and_one_back_from_before_the_window(source):
    corpus = [an("a", "2010-01-01", "RUS", ("phased", "stage by stage")), an("b", "2018-01-01", "RUS", ("phased", "step by step"))]
    new = an("c", "2019-01-01", "RUS", ("phased", "stage by stage"), ("synchronized", "action for action"))
    (r,) = novelty([new], source(corpus)).articles
    assert [(w.concept, w.normalized, w.never, w.earlier) for w in r.new_wordings] == [
        ("phased", "stage by stage", False, use("RUS", "phased", "stage by stage", "a", "2010-01-01")),
        ("synchronized", "action for action", True, None),
    ]
    assert [(c.concept, c.never, [u.span for u in c.uses]) for c in r.new_concepts] == [("synchronized", True, [Span(16, 33)])]


def test_a_polarity_flip_with_the_earlier_use_as_evidence(source):
    corpus = [an("a", "2019-01-01", "RUS", ("sanctions_relief", "easing of sanctions"))]
    new = an("b", "2019-06-01", "RUS", ("sanctions_relief", "easing of sanctions", "negated"))
    (r,) = novelty([new], source(corpus)).articles
    (f,) = r.flips
    assert (f.concept, f.old, f.new) == ("sanctions_relief", "affirmed", "negated")
    assert f.evidence == use("RUS", "sanctions_relief", "easing of sanctions", "a", "2019-01-01")
    assert f.uses == (use("RUS", "sanctions_relief", "easing of sanctions", "b", "2019-06-01", polarity="negated"),)
    assert (r.new_wordings, r.new_concepts, r.missing) == ((), (), ())


def test_undated_articles_are_reported_not_guessed(source):
    corpus = [an("a", "2019-01-01", "RUS", ("dialogue", "dialogue")), an("old", None, "RUS", ("phased", "phased"))]
    new = [an("n", "2019-06-01", "RUS", ("phased", "phased")), an("u", None, "RUS", ("dialogue", "talks"))]
    rep = novelty(new, source(corpus))
    assert rep.undated == ("u.txt",)  # not assessed
    (r,) = rep.articles
    assert r.undated_history == 1  # the undated "phased" is in no standing position
    assert [(w.normalized, w.never) for w in r.new_wordings] == [("phased", True)]


def test_only_earlier_days_count_and_the_article_itself_is_not_its_own_history(source):
    corpus = COINAGE
    rep = novelty([COINAGE[3]], source(corpus), actor="RUS")
    (r,) = rep.articles
    assert [a.article for a in r.standing.appearances] == ["r1"]
    assert [c.concept for c in r.new_concepts] == ["dual_suspension"]
    assert novelty([COINAGE[3]], source(corpus), actor="CHN").articles == ()  # CHN has no statement in it


def test_corpus_novelty_is_novelty_of_every_article():
    assert corpus_novelty(COINAGE + FIVE_YEARS) == novelty(COINAGE + FIVE_YEARS, COINAGE + FIVE_YEARS)


def test_bad_settings_are_one_clear_error():
    with pytest.raises(PositionsError, match="invalid window '2w'"):
        parse_window("2w")
    with pytest.raises(PositionsError, match="1 <= k <= n"):
        novelty([], [], k=4, n=3)
    assert parse_window("18m") == Window("months", 18) and str(parse_window("18m")) == "18m"


# --------------------------------------------------------------------------------------
# Memory and store agree; the index follows writes, deletes and migration


CORPORA = st.lists(
    st.tuples(
        st.sampled_from(["2017", "2017-05", "2017-05-02", "2018-01-09", "2018-01-10", "2019-12-31", None]),
        st.sampled_from(["RUS", "CHN", "USA"]),
        st.lists(st.tuples(st.sampled_from(["phased", "dialogue", "cvid"]), st.sampled_from(["a b", "c", "d e f"]),
                           st.sampled_from(["affirmed", "negated"])), max_size=3),  # fmt: skip
    ),
    max_size=8,
)


@settings(max_examples=25, deadline=None)
@given(CORPORA)
def test_memory_and_store_histories_answer_alike(tmp_path_factory, rows):
    corpus = [an(f"a{i}", d, actor, *ws) for i, (d, actor, ws) in enumerate(rows)]
    conn = _store(tmp_path_factory.mktemp("p"), corpus)
    try:
        for role in ("holder", "speaker"):
            assert novelty(corpus, conn, role=role, window="1y", k=1, n=2) == novelty(corpus, corpus, role=role, window="1y", k=1, n=2)
            assert diffusion(conn, role=role) == diffusion(corpus, role=role)
            for r in novelty(corpus, corpus, role=role).articles:  # evidence lies inside its statement
                found = [u for w in r.new_wordings for u in w.uses] + [u for m in r.missing for u in m.evidence]
                assert all(u.statement.contains(u.span) for u in found)
            d = diffusion(corpus, role=role)
            for s in d.spreads:  # ranks never go down, lags never negative
                assert [f.rank for f in s.firsts] == sorted(f.rank for f in s.firsts)
                assert all(f.lag_days >= 0 for f in s.firsts)
    finally:
        conn.close()


@settings(max_examples=60, deadline=None)
@given(CORPORA, st.sampled_from(["1y", "2y", "7m", "400d", "2"]), st.sampled_from([(1, 1), (1, 2), (2, 3)]),
       st.sampled_from(["holder", "speaker"]))  # fmt: skip
def test_corpus_novelty_slides_its_window_to_the_same_answers(rows, window, kn, role):
    corpus = [an(f"a{i}", d, actor, *ws) for i, (d, actor, ws) in enumerate(rows)]
    # the same text read from a second path: the same article id, another article
    corpus += [attrs.evolve(a, article=attrs.evolve(a.article, path="copy/" + a.article.path)) for a in corpus[:2]]
    k, n = kn
    assert corpus_novelty(corpus, window=window, k=k, n=n, role=role) == novelty(
        corpus, corpus, window=window, k=k, n=n, role=role
    )


def test_the_index_follows_a_replaced_file_and_an_old_store_is_migrated(tmp_path):
    db = tmp_path / "h.db"
    with open_store(db) as store:
        store.put(COINAGE, file="corpus", file_hash="h1")
        store.put(COINAGE[:2], file="corpus", file_hash="h2")  # replaced: the rest is gone
        assert StoreHistory(store.connection).all_uses() == MemoryHistory(COINAGE[:2]).all_uses()
    new, old = tmp_path / "new.db", tmp_path / "old.db"
    with open_store(new) as store:
        store.put(COINAGE, file="corpus", file_hash="h")
    downgraded(new, old, version=1)  # the store as version 1 held it: no index
    with open_store(old, create=False) as store:  # brought up to date, the index filled in
        assert store.stats().schema_version == schema_mod.SCHEMA_VERSION
        assert diffusion(store.connection) == diffusion(COINAGE)


def test_the_public_face_exports_the_three_calls():
    assert positions.standing_position is standing_position
    assert positions.novelty is novelty
    assert positions.diffusion is diffusion


# --------------------------------------------------------------------------------------
# Renderers, CLI, report


def test_text_renderings_are_exact():
    rep = novelty([an("r2015", "2015-03-01", "RUS", ("phased", "step by step"))], FIVE_YEARS, window="10y")
    assert render_novelty(rep) == (
        "RUS · 2015-03-01 · r2015.txt · statements 0-12\n"
        "  against 5 earlier article(s) from 2005-03-01 to before 2015-03-01 (window 10y): 2 concept(s), 2 wording(s)\n"
        "  - missing        dialogue: in 5 of the last 5 articles; last 2014-03-01 r2014.txt:0-8\n"
    )
    d = diffusion(COINAGE, concept="dual_suspension", pairs=[("RUS", "USA")])
    assert render_diffusion(d) == (
        "concept dual_suspension\n"
        "   1  CHN  2017-03-08      +0 d  “double freeze” c1.txt:0-13  ×1\n"
        "   2  RUS  2018-03-08    +365 d (after CHN +365 d)  “double freeze” r2.txt:0-13  ×1\n"
        "  never (heard after the first use): USA\n"
        "  undated: PRK “double freeze” x.txt:0-13\n"
        "wording “double freeze” (dual_suspension)\n"
        "   1  CHN  2017-03-08      +0 d  “double freeze” c1.txt:0-13  ×1\n"
        "   2  RUS  2018-03-08    +365 d (after CHN +365 d)  “double freeze” r2.txt:0-13  ×1\n"
        "  never (heard after the first use): USA\n"
        "  undated: PRK “double freeze” x.txt:0-13\n"
        "convergence (Jaccard index of concept sets, by year; change since the previous value)\n"
        "  RUS–USA  2017 0.00  2018 0.33 (+0.33)  trend +0.33\n"
        "undated articles (not placed in time): x.txt\n"
    )
    html = render_diffusion(d, "html")
    assert html.count("<svg") == 3 and html.count("<title id=") == 3 and html.count("<desc id=") == 3
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    firsts = [r for r in json.loads(render_diffusion(d, "json")) if r["record"] == "first" and r["spread"] == "concept"]
    assert [(r["actor"], r["lag_days"]) for r in firsts] == [("CHN", 0), ("RUS", 365)]
    assert "**missing** dialogue" in render_novelty(rep, "markdown")


def _write(path: Path, date: str | None, words: str) -> str:
    head = f"---\ndate: {date}\n---\n\n" if date else ""
    path.write_text(f"{head}Russian Foreign Minister Sergei Lavrov said Moscow supports {words} on the Korean Peninsula.\n",
                    encoding="utf-8")  # fmt: skip
    return str(path)


def test_cli_novelty_check_exits_1_on_something_new_0_on_nothing(tmp_path):
    runner = CliRunner()
    old = _write(tmp_path / "a.md", "2019-03-01", "a step-by-step approach and dialogue")
    new = _write(tmp_path / "b.md", "2020-03-01", "a phased approach and dialogue")
    same = _write(tmp_path / "c.md", "2020-06-01", "a step-by-step approach and dialogue")
    undated = _write(tmp_path / "u.txt", None, "dialogue")
    r = runner.invoke(main, ["novelty", new, "--against", old, "--check"])
    assert r.exit_code == 1
    assert r.output == (
        f"RUS · 2020-03-01 · {new} · statements 70-140\n"
        "  against 1 earlier article(s) from 2018-03-01 to before 2020-03-01 (window 2y): 2 concept(s), 2 wording(s)\n"
        "  + new wording    “phased” (phased) at 88-94: never used before\n"
    )
    r = runner.invoke(main, ["novelty", same, "--against", old, "--check", "--format", "json"])
    assert r.exit_code == 0 and [x["record"] for x in json.loads(r.output)] == ["unchanged"]
    assert runner.invoke(main, ["novelty", same, "--against", old]).exit_code == 0
    r = runner.invoke(main, ["novelty", undated, "--against", old, "--check"])
    assert r.exit_code == 1 and f"positions: {undated}: no date; not assessed" in r.output
    # against a store, through its index
    db = tmp_path / "h.db"
    assert runner.invoke(main, ["ingest", old, "--db", str(db)]).exit_code == 0
    r = runner.invoke(main, ["novelty", new, "--db", str(db), "--check"])
    assert r.exit_code == 1 and "“phased” (phased) at 88-94: never used before" in r.output
    r = runner.invoke(main, ["novelty", new, "--against", old, "--window", "2w"])
    assert r.exit_code == 2 and r.stderr.endswith("positions: invalid value for '--window': '2w': use 2y, 18m, 90d or a number of statements such as 10\n")
    r = runner.invoke(main, ["novelty", new, "--missing", "5/3"])
    assert r.exit_code == 2 and "'5/3': needs 1 <= K <= N" in r.output


def test_cli_diffusion_reads_a_store(tmp_path):
    db = tmp_path / "h.db"
    with open_store(db) as store:
        store.put(COINAGE, file="corpus", file_hash="h")
    r = CliRunner().invoke(main, ["diffusion", "--db", str(db), "--wording", "double freeze", "--pair", "CHN,RUS"])
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[:3] == [
        "wording “double freeze” (dual_suspension)",
        "   1  CHN  2017-03-08      +0 d  “double freeze” c1.txt:0-13  ×1",
        "   2  RUS  2018-03-08    +365 d (after CHN +365 d)  “double freeze” r2.txt:0-13  ×1",
    ]
    r = CliRunner().invoke(main, ["diffusion", "--pair", "CHN"])
    assert r.exit_code == 2 and "invalid value for '--pair': 'CHN': give two codes" in r.output


def test_report_has_firsts_pages_a_convergence_chart_and_novelty_flags():
    pages = build_report(COINAGE + FIVE_YEARS)
    assert {"firsts-dual_suspension.html", "firsts-dialogue.html", "convergence.html"} <= set(pages)
    firsts = pages["firsts-dual_suspension.html"]
    assert firsts.count("<svg") == 2 and 'role="img"' in firsts and "First use by actor" in firsts
    assert '<a href="article-c1.html">c1.txt</a>' in firsts
    assert 'href="firsts-dual_suspension.html"' in pages["index.html"]
    assert 'href="convergence.html"' in pages["index.html"]
    flagged = pages["article-r2.html"]
    assert '<h2 id="novelty">What is new</h2>' in flagged and "new concept</span> <code>dual_suspension</code>" in flagged
    assert flagged.index('id="novelty"') < flagged.index('id="statements"')
