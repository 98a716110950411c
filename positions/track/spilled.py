"""Records kept in a temporary file instead of in memory, read back one at a time.

A report of 10^5 articles finds a novelty record for every article and actor (240,000 of
them) long before it writes the article page that shows each: :class:`Spilled` keeps them on
disk (pickled, in an anonymous temporary file that the system removes when it is closed or
the process ends) and in memory only where each one starts and a label per record (the
article id), so that the page of one article reads its own records and nothing else.

>>> s = Spilled()
>>> s.append(("a", 1), label="x"); s.append(("b", 2), label="y")
>>> len(s), s[1], list(s), s.labels
(2, ('b', 2), [('a', 1), ('b', 2)], ('x', 'y'))
>>> list(s.reordered([1, 0])) == [("b", 2), ("a", 1)]
True
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Hashable, Sequence
from typing import IO, Any, Generic, Iterable, Iterator, Optional, TypeVar, Union, overload

__all__ = ["Spilled"]

T = TypeVar("T")


class _File:
    """The temporary file the records of one or more :class:`Spilled` views live in."""

    def __init__(self) -> None:
        self.fh: IO[bytes] = tempfile.TemporaryFile(prefix="positions-")  # unlinked at once (POSIX)
        self.size = 0

    def write(self, data: bytes) -> int:
        start = self.size
        self.fh.seek(start)
        self.fh.write(data)
        self.size += len(data)
        return start

    def read(self, start: int, length: int) -> bytes:
        self.fh.flush()
        return os.pread(self.fh.fileno(), length, start) if hasattr(os, "pread") else self._seek_read(start, length)

    def _seek_read(self, start: int, length: int) -> bytes:
        self.fh.seek(start)
        return self.fh.read(length)


class Spilled(Sequence[T], Generic[T]):
    """A sequence of picklable records on disk: ``append`` adds one, indexing and iteration
    read them back (each read makes a new object, equal to the one appended); a sequence made
    ``beside`` another writes into the same file (many sequences, one file descriptor). ``labels``
    holds a small label per record in memory (None where none was given), to find records
    without reading them. Two sequences are equal when their records are, in order."""

    def __init__(self, items: Iterable[T] = (), *, beside: Optional["Spilled[Any]"] = None) -> None:
        self._file: _File = _File() if beside is None else beside._file  # one file for many sequences
        self._starts = array("q")
        self._lengths = array("q")
        self._labels: list[Optional[Hashable]] = []
        for item in items:
            self.append(item)

    def append(self, item: T, *, label: Optional[Hashable] = None) -> None:
        data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        self._starts.append(self._file.write(data))
        self._lengths.append(len(data))
        self._labels.append(label)

    @property
    def labels(self) -> tuple[Optional[Hashable], ...]:
        return tuple(self._labels)

    def reordered(self, order: Iterable[int]) -> "Spilled[T]":
        """The same records (the same file, nothing copied) in the order of the indices
        ``order``."""
        view: Spilled[T] = Spilled.__new__(Spilled)
        view._file = self._file
        order = list(order)
        view._starts = array("q", (self._starts[i] for i in order))
        view._lengths = array("q", (self._lengths[i] for i in order))
        view._labels = [self._labels[i] for i in order]
        return view

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: Union[int, slice]) -> Union[T, list[T]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("Spilled index out of range")
        record: T = pickle.loads(self._file.read(self._starts[index], self._lengths[index]))
        return record

    def __iter__(self) -> Iterator[T]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Spilled: {len(self)} records on disk>"
