"""A plain record written in the format a command asks for: JSON as it is, every other
format by its writer.

>>> print(in_format({"a": 1}, "json", {}, ("text", "json")), end="")
{
  "a": 1
}
>>> in_format({"a": 1}, "pdf", {"text": str}, ("text", "json"))
Traceback (most recent call last):
...
ValueError: unknown format 'pdf' (known: text, json)
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping, Sequence

__all__ = ["in_format"]


def in_format(rec: dict[str, Any], fmt: str, writers: Mapping[str, Callable[[dict[str, Any]], str]],
              known: Sequence[str]) -> str:  # fmt: skip
    """``rec`` in ``fmt``: indented JSON (non-ASCII kept) for ``"json"``, else what the writer
    of ``fmt`` in ``writers`` makes of it; an unknown format is a :class:`ValueError` that
    lists the ``known`` ones."""
    if fmt == "json":
        return json.dumps(rec, ensure_ascii=False, indent=2) + "\n"
    writer = writers.get(fmt)
    if writer is None:
        raise ValueError(f"unknown format {fmt!r} (known: {', '.join(known)})")
    return writer(rec)
