"""The input files of an ingest: listing a corpus (as the readers do) and hashing its files
(the key that tells an unchanged file from a changed one)."""

from __future__ import annotations

import glob
import hashlib
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from ..errors import PositionsError, SourceError

PathLike = Union[str, "os.PathLike[str]"]

MANIFEST = "corpus.toml"


def corpus_files(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
) -> list[Path]:
    """The input files named by ``paths`` (files, directories, globs), in reading order.

    The rules are those of :func:`positions.sources.iter_articles`: directories are walked
    recursively in sorted order, keeping the files :func:`~positions.sources.is_article_file`
    accepts; a file named explicitly is kept whatever its suffix. A path naming nothing, a
    directory that cannot be listed, and a manifest naming files that are not there are
    reported to ``on_error`` (raised without it). The same file reached twice is kept once.

    >>> corpus_files([])
    []
    """
    out: list[Path] = []
    seen: set[str] = set()
    for f in iter_corpus_files(paths, on_error=on_error):
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            out.append(Path(f))
    return out


def iter_corpus_files(
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
) -> Iterator[str]:
    """:func:`corpus_files`, lazily and without removing duplicates: nothing grows with the
    corpus (a directory is listed one directory at a time)."""
    from ..sources import is_article_file
    from ..sources.globs import glob_paths, outermost

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]

    def report(where: str, exc: PositionsError) -> None:
        if on_error is None:
            raise exc
        on_error(where, exc)

    def walk(root: str) -> Iterator[str]:
        def walk_error(err: OSError) -> None:
            where = err.filename or root
            report(where, SourceError(f"{where}: cannot read: {err.strerror or err}"))

        for dirpath, dirnames, filenames in os.walk(root, onerror=walk_error):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d != "__pycache__"
            )
            _check_manifest(dirpath, report)
            for name in sorted(filenames):
                if is_article_file(name):
                    yield os.path.join(dirpath, name)

    for raw in paths:
        given = os.fspath(raw)
        if os.path.isdir(given):
            yield from walk(given)
        elif os.path.exists(given):
            yield given
        elif glob.has_magic(given):
            matches = glob_paths(given)  # as the readers list them (positions.sources.globs)
            wanted = outermost([
                m for m in matches if os.path.isdir(m) or is_article_file(os.path.basename(m))
            ])  # fmt: skip
            if not wanted:
                what = "no files match" if not matches else "no article files match"
                report(given, SourceError(f"{given}: {what}"))
            for m in wanted:
                if os.path.isdir(m):
                    yield from walk(m)
                else:
                    yield m
        else:
            report(given, SourceError(f"{given}: no such file or directory"))


def _check_manifest(directory: str, report: Callable[[str, PositionsError], None]) -> None:
    """Report a manifest that names missing files (a manifest that does not load is reported
    by the reader, with the files it concerns)."""
    from ..sources import load_manifest

    candidate = os.path.join(directory, MANIFEST)
    if not os.path.isfile(candidate):
        return
    try:
        missing = load_manifest(candidate).missing(directory)
    except PositionsError:
        return
    if missing:
        names = ", ".join(missing)
        report(candidate, SourceError(f"{candidate}: names files that are not there: {names}"))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def file_hash(path: PathLike, *, _manifests: Optional[dict[str, str]] = None) -> str:
    """The content hash the store keys a file by: sha256 of its bytes, combined with the
    sha256 of the ``corpus.toml`` of its directory when there is one (a manifest edit
    changes the file's metadata, so it must re-ingest it).
    """
    p = Path(path)
    digest = sha256_file(p)
    manifest = p.parent / MANIFEST
    cache = _manifests if _manifests is not None else {}
    key = str(manifest)
    if key not in cache:
        cache[key] = sha256_file(manifest) if manifest.is_file() else ""
    if not cache[key]:
        return digest
    return hashlib.sha256(f"{digest}\n{cache[key]}".encode()).hexdigest()
