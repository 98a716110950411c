"""The index's heatmaps for a corpus of any span: every period when there are few, else the
latest :data:`RECENT_PERIODS` one by one and then every period in coarser bins (decades of
years, years of months, months of days), so that 80 years of UN speeches read on one screen.
A view of :mod:`positions.render.report_views`' kind, read by the pages.
"""

from __future__ import annotations

from typing import Any, Sequence

from .report_views import actor_page_name, heatmap, rows_by_actor

__all__ = ["RECENT_PERIODS", "bin_key", "binned_record", "index_heatmaps"]

RECENT_PERIODS = 20
"""Periods the index heatmap shows one by one; with more, it shows the latest this many and
then every period in coarser bins (decades of years, years of months)."""


_COARSER = {"day": "month", "month": "year", "year": "decade"}


def bin_key(key: str, unit: str) -> str:
    """The ``unit`` (month, year or decade) a period key falls in; a key already coarser
    than ``unit`` (a year among months) stays as it is.

    >>> bin_key("1987", "decade"), bin_key("1987-05", "year"), bin_key("1987-05-02", "month")
    ('1980s', '1987', '1987-05')
    >>> bin_key("1987", "month")
    '1987'
    """
    if unit == "decade":
        return key[:3] + "0s"
    return key[: 4 if unit == "year" else 7]


def binned_record(tl_rec: dict[str, Any], unit: str) -> dict[str, Any]:
    """A timeline record (:func:`positions.render.records.timeline_record`) with its periods
    grouped by ``unit`` (:func:`bin_key`): counts, statements and articles summed per bin,
    polarity ``mixed`` where the periods of a bin differ, the wordings in order of first use;
    each row keeps its first, last and total (in the original periods)."""
    def bin_of(key: str) -> str:
        return bin_key(key, unit)

    periods = list(dict.fromkeys(bin_of(k) for k in tl_rec["periods"]))
    rows = []
    for r in tl_rec["rows"]:
        cells: dict[str, dict[str, Any]] = {}
        for c in r["cells"]:
            b = bin_of(c["period"])
            m = cells.setdefault(b, {"period": b, "count": 0, "statements": 0, "articles": 0,
                                     "polarity": c["polarity"], "surfaces": []})  # fmt: skip
            m["count"] += c["count"]
            m["statements"] += c["statements"]
            m["articles"] += c["articles"]
            if m["polarity"] != c["polarity"]:
                m["polarity"] = "mixed"
            m["surfaces"] += [w for w in c["surfaces"] if w not in m["surfaces"]]
        rows.append({**r, "cells": [cells[b] for b in periods if b in cells]})
    active = {a: list(dict.fromkeys(bin_of(k) for k in keys)) for a, keys in tl_rec["active"].items()}
    return {**tl_rec, "periods": periods, "active": active, "rows": rows}


def index_heatmaps(tl_rec: dict[str, Any], actors: Sequence[str]) -> list[dict[str, Any]]:
    """The heatmaps of the index: every period when there are at most
    :data:`RECENT_PERIODS`; else the latest :data:`RECENT_PERIODS` periods one by one, then
    every period in bins (:func:`binned_record`, again while there are too many), so that
    a corpus of 80 years reads on one screen. Each is ``{"id", "title", "grid"}``."""
    def grid(rec: dict[str, Any], periods: Sequence[str]) -> dict[str, Any]:
        by_actor = rows_by_actor(rec)
        groups = [(a, actor_page_name(a), by_actor.get(a, [])) for a in actors]
        return heatmap(rec, groups, periods, label_of="concept")

    periods = tl_rec["periods"]
    if len(periods) <= RECENT_PERIODS:
        return [{"id": "heat-all", "title": "", "grid": grid(tl_rec, periods)}]
    recent = periods[-RECENT_PERIODS:]
    unit = _COARSER.get(tl_rec["by"], "decade")
    binned = binned_record(tl_rec, unit)
    while len(binned["periods"]) > RECENT_PERIODS and unit != "decade":
        unit = _COARSER[unit]
        binned = binned_record(binned, unit)
    latest = f"The latest {len(recent)} of {len(periods)} periods, {recent[0]} to {recent[-1]}"
    every = f"All {len(periods)} periods by {unit}, {periods[0]} to {periods[-1]}"
    return [
        {"id": "heat-latest", "title": latest, "grid": grid(tl_rec, recent)},
        {"id": "heat-binned", "title": every, "grid": grid(binned, binned["periods"])},
    ]
