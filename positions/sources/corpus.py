"""Corpora: files, directories and globs of mixed articles, read lazily and in a fixed order.

A directory is walked recursively in sorted order; hidden files and directories,
``corpus.toml`` and ``README*`` are not articles, and files with other suffixes than
:data:`TEXT_SUFFIXES` and the export suffixes are left alone. A file named explicitly is read
whatever its suffix (as plain text unless it is an export).

Articles are yielded one at a time: a corpus is never held in memory at once.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

import attrs

from ..bundled import bundled_corpus, bundled_gold
from ..errors import EmptyFileError, PositionsError, SourceError
from ..model import Article
from .decoding import (
    AUTO,
    MAX_ARTICLE_BYTES,
    check_encoding,
    decode_text_as,
    read_bytes,
    read_text_as,
)
from .globs import glob_paths, outermost
from .html import HTML_SUFFIXES, html_article
from .manifest import MANIFEST_NAME, Manifest, load_manifest
from .pdf import MAX_PDF_BYTES, PDF_SUFFIXES, pdf_article
from .plain import text_article
from .tabular import TABLE_SUFFIXES, iter_csv, iter_jsonl
from .ungdc import ungdc_article, ungdc_name

__all__ = [
    "TEXT_SUFFIXES",
    "read_article",
    "iter_articles",
    "bundled_corpus",
    "bundled_gold",
    "is_article_file",
]

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
PAGE_SUFFIXES = HTML_SUFFIXES + PDF_SUFFIXES  # saved web pages and PDFs, read as bytes
_MARKDOWN = (".md", ".markdown")
_GLOB_CHARS = frozenset("*?[")
STDIN = "-"


def read_stdin(name: str, max_bytes: int = MAX_ARTICLE_BYTES) -> bytes:
    """All of standard input, as bytes (decoded later like a file), refusing too much or
    nothing. ``name`` is what errors call it."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise SourceError(f"{name}: no standard input to read")
    if sys.stdin.isatty():  # waiting for typed input would look like a hang
        raise SourceError(f"{name}: '-' reads standard input, which is a terminal; pipe a file in")
    data: bytes = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise SourceError(
            f"{name}: more than {max_bytes:,} bytes on standard input is too large for one article"
        )
    if not data:
        raise SourceError(f"{name}: empty standard input")
    return data

PathLike = Union[str, "os.PathLike[str]"]
OnError = Optional[Callable[[str, PositionsError], None]]


def is_article_file(name: str) -> bool:
    """Whether a directory walk reads the file ``name`` (a base name).

    >>> [is_article_file(n) for n in ("a.txt", "corpus.toml", "README.md", ".x.txt", "g.json")]
    [True, False, False, False, False]
    """
    if name.startswith(".") or name == MANIFEST_NAME or name.upper().startswith("README"):
        return False
    suffix = os.path.splitext(name)[1].lower()
    return suffix in TEXT_SUFFIXES or suffix in TABLE_SUFFIXES or suffix in PAGE_SUFFIXES


def _one_article(
    path: str,
    manifest: Optional[Manifest],
    year: Optional[int],
    max_bytes: int,
    data: Optional[bytes] = None,
    encoding: str = "utf-8",
) -> Article:
    """The article of the file ``path``, or of ``data`` (stdin) named ``path``; ``encoding``
    is for text files (a saved page or a PDF says its own)."""
    name = os.path.basename(path)
    entry: Mapping[str, Any] = manifest.entry(name) if manifest else {}
    defaults: Mapping[str, Any] = manifest.defaults if manifest else {}
    suffix = os.path.splitext(name)[1].lower()
    if suffix in HTML_SUFFIXES:
        if data is None:
            data = read_bytes(path, max_bytes=max_bytes, hint="save the article's own page")
        return html_article(path, data, entry=entry, defaults=defaults, year=year)
    if suffix in PDF_SUFFIXES:
        if data is None:
            hint = "split it into its documents, or export its text"
            data = read_bytes(path, max_bytes=min(max_bytes, MAX_PDF_BYTES), hint=hint)
        return pdf_article(path, data, entry=entry, defaults=defaults, year=year)
    if data is None:
        text, codec = read_text_as(path, max_bytes=max_bytes, encoding=encoding)
    else:
        text, codec = decode_text_as(data, path, encoding=encoding)
    if ungdc_name(path) is not None:
        article = ungdc_article(path, text, entry=entry, defaults=defaults, year=year)
    else:
        markdown = os.path.splitext(name)[1].lower() in _MARKDOWN
        article = text_article(path, text, entry=entry, defaults=defaults, year=year, markdown=markdown)
    if codec != "utf-8" and check_encoding(encoding) == AUTO:  # a guess: say which, once per file
        article = attrs.evolve(article, warnings=article.warnings + (f"not UTF-8; decoded as {codec} (--encoding auto)",))
    return article


def _manifest_beside(path: str) -> Optional[Manifest]:
    candidate = os.path.join(os.path.dirname(path), MANIFEST_NAME)
    return load_manifest(candidate) if os.path.isfile(candidate) else None


def read_article(
    path: PathLike,
    *,
    year: Optional[int] = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    encoding: str = "utf-8",
) -> Article:
    """Read the one article in ``path`` (a text, Markdown or UNGDC file).

    The ``corpus.toml`` beside the file, if any, gives or overrides its metadata; ``year``
    completes a dateline without a year when nothing else does; ``encoding`` is that of a
    text file (UTF-8 by default; ``"auto"`` detects it). Raises
    :class:`~positions.errors.SourceError` (or its subclass ``DateError``) naming the file.

    >>> a = read_article(bundled_corpus()[0] / "000_1792fb935fd71937.txt")
    >>> a.source, a.place, a.date.iso(), str(a.date_from)
    ('TASS', 'Seoul', '2021-12-23', 'dateline+manifest_year')
    """
    name = os.fspath(path)
    if os.path.splitext(name)[1].lower() in TABLE_SUFFIXES:
        raise SourceError(f"{name}: an export holds many articles; read it with iter_articles")
    return _one_article(name, _manifest_beside(name), year, max_bytes, encoding=encoding)


class _Run:
    """One pass over a corpus: the options, the manifests seen so far, the error callback."""

    def __init__(
        self,
        year: Optional[int],
        columns: Optional[Mapping[str, str]],
        on_error: OnError,
        max_bytes: int,
        name: Optional[str] = None,
        encoding: str = "utf-8",
    ) -> None:
        self.encoding = encoding
        self.year = year
        self.columns = columns
        self.on_error = on_error
        self.max_bytes = max_bytes
        self.name = name
        self.stdin_read = False
        self.manifests: dict[str, Optional[Manifest]] = {}

    def report(self, path: str, exc: PositionsError) -> None:
        if self.on_error is None:
            if isinstance(exc, EmptyFileError):  # nothing lost: say so and read on
                warnings.warn(str(exc), stacklevel=4)
                return
            raise exc
        self.on_error(path, exc)

    def manifest(self, directory: str, *, check_missing: bool = False) -> Optional[Manifest]:
        key = os.path.normpath(directory)
        if key in self.manifests:
            return self.manifests[key]
        candidate = os.path.join(directory, MANIFEST_NAME)
        manifest: Optional[Manifest] = None
        if os.path.isfile(candidate):
            try:
                manifest = load_manifest(candidate)
            except PositionsError as exc:
                # The directory is still read, without the manifest: its files then carry
                # only what they say themselves (and the run ends with an error status).
                self.report(candidate, exc)
            if manifest is not None and check_missing:
                missing = manifest.missing(directory)
                if missing:
                    names = ", ".join(missing)
                    self.report(
                        candidate,
                        SourceError(f"{candidate}: names files that are not there: {names}"),
                    )
        self.manifests[key] = manifest
        return manifest

    def file(self, path: str) -> Iterator[Article]:
        try:
            manifest = self.manifest(os.path.dirname(path) or ".")
            if os.path.isfile(path) and os.path.getsize(path) == 0:
                raise EmptyFileError(f"{path}: empty file")
            suffix = os.path.splitext(path)[1].lower()
            kind = TABLE_SUFFIXES.get(suffix)
            if kind is None:
                yield _one_article(path, manifest, self.year, self.max_bytes, encoding=self.encoding)
                return
            name = os.path.basename(path)
            reader = iter_jsonl if kind == "jsonl" else iter_csv
            yield from reader(
                path,
                columns=self.columns,
                entry=manifest.entry(name) if manifest else {},
                defaults=manifest.defaults if manifest else {},
                year=self.year,
                on_error=self.on_error,
                encoding=self.encoding,
            )
        except PositionsError as exc:
            self.report(path, exc)

    def directory(self, root: str) -> Iterator[Article]:
        def walk_error(err: OSError) -> None:
            where = err.filename or root
            self.report(where, SourceError(f"{where}: cannot read: {err.strerror or err}"))

        for dirpath, dirnames, filenames in os.walk(root, onerror=walk_error):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d != "__pycache__"
            )
            self.manifest(dirpath, check_missing=True)
            for name in sorted(filenames):
                if is_article_file(name):
                    yield from self.file(os.path.join(dirpath, name))

    def stdin(self) -> Iterator[Article]:
        """The one article on standard input, named ``self.name`` (default ``-``)."""
        path = self.name or STDIN
        try:
            if self.stdin_read:
                raise SourceError(f"{path}: standard input ('-') can be read only once")
            self.stdin_read = True
            if os.path.splitext(path)[1].lower() in TABLE_SUFFIXES:
                raise SourceError(f"{path}: '-' reads one article; give an export as a file")
            data = read_stdin(path, self.max_bytes)
            yield _one_article(path, None, self.year, self.max_bytes, data=data, encoding=self.encoding)
        except PositionsError as exc:
            self.report(path, exc)

    def path(self, given: str) -> Iterator[Article]:
        if given == STDIN:
            yield from self.stdin()
        elif os.path.isdir(given):
            yield from self.directory(given)
        elif os.path.exists(given):
            yield from self.file(given)
        elif _GLOB_CHARS & set(given):
            matches = glob_paths(given)  # no directory symlink followed: no walk can loop
            wanted = outermost([
                m for m in matches if os.path.isdir(m) or is_article_file(os.path.basename(m))
            ])  # fmt: skip
            if not wanted:
                what = "no files match" if not matches else "no article files match"
                self.report(given, SourceError(f"{given}: {what}"))
            for match in wanted:
                yield from (self.directory(match) if os.path.isdir(match) else self.file(match))
        else:
            self.report(given, SourceError(f"{given}: no such file or directory"))


def iter_articles(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    year: Optional[int] = None,
    columns: Optional[Mapping[str, str]] = None,
    on_error: OnError = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
    name: Optional[str] = None,
    encoding: str = "utf-8",
) -> Iterator[Article]:
    """Read the articles of files, directories and globs, one at a time, in a fixed order.

    A path ``-`` reads one article from standard input; ``name`` gives it a file name (its
    path in the records), which decides how it is read (``.html``, ``.pdf``, a UNGDC name)
    and may date it (``2021-09-24-kcna.txt``).

    ``year`` completes datelines without a year where no manifest does; ``columns`` maps
    export fields to column names (see :func:`positions.sources.tabular.column_names`).
    With ``on_error(path, error)``, a file or row that cannot be read is reported and the
    rest is read; without it the first error is raised. An empty file is an
    :class:`~positions.errors.EmptyFileError`, given to ``on_error`` (the CLI shows it as a
    warning) or, without it, a :class:`UserWarning`; either way the rest is read.
    ``encoding`` is that of the text files and exports: UTF-8 by default, any Python codec
    name, or ``"auto"`` (charset-normalizer; see :func:`positions.sources.decode_text`).

    >>> seeds = bundled_corpus()[0]
    >>> [a.path.endswith("000_1792fb935fd71937.txt") for a in iter_articles([seeds])]
    [True]
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    run = _Run(year, columns, on_error, max_bytes, name, encoding)
    for given in paths:
        yield from run.path(os.fspath(given))
