"""Hostile input for the attribution patterns (issue 13): exact results, linear cost.

Each reproducer is run at growing sizes. Its cost is compared with a linear baseline measured
in the same test on the same machine (a plain scan of an input of the same size), with a
generous factor: an exponential or quadratic pattern misses the bound by orders of magnitude,
noise does not. No bare wall-time limit.
"""

from __future__ import annotations

import re
import time
from typing import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.actors import default_gazetteer
from positions.attribution import extract_statements
from positions.attribution.clauses import cut_inverted, told_object_ends
from positions.attribution.cues import ADVERBIAL_RE
from positions.attribution.holders import holder_context, subject_countries
from positions.model import Article, Span

_SCAN = re.compile(r"[\s\S]")


def _cost(fn: Callable[[], object]) -> float:
    """Seconds per call of ``fn``, the best of three batches of at least ~5 ms."""
    best = float("inf")
    for _ in range(3):
        n, t0 = 0, time.process_time()
        while True:
            fn()
            n += 1
            dt = time.process_time() - t0
            if dt > 0.005:
                break
        best = min(best, dt / n)
    return best


def _assert_linear(make: Callable[[int], str], run: Callable[[str], object], sizes=(200, 1600)) -> None:
    """The cost of ``run`` grows with the input no faster than a linear scan, within 25×."""
    small, big = (make(n) for n in sizes)
    ratio_run = _cost(lambda: run(big)) / _cost(lambda: run(small))
    ratio_scan = _cost(lambda: _SCAN.findall(big)) / _cost(lambda: _SCAN.findall(small))
    assert ratio_run <= 25 * max(ratio_scan, 1.0), (ratio_run, ratio_scan)


def _extract(text: str) -> list[tuple]:
    art = Article("a", "a.txt", text, Span(0, len(text)))
    return [(s.text, s.kind, s.speaker.name, s.country, s.holders) for s in extract_statements(art)]


@pytest.mark.parametrize("n", [3, 20, 200])
def test_adverbial_prepositions(n: int) -> None:
    assert ADVERBIAL_RE.fullmatch(" in" * n) is not None
    assert ADVERBIAL_RE.fullmatch(" in" * n + ", x") is None
    assert ADVERBIAL_RE.fullmatch(" in the hall, on Monday" * n) is not None
    text = '"We are ready," Lavrov said' + " in" * n + ", x."
    assert _extract(text) == [("We are ready", "direct", "Sergei Lavrov", "RUS", ("RUS",))]


def test_adverbial_linear() -> None:
    _assert_linear(lambda n: " in" * n + ", x", ADVERBIAL_RE.fullmatch)
    _assert_linear(lambda n: " in the long hall of talks" * (n // 8) + "; x", ADVERBIAL_RE.fullmatch)


@pytest.mark.parametrize("n", [3, 40, 400])
def test_told_long_word(n: int) -> None:
    text = "Lavrov told " + "a" * n + "; that Russia is ready."
    assert _extract(text) == [("a" * n + "; that Russia is ready", "reported", "Sergei Lavrov", "RUS", ("RUS",))]
    text = "Lavrov told reporters in Moscow " + "a " * 3 + "that Russia is ready."
    assert _extract(text) == [("Russia is ready", "reported", "Sergei Lavrov", "RUS", ("RUS",))]


def test_told_linear() -> None:
    assert told_object_ends("a" * 40 + " ") and told_object_ends("reporters in Moscow ")
    assert not told_object_ends("a " * 10) and not told_object_ends("a; b ")
    _assert_linear(lambda n: "a" * n + ";", told_object_ends)
    _assert_linear(lambda n: "a." * n + ";", told_object_ends)


@pytest.mark.parametrize("n", [3, 500])
def test_inverted_cut(n: int) -> None:
    assert cut_inverted("Zhao Lijian on Monday") == "Zhao Lijian"
    assert cut_inverted("Zhao Lijian" + " " * n + "x") == "Zhao Lijian" + " " * n + "x"
    assert cut_inverted("Zhao Lijian" + " " * n + "at a briefing") == "Zhao Lijian"


def test_inverted_cut_linear() -> None:
    _assert_linear(lambda n: "Zhao" + " " * n + "x", cut_inverted)
    _assert_linear(lambda n: "Zhao" + " \t" * n + "x", cut_inverted)


@pytest.mark.parametrize("n", [3, 25, 300])
def test_subject_words(n: int) -> None:
    gz = default_gazetteer()
    assert subject_countries(", " * n + ".", gz) == ((), 0)
    assert subject_countries("Russia and China agreed", gz) == (("RUS", "CHN"), 16)


def test_subject_words_linear() -> None:
    gz = default_gazetteer()
    _assert_linear(lambda n: ", " * n + ".", lambda s: subject_countries(s, gz))
    _assert_linear(lambda n: "the " * n + ".", lambda s: subject_countries(s, gz))


@pytest.mark.parametrize("n", [3, 25, 300])
def test_group_gaps(n: int) -> None:
    gz = default_gazetteer()
    text = "Russia " + "A" * n + "; and China said."
    ctx = holder_context(text, [(0, len(text))], gz)
    assert ctx.groups == () and ctx.states == ((0, "RUS"), (len(text) - 11, "CHN"))
    text = "Russia, " + "Foreign Minister " * n + "and China agreed."
    ctx = holder_context(text, [(0, len(text))], gz)
    assert ctx.groups == ((0, ("RUS", "CHN")),)


def test_group_gaps_linear() -> None:
    gz = default_gazetteer()

    def run(text: str) -> object:
        return holder_context(text, [(0, len(text))], gz)

    _assert_linear(lambda n: "Russia " + "A" * n + "; and China said.", run)
    _assert_linear(lambda n: "Russia " + "A " * n + "; and China said.", run)


def test_transcript_labels_linear() -> None:
    gz = default_gazetteer()
    from positions.attribution.transcripts import transcript_drafts
    from positions.text import paragraph_spans

    def run(text: str) -> object:
        return transcript_drafts(text, paragraph_spans(text), gz)

    _assert_linear(lambda n: "A: " * n, run)
    _assert_linear(lambda n: "MR. X: y. " * (n // 4), run)
    _assert_linear(lambda n: "QUESTION: x? MR. PRICE: We are ready. " * (n // 10), run)
    text = "Jo Park, Spokesperson\nQUESTION: x?\nMS. PARK: We are ready.\n" * 3
    drafts, rest = run(text)
    assert [d.ref.speaker.name for d in drafts] == ["Jo Park"] * 3
    assert [d.parts[0].slice(text) for d in drafts] == ["We are ready.\nJo Park, Spokesperson"] * 2 + ["We are ready."]


@pytest.mark.parametrize("n", [3, 300])
def test_openers_and_headers(n: int) -> None:
    text = "Speaking" + " for Canada" * n + ", the representative said that the launches threatened the region."
    got = _extract(text)
    assert got == [("the launches threatened the region", "reported", None, "CAN", ("CAN",))]
    text = "Statement by" + " by A" * n + "\n\nThe United States condemns the launch by the DPRK today.\n"
    assert len(_extract(text)) == (1 if n < 50 else 0)  # a title line is short (300 characters)


def test_openers_and_headers_linear() -> None:
    _assert_linear(lambda n: "Speaking" + " for Canada" * (n // 10) + ", the representative said that the launches threatened the region.", _extract)
    _assert_linear(lambda n: "Statement by" + " by A" * (n // 5) + "\n\nThe United States condemns the launch by the DPRK today.\n", _extract)


def test_national_capacity_linear() -> None:
    """A record's cover line of leader dots and a chair's turn of endless "in my capacity as"
    stay linear (the cover line is read 200 characters at most, the role 3 lines of 80)."""
    gz = default_gazetteer()
    from positions.attribution.transcripts import transcript_drafts
    from positions.text import paragraph_spans

    def run(text: str) -> object:
        return transcript_drafts(text, paragraph_spans(text), gz)

    head = "S/PV.1\n\nMr. Li (China): We object.\n\n"
    _assert_linear(lambda n: head + "President: " + ". " * n + "\n\nThe President: x.\n", run)
    _assert_linear(lambda n: head + "The President: " + "in my capacity as the " * (n // 5) + "\n", run)
    text = head + "The President: I speak in my capacity as\nthe representative of Peru.\n\nPeru is ready.\n"
    drafts, _ = run(text)
    assert [(d.parts[0].slice(text), d.ref.speaker.country) for d in drafts] == [("We object.", "CHN"), ("Peru is ready.", "PER")]


@pytest.mark.parametrize("n", [3, 30])  # a speaker phrase is at most 300 characters
def test_behalf_lists(n: int) -> None:
    from positions.attribution.phrases import speaker_phrase

    gz = default_gazetteer()
    ref = speaker_phrase("Chile's delegate, also speaking for " + "Peru, " * n + "and the United Kingdom", gz)
    assert ref is not None and ref.also == ("PER", "GBR")


def test_behalf_lists_linear() -> None:
    from positions.attribution.phrases import _BEHALF_RE, _INCLUDING_RE

    _assert_linear(lambda n: "also speaking for " + "Peru Peru, " * (n // 10) + ";", lambda t: _BEHALF_RE.search(t))
    _assert_linear(lambda n: "also speaking for " + "A," * (n // 2) + ":", lambda t: _BEHALF_RE.search(t))
    _assert_linear(lambda n: "among them " + "Peru, " * (n // 6) + "x", lambda t: _INCLUDING_RE.search(t))


# -- issue 11, last stretch: the shapes of the new rules ------------------------------------


@pytest.mark.parametrize("n", [3, 30, 300])
def test_appositive_trailing_speaker(n: int) -> None:
    # "CONTENT, TITLE, NAME, said.": the look-back for the title and name is bounded.
    text = "Dialogue is the only path" + ", Aa Bb" * n + ", said."
    assert _extract(text) == [(text[: -len(", Aa Bb, Aa Bb, Aa Bb, said.")], "reported", "Aa Bb, Aa Bb", None, ())]
    got = _extract("Dialogue is the only path" + ", x" * n + ", the embassy's spokesperson, Hu Lan, said.")
    assert got == [("Dialogue is the only path" + ", x" * n, "reported", "Hu Lan", None, ())]


def test_appositive_trailing_speaker_linear() -> None:
    _assert_linear(lambda n: "Talks are the way" + ", Aa Bb" * (n // 7) + ", said.", _extract)
    _assert_linear(lambda n: "Talks are the way, Aa Bb" + ", said on" * (n // 9) + ".", _extract)


def test_other_speakers_and_interposed_linear() -> None:
    # "…, and others argued that …" repeated: a loop, not recursion, and linear.
    text = "Several speakers said that aid had slowed" + ", and others argued that aid had slowed" * 2000 + "."
    got = _extract(text)
    assert len(got) == 2001 and got[-1][2] == "Others"
    _assert_linear(lambda n: "Several speakers said that aid had slowed" + ", and others argued that x y z" * (n // 30) + ".", _extract)
    _assert_linear(lambda n: "The offer stands, the spokesman said" + ", and it had x y" * (n // 16) + ".", _extract)
    _assert_linear(lambda n: "Many members regretted the delay" + ", the delay" * (n // 11) + ", stressing that aid must flow.", _extract)


def test_question_frames_linear() -> None:
    from positions.attribution.drafts import _QUESTION_RE

    _assert_linear(lambda n: "x" + "? " * (n // 2) + "x", lambda t: _QUESTION_RE.search(t))
    _assert_linear(lambda n: "x" + ", he asked" * (n // 10) + " x", lambda t: _QUESTION_RE.search(t))


def test_wire_shapes_linear() -> None:
    """Wire copy (attribution/wire.py): "quoted … as saying" and "according to" repeated in one
    sentence, sources with restrictive clauses, and many narrated persons before "he said"."""
    text = "Kyodo quoted Defense Minister Aiko Mori as saying that Tokyo would act."
    assert _extract(text) == [("Tokyo would act", "reported", "Aiko Mori", "JPN", ("JPN",))]
    _assert_linear(lambda n: "Yonhap quoted an official as " * (n // 30) + "x.", _extract)
    _assert_linear(lambda n: "But according to a source who asked " * (n // 36) + "x.", _extract)
    _assert_linear(lambda n: "x, Yonhap reported, citing " * (n // 27) + "x.", _extract)
    _assert_linear(lambda n: "x, one analyst at a " * (n // 20) + "said.", _extract)
    _assert_linear(lambda n: "Kim said x, KCNA reported" * (n // 25) + ".", _extract)
    _assert_linear(lambda n: "Ann Lee: " * (n // 9) + '"x y z w."', _extract)
    _assert_linear(lambda n: "Ann said x, while the Council said " * (n // 35) + "x.", _extract)
    _assert_linear(lambda n: "Minister Aiko Mori met Secretary Ken Ito after talks. " * (n // 55) + '"We act," he said.', _extract)


def test_many_relative_cues_in_one_sentence_linear() -> None:
    """Thousands of "X, who said …," before the sentence's own cue: the shared-subject check
    at each cue looked back over the whole phrase (quadratic until it looked only at the words
    before the cue)."""
    _assert_linear(lambda n: "The envoy " + "Kim, who said in Hanoi that talks mattered, " * (n // 44) + "said x.", _extract)
    _assert_linear(lambda n: "The envoy " + "Kim, who said in Hanoi " * (n // 23) + "and also said x.", _extract)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["and", "but", "also", "x", " ", "  ", "\n", "said", ","]), max_size=12), st.integers(0, 5))
def test_shared_subject_window_finds_what_the_whole_search_finds(words, ps) -> None:
    from positions.attribution.clauses import _SHARED_SUBJECT_RE
    from positions.attribution.connectives import shared_subject_window

    masked = " ".join(words) + " "
    ps = min(ps, len(masked))
    for cs in range(ps, len(masked) + 1):
        whole = _SHARED_SUBJECT_RE.search(masked, ps, cs)
        tail = _SHARED_SUBJECT_RE.search(masked, shared_subject_window(masked, ps, cs), cs)
        assert (whole is None) == (tail is None) and (whole is None or whole.span() == tail.span())
