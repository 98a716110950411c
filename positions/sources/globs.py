"""Glob patterns of a corpus, expanded without following directory symlinks.

``glob.glob(recursive=True)`` follows every symlink to a directory, so that a link back up the
tree (``d/sub/up -> ..``) makes ``d/**`` list each file again at every level until the path is
too long: one article read forty times. :func:`glob_paths` matches as ``glob.glob`` does (``*``,
``?`` and ``[..]`` within one name, names with a leading dot only when the pattern's part has
one, ``**`` as a whole part spanning directories), but below the pattern's literal prefix it
neither descends into a symlinked directory nor returns one, so each real file is reached once
and no walk can loop. The literal prefix is followed as given (``corpus-link/*.txt`` works).
:func:`outermost` then drops the matches that a matched directory's walk covers.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from typing import Iterator

__all__ = ["glob_paths", "outermost"]


def _is_real_dir(path: str) -> bool:
    return os.path.isdir(path) and not os.path.islink(path)


def _names(directory: str) -> list[tuple[str, bool]]:
    """``(name, is a real directory)`` of the entries of ``directory`` (none when it cannot be
    listed, as ``glob`` does)."""
    try:
        with os.scandir(directory or os.curdir) as it:
            out = []
            for entry in it:
                try:
                    real_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    real_dir = False
                out.append((entry.name, real_dir))
            return out
    except OSError:
        return []


def _descendants(directory: str) -> Iterator[tuple[str, bool]]:
    """Every path under ``directory`` with no hidden name, not entering symlinked directories."""
    for name, real_dir in _names(directory):
        if name.startswith("."):
            continue
        path = os.path.join(directory, name)
        if not real_dir and os.path.isdir(path):
            continue  # a symlink to a directory: not followed, not returned
        yield path, real_dir
        if real_dir:
            yield from _descendants(path)


def glob_paths(pattern: str) -> list[str]:
    """The paths ``pattern`` matches, sorted; see the module's docstring.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "sub").mkdir(); (d / "a.txt").write_text("x"); (d / "sub" / "b.txt").write_text("y")
    1
    1
    >>> (d / "sub" / "up").symlink_to("..")
    >>> [p[len(str(d)) + 1:] for p in glob_paths(f"{d}/**/*.txt")]
    ['a.txt', 'sub/b.txt']
    """
    drive, rest = os.path.splitdrive(pattern)
    seps = os.sep + (os.altsep or "")
    parts = _split(rest, seps)
    first = next((i for i, p in enumerate(parts) if glob.has_magic(p)), None)
    if first is None:
        return [pattern] if os.path.lexists(pattern) else []
    base = drive + os.sep.join(parts[:first]) if first else drive
    if first and parts[0] == "":  # absolute: the root
        base = drive + (os.sep.join(parts[:first]) or os.sep)
    if base and not os.path.isdir(base):
        return []
    current: list[tuple[str, bool]] = [(base, True)]
    rest_parts = parts[first:]
    for i, part in enumerate(rest_parts):
        last = i == len(rest_parts) - 1
        found: list[tuple[str, bool]] = []
        for directory, is_dir in current:
            if not is_dir:
                continue
            if part == "**":  # zero or more directories: this one (named, unless it is "") and all below
                if directory or not last:
                    found.append((directory, True))
                found.extend(_descendants(directory))
            elif glob.has_magic(part):
                hidden_ok = part.startswith(".")
                for name, real_dir in sorted(_names(directory)):
                    if name.startswith(".") and not hidden_ok:
                        continue
                    if not fnmatch.fnmatch(name, part):
                        continue
                    path = os.path.join(directory, name)
                    if not real_dir and os.path.isdir(path):
                        continue  # a symlink to a directory: not followed, not returned
                    found.append((path, real_dir))
            else:
                path = os.path.join(directory, part)
                if part == "" and last:  # a trailing separator: directories only
                    found.append((directory + os.sep, True))
                elif os.path.lexists(path):
                    real_dir = _is_real_dir(path)
                    if not real_dir and os.path.isdir(path):
                        continue
                    found.append((path, real_dir))
        current = found if last else [(p, d) for p, d in found if d]
    return sorted({p for p, _ in current if p})


def _split(path: str, seps: str) -> list[str]:
    parts, buf = [], ""
    for ch in path:
        if ch in seps:
            parts.append(buf)
            buf = ""
        else:
            buf += ch
    parts.append(buf)
    return parts


def outermost(paths: list[str]) -> list[str]:
    """``paths`` without those under another of them that is a directory (its walk reaches
    them), and without a second path to the same real file; order kept.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp(); os.mkdir(f"{d}/sub")
    >>> [p[len(d):] for p in outermost([d, f"{d}/a.txt", f"{d}/sub", f"{d}-e.txt"])]
    ['', '-e.txt']
    """
    dirs = {os.path.normpath(p) for p in paths if os.path.isdir(p)}
    out, seen = [], set()
    for p in paths:
        norm = os.path.normpath(p)
        parent, child = os.path.dirname(norm), norm
        covered = False
        while parent and parent != child:
            if parent in dirs:
                covered = True
                break
            parent, child = os.path.dirname(parent), parent
        if covered:
            continue
        key = os.path.realpath(p)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out
