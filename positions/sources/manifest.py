"""The corpus manifest: a ``corpus.toml`` beside the articles that gives or overrides metadata.

::

    [defaults]                      # applies to every file of this directory
    source = "TASS"

    [articles."000_1792fb935fd71937.txt"]
    place = "Seoul"
    year = 2021                     # completes a dateline that gives only "December 23"
    note = "year from the project brief; 'on Thursday' agrees"

Keys: ``source``, ``place``, ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``year``,
``title``, ``url``, ``language``, ``country`` (ISO alpha-3), ``note``. A manifest applies to
the files directly in its directory (a subdirectory has its own).
"""

from __future__ import annotations

import os
import re
from typing import Any, Mapping, Optional

import attrs

from .._toml import tomllib
from ..errors import DateError, SourceError
from .dates import parse_date

__all__ = ["MANIFEST_NAME", "Manifest", "load_manifest", "manifest_for", "check_country"]

MANIFEST_NAME = "corpus.toml"
KEYS = ("source", "place", "date", "year", "title", "url", "language", "country", "note")
_STRING_KEYS = ("source", "place", "title", "url", "language", "note")
_COUNTRY_RE = re.compile(r"[A-Za-z]{3}")


@attrs.frozen
class Manifest:
    """A loaded manifest: ``defaults`` and per-file ``articles`` entries, values checked.

    In the entries, ``date`` is a :class:`~positions.model.PartialDate` and ``country`` is
    upper case.
    """

    path: str
    defaults: Mapping[str, Any] = attrs.field(factory=dict)
    articles: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)

    def entry(self, file_name: str) -> Mapping[str, Any]:
        """The manifest's own entry for ``file_name`` (empty when it has none)."""
        return self.articles.get(file_name, {})

    def missing(self, directory: str | os.PathLike[str]) -> list[str]:
        """File names the manifest describes that are not in ``directory``, sorted."""
        return sorted(n for n in self.articles if not os.path.isfile(os.path.join(directory, n)))


def check_country(value: Any, where: str) -> str:
    """An ISO alpha-3 code in upper case, or :class:`SourceError` naming ``where``."""
    if not isinstance(value, str) or not _COUNTRY_RE.fullmatch(value):
        raise SourceError(
            f"{where}: country must be an ISO 3166 alpha-3 code such as 'RUS', not {value!r}"
        )
    return value.upper()


def _entry(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SourceError(f"{where} must be a table of keys")
    out: dict[str, Any] = {}
    for key in sorted(raw):
        value = raw[key]
        if key not in KEYS:
            raise SourceError(f"{where}: unknown key {key!r} (known: {', '.join(KEYS)})")
        if key in _STRING_KEYS:
            if not isinstance(value, str):
                raise SourceError(f"{where}: {key} must be a string, not {value!r}")
            out[key] = value
        elif key == "country":
            out[key] = check_country(value, where)
        elif key == "year":
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 9999:
                raise DateError(f"{where}: year must be an integer such as 2021, not {value!r}")
            out[key] = value
        elif key == "date":
            try:
                out[key] = parse_date(value)
            except ValueError as exc:
                raise DateError(f"{where}: {exc}") from None
    if "date" in out and "year" in out and out["date"].year != out["year"]:
        msg = f"{where}: date {out['date'].iso()} and year {out['year']} disagree"
        raise DateError(msg)
    return out


def load_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read and check a manifest; raise :class:`SourceError` naming it (and the line of a
    TOML syntax error) when it is invalid."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise SourceError(f"{name}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name}: invalid UTF-8 at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"at line (\d+)", str(exc))
        where = f":{line.group(1)}" if line else ""
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise SourceError(f"{name}{where}: invalid TOML: {problem}") from None
    for key in sorted(data):
        if key not in ("defaults", "articles"):
            tables = '[defaults] and [articles."<file name>"]'
            msg = f"{name}: unknown table [{key}] (a manifest has {tables})"
            raise SourceError(msg)
    defaults = _entry(data.get("defaults", {}), f"{name}: [defaults]")
    raw_articles = data.get("articles", {})
    if not isinstance(raw_articles, dict):
        raise SourceError(f'{name}: articles must be tables [articles."<file name>"]')
    for fname in sorted(raw_articles):
        _check_file_name(fname, f"{name}: [articles.{_toml_key(fname)}]")
    articles = {
        fname: _entry(raw, f"{name}: [articles.{_toml_key(fname)}]")
        for fname, raw in sorted(raw_articles.items())
    }
    return Manifest(name, defaults, articles)


def _check_file_name(fname: str, where: str) -> None:
    """A manifest describes the files beside it: an entry is one file name, never a path.
    The file is not looked at, so that the error says nothing of what lies elsewhere (an
    entry ``"/etc/shadow"`` or ``"../x.txt"`` is refused whether it exists or not)."""
    seps = [os.sep] + ([os.altsep] if os.altsep else []) + ["/"]
    if fname in ("", ".", "..") or any(sep in fname for sep in seps) or "\0" in fname or os.path.isabs(fname):
        msg = f"{where}: not a file name of this directory (a manifest describes only the files beside it)"
        raise SourceError(msg)


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_\-]+", name) else '"' + name.replace('"', '\\"') + '"'


def manifest_for(file_path: str | os.PathLike[str]) -> Optional[Manifest]:
    """The manifest of the directory that holds ``file_path``, or None."""
    candidate = os.path.join(os.path.dirname(os.fspath(file_path)), MANIFEST_NAME)
    return load_manifest(candidate) if os.path.isfile(candidate) else None
