"""The gazetteer's records: states and organizations, institutions, persons and the offices
they held, and a name found in a text (:class:`Mention`).

>>> from positions.model import PartialDate
>>> Office("foreign minister", PartialDate(2004, 3, 9)).holds_on(PartialDate(2021, 12, 23))
True
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

import attrs

from ..model import PartialDate, Span

__all__ = ["UN_KINDS", "Country", "Institution", "Office", "Person", "Mention"]

# Institution kinds that speak for no state: UN organs and bodies, UN offices.
UN_KINDS = frozenset({"un_body", "un_office"})


@attrs.frozen
class Country:
    """A state (ISO 3166-1 alpha-3 code; XKX for Kosovo) or an international organization
    (its own code: UN, EU, IAEA, NATO…) with the names text uses for it. ``capital`` is
    recorded for every state; only ``metonyms`` stand for it in text."""

    code: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str = ""
    metonyms: tuple[str, ...] = ()


@attrs.frozen
class Institution:
    """A named body. ``kind`` says what it is: ministry, presidency, media, party; ``un_body``
    (Security Council, General Assembly…) and ``un_office`` (Secretary-General…) have no
    ``country``, nor do the generic bodies every state has ("Foreign Ministry")."""

    name: str
    aliases: tuple[str, ...] = ()
    country: Optional[str] = None  # None for generic bodies ("Foreign Ministry")
    kind: str = "institution"


@attrs.frozen
class Office:
    role: str
    start: Optional[PartialDate] = None
    end: Optional[PartialDate] = None

    def holds_on(self, date: Optional[PartialDate]) -> bool:
        if date is None:
            return True
        d = date.first_day()
        if self.start is not None and d < self.start.first_day():
            return False
        if self.end is not None and d > _last_day(self.end):
            return False
        return True


def _last_day(p: PartialDate) -> dt.date:
    if p.day is not None:
        return p.first_day()
    if p.month is not None:
        nxt = dt.date(p.year + (p.month == 12), p.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(p.year, 12, 31)


@attrs.frozen
class Person:
    name: str
    country: str
    aliases: tuple[str, ...] = ()
    gender: Optional[str] = None
    offices: tuple[Office, ...] = ()
    surname: str = ""

    def role_on(self, date: Optional[PartialDate]) -> Optional[str]:
        """The role held on ``date`` (the latest office when ``date`` is None)."""
        held = [o for o in self.offices if o.holds_on(date)]
        if held:
            return held[-1].role
        return None


@attrs.frozen
class Mention:
    """A gazetteer name found in a text: ``kind`` is country, adjective, metonym,
    institution, generic_institution or person; ``key`` the country code, the institution
    name or the person's name."""

    kind: str
    key: str
    span: Span
    surface: str
