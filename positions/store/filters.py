"""Filters shared by the store and the corpus path of :func:`positions.store.analyses_from`.

A period compares at the coarser of the two precisions::

    >>> from positions.model import PartialDate
    >>> in_period(PartialDate(2019, 3), date_key("2019"), date_key(2020))
    True
"""

from __future__ import annotations

from typing import Any, Optional, Union

from ..errors import StoreError
from ..model import Analysis, PartialDate

DateLike = Union[str, int, PartialDate, None]


def date_key(value: DateLike) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    try:
        return PartialDate.from_iso(str(value)).iso()
    except ValueError as exc:
        raise StoreError(f"{value!r}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from exc


def in_period(date: Optional[PartialDate], since: Optional[str], until: Optional[str]) -> bool:
    """Compare at the coarser of the two precisions: ``since="2019"`` keeps ``2019-03``,
    ``until="2020-06"`` keeps ``2020-06-30``, ``since="2019-06"`` drops an article dated
    only ``2019``. Undated articles are dropped when a bound is given."""
    if since is None and until is None:
        return True
    if date is None:
        return False
    key = date.iso()
    if since is not None and key[: len(since)] < since:
        return False
    if until is not None and key[: len(until)] > until:
        return False
    return True


def has_actor(analysis: Analysis, actor: Optional[str]) -> bool:
    """An article concerns ``actor`` when it is the article's country or a statement's
    country or holder."""
    if actor is None:
        return True
    if analysis.article.country == actor:
        return True
    return any(s.country == actor or actor in s.holders for s in analysis.statements)


def period_sql(since: DateLike, until: DateLike) -> tuple[list[str], list[Any]]:
    """SQL conditions on a ``date`` column (ISO text, as precise as the article's date) and
    their arguments, the same test as :func:`in_period`: compared at the coarser of the two
    precisions, undated rows dropped when a bound is given. For the store (SQLite) and a
    dataset (DuckDB) alike.

    >>> period_sql("2019", None)
    (['date IS NOT NULL AND substr(date, 1, ?) >= ?'], [4, '2019'])
    """
    since_key, until_key = date_key(since), date_key(until)
    where: list[str] = []
    args: list[Any] = []
    if since_key is not None:
        where.append("date IS NOT NULL AND substr(date, 1, ?) >= ?")
        args += [len(since_key), since_key]
    if until_key is not None:
        where.append("date IS NOT NULL AND substr(date, 1, ?) <= ?")
        args += [len(until_key), until_key]
    return where, args
