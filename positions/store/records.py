"""Row conversion between the store's tables and :mod:`positions.model` records.

One place, so that writing and reading cannot drift apart: each ``_*_row`` gives the values
for its ``_*_COLS`` and each ``_*_from`` takes them back::

    >>> from positions.model import Article, Span
    >>> a = Article(id="a1", path="a.txt", text="Moscow is ready.", body=Span(0, 16))
    >>> article_from(article_row(a, "h1")) == a
    True
"""

from __future__ import annotations

import json
from typing import Any, Optional, Sequence, cast

from ..model import Article, DateSource, Marker, PartialDate, Span, Speaker, Statement

Row = tuple[Any, ...]  # the values of one row, in the order of its table's _COLS


def _span(start: Optional[int], end: Optional[int]) -> Optional[Span]:
    return None if start is None else Span(start, cast(int, end))  # written NULL together (_ends)


def _ends(span: Optional[Span]) -> tuple[Optional[int], Optional[int]]:
    return (None, None) if span is None else (span.start, span.end)


def _strs(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _tuple(raw: str) -> tuple[str, ...]:
    return () if raw == "[]" else tuple(json.loads(raw))


def _offsets(a: Article) -> str:
    # checked as they will be read back: what could not be read is not written
    return json.dumps(list(pages_from(list(a.pages), a.text)))


def pages_from(raw: Any, text: str) -> tuple[int, ...]:
    """The page offsets stored as ``raw`` (a JSON list, or a list), checked: integers from
    0 to ``len(text)``, never decreasing (a page without text starts where the next one
    does). Anything else is a ``ValueError``: the value was not written by positions.

    >>> pages_from("[0, 4, 4]", "one two ")
    (0, 4, 4)
    """
    if raw == "[]" or raw is None:  # most articles; a dataset part written before the column
        return ()
    values = json.loads(raw) if isinstance(raw, str) else raw
    if not isinstance(values, list):
        raise ValueError(f"pages {raw!r} is not a list of page offsets")
    last = 0
    for v in values:
        if type(v) is not int or not last <= v <= len(text):
            raise ValueError(f"pages {raw!r} are not offsets into the text (0 to {len(text)}) in order")
        last = v
    return tuple(values)


ARTICLE_COLS = (
    "id, path, file_hash, text, body_start, body_end, source, place, date, date_from, title,"
    " url, language, country, layout, dateline_start, dateline_end, warnings, pages, author"
)


def article_row(a: Article, hash_: str) -> Row:
    return (
        a.id,
        a.path,
        hash_,
        a.text,
        a.body.start,
        a.body.end,
        a.source,
        a.place,
        a.date.iso() if a.date is not None else None,
        a.date_from.value if a.date_from is not None else None,
        a.title,
        a.url,
        a.language,
        a.country,
        a.layout,
        *_ends(a.dateline),
        _strs(a.warnings),
        _offsets(a),
        a.author,
    )


def article_from(r: Sequence[Any]) -> Article:
    return Article(
        id=r[0],
        path=r[1],
        text=r[3],
        body=Span(r[4], r[5]),
        source=r[6],
        place=r[7],
        date=PartialDate.from_iso(r[8]) if r[8] is not None else None,
        date_from=DateSource(r[9]) if r[9] is not None else None,
        title=r[10],
        url=r[11],
        language=r[12],
        country=r[13],
        layout=r[14],
        dateline=_span(r[15], r[16]),
        warnings=_tuple(r[17]),
        pages=pages_from(r[18], r[3]),
        author=r[19],
    )


MARKER_COLS = (
    "concept, surface, normalized, span_start, span_end, polarity, in_scope, pattern, steps,"
    " negation_start, negation_end"
)


def marker_row(m: Marker) -> Row:
    return (
        m.concept,
        m.surface,
        m.normalized,
        m.span.start,
        m.span.end,
        m.polarity,
        int(m.in_scope),
        m.pattern,
        _strs(m.steps),
        *_ends(m.negation),
    )


def marker_from(r: Sequence[Any]) -> Marker:
    return Marker(
        concept=r[0],
        surface=r[1],
        normalized=r[2],
        span=Span(r[3], r[4]),
        polarity=r[5],
        in_scope=bool(r[6]),
        pattern=r[7],
        steps=_tuple(r[8]),
        negation=_span(r[9], r[10]),
    )


STATEMENT_COLS = (
    "article_id, span_start, span_end, text, kind, has_speaker, speaker_name, speaker_role,"
    " speaker_country, speaker_org, country, cue_start, cue_end, evidence, parts"
)


def statement_row(s: Statement) -> Row:
    sp = s.speaker
    return (
        s.article,
        s.span.start,
        s.span.end,
        s.text,
        s.kind,
        int(sp is not None),
        sp.name if sp else None,
        sp.role if sp else None,
        sp.country if sp else None,
        sp.organization if sp else None,
        s.country,
        *_ends(s.cue),
        _strs(s.evidence),
        json.dumps([p.as_list() for p in s.parts]),
    )


def statement_from(r: Sequence[Any], holders: tuple[str, ...], markers: tuple[Marker, ...]) -> Statement:
    speaker = Speaker(r[6], r[7], r[8], r[9]) if r[5] else None
    return Statement(
        article=r[0],
        span=Span(r[1], r[2]),
        text=r[3],
        kind=r[4],
        speaker=speaker,
        country=r[10],
        holders=holders,
        cue=_span(r[11], r[12]),
        evidence=_tuple(r[13]),
        parts=tuple(Span(a, b) for a, b in json.loads(r[14])),
        markers=markers,
    )
