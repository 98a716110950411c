"""Explainable normalization: the steps of :mod:`positions.text.steps` run in a chain, with
offset maps from the normalized text back to the original (:class:`Normalized`)."""

from __future__ import annotations

import bisect
from typing import Iterable

import attrs

from ..model import Span
from .steps import DEFAULT_STEPS, STEPS, Edit, EditLayer

__all__ = ["Normalized", "normalize"]


# --------------------------------------------------------------------------------------
# Offset maps


@attrs.frozen
class Normalized:
    """A normalized text, the original it came from, and the edits between them.

    >>> n = normalize("ﬁne\\r\\nday")
    >>> n.text, n.to_original(3), n.span_to_original(Span(0, 2))
    ('fine\\nday', 2, Span(start=0, end=1))
    """

    original: str
    text: str
    steps: tuple[str, ...]
    edits: tuple[tuple[Edit, ...], ...]  # one tuple per step, in step order
    _layers: tuple[EditLayer, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_layers", tuple(EditLayer(e) for e in self.edits))

    def to_original(self, pos: int, side: str = "start") -> int:
        """Map a position of the normalized text to the original text (``side`` as in
        :meth:`span_to_original`: ``"start"`` or ``"end"`` of a span)."""
        for layer in reversed(self._layers):
            if layer.edits:
                pos = layer.back(pos, side)
        return pos

    def span_to_original(self, span: Span) -> Span:
        """The original characters behind ``span`` of the normalized text.

        A span starting just after a deleted character (a byte-order mark) starts after it
        in the original too; one ending just before a deleted character ends before it. A
        span touching part of a replacement covers the whole replaced original ("ﬁ" for the
        "f" of "fine"). An empty span stays empty.
        """
        if span.start == span.end:
            p = self.to_original(span.start)
            return Span(p, p)
        return Span(self.to_original(span.start, "start"), self.to_original(span.end, "end"))

    def to_normalized(self, pos: int, side: str = "start") -> int:
        """Map a position of the original text into the normalized text."""
        for layer in self._layers:
            if layer.edits:
                pos = layer.forward(pos, side)
        return pos

    def span_to_normalized(self, span: Span) -> Span:
        """The normalized span of an original ``span`` (a span ending inside a replaced
        stretch takes all of its replacement).

        >>> n = normalize("\\ufeffDPRK\\r\\nsaid")
        >>> n.span_to_normalized(Span(0, 5)).slice(n.text)
        'DPRK'
        """
        if span.start == span.end:
            p = self.to_normalized(span.start)
            return Span(p, p)
        s = self.to_normalized(span.start, "start")
        return Span(s, max(s, self.to_normalized(span.end, "end")))

    def changes(self) -> list[tuple[str, Span, str, str]]:
        """Every change as ``(step, original span, before, after)``, in text order.

        ``before`` is the original text of the span; ``after`` what the step made of the
        text it saw there.

        >>> normalize("a\\u2014b\\r\\n").changes()
        [('dashes', Span(start=1, end=2), '—', '--'), ('newlines', Span(start=3, end=5), '\\r\\n', '\\n')]
        """
        out = []
        for k, step_edits in enumerate(self.edits):
            for e in step_edits:
                s, t = e.start, e.end
                for layer in reversed(self._layers[:k]):
                    if layer.edits:
                        s, t = layer.back(s, "start"), layer.back(t, "end")
                out.append((self.steps[k], Span(s, t), self.original[s:t], e.after))
        out.sort(key=lambda c: (c[1].start, c[1].end, self.steps.index(c[0])))
        return out

    def steps_in(self, span: Span) -> tuple[str, ...]:
        """The names of the steps that changed any character of ``span`` (normalized
        coordinates), in step order. A deletion strictly inside the span counts; one at its
        edge does not.

        >>> n = normalize("\\ufeff“A”\\r\\nb")
        >>> n.steps_in(Span(0, 3)), n.steps_in(Span(1, 2)), n.steps_in(Span(2, 5))
        (('quotes',), (), ('newlines', 'quotes'))
        """
        found = set()
        s, t = span.start, span.end
        for k in range(len(self.steps) - 1, -1, -1):
            layer = self._layers[k]
            if not layer.edits or s >= t:
                continue
            j = max(bisect.bisect_left(layer.out_starts, s) - 1, 0)
            while j < len(layer.edits) and layer.edits[j].out_start <= t:
                e = layer.edits[j]
                replaced = e.out_start < t and e.out_end > s
                deleted_inside = e.out_start == e.out_end and s < e.out_start < t
                if replaced or deleted_inside:
                    found.add(k)
                    break
                j += 1
            s, t = layer.back(s, "start"), layer.back(t, "end")
        return tuple(self.steps[k] for k in sorted(found))


def normalize(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> Normalized:
    """Run the named steps over ``text`` (always in the order of :data:`STEPS`) and keep the
    edits of each.

    >>> normalize("co\\u2011operation").text
    'co-operation'
    >>> normalize("STRAßE", ("case",)).text
    'strasse'
    """
    names = tuple(steps)
    unknown = [s for s in names if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown normalization step(s) {unknown}; known: {', '.join(STEPS)}")
    order = list(STEPS)
    names = tuple(sorted(set(names), key=order.index))
    current = text
    all_edits = []
    for name in names:
        current, edits = STEPS[name](current)
        all_edits.append(tuple(edits))
    return Normalized(text, current, names, tuple(all_edits))
