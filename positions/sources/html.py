"""Saved web pages (``.html``, ``.htm``): the article's text and metadata, without the page.

A page saved from a ministry site, a UN press release or a news site holds the story among
menus, share buttons, related links and footers. `trafilatura`_ (the standard extractor of
the field, used by the web-corpus projects) finds the main text and the page's metadata: its
title, date, site name, author and canonical URL. Nothing here parses HTML by hand.

The article's ``text`` is the extracted text, one paragraph per block, blank lines between
them (so every span points into what was extracted, not into the markup); ``path`` is the
saved page and ``url`` its canonical URL, for provenance. A first line that repeats the title
is not part of the body; a wire dateline that opens the story is read as in a text file.

.. _trafilatura: https://trafilatura.readthedocs.io
"""

from __future__ import annotations

import logging
import os
from typing import Any, Mapping, Optional

from ..errors import SourceError
from ..model import Article, DateSource, Span
from .datelines import body_start, parse_dateline
from .dates import parse_date
from .metadata import assemble

__all__ = ["HTML_SUFFIXES", "html_article", "extract_page"]

HTML_SUFFIXES = (".html", ".htm")
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    # Their log lines (what they could not find) are not ours to print; see pdf.py.
    logging.getLogger(_name).addHandler(logging.NullHandler())
MIN_WORDS = 12
"""Fewer words than this extracted from a page means it holds no article text."""


def extract_page(data: bytes, name: str) -> tuple[str, dict[str, Any]]:
    """The main text of the page in ``data`` (paragraphs joined by blank lines) and its
    metadata (``title``, ``date`` as written, ``source``, ``author``, ``url``).

    Raises :class:`SourceError` naming ``name`` when the page holds no article text.
    """
    try:
        import trafilatura
    except ImportError as exc:  # a declared dependency; say which one is missing
        raise SourceError(f"{name}: reading saved web pages needs trafilatura ({exc})") from None

    # No extensive date search: a date guessed from any number in the page is worse than none
    # (the file name or a manifest can still date the article).
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(doc, "body", None) if doc is not None else None
    if body is not None:
        paragraphs = _blocks(body)
    else:  # no tree kept: its text, a block per line
        raw = getattr(doc, "text", None) if doc is not None else None
        paragraphs = [" ".join(line.split()) for line in (raw or "").splitlines()]
    paragraphs = [p for p in paragraphs if p]
    # What is left of a page with no story (a menu, a cookie notice) is a few words; a
    # statement, however short, has a sentence or two.
    if sum(len(p.split()) for p in paragraphs) < MIN_WORDS:
        raise SourceError(
            f"{name}: no article text found in the page (only navigation or scripts);"
            " save the article's own page, or copy its text into a .txt file"
        )
    meta = {
        "title": getattr(doc, "title", None),
        "date": getattr(doc, "date", None),
        "source": getattr(doc, "sitename", None) or getattr(doc, "hostname", None),
        "author": getattr(doc, "author", None),
        "url": getattr(doc, "url", None),
    }
    return "\n\n".join(paragraphs) + "\n", {k: v for k, v in meta.items() if v}


# Containers in trafilatura's tree whose children are paragraphs; inside a paragraph ("p",
# "head") every element (code, hi, ref) is inline, part of its text.
_CONTAINERS = frozenset({"quote", "div", "section", "body"})
_PARAGRAPHS = frozenset({"p", "head", "list", "table", "quote", "code", "pre"})


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _text(element: Any) -> str:
    return _squeeze("".join(element.itertext()))


def _blocks(element: Any) -> list[str]:
    """The paragraphs of trafilatura's body tree: one per paragraph, heading, list item,
    table row or quoted paragraph (a line break inside a paragraph of the page's source is a
    space, not a new paragraph); a code block keeps its lines."""
    out: list[str] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            out.extend(_text(item) for item in child.findall("item"))
        elif tag == "table":
            out.extend("  ".join(_text(cell) for cell in row) for row in child.iter("row"))
        elif tag in ("code", "pre"):
            lines = [line.rstrip() for line in "".join(child.itertext()).splitlines()]
            out.append("\n".join(line for line in lines if line.strip()))
        elif tag in _CONTAINERS and any(c.tag in _PARAGRAPHS for c in child if isinstance(c.tag, str)):
            if child.text and child.text.strip():
                out.append(_squeeze(child.text))
            out.extend(_blocks(child))
        elif tag:
            out.append(_text(child))
        if child.tail and child.tail.strip():
            out.append(_squeeze(child.tail))
    return out


def html_article(
    path: str,
    data: bytes,
    *,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
    name: Optional[str] = None,
) -> Article:
    """The article in the saved page ``data`` (the bytes of ``path``; ``name`` is its file
    name when ``path`` is not, as for stdin).

    ``entry`` and ``defaults`` come from the manifest of the file's directory.
    """
    text, meta = extract_page(data, path)
    own: dict[str, Any] = {}
    warnings: list[str] = []
    for key in ("title", "source", "url"):
        if key in meta:
            own[key] = " ".join(str(meta[key]).split())
    if "date" in meta:
        try:
            own["date"] = parse_date(meta["date"])
        except ValueError as exc:
            warnings.append(f"the page's date is not used: {exc}")
    pos = 0
    title = own.get("title")
    first_end = text.find("\n")
    if title and " ".join(text[:first_end].split()) == title:
        pos = body_start(text, first_end)
    dateline = parse_dateline(text, pos)
    if dateline is not None:
        pos = body_start(text, dateline.span.end)
    end = len(text.rstrip())
    if end <= pos:
        raise SourceError(f"{path}: no article text found in the page beyond its title")
    return assemble(
        path=path,
        text=text,
        body=Span(pos, end),
        layout="html",
        own=own,
        own_from=DateSource.PAGE_METADATA,
        dateline=dateline,
        entry=entry,
        defaults=defaults,
        year=year,
        warnings=warnings,
        name=name or os.path.basename(path),
        author=meta.get("author"),
    )
