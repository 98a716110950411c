"""The records of positions: frozen, slotted attrs classes and nothing else.

Every extracted thing carries :class:`Span` offsets into :attr:`Article.text`, the text of the
input exactly as decoded, so that every figure can be traced to the characters behind it.
The functions that make these records live in the stage that owns them (``sources``,
``text``, ``attribution``, ``lexicon``, ``diff``, ``track``).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
from typing import Any, Iterable, Optional

import attrs

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
    "DiffOp",
    "TextDiff",
    "Move",
    "VariantShift",
    "PolarityFlip",
    "StatementPair",
    "HeldConcept",
    "PositionDiff",
    "Variant",
    "TimelineCell",
    "ConceptTimeline",
    "Timeline",
    "ComparisonCell",
    "Comparison",
    "ShiftEvent",
]


def _non_negative(instance: object, attribute: attrs.Attribute, value: int) -> None:
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
    def _end_after_start(self, attribute: attrs.Attribute, value: int) -> None:
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
    polarity: str = "affirmed"  # "affirmed" or "negated"
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
    kind: str  # "direct", "reported", "mixed", "document"
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
        from .render.notebook import html_of

        return html_of(self)

    def to_frame(self, what: str = "statements") -> "Any":
        """A pandas DataFrame: a row per statement, or per marker with ``what="markers"``
        (columns in :mod:`positions.frames`; pandas is an optional extra). For many
        analyses at once: :func:`positions.frames.analyses_frame`."""
        from .frames import analyses_frame

        return analyses_frame(self, what)


@attrs.frozen(order=True)
class Period:
    """A stretch of time a snapshot covers: ``kind`` is article, day, month, year or all."""

    kind: str
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


@attrs.frozen(weakref_slot=False)
class DiffOp:
    """One token-level operation: ``op`` is ``=``, ``-`` or ``+``.

    ``old`` and ``new`` are spans into the two compared texts; a deletion has an empty
    ``new`` span at the point of deletion, an insertion an empty ``old`` span.
    """

    op: str
    text: str
    old: Span
    new: Span


@attrs.frozen
class Move:
    """A sentence deleted in one place of a passage and inserted, reworded or not, in
    another place of its counterpart (found by :func:`positions.diff.diff_passages`).

    ``old`` and ``new`` are the two sentences' spans in the compared texts; ``diff`` is the
    word diff between them, its operations' spans also into the two compared texts. The
    deletion and the insertion stay in the passage's own operations, which reproduce both
    texts in order; a move says which of them are one sentence moved.
    """

    old: Span
    new: Span
    diff: "TextDiff"


@attrs.frozen
class TextDiff:
    """Token-level differences between two texts, with a similarity in [0, 1], and the
    sentences that moved (:func:`positions.diff.diff_passages` only)."""

    ops: tuple[DiffOp, ...]
    similarity: float
    moves: tuple[Move, ...] = ()
    # The sentence blocks :func:`positions.diff.diff_passages` diffed one by one (see
    # :func:`positions.diff.align_sentences`): spans into the two texts, in order, covering
    # both. Empty for a diff of two texts taken whole. Renderers cut lines at them.
    blocks: tuple[tuple[Span, Span], ...] = ()

    @property
    def changed(self) -> bool:
        return any(op.op != "=" for op in self.ops)

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from .render.notebook import html_of

        return html_of(self)


@attrs.frozen
class VariantShift:
    """The same concept, held in both periods, under different wording."""

    concept: str
    old: tuple[str, ...]
    new: tuple[str, ...]


@attrs.frozen
class PolarityFlip:
    concept: str
    old: str
    new: str


@attrs.frozen
class StatementPair:
    """A statement and its most similar predecessor (``old`` is None for a new statement)."""

    old: Optional[Statement]
    new: Optional[Statement]
    diff: Optional[TextDiff]
    similarity: float
    old_span: Optional[Span] = None  # the aligned passage, when narrower than the statement
    new_span: Optional[Span] = None
    # The in-scope concepts of each passage, sorted (positions.diff.passage_concepts).
    old_concepts: tuple[str, ...] = ()
    new_concepts: tuple[str, ...] = ()


@attrs.frozen
class HeldConcept:
    """A concept held in a snapshot: its polarity over the snapshot's in-scope markers
    (``affirmed``, ``negated`` or ``mixed``) and its wordings (the first surface written for
    each normalized form, whitespace runs as one space, ordered by the form)."""

    concept: str
    polarity: str
    wordings: tuple[str, ...] = ()


@attrs.frozen
class PositionDiff:
    """What changed in one actor's position between two snapshots."""

    actor: str
    old: Snapshot
    new: Snapshot
    gained: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    shifts: tuple[VariantShift, ...] = ()
    polarity_flips: tuple[PolarityFlip, ...] = ()
    pairs: tuple[StatementPair, ...] = ()
    old_held: tuple[HeldConcept, ...] = ()  # each side's concepts, polarities and wordings
    new_held: tuple[HeldConcept, ...] = ()

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from .render.notebook import html_of

        return html_of(self)

    def to_frame(self) -> "Any":
        """A pandas DataFrame, a row per change (columns in :mod:`positions.frames`)."""
        from .frames import diffs_frame

        return diffs_frame(self)


@attrs.frozen
class Variant:
    """One wording of a concept: a normalized form, the surface first written for it
    (whitespace runs as one space), how often and from when to when (period keys)."""

    normalized: str
    surface: str
    count: int
    first: str
    last: str
    polarity: str = "affirmed"  # "affirmed", "negated" or "mixed"


@attrs.frozen
class TimelineCell:
    """One concept of one actor in one period: in-scope markers, the statements and
    articles they are in, the wordings used (first surface per normalized form)."""

    period: Period
    count: int
    statements: int
    articles: int
    surfaces: tuple[str, ...] = ()
    polarity: str = "affirmed"


@attrs.frozen
class ConceptTimeline:
    """An actor's history with one concept: the periods it appears in, in time order."""

    actor: str
    concept: str
    cells: tuple[TimelineCell, ...]
    variants: tuple[Variant, ...] = ()

    @property
    def first(self) -> Period:
        return self.cells[0].period

    @property
    def last(self) -> Period:
        return self.cells[-1].period

    @property
    def count(self) -> int:
        return sum(c.count for c in self.cells)


@attrs.frozen
class Timeline:
    """Actor x concept x period. ``periods`` are the columns: every period in which one of
    the actors has a statement; ``active`` says, per actor, in which of them it has one (so
    that "spoke, but not of this" differs from "not heard at all")."""

    by: str
    role: str
    periods: tuple[Period, ...] = ()
    rows: tuple[ConceptTimeline, ...] = ()
    active: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def _repr_html_(self) -> str:  # how Jupyter shows it: positions.render.notebook
        from .render.notebook import html_of

        return html_of(self)

    def to_frame(self) -> "Any":
        """A pandas DataFrame, a row per actor, concept and period (columns in
        :mod:`positions.frames`)."""
        from .frames import frame, timeline_rows, TIMELINE_COLUMNS

        return frame(timeline_rows(self), TIMELINE_COLUMNS)


@attrs.frozen
class ComparisonCell:
    """What one actor says of one concept in the compared period."""

    actor: str
    concept: str
    count: int
    statements: int
    surfaces: tuple[str, ...] = ()
    polarity: str = "affirmed"


@attrs.frozen
class Comparison:
    """Several actors side by side in one period; ``absent`` lists those without a statement
    in it."""

    period: Optional[Period]
    by: str
    role: str
    actors: tuple[str, ...]
    concepts: tuple[str, ...] = ()
    cells: tuple[ComparisonCell, ...] = ()
    absent: tuple[str, ...] = ()


@attrs.frozen
class ShiftEvent:
    """One change between an actor's successive snapshots: ``kind`` is gained, dropped,
    variant or polarity; ``old``/``new`` hold the wordings (or, for polarity, the
    polarities) before and after."""

    actor: str
    old_period: Period
    new_period: Period
    kind: str
    concept: str
    old: tuple[str, ...] = ()
    new: tuple[str, ...] = ()
