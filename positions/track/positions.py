"""Position diffs: what changed in an actor's position between two snapshots."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from ..diff.statements import align_statements, align_units, alignment_units
from ..model import (
    HeldConcept,
    HeldPolarity,
    Marker,
    PolarityFlip,
    PositionDiff,
    Snapshot,
    Span,
    StatementPair,
    VariantShift,
)

__all__ = ["diff_snapshots", "diff_series", "concept_series", "concept_polarities", "held_concepts"]

_SPACE_RE = re.compile(r"\s+")


def _snapshot_markers(snap: Snapshot) -> list[Marker]:
    if snap.markers:
        return [m for m in snap.markers if m.in_scope]
    seen: set[tuple[str, str, Span]] = set()
    out: list[Marker] = []
    for st in snap.statements:
        for m in st.markers:
            key = (st.article, m.concept, m.span)
            if m.in_scope and key not in seen:
                seen.add(key)
                out.append(m)
    return out


def concept_polarities(markers: Iterable[Marker]) -> dict[str, HeldPolarity]:
    """Each concept's polarity over some markers: ``affirmed``, ``negated`` or ``mixed``.

    >>> from positions.model import Marker, Span
    >>> concept_polarities([Marker("cvid", "CVID", "cvid", Span(0, 4), polarity="negated")])
    {'cvid': 'negated'}
    """
    seen: dict[str, set[HeldPolarity]] = {}
    for m in markers:
        seen.setdefault(m.concept, set()).add(m.polarity)
    return {c: (next(iter(p)) if len(p) == 1 else "mixed") for c, p in sorted(seen.items())}


def _surfaces(markers: Iterable[Marker], concept: str) -> dict[str, str]:
    """Normalized form → the first surface written for it, for one concept."""
    out: dict[str, str] = {}
    for m in markers:
        if m.concept == concept:
            out.setdefault(m.normalized or m.surface.casefold(), m.surface)
    return out


def held_concepts(markers: Iterable[Marker]) -> tuple[HeldConcept, ...]:
    r"""The concepts some in-scope markers hold, sorted by id: each with its polarity (see
    :func:`concept_polarities`) and its wordings, the first surface written for each
    normalized form (whitespace runs as one space), ordered by the form: what a renderer
    writes beside a gained, dropped or kept concept.

    >>> from positions.model import Marker, Span
    >>> held_concepts([Marker("phased", "step by\nstep", "step-by-step", Span(0, 12))])
    (HeldConcept(concept='phased', polarity='affirmed', wordings=('step by step',)),)
    """
    markers = list(markers)
    forms: dict[str, dict[str, str]] = {}
    for m in markers:
        forms.setdefault(m.concept, {}).setdefault(m.normalized or m.surface.casefold(), m.surface)
    return tuple(
        HeldConcept(c, pol, tuple(_SPACE_RE.sub(" ", forms[c][k]) for k in sorted(forms[c])))
        for c, pol in concept_polarities(markers).items()
    )


def diff_snapshots(old: Snapshot, new: Snapshot, *, engine: Optional[str] = None) -> PositionDiff:
    """What changed in an actor's position from ``old`` to ``new``.

    A concept is held in a snapshot when at least one in-scope marker of it is there,
    affirmed or negated; its polarity is ``affirmed``/``negated`` when all its markers agree,
    ``mixed`` otherwise. ``kept`` concepts whose polarity differs are polarity flips; kept
    concepts whose sets of normalized wordings differ are variant shifts (each listing its
    surfaces as first written, ordered by normalized form). Concept lists are sorted by id.
    ``old_held``/``new_held`` are each side's concepts with their polarity and wordings
    (:func:`held_concepts`), so that a renderer need not gather them again.
    """
    return _position_diff(old, new, align_statements(old.statements, new.statements, engine=engine))


def diff_series(snaps: Sequence[Snapshot], *, engine: Optional[str] = None) -> list[PositionDiff]:
    """:func:`diff_snapshots` of each snapshot against the one before it, each snapshot's
    passages cut for alignment once (not once as the new side and again as the old).

    >>> diff_series([])
    []
    """
    out: list[PositionDiff] = []
    prev = alignment_units(snaps[0].statements) if snaps else []
    for old, new in zip(snaps, snaps[1:]):
        units = alignment_units(new.statements)
        out.append(_position_diff(old, new, align_units(prev, units, engine=engine)))
        prev = units
    return out


def concept_series(snaps: Sequence[Snapshot]) -> list[PositionDiff]:
    """:func:`diff_series` without the aligned statement pairs (``pairs`` is empty): what
    each snapshot gained, dropped, shifted or flipped against the one before, which is all
    that :func:`~positions.track.shift_events` reads, at the cost of the markers alone (no
    text is aligned).

    >>> concept_series([])
    []
    """
    return [_position_diff(old, new, ()) for old, new in zip(snaps, snaps[1:])]


def _position_diff(old: Snapshot, new: Snapshot, pairs: tuple[StatementPair, ...]) -> PositionDiff:
    om, nm = _snapshot_markers(old), _snapshot_markers(new)
    op, np_ = concept_polarities(om), concept_polarities(nm)
    gained = tuple(sorted(set(np_) - set(op)))
    dropped = tuple(sorted(set(op) - set(np_)))
    kept = tuple(sorted(set(op) & set(np_)))
    shifts = []
    flips = []
    for c in kept:
        so, sn = _surfaces(om, c), _surfaces(nm, c)
        if set(so) != set(sn):
            shifts.append(VariantShift(c, tuple(so[k] for k in sorted(so)), tuple(sn[k] for k in sorted(sn))))
        if op[c] != np_[c]:
            flips.append(PolarityFlip(c, op[c], np_[c]))
    actor = new.actor if new.actor == old.actor else f"{old.actor}/{new.actor}"
    return PositionDiff(actor, old, new, gained, dropped, kept, tuple(shifts), tuple(flips), pairs,
                        held_concepts(om), held_concepts(nm))  # fmt: skip
