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
    raw = getattr(doc, "text", None) if doc is not None else None
    lines = [line.strip() for line in (raw or "").splitlines()]
    paragraphs = [line for line in lines if line]
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
