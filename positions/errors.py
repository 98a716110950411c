"""The one error tree of positions.

Library code builds a message and raises one of these; only the CLI turns them into
``click.ClickException`` so that a user sees one line and a non-zero exit, never a traceback.

Messages name the file (and line or byte offset where known) first:
``"corpus/a.txt: invalid UTF-8 at byte 1042"``.
"""

from __future__ import annotations

__all__ = [
    "PositionsError",
    "SourceError",
    "DateError",
    "EmptyFileError",
    "LexiconError",
    "ActorsError",
    "GoldError",
    "StoreError",
    "OutputError",
    "AnalysisError",
    "DatasetError",
    "ClusterError",
    "MissingExtraError",
    "NotFoundError",
]


class PositionsError(Exception):
    """Base of every error positions raises on purpose."""


class SourceError(PositionsError, ValueError):
    """An input file cannot be read as an article (empty, binary, bad encoding, bad layout)."""


class DateError(SourceError):
    """An article's date is missing, ambiguous or invalid."""


class EmptyFileError(SourceError):
    """An input file holds nothing (no bytes, or only white space): the commands report it
    as a warning and go on, since no article is lost by skipping it."""


class LexiconError(PositionsError, ValueError):
    """A lexicon file is invalid."""


class ActorsError(PositionsError, ValueError):
    """An actors gazetteer file is invalid."""


class GoldError(PositionsError, ValueError):
    """A gold annotation file is invalid."""


class StoreError(PositionsError, RuntimeError):
    """The SQLite store cannot be opened or is in an unexpected state."""


class OutputError(PositionsError, RuntimeError):
    """An output place cannot be written safely (a report directory holding other files)."""


class AnalysisError(PositionsError, RuntimeError):
    """A stage of the analysis failed on an article (a third-party library raised): the
    message names the file and the original exception, so a corpus run reports it and goes on.
    """


class DatasetError(PositionsError, RuntimeError):
    """A Parquet dataset (``--dataset DIR``) cannot be read or written."""


class ClusterError(PositionsError, RuntimeError):
    """The Dask cluster cannot be reached, or lost the work (a worker died too often)."""


class MissingExtraError(PositionsError, ImportError):
    """An optional extra (``pip install "positions[dask]"``) is needed and not installed."""


class NotFoundError(PositionsError, LookupError):
    """What was asked for is not in the corpus: an actor that no statement has, two
    articles with no actor in common. The request was well formed (a usage error is the
    CLI's, exit status 2); the data does not hold it (exit status 1)."""
