"""PDFs (``.pdf``): the text of each page, page numbers kept, running heads and feet removed.

Text comes from `pypdf`_ (pure Python, maintained by the py-pdf project, no system library;
it reads encrypted files that open without a password). The pages are joined in order, each
ending in a line break, and the article records where each page starts
(:attr:`~positions.model.Article.pages`), so a statement can be cited by page
(:meth:`~positions.model.Article.page_of`).

Before anything is analysed, the running headers and footers of each page are removed: the
lines at the top and the bottom of a page that are a UN document symbol (``S/PV.8353``), a
page number (``3``, ``3/25``), a UN job number (``18-29317``, ``18-29317 (E)``, the bar code
``*1829317*``), or that repeat (digits aside) at the edge of at least half the pages (except
at the top of the first page, where such a line is the document's title).
Removed lines are not part of the article's text: its spans point into what remains.

A date line near the top of the first page ("Thursday, 27 September 2018, 10 a.m.") dates the
document (``date_from = pdf_first_page``).

.. _pypdf: https://pypdf.readthedocs.io
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections import Counter
from typing import Any, Mapping, Optional, Sequence

from ..errors import SourceError
from ..model import Article, DateSource, Span
from .datelines import body_start, parse_dateline
from .dates import MONTH_PATTERN, parse_date
from .metadata import assemble

__all__ = ["PDF_SUFFIXES", "MAX_PDF_BYTES", "pdf_article", "pdf_pages", "strip_running_lines"]

PDF_SUFFIXES = (".pdf",)
MAX_PDF_BYTES = 20_000_000
"""The largest PDF read (20 MB). A statement or a verbatim record is well under 1 MB of
PDF; a bigger file is mostly images (a scan) or many documents bound together, and parsing
it would take minutes for nothing."""

# pypdf logs what it repairs; without a handler Python would print those lines on stderr
# beside ours. A library adds a NullHandler (logging's own advice); users who configure
# logging still see them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

_EDGE = 4  # lines at the top and at the bottom of a page where running lines are looked for
_RUNNING = re.compile(
    r"""(?x)
    (?: S/PV\.\d+ (?:\s*\(Resumption\s*\d*\))? .{0,100}          # S/PV.8353  Title  27/09/2018
      | .{0,100} S/PV\.\d+ (?:\s*\(Resumption\s*\d*\))?
      | A/\d+/PV\.\d+ .{0,100} | .{0,100} A/\d+/PV\.\d+           # General Assembly records
      | \d{2}-\d{5} (?:\s*\([A-Z]\))? (?:\s+\d+/\d+)?           # 18-29317 (E)  3/25
      | \d+/\d+ \s+ \d{2}-\d{5}                                # 3/25  18-29317
      | \*\d{6,}\*                                             # *1829317*
      | (?:Page\s+)? \d{1,4} (?:\s*(?:/|of)\s*\d{1,4})?         # 3, 3/25, Page 3 of 25
    )""",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_DATE_LINE = re.compile(
    rf"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?P<date>\d{{1,2}}\s+{MONTH_PATTERN}\s+\d{{4}}|{MONTH_PATTERN}\s+\d{{1,2}},\s+\d{{4}})"
    rf"(?:,?\s+.{{0,40}})?",
    re.IGNORECASE,
)
_JUNK_TITLE = re.compile(r"(?i)^microsoft word\b|\.(?:docx?|pdf|rtf|indd)$|^untitled$")


def pdf_pages(data: bytes, name: str) -> tuple[list[str], dict[str, str]]:
    """The text of each page of the PDF in ``data``, and its ``title``/``author`` metadata.

    Raises :class:`SourceError` naming ``name`` for a file that is not a readable PDF, is
    encrypted with a password, or has no text layer (a scan).
    """
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    except ImportError as exc:  # a declared dependency; say which one is missing
        raise SourceError(f"{name}: reading PDFs needs pypdf ({exc})") from None
    if not data.lstrip()[:5] == b"%PDF-":
        raise SourceError(f"{name}: not a PDF (no %PDF- header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise SourceError(f"{name}: encrypted PDF that cannot be opened here ({exc})") from None
            if not opened:
                raise SourceError(
                    f"{name}: encrypted PDF (a password is needed to open it);"
                    " save an unprotected copy or export its text"
                )
        pages = [_page_text(page) for page in reader.pages]
        meta = reader.metadata
        info = {
            "title": (meta.title or "") if meta else "",
            "author": (meta.author or "") if meta else "",
        }
    except SourceError:
        raise
    except FileNotDecryptedError:
        raise SourceError(f"{name}: encrypted PDF (a password is needed to open it)") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, RecursionError, OverflowError, ZeroDivisionError) as exc:  # fmt: skip
        # pypdf reports a damaged file with any of these; the user needs one line, not a trace.
        raise SourceError(f"{name}: not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise SourceError(f"{name}: a PDF without pages")
    if not any(p.strip() for p in pages):
        raise SourceError(
            f"{name}: no text layer in {len(pages)} page(s) (a scanned PDF?);"
            " run OCR on it first (e.g. ocrmypdf), then read the result"
        )
    return pages, {k: " ".join(v.split()) for k, v in info.items() if isinstance(v, str) and v.strip()}


def _page_text(page: Any) -> str:
    text = page.extract_text() or ""
    # Form feeds and stray NULs of some producers are not text.
    return text.replace("\x00", "").replace("\x0c", "\n")


def strip_running_lines(pages: Sequence[str]) -> list[list[str]]:
    """The lines of each page without its running headers and footers (see the module doc).

    >>> strip_running_lines(["S/PV.8353  Peace and security  27/09/2018\\nMr. Li spoke.\\n18-29317  3/25"])
    [['Mr. Li spoke.']]
    """
    split = [[line.rstrip() for line in p.splitlines()] for p in pages]
    for lines in split:
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
    repeated = _repeated_edges(split)
    out = []
    for number, lines in enumerate(split):
        # A running head that repeats the title is the title on the first page: there only
        # the patterns (symbols, page and job numbers) remove lines at the top.
        top_repeated = repeated if number else frozenset()
        top = 0
        while top < min(_EDGE, len(lines)) and _is_running(lines[top], top_repeated):
            top += 1
        bottom = len(lines)
        while bottom > max(top, len(lines) - _EDGE) and _is_running(lines[bottom - 1], repeated):
            bottom -= 1
        out.append(lines[top:bottom])
    return out


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split()))


def _repeated_edges(pages: Sequence[Sequence[str]]) -> frozenset[str]:
    """Shapes of lines found at the edge of at least half the pages (two at least)."""
    if len(pages) < 2:
        return frozenset()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = {_shape(line) for line in list(lines[:2]) + list(lines[-2:]) if line.strip()}
        counts.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    return frozenset(shape for shape, n in counts.items() if n >= need)


def _is_running(line: str, repeated: frozenset[str]) -> bool:
    squeezed = " ".join(line.split())
    if not squeezed:
        return True
    return bool(_RUNNING.fullmatch(squeezed)) or _shape(line) in repeated


def _first_page_date(lines: Sequence[str]) -> Optional[str]:
    for line in lines[:15]:
        squeezed = " ".join(line.split())
        if len(squeezed) <= 80:
            m = _DATE_LINE.fullmatch(squeezed)
            if m:
                return m.group("date")
    return None


def pdf_article(
    path: str,
    data: bytes,
    *,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
    name: Optional[str] = None,
) -> Article:
    """The article in the PDF ``data`` (the bytes of ``path``; ``name`` is its file name when
    ``path`` is not, as for stdin). ``entry`` and ``defaults`` come from the manifest."""
    raw_pages, info = pdf_pages(data, path)
    kept = strip_running_lines(raw_pages)
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for lines in kept:
        starts.append(offset)
        chunk = "".join(line + "\n" for line in lines)
        parts.append(chunk)
        offset += len(chunk)
    text = "".join(parts)
    if not text.strip():
        raise SourceError(f"{path}: no text in the PDF beyond its running headers and footers")
    own: dict[str, Any] = {}
    warnings: list[str] = []
    title = info.get("title")
    if title and not _JUNK_TITLE.search(title):
        own["title"] = title
    said = _first_page_date(kept[0] if kept else [])
    if said is not None:
        try:
            own["date"] = parse_date(said)
        except ValueError as exc:
            warnings.append(f"the first page's date is not used: {exc}")
    symbol = re.search(r"\b(S/PV\.\d+|A/\d+/PV\.\d+)", "\n".join(raw_pages[0].splitlines()[:_EDGE]))
    if symbol is not None:
        own.setdefault("title", symbol.group(1))
        own["source"] = "United Nations"
    pos = body_start(text, 0)
    dateline = parse_dateline(text, pos)
    if dateline is not None:
        pos = body_start(text, dateline.span.end)
    return assemble(
        path=path,
        text=text,
        body=Span(pos, len(text.rstrip())),
        layout="pdf",
        own=own,
        own_from=DateSource.PDF_FIRST_PAGE,
        dateline=dateline,
        entry=entry,
        defaults=defaults,
        year=year,
        warnings=warnings,
        name=name or os.path.basename(path),
        pages=starts,
        author=info.get("author"),
    )
