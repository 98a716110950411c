"""Huge inputs: the patience anchors (positions/diff/anchors.py), the anchored token diff and
sentence alignment past their limits, and the exact blocking of statement alignment."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.diff import anchors
from positions.diff import passages as ppassages
from positions.diff import statements as pstatements
from positions.diff import tokens as ptokens
from positions.diff import align_statements, diff_passages, diff_texts
from positions.pipeline import analyze_corpus
from positions.sources import bundled_corpus, iter_articles
from positions.track import actors, snapshots

# --------------------------------------------------------------------------------------
# Generated documents: sentences of words from a made-up vocabulary, a few of them rare


def _vocabulary(rng: random.Random, n: int) -> list[str]:
    letters = "abcdefghiklmnoprstuvw"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(n)]


def document(rng: random.Random, sentences: int, vocab: list[str]) -> list[str]:
    out = []
    for _ in range(sentences):
        words = [vocab[min(int(rng.paretovariate(1.1)) - 1, len(vocab) - 1)] for _ in range(rng.randint(4, 20))]
        words[0] = words[0].capitalize()
        out.append(" ".join(words) + rng.choice(".?."))
    return out


def edited(rng: random.Random, sents: list[str], vocab: list[str], rate: float) -> list[str]:
    """The sentences with some reworded, dropped, added or moved."""
    out = []
    for s in sents:
        r = rng.random()
        if r < rate:
            words = s.split()
            k = rng.randrange(len(words))
            words[k] = rng.choice(vocab)
            out.append(" ".join(words))
        elif r < 1.5 * rate:
            continue
        elif r < 2 * rate:
            out.extend((s, document(rng, 1, vocab)[0]))
        else:
            out.append(s)
    if len(out) > 3 and rng.random() < 0.5:
        out.insert(rng.randrange(len(out)), out.pop(rng.randrange(len(out))))
    return out


def wrap(sents: list[str], rng: random.Random) -> str:
    text, para = [], []
    for s in sents:
        para.append(s)
        if rng.random() < 0.1:
            text.append(" ".join(para))
            para = []
    text.append(" ".join(para))
    return "\n\n".join(text) + "\n"


def pair(seed: int, sentences: int, rate: float = 0.1) -> tuple[str, str]:
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 2_000)
    old = document(rng, sentences, vocab)
    return wrap(old, rng), wrap(edited(rng, old, vocab, rate), rng)


def rebuilds(ops, a: str, b: str) -> bool:
    return "".join(o.text for o in ops if o.op != "+") == a and "".join(o.text for o in ops if o.op != "-") == b


# --------------------------------------------------------------------------------------
# Anchors


def test_lis_is_a_longest_increasing_run():
    rng = random.Random(7)
    for _ in range(200):
        ys = rng.sample(range(30), rng.randint(0, 12))
        pairs = list(enumerate(ys))
        got = anchors._lis(pairs)
        assert all(p in pairs for p in got)
        assert all(x[1] < y[1] for x, y in zip(got, got[1:]))
        best = max((len(c) for r in range(len(ys) + 1) for c in combinations(ys, r) if list(c) == sorted(c)), default=0)
        assert len(got) == best


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=40), st.lists(st.integers(0, 6), max_size=40), st.integers(0, 30))
def test_segments_cover_both_sides_in_order(a, b, limit):
    segs = anchors.anchored_segments(a, b, small=lambda n, m: n + m <= limit)
    pa = pb = 0
    for kind, a0, a1, b0, b1 in segs:
        assert (a0, b0) == (pa, pb)
        assert a0 <= a1 and b0 <= b1 and (a0 < a1 or b0 < b1)
        if kind == "=":
            assert a[a0:a1] == b[b0:b1]
        pa, pb = a1, b1
    assert (pa, pb) == (len(a), len(b))


def test_segments_anchor_on_unique_elements():
    a = list("xaybzc")
    b = list("qaxbzcq")
    segs = anchors.anchored_segments(a, b, small=lambda n, m: False)
    assert [s for s in segs if s[0] == "="] == [("=", 1, 2, 1, 2), ("=", 3, 6, 3, 6)]


def test_diagonal_pieces_cover_the_gap():
    for n, m in ((0, 7), (13, 4), (100, 101), (1, 1)):
        ps = anchors.diagonal_pieces(5, 5 + n, 9, 9 + m, 4)
        assert ps[0][0] == 5 and ps[0][2] == 9 and ps[-1][1] == 5 + n and ps[-1][3] == 9 + m
        assert all(p[1] == q[0] and p[3] == q[2] for p, q in zip(ps, ps[1:]))


# --------------------------------------------------------------------------------------
# Anchored token diffs


@settings(max_examples=300, deadline=None)
@given(st.text("abcdefg", max_size=60), st.text("abcdefg", max_size=60))
def test_anchored_raw_script_rebuilds_both_strings(a, b):
    raw = ptokens.anchored_diff(a, b, "python")
    i = j = 0
    for op, n in raw:
        if op == "=":
            assert a[i : i + n] == b[j : j + n]
            i, j = i + n, j + n
        elif op == "-":
            i += n
        else:
            j += n
    assert (i, j) == (len(a), len(b))


def test_both_engines_give_one_anchored_script():
    pytest.importorskip("fast_diff_match_patch")
    a, b = pair(3, 400)
    _, ca, cb, _ = ptokens.raw_script(a, b, "python")
    assert ptokens.anchored_diff(ca, cb, "python") == ptokens.anchored_diff(ca, cb, "fast")


@pytest.mark.parametrize("seed", range(6))
def test_diff_texts_past_the_limit_rebuilds_both_texts(monkeypatch, seed):
    a, b = pair(seed, 300)
    exact = diff_texts(a, b)
    monkeypatch.setattr(ptokens, "EXACT_TOKENS", 50)
    monkeypatch.setattr(ptokens, "GAP_TOKENS", 20)
    d = diff_texts(a, b)
    assert rebuilds(d.ops, a, b)
    assert d.similarity <= exact.similarity  # the minimal script keeps the most tokens equal
    assert d.similarity > 0.8


def test_a_huge_gap_without_anchors_is_cut_along_its_diagonal(monkeypatch):
    monkeypatch.setattr(ptokens, "EXACT_TOKENS", 30)
    monkeypatch.setattr(ptokens, "GAP_TOKENS", 10)
    a = "x y " * 60
    b = "y x " * 55
    d = diff_texts(a, b)
    assert rebuilds(d.ops, a, b)


# --------------------------------------------------------------------------------------
# Anchored sentence alignment


@pytest.mark.parametrize("seed", range(8))
def test_anchored_alignment_covers_both_passages(monkeypatch, seed):
    a, b = pair(100 + seed, 120)
    exact = ppassages.align_sentences(a, b)
    monkeypatch.setattr(ppassages, "EXACT_CELLS", 10)
    monkeypatch.setattr(ppassages, "GAP_CELLS", 4)
    blocks = ppassages.align_sentences(a, b)
    ends = (0, 0)
    for x, y in blocks:
        assert (x.start, y.start) == ends
        ends = (x.end, y.end)
    assert ends == (len(a), len(b))
    # anchors are identical sentences: where the exact alignment pairs them too, the two agree
    assert len(set(blocks) & set(exact)) >= 0.8 * len(exact)
    d = diff_passages(a, b)
    assert rebuilds(d.ops, a, b)
    for m in d.moves:
        assert rebuilds(m.diff.ops, m.old.slice(a), m.new.slice(b))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 60), st.floats(0.0, 0.5))
def test_property_anchored_passage_diffs_rebuild_both_texts(seed, n, rate):
    a, b = pair(seed, n, rate)
    saved = ppassages.EXACT_CELLS, ppassages.GAP_CELLS, ptokens.EXACT_TOKENS, ptokens.GAP_TOKENS
    try:
        ppassages.EXACT_CELLS, ppassages.GAP_CELLS = 4, 2
        ptokens.EXACT_TOKENS, ptokens.GAP_TOKENS = 40, 10
        d = diff_passages(a, b)
    finally:
        ppassages.EXACT_CELLS, ppassages.GAP_CELLS, ptokens.EXACT_TOKENS, ptokens.GAP_TOKENS = saved
    assert rebuilds(d.ops, a, b)
    for x, y in d.blocks:
        assert 0 <= x.start <= x.end <= len(a) and 0 <= y.start <= y.end <= len(b)
    for m in d.moves:
        assert "".join(o.text for o in m.diff.ops if o.op != "+") == m.old.slice(a)
        assert "".join(o.text for o in m.diff.ops if o.op != "-") == m.new.slice(b)


def test_many_moved_sentences_are_searched_through_an_index(monkeypatch):
    monkeypatch.setattr(ppassages, "EXACT_CELLS", 4)
    a, b = pair(5, 200, rate=0.3)
    d = diff_passages(a, b)
    assert rebuilds(d.ops, a, b)


def test_a_big_generated_pair_at_the_real_limits():
    # 4,000 sentences a side (about 0.4 MB together): over the sentence limit, a few seconds
    a, b = pair(11, 4_000, rate=0.05)
    assert len(ppassages._chunks(a)) ** 2 > ppassages.EXACT_CELLS
    d = diff_passages(a, b)
    assert rebuilds(d.ops, a, b)
    assert d.similarity > 0.9


# --------------------------------------------------------------------------------------
# Statement alignment: the blocking is exact


@pytest.fixture(scope="module")
def bundled_series():
    analyses = list(analyze_corpus(iter_articles(bundled_corpus())))
    out = []
    for actor in actors(analyses):
        for by in ("year", "article"):
            snaps = snapshots(analyses, actor, by=by)
            out.extend(zip(snaps, snaps[1:]))
    return out


def test_blocked_alignment_equals_scoring_every_pair(monkeypatch, bundled_series):
    assert len(bundled_series) > 20
    every = [align_statements(o.statements, n.statements) for o, n in bundled_series]
    monkeypatch.setattr(pstatements, "BLOCK_FROM", 0)
    blocked = [align_statements(o.statements, n.statements) for o, n in bundled_series]
    assert blocked == every


def test_candidate_pairs_hold_every_pair_that_scores(monkeypatch, bundled_series):
    monkeypatch.setattr(pstatements, "BLOCK_FROM", 0)
    looked = scoring = 0
    for o, n in bundled_series:
        ou, nu = pstatements.alignment_units(o.statements), pstatements.alignment_units(n.statements)
        cands = set(pstatements.candidate_pairs(ou, nu))
        for ni, x in enumerate(nu):
            for oi, y in enumerate(ou):
                if pstatements._score(y, x, "python") > 0 and (pstatements._counts(x) or pstatements._counts(y)):
                    scoring += 1
                    assert (ni, oi) in cands
        looked += len(cands)
    assert scoring > 0


def _pairwise_matching(ou, nu, engine="python"):
    """The greedy over every candidate pair of passages (what align_units did before it
    scored classes of alike passages once): ``{new passage: old passage}``."""
    candidates = []
    for ni, oi in pstatements.candidate_pairs(ou, nu):
        if not (pstatements._counts(nu[ni]) or pstatements._counts(ou[oi])):
            continue
        s, gated = pstatements._word_score(ou[oi], nu[ni])
        if s > 0:
            candidates.append((-s, ni, oi, gated))
    candidates.sort()
    used_new, used_old = {}, set()
    for _, ni, oi, gated in candidates:
        if ni in used_new or oi in used_old:
            continue
        if gated and pstatements._whole_similarity(ou[oi], nu[ni], engine) < pstatements.MIN_SIMILARITY:
            continue
        used_new[ni] = oi
        used_old.add(oi)
    return used_new


@pytest.mark.parametrize("copies", [1, 3])
def test_classes_of_alike_passages_match_as_the_pairwise_greedy(bundled_series, copies):
    import random

    rng = random.Random(copies)
    for o, n in bundled_series:
        # reprints: each statement several times, in a shuffled order
        olds = [st for st in o.statements for _ in range(copies)]
        news = [st for st in n.statements for _ in range(copies + 1)]
        rng.shuffle(olds)
        rng.shuffle(news)
        ou, nu = pstatements.alignment_units(olds), pstatements.alignment_units(news)
        want = _pairwise_matching(ou, nu)
        assert pstatements._matching(ou, nu, "python")[0] == want
