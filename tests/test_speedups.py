"""The compiled token streams (positions/_speedups.c) against the pure-Python reference in
positions/diff.py: the same units, the same token strings, the same operations."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions import diff as pdiff
from positions.diff import tokens as ptokens
from positions.lexicon import tokens as ltokens
from positions.model import DiffOp, Span

speedups = ptokens._speedups
needs_speedups = pytest.mark.skipif(speedups is None, reason="positions._speedups is not built")



def test_speedups_are_built_where_a_compiler_is():
    # A missing extension on a machine with a compiler is a broken build, not a choice.
    if os.environ.get("POSITIONS_NO_EXTENSIONS") or os.environ.get("POSITIONS_PURE_PYTHON"):
        pytest.skip("built or run without the C speedups on purpose")
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        pytest.skip(f"no C compiler ({cc}) here")
    assert speedups is not None, "a C compiler is here but positions._speedups was not built"


# Characters of every class the scanner tells apart: ASCII letters and digits, non-ASCII
# letters, digits and numerals (Arabic-Indic, superscript two, a Roman numeral, a vulgar
# fraction), combining marks inside and outside U+0300-036F, the punctuation the pattern
# names, underscores, Unicode and ASCII-control whitespace, curly quotes, astral characters.
_ALPHABET = [
    "a", "b", "Z", "I", "e", "U", "S", "é", "ß", "Ж", "中", "7", "0", "\u0663", "\u00b2",
    "\u2167", "\u00bd", "\u0301", "\u0483", "\u20dd", ",", ".", ":", "'", "-", "_", "(", "\u2019",
    "\u201c", " ", "\n", "\t", "\r", "\x1c", "\x85", "\xa0", "\u2028", "\u3000", "\U0001f600",
    "\U0001d400", "\x00", "\udcff", "\ud800",  # NUL and lone surrogates (surrogateescape)
]  # fmt: skip
_PIECES = ["U.S.", "e.g.", "D.P.R.K.", "U.Sx", "2,000", "3.5", "10:30", "1.", "...", "--", "---",
           "co-op", "don't", "a-", "x'", "Nguy\u1ec5n", "step-by-step", "peace"]  # fmt: skip
TEXTS = st.lists(st.sampled_from(_ALPHABET + _PIECES), max_size=40).map("".join)


@needs_speedups
@settings(max_examples=1000, deadline=None)
@given(TEXTS)
def test_units_are_the_python_units(text):
    pair = speedups.pair(text, "")[0]
    s = ptokens._Stream(text)
    assert pair.units(0) == (s.lead, s.units)


@needs_speedups
@settings(max_examples=500, deadline=None)
@given(TEXTS, TEXTS)
def test_token_strings_are_the_python_ones(a, b):
    _, ca, cb, n = speedups.pair(a, b)
    assert (ca, cb, n) == ptokens._encode(ptokens._Stream(a), ptokens._Stream(b))


def _python_rows(a, b, E, D, I):
    return ptokens._rows(a, b, ptokens._equals(ptokens._Stream(a), ptokens._Stream(b), E, D, I))


@needs_speedups
@settings(max_examples=500, deadline=None)
@given(TEXTS, TEXTS, st.booleans())
def test_operations_are_the_python_ones(a, b, semantic):
    pair, ca, cb, _ = speedups.pair(a, b)
    E, D, I = ptokens._groups(ptokens._raw_diff(ca, cb, "python") if ca != cb else [("=", len(ca))] * bool(ca))
    if semantic:
        ptokens._cleanup_phrases(E, D, I)
    rows = _python_rows(a, b, E, D, I)
    assert pair.rows(E, D, I) == rows
    assert pair.ops(E, D, I) == ptokens.build_ops(rows)


@needs_speedups
@settings(max_examples=300, deadline=None)
@given(TEXTS, TEXTS)
def test_diff_texts_is_the_same_without_speedups(a, b):
    with_c = pdiff.diff_texts(a, b)
    ptokens._speedups = None
    try:
        without = pdiff.diff_texts(a, b)
    finally:
        ptokens._speedups = speedups
    assert with_c == without
    assert with_c.ops == without.ops  # field by field, spans included


@needs_speedups
def test_records_are_the_model_records():
    ops = pdiff.diff_texts("We back talks.", "We back direct talks.").ops
    assert [type(o) for o in ops] == [DiffOp] * 3
    assert ops[1] == DiffOp("+", "direct ", Span(8, 8), Span(8, 15))
    assert hash(ops[1]) == hash(DiffOp("+", "direct ", Span(8, 8), Span(8, 15)))
    assert repr(ops[1].new) == "Span(start=8, end=15)"


@needs_speedups
@pytest.mark.parametrize("distinct", [6399, 6400, 6401, 7000, ptokens._PUA_SIZE + 5])
def test_many_distinct_tokens_are_numbered_as_in_python(distinct):
    # Past 6,400 tokens the strings need astral characters; past the private-use areas,
    # other code points (which no longer grow with the token number).
    a = " ".join(f"w{i}" for i in range(distinct))
    b = " ".join(f"w{i}" for i in range(distinct - 3, -1, -2))
    _, ca, cb, n = speedups.pair(a, b)
    assert n == distinct
    assert (ca, cb, n) == ptokens._encode(ptokens._Stream(a), ptokens._Stream(b))


@needs_speedups
def test_counts_that_do_not_cover_the_streams_are_refused():
    pair = speedups.pair("a b", "a c")[0]
    with pytest.raises(ValueError, match="do not cover"):
        pair.ops([1], [], [])
    with pytest.raises(ValueError, match="one more count"):
        pair.ops([1, 0], [], [])
    with pytest.raises(TypeError):
        speedups.pair("a", b"b")


@needs_speedups
def test_huge_counts_that_would_wrap_a_sum_are_refused():
    # maxsize + maxsize + (n + 2) wraps to n in a Py_ssize_t sum: counts are compared with what
    # is left of each stream, never added, so these are refused instead of read past the end.
    pair, ta, _, _ = speedups.pair("a b c", "a b c")
    n = len(ta)  # one unit per token
    assert len(pair.ops([n], [], [])) == 1
    huge = sys.maxsize
    for e, d, i in (
        ([huge, n + 2], [huge], [huge]),
        ([huge, huge], [huge], [huge]),
        ([0, huge], [huge], [0]),
    ):
        with pytest.raises(ValueError, match="do not cover"):
            pair.ops(e, d, i)


@needs_speedups
def test_records_must_have_object_slots():
    class Plain:
        pass

    with pytest.raises((TypeError, AttributeError)):
        speedups.records(Plain, Span)
    speedups.records(DiffOp, Span)  # as positions._accel left it


@needs_speedups
def test_every_ungdc_speech_has_the_python_units(ungdc):
    files = sorted(ungdc.glob("*.txt"))
    assert len(files) == 371
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        s = ptokens._Stream(text)
        assert speedups.pair(text, "")[0].units(0) == (s.lead, s.units), f.name


# --------------------------------------------------------------------------------------
# Matchable words (positions.lexicon.tokens.words_of)


_WORD_PIECES = _PIECES + ["co-operation", "inter-Korean", "step--by--step", "D.P.R.K.'s", "Korea's",
                          "countries'", "'s", "S", "s", "--", "-", "synchronised", "programme", "talks",
                          "re-", "-ed", "x--", "--y"]  # fmt: skip
WORD_TEXTS = st.lists(st.sampled_from(_ALPHABET + _WORD_PIECES), max_size=40).map("".join)


def _python_words(text, span=None):
    ltokens._speedups = None
    try:
        return ltokens.words_of(text, span)
    finally:
        ltokens._speedups = speedups


@needs_speedups
@settings(max_examples=1000, deadline=None)
@given(WORD_TEXTS, st.data())
def test_words_are_the_python_words(text, data):
    assert ltokens.words_of(text) == _python_words(text)
    start = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(start, len(text)))
    span = Span(start, stop)
    assert ltokens.words_of(text, span) == _python_words(text, span)


@needs_speedups
def test_words_fill_and_share_the_token_cache():
    ltokens._TOKEN_WORDS.clear()
    words = ltokens.words_of("Step-by-step talks, step-by-step.")
    assert [w.stem for w in words] == ["step", "by", "step", "talk", "step", "by", "step"]
    assert [w.index for w in words] == list(range(7))
    assert set(ltokens._TOKEN_WORDS) == {"Step-by-step", "talks", ",", "step-by-step", "."}
    assert ltokens._TOKEN_WORDS[","] is None


@needs_speedups
def test_every_ungdc_speech_has_the_python_words(ungdc):
    for f in sorted(ungdc.glob("*.txt"))[::7]:
        text = f.read_text(encoding="utf-8-sig")
        assert ltokens.words_of(text) == _python_words(text), f.name
