"""The real UN General Debate corpus: every speech read, with the right country and year."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from positions.model import DatePrecision, DateSource, Span
from positions.sources import iter_articles

@pytest.fixture(scope="module")
def speeches(ungdc):
    errors = []
    articles = list(iter_articles([ungdc], on_error=lambda p, e: errors.append(str(e))))
    assert errors == []
    return articles


def test_all_371_speeches_are_read(speeches):
    assert len(speeches) == 371
    assert len({a.path for a in speeches}) == 371


def test_country_and_year_come_from_the_file_name(speeches):
    for a in speeches:
        country, session, year = re.fullmatch(
            r"([A-Z]{3})_(\d+)_(\d{4})\.txt", Path(a.path).name
        ).groups()
        assert a.country == country
        assert a.date.year == int(year) and a.date.precision == DatePrecision.YEAR
        assert a.date_from == DateSource.FILE_NAME
        assert (a.source, a.layout, a.warnings) == ("UNGDC", "ungdc", ())
        assert a.title == f"UN General Debate, session {int(session)} ({year})"


def test_no_text_is_lost(speeches):
    for a in speeches:
        raw = Path(a.path).read_bytes()
        assert a.text.encode("utf-8") == raw  # BOMs and CR/CRLF kept
        assert Span(0, len(a.text)).contains(a.body)
        assert a.text[: a.body.start].strip("\ufeff \t\r\n") == ""
        assert a.text[a.body.end :].strip() == ""


def test_countries(speeches):
    counts = {}
    for a in speeches:
        counts[a.country] = counts.get(a.country, 0) + 1
    assert counts == {"CHN": 78, "JPN": 68, "KOR": 34, "PRK": 34, "RUS": 78, "USA": 79}
