"""positions.track.track: a corpus summarised in one pass, as the report reads it."""

from __future__ import annotations

import attrs
from hypothesis import given, settings

from positions.diff import passage_concepts
from positions.diffusion import diffusion
from positions.model import Analysis, Article, HeldConcept, Marker, Span, Statement
from positions.novelty import corpus_novelty
from positions.track import ConceptWording, held_concepts, shift_events, snapshots, successive_diffs, timeline, track
from test_track_timeline import CORPUS, _corpora


def test_track_is_the_stages_it_summarises():
    t = track(CORPUS)
    assert t.timeline == timeline(CORPUS)
    assert t.actors == ("CHN", "RUS", "USA")
    assert t.concepts == ("dialogue", "phased", "roadmap", "sanctions_relief")
    for a in t.actors:
        assert list(t.snapshots[a]) == snapshots(t.analyses, a)
        assert list(t.diffs[a]) == successive_diffs(t.analyses, a)
    assert t.events == shift_events(d for a in t.actors for d in t.diffs[a])
    assert [an.article.text for an in t.analyses] == [""] * len(CORPUS)
    assert [an.article.id for an in t.articles] == ["a", "b", "c", "d", "u"]


def test_track_finds_the_firsts_only_when_asked():
    """The report's firsts, convergence and novelty pages read these records; nothing in
    render computes them."""
    plain = track(CORPUS)
    assert plain.novelty is None and plain.diffusion is None
    t = track(CORPUS, firsts=True, by="month")
    light = [
        (attrs.evolve(r, standing=attrs.evolve(r.standing, appearances=(), concepts=(), wordings=())),
         len(r.standing.appearances))
        for r in corpus_novelty(t.analyses).articles
    ]  # fmt: skip
    assert list(t.novelty) == light  # each without its standing position's lists, their number kept
    pairs = [("CHN", "RUS"), ("CHN", "USA"), ("RUS", "USA")]
    assert t.diffusion == diffusion(t.analyses, by="month", pairs=pairs)
    assert [(c.a, c.b) for c in t.diffusion.convergence] == pairs
    assert track(CORPUS, firsts=True, by="day").diffusion.by == "year"  # convergence by year or month only


def test_track_wordings_across_actors():
    t = track(CORPUS)
    assert t.wordings["dialogue"] == (
        ConceptWording("dialogue", 2, "2018", "2018", ("CHN", "RUS"), "affirmed"),
        ConceptWording("talks", 1, "2019", "2019", ("CHN",), "affirmed"),
    )
    assert t.wordings["sanctions_relief"] == (
        ConceptWording("sanctions relief", 1, "2019", "2019", ("USA",), "negated"),
        ConceptWording("easing of sanctions", 1, "2020", "2020", ("RUS",), "affirmed"),
    )


def test_track_keyword_in_context():
    words = "Moscow backs a step-by-step approach to talks."
    art = Article("k", "k.txt", words, Span(0, len(words)))
    m = Marker("phased", "step-by-step", "step by step", Span(15, 27))
    st = Statement("k", Span(0, len(words)), words, "reported", holders=("RUS",), markers=(m,))
    (entry,) = track([Analysis(art, (st,), (m,))]).kwic["phased"]
    assert (entry.article, entry.actors, entry.left, entry.right) == ("k", ("RUS",), "Moscow backs a", "approach to talks.")


def test_held_concepts_say_polarity_and_first_wordings():
    ms = [Marker("cvid", "CVID", "cvid", Span(0, 4), polarity="negated"),
          Marker("cvid", "C.V.I.D.", "cvid", Span(5, 13)),
          Marker("phased", "step by\nstep", "step by step", Span(20, 32))]  # fmt: skip
    assert held_concepts(ms) == (
        HeldConcept("cvid", "mixed", ("CVID",)),
        HeldConcept("phased", "affirmed", ("step by step",)),
    )


def test_position_diffs_carry_each_sides_held_concepts():
    d = track(CORPUS).diffs["RUS"][0]
    assert [h.concept for h in d.old_held] == ["dialogue", "phased", "roadmap"]
    assert d.new_held == (HeldConcept("phased", "affirmed", ("phased", "Step by step")),)


@settings(max_examples=40, deadline=None)
@given(_corpora())
def test_track_matches_its_stages_on_any_corpus(corpus):
    t = track(corpus)
    assert t.timeline == timeline(corpus)
    for a in t.actors:
        assert list(t.diffs[a]) == successive_diffs(corpus, a)


@settings(max_examples=40, deadline=None)
@given(_corpora())
def test_pairs_carry_their_passages_concepts(corpus):
    t = track(corpus)
    for a in t.actors:
        for d in t.diffs[a]:
            for p in d.pairs:
                assert p.old_concepts == passage_concepts(p.old, p.old_span)
                assert p.new_concepts == passage_concepts(p.new, p.new_span)


def test_track_keeps_what_it_can_find_again_out_of_memory():
    """Diffs are computed per actor when asked for (the events were found from the concepts
    alone, and agree with them); the novelty records are on disk, labelled by article."""
    from positions.track import Diffs, Spilled, concept_series, diff_series

    t = track(CORPUS, firsts=True)
    assert isinstance(t.diffs, Diffs) and sorted(t.diffs) == list(t.actors) and len(t.diffs) == 3
    for a in t.actors:
        full = diff_series(t.snapshots[a])
        assert t.diffs[a] == tuple(full) and t.diffs[a] == t.diffs[a]  # the same each time asked
        concepts = concept_series(t.snapshots[a])
        assert [d.pairs for d in concepts] == [()] * len(full)
        assert [attrs.evolve(d, pairs=()) for d in full] == concepts
    assert isinstance(t.novelty, Spilled)
    assert t.novelty.labels == tuple(r.article for r, _ in t.novelty)


def test_track_kwic_on_disk_reads_back_the_entries_of_each_concept():
    """Kwic keeps each entry as places into the light analyses and its contexts: read
    back, the entries are those cut from the texts, with the light statements and markers
    themselves (each marker once per article, even when two statements share it)."""
    from positions.track import Kwic
    from positions.track.summary import kwic_entries

    t = track(CORPUS)
    assert isinstance(t.kwic, Kwic)
    expected: dict = {}
    for an, light in zip(CORPUS, t.articles):
        seen = set()
        for e in kwic_entries(an.article, light.statements, "holder"):
            if (e.marker.concept, e.marker.span) not in seen:
                seen.add((e.marker.concept, e.marker.span))
                expected.setdefault(e.marker.concept, []).append(e)
    assert list(t.kwic) == list(expected) and len(t.kwic) == len(expected)
    for c, entries in expected.items():
        got = t.kwic[c]
        assert got == tuple(entries)
        assert all(g.statement is e.statement and g.marker is e.marker for g, e in zip(got, entries))


def test_light_analyses_hold_each_offset_once():
    """A corpus has millions of spans but few distinct offsets: the light analyses share one
    int object per offset (and are equal to the analyses without text and outside markers)."""
    from positions.track.summary import without_text

    base = 1000  # above the small ints Python caches
    arts = []
    for i in range(3):
        text = "x" * base + "Moscow backs a step-by-step approach."
        m = Marker("phased", "step-by-step", "step by step", Span(base + 15, base + 27))
        st = Statement(f"a{i}", Span(base, len(text)), text[base:], "reported", holders=("RUS",), markers=(m,),
                       cue=Span(base + 7, base + 12))  # fmt: skip
        arts.append(Analysis(Article(f"a{i}", f"a{i}.txt", text, Span(0, len(text))), (st,), (m,)))
    shared: dict = {}
    light = [without_text(an, shared) for an in arts]
    for full, lt in zip(arts, light):
        assert lt == Analysis(attrs.evolve(full.article, text=""), full.statements)
    starts = {id(lt.statements[0].span.start) for lt in light}
    assert len(starts) == 1
    assert len({id(lt.statements[0].markers[0].span.end) for lt in light}) == 1
    assert len({id(lt.article.body.end) for lt in light}) == 1
