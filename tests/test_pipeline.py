"""The pipeline composes the stages; attach_markers gives each statement its markers."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from positions.model import Marker, Span, Statement
from positions.pipeline import analyze, attach_markers
from positions.sources import read_article

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_1792fb935fd71937.txt"


def _naive(statements, markers):
    return tuple(
        tuple(m for m in markers if any(p.contains(m.span) for p in (s.parts or (s.span,))))
        for s in statements
    )


spans = st.tuples(st.integers(0, 200), st.integers(0, 40)).map(lambda t: Span(t[0], t[0] + t[1]))


@given(
    st.lists(st.tuples(spans, st.lists(spans, max_size=3)), max_size=8),
    st.lists(st.tuples(spans, st.sampled_from(["phased", "dialogue", "cvid"])), max_size=30),
)
def test_attach_markers_is_the_scan_of_every_marker(stmts, marks):
    statements = [Statement("a", span, "", "reported", parts=tuple(parts)) for span, parts in stmts]
    markers = [Marker(c, "", "", span) for span, c in marks]
    got = attach_markers(statements, markers)
    assert tuple(s.markers for s in got) == _naive(statements, markers)
    assert [s.span for s in got] == [s.span for s in statements]


def test_seed_statements_carry_their_markers():
    analysis = analyze(read_article(SEED))
    assert len(analysis.statements) == 9
    for s in analysis.statements:
        for m in s.markers:
            assert any(p.contains(m.span) for p in (s.parts or (s.span,)))
    assert sum(len(s.markers) for s in analysis.statements) <= len(analysis.markers)
    second = analysis.statements[2]
    assert {m.concept for m in second.markers if m.in_scope} == {
        "phased", "synchronized", "denuclearization_peninsula", "peace_regime"}


def test_the_public_face_resolves_and_follows_an_actor():
    import positions

    assert all(hasattr(positions, name) for name in positions.__all__)
    root = Path(__file__).resolve().parents[1]
    analyses = list(positions.analyze_corpus(positions.iter_articles([root / "fixtures" / "korea", root / "seeds"])))
    diffs = positions.successive_diffs(analyses, "RUS", by="year")
    snaps = positions.snapshots(analyses, "RUS", by="year")
    assert [(d.old.period.key, d.new.period.key) for d in diffs] == [
        (o.period.key, n.period.key) for o, n in zip(snaps, snaps[1:])]
    assert diffs[-1] == positions.diff_snapshots(snaps[-2], snaps[-1])
