"""Diffs over a whole corpus: every actor's successive diffs (:func:`diff_corpus`, what
``positions diff`` shows), or every actor common to two articles (:func:`diff_articles`,
``positions diff OLD NEW``)."""

from __future__ import annotations

from typing import Callable, Iterable, Optional

from ..errors import NotFoundError
from ..model import Analysis, By, PositionDiff, Role
from .positions import diff_snapshots
from .snapshots import DateLike, actors, snapshots, successive_diffs

Progress = Callable[[int, int], None]


def diff_corpus(
    analyses: Iterable[Analysis],
    *,
    actor: Optional[str] = None,
    by: By = "year",
    role: Role = "holder",
    since: DateLike = None,
    until: DateLike = None,
    concept: Optional[str] = None,
    engine: Optional[str] = None,
    progress: Optional[Progress] = None,
) -> list[PositionDiff]:
    """The successive diffs (see :func:`successive_diffs`) of ``actor``, or of every actor
    with a statement (as ``role``), actor by actor in code order.

    An ``actor`` that no statement has raises :class:`~positions.errors.NotFoundError`
    naming the actors found. ``progress(done, total)`` is called after each actor.

    >>> diff_corpus([])
    []
    """
    analyses = list(analyses)
    wanted = [require_actor(analyses, actor, role=role)] if actor is not None else actors(analyses, role=role)
    diffs: list[PositionDiff] = []
    for done, a in enumerate(wanted, 1):
        diffs.extend(successive_diffs(analyses, a, by=by, role=role, since=since, until=until,
                                      concept=concept, engine=engine))  # fmt: skip
        if progress is not None:
            progress(done, len(wanted))
    return diffs


def require_actor(analyses: Iterable[Analysis], actor: str, *, role: Role = "holder") -> str:
    """``actor`` if a statement of ``analyses`` has it (as ``role``); else
    :class:`~positions.errors.NotFoundError` naming the actors found.

    >>> require_actor([], "FRA")
    Traceback (most recent call last):
    ...
    positions.errors.NotFoundError: unknown actor 'FRA': no statement in the corpus has it as holder (found: none)
    """
    found = actors(analyses, role=role)
    if actor not in found:
        raise NotFoundError(
            f"unknown actor {actor!r}: no statement in the corpus has it as {role} "
            f"(found: {', '.join(found) or 'none'})"
        )
    return actor


def diff_articles(
    old: Analysis,
    new: Analysis,
    *,
    role: Role = "holder",
    concept: Optional[str] = None,
    engine: Optional[str] = None,
) -> list[PositionDiff]:
    """One :class:`PositionDiff` per actor with statements (as ``role``) in both ``old`` and
    ``new``, in code order (with ``concept``, those whose statements in both carry it).

    Two articles with no actor in common raise :class:`~positions.errors.NotFoundError`
    naming the actors of each.
    """
    found_old, found_new = actors([old], role=role), actors([new], role=role)
    common = [a for a in found_old if a in found_new]
    if not common:
        raise NotFoundError(
            f"{old.article.path} and {new.article.path}: no actor has statements in both "
            f"(old: {', '.join(found_old) or 'none'}; new: {', '.join(found_new) or 'none'})"
        )
    diffs = []
    for a in common:
        (so,) = snapshots([old], a, by="article", role=role, concept=concept) or (None,)
        (sn,) = snapshots([new], a, by="article", role=role, concept=concept) or (None,)
        if so is not None and sn is not None:
            diffs.append(diff_snapshots(so, sn, engine=engine))
    return diffs
