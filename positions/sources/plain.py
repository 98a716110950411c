"""Plain-text and Markdown articles: optional front matter, an optional wire dateline, the story.

The text is kept exactly as decoded; the body span starts after the front matter, a leading
Markdown heading (which becomes the title) and the dateline, and ends before trailing white
space.
"""

from __future__ import annotations

import re

from typing import Any, Mapping, Optional

from ..errors import SourceError
from ..model import Article, DateSource, Span
from .datelines import body_start, parse_dateline
from .frontmatter import split_front_matter
from .metadata import assemble, check_fields

__all__ = ["text_article"]


_BLANKS = re.compile(r"[ \t]*")


def markdown_heading(text: str, pos: int) -> Optional[tuple[str, int]]:
    """The title of an ATX heading of level 1 at ``pos`` and where the line after it starts.

    A small scanner rather than a regex: the pattern it replaces (a lazy title before
    optional closing ``#``) tried every split of a ``# ###…x`` line, quadratic in its length.
    Here the line is found once and its closing ``#``, spaces and tabs stripped once.

    >>> markdown_heading("# Talks resume ##\\nText", 0)
    ('Talks resume', 18)
    >>> markdown_heading("#Talks", 0) is None, markdown_heading("# A\\rB", 0) is None
    (True, True)
    """
    if not text.startswith("#", pos):
        return None
    start = pos + 1
    title = _BLANKS.match(text, start).end()  # type: ignore[union-attr]
    if title == start:
        return None
    nl = text.find("\n", title)
    end = len(text) if nl < 0 else nl
    line_end = end - 1 if nl >= 0 and end > title and text[end - 1] == "\r" else end
    if text.find("\r", title, line_end) >= 0:
        return None  # a lone carriage return: not one line
    return text[title:line_end].rstrip(" \t#"), len(text) if nl < 0 else nl + 1


def text_article(
    path: str,
    text: str,
    *,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
    markdown: bool = False,
) -> Article:
    """The article in a plain-text or Markdown file: front matter, dateline, body.

    ``entry`` and ``defaults`` come from the manifest of the file's directory.

    >>> a = text_article("a.txt", "SEOUL (Reuters) - Talks resumed.\\n")
    >>> a.place, a.source, a.body_text, a.layout
    ('Seoul', 'Reuters', 'Talks resumed.', 'text')
    """
    fm = split_front_matter(text, path)
    own: dict[str, Any] = {}
    pos = 0
    if fm is not None:
        own = check_fields(fm.fields, f"{path}: front matter")
        pos = fm.body_start
    pos = body_start(text, pos)
    if markdown:
        heading = markdown_heading(text, pos)
        if heading is not None:
            own.setdefault("title", heading[0])
            pos = body_start(text, heading[1])
    dateline = parse_dateline(text, pos)
    if dateline is not None:
        pos = body_start(text, dateline.span.end)
    end = _content_end(text)
    if end <= pos:
        after = "dateline" if dateline else "front matter" if fm else "heading"
        raise SourceError(f"{path}: no text after the {after}")
    return assemble(
        path=path,
        text=text,
        body=Span(pos, end),
        layout="front_matter" if fm is not None else "text",
        own=own,
        own_from=DateSource.FRONT_MATTER,
        dateline=dateline,
        entry=entry,
        defaults=defaults,
        year=year,
    )


def _content_end(text: str) -> int:
    """Where the text ends once trailing white space is left out (without copying it)."""
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
    return end
