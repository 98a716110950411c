"""Putting an :class:`~positions.model.Article` together from what each layer says about it.

Layers, from the strongest to the weakest:

1. the manifest's own entry for the file (``[articles."<file name>"]``): an explicit override;
2. the article's own metadata: front matter, export columns, a UN General Debate file name;
3. the dateline (place, outlet, month and day, sometimes a year);
4. an ISO date starting the file name (``2021-09-24-kcna.txt``), for the date only;
5. the manifest's ``[defaults]``;
6. the ``year`` option (``--year``).

A date comes whole from the strongest layer that has one; a dateline without a year is
completed by a ``year`` from the manifest's entry, else by the file name's year (checked
against its month and day), else by the manifest's defaults, else by the option. With none
of them the article is undated, with a warning that says how to date it: reading it is not
an error, and only commands that order articles by time leave it out.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional, Sequence

from ..errors import DateError, SourceError
from ..model import Article, DateSource, PartialDate, Span
from .dates import file_name_date, parse_date, weekday_mismatch
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


def _disagrees(named: PartialDate, date: PartialDate) -> bool:
    """Whether two dates differ where both are known (a year-only date fits any day of it)."""
    if named.year != date.year:
        return True
    if named.month is None or date.month is None:
        return False
    if named.month != date.month:
        return True
    return named.day is not None and date.day is not None and named.day != date.day


def _nearest_year(month: int, day: Optional[int], near: PartialDate) -> int:
    """The year of ``near``, unless the year before or after puts ``month``/``day`` within
    a month of it (a story dated "December 31" in a file named ``2022-01-01-…`` is of 2021).
    """
    if near.month is None:
        return near.year
    target = near.first_day()
    for y in (near.year - 1, near.year + 1):
        try:
            gap = abs((PartialDate(y, month, day).first_day() - target).days)
        except ValueError:  # 29 February of a year that has none
            continue
        if gap <= 31:
            return y
    return near.year


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
    named: Optional[PartialDate],
    warnings: list[str],
) -> tuple[Optional[PartialDate], Optional[DateSource]]:
    """The date and its provenance; ``named`` is the date the file name starts with.

    A dateline without a year and nothing to complete it leaves the article undated, with a
    warning that says how to date it: commands that need no date read it all the same.
    """
    date, date_from = _date_layers(
        path, text, layout, own, own_from, dateline, entry, defaults, year, named, warnings
    )
    if named is not None and date is not None and date_from not in (
        DateSource.FILE_NAME,
        DateSource.DATELINE_FILE_NAME_YEAR,
    ):
        if _disagrees(named, date):
            warnings.append(
                f"the file name says {named.iso()} but the date is {date.iso()} (from {date_from})"
            )
    if date_from in (DateSource.OPTION, DateSource.DATELINE_OPTION_YEAR):
        warnings.append(
            f"the year {year} is from --year: nothing in the text, its file name or a"
            " manifest dates it"
        )
    return date, date_from


def _date_layers(
    path: str,
    text: str,
    layout: str,
    own: Mapping[str, Any],
    own_from: Optional[DateSource],
    dateline: Optional[Dateline],
    entry: Mapping[str, Any],
    defaults: Mapping[str, Any],
    year: Optional[int],
    named: Optional[PartialDate],
    warnings: list[str],
) -> tuple[Optional[PartialDate], Optional[DateSource]]:
    explicit: Optional[tuple[PartialDate, DateSource]] = None
    if "date" in entry:
        explicit = (entry["date"], DateSource.MANIFEST)
    elif "date" in own:
        assert own_from is not None
        explicit = (own["date"], own_from)
    elif "date" in defaults and named is None:
        explicit = (defaults["date"], DateSource.MANIFEST)

    if dateline is not None and dateline.month is not None:
        label = dateline.label(text)
        said = _day_label(dateline.month, dateline.day)
        if explicit is not None:
            date = explicit[0]
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
        elif named is not None:
            y, src = _nearest_year(dateline.month, dateline.day, named), DateSource.DATELINE_FILE_NAME_YEAR
            if named.month is not None and (
                named.month != dateline.month
                or (named.day is not None and dateline.day is not None and named.day != dateline.day)
            ):
                warnings.append(
                    f"the dateline says {said!r} but the file name says {named.iso()};"
                    f" the dateline's day is kept"
                )
        elif "year" in defaults:
            y, src = defaults["year"], DateSource.DATELINE_MANIFEST_YEAR
        elif "date" in defaults:
            return defaults["date"], DateSource.MANIFEST
        elif year is not None:
            y, src = year, DateSource.DATELINE_OPTION_YEAR
        else:
            warnings.append(
                f"undated: the dateline {label!r} gives no year; {_year_hint(path, layout)}"
            )
            return None, None
        try:
            return PartialDate(y, dateline.month, dateline.day), src
        except ValueError:
            raise DateError(f"{path}: the dateline {label!r} is not a date in {y}") from None

    if explicit is not None:
        return explicit
    if "year" in entry:
        return PartialDate(entry["year"]), DateSource.MANIFEST
    if named is not None:
        return named, DateSource.FILE_NAME
    if "date" in defaults:
        return defaults["date"], DateSource.MANIFEST
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
    name: Optional[str] = None,
    pages: Sequence[int] = (),
    author: Optional[str] = None,
) -> Article:
    """Build the article from its layers (see the module docstring for their order).

    >>> a = assemble(path="a.txt", text="Talks.", body=Span(0, 6), layout="text",
    ...              entry={"date": PartialDate(2021, 12)}, defaults={"source": "TASS"})
    >>> a.source, a.date.iso(), str(a.date_from)
    ('TASS', '2021-12', 'manifest')
    """
    notes = list(warnings)
    # Rows of an export are not dated by the export's file name (that is when it was made).
    named = None if layout in ("jsonl", "csv") else file_name_date(name or path)
    date, date_from = _resolve_date(
        path, text, layout, own, own_from, dateline, entry, defaults, year, named, notes
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
        pages=tuple(pages),
        author=author,
        **values,
    )
