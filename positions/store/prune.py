"""Pruning: the stored files under a run's corpus paths that the run did not find.

A run over some corpus paths *covers* the stored files under them (:func:`covered_by`): every
file under a directory given, exactly a file given, what a glob pattern matches (and what
lies under a directory it matches). Files are compared by their real path, the key the store
records them by. Of the covered files, those the run found (:class:`Found`, read, skipped
or failed alike) stay, and so do those an error of the run's listing concerns
(:func:`_held_back`: a path naming nothing, a directory that cannot be listed, a manifest
naming files that are not there): a prune never removes what an error may hide. The rest are
*missing* (:func:`missing`): counted, or with ``prune`` removed with all their rows, in one
transaction.

    >>> Missing(files=2, articles=3)
    Missing(files=2, articles=3, pruned=False)
"""

from __future__ import annotations

import fnmatch
import glob
import os
import sqlite3
from typing import Callable, Iterable, Optional, Sequence, Union

import attrs

from ..errors import PositionsError
from .files import MANIFEST, PathLike, iter_corpus_files

Covers = Callable[[str], bool]


@attrs.frozen
class Missing:
    """Stored files under a run's corpus paths that the run did not find, and their articles.

    With ``pruned`` they have been removed from the store (articles, statements, markers and
    all); without it they are only counted, and are still there.
    """

    files: int = 0
    articles: int = 0
    pruned: bool = False


def covered_by(given: PathLike) -> Covers:
    """Which stored file keys (real, absolute paths) the corpus path ``given`` covers.

    A directory covers every file under it, a file itself only, a glob pattern the paths
    it matches and what lies under them (as ``glob.glob(recursive=True)`` matches: ``*`` does
    not match a leading dot, ``**`` matches any number of directories). A path that names
    nothing and is no pattern covers nothing.

    >>> import tempfile
    >>> d = os.path.realpath(tempfile.mkdtemp())
    >>> covers = covered_by(d)
    >>> covers(os.path.join(d, "a", "b.txt")), covers(d + "x"), covers(d)
    (True, False, True)
    >>> covers = covered_by(os.path.join(d, "**", "*.md"))
    >>> [covers(os.path.join(d, *p)) for p in (["a.md"], ["x", "y", "a.md"], [".h", "a.md"])]
    [True, True, False]
    >>> covered_by(os.path.join(d, "gone.txt"))(os.path.join(d, "gone.txt"))
    False
    """
    path = os.fspath(given)
    if os.path.isdir(path):
        return _under(os.path.realpath(path))
    if os.path.exists(path):
        real = os.path.realpath(path)
        return lambda key: key == real
    if glob.has_magic(path):
        return _pattern(path)
    return lambda key: False


def _held_back(where: str) -> Covers:
    """The stored files that an error of a run's listing at ``where`` concerns: what the
    path (or pattern) would cover, and for a manifest the files of its directory."""
    if os.path.basename(where) == MANIFEST:
        directory = os.path.realpath(os.path.dirname(where) or ".")
        return lambda key: os.path.dirname(key) == directory
    if glob.has_magic(where) and not os.path.exists(where):
        return _pattern(where)
    return _under(os.path.realpath(where))


def _under(root: str) -> Covers:
    prefix = root if root.endswith(os.sep) else root + os.sep
    return lambda key: key == root or key.startswith(prefix)


def _split(path: str) -> list[str]:
    if os.altsep:
        path = path.replace(os.altsep, os.sep)
    return path.split(os.sep)


def _pattern(pattern: str) -> Covers:
    parts = _split(pattern)
    i = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    head = os.sep.join(parts[:i])
    base = head or (os.sep if pattern.startswith(os.sep) else ".")
    rest = [p for p in parts[i:] if p not in ("", ".")]
    prefix = os.path.join(os.path.realpath(base), "")

    def covers(key: str) -> bool:
        return key.startswith(prefix) and _matches(rest, _split(key[len(prefix) :]))

    return covers


def _matches(parts: Sequence[str], names: Sequence[str]) -> bool:
    """Whether the pattern components ``parts`` match ``names``, or a leading part of them
    (a matched directory covers what is under it)."""
    if not parts:
        return True
    if not names:
        return False
    head = parts[0]
    if head == "**":  # no more directories, or one more that is not hidden
        return _matches(parts[1:], names) or (
            not names[0].startswith(".") and _matches(parts, names[1:])
        )
    return _component(names[0], head) and _matches(parts[1:], names[1:])


def _component(name: str, part: str) -> bool:
    if not glob.has_magic(part):
        return os.path.normcase(name) == os.path.normcase(part)
    if name.startswith(".") and not part.startswith("."):
        return False
    return fnmatch.fnmatch(name, part)


class Found:
    """The files a run found, by key, in a TEMP table of its connection (a run over a
    100,000-file corpus holds none of them in memory).

    Keys are written in batches outside any transaction of the store's: a file transaction
    rolled back must not take them with it.
    """

    _BATCH = 256

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.batch: list[tuple[str]] = []
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS found_files (path TEXT PRIMARY KEY) WITHOUT ROWID"
        )
        conn.execute("DELETE FROM temp.found_files")

    def add(self, key: str) -> None:
        self.batch.append((key,))
        if len(self.batch) >= self._BATCH:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany("INSERT OR IGNORE INTO temp.found_files VALUES (?)", self.batch)
        self.batch = []


def missing(
    conn: sqlite3.Connection,
    paths: Iterable[PathLike],
    errors: Sequence[str] = (),
    *,
    prune: bool = False,
) -> Missing:
    """The stored files covered by ``paths`` that are neither in the run's :class:`Found`
    (flushed) nor concerned by one of the listing ``errors`` (where each was reported).

    With ``prune`` they are removed in one ``BEGIN IMMEDIATE`` transaction (their articles,
    statements, holders, markers and links go by ``ON DELETE CASCADE``): a prune interrupted
    at any point removes all of them or none. Without it they are counted in one read
    snapshot.
    """
    scope = [covered_by(p) for p in paths]
    held = [_held_back(w) for w in errors]

    def wanted(key: str) -> bool:
        return any(c(key) for c in scope) and not any(h(key) for h in held)

    conn.execute("BEGIN IMMEDIATE" if prune else "BEGIN")
    try:
        pks = [
            pk
            for pk, key in conn.execute(
                "SELECT pk, path FROM files"
                " WHERE path NOT IN (SELECT path FROM temp.found_files) ORDER BY pk"
            )
            if wanted(key)
        ]
        articles = sum(
            conn.execute("SELECT count(*) FROM articles WHERE file_pk = ?", (pk,)).fetchone()[0]
            for pk in pks
        )
        if prune:
            conn.executemany("DELETE FROM files WHERE pk = ?", [(pk,) for pk in pks])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (disk full)
            conn.execute("ROLLBACK")
        raise
    return Missing(files=len(pks), articles=articles, pruned=prune)


def prune_unlisted(
    conn: sqlite3.Connection,
    paths: Union[PathLike, Iterable[PathLike]],
    *,
    on_error: Optional[Callable[[str, PositionsError], None]] = None,
) -> Missing:
    """:meth:`Store.prune <positions.store.Store.prune>`: list ``paths`` as an ingest does
    and remove the stored files they cover that the listing does not find."""
    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    errors: list[str] = []

    def listing_error(where: str, exc: PositionsError) -> None:
        if on_error is None:
            raise exc
        errors.append(where)
        on_error(where, exc)

    found = Found(conn)
    for f in iter_corpus_files(paths, on_error=listing_error):
        found.add(os.path.realpath(f))
    found.flush()
    return missing(conn, paths, errors, prune=True)
