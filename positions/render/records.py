"""Timelines and comparisons as nested plain records (the shape text, Markdown, HTML and the
report render from; the flat tables of JSON and CSV are in :mod:`positions.render.change_tables`),
and the shade of a count in a heatmap."""

from __future__ import annotations

from typing import Any

from ..model import Comparison, Timeline

__all__ = ["timeline_record", "comparison_record", "heat_level"]


def heat_level(count: int) -> int:
    """A shade for a count, 0 to 5 on a log scale (1, 2-3, 4-7, 8-15, 16+).

    >>> [heat_level(n) for n in (0, 1, 3, 4, 15, 16, 900)]
    [0, 1, 2, 3, 4, 5, 5]
    """
    return 0 if count <= 0 else min(5, count.bit_length())


def timeline_record(tl: Timeline) -> dict[str, Any]:
    """A :class:`Timeline` as plain data (the nested shape)."""
    return {
        "by": tl.by,
        "role": tl.role,
        "periods": [p.key for p in tl.periods],
        "active": {a: list(keys) for a, keys in tl.active},
        "rows": [
            {
                "actor": r.actor,
                "concept": r.concept,
                "first": r.first.key,
                "last": r.last.key,
                "count": r.count,
                "cells": [
                    {
                        "period": c.period.key,
                        "count": c.count,
                        "statements": c.statements,
                        "articles": c.articles,
                        "polarity": c.polarity,
                        "surfaces": list(c.surfaces),
                    }
                    for c in r.cells
                ],
                "variants": [
                    {
                        "normalized": v.normalized,
                        "surface": v.surface,
                        "count": v.count,
                        "first": v.first,
                        "last": v.last,
                        "polarity": v.polarity,
                    }
                    for v in r.variants
                ],
            }
            for r in tl.rows
        ],
    }


def comparison_record(cmp: Comparison) -> dict[str, Any]:
    """A :class:`Comparison` as plain data (the nested shape)."""
    return {
        "period": cmp.period.key if cmp.period else None,
        "by": cmp.by,
        "role": cmp.role,
        "actors": list(cmp.actors),
        "absent": list(cmp.absent),
        "concepts": list(cmp.concepts),
        "cells": [
            {
                "actor": c.actor,
                "concept": c.concept,
                "count": c.count,
                "statements": c.statements,
                "polarity": c.polarity,
                "surfaces": list(c.surfaces),
            }
            for c in cmp.cells
        ],
    }
