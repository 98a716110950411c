"""Writing a report into a directory without harming what is there.

``positions report --out DIR`` writes many files with fixed names (``index.html``,
``actor-rus.html``…) into a directory a user names, perhaps by mistake one that holds their own
files, perhaps one where someone else can place a symlink. So:

- a report leaves a marker file, :data:`MARKER`, in the directory it writes; a directory that
  is not empty and has no marker (it was not written by a report) is refused unless ``force``;
- every page is written to a new temporary file in the directory (created exclusively, which
  never follows a symlink) and renamed onto its name: a symlink placed where a page goes is
  replaced, never written through, and a page is never seen half-written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..errors import OutputError

__all__ = ["MARKER", "prepare_directory", "write_file"]

MARKER = ".positions-report"
"""The file a report leaves in its directory: the directory may then be written again."""

_MARKER_TEXT = "This directory holds a report written by `positions report`; it may write here again.\n"


def prepare_directory(root: Path, *, force: bool = False) -> None:
    """Make ``root`` (and its parents) if needed; refuse a directory that is not empty and
    that no report wrote, unless ``force``; then leave the marker in it."""
    if os.path.lexists(root) and not os.path.isdir(root):
        raise OutputError(f"{root}: exists and is not a directory")
    try:
        root.mkdir(parents=True, exist_ok=True)
        names = os.listdir(root)
    except OSError as exc:
        raise OutputError(f"{root}: cannot write: {exc.strerror or exc}") from exc
    marker = root / MARKER
    ours = marker.is_file() and not marker.is_symlink()
    if names and not ours and not force:
        raise OutputError(
            f"{root}: not empty and not written by `positions report` (no {MARKER} in it); "
            "choose an empty or new directory, or use --force to write into it"
        )
    if not ours:
        write_file(root, MARKER, [_MARKER_TEXT])


def write_file(root: Path, name: str, pieces: Iterable[str]) -> Path:
    """Write ``pieces`` as ``root/name`` through a temporary file renamed onto it: a symlink
    or a file already there is replaced, never written through."""
    if os.sep in name or (os.altsep and os.altsep in name) or name in ("", ".", ".."):
        raise OutputError(f"{root}: {name!r} is not a file name")
    target = root / name
    tmp = root / f".{name}.tmp-{os.getpid()}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:  # left by a killed run of this process id: ours to remove
        os.unlink(tmp)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    try:
        with open(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(pieces)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
        raise
    return target
