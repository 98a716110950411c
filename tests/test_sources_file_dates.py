"""Dates from file names (``2021-09-24-kcna.txt``), and undated articles read, not refused."""

from __future__ import annotations

import pytest

from positions.model import DateSource, PartialDate
from positions.sources import iter_articles, read_article
from positions.sources.dates import file_name_date

KCNA = "PYONGYANG, September 24 (KCNA) -- A spokesman of the ministry said the talks must go on.\n"


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    "name,iso",
    [
        ("2021-09-24-kcna-statement.txt", "2021-09-24"),
        ("2021-09-24_kcna.txt", "2021-09-24"),
        ("20210924-kcna.txt", "2021-09-24"),
        ("2021-09-kcna.txt", "2021-09"),
        ("2021-09-24.md", "2021-09-24"),
        ("kcna-2021-09-24.txt", None),  # only a date that starts the name
        ("2021-kcna.txt", None),  # a bare year is not read as a date
        ("2021-02-30-x.txt", None),  # no such day
        ("CHN_74_2019.txt", None),
        ("202109241-x.txt", None),
    ],
)
def test_file_name_dates(name, iso):
    found = file_name_date(name)
    assert (found.iso() if found else None) == iso


def test_a_yearless_dateline_takes_the_year_of_the_file_name(tmp_path):
    a = read_article(write(tmp_path / "2021-09-24-kcna-statement.txt", KCNA))
    assert (a.date, a.date_from, a.place, a.source, a.warnings) == (
        PartialDate(2021, 9, 24),
        DateSource.DATELINE_FILE_NAME_YEAR,
        "Pyongyang",
        "KCNA",
        (),
    )


def test_a_dateline_and_a_file_name_that_disagree_keep_the_dateline_and_warn(tmp_path):
    a = read_article(write(tmp_path / "2021-09-25-kcna.txt", KCNA))
    assert (a.date, a.date_from) == (PartialDate(2021, 9, 24), DateSource.DATELINE_FILE_NAME_YEAR)
    assert a.warnings == (
        "the dateline says 'September 24' but the file name says 2021-09-25; the dateline's day is kept",
    )


def test_a_dateline_of_31_december_in_a_file_of_1_january_is_of_the_year_before(tmp_path):
    text = "SEOUL, December 31 (Yonhap) -- Officials met late on Friday.\n"
    a = read_article(write(tmp_path / "2022-01-01-yonhap.txt", text))
    assert (a.date, a.date_from) == (PartialDate(2021, 12, 31), DateSource.DATELINE_FILE_NAME_YEAR)
    assert a.warnings == (
        "the dateline says 'December 31' but the file name says 2022-01-01; the dateline's day is kept",
    )


def test_no_dateline_the_file_name_dates_it(tmp_path):
    a = read_article(write(tmp_path / "20220120-xinhua-wang.txt", "Wang Yi said dialogue matters.\n"))
    assert (a.date, a.date_from, a.warnings) == (PartialDate(2022, 1, 20), DateSource.FILE_NAME, ())
    b = read_article(write(tmp_path / "2022-01-notes.txt", "Talks went on.\n"))
    assert (b.date, b.date_from) == (PartialDate(2022, 1), DateSource.FILE_NAME)


def test_a_dateline_with_its_own_year_wins_over_the_file_name_with_a_warning(tmp_path):
    text = "SEOUL, December 23, 2021. /TASS/. The envoy spoke.\n"
    a = read_article(write(tmp_path / "2021-12-24-tass.txt", text))
    assert (a.date, a.date_from) == (PartialDate(2021, 12, 23), DateSource.DATELINE)
    assert a.warnings == (
        "the file name says 2021-12-24 but the date is 2021-12-23 (from dateline)",
    )


def test_front_matter_and_manifest_win_over_the_file_name(tmp_path):
    write(tmp_path / "2020-01-01-a.md", "---\ndate: 2020-01-01\n---\nTalks.\n")
    write(tmp_path / "2020-01-01-b.md", "---\ndate: 2020-02-01\n---\nTalks.\n")
    write(tmp_path / "2020-01-01-c.txt", KCNA)
    write(tmp_path / "corpus.toml", '[articles."2020-01-01-c.txt"]\nyear = 2019\n')
    arts = list(iter_articles([tmp_path]))
    assert [(a.date.iso(), str(a.date_from), a.warnings) for a in arts] == [
        ("2020-01-01", "front_matter", ()),
        ("2020-02-01", "front_matter",
         ("the file name says 2020-01-01 but the date is 2020-02-01 (from front_matter)",)),
        ("2019-09-24", "dateline+manifest_year",
         ("the file name says 2020-01-01 but the date is 2019-09-24 (from dateline+manifest_year)",)),
    ]  # fmt: skip


def test_the_year_option_fills_only_what_nothing_else_dates_and_says_so(tmp_path):
    write(tmp_path / "2021-09-24-kcna.txt", KCNA)
    write(tmp_path / "2022-01-20-xinhua.txt", "BEIJING, Jan. 20 (Xinhua) -- Wang Yi spoke.\n")
    write(tmp_path / "kcna.txt", KCNA)
    write(tmp_path / "notes.txt", "Talks went on.\n")
    arts = list(iter_articles([tmp_path], year=2021))
    assert [(a.date.iso(), str(a.date_from), a.warnings) for a in arts] == [
        ("2021-09-24", "dateline+file_name_year", ()),
        ("2022-01-20", "dateline+file_name_year", ()),
        ("2021-09-24", "dateline+option_year",
         ("the year 2021 is from --year: nothing in the text, its file name or a manifest dates it",)),
        ("2021", "option",
         ("the year 2021 is from --year: nothing in the text, its file name or a manifest dates it",)),
    ]  # fmt: skip


def test_undated_articles_are_read_with_a_warning(tmp_path):
    write(tmp_path / "kcna.txt", KCNA)
    write(tmp_path / "notes.txt", "Talks went on.\n")
    arts = list(iter_articles([tmp_path]))
    assert [(a.date, a.date_from, a.warnings) for a in arts] == [
        (None, None, (
            "undated: the dateline 'PYONGYANG, September 24 (KCNA) --' gives no year;"
            ' add year = <YYYY> to [articles."kcna.txt"] in corpus.toml beside it, or pass --year',
        )),
        (None, None, ()),
    ]  # fmt: skip


def test_rows_of_an_export_are_not_dated_by_its_file_name(tmp_path):
    write(tmp_path / "2021-09-24-export.jsonl", '{"text": "Talks went on."}\n')
    (a,) = iter_articles([tmp_path])
    assert (a.date, a.date_from) == (None, None)


import datetime  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.dates(min_value=datetime.date(1000, 1, 1)), st.sampled_from(["-", "_", "."]), st.booleans())
def test_every_iso_date_starting_a_name_is_read_back(day, sep, compact):
    iso = day.strftime("%Y%m%d") if compact else day.isoformat()
    assert file_name_date(f"{iso}{sep}story.txt") == PartialDate(day.year, day.month, day.day)
