"""A plain record written in the format a command asks for, by that format's writer (the
data formats, JSON, JSON Lines and CSV, are flat tables written by :mod:`.writers`).

>>> in_format({"a": 1}, "text", {"text": lambda r: f"a = {r['a']}"}, ("text", "json"))
'a = 1'
>>> in_format({"a": 1}, "pdf", {"text": str}, ("text", "json"))
Traceback (most recent call last):
...
ValueError: unknown format 'pdf' (known: text, json)
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

__all__ = ["in_format"]


def in_format(rec: dict[str, Any], fmt: str, writers: Mapping[str, Callable[[dict[str, Any]], str]],
              known: Sequence[str]) -> str:  # fmt: skip
    """What the writer of ``fmt`` in ``writers`` makes of ``rec``; an unknown format is a
    :class:`ValueError` that lists the ``known`` ones."""
    writer = writers.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(known)})")
    return writer(rec)
