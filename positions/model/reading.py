"""The records of reading and attribution: spans, dates, articles, speakers, markers,
statements, an article's analysis, and one actor's snapshot of a period."""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from typing import Any, Iterable, Optional

import attrs

from .vocabulary import PeriodKind, Polarity, StatementKind

__all__ = [
    "Span",
    "DatePrecision",
    "DateSource",
    "PartialDate",
    "Article",
    "Speaker",
    "Marker",
    "Statement",
    "Analysis",
    "Period",
    "Snapshot",
]


def _non_negative(instance: object, attribute: "attrs.Attribute[int]", value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(order=True, weakref_slot=False)
class Span:
    """Half-open character offsets ``[start, end)`` into an article's original text.

    >>> Span(4, 9).slice("the quick fox")
    'quick'
    """

    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field()

    @end.validator
    def _end_after_start(self, attribute: "attrs.Attribute[int]", value: int) -> None:
        if value < self.start:
            raise ValueError(f"span end {value} is before its start {self.start}")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def shift(self, offset: int) -> "Span":
        return Span(self.start + offset, self.end + offset)

    def as_list(self) -> list[int]:
        return [self.start, self.end]


class DatePrecision(str, enum.Enum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    def __str__(self) -> str:
        return self.value


class DateSource(str, enum.Enum):
    """Where an article's date came from (its provenance)."""

    FRONT_MATTER = "front_matter"
    MANIFEST = "manifest"
    DATELINE = "dateline"  # a dateline that gives the year itself
    DATELINE_MANIFEST_YEAR = "dateline+manifest_year"
    DATELINE_OPTION_YEAR = "dateline+option_year"
    DATELINE_FILE_NAME_YEAR = "dateline+file_name_year"
    COLUMN = "column"  # a JSONL/CSV field
    FILE_NAME = "file_name"  # an ISO date starting the file name, or a UNGDC name's year
    PAGE_METADATA = "page_metadata"  # a saved web page's own metadata (meta tags, JSON-LD)
    PDF_FIRST_PAGE = "pdf_first_page"  # a date line on the first page of a PDF
    OPTION = "option"  # the --year option alone

    def __str__(self) -> str:
        return self.value


@attrs.frozen(order=True)
class PartialDate:
    """A calendar date known to the day, the month or only the year.

    >>> PartialDate(2021, 12, 23).iso()
    '2021-12-23'
    >>> PartialDate(2019).precision
    <DatePrecision.YEAR: 'year'>
    """

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        # Let datetime check the ranges (month 1-12, day valid for the month).
        _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def precision(self) -> DatePrecision:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_iso(cls, value: str) -> "PartialDate":
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        parts = value.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        return cls(*(int(p) for p in parts))

    def __str__(self) -> str:
        return self.iso()


def _offsets(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


@attrs.frozen
class Article:
    """One input text and what is known about it.

    ``text`` is the input exactly as decoded (front matter, dateline, BOM and line ends
    included); ``body`` is the span of the story itself, after any front matter and dateline.
    """

    id: str  # content hash of ``text`` (see ``positions.sources.article_id``)
    path: str  # as given by the user (a file, or ``file.jsonl#3`` for a row of an export)
    text: str
    body: Span
    source: Optional[str] = None  # outlet: TASS, Xinhua, UNGDC ...
    place: Optional[str] = None  # dateline place
    date: Optional[PartialDate] = None
    date_from: Optional[DateSource] = None
    title: Optional[str] = None
    url: Optional[str] = None
    language: Optional[str] = None
    country: Optional[str] = None  # ISO alpha-3 where the layout says whose text it is
    layout: str = "text"  # text, front_matter, jsonl, csv, ungdc, html, pdf
    dateline: Optional[Span] = None
    warnings: tuple[str, ...] = ()
    # Where each page of a paged source (a PDF) starts in ``text``: page n starts at
    # ``pages[n - 1]``. Empty for everything else.
    pages: tuple[int, ...] = attrs.field(default=(), converter=_offsets)
    author: Optional[str] = None  # as a saved page or a PDF's metadata names it

    @property
    def body_text(self) -> str:
        return self.body.slice(self.text)

    def page_of(self, offset: int) -> Optional[int]:
        """The page number (from 1) that holds the character at ``offset``, or None when the
        article has no pages.

        >>> Article("x", "a.pdf", "one two ", Span(0, 8), pages=(0, 4)).page_of(5)
        2
        """
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


@attrs.frozen
class Speaker:
    """Who speaks: a person, an institution or a metonym ("Moscow")."""

    name: Optional[str] = None  # "Andrey Kulik"
    role: Optional[str] = None  # "ambassador to Seoul"
    country: Optional[str] = None  # ISO alpha-3 of the office, not the post
    organization: Optional[str] = None  # "Foreign Ministry", "Moscow" (as written)

    def label(self) -> str:
        return self.name or self.organization or self.role or self.country or "?"


@attrs.frozen
class Marker:
    """One match of a lexicon concept in an article."""

    concept: str
    surface: str  # the words as written in the original text
    normalized: str  # the normalized tokens that matched, space-joined
    span: Span
    polarity: Polarity = "affirmed"
    in_scope: bool = True  # inside a passage about the lexicon's issue
    pattern: str = ""  # the lexicon pattern that matched
    steps: tuple[str, ...] = ()  # normalization steps that made the match possible
    negation: Optional[Span] = None  # the negation cue, where negated


@attrs.frozen
class Statement:
    """Something a speaker said or a document states, with whose position it is.

    ``span`` covers the content (for a split quote, from the start of its first part to the
    end of its last); ``parts`` are the content pieces themselves, and ``text`` their words.
    """

    article: str  # Article.id
    span: Span
    text: str
    kind: StatementKind  # direct, reported, mixed, document
    speaker: Optional[Speaker] = None
    country: Optional[str] = None  # the speaker's country
    holders: tuple[str, ...] = ()  # whose position it states
    cue: Optional[Span] = None  # "pointed out"
    evidence: tuple[str, ...] = ()
    parts: tuple[Span, ...] = ()
    markers: tuple[Marker, ...] = ()


@attrs.frozen
class Analysis:
    """An article with the statements (and their markers) found in it."""

    article: Article
    statements: tuple[Statement, ...] = ()
    markers: tuple[Marker, ...] = ()  # every marker in the article, inside statements or not

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from ..render.notebook import html_of

        return html_of(self)

    def to_frame(self, what: str = "statements") -> "Any":
        """A pandas DataFrame: a row per statement, or per marker with ``what="markers"``
        (columns in :mod:`positions.frames`; pandas is an optional extra). For many
        analyses at once: :func:`positions.frames.analyses_frame`."""
        from ..frames import analyses_frame

        return analyses_frame(self, what)


@attrs.frozen(order=True)
class Period:
    """A stretch of time a snapshot covers: ``kind`` is article, day, month, year or all."""

    kind: PeriodKind
    key: str  # "2021", "2021-12", "2021-12-23", an article id, or "all"
    label: str = ""


@attrs.frozen
class Snapshot:
    """One actor's statements and markers over one period."""

    actor: str
    period: Period
    statements: tuple[Statement, ...] = ()
    articles: tuple[str, ...] = ()  # article ids, in reading order
    markers: tuple[Marker, ...] = ()
    paths: tuple[str, ...] = ()  # Article.path of each of ``articles`` (same order)
