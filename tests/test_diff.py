"""Token diffs, engines, statement alignment and position diffs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions import diff as pdiff
from positions.diff import passages as ppassages
from positions.diff import tokens as ptokens
from positions.diff import align_statements, diff_snapshots, diff_texts
from positions.model import DiffOp, Marker, Period, Snapshot, Span, Statement
from positions.text import token_spans

needs_fast = pytest.mark.skipif("fast" not in pdiff.available_engines(), reason="no fast-diff-match-patch")

# Words, punctuation, whitespace of several kinds (blank lines, CRLF, tabs), curly quotes
# and characters beyond the BMP, so that token mapping and offsets are exercised.
_PIECES = st.sampled_from(
    ["peace", "Peace", "step-by-step", "phased", "U.S.", "the", "Korea", "2,000", ",", ".",
     "\u201cno\u201d", "-", "--", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\U0001f600", "x"]
)  # fmt: skip
TEXTS = st.lists(_PIECES, max_size=40).map("".join)


def _old(d):
    return "".join(o.text for o in d.ops if o.op != "+")


def _new(d):
    return "".join(o.text for o in d.ops if o.op != "-")


def _apply(old: str, d) -> str:
    """Apply the operations to ``old`` using only their old spans and inserted texts."""
    out = []
    pos = 0
    for o in d.ops:
        assert o.old.start == pos
        if o.op == "=":
            out.append(old[o.old.start : o.old.end])
        elif o.op == "+":
            out.append(o.text)
        pos = o.old.end
    assert pos == len(old)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_ops_reproduce_both_texts(a, b):
    d = diff_texts(a, b)
    assert _apply(a, d) == b
    assert _old(d) == a
    assert _new(d) == b
    for o in d.ops:
        assert o.old.slice(a) == (o.text if o.op != "+" else "")
        assert o.new.slice(b) == (o.text if o.op != "-" else "")
        assert o.text  # no empty operations
    assert 0.0 <= d.similarity <= 1.0


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_text_against_itself_has_no_change(a):
    d = diff_texts(a, a)
    assert not d.changed
    assert d.similarity == 1.0
    assert [o.op for o in d.ops] == (["="] if a else [])


@needs_fast
@settings(max_examples=400, deadline=None)
@given(TEXTS, TEXTS, st.booleans())
def test_fast_engine_matches_python_engine(a, b, semantic):
    assert diff_texts(a, b, engine="fast", semantic=semantic) == diff_texts(
        a, b, engine="python", semantic=semantic
    )


@needs_fast
@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=120), st.lists(st.integers(0, 30), max_size=120))
def test_engines_agree_on_token_strings(xs, ys):
    # Longer token streams over a small vocabulary: many repeated tokens, many candidate
    # alignments, where the two implementations could part ways.
    a = " ".join(f"w{x}" for x in xs)
    b = " ".join(f"w{y}" for y in ys)
    assert diff_texts(a, b, engine="fast") == diff_texts(a, b, engine="python")


def test_token_stream_is_the_projects_tokens_plus_whitespace():
    text = "Step-by-step, the U.S. said: \u201cno\u201d\u20142,000 times.\r\n\r\nNext"
    items = ptokens._items(text)
    assert "".join(items) == text
    words = [t for t in items if not t.isspace()]
    assert words == [s.slice(text) for s in token_spans(text)]



_TOKEN_CHARS = st.lists(st.sampled_from(["a", "b", "Z", "e\u0301", "\u00e9", "I", "7", ",", ".", ":", "'", "-", "_",
                                         " ", "\n", "\x1c", "\u2019", "\u201c", "\U0001f600"]),
                        max_size=30).map("".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_TOKEN_CHARS)
def test_units_are_the_projects_tokens_with_their_whitespace(text):
    # The unit pattern has a shortcut for plain ASCII words; it must cut exactly as the
    # project's token pattern followed by whitespace does.
    import re

    from positions.text import TOKEN_PATTERN

    plain = re.compile("(?x)(?:" + TOKEN_PATTERN.replace("(?x)", "", 1) + r")\s*")
    lead = len(text) - len(text.lstrip())
    assert ptokens._Stream(text).units == plain.findall(text, lead)

def test_reworded_phrase_reads_as_one_replacement():
    a = "China supports a step-by-step and synchronized approach to the issue."
    b = "China supports a phased and synchronized approach to resolve the issue."
    d = diff_texts(a, b)
    assert [(o.op, o.text) for o in d.ops] == [
        ("=", "China supports a "),
        ("-", "step-by-step"),
        ("+", "phased"),
        ("=", " and synchronized approach to "),
        ("+", "resolve "),
        ("=", "the issue."),
    ]
    assert d.similarity == round(2 * 10 / (11 + 12), 4)


def test_semantic_cleanup_merges_coincidental_equalities():
    a = "the parties should resume the talks at an early date"
    b = "the parties should keep up the momentum of their dialogue"
    raw = diff_texts(a, b, semantic=False)
    clean = diff_texts(a, b)
    # Raw: the shared "the" inside the reworded phrase is kept as an equality; cleaned,
    # the whole phrase is one replacement.
    assert any(o.op == "=" and o.text.strip() == "the" for o in raw.ops)
    assert [o.op for o in clean.ops] == ["=", "-", "+"]
    assert clean.ops[0].text == "the parties should "


def test_whitespace_change_is_kept_but_does_not_disturb_alignment():
    a = "denuclearization of the\nKorean Peninsula"
    b = "denuclearization of the Korean Peninsula"
    d = diff_texts(a, b)
    assert [(o.op, o.text) for o in d.ops] == [
        ("=", "denuclearization of the"),
        ("-", "\n"),
        ("+", " "),
        ("=", "Korean Peninsula"),
    ]
    assert d.similarity == 1.0  # whitespace is not a token


def test_spans_point_into_both_texts():
    d = diff_texts("We back talks.", "We back direct talks.")
    assert [(o.op, o.old.as_list(), o.new.as_list()) for o in d.ops] == [
        ("=", [0, 8], [0, 8]),
        ("+", [8, 8], [8, 15]),
        ("=", [8, 14], [15, 21]),
    ]


def test_empty_sides():
    assert diff_texts("", "").ops == ()
    assert diff_texts("", "").similarity == 1.0
    d = diff_texts("", "new words")
    assert [(o.op, o.text) for o in d.ops] == [("+", "new words")]
    assert d.similarity == 0.0


def test_unknown_engine():
    with pytest.raises(ValueError, match="unknown diff engine 'c'"):
        diff_texts("a", "b", engine="c")


def test_python_engine_used_without_fast(monkeypatch):
    monkeypatch.setattr(ptokens, "_fast", None)
    assert pdiff.available_engines() == ("python",)
    assert pdiff.default_engine() == "python"
    assert [o.op for o in diff_texts("a b", "a c").ops] == ["=", "-", "+"]
    with pytest.raises(ValueError, match="needs fast-diff-match-patch"):
        diff_texts("a", "b", engine="fast")


def test_code_points_are_distinct_and_never_surrogates():
    # Every token number has its own code point, none a surrogate: past the private-use
    # areas the numbering must not come back to a code point already given.
    total = sum(b - a + 1 for a, b in ptokens._CODE_RANGES)
    points = [ord(ptokens._code_point(n)) for n in range(total)]
    assert len(set(points)) == total == 1_112_060
    assert not any(0xD800 <= p <= 0xDFFF for p in points)
    assert points[:3] == [0xE000, 0xE001, 0xE002]
    with pytest.raises(ValueError, match="too many distinct tokens"):
        ptokens._code_point(total)


def test_code_points_in_bulk_are_the_same_as_one_by_one():
    for n in (0, 1, 6399, 6400, 6401, 7000):
        assert ptokens._code_points(n) == "".join(map(ptokens._code_point, range(n)))

def test_long_text_is_exact_not_timed_out():
    words = [f"w{i % 997}" for i in range(6000)]
    changed = list(words)
    for k in range(0, 6000, 97):
        changed[k] = "CHANGED"
    a, b = " ".join(words), " ".join(changed)
    d = diff_texts(a, b)
    assert _apply(a, d) == b
    assert sum(1 for o in d.ops if o.op == "+") == len(range(0, 6000, 97))


# Operations of tricky inputs, pinned (leading whitespace, whitespace-only sides, whitespace
# changes next to punctuation, at the end of an equal run before an edit, after a replacement,
# CRLF, tabs, characters beyond the BMP): a faster engine must give exactly these.
# (a, b, ops without the phrase cleanup when they differ, (ops, similarity) with it)
_PINNED = [  # fmt: skip
    ('  lead', '\nlead', None,
     [('-', '  ', 0, 2, 0, 0), ('+', '\n', 2, 2, 0, 1), ('=', 'lead', 2, 6, 1, 5)], 1.0),
    ('', '   ', None,
     [('+', '   ', 0, 0, 0, 3)], 1.0),
    ('  a b', 'a b', None,
     [('-', '  ', 0, 2, 0, 0), ('=', 'a b', 2, 5, 0, 3)], 1.0),
    ('peace , talks', 'peace, talks\n', None,
     [('=', 'peace', 0, 5, 0, 5), ('-', ' ', 5, 6, 5, 5), ('=', ', talks', 6, 13, 5, 12), ('+', '\n', 13, 13, 12, 13)], 1.0),
    ('We back\ntalks on the\n\nKorean Peninsula .', 'We  back talks on\nthe Korean\tPeninsula.', None,
     [('=', 'We', 0, 2, 0, 2), ('-', ' ', 2, 3, 2, 2), ('+', '  ', 3, 3, 2, 4), ('=', 'back', 3, 7, 4, 8), ('-', '\n', 7, 8, 8, 8), ('+', ' ', 8, 8, 8, 9), ('=', 'talks on', 8, 16, 9, 17), ('-', ' ', 16, 17, 17, 17), ('+', '\n', 17, 17, 17, 18), ('=', 'the', 17, 20, 18, 21), ('-', '\n\n', 20, 22, 21, 21), ('+', ' ', 22, 22, 21, 22), ('=', 'Korean', 22, 28, 22, 28), ('-', ' ', 28, 29, 28, 28), ('+', '\t', 29, 29, 28, 29), ('=', 'Peninsula', 29, 38, 29, 38), ('-', ' ', 38, 39, 38, 38), ('=', '.', 39, 40, 38, 39)], 1.0),
    ('a step-by-step approach \n', 'a phased approach\r\n', None,
     [('=', 'a ', 0, 2, 0, 2), ('-', 'step-by-step', 2, 14, 2, 2), ('+', 'phased', 14, 14, 2, 8), ('=', ' approach', 14, 23, 8, 17), ('-', ' \n', 23, 25, 17, 17), ('+', '\r\n', 25, 25, 17, 19)], 0.6667),
    ('resume the talks at an early date', 'keep up the momentum at an  early date', ([('-', 'resume', 0, 6, 0, 0), ('+', 'keep up', 6, 6, 0, 7), ('=', ' the ', 6, 11, 7, 12), ('-', 'talks', 11, 16, 12, 12), ('+', 'momentum', 16, 16, 12, 20), ('=', ' at an', 16, 22, 20, 26), ('-', ' ', 22, 23, 26, 26), ('+', '  ', 23, 23, 26, 28), ('=', 'early date', 23, 33, 28, 38)], 0.6667),
     [('-', 'resume the talks', 0, 16, 0, 0), ('+', 'keep up the momentum', 16, 16, 0, 20), ('=', ' at an', 16, 22, 20, 26), ('-', ' ', 22, 23, 26, 26), ('+', '  ', 23, 23, 26, 28), ('=', 'early date', 23, 33, 28, 38)], 0.6667),
    ('U.S. and D.P.R.K. 2,000 \U0001f600 x', 'U.S.  and DPRK 2,000\n\U0001f600x', None,
     [('=', 'U.S.', 0, 4, 0, 4), ('-', ' ', 4, 5, 4, 4), ('+', '  ', 5, 5, 4, 6), ('=', 'and ', 5, 9, 6, 10), ('-', 'D.P.R.K.', 9, 17, 10, 10), ('+', 'DPRK', 17, 17, 10, 14), ('=', ' 2,000', 17, 23, 14, 20), ('-', ' ', 23, 24, 20, 20), ('+', '\n', 24, 24, 20, 21), ('=', '\U0001f600', 24, 25, 21, 22), ('-', ' ', 25, 26, 22, 22), ('=', 'x', 26, 27, 22, 23)], 0.8333),
    ('one two three', 'zero one two three four', None,
     [('+', 'zero ', 0, 0, 0, 5), ('=', 'one two three', 0, 13, 5, 18), ('+', ' four', 13, 13, 18, 23)], 0.75),
    ('x \u201cno\u201d -- y', 'x\u201cno\u201d --\ny z', None,
     [('=', 'x', 0, 1, 0, 1), ('-', ' ', 1, 2, 1, 1), ('=', '\u201cno\u201d --', 2, 9, 1, 8), ('-', ' ', 9, 10, 8, 8), ('+', '\n', 10, 10, 8, 9), ('=', 'y', 10, 11, 9, 10), ('+', ' z', 11, 11, 10, 12)], 0.9231),
    ('a b\nc d', 'a b e d', None,
     [('=', 'a b', 0, 3, 0, 3), ('-', '\nc', 3, 5, 3, 3), ('+', ' e', 5, 5, 3, 5), ('=', ' d', 5, 7, 5, 7)], 0.75),
    ('keep the peace  now', 'keep a calm\nnow', None,
     [('=', 'keep ', 0, 5, 0, 5), ('-', 'the peace  ', 5, 16, 5, 5), ('+', 'a calm\n', 16, 16, 5, 12), ('=', 'now', 16, 19, 12, 15)], 0.5),
]


@pytest.mark.parametrize("engine", pdiff.available_engines())
@pytest.mark.parametrize(("a", "b", "raw", "expected"), [(c[0], c[1], c[2], (c[3], c[4])) for c in _PINNED])
def test_pinned_operations(engine, a, b, raw, expected):
    for semantic, want in ((True, expected), (False, raw or expected)):
        d = diff_texts(a, b, engine=engine, semantic=semantic)
        got = [(o.op, o.text, o.old.start, o.old.end, o.new.start, o.new.end) for o in d.ops]
        assert (got, d.similarity) == tuple(want)
        # records built in bulk are the same as records built the ordinary way
        assert d.ops == tuple(DiffOp(op, t, Span(a0, a1), Span(b0, b1)) for op, t, a0, a1, b0, b1 in want[0])
        assert all(type(o) is DiffOp and type(o.old) is Span and type(o.new) is Span for o in d.ops)


# --------------------------------------------------------------------------------------
# Alignment and position diffs


def _marker(concept, surface, start, *, polarity="affirmed", in_scope=True, normalized=None):
    return Marker(concept, surface, normalized or surface.lower(), Span(start, start + len(surface)),
                  polarity=polarity, in_scope=in_scope)  # fmt: skip


def _statement(text, *, article="a1", start=0, kind="reported", markers=(), country="RUS"):
    return Statement(article, Span(start, start + len(text)), text, kind, country=country,
                     holders=(country,), markers=tuple(markers))  # fmt: skip


def _with_markers(text, start, specs, **kw):
    """A statement whose markers are found by their surface in ``text``."""
    markers = []
    for concept, surface, *rest in specs:
        pos = text.index(surface)
        markers.append(_marker(concept, surface, start + pos, polarity=rest[0] if rest else "affirmed"))
    return _statement(text, start=start, markers=markers, **kw)


def test_alignment_pairs_by_concept_and_words():
    old = [
        _with_markers("Moscow backs a step-by-step approach.", 0, [("phased", "step-by-step")]),
        _statement("The weather was fine in Seoul today.", start=50),
    ]
    new = [
        _statement("Russia will host the next round of consultations.", article="a2", start=0),
        _with_markers("Moscow backs a phased approach.", 60, [("phased", "phased")], article="a2"),
    ]
    pairs = align_statements(old, new)
    # pairs first, then new passages, then gone ones
    assert [(p.old.text if p.old else None, p.new.text if p.new else None) for p in pairs] == [
        ("Moscow backs a step-by-step approach.", "Moscow backs a phased approach."),
        (None, "Russia will host the next round of consultations."),
        ("The weather was fine in Seoul today.", None),
    ]
    matched = pairs[0]
    assert matched.old_span == Span(0, 37) and matched.new_span == Span(60, 91)
    assert matched.similarity == matched.diff.similarity == round(2 * 5 / 12, 4)
    assert pairs[1].diff.ops[0].op == "+" and pairs[2].diff.ops[0].op == "-"


def test_alignment_is_one_to_one_with_deterministic_ties():
    same = "We call for dialogue."
    old = [_statement(same, start=0), _statement(same, start=30)]
    new = [_statement(same, start=0, article="a2")]
    pairs = align_statements(old, new)
    assert [(p.old_span, p.new_span) for p in pairs] == [
        (Span(0, 21), Span(0, 21)),
        (Span(30, 51), None),
    ]


DOC_OLD = (
    "We welcome the new year.\n\n"
    "On the Korean Peninsula, we support a dual-track approach and dialogue.\n\n"
    "Climate change is a shared challenge for all nations."
)
DOC_NEW = (
    "Climate change remains a shared challenge for all nations.\n\n"
    "On the Korean Peninsula, we support a phased and synchronized approach and dialogue.\n\n"
    "We thank the President."
)


def _doc(text, specs, article):
    return _with_markers(text, 0, specs, kind="document", article=article, country="CHN")


def test_documents_align_marked_paragraphs():
    old = _doc(DOC_OLD, [("dual_track", "dual-track"), ("dialogue", "dialogue")], "y2018")
    new = _doc(DOC_NEW, [("phased", "phased"), ("synchronized", "synchronized"), ("dialogue", "dialogue")], "y2019")
    pairs = align_statements([old], [new])
    assert len(pairs) == 1  # the unmarked paragraphs (climate, greetings) take no part
    (p,) = pairs
    assert p.old_span.slice(DOC_OLD).startswith("On the Korean Peninsula, we support a dual-track")
    assert p.new_span.slice(DOC_NEW).startswith("On the Korean Peninsula, we support a phased")
    ops = [(o.op, o.text) for o in p.diff.ops]
    assert ("-", "dual-track") in ops and ("+", "phased and synchronized") in ops


def test_diff_snapshots_concepts_shifts_and_flips():
    old_st = _with_markers(
        "Russia backs a step-by-step approach, dialogue and no sanctions relief now.", 0,
        [("phased", "step-by-step"), ("dialogue", "dialogue"), ("sanctions_relief", "sanctions relief", "negated")],
    )  # fmt: skip
    new_st = _with_markers(
        "Russia backs a phased approach, dialogue and sanctions relief, and a roadmap.", 0,
        [("phased", "phased"), ("dialogue", "dialogue"), ("sanctions_relief", "sanctions relief"), ("roadmap", "roadmap")],
        article="a2",
    )  # fmt: skip
    old = Snapshot("RUS", Period("year", "2018", "2018"), (old_st,), ("a1",), old_st.markers, ("a.txt",))
    new = Snapshot("RUS", Period("year", "2019", "2019"), (new_st,), ("a2",), new_st.markers, ("b.txt",))
    d = diff_snapshots(old, new)
    assert d.actor == "RUS"
    assert d.gained == ("roadmap",)
    assert d.dropped == ()
    assert d.kept == ("dialogue", "phased", "sanctions_relief")
    assert [(s.concept, s.old, s.new) for s in d.shifts] == [("phased", ("step-by-step",), ("phased",))]
    assert [(f.concept, f.old, f.new) for f in d.polarity_flips] == [("sanctions_relief", "negated", "affirmed")]
    assert len(d.pairs) == 1 and d.pairs[0].old is old_st and d.pairs[0].new is new_st


def test_out_of_scope_markers_do_not_count():
    st1 = _statement("We discussed trade and dialogue.", markers=[_marker("dialogue", "dialogue", 23, in_scope=False)])
    st2 = _statement("We discussed trade.", article="a2")
    old = Snapshot("RUS", Period("year", "2018"), (st1,), ("a1",), st1.markers)
    new = Snapshot("RUS", Period("year", "2019"), (st2,), ("a2",))
    d = diff_snapshots(old, new)
    assert (d.gained, d.dropped, d.kept) == ((), (), ())


def test_concept_polarities_mixed():
    ms = [_marker("cvid", "CVID", 0), _marker("cvid", "CVID", 10, polarity="negated")]
    assert pdiff.concept_polarities(ms) == {"cvid": "mixed"}


# --------------------------------------------------------------------------------------
# Phrase cleanup, sentence-by-sentence passages, pairing needs shared wording


def test_cleanup_keeps_shared_phrase_next_to_an_insertion():
    a = "To settle the issue we need denuclearization and the establishment of a peace mechanism."
    b = ("The only way is parallel progress in denuclearization and the establishment of a peace "
         "mechanism in order to build trust through phased and synchronized actions.")  # fmt: skip
    ops = [(o.op, o.text) for o in diff_texts(a, b).ops]
    assert ("=", " denuclearization and the establishment of a peace mechanism") in ops
    assert any(op == "+" and "phased and synchronized" in t for op, t in ops)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["We back talks.", "Sanctions must go.", "Peace matters now.", " ", "\n\n",
                                 "The U.S. agreed.", "talks", "go"]), max_size=12).map(" ".join),
       st.lists(st.sampled_from(["We back direct talks.", "Sanctions must go.", "Peace is vital.", " ",
                                 "\n\n", "talks", "U.S."]), max_size=12).map(" ".join))  # fmt: skip
def test_passage_diffs_reproduce_both_texts(a, b):
    d = pdiff.diff_passages(a, b)
    assert _apply(a, d) == b and _old(d) == a and _new(d) == b
    assert all(o.text for o in d.ops)
    blocks = pdiff.align_sentences(a, b)
    assert "".join(x.slice(a) for x, _ in blocks) == a and "".join(y.slice(b) for _, y in blocks) == b
    assert d.blocks == blocks  # kept for the renderers, which cut their lines there
    if "fast" in pdiff.available_engines():
        assert d == pdiff.diff_passages(a, b, engine="python")


_MOVING = ["We back talks.", "We back direct talks now.", "Sanctions must go.", "Sanctions must go at once.",
           "A peace mechanism must come with denuclearization of the peninsula.",
           "Denuclearization of the peninsula and a peace mechanism must advance together.",
           "Peace matters.", "The U.S. agreed.", " ", "\n\n"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MOVING), max_size=10).map(" ".join),
       st.lists(st.sampled_from(_MOVING), max_size=10).map(" ".join))  # fmt: skip
def test_moves_pair_a_deleted_with_an_inserted_sentence(a, b):
    d = pdiff.diff_passages(a, b)
    assert _apply(a, d) == b  # moves add to the operations, never change them
    deleted = [o.old for o in d.ops if o.op == "-"]
    inserted = [o.new for o in d.ops if o.op == "+"]
    olds = [m.old for m in d.moves]
    assert olds == sorted(olds) and len(set(olds)) == len(olds)
    assert len({m.new for m in d.moves}) == len(d.moves)  # one to one
    for m in d.moves:
        assert any(s.contains(m.old) for s in deleted) and any(s.contains(m.new) for s in inserted)
        # The move's word diff reproduces both sentences, its spans into the two texts.
        assert "".join(o.text for o in m.diff.ops if o.op != "+") == m.old.slice(a)
        assert "".join(o.text for o in m.diff.ops if o.op != "-") == m.new.slice(b)
        assert all(o.old.slice(a) == o.text for o in m.diff.ops if o.op != "+")
        assert all(o.new.slice(b) == o.text for o in m.diff.ops if o.op != "-")


def test_a_moved_and_reworded_sentence_is_a_move():
    a = "Moscow backs talks. A peace mechanism must come with the denuclearization of the peninsula. Sanctions must go."
    b = ("Denuclearization of the peninsula and the creation of a peace mechanism must advance together. "
         "Moscow backs direct talks. Sanctions must go now.")  # fmt: skip
    (m,) = pdiff.diff_passages(a, b).moves
    assert m.old.slice(a) == "A peace mechanism must come with the denuclearization of the peninsula."
    assert m.new.slice(b).startswith("Denuclearization of the peninsula and the creation")


def test_sharing_only_names_and_the_topic_is_not_a_move():
    # Real case (KOR 2018 -> 2019): Dice 0.30 from "hope", "Korean", "peninsula" alone.
    a = ("We back talks. My sincere hope is that the vision of the United Nations of sustainable development "
         "will be realized on the Korean peninsula. Sanctions must go.")
    b = ("I hope that the international community will also work together to alleviate the security concerns "
         "on the Korean peninsula. We back talks. Sanctions must go.")  # fmt: skip
    assert pdiff.diff_passages(a, b).moves == ()
    assert ppassages._shared_phrase("the Democratic People’s Republic of Korea urges",
                                "by the Democratic People’s Republic of Korea represents") == 0
    assert ppassages._shared_phrase("complete denuclearization and the establishment of a peace mechanism.",
                                "parallel progress in denuclearization and the establishment of a peace mechanism") == 4


def test_rewritten_paragraph_is_diffed_sentence_by_sentence():
    a = "Over the past year the situation improved. China supports dialogue between the parties. Sanctions must be implemented."
    b = "China supports direct dialogue between the parties. A new sentence about trust comes here."
    blocks = [(x.slice(a), y.slice(b)) for x, y in pdiff.align_sentences(a, b)]
    assert ("China supports dialogue between the parties. ", "China supports direct dialogue between the parties. ") in blocks
    ops = [(o.op, o.text) for o in pdiff.diff_passages(a, b).ops]
    assert ("+", "direct ") in ops


def test_sharing_a_concept_is_not_enough_to_pair():
    old = [_with_markers("Russia and China share the view that the dialogue must continue in the same six-party format.", 0,
                         [("dialogue", "dialogue")])]  # fmt: skip
    new = [_with_markers("The fourth round of the Six-Party Talks took place in Beijing in two sessions.", 0,
                         [("dialogue", "Talks")], article="a2")]  # fmt: skip
    pairs = align_statements(old, new)
    assert [(p.old is None, p.new is None) for p in pairs] == [(True, False), (False, True)]


def test_the_same_position_in_other_words_pairs():
    old_text = "It has to be done stage-by-stage, with reciprocal steps and the easing of sanctions."
    new_text = "Pyongyang expects phased moves, synchronized ones, sanctions relief first!"
    old = [_with_markers(old_text, 0, [("phased", "stage-by-stage"), ("synchronized", "reciprocal steps"),
                                       ("sanctions_relief", "easing of sanctions")])]  # fmt: skip
    new = [_with_markers(new_text, 0, [("phased", "phased"), ("synchronized", "synchronized"),
                                       ("sanctions_relief", "sanctions relief")], article="a2")]  # fmt: skip
    assert pdiff.diff_texts(old_text, new_text).similarity < pdiff.MIN_SIMILARITY
    [pair] = align_statements(old, new)
    assert (pair.old.text, pair.new.text) == (old_text, new_text)
    # one shared concept of three is not the same position: wording decides again
    new_one = [_with_markers(new_text, 0, [("phased", "phased")], article="a2")]
    assert [(p.old is None, p.new is None) for p in align_statements(old, new_one)] == [
        (True, False), (False, True)]


def test_without_the_fast_package_the_python_engine_gives_the_same(monkeypatch):
    a, b = DOC_OLD, DOC_NEW
    expected = pdiff.diff_passages(a, b, engine="python")
    monkeypatch.setattr(ptokens, "_fast", None)  # as when `import fast_diff_match_patch` fails
    assert pdiff.diff_passages(a, b) == expected
    assert pdiff.diff_texts(a, b) == pdiff.diff_texts(a, b, engine="python")
