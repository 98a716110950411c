"""Putting an :class:`~positions.model.Article` together from what each layer says about it.

Layers, from the strongest to the weakest:

1. the manifest's own entry for the file (``[articles."<file name>"]``): an explicit override;
2. the article's own metadata: front matter, export columns, a UN General Debate file name;
3. the dateline (place, outlet, month and day, sometimes a year);
4. the manifest's ``[defaults]``;
5. the ``year`` option (``--year``).

A date comes whole from the strongest layer that has one; a dateline without a year is
completed by a ``year`` from the manifest, else by the option, else it is a
:class:`~positions.errors.DateError` that says how to supply the year.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Sequence

from ..errors import DateError, SourceError
from ..model import Article, DateSource, PartialDate, Span
from .dates import parse_date, weekday_mismatch
from .decoding import article_id
from .manifest import check_country
from .datelines import Dateline, place_name

__all__ = ["check_fields", "assemble", "STRING_FIELDS"]

STRING_FIELDS = ("source", "place", "title", "url", "language")
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_LEAD = 400  # characters of the body where the lead's weekday is looked for


def check_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Check the metadata an article gives itself (front matter, export columns).

    Strings stay strings (numbers become text), ``date`` becomes a
    :class:`PartialDate`, ``country`` an upper-case alpha-3 code; empty values are dropped.
    Raises :class:`SourceError`/:class:`DateError` naming ``where``.
    """
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if value is None or value == "":
            continue
        if key == "date":
            try:
                out["date"] = parse_date(value)
            except ValueError as exc:
                raise DateError(f"{where}: {exc}") from None
        elif key == "country":
            out["country"] = check_country(str(value).strip(), where)
        elif key in STRING_FIELDS:
            if isinstance(value, (dict, list, tuple, set)):
                raise SourceError(f"{where}: {key} must be text, not {value!r}")
            out[key] = str(value).strip()
    return out


def _day_label(month: int, day: Optional[int]) -> str:
    return f"{_MONTH_NAMES[month - 1]} {day}" if day else _MONTH_NAMES[month - 1]


def _year_hint(path: str, layout: str) -> str:
    if layout in ("jsonl", "csv"):
        return "give the row a date, or pass --year"
    name = os.path.basename(path)
    return f'add year = <YYYY> to [articles."{name}"] in corpus.toml beside it, or pass --year'


def _resolve_date(
    path: str,
    text: str,
    layout: str,
    own: Mapping[str, Any],
    own_from: Optional[DateSource],
    dateline: Optional[Dateline],
    entry: Mapping[str, Any],
    defaults: Mapping[str, Any],
    year: Optional[int],
    warnings: list[str],
) -> tuple[Optional[PartialDate], Optional[DateSource]]:
    explicit: Optional[tuple[PartialDate, DateSource]] = None
    if "date" in entry:
        explicit = (entry["date"], DateSource.MANIFEST)
    elif "date" in own:
        assert own_from is not None
        explicit = (own["date"], own_from)
    elif "date" in defaults:
        explicit = (defaults["date"], DateSource.MANIFEST)

    if dateline is not None and dateline.month is not None:
        label = dateline.label(text)
        if explicit is not None:
            date = explicit[0]
            said = _day_label(dateline.month, dateline.day)
            if (
                (date.month is not None and date.month != dateline.month)
                or (date.day is not None and dateline.day is not None and date.day != dateline.day)
                or (dateline.year is not None and dateline.year != date.year)
            ):
                warnings.append(
                    f"the dateline says {said!r} but the date is {date.iso()} (from {explicit[1]})"
                )
            return explicit
        if dateline.year is not None:
            y, src = dateline.year, DateSource.DATELINE
        elif "year" in entry:
            y, src = entry["year"], DateSource.DATELINE_MANIFEST_YEAR
        elif "year" in defaults:
            y, src = defaults["year"], DateSource.DATELINE_MANIFEST_YEAR
        elif year is not None:
            y, src = year, DateSource.DATELINE_OPTION_YEAR
        else:
            raise DateError(
                f"{path}: the dateline {label!r} gives no year; {_year_hint(path, layout)}"
            )
        try:
            return PartialDate(y, dateline.month, dateline.day), src
        except ValueError:
            raise DateError(f"{path}: the dateline {label!r} is not a date in {y}") from None

    if explicit is not None:
        return explicit
    if "year" in entry:
        return PartialDate(entry["year"]), DateSource.MANIFEST
    if "year" in defaults:
        return PartialDate(defaults["year"]), DateSource.MANIFEST
    if year is not None:
        return PartialDate(year), DateSource.OPTION
    return None, None


def assemble(
    *,
    path: str,
    text: str,
    body: Span,
    layout: str,
    own: Mapping[str, Any] = {},
    own_from: Optional[DateSource] = None,
    dateline: Optional[Dateline] = None,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
    warnings: Sequence[str] = (),
) -> Article:
    """Build the article from its layers (see the module docstring for their order).

    >>> a = assemble(path="a.txt", text="Talks.", body=Span(0, 6), layout="text",
    ...              entry={"date": PartialDate(2021, 12)}, defaults={"source": "TASS"})
    >>> a.source, a.date.iso(), str(a.date_from)
    ('TASS', '2021-12', 'manifest')
    """
    notes = list(warnings)
    date, date_from = _resolve_date(
        path, text, layout, own, own_from, dateline, entry, defaults, year, notes
    )
    derived = {"place": dateline.place, "source": dateline.source} if dateline else {}
    values: dict[str, Optional[str]] = {}
    for key in STRING_FIELDS + ("country",):
        values[key] = next(
            (layer[key] for layer in (entry, own, derived, defaults) if layer.get(key)), None
        )
    if values["place"]:
        values["place"] = place_name(values["place"])  # "BEIJING" in a manifest, as a dateline
    if date is not None:
        body_text = body.slice(text)[:_LEAD]
        mismatch = weekday_mismatch(body_text, date)
        if mismatch:
            notes.append(mismatch)
    return Article(
        id=article_id(text),
        path=path,
        text=text,
        body=body,
        date=date,
        date_from=date_from,
        layout=layout,
        dateline=dateline.span if dateline else None,
        warnings=tuple(notes),
        **values,
    )
