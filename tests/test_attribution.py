"""Attribution: labelled cases in varied news styles, the seed, bad input, properties."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from positions.actors import load_gazetteer
from positions.attribution import extract_statements
from positions.attribution.quotes import find_quotes
from positions.model import Article, PartialDate, Span

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted((ROOT / "tests" / "data" / "attribution").glob("*.json"))
# Known failures: a fix is noticed because these are strict.
XFAIL: dict[str, str] = {
    "joint_subject_modal_is_speakers": "limit: a prediction built on a stance verb ('will never agree on everything') reads as a joint stance",
}


def _article(text: str, **kw) -> Article:
    return Article("t", "t.txt", text, Span(0, len(text)), **kw)


def _norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_labelled_case(path: Path, gz, request):
    case = json.loads(path.read_text(encoding="utf-8"))
    if case["name"] in XFAIL:
        request.applymarker(pytest.mark.xfail(reason=XFAIL[case["name"]], strict=True))
    meta = {k: case[k] for k in ("source", "country", "title", "place") if k in case}
    got = extract_statements(_article(case["text"], **meta), gazetteer=gz)
    summary = [(s.text, s.kind, s.country, s.holders) for s in got]
    assert len(got) == len(case["expect"]), summary
    for st_, exp in zip(got, case["expect"]):
        assert _norm(st_.text) == _norm(exp["text"])
        assert st_.kind == exp["kind"]
        if "speaker" in exp:
            assert st_.speaker is not None and st_.speaker.name == exp["speaker"]
        if "country" in exp:
            assert st_.country == exp["country"]
        if "holders" in exp:
            assert list(st_.holders) == exp["holders"]
        if "parts" in exp:
            assert len(st_.parts) == exp["parts"]
        for p in st_.parts:
            assert st_.span.contains(p)


SEED = ROOT / "seeds" / "000_1792fb935fd71937.txt"


def test_seed_statements_exact(gz):
    text = SEED.read_text(encoding="utf-8")
    body = text.index("Moscow is ready")
    got = extract_statements(_article(text, source="TASS", date=PartialDate(2021, 12, 23)).__class__(
        "seed", "seed.txt", text, Span(body, len(text)), source="TASS", date=PartialDate(2021, 12, 23)), gazetteer=gz)
    assert [(s.kind, s.speaker.name, s.speaker.role, s.country, s.holders) for s in got] == [
        ("reported", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS",)),
        ("direct", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS",)),
        ("direct", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS",)),
        ("mixed", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS",)),
        ("reported", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS", "CHN")),
        ("direct", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS", "KOR")),
        ("reported", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS", "CHN")),
        ("reported", "Andrey Kulik", "ambassador to Seoul", "RUS", ("KOR",)),
        ("direct", "Andrey Kulik", "ambassador to Seoul", "RUS", ("RUS",)),
    ]
    assert got[2].evidence == ("'the envoy' → Andrey Kulik, nearest earlier speaker with a diplomatic role",)
    assert got[1].text.startswith("Russia is actively engaged") and got[1].text.endswith("diplomatic means")
    assert got[1].cue.slice(text) == "pointed out"
    for s in got:  # one-part statements are exactly their span's original characters
        assert s.text == s.span.slice(text)


def test_document_statement_for_ungdc():
    text = "\ufeffMr. President,\r\nWe support dialogue.\r\n"
    a = Article("u", "CHN_74_2019.txt", text, Span(1, len(text)), country="CHN", layout="ungdc")
    (st_,) = extract_statements(a)
    assert (st_.kind, st_.country, st_.holders, st_.text) == ("document", "CHN", ("CHN",), "Mr. President,\r\nWe support dialogue.")


@pytest.mark.parametrize(
    "text",
    [
        "",
        '"',
        '""""',
        '" " " said he "',
        '"Never closed, he said. And on and on',
        "He said.",
        '"a" "b" "c" said',
        "«»«»",
        "’’’ Korea’s ’",
        ", said ,",
        "According to",
        "QUESTION:\nA:",
    ],
)
def test_odd_input_never_raises(text):
    for s in extract_statements(_article(text)):
        assert 0 <= s.span.start <= s.span.end <= len(text)


def test_five_megabyte_paragraph_is_linear_enough():
    chunk = "The talks went on and on without a break. " * 8 + '"We want peace," he said, adding that it was late. '
    text = chunk * (5_000_000 // len(chunk))
    got = extract_statements(_article(text))
    assert len(got) == 2 * (5_000_000 // len(chunk))


def test_no_statements():
    assert extract_statements(_article("Snow fell on Seoul on Tuesday.\nThe market was closed.")) == ()


def test_apostrophes_are_not_quotes():
    t = "Korea’s and the Peninsula’s issues."
    assert find_quotes(t.replace("’", "'"), [Span(0, len(t))]) == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab "“”«»\'’.,:\nsaidhe ')), max_size=120))
def test_spans_always_inside_text(text):
    for s in extract_statements(_article(text)):
        assert 0 <= s.span.start <= s.span.end <= len(text)
        for p in s.parts:
            assert s.span.contains(p)
            assert p.slice(text).strip()
