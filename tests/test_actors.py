"""Actors gazetteer: lookups, dated offices, user files and errors; every state, its UN
name forms, demonyms and capitals; UN bodies and offices; the one-pass matcher."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --------------------------------------------------------------------------------------
# Every state: UN name forms, alternative names, demonyms, capitals (countries.toml)

ROOT = Path(__file__).resolve().parents[1]
_GZ = load_gazetteer()
# Codes that are not ISO 3166-1 alpha-3: international organizations, and Kosovo's
# user-assigned code.
_NOT_ISO = {"UN", "EU", "IAEA", "ASEAN", "AU", "NATO", "OSCE", "OAS", "LAS", "OIC", "GCC", "ECOWAS", "CARICOM", "XKX"}


@pytest.mark.parametrize(
    "phrase, code",
    [
        # UN official and short forms
        ("the Plurinational State of Bolivia", "BOL"), ("the Bolivarian Republic of Venezuela", "VEN"),
        ("the Islamic Republic of Iran", "IRN"), ("the Russian Federation", "RUS"),
        ("the Democratic People's Republic of Korea", "PRK"), ("the Democratic People’s Republic of Korea", "PRK"),
        ("the Republic of Korea", "KOR"), ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Turkey", "TUR"),
        ("the United Kingdom of Great Britain and Northern Ireland", "GBR"), ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"), ("Côte d’Ivoire", "CIV"), ("the Syrian Arab Republic", "SYR"),
        ("the United Republic of Tanzania", "TZA"), ("the Republic of Moldova", "MDA"),
        ("the Lao People's Democratic Republic", "LAO"), ("the Federated States of Micronesia", "FSM"),
        ("the Kingdom of the Netherlands", "NLD"), ("the Niger", "NER"), ("Nigeria", "NGA"),
        ("the Sudan", "SDN"), ("South Sudan", "SSD"), ("the Congo", "COG"),
        ("the Democratic Republic of the Congo", "COD"), ("Viet Nam", "VNM"), ("Brunei Darussalam", "BRN"),
        ("Cabo Verde", "CPV"), ("Timor-Leste", "TLS"), ("North Macedonia", "MKD"),
        ("the State of Palestine", "PSE"), ("the Holy See", "VAT"), ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"), ("Papua New Guinea", "PNG"), ("Saint Vincent and the Grenadines", "VCT"),
        ("São Tomé and Príncipe", "STP"), ("Sao Tome and Principe", "STP"), ("the United States of America", "USA"),
        ("the People's Republic of China", "CHN"), ("the Gambia", "GMB"), ("the Philippines", "PHL"),
        # common alternative and former names
        ("Ivory Coast", "CIV"), ("Burma", "MMR"), ("Myanmar", "MMR"), ("Czechia", "CZE"),
        ("the Czech Republic", "CZE"), ("Swaziland", "SWZ"), ("Eswatini", "SWZ"), ("Cape Verde", "CPV"),
        ("East Timor", "TLS"), ("the former Yugoslav Republic of Macedonia", "MKD"), ("Holland", "NLD"),
        ("DRC", "COD"), ("Zaire", "COD"), ("the UAE", "ARE"), ("the Soviet Union", "RUS"), ("USSR", "RUS"),
        ("Kosovo", "XKX"), ("Taiwan", "TWN"), ("Chinese Taipei", "TWN"), ("the Vatican", "VAT"),
        # demonyms and adjectives
        ("Bolivian", "BOL"), ("Emirati", "ARE"), ("Ivorian", "CIV"), ("Burkinabe", "BFA"), ("Nigerien", "NER"),
        ("Nigerian", "NGA"), ("South Sudanese", "SSD"), ("Sudanese", "SDN"), ("Bissau-Guinean", "GNB"),
        ("Guinean", "GIN"), ("Filipino", "PHL"), ("Kyrgyz", "KGZ"), ("Saudi", "SAU"), ("Dutch", "NLD"),
        ("Dominican", "DOM"), ("Kosovar", "XKX"), ("Palestinian", "PSE"), ("Soviet", "RUS"),
        # capitals and seats of government that stand for their state
        ("Tbilisi", "GEO"), ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Naypyidaw", "MMR"), ("Bogotá", "COL"),
        ("Bogota", "COL"), ("Yaoundé", "CMR"), ("Malé", "MDV"), ("Abu Dhabi", "ARE"), ("Nur-Sultan", "KAZ"),
        ("Ramallah", "PSE"), ("Taipei", "TWN"), ("Pristina", "XKX"),
        # inside longer phrases
        ("the representative of the Russian Federation", "RUS"), ("the Emirati delegate", "ARE"),
        ("the Ivorian Foreign Ministry", "CIV"), ("Mr. Nebenzia (Russian Federation)", "RUS"),
        ("the delegate of the Plurinational State of Bolivia", "BOL"),
        ("Bolivia (Plurinational State of)", "BOL"), ("Ms. Doe (Iran (Islamic Republic of))", "IRN"),
        # international organizations keep their own codes
        ("NATO", "NATO"), ("ASEAN", "ASEAN"), ("the African Union", "AU"), ("the Arab League", "LAS"),
    ],
)  # fmt: skip
def test_country_of_every_state(gz, phrase, code):
    assert gz.country_of(phrase) == code


@pytest.mark.parametrize(
    "phrase",
    [
        # capitals that are common words, personal names or other places: not metonyms
        "Victoria", "Praia", "Male", "Lima", "Kingston", "Georgetown", "Santiago", "Sofia", "Nassau",
        "Vienna", "Addis Ababa", "Jerusalem", "Hanoi", "Amsterdam", "the Hague",
        "Nice", "Victoria Nuland", "Male delegates", "the Lima Group",
        # demonyms two states share
        "Congolese", "Central African", "Korean",
        # places and papers that contain a state's name
        "the South China Sea", "the Taiwan Strait", "Latin American", "the Gulf of Guinea",
        "the Cairo Declaration", "the Paris Agreement", "the Rome Statute", "the Washington Post",
        # a bare code is a lookup key, not a word of running text
        "PUTIN AND XI MEET", "THEY CAN",
    ],
)  # fmt: skip
def test_names_that_must_not_fire(gz, phrase):
    assert gz.country_of(phrase) is None


def test_a_bare_code_is_still_a_lookup_key(gz):
    assert gz.country_of("TUR") == "TUR" and gz.country_of("AND") == "AND"
    assert gz.mentions("AND CAN TUR") == []


@pytest.mark.parametrize(
    "text, codes",
    [
        ("Guinea-Bissau and Guinea", ["GNB", "GIN"]),
        ("Papua New Guinea and Equatorial Guinea", ["PNG", "GNQ"]),
        ("the Niger and Nigeria", ["NER", "NGA"]),
        ("the Dominican Republic and Dominica", ["DOM", "DMA"]),
        ("the Sudan and South Sudan", ["SDN", "SSD"]),
        ("the Republic of Korea and the Democratic People's Republic of Korea", ["KOR", "PRK"]),
        ("the Congo and the Democratic Republic of the Congo", ["COG", "COD"]),
        ("the United\nStates and the Russian\nFederation", ["USA", "RUS"]),  # hard-wrapped
        ("Cairo said the Cairo Declaration stands", ["EGY"]),
    ],
)  # fmt: skip
def test_longest_name_wins(gz, text, codes):
    assert [gz.country_of_hit(m) for m in gz.mentions(text)] == codes


def test_un_bodies_and_offices_have_no_country(gz):
    assert gz.lookup("the Security Council") == ("institution", "Security Council")
    assert gz.institution("Security Council").kind == "un_body"
    assert gz.institution("Secretary-General").kind == "un_office"
    for phrase in ("the Security Council", "the UN Security Council", "the General Assembly",
                   "the Secretary-General", "UN Secretary-General", "the Deputy Secretary-General",
                   "the Under-Secretary-General for Political and Peacebuilding Affairs",
                   "Assistant Secretary-General for the Middle East, Asia and the Pacific"):  # fmt: skip
        assert gz.lookup(phrase) is not None and gz.lookup(phrase)[0] == "institution", phrase
        assert gz.country_of(phrase) is None, phrase
    text = "said the Under-Secretary-General for Political and Peacebuilding Affairs, Rosemary DiCarlo"
    (m,) = gz.mentions(text)
    assert (m.kind, m.key, m.surface) == (
        "institution", "Under-Secretary-General", "the Under-Secretary-General for Political and Peacebuilding Affairs"
    )  # fmt: skip
    assert gz.country_of("the United Nations") == "UN"  # the organization stays an actor
    assert gz.speaks_for_no_state("The Security Council") and gz.speaks_for_no_state("UN Secretary-General")
    assert gz.speaks_for_no_state("the Assistant Secretary-General for Africa, Jane Roe")
    assert not gz.speaks_for_no_state("the Foreign Ministry") and not gz.speaks_for_no_state("the Kremlin")
    assert not gz.speaks_for_no_state("the United Nations")  # the organization: code UN


def test_country_of_hit_is_public_and_takes_mentions(gz):
    assert gz.country_of_hit(("adjective", "ARE")) == "ARE"
    assert gz.country_of_hit(("person", "Sergei Lavrov")) == "RUS"
    assert gz.country_of_hit(("generic_institution", "Foreign Ministry")) is None
    (m,) = gz.mentions("the Bolivian envoy")
    assert gz.country_of_hit(m) == "BOL"
    assert gz.country_of_hit(("metonym", "PRK")) == "PRK"


def test_user_file_adds_not_actors_and_venue_nouns(tmp_path):
    f = tmp_path / "mine.toml"
    f.write_text('not_actors = ["Chad Basin"]\nvenue_nouns = ["Forum"]\n', encoding="utf-8")
    gz = load_gazetteer([f])
    assert gz.country_of("the Chad Basin") is None and gz.country_of("Chad") == "TCD"
    assert gz.country_of("the Tbilisi Forum") is None and gz.country_of("Tbilisi") == "GEO"


def test_every_state_is_there():
    states = [c for c in _GZ.countries if c not in _NOT_ISO or c == "XKX"]
    assert len(states) == 197  # 193 UN members, 2 observer states, Kosovo, Taiwan


def test_every_code_is_alpha3_and_every_name_resolves_back():
    try:
        import pycountry
    except ImportError:  # the test extra installs it; without it, the format is checked
        pycountry = None
    for code, c in _GZ.countries.items():
        if code not in _NOT_ISO:
            assert re.fullmatch(r"[A-Z]{3}", code), code
            if pycountry is not None:
                assert pycountry.countries.get(alpha_3=code) is not None, code
        for name in (c.name, *c.names, *c.adjectives, *c.metonyms):
            assert _GZ.country_of(name) == code, (code, name)


_NAMES = sorted(
    {(n, code) for code, c in _GZ.countries.items() for n in (c.name, *c.names, *c.adjectives, *c.metonyms)}
)
_WORDS = st.lists(st.from_regex(r"[a-z]{1,9}", fullmatch=True), max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_NAMES), _WORDS, _WORDS)
def test_a_name_in_running_text_is_found_with_its_span(item, before, after):
    name, code = item
    before = before + " " if before else ""
    text = f"{before}{name} {after}".rstrip()
    ms = _GZ.mentions(text)
    hit = [m for m in ms if m.span.start <= len(before) and m.span.end >= len(before) + len(name)]
    assert len(hit) == 1 and _GZ.country_of_hit(hit[0]) == code, (text, ms)
    assert hit[0].span.slice(text) == hit[0].surface


def _make_countries():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import make_countries
    finally:
        sys.path.pop(0)
    return make_countries


def test_generated_countries_file_is_up_to_date():
    import importlib.metadata

    pytest.importorskip("pycountry")
    committed = (ROOT / "positions" / "data" / "countries.toml").read_text(encoding="utf-8")
    version = importlib.metadata.version("pycountry")
    if f"# {version} (ISO 3166-1)" not in committed:  # the test extra pins the file's version
        pytest.skip(f"pycountry {version} is not the version countries.toml was made from")
    assert _make_countries().generate() == committed


_FAKE_ISO_ROWS = {"BOL": ("Bolivia, Plurinational State of", "Plurinational State of Bolivia"), "PER": ("Peru", "Republic of Peru")}


class _FakeISO:
    """Stands in for ``pycountry.countries``: two codes."""

    def get(self, alpha_3):
        row = _FAKE_ISO_ROWS.get(alpha_3)
        return None if row is None else type("C", (), {"name": row[0], "official_name": row[1]})()


def test_generator_merges_iso_names_and_refuses_a_bad_table():
    mc = _make_countries()
    out = mc.build({"BOL": {"name": "Bolivia", "adjectives": ["Bolivian"], "capital": "La Paz"},
                    "PER": {"name": "Peru", "capital": "Lima", "capital_not_metonym": "a surname"}}, _FakeISO())  # fmt: skip
    assert out["BOL"]["names"] == ["Bolivia", "Plurinational State of Bolivia"]
    assert out["BOL"]["metonyms"] == ["La Paz"] and out["PER"]["metonyms"] == []
    assert mc.uninvert("Congo, The Democratic Republic of the") == ["Democratic Republic of the Congo"]
    assert mc.fold("Côte d'Ivoire") == "Cote d'Ivoire"
    with pytest.raises(mc.TableError, match="XYZ is not an ISO 3166-1 alpha-3 code"):
        mc.build({"XYZ": {"name": "Nowhere"}}, _FakeISO())
    with pytest.raises(mc.TableError, match="'Inca' names both BOL and PER"):
        mc.build({"BOL": {"name": "Bolivia", "names": ["Inca"]}, "PER": {"name": "Peru", "names": ["Inca"]}}, _FakeISO())
    with pytest.raises(mc.TableError, match=r"BOL: unknown field\(s\) \['capitol'\]"):
        mc.build({"BOL": {"name": "Bolivia", "capitol": "La Paz"}}, _FakeISO())
