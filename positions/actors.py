"""The actors gazetteer: countries, capitals, demonyms, institutions and office holders.

The data is TOML (bundled ``positions/data/actors.toml``; users add their own files). The
lookups answer the questions attribution asks: which country does a phrase name, which
country does a capital stand for, who held an office on a date::

    >>> gz = load_gazetteer()
    >>> gz.country_of("Moscow"), gz.country_of("South Korean"), gz.country_of("the DPRK")
    ('RUS', 'KOR', 'PRK')
    >>> gz.office("Sergei Lavrov", PartialDate(2021, 12, 23))
    ('RUS', 'foreign minister')
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

import attrs

from ._toml import tomllib
from .errors import PositionsError
from .model import PartialDate, Span

__all__ = [
    "ActorsError",
    "Country",
    "Institution",
    "Office",
    "Person",
    "Mention",
    "Gazetteer",
    "load_gazetteer",
    "bundled_gazetteer_path",
]

# Persons of these countries write the family name first ("Wang Yi" → "Wang").
_FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK"})


class ActorsError(PositionsError, ValueError):
    """An actors gazetteer file is invalid."""


@attrs.frozen
class Country:
    code: str
    name: str
    names: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    capital: str = ""
    metonyms: tuple[str, ...] = ()


@attrs.frozen
class Institution:
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


def _last_day(p: PartialDate):
    import datetime as dt

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


def _strip_the(s: str) -> str:
    s = s.strip()
    if s[:4].lower() == "the ":
        return s[4:]
    return s


@attrs.define
class Gazetteer:
    """Everything the gazetteer files say, indexed for lookups (see the module doc)."""

    countries: dict[str, Country] = attrs.field(factory=dict)
    institutions: list[Institution] = attrs.field(factory=list)
    generic: list[Institution] = attrs.field(factory=list)
    persons: dict[str, Person] = attrs.field(factory=dict)
    groups: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # "two Koreas" → (KOR, PRK)
    _index: dict[str, tuple[str, str]] = attrs.field(factory=dict, repr=False)
    _surnames: dict[str, list[str]] = attrs.field(factory=dict, repr=False)
    _mention_re: Optional[re.Pattern[str]] = attrs.field(default=None, repr=False)

    # -- building ------------------------------------------------------------------
    def _reindex(self) -> None:
        idx: dict[str, tuple[str, str]] = {}
        # Later kinds win over earlier ones: a country name beats an adjective of the same
        # spelling ("US"), an institution beats a metonym ("the Kremlin").
        for c in self.countries.values():
            for a in c.adjectives:
                idx[_strip_the(a)] = ("adjective", c.code)
            for m in c.metonyms:
                idx[_strip_the(m)] = ("metonym", c.code)
            for n in (c.name, *c.names, c.code):
                if n:
                    idx[_strip_the(n)] = ("country", c.code)
        for g in self.generic:
            for n in (g.name, *g.aliases):
                idx[_strip_the(n)] = ("generic_institution", g.name)
        for inst in self.institutions:
            for n in (inst.name, *inst.aliases):
                idx[_strip_the(n)] = ("institution", inst.name)
        surnames: dict[str, list[str]] = {}
        for p in self.persons.values():
            for n in (p.name, *p.aliases):
                idx[n] = ("person", p.name)
            surnames.setdefault(p.surname, []).append(p.name)
        self._index = idx
        self._surnames = surnames
        names = sorted(idx, key=lambda s: (-len(s), s))
        alt = "|".join(re.escape(n) for n in names if n)
        self._mention_re = re.compile(rf"(?<![\w.])(?:(?:[Tt]he)\s+)?(?:{alt})(?![\w-])") if alt else None

    # -- lookups -------------------------------------------------------------------
    def lookup(self, phrase: str) -> Optional[tuple[str, str]]:
        """``(kind, key)`` for a phrase that is exactly a known name, else None.

        >>> load_gazetteer().lookup("the Blue House")
        ('institution', 'Blue House')
        """
        return self._index.get(_strip_the(phrase))

    def country_of(self, phrase: str) -> Optional[str]:
        """The country a phrase names or stands for: a name, code, adjective, capital or
        seat of government, a country-bound institution or a known person (their state).
        Searches inside a longer phrase ("Russian Ambassador to Seoul") for the first name.

        >>> load_gazetteer().country_of("Chinese Foreign Ministry spokesman")
        'CHN'
        """
        hit = self.lookup(phrase)
        if hit is None:
            ms = self.mentions(phrase)
            if not ms:
                return None
            hit = (ms[0].kind, ms[0].key)
        return self._country_of_hit(hit)

    def _country_of_hit(self, hit: tuple[str, str]) -> Optional[str]:
        kind, key = hit
        if kind in ("country", "adjective", "metonym"):
            return key
        if kind == "institution":
            return self.institution(key).country  # type: ignore[union-attr]
        if kind == "person":
            return self.persons[key].country
        return None

    def metonym(self, phrase: str) -> Optional[str]:
        """The country a capital or seat of government stands for ("Pyongyang" → PRK)."""
        hit = self.lookup(phrase)
        if hit and hit[0] in ("metonym",):
            return hit[1]
        if hit and hit[0] == "institution":
            inst = self.institution(hit[1])
            if inst is not None and inst.kind == "presidency":
                return inst.country
        return None

    def institution(self, name: str) -> Optional[Institution]:
        for inst in (*self.institutions, *self.generic):
            if inst.name == name:
                return inst
        return None

    def person(self, name: str) -> Optional[Person]:
        """A person by full name, alias, or a surname that only one known person has."""
        hit = self._index.get(name)
        if hit and hit[0] == "person":
            return self.persons[hit[1]]
        full = self._surnames.get(name, [])
        if len(full) == 1:
            return self.persons[full[0]]
        return None

    def group(self, phrase: str) -> tuple[str, ...]:
        """The member states of a named group of states ("the two Koreas", "all six
        parties"), or ``()``.

        >>> load_gazetteer().group("the two Koreas")
        ('KOR', 'PRK')
        """
        key = " ".join(phrase.lower().split())
        for det in ("the ", "all ", "both "):
            if key.startswith(det):
                key = key[len(det) :]
        return self.groups.get(key, ())

    def office(self, name: str, date: Optional[PartialDate] = None) -> Optional[tuple[str, Optional[str]]]:
        """``(country, role on date)`` of a known person, or None."""
        p = self.person(name)
        if p is None:
            return None
        return p.country, p.role_on(date)

    def mentions(self, text: str, start: int = 0, end: Optional[int] = None) -> list[Mention]:
        """Every gazetteer name in ``text[start:end]``, longest match first, left to right."""
        if self._mention_re is None:
            return []
        end = len(text) if end is None else end
        out = []
        for m in self._mention_re.finditer(text, start, end):
            surface = m.group(0)
            hit = self._index.get(_strip_the(surface))
            if hit is None:
                continue
            out.append(Mention(hit[0], hit[1], Span(m.start(), m.end()), surface))
        return out


# --------------------------------------------------------------------------------------
# Loading


def bundled_gazetteer_path() -> Path:
    return Path(str(resources.files("positions") / "data" / "actors.toml"))


def _date(value: object, where: str) -> Optional[PartialDate]:
    if value is None:
        return None
    try:
        return PartialDate.from_iso(str(value))
    except ValueError as exc:
        raise ActorsError(f"{where}: {exc}") from None


def _strs(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ActorsError(f"{where}: expected a list of strings")
    return tuple(value)


def _merge_file(gz: Gazetteer, data: dict, path: str) -> None:
    for code, c in (data.get("countries") or {}).items():
        if not isinstance(c, dict):
            raise ActorsError(f"{path}: countries.{code} must be a table")
        old = gz.countries.get(code)
        where = f"{path}: countries.{code}"
        new = Country(
            code=code,
            name=str(c.get("name") or (old.name if old else code)),
            names=_strs(c.get("names"), where),
            adjectives=_strs(c.get("adjectives"), where),
            capital=str(c.get("capital") or (old.capital if old else "")),
            metonyms=_strs(c.get("metonyms"), where),
        )
        if old is not None:
            new = attrs.evolve(
                new,
                names=tuple(dict.fromkeys(old.names + new.names)),
                adjectives=tuple(dict.fromkeys(old.adjectives + new.adjectives)),
                metonyms=tuple(dict.fromkeys(old.metonyms + new.metonyms)),
            )
        gz.countries[code] = new
    for key, target in (("institutions", gz.institutions), ("generic_institutions", gz.generic)):
        for i, inst in enumerate(data.get(key) or []):
            where = f"{path}: {key}[{i}]"
            if not isinstance(inst, dict) or not inst.get("name"):
                raise ActorsError(f"{where}: needs a name")
            target.append(
                Institution(
                    name=str(inst["name"]),
                    aliases=_strs(inst.get("aliases"), where),
                    country=inst.get("country"),
                    kind=str(inst.get("kind", "institution")),
                )
            )
    groups = data.get("groups") or {}
    if not isinstance(groups, dict):
        raise ActorsError(f"{path}: groups must be a table")
    for name, members in groups.items():
        codes = _strs(members, f"{path}: groups.{name}")
        gz.groups[" ".join(str(name).lower().split())] = codes
    for i, p in enumerate(data.get("persons") or []):
        where = f"{path}: persons[{i}]"
        if not isinstance(p, dict) or not p.get("name") or not p.get("country"):
            raise ActorsError(f"{where}: needs a name and a country")
        offices = []
        for j, o in enumerate(p.get("offices") or []):
            if not isinstance(o, dict) or not o.get("role"):
                raise ActorsError(f"{where}.offices[{j}]: needs a role")
            offices.append(Office(str(o["role"]), _date(o.get("from"), where), _date(o.get("to"), where)))
        name = str(p["name"])
        country = str(p["country"])
        tokens = name.split()
        surname = p.get("surname") or (tokens[0] if country in _FAMILY_NAME_FIRST else tokens[-1])
        old = gz.persons.get(name)
        person = Person(
            name=name,
            country=country,
            aliases=_strs(p.get("aliases"), where),
            gender=p.get("gender"),
            offices=tuple(offices),
            surname=surname,
        )
        if old is not None:
            person = attrs.evolve(
                person,
                aliases=tuple(dict.fromkeys(old.aliases + person.aliases)),
                offices=old.offices + person.offices,
            )
        gz.persons[name] = person


def load_gazetteer(paths: Iterable[Union[str, Path]] = (), *, bundled: bool = True) -> Gazetteer:
    """The bundled gazetteer plus the user's files, in order (later files add to earlier).

    >>> gz = load_gazetteer()
    >>> gz.person("Kulik").country
    'RUS'
    """
    files: list[Union[str, Path]] = [bundled_gazetteer_path()] if bundled else []
    files.extend(paths)
    gz = Gazetteer()
    for f in files:
        try:
            raw = Path(f).read_bytes()
        except OSError as exc:
            raise ActorsError(f"{f}: cannot read actors file ({exc.strerror})") from None
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ActorsError(f"{f}: invalid TOML ({exc})") from None
        _merge_file(gz, data, str(f))
    gz._reindex()
    return gz


_DEFAULT: Optional[Gazetteer] = None


def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_gazetteer()
    return _DEFAULT
