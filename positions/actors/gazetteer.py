"""The gazetteer's index and matcher: :class:`Gazetteer` answers the questions attribution
asks (which country a phrase names or stands for, who a person is, which names a text holds),
and finds every name in one pass over a text, with one regular expression built as a
character trie of every name.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Union

import attrs

from ..model import PartialDate, Span
from .records import UN_KINDS, Country, Institution, Mention, Person

__all__ = ["Gazetteer"]


def _strip_the(s: str) -> str:
    s = s.strip()
    if s[:4].lower() == "the ":
        return s[4:]
    return s


def _key(phrase: str) -> str:
    """The index key of a phrase: no leading "the", one space between words, straight
    apostrophes ("the People’s  Republic" → "People's Republic")."""
    return _strip_the(" ".join(phrase.replace("\u2019", "'").split()))


# How one character of a name is matched in text: a space is any one whitespace character
# (a hard-wrapped "United\nStates"), an apostrophe straight or curly.
_CHAR_PATTERN = {" ": r"\s", "'": "['\u2019]"}


_Trie = dict[str, "_Trie"]
"""A character trie: each character to the trie of what may follow ("" ends a name)."""


def _trie_pattern(names: Iterable[str]) -> str:
    """One regular expression matching any of ``names``, longest first, built as a character
    trie: at each character at most one branch continues, so the cost per character of text
    does not grow with the number of names (an alternation of the names would try every one
    at every position).

    >>> re.fullmatch(_trie_pattern(["Niger", "Nigeria", "Nigerien"]), "Nigeria") is not None
    True
    """
    trie: _Trie = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}  # a name ends here

    def pattern(node: _Trie) -> str:
        chars = sorted(k for k in node if k)
        branches = [(_CHAR_PATTERN.get(ch) or re.escape(ch)) + pattern(node[ch]) for ch in chars]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # A name may end here: the greedy "?" tries the longer names first, then this one.
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


@attrs.define
class Gazetteer:
    """Everything the gazetteer files say, indexed for lookups (see :mod:`positions.actors`)."""

    countries: dict[str, Country] = attrs.field(factory=dict)
    institutions: list[Institution] = attrs.field(factory=list)
    generic: list[Institution] = attrs.field(factory=list)
    persons: dict[str, Person] = attrs.field(factory=dict)
    groups: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # "two Koreas" → (KOR, PRK)
    not_actors: set[str] = attrs.field(factory=set)  # "South China Sea": no actor inside
    venue_nouns: set[str] = attrs.field(factory=set)  # "Declaration": "Cairo Declaration"
    _index: dict[str, tuple[str, str]] = attrs.field(factory=dict, repr=False)
    _surnames: dict[str, list[str]] = attrs.field(factory=dict, repr=False)
    _inst_by_name: dict[str, Institution] = attrs.field(factory=dict, repr=False)
    _mention_re: Optional[re.Pattern[str]] = attrs.field(default=None, repr=False)
    _venue_re: Optional[re.Pattern[str]] = attrs.field(default=None, repr=False)

    # -- building ------------------------------------------------------------------
    def reindex(self) -> None:
        """Build the lookup index and the matcher from the fields (after they are filled or
        changed: :func:`~positions.actors.load_gazetteer` calls it once, after the last file)."""
        idx: dict[str, tuple[str, str]] = {}
        in_text: set[str] = set()  # the names searched for in running text
        # Later kinds win over earlier ones: a country name beats an adjective of the same
        # spelling ("US"), an institution beats a metonym ("the Kremlin").
        for c in self.countries.values():
            for a in c.adjectives:
                idx[_key(a)] = ("adjective", c.code)
            for m in c.metonyms:
                idx[_key(m)] = ("metonym", c.code)
            for n in (c.name, *c.names):
                if n:
                    idx[_key(n)] = ("country", c.code)
            in_text.update(_key(n) for n in (*c.adjectives, *c.metonyms, c.name, *c.names) if n)
            # The bare code ("TUR", "CAN", "AND") is a lookup key, but not searched for in
            # text, where an upper-case word is rarely a code: "USA" or "DPRK" are names.
            idx.setdefault(c.code, ("country", c.code))
        for g in self.generic:
            for n in (g.name, *g.aliases):
                idx[_key(n)] = ("generic_institution", g.name)
                in_text.add(_key(n))
        for inst in self.institutions:
            for n in (inst.name, *inst.aliases):
                idx[_key(n)] = ("institution", inst.name)
                in_text.add(_key(n))
        surnames: dict[str, list[str]] = {}
        for p in self.persons.values():
            for n in (p.name, *p.aliases):
                idx[n] = ("person", p.name)
                in_text.add(n)
            surnames.setdefault(p.surname, []).append(p.name)
        self._index = idx
        self._surnames = surnames
        self._inst_by_name = {}
        for inst in (*self.generic, *self.institutions):
            self._inst_by_name.setdefault(inst.name, inst)
        nouns = sorted((_key(n) for n in self.venue_nouns if n.strip()), key=lambda n: (-len(n), n))
        alt = "|".join(map(re.escape, nouns))
        self._venue_re = re.compile(rf"\s(?:{alt})(?![\w-])") if nouns else None
        blockers = {_key(n) for n in self.not_actors}
        names = sorted(n for n in in_text | blockers if n)
        self._mention_re = (
            re.compile(rf"(?<![\w.])(?:[Tt]he\s+)?(?:{_trie_pattern(names)})(?![\w-])") if names else None
        )

    # -- lookups -------------------------------------------------------------------
    def lookup(self, phrase: str) -> Optional[tuple[str, str]]:
        """``(kind, key)`` for a phrase that is exactly a known name, else None.

        >>> from positions.actors import load_gazetteer
        >>> load_gazetteer().lookup("the Blue House")
        ('institution', 'Blue House')
        """
        return self._index.get(_key(phrase))

    def country_of(self, phrase: str) -> Optional[str]:
        """The country a phrase names or stands for: a name, code, adjective, capital or
        seat of government, a country-bound institution or a known person (their state).
        Searches inside a longer phrase ("Russian Ambassador to Seoul") for the first name.

        >>> from positions.actors import load_gazetteer
        >>> load_gazetteer().country_of("Chinese Foreign Ministry spokesman")
        'CHN'
        """
        hit = self.lookup(phrase)
        if hit is None:
            ms = self.mentions(phrase)
            if not ms:
                return None
            hit = (ms[0].kind, ms[0].key)
        return self.country_of_hit(hit)

    def country_of_hit(self, hit: Union[tuple[str, str], Mention]) -> Optional[str]:
        """The country of a ``(kind, key)`` pair from :meth:`lookup`, or of a :class:`Mention`:
        the code itself for a country, adjective or metonym; an institution's fixed country
        (None for UN bodies and offices, and for generic bodies such as "Foreign Ministry",
        whose country comes from context); a person's state.

        >>> from positions.actors import load_gazetteer
        >>> gz = load_gazetteer()
        >>> gz.country_of_hit(gz.lookup("Burma")), gz.country_of_hit(gz.lookup("the Security Council"))
        ('MMR', None)
        >>> [gz.country_of_hit(m) for m in gz.mentions("Sergei Lavrov met the Ivorian envoy")]
        ['RUS', 'CIV']
        """
        kind, key = (hit.kind, hit.key) if isinstance(hit, Mention) else hit
        if kind in ("country", "adjective", "metonym"):
            return key
        if kind == "institution":
            inst = self.institution(key)
            return inst.country if inst is not None else None
        if kind == "person":
            return self.persons[key].country
        return None

    def speaks_for_no_state(self, phrase: str) -> bool:
        """True when ``phrase`` is (or holds) the name of a UN body or office ("the Security
        Council", "the Under-Secretary-General for Political and Peacebuilding Affairs"): its
        statements have no country, and none is to be borrowed from the context (the outlet,
        the speaker before) as it is for "a government spokesman".

        >>> from positions.actors import load_gazetteer
        >>> gz = load_gazetteer()
        >>> gz.speaks_for_no_state("The Security Council"), gz.speaks_for_no_state("Foreign Ministry")
        (True, False)
        """
        hit = self.lookup(phrase)
        hits = [hit] if hit is not None else [(m.kind, m.key) for m in self.mentions(phrase)]
        for kind, key in hits:
            inst = self.institution(key) if kind == "institution" else None
            if inst is not None and inst.kind in UN_KINDS:
                return True
        return False

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
        """A named or generic institution by its name ("Security Council")."""
        return self._inst_by_name.get(name)

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

        >>> from positions.actors import load_gazetteer
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
        """Every gazetteer name in ``text[start:end]``, left to right, the longest name at
        each place; a name inside a longer one does not count, nor does a name inside a
        phrase of ``not_actors`` ("the South China Sea" names no state), nor a capital
        followed by one of ``venue_nouns`` ("the Cairo Declaration").

        >>> from positions.actors import load_gazetteer
        >>> [(m.kind, m.key) for m in load_gazetteer().mentions(
        ...     "Côte d'Ivoire and the Republic of Korea, not Korea's South China Sea")]
        [('country', 'CIV'), ('country', 'KOR'), ('country', 'KOR')]
        """
        if self._mention_re is None:
            return []
        end = len(text) if end is None else end
        out = []
        index = self._index
        venue = self._venue_re
        for m in self._mention_re.finditer(text, start, end):
            surface = m.group(0)
            hit = index.get(_key(surface))
            if hit is None:
                continue  # a phrase of not_actors
            if hit[0] == "metonym" and venue is not None and venue.match(text, m.end()):
                continue  # "the Cairo Declaration": a paper or an event, not the state
            out.append(Mention(hit[0], hit[1], Span(m.start(), m.end()), surface))
        return out
