"""Hostile input outside attribution: each shape at growing sizes gives the exact result, and
its cost grows linearly.

No bare wall time is asserted. Each case times the same step at a size ``n`` and at ``8n``
(the best of a few runs) and asserts that the larger costs less than ``_FACTOR`` times the
smaller: a linear step gives about 8, the quadratic patterns these cases replaced gave 64 and
more, the exponential ones never finished. Speed itself is measured by
``benchmarks/bench_adversarial.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.cli import main
from positions.errors import AnalysisError, PositionsError
from positions.lexicon import compile_pattern
from positions.lexicon.patterns import Glob
from positions.model import Article, Span
from positions.sources import read_article
from positions.sources.dates import parse_date
from positions.sources.plain import markdown_heading
from positions.text import sentence_spans, token_spans
from positions.text.segment import _PUNKT, _punkt_spans

_FACTOR = 24  # 8 for linear growth, 3x of head room for a busy machine; quadratic is 64


def _cost(step: Callable[[], object], calls: int = 1, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        for _ in range(calls):
            step()
        best = min(best, time.process_time() - t)
    return best


def assert_linear(step: Callable[[int], object], n: int, make: Callable[[int], object] = lambda n: n) -> None:
    """``step(make(8 * n))`` costs less than ``_FACTOR`` times ``step(make(n))``.

    ``make`` builds the input outside the timing. A cheap step is called several times in
    each timing (the same number at both sizes), so that the small one takes about 10 ms
    and timer noise does not decide the ratio.
    """
    small_input, large_input = make(n), make(8 * n)
    step(small_input)  # warm caches (compiled patterns, imports)
    one = _cost(lambda: step(small_input))
    calls = max(1, min(1000, int(0.01 / max(one, 1e-6))))
    small = _cost(lambda: step(small_input), calls)
    large = _cost(lambda: step(large_input), calls)
    assert large < _FACTOR * small, (n, calls, small, large)


# -- lexicon globs --------------------------------------------------------------------------


def test_glob_matches_like_a_regex_would():
    import re

    for glob, word in [
        ("a*a*b", "aab"), ("a*a*b", "ab"), ("denucleari*", "denuclearisation"), ("*ing", "talking"),
        ("step*step", "step"), ("step*step", "stepstep"), ("a*b*c", "acb"), ("a**", "a"), ("x*", "x"),
    ]:  # fmt: skip
        regex = re.compile("".join(".*" if c == "*" else re.escape(c) for c in glob) + r"\Z")
        assert Glob.of(glob).match(word) == bool(regex.match(word)), (glob, word)


@given(st.text("ab*", max_size=8), st.text("ab", max_size=10))
def test_glob_equals_the_regex_it_replaced(glob, word):
    import re

    regex = re.compile("".join(".*" if c == "*" else re.escape(c) for c in glob) + r"\Z")
    assert Glob.of(glob).match(word) == bool(regex.match(word))


def test_glob_of_many_stars_is_linear():
    glob = compile_pattern("a*a*a*a*a*a*a*a*b").elements[0].glob
    assert glob is not None
    assert glob.match("a" * 60) is False
    assert glob.match("a" * 60 + "b") is True
    assert_linear(glob.match, 200_000, lambda n: "a" * n)


def test_kwic_of_a_steep_glob(runner, tmp_path):
    """The reproducer: ``positions kwic DIR 'a*a*a*a*a*a*a*a*b'`` over one 60-letter word."""
    (tmp_path / "a.txt").write_text("SEOUL, Dec. 23, 2021 --  The word " + "a" * 60 + " stands alone.\n")
    result = runner.invoke(main, ["kwic", str(tmp_path), "a*a*a*a*a*a*a*a*b"])
    assert (result.exit_code, result.stdout) == (0, "")  # stderr says there was no match
    assert result.stderr.startswith("positions: no match of 'a*a*a*a*a*a*a*a*b'")
    (tmp_path / "a.txt").write_text("SEOUL, Dec. 23, 2021 --  The word " + "a" * 60 + "b stands alone.\n")
    result = runner.invoke(main, ["kwic", str(tmp_path), "a*a*a*a*a*a*a*a*b"])
    assert result.stdout == f"2021-12-23  -  -  The word [{'a' * 60}b] stands alone.\n"

    def kwic(n: int) -> None:
        (tmp_path / "a.txt").write_text("SEOUL, Dec. 23, 2021 --  The word " + "a" * n + " stands alone.\n")
        assert runner.invoke(main, ["kwic", str(tmp_path), "a*a*a*a*a*a*a*a*b"]).exit_code == 0

    assert_linear(kwic, 20_000)


# -- readers --------------------------------------------------------------------------------


def test_markdown_heading_of_many_hashes(tmp_path):
    """A ``# ###…x`` line was quadratic in its length (4.7 s at 20 KB)."""
    path = tmp_path / "a.md"
    path.write_text("# " + "#" * 20_000 + "x\n\nTalks resumed.\n")
    article = read_article(path)
    assert article.title == "#" * 20_000 + "x"
    assert article.body_text == "Talks resumed."
    assert markdown_heading("# " + "#" * 1000 + "\nx", 0) == ("", 1003)
    assert_linear(lambda t: markdown_heading(t, 0), 100_000, lambda n: "# " + "#" * n + "x")
    assert_linear(lambda t: markdown_heading(t, 0), 50_000, lambda n: "#" + " " * n + "#" * n + "\r")


@pytest.mark.parametrize("head, iso", [("May", "2021-05"), ("1 May", "2021-05-01"), ("May,", "2021-05")])
def test_dates_with_long_white_space(head, iso):
    """``_MY_RE``/``_DMY_RE`` split a run of spaces between two quantifiers in every way.

    (From 100,000 spaces up: below, the regex engine's cost per character still grows as
    the run outgrows the processor caches, which is not the pattern's doing.)"""
    with pytest.raises(ValueError, match="unknown date"):
        parse_date(head + " " * 10_000 + "x")
    assert parse_date(head + " " * 10_000 + "2021").iso() == iso
    assert_linear(_unknown_date, 100_000, lambda n: head + " " * n + "x")


def _unknown_date(text: str) -> None:
    try:
        parse_date(text)
    except ValueError:
        return
    raise AssertionError(text)


def test_date_separators_unchanged():
    assert parse_date("23 December, 2021").iso() == "2021-12-23"
    assert parse_date("23 Dec.  2021").iso() == "2021-12-23"
    assert parse_date("December , 2021").iso() == "2021-12"
    with pytest.raises(ValueError):
        parse_date("December,2021")


# -- text -----------------------------------------------------------------------------------


def test_initialism_run_before_a_letter():
    """``a.a.a.…ab``: the initialism alternative was retried at every pair (quadratic)."""
    text = "a." * 5 + "ab"
    assert [s.slice(text) for s in token_spans(text)] == ["a", "."] * 5 + ["ab"]
    text = "U.S. D.P.R.K. A.B.C.D.E.F.G.H.I.J.K.L.M."
    assert [s.slice(text) for s in token_spans(text)] == [
        "U.S.", "D.P.R.K.", "A", ".", "B.C.D.E.F.G.H.I.J.K.L.M.",
    ]  # fmt: skip
    assert_linear(token_spans, 4_000, lambda n: "a." * n + "ab")


_REPRODUCER = '"We are ready," Lavrov said. '


def test_huge_paragraph_is_split_in_windows():
    """The NLTK TimeoutError reproducer, scaled down: one paragraph of short sentences."""
    text = _REPRODUCER * 3000  # 87 KB, four windows
    spans = sentence_spans(text)
    assert len(spans) == 3000
    assert all(s.slice(text) == _REPRODUCER.strip() for s in spans)
    assert spans[-1] == Span(len(text) - len(_REPRODUCER), len(text) - 1)
    assert_linear(sentence_spans, 500, lambda n: _REPRODUCER * n)


def test_sentence_longer_than_a_window_is_cut_at_white_space():
    text = "word " * 10_000 + "end."
    spans = list(_punkt_spans(text, window=1000, lookahead=100))
    assert spans[0] == (0, 899)  # cut at the last space before 1000 - 100
    assert "".join(text[a:b] + " " for a, b in spans).split() == text.split()
    assert all(b - a <= 1000 for a, b in spans)
    assert list(_punkt_spans("x" * 5000, window=1000, lookahead=100))[:2] == [(0, 900), (900, 1800)]
    # a break in the window's last stretch is kept rather than cut through
    text = "word " * 500 + "Stop. " + "word " * 5000
    assert list(_punkt_spans(text, window=3000, lookahead=1000))[:2] == [(0, 2505), (2506, 4505)]


_WORDS = st.sampled_from(
    ["the", "envoy", "said", "Moscow", "U.S.", "Dec.", "talks", "ready", "Mr.", "No.", "3.5", "(AP)",
     '"We', 'ready,"', "it.", "them!", "why?", "end.)", "...", "--", "Korea's", "e.g.", "St."]
)  # fmt: skip
_SENTENCE = st.lists(_WORDS, min_size=1, max_size=14).map(lambda ws: " ".join(ws))


@settings(max_examples=150, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=40), st.sampled_from([" ", "  ", " \n"]))
def test_windows_change_no_sentence(sentences, sep):
    """On ordinary text (sentences far shorter than a window) the windows give Punkt's spans."""
    text = sep.join(sentences)
    assert list(_punkt_spans(text, window=400, lookahead=120)) == list(_PUNKT.span_tokenize(text))


# -- pipeline -------------------------------------------------------------------------------


def test_foreign_exception_names_the_file(monkeypatch):
    from positions import pipeline
    from positions.lexicon import load_lexicon

    def boom(*args, **kwargs):
        raise TimeoutError("regex match exceeded\n5.0s")

    monkeypatch.setattr("positions.attribution.extract_statements", boom)
    article = Article("x", "corpus/a.txt", "Talks resumed.", Span(0, 14))
    with pytest.raises(AnalysisError) as info:
        pipeline.analyze(article, lexicon=load_lexicon())
    assert str(info.value) == "corpus/a.txt: analysis failed (TimeoutError: regex match exceeded 5.0s)"
    assert isinstance(info.value, PositionsError)


def test_extract_reports_a_failed_article_and_goes_on(runner, tmp_path, monkeypatch):
    from positions import attribution

    real = attribution.extract_statements

    def flaky(article, **kwargs):
        if article.path.endswith("bad.txt"):
            raise RuntimeError("boom")
        return real(article, **kwargs)

    monkeypatch.setattr(attribution, "extract_statements", flaky)
    (tmp_path / "bad.txt").write_text("Moscow is ready, Lavrov said.\n")
    (tmp_path / "good.txt").write_text("Moscow is ready, Lavrov said.\n")
    result = runner.invoke(main, ["extract", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")])
    assert result.exit_code == 1
    assert f"positions: {tmp_path / 'bad.txt'}: analysis failed (RuntimeError: boom)" in result.output
    assert "Lavrov" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_reproducer_paragraph_in_the_reader(tmp_path):
    """The 4 MB paragraph of the issue, through normalization and the sentence splitter
    (attribution of it is the attribution branch's to make linear)."""
    from positions.text import view

    path = tmp_path / "huge.txt"
    path.write_text(_REPRODUCER * 140_000)
    article = read_article(path)
    tv = view(article.text, article.body)
    assert len(tv.paragraphs) == 1
    assert len(tv.sentences) == 140_000



def test_csv_header_with_a_line_break_is_one_line(tmp_path):
    """Found by tests/fuzz/fuzz_readers.py: a quoted header cell holding a line break."""
    from positions.errors import SourceError
    from positions.sources import iter_csv

    path = tmp_path / "a.csv"
    path.write_text('"+++\ntitle = x",date\n"a",2021\n')
    with pytest.raises(SourceError) as info:
        list(iter_csv(str(path)))
    assert str(info.value) == f"{path}: no text column 'text' (columns: '+++\\ntitle = x', date); name it with --column text=<column>"
