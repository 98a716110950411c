"""Dates of articles: parsing what a metadata field says, and the weekday check.

Every date is a :class:`~positions.model.PartialDate` (known to the day, the month or only
the year) and travels with a :class:`~positions.model.DateSource` saying where it came from.

>>> parse_date("2021-12-23")
PartialDate(year=2021, month=12, day=23)
>>> parse_date("December 2021").iso()
'2021-12'
>>> weekday_mismatch("He said on Thursday.", PartialDate(2021, 12, 23)) is None
True
>>> weekday_mismatch("He said on Thursday.", PartialDate(2021, 12, 25))
"the text says 'on Thursday' but 2021-12-25 was a Saturday"
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Optional, Union

from ..model import PartialDate

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "month_number",
    "parse_date",
    "file_name_date",
    "weekday_mismatch",
]

# Month names and the abbreviations wire services use (AP's "Sept.", Xinhua's "Oct.").
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    "january february march april may june july august september october november december".split(),
    start=1,
):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)


def month_number(name: str) -> Optional[int]:
    """The number of a month name or abbreviation (``"Oct."`` → 10), else None.

    >>> month_number("Sept."), month_number("december"), month_number("Thursday")
    (9, 12, None)
    """
    return MONTHS.get(name.strip().rstrip(".").lower())


_ISO_RE = re.compile(
    r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?"
)
# "\s*,?\s+" would split a run of white space between its two quantifiers in every way
# before failing (quadratic: "May" and 50 000 spaces took seconds); "(?:\s*,)?\s+" accepts
# the same separators and gives a run of spaces only one way to be read.
_SEP = r"(?:\s*,)?\s+"
_DMY_RE = re.compile(rf"(\d{{1,2}})\s+({MONTH_PATTERN}){_SEP}(\d{{4}})", re.IGNORECASE)
_MDY_RE = re.compile(
    rf"({MONTH_PATTERN})\s+(\d{{1,2}})\s*,\s*(\d{{4}})|({MONTH_PATTERN})\s+(\d{{1,2}})\s+(\d{{4}})",
    re.IGNORECASE,
)
_MY_RE = re.compile(rf"({MONTH_PATTERN}){_SEP}(\d{{4}})", re.IGNORECASE)

DateValue = Union[str, int, _dt.date, _dt.datetime, PartialDate]


def parse_date(value: DateValue) -> PartialDate:
    """Read a metadata date; raise ``ValueError`` (with the reason) when it is not one.

    Accepted: ISO ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (``/`` also, a time part is
    ignored), a year as an integer, ``23 December 2021``, ``December 23, 2021``,
    ``Dec. 2021``, and the date objects YAML and TOML parsers give.

    >>> parse_date("2021-12-23T09:30:00Z").iso(), parse_date(2019).iso()
    ('2021-12-23', '2019')
    >>> parse_date("23 Dec. 2021").iso(), parse_date("December 23, 2021").iso()
    ('2021-12-23', '2021-12-23')
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, _dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int):
        return _checked(value)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    s = value.strip()
    m = _ISO_RE.fullmatch(s)
    if m:
        y, mo, d = m.groups()  # the year is always there
        return _checked(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _DMY_RE.fullmatch(s)
    if m:
        return _checked(int(m.group(3)), month_number(m.group(2)), int(m.group(1)))
    m = _MDY_RE.fullmatch(s)
    if m:
        g = m.groups()
        mon, day, year = g[0:3] if g[0] else g[3:6]
        return _checked(int(year), month_number(mon), int(day))
    m = _MY_RE.fullmatch(s)
    if m:
        return _checked(int(m.group(2)), month_number(m.group(1)))
    raise ValueError(f"unknown date {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")


def _checked(year: int, month: Optional[int] = None, day: Optional[int] = None) -> PartialDate:
    if not 1 <= year <= 9999:
        raise ValueError(f"invalid date: year {year} is out of range")
    try:
        return PartialDate(year, month, day)
    except ValueError:
        parts = [f"{year:04d}"] + [f"{p:02d}" for p in (month, day) if p is not None]
        raise ValueError(f"invalid date {'-'.join(parts)}: no such day") from None


# An ISO date at the start of a file name, as wire archives and our fixtures name files:
# "2021-09-24-kcna.txt", "2021-09-24_kcna.txt", "20210924-kcna.txt", "2021-09-kcna.txt".
# The date must end the name or be followed by a separator, so "2021093-x" or "1234567.txt"
# is no date.
_NAME_DATE_RE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?|(?P<m2>\d{2})(?P<d2>\d{2}))"
    r"(?=[-_. ]|$)"
)


def file_name_date(name: str) -> Optional[PartialDate]:
    """The date an ISO prefix of the file name ``name`` gives (base name taken), else None.

    A prefix that looks like a date but is none (``2021-13-40-x.txt``) gives None too; a bare
    year (``2021-x.txt``) is not read as a date, since names start with numbers of all kinds.

    >>> [file_name_date(n).iso() for n in ("2021-09-24-kcna.txt", "d/20210924_x.md", "2021-09-x.txt")]
    ['2021-09-24', '2021-09-24', '2021-09']
    >>> file_name_date("2021-13-40-x.txt"), file_name_date("1234-notes.txt"), file_name_date("kcna.txt")
    (None, None, None)
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    m = _NAME_DATE_RE.match(base)
    if m is None:
        return None
    month = m.group("m") or m.group("m2")
    day = m.group("d") or m.group("d2")
    if month is None:
        return None
    try:
        return _checked(int(m.group("y")), int(month), int(day) if day else None)
    except ValueError:
        return None


# A weekday in the lead names the day of the event ("on Thursday", AP's "said Thursday"),
# unless it points elsewhere in time ("last Monday", "by Friday").
_WEEKDAY_RE = re.compile(
    r"(?<![Ll]ast )(?<![Nn]ext )(?<![Tt]his )(?<!\bby )"
    r"(?<!until )(?<!since )(?<!before )(?<!after )"
    r"\b(?:[Oo]n )?(" + "|".join(WEEKDAYS) + r")\b"
)


def weekday_mismatch(text: str, date: PartialDate) -> Optional[str]:
    """Say so when the first weekday named in ``text`` fits neither ``date`` nor the day before.

    Wire stories name the day of the event in their lead ("said in an interview with TASS
    on Thursday"). The event may be a day older than the dateline (a story filed the next
    morning, or across time zones), so the day before is accepted too; anything else most
    often means a wrong year or a wrong dateline. Returns None when the date is not known to
    the day, the text names no weekday, or they agree.

    >>> weekday_mismatch("Kulik said on Thursday.", PartialDate(2021, 12, 23)) is None
    True
    >>> weekday_mismatch("Kulik said on Thursday.", PartialDate(2020, 12, 23))
    "the text says 'on Thursday' but 2020-12-23 was a Wednesday"
    """
    if date.day is None:
        return None
    m = _WEEKDAY_RE.search(text)
    if m is None:
        return None
    weekday = date.first_day().weekday()
    named = WEEKDAYS.index(m.group(1))
    if named in (weekday, (weekday - 1) % 7):
        return None
    return f"the text says {m.group(0)!r} but {date.iso()} was a {WEEKDAYS[weekday]}"
