"""Readers: files, directories and exports in, :class:`~positions.model.Article` records out.

Formats: plain text with or without a wire dateline, Markdown or text with YAML/TOML front
matter, saved web pages (``.html``, trafilatura), PDFs (``.pdf``, pypdf, with page offsets),
JSONL and CSV exports (one article per row), the UN General Debate layout
(``CHN_74_2019.txt``), and a ``corpus.toml`` manifest beside the files that gives or
overrides their metadata. An ISO date starting a file name dates it; ``-`` reads stdin.
``docs/corpus-formats.md`` describes them for users.

>>> article = read_article(bundled_corpus()[0] / "000_1792fb935fd71937.txt")
>>> article.place, article.source, article.date.iso(), article.date.precision.value
('Seoul', 'TASS', '2021-12-23', 'day')
>>> article.text[article.dateline.start : article.dateline.end]
'SEOUL, December 23. /TASS/.'
"""

from __future__ import annotations

from .corpus import (
    TEXT_SUFFIXES,
    bundled_corpus,
    bundled_gold,
    is_article_file,
    iter_articles,
    read_article,
)
from .datelines import Dateline, parse_dateline
from .dates import file_name_date, parse_date, weekday_mismatch
from .decoding import MAX_ARTICLE_BYTES, article_id, decode_text, read_text
from .manifest import MANIFEST_NAME, Manifest, load_manifest
from .tabular import FIELDS, TABLE_SUFFIXES, iter_csv, iter_jsonl

__all__ = [
    "read_article",
    "iter_articles",
    "bundled_corpus",
    "bundled_gold",
    "article_id",
    "parse_dateline",
    "Dateline",
    "parse_date",
    "file_name_date",
    "weekday_mismatch",
    "load_manifest",
    "Manifest",
    "MANIFEST_NAME",
    "read_text",
    "decode_text",
    "iter_jsonl",
    "iter_csv",
    "is_article_file",
    "FIELDS",
    "TEXT_SUFFIXES",
    "TABLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
]
