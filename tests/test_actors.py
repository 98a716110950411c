"""Actors gazetteer: lookups, dated offices, user files and errors."""

from __future__ import annotations

import pytest

from positions.actors import ActorsError, load_gazetteer
from positions.model import PartialDate


@pytest.fixture(scope="module")
def gz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "phrase, code",
    [
        ("Moscow", "RUS"), ("the Kremlin", "RUS"), ("Pyongyang", "PRK"), ("the Blue House", "KOR"),
        ("Washington", "USA"), ("Beijing", "CHN"), ("Tokyo", "JPN"), ("DPRK", "PRK"), ("ROK", "KOR"),
        ("South Korean", "KOR"), ("North Korean", "PRK"), ("U.S.", "USA"), ("the State Department", "USA"),
        ("KCNA", "PRK"), ("Chinese Foreign Ministry spokesman", "CHN"), ("the United Nations", "UN"),
    ],
)  # fmt: skip
def test_country_of(gz, phrase, code):
    assert gz.country_of(phrase) == code


def test_metonym_and_unknown(gz):
    assert gz.metonym("Pyongyang") == "PRK"
    assert gz.metonym("Russia") is None
    assert gz.country_of("the weather") is None


def test_offices_by_date(gz):
    assert gz.office("Qin Gang", PartialDate(2010)) == ("CHN", "foreign ministry spokesman")
    assert gz.office("Qin Gang", PartialDate(2023, 3)) == ("CHN", "foreign minister")
    assert gz.office("Wang Yi", PartialDate(2021, 12, 23)) == ("CHN", "foreign minister")
    assert gz.person("Kulik").name == "Andrey Kulik"
    assert gz.person("Zhao").name == "Zhao Lijian"  # family name first
    assert gz.person("Wang") is None  # Wang Yi or Wang Wenbin
    assert gz.person("Kim") is None  # ambiguous


def test_user_file_adds(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text(
        '[countries.RUS]\nmetonyms = ["Smolenskaya Square"]\n'
        '[[persons]]\nname = "Ivan Petrov"\ncountry = "RUS"\noffices = [{role = "envoy", from = "2020"}]\n',
        encoding="utf-8",
    )
    gz = load_gazetteer([f])
    assert gz.country_of("Smolenskaya Square") == "RUS"
    assert gz.country_of("Moscow") == "RUS"  # the bundled names stay
    assert gz.office("Petrov") == ("RUS", "envoy")


def test_bad_file_names_it(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text("[[persons]]\nname = 'X'\n", encoding="utf-8")
    with pytest.raises(ActorsError, match=r"bad.toml: persons\[0\]: needs a name and a country"):
        load_gazetteer([f])
    g = tmp_path / "broken.toml"
    g.write_text("[countries", encoding="utf-8")
    with pytest.raises(ActorsError, match="broken.toml: invalid TOML"):
        load_gazetteer([g])
