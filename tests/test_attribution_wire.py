"""Wire and analysis copy (attribution/wire.py): what the labelled JSON cases cannot say."""

from __future__ import annotations

import pytest

from positions.actors import load_gazetteer
from positions.attribution import extract_statements
from positions.attribution.wire import in_subject_position, outside_government, strip_restrictive
from positions.model import Article, Span


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


def _statements(text: str, gz):
    return extract_statements(Article("t", "t.txt", text, Span(0, len(text))), gazetteer=gz)


def test_ap_dateline_is_no_part_of_the_speaker(gz):
    text = "BAENGNYEONG ISLAND, South Korea (AP) — South Korea's defense minister warned Monday that any new provocation would be answered in kind.\n"
    (st,) = _statements(text, gz)
    assert st.text == "any new provocation would be answered in kind"
    assert st.speaker.name is None and st.speaker.role == "South Korea's defense minister"
    assert st.country == "KOR"


def test_paragraph_topic_is_recorded_as_evidence(gz):
    text = "Pyongyang was unmoved. Ri Chol Gyu, a senior Foreign Ministry official, said that the drills were a rehearsal for war.\n"
    (st,) = _statements(text, gz)
    assert st.country == "PRK"
    assert "'Foreign Ministry' names no country; the paragraph opens on PRK" in st.evidence


def test_proposed_with_a_noun_object_is_narration(gz):
    text = "China on Sunday proposed emergency talks among the envoys. Seoul proposed that the talks wait until spring.\n"
    assert [s.text for s in _statements(text, gz)] == ["the talks wait until spring"]


@pytest.mark.parametrize(
    ("phrase", "stripped"),
    [
        ("a diplomat who asked not to be named", "a diplomat"),
        ("two officials in Seoul who spoke on condition of anonymity", "two officials in Seoul"),
        ("the talks that began in May", "the talks that began in May"),
    ],
)
def test_strip_restrictive(phrase, stripped):
    assert strip_restrictive(phrase) == stripped


@pytest.mark.parametrize(
    ("phrase", "outside"),
    [
        ("Ruth Adair, a former State Department official now at a think tank", True),
        ("Han Seung-woo, a North Korea specialist at Kyungnam University", True),
        ("Foreign Ministry spokesman Gao Feng", False),
        ("the first vice foreign minister, Choi Jong-kun", False),
        ("the former Soviet Union's ambassador", False),
    ],
)
def test_outside_government(phrase, outside):
    assert outside_government(phrase) is outside


def test_subject_position():
    text = "The warning came two days after Secretary of State Antony Blinken visited Seoul."
    assert not in_subject_position(text, 0, text.index("Antony"))
    text = "Japan's chief cabinet secretary, Yoshimasa Hayashi, voiced concern."
    assert in_subject_position(text, 0, text.index("Yoshimasa"))
