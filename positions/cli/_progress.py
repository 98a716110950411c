"""Progress of long commands, on stderr: the one helper every command uses.

A bar (``click.progressbar``) when stderr is a terminal; nothing at all when it is a pipe or
a file, or with ``--quiet``, so that logs and tests see only what the command prints. The
library never draws: it calls ``progress(done, total)`` callbacks, and commands hand it
the ones made here.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any, Iterable, Iterator, Optional, TypeVar

import click

_T = TypeVar("_T")

quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="No progress bar on stderr (there is none in a pipe either)."
)


def shown(quiet: bool = False) -> bool:
    """Whether a bar would be drawn: stderr is a terminal and ``--quiet`` was not given."""
    stream = sys.stderr
    return not quiet and stream is not None and hasattr(stream, "isatty") and stream.isatty()


class Progress:
    """A bar drawn lazily: nothing is drawn until the first step, and never when hidden.

    ``total`` may be given late (:meth:`callback` receives it with each step); steps past
    the total keep the bar full rather than failing.
    """

    def __init__(self, label: str, total: Optional[int] = None, *, quiet: bool = False) -> None:
        self.label, self.total, self.visible = label, total, shown(quiet)
        self._bar: Any = None
        self.done = 0

    def step(self, n: int = 1) -> None:
        self.done += n
        if not self.visible:
            return
        if self._bar is None:
            self._bar = click.progressbar(length=max(self.total or 0, 1), label=self.label, file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(n)

    def callback(self, done: int, total: int) -> None:
        """``progress(done, total)`` as the library calls it."""
        if self.total is None or self.total < total:
            self.total = total
        self.step(done - self.done)

    def over(self, items: Iterable[_T]) -> Iterator[_T]:
        """``items``, one step per item."""
        for item in items:
            yield item
            self.step()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@contextlib.contextmanager
def progress(label: str, total: Optional[int] = None, *, quiet: bool = False) -> Iterator[Progress]:
    """A :class:`Progress` that is closed (its line ended) however the block ends.

    >>> with progress("report", 3, quiet=True) as bar:
    ...     [x for x in bar.over("abc")], bar.done
    (['a', 'b', 'c'], 3)
    """
    bar = Progress(label, total, quiet=quiet)
    try:
        yield bar
    finally:
        bar.close()


def count_files(paths: Iterable[Any]) -> Optional[int]:
    """How many input files ``paths`` name (a second, cheap walk), for a bar's length; None
    when they cannot all be listed (the command itself will say why)."""
    from ..store.files import iter_corpus_files

    try:
        return sum(1 for _ in iter_corpus_files(list(paths), on_error=lambda *_: None))
    except Exception:  # a bar's length is never worth an error of its own
        return None


def ticking(source: Any, bar: Progress) -> Any:
    """``source`` (a list of analyses, or a function giving them afresh at each call, as
    ``positions report`` takes) as a function whose passes step ``bar`` per analysis."""

    def passes() -> Iterator[Any]:
        return bar.over(source() if callable(source) else source)

    return passes


def noop(done: int, total: int) -> None:
    """A ``progress`` callback that draws nothing."""


__all__ = ["Progress", "progress", "quiet_option", "shown", "count_files", "ticking", "noop"]
