"""What each actor said before: the uses of wordings and concepts, indexed by actor and date.

:func:`standing_position <positions.novelty.standing_position>`, :func:`novelty
<positions.novelty.novelty>` and :func:`diffusion <positions.diffusion.diffusion>` ask a
history a few narrow questions (an actor's appearances before a day, its uses in a span of
days, the last time it used a wording). Two histories answer them the same way:

- :class:`MemoryHistory`, built from analyses (a corpus run through the pipeline);
- :class:`StoreHistory`, over a store's ``appearances`` and ``usages`` tables (schema
  version 2, kept by triggers as the store is written, clustered by actor, role and day), so
  that a question about one actor reads an index range, never the whole store.

An *appearance* is an article in which the actor has at least one statement (as holder or as
speaker, after ``role``); a *use* is an in-scope marker of one of those statements. A day is
the first day an article's date can mean (``2019`` is ``2019-01-01``); undated articles have
no day: they are never placed in time, only listed (:meth:`MemoryHistory.undated`).

>>> from positions.model import Analysis, Article, Marker, PartialDate, Span, Statement
>>> m = Marker("phased", "step by step", "step by step", Span(0, 12))
>>> st = Statement("a1", Span(0, 12), "step by step", "reported", holders=("RUS",), markers=(m,))
>>> art = Article("a1", "a.txt", "step by step", Span(0, 12), date=PartialDate(2019))
>>> h = MemoryHistory([Analysis(art, (st,), (m,))])
>>> [(a.path, a.day) for a in h.appearances("RUS", before="2020-01-01")]
[('a.txt', '2019-01-01')]
"""

from __future__ import annotations

import bisect
import functools
import sqlite3
from typing import Any, Iterable, Optional, Sequence

from .model import Analysis, PartialDate, Role, Span, Statement
from .model.novelty import Appearance, Use, day_of

__all__ = ["Use", "Appearance", "History", "MemoryHistory", "StoreHistory", "day_of", "uses_of"]


def _belongs(st: Statement, actor: str, role: Role) -> bool:
    return actor in st.holders if role == "holder" else st.country == actor


def _actors_of(st: Statement, role: Role) -> tuple[str, ...]:
    if role == "holder":
        return tuple(dict.fromkeys(st.holders))
    return (st.country,) if st.country else ()


def uses_of(analysis: Analysis, actor: str, *, role: Role = "holder") -> list[Use]:
    """``actor``'s uses in one analysis, in text order (a marker shared by two of its
    statements counts once, with the first statement's span)."""
    art = analysis.article
    seen: dict[tuple[str, Span], Use] = {}
    for st in sorted(analysis.statements, key=lambda s: (s.span.start, s.span.end)):
        if not _belongs(st, actor, role):
            continue
        for m in st.markers:
            if not m.in_scope:
                continue
            key = (m.concept, m.span)
            if key not in seen:
                seen[key] = Use(actor, m.concept, m.normalized or _squeezed(m.surface.lower()),
                                _squeezed(m.surface), m.polarity, art.id, art.path, art.date,
                                m.span, st.span)  # fmt: skip
    return sorted(seen.values(), key=lambda u: (u.span.start, u.span.end, u.concept))


@functools.lru_cache(maxsize=65536)
def _squeezed(text: str) -> str:
    # one string per wording, not one per use: a corpus history holds hundreds of thousands
    return " ".join(text.split())


def actors_of(analysis: Analysis, *, role: Role = "holder") -> list[str]:
    """The actors with a statement in ``analysis``, sorted."""
    return sorted({a for st in analysis.statements for a in _actors_of(st, role)})


class History:
    """The questions novelty and diffusion ask; see :class:`MemoryHistory` for their meaning."""

    role: Role

    def appearances(self, actor: str, *, before: str, since: Optional[str] = None,
                    limit: Optional[int] = None) -> list[Appearance]:  # fmt: skip
        raise NotImplementedError

    def uses(self, actor: str, *, before: str, since: Optional[str] = None) -> list[Use]:
        raise NotImplementedError

    def last_use(self, actor: str, *, before: str, concept: Optional[str] = None,
                 normalized: Optional[str] = None) -> Optional[Use]:  # fmt: skip
        raise NotImplementedError

    def undated(self, actor: str) -> list[str]:
        raise NotImplementedError

    def all_uses(self, *, concept: Optional[str] = None, normalized: Optional[str] = None) -> list[Use]:
        raise NotImplementedError

    def all_appearances(self) -> list[Appearance]:
        raise NotImplementedError


def _app_key(a: Appearance) -> tuple[str, str, str]:
    return (a.day or "", a.path, a.article)


class MemoryHistory(History):
    """A history held in memory, built from analyses in one pass (the same text read from
    two paths is two articles, as in a store).

    ``appearances`` come newest first (day, then path and id, descending); ``uses`` and
    ``all_uses`` in time order (day, path, id, offsets); ``last_use`` is the latest use before
    ``before`` of a concept or a normalized wording; ``undated`` the paths of the actor's
    undated articles, sorted.
    """

    def __init__(self, analyses: Iterable[Analysis], *, role: Role = "holder") -> None:
        self.role = role
        self._apps: dict[str, list[Appearance]] = {}
        self._undated: dict[str, set[str]] = {}
        self._uses: dict[str, list[Use]] = {}
        # per appearance: the appearance, its statements' spans and its uses (corpus_novelty)
        self.appearance_of: dict[tuple[str, str, str], Appearance] = {}
        self.statements: dict[tuple[str, str, str], tuple[Span, ...]] = {}
        self.article_uses: dict[tuple[str, str, str], list[Use]] = {}
        for an in analyses:
            art = an.article
            for actor in actors_of(an, role=role):
                if art.date is None:
                    self._undated.setdefault(actor, set()).add(art.path)
                app = Appearance(actor, art.id, art.path, art.date)
                self._apps.setdefault(actor, []).append(app)
                mine = uses_of(an, actor, role=role)
                self._uses.setdefault(actor, []).extend(mine)
                key = (actor, art.id, art.path)
                self.appearance_of[key] = app
                self.article_uses[key] = mine
                self.statements[key] = tuple(sorted({st.span for st in an.statements if _belongs(st, actor, role)}))
        # Dated rows only, in time order, with their days alongside for bisection: every
        # question is then a range lookup (a report asks one per article and actor).
        # Day strings held once per day, not once per row and index (four per use).
        days: dict[str, str] = {}
        self._app_days: dict[str, list[str]] = {}
        for actor, apps in self._apps.items():
            dated = sorted((a for a in apps if a.day is not None), key=_app_key)
            self._apps[actor] = dated
            self._app_days[actor] = [days.setdefault(d, d) for d in (a.day or "" for a in dated)]
        self._use_days: dict[str, list[str]] = {}
        self._by_key: dict[tuple[str, str, str], list[Use]] = {}
        for actor, us in self._uses.items():
            dated_uses = sorted((u for u in us if u.day is not None), key=Use.order_key)
            self._uses[actor] = dated_uses
            self._use_days[actor] = [days.setdefault(d, d) for d in (u.day or "" for u in dated_uses)]
            for u in dated_uses:
                self._by_key.setdefault((actor, "c", u.concept), []).append(u)
                self._by_key.setdefault((actor, "w", u.concept + "\0" + u.normalized), []).append(u)
                self._by_key.setdefault((actor, "n", u.normalized), []).append(u)
        self._key_days = {k: [days.setdefault(d, d) for d in (u.day or "" for u in v)] for k, v in self._by_key.items()}
        self._undated_uses = [u for us in self.article_uses.values() for u in us if u.day is None]

    def dated(self, actor: str) -> tuple[list[Appearance], list[str], list[Use], list[str]]:
        """The actor's dated appearances and uses in time order, each with their days
        alongside (for bisection); the lists are the history's own, not to be changed."""
        return (self._apps.get(actor, []), self._app_days.get(actor, []), self._uses.get(actor, []),
                self._use_days.get(actor, []))  # fmt: skip

    def appearances(self, actor: str, *, before: str, since: Optional[str] = None,
                    limit: Optional[int] = None) -> list[Appearance]:  # fmt: skip
        days = self._app_days.get(actor, [])
        hi = bisect.bisect_left(days, before)
        lo = bisect.bisect_left(days, since) if since is not None else 0
        out = self._apps[actor][lo:hi][::-1] if days else []
        return out if limit is None else out[:limit]

    def uses(self, actor: str, *, before: str, since: Optional[str] = None) -> list[Use]:
        days = self._use_days.get(actor, [])
        hi = bisect.bisect_left(days, before)
        lo = bisect.bisect_left(days, since) if since is not None else 0
        return self._uses[actor][lo:hi] if days else []

    def last_use(self, actor: str, *, before: str, concept: Optional[str] = None,
                 normalized: Optional[str] = None) -> Optional[Use]:  # fmt: skip
        if concept is not None and normalized is not None:
            key = (actor, "w", concept + "\0" + normalized)
        elif concept is not None:
            key = (actor, "c", concept)
        elif normalized is not None:
            key = (actor, "n", normalized)
        else:
            us = self.uses(actor, before=before)
            return us[-1] if us else None
        days = self._key_days.get(key, [])
        i = bisect.bisect_left(days, before)
        return self._by_key[key][i - 1] if i else None

    def undated(self, actor: str) -> list[str]:
        return sorted(self._undated.get(actor, ()))

    def all_uses(self, *, concept: Optional[str] = None, normalized: Optional[str] = None) -> list[Use]:
        out = [u for us in (*self._uses.values(), self._undated_uses) for u in us
               if (concept is None or u.concept == concept) and (normalized is None or u.normalized == normalized)]  # fmt: skip
        return sorted(out, key=lambda u: (u.order_key(), u.actor))

    def all_appearances(self) -> list[Appearance]:
        out = [a for apps in self._apps.values() for a in apps]
        out += [self.appearance_of[k] for k in self.appearance_of if self.appearance_of[k].date is None]
        return sorted(out, key=lambda a: (a.day is None, a.day or "", a.path, a.article, a.actor))


# --------------------------------------------------------------------------------------
# The same questions, answered from a store's index tables (schema version 2)

_USE_SQL = """
SELECT u.actor, m.concept, m.normalized, m.surface, m.polarity, a.id, a.path, a.date,
       m.span_start, m.span_end, min(s.span_start), min(s.span_end)
FROM usages u
JOIN markers m ON m.pk = u.marker_pk
JOIN statements s ON s.pk = u.statement_pk
JOIN articles a ON a.pk = u.article_pk
"""
_USE_GROUP = " GROUP BY u.actor, u.marker_pk"
_USE_ORDER = " ORDER BY u.day = '', u.day, a.path, a.id, m.span_start, m.span_end, m.concept, u.actor"
_APP_SQL = "SELECT p.actor, a.id, a.path, a.date FROM appearances p JOIN articles a ON a.pk = p.article_pk"


@functools.lru_cache(maxsize=65536)
def _date(iso: str) -> PartialDate:
    return PartialDate.from_iso(iso)


def _use_from(row: Sequence[Any]) -> Use:
    date = _date(row[7]) if row[7] else None
    return Use(row[0], row[1], row[2], " ".join(row[3].split()), row[4], row[5], row[6], date,
               Span(row[8], row[9]), Span(row[10], row[11]))  # fmt: skip


def _app_from(row: Sequence[Any]) -> Appearance:
    return Appearance(row[0], row[1], row[2], _date(row[3]) if row[3] else None)


def _of_use(sql: str, args: list[str], concept: Optional[str], normalized: Optional[str]) -> tuple[str, list[str]]:
    """``sql`` and ``args`` narrowed to the uses of ``concept`` and of the wording
    ``normalized`` (each when given)."""
    if concept is not None:
        sql += " AND u.concept = ?"
        args = [*args, concept]
    if normalized is not None:
        sql += " AND u.normalized = ?"
        args = [*args, normalized]
    return sql, args


class StoreHistory(History):
    """A history read from a store's ``appearances`` and ``usages`` tables; answers as
    :class:`MemoryHistory` does over the same analyses. ``conn`` is a store's connection
    (:attr:`Store.connection <positions.store.Store.connection>`).

    The same text stored under two paths is two articles, as :meth:`Store.analyses
    <positions.store.Store.analyses>` gives it twice.
    """

    def __init__(self, conn: sqlite3.Connection, *, role: Role = "holder") -> None:
        self.conn = conn
        self.role = role

    def _apps(self, where: str, args: list[str], limit: Optional[int]) -> list[Appearance]:
        sql = f"{_APP_SQL} WHERE p.actor = ? AND p.role = ? {where} ORDER BY p.day DESC, a.path DESC, a.id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_app_from(r) for r in self.conn.execute(sql, args)]

    def appearances(self, actor: str, *, before: str, since: Optional[str] = None,
                    limit: Optional[int] = None) -> list[Appearance]:  # fmt: skip
        where, args = "AND p.day > '' AND p.day < ?", [actor, self.role, before]
        if since is not None:
            where += " AND p.day >= ?"
            args.append(since)
        return self._apps(where, args, limit)

    def uses(self, actor: str, *, before: str, since: Optional[str] = None) -> list[Use]:
        sql = _USE_SQL + " WHERE u.actor = ? AND u.role = ? AND u.day > '' AND u.day < ?"
        args: list[str] = [actor, self.role, before]
        if since is not None:
            sql += " AND u.day >= ?"
            args.append(since)
        return [_use_from(r) for r in self.conn.execute(sql + _USE_GROUP + _USE_ORDER, args)]

    def last_use(self, actor: str, *, before: str, concept: Optional[str] = None,
                 normalized: Optional[str] = None) -> Optional[Use]:  # fmt: skip
        # the wording's (or concept's) own index: the planner, seeing a day range on the
        # primary key too, would otherwise read all of the actor's uses
        index = "usages_form" if normalized is not None else "usages_concept" if concept is not None else None
        base = _USE_SQL.replace("FROM usages u", f"FROM usages u INDEXED BY {index}") if index else _USE_SQL
        sql, args = _of_use(base + " WHERE u.actor = ? AND u.role = ? AND u.day > '' AND u.day < ?",
                            [actor, self.role, before], concept, normalized)  # fmt: skip
        # the latest day first through the index, then the last use of that day in order
        index_clause = f" INDEXED BY {index}" if index else ""
        day = self.conn.execute(
            f"SELECT max(u.day) FROM usages u{index_clause} WHERE" + sql.split("WHERE", 1)[1], args
        ).fetchone()[0]
        if day is None:
            return None
        rows = self.conn.execute(sql + " AND u.day = ?" + _USE_GROUP + _USE_ORDER, args + [day]).fetchall()
        return _use_from(rows[-1]) if rows else None

    def undated(self, actor: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT a.path FROM appearances p JOIN articles a ON a.pk = p.article_pk"
            " WHERE p.actor = ? AND p.role = ? AND p.day = '' ORDER BY a.path",
            (actor, self.role),
        )
        return [r[0] for r in rows]

    def all_uses(self, *, concept: Optional[str] = None, normalized: Optional[str] = None) -> list[Use]:
        sql, args = _of_use(_USE_SQL + " WHERE u.role = ?", [self.role], concept, normalized)
        return [_use_from(r) for r in self.conn.execute(sql + _USE_GROUP + _USE_ORDER, args)]

    def all_appearances(self) -> list[Appearance]:
        sql = f"{_APP_SQL} WHERE p.role = ? ORDER BY p.day = '', p.day, a.path, a.id, p.actor"
        return [_app_from(r) for r in self.conn.execute(sql, (self.role,))]
