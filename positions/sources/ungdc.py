"""The UN General Debate Corpus layout: one speech per file, named ``ISO3_SESSION_YEAR.txt``.

The file name says whose speech it is and when: ``CHN_74_2019.txt`` is China's speech at the
74th session, in 2019 (session *n* opens in September of 1945 + *n*). The whole text is the
body; later stages read it as one ``document`` statement of that country.

>>> ungdc_name("CHN_74_2019.txt")
('CHN', 74, 2019)
>>> ungdc_name("notes.txt") is None
True
"""

from __future__ import annotations

import os
import re
from typing import Any, Mapping, Optional

from ..errors import EmptyFileError, SourceError
from ..model import Article, DateSource, PartialDate, Span
from .datelines import body_start
from .metadata import assemble

__all__ = ["ungdc_name", "ungdc_article", "SOURCE"]

SOURCE = "UNGDC"
_NAME_RE = re.compile(r"([A-Z]{3})_(\d{1,3})_(\d{4})\.txt")


def ungdc_name(path: str) -> Optional[tuple[str, int, int]]:
    """``(country, session, year)`` when the file name follows the UNGDC layout, else None."""
    m = _NAME_RE.fullmatch(os.path.basename(path))
    if m is None:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3))


def ungdc_article(
    path: str,
    text: str,
    *,
    entry: Mapping[str, Any] = {},
    defaults: Mapping[str, Any] = {},
    year: Optional[int] = None,
) -> Article:
    """The speech in a UNGDC file: country and year from the name, source ``UNGDC``.

    >>> a = ungdc_article("CHN_74_2019.txt", "\\ufeffMr. President,\\r\\n")
    >>> a.country, a.date.iso(), str(a.date_from), a.body_text
    ('CHN', '2019', 'file_name', 'Mr. President,')
    """
    parsed = ungdc_name(path)
    if parsed is None:
        raise SourceError(f"{path}: not a UN General Debate file name (ISO3_SESSION_YEAR.txt)")
    country, session, file_year = parsed
    warnings = []
    if file_year != 1945 + session:
        warnings.append(
            f"session {session} was held in {1945 + session}, the file name says {file_year}"
        )
    start = body_start(text, 0)
    end = len(text.rstrip())
    if end <= start:
        raise EmptyFileError(f"{path}: empty file (only white space)")
    own = {
        "country": country,
        "source": SOURCE,
        "language": "en",
        "title": f"UN General Debate, session {session} ({file_year})",
        "date": PartialDate(file_year),
    }
    return assemble(
        path=path,
        text=text,
        body=Span(start, end),
        layout="ungdc",
        own=own,
        own_from=DateSource.FILE_NAME,
        entry=entry,
        defaults=defaults,
        year=year,
        warnings=warnings,
    )
