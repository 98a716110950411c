"""Write ``positions/data/countries.toml``: every state of the actors gazetteer.

Run from the repository root after editing ``tools/un_states.toml``::

    pip install pycountry            # development only; the package never imports it
    python tools/make_countries.py   # rewrites positions/data/countries.toml
    python tools/make_countries.py --check   # exit 1 if the committed file is stale

Two sources, merged:

- ``pycountry`` (the ISO 3166-1 database that Debian's iso-codes keeps): the alpha-3 code of
  every state is checked against it, and its English short, official and common names are
  added ("Bolivia, Plurinational State of" becomes "Plurinational State of Bolivia").
- ``tools/un_states.toml``, our own table: which states (UN members, observers, Kosovo and
  Taiwan), the UN's name forms, common alternative names, demonyms, capitals, and which
  capitals may stand for their state in text.

Why a generated file instead of importing pycountry at run time: the gazetteer's names must
not change under a user when pycountry is upgraded (a new ISO name would change which
statements get which country, and so the stored analyses and the gold scores); the file is
small and reviewable in a diff; loading it costs no 1 MB JSON parse; and positions keeps its
short list of run-time dependencies. ``tests/test_actors.py`` regenerates the file (when
pycountry is installed, as the test extra does) and fails when the committed one is stale.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tools" / "un_states.toml"
OUT = ROOT / "positions" / "data" / "countries.toml"

# Codes that ISO 3166-1 does not assign but the gazetteer uses: Kosovo's user-assigned code,
# as the European Commission, the IMF and the World Bank write it.
USER_ASSIGNED = {"XKX": "Kosovo"}

# Names whose unaccented form is an English word or another thing: keep only the accented one.
NO_FOLD = {"Malé"}

FIELDS = ("name", "names", "adjectives", "capital", "metonyms", "capital_not_metonym", "iso_drop")


class TableError(ValueError):
    pass


def uninvert(iso: str) -> list[str]:
    """ISO's inverted and parenthesised names as text writes them.

    >>> uninvert("Congo, The Democratic Republic of the")
    ['Democratic Republic of the Congo']
    >>> uninvert("Holy See (Vatican City State)")
    ['Holy See', 'Vatican City State']
    """
    iso = iso.strip()
    if iso.endswith(")") and " (" in iso:
        head, _, tail = iso[:-1].partition(" (")
        return [head, tail]
    if ", " in iso:
        head, _, tail = iso.partition(", ")
        if tail.lower().startswith("the "):
            tail = tail[4:]
        return [f"{tail} {head}"]
    if iso.lower().startswith("the "):
        return [iso[4:]]
    return [iso]


def fold(name: str) -> str:
    """``name`` without diacritics ("Côte d'Ivoire" → "Cote d'Ivoire")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


def _strip_the(s: str) -> str:
    return s[4:] if s[:4].lower() == "the " else s


def _with_folds(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        out.append(n)
        if n not in NO_FOLD and fold(n) != n:
            out.append(fold(n))
    return list(dict.fromkeys(out))


def build(table: dict, countries) -> dict[str, dict]:
    """The generated entries by code, checked: valid codes, one state per name."""
    out: dict[str, dict] = {}
    owner: dict[str, str] = {}
    for code in sorted(table):
        row = table[code]
        unknown = set(row) - set(FIELDS)
        if unknown:
            raise TableError(f"{TABLE.name}: {code}: unknown field(s) {sorted(unknown)}")
        if not row.get("name"):
            raise TableError(f"{TABLE.name}: {code}: needs a name")
        iso = countries.get(alpha_3=code)
        if iso is None and code not in USER_ASSIGNED:
            raise TableError(f"{TABLE.name}: {code} is not an ISO 3166-1 alpha-3 code")
        iso_names: list[str] = []
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value and value not in row.get("iso_drop", []):
                    iso_names.extend(uninvert(value))
        name = row["name"]
        names = [n for n in dict.fromkeys([name, *iso_names, *row.get("names", [])])]
        names = _with_folds([_strip_the(n) for n in names])
        adjectives = _with_folds(list(row.get("adjectives", [])))
        capital = row.get("capital", "")
        metonyms = list(row.get("metonyms", []))
        if capital and "capital_not_metonym" not in row and capital not in names:
            metonyms.insert(0, capital)
        metonyms = _with_folds(metonyms)
        for n in {_strip_the(x) for x in (*names, *adjectives, *metonyms)}:
            if owner.setdefault(n, code) != code:
                raise TableError(f"{TABLE.name}: {n!r} names both {owner[n]} and {code}")
        out[code] = {
            "name": name,
            "names": names,
            "adjectives": adjectives,
            "capital": capital,
            "metonyms": metonyms,
            "iso": iso.name if iso is not None else f"(not in ISO 3166-1: {USER_ASSIGNED[code]})",
            "capital_not_metonym": row.get("capital_not_metonym", ""),
        }
    return out


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(_toml_str(s) for s in items) + "]"


def render(entries: dict[str, dict], pycountry_version: str) -> str:
    lines = [
        "# GENERATED by tools/make_countries.py from tools/un_states.toml and pycountry",
        f"# {pycountry_version} (ISO 3166-1). Do not edit: edit the table and run the generator.",
        "#",
        "# Every state of the actors gazetteer: the 193 UN members, the observer states (VAT,",
        "# PSE), Kosovo (XKX) and Taiwan (TWN). `iso` is the ISO 3166-1 short name the code was",
        "# checked against; `names` adds the ISO official and common names to our UN forms.",
        "",
    ]
    for code, e in entries.items():
        lines.append(f"[countries.{code}]")
        lines.append(f"# iso: {e['iso']}")
        lines.append(f"name = {_toml_str(e['name'])}")
        lines.append(f"names = {_toml_list(e['names'])}")
        lines.append(f"adjectives = {_toml_list(e['adjectives'])}")
        lines.append(f"capital = {_toml_str(e['capital'])}")
        if e["capital_not_metonym"]:
            lines.append(f"# {e['capital']} is not a metonym: {e['capital_not_metonym']}")
        lines.append(f"metonyms = {_toml_list(e['metonyms'])}")
        lines.append("")
    return "\n".join(lines)


def generate() -> str:
    import importlib.metadata

    import pycountry

    with open(TABLE, "rb") as fh:
        table = tomllib.load(fh)
    return render(build(table, pycountry.countries), importlib.metadata.version("pycountry"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed file is stale")
    args = ap.parse_args(argv)
    try:
        text = generate()
    except TableError as exc:
        print(f"make_countries: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"make_countries: {OUT.relative_to(ROOT)} is stale: run python tools/make_countries.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({text.count('[countries.')} states)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
