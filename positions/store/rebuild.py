"""``ingest --rebuild``: a store made afresh from its corpus, replacing the old file at once.

A damaged store cannot be trusted to say what it held, so the rebuild reads nothing from it:
it ingests the corpus into a new file beside it (``.NAME.rebuild-PID``), and only when that
ingest has finished does the new file take the old one's name (``os.replace``, atomic on one
file system). Killed at any point, it leaves the old store as it was and, at worst, the
temporary file. It replaces only what is a positions store, damaged or not, or nothing: a
foreign SQLite database or a file that is not SQLite at all is refused and left alone.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Callable, TypeVar

from ..errors import StoreError
from .schema import file_uri, identify

T = TypeVar("T")

_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDECARS = ("-wal", "-shm", "-journal")


def check_replaceable(path: Path) -> None:
    """Refuse to rebuild over anything but a positions store (damaged or not) or nothing."""
    if not path.exists():
        if not path.parent.is_dir():
            raise StoreError(f"{path}: directory {path.parent} does not exist")
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a store")
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror}") from exc
    if head == b"":
        return  # an empty file: what an interrupted first ingest can leave
    if head != _SQLITE_HEADER:
        raise StoreError(f"{path}: not an SQLite file; --rebuild replaces only a positions store "
                         "(remove the file yourself if it was one)")  # fmt: skip
    try:  # read only, without touching the file: immutable ignores locks and the WAL
        conn = sqlite3.connect(file_uri(path) + "?immutable=1", uri=True)
    except sqlite3.Error:
        return
    try:
        identify(conn, path)
    except StoreError as exc:  # a foreign database, or a newer positions' store
        raise StoreError(f"{exc}; --rebuild replaces only a positions store") from exc
    except sqlite3.Error:
        return  # its schema does not even read: damaged
    finally:
        conn.close()


def rebuild(path: Path, ingest: Callable[[Path], T]) -> T:
    """Run ``ingest(new_path)`` (which makes and fills a store there, and closes it), then put
    the new file in the place of ``path``; return what ``ingest`` returned."""
    check_replaceable(path)
    tmp = path.with_name(f".{path.name}.rebuild-{os.getpid()}")
    _remove(tmp)
    try:
        result = ingest(tmp)
        # The old file's WAL and shared memory belong to it: left beside the new file, a WAL
        # would be replayed into it. The new file's own were folded in when it was closed.
        for suffix in _SIDECARS:
            _unlink(Path(f"{path}{suffix}"))
        os.replace(tmp, path)
    except BaseException:
        _remove(tmp)
        raise
    return result


def _remove(p: Path) -> None:
    for suffix in ("", *_SIDECARS):
        _unlink(Path(f"{p}{suffix}"))


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StoreError(f"{p}: cannot remove: {exc.strerror}") from exc
