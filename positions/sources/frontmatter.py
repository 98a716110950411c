"""Front matter: a YAML (``---``) or TOML (``+++``) block at the top of a Markdown or text file.

>>> t = "---\\ntitle: Talks\\ndate: 2021-12-23\\n---\\nSEOUL (Reuters) - Talks resumed."
>>> fm = split_front_matter(t, "a.md")
>>> fm.fields, fm.body_start, fm.kind
({'title': 'Talks', 'date': '2021-12-23'}, 38, 'yaml')
>>> split_front_matter("No front matter.", "a.md") is None
True
"""

from __future__ import annotations

import re
from typing import Any, Optional

import attrs
import yaml

from .._toml import tomllib
from ..errors import SourceError

__all__ = ["FrontMatter", "split_front_matter", "FIELDS"]

FIELDS = ("date", "source", "title", "url", "language", "place", "country")
"""The front matter keys positions reads; others (tags, author ...) are ignored."""

_FENCES = {"---": "yaml", "+++": "toml"}


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as written, so that one parser (``parse_date``) reads
    every date and an impossible one ("2021-02-30") is an error naming the file."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_OPEN = re.compile(r"\ufeff?(---|\+\+\+)[ \t]*\r?\n")


@attrs.frozen
class FrontMatter:
    """A parsed front matter block: its fields, its kind, and where the body begins."""

    fields: dict[str, Any]
    kind: str  # "yaml" or "toml"
    body_start: int  # offset in the text just after the closing fence line


def split_front_matter(text: str, name: str) -> Optional[FrontMatter]:
    """Parse the front matter block at the start of ``text`` (the file ``name``), if any.

    Raises :class:`SourceError` naming the file and line when the block is never closed,
    does not parse, or is not a table of keys.
    """
    m = _OPEN.match(text)
    if m is None:
        return None
    fence = m.group(1)
    kind = _FENCES[fence]
    close = re.compile(rf"^{re.escape(fence)}[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
    end = close.search(text, m.end())
    if end is None:
        msg = f"{name}:1: front matter opened with {fence!r} is never closed"
        raise SourceError(msg)
    block = text[m.end() : end.start()]
    first_line = 2  # the block's first line in the file
    if kind == "yaml":
        try:
            data = yaml.load(block, Loader=_Loader)  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            where = f":{first_line + mark.line}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise SourceError(f"{name}{where}: malformed YAML front matter: {problem}") from None
        except (ValueError, TypeError) as exc:  # an explicit tag such as !!timestamp
            raise SourceError(f"{name}: malformed YAML front matter: {exc}") from None
    else:
        try:
            data = tomllib.loads(block)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"at line (\d+)", str(exc))
            where = f":{first_line + int(line.group(1)) - 1}" if line else ""
            problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
            raise SourceError(f"{name}{where}: malformed TOML front matter: {problem}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        msg = (
            f"{name}:{first_line}: front matter must be a table of keys, not {type(data).__name__}"
        )
        raise SourceError(msg)
    fields = {str(k).lower(): v for k, v in data.items() if str(k).lower() in FIELDS}
    return FrontMatter(fields, kind, end.end())
