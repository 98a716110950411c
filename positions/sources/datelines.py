"""Wire datelines: where and when a story was filed, and by which outlet.

Recognised forms (place in capitals, or in title case where a date and an outlet in
parentheses make the dateline unmistakable; dashes may be ``-``, ``--``, en or em dashes)::

    SEOUL, December 23. /TASS/.            TASS
    SEOUL, December 23, 2021. /TASS/.      TASS, with a year
    SEOUL (Reuters) -                      Reuters, AP, AFP: no date
    BEIJING, Oct. 8 (Xinhua) --            Xinhua, Yonhap, KCNA: month and day
    Pyongyang, September 20 (KCNA) --      KCNA writes the place in title case
    SEOUL, 23 December (Yonhap) --         day before month
    SEOUL, South Korea (AP) —              AP: place and region
    TOKYO, Kyodo --                        Kyodo: outlet after the place
    SEOUL, Dec. 23 --                      a date and no outlet

>>> d = parse_dateline("SEOUL, December 23. /TASS/. Moscow is ready")
>>> d.place, d.source, d.month, d.day, d.year, d.span
('Seoul', 'TASS', 12, 23, None, Span(start=0, end=27))
>>> parse_dateline("Moscow is ready to facilitate dialogue.") is None
True
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

from ..model import Span
from .dates import MONTH_PATTERN, month_number

__all__ = ["Dateline", "parse_dateline", "body_start", "place_name"]


@attrs.frozen
class Dateline:
    """A dateline found at the start of a text: its span and what it says."""

    span: Span
    place: str
    source: Optional[str] = None
    month: Optional[int] = None
    day: Optional[int] = None
    year: Optional[int] = None

    def label(self, text: str) -> str:
        """The dateline as written, without the outlet and dashes, for messages."""
        return self.span.slice(text)


_UPPER_PLACE = r"[A-Z][A-Z'.\-]*[A-Z.](?:[ ][A-Z][A-Z'.\-]*[A-Z.]){0,3}"
_TITLE_PLACE = r"[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}"
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])"
_DATE = (
    rf"(?:(?P<mon1>{MONTH_PATTERN})[ ]+(?P<day1>{_DAY})"
    rf"|(?P<day2>{_DAY})[ ]+(?P<mon2>{MONTH_PATTERN}))"
    r"(?:,?[ ]+(?P<year>1[89][0-9]{2}|2[0-9]{3}))?"
)
_DASH = r"(?:--|[-\u2013\u2014\u2015])"
_PAREN_OUTLET = r"\((?P<outlet>[A-Z][A-Za-z.&\-]*(?:[ ][A-Z][A-Za-z.&\-]*){0,3})\)"
_REGION = r"(?P<region>(?!" + MONTH_PATTERN + r"[ ])[A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"

_FORMS = [
    # SEOUL, December 23. /TASS/.
    re.compile(
        rf"(?P<place>{_UPPER_PLACE}),[ ]+{_DATE}\.?[ ]*"
        r"/(?P<outlet>[A-Z][A-Za-z\-]*(?:[ ][A-Z][A-Za-z\-]*)?)/\.?"
    ),
    # BEIJING, Oct. 8 (Xinhua) -- · Pyongyang, September 20 (KCNA) --
    re.compile(
        rf"(?P<place>{_UPPER_PLACE}|{_TITLE_PLACE}),[ ]+{_DATE}[ ]+{_PAREN_OUTLET}[ ]*{_DASH}"
    ),
    # SEOUL (Reuters) - · SEOUL, South Korea (AP) —
    re.compile(rf"(?P<place>{_UPPER_PLACE})(?:,[ ]+{_REGION})?[ ]+{_PAREN_OUTLET}[ ]*{_DASH}"),
    # TOKYO, Kyodo --
    re.compile(
        rf"(?P<place>{_UPPER_PLACE}),[ ]+"
        rf"(?P<outlet>(?!{MONTH_PATTERN}[ ])[A-Z][A-Za-z]+(?:[ ][A-Z][A-Za-z]+)?)[ ]*{_DASH}"
    ),
    # SEOUL, Dec. 23 --
    re.compile(rf"(?P<place>{_UPPER_PLACE}),[ ]+{_DATE}[ ]*{_DASH}"),
]

_LEADING = re.compile(r"[\ufeff\s]*")
_AFTER = re.compile(r"(?=\s|$)")


def place_name(raw: str) -> str:
    """A place as positions shows it: capitals become title case, other spellings stay.

    >>> place_name("SEOUL"), place_name("ST. PETERSBURG"), place_name("Pyongyang")
    ('Seoul', 'St. Petersburg', 'Pyongyang')
    """
    if raw != raw.upper():
        return raw
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in raw.split(" "))


def parse_dateline(text: str, start: int = 0) -> Optional[Dateline]:
    """The wire dateline at the start of ``text`` (from ``start``, after white space), if any.

    >>> d = parse_dateline("BEIJING, Oct. 8 (Xinhua) -- China said")
    >>> d.place, d.source, d.month, d.day, d.span.slice("BEIJING, Oct. 8 (Xinhua) -- China said")
    ('Beijing', 'Xinhua', 10, 8, 'BEIJING, Oct. 8 (Xinhua) --')
    """
    pos = body_start(text, start)
    for form in _FORMS:
        m = form.match(text, pos)
        if m is None or not _AFTER.match(text, m.end()):
            continue
        g = m.groupdict()
        mon = g.get("mon1") or g.get("mon2")
        day = g.get("day1") or g.get("day2")
        year = g.get("year")
        return Dateline(
            span=Span(m.start(), m.end()),
            place=place_name(g["place"]),
            source=g.get("outlet"),
            month=month_number(mon) if mon else None,
            day=int(day) if day else None,
            year=int(year) if year else None,
        )
    return None


def body_start(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not white space (or a BOM)."""
    m = _LEADING.match(text, pos)
    assert m is not None  # the pattern matches the empty string too
    return m.end()
