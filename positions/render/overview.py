"""The opening of ``positions diff``: a header (what was read, the periods, the actors) and a
summary table (per actor: periods, comparisons, concepts gained, dropped, reworded and
flipped, biggest changes), in every format, from a :class:`positions.track.DiffOverview`.

A change reads ``2019->2020 (+4 -3 ~1)``: four concepts gained, three dropped, one reworded
(``!`` counts polarity flips); only the kinds that happened are written.

>>> from positions.model import Period, PositionDiff, Snapshot
>>> from positions.track import diff_overview
>>> d = PositionDiff("RUS", Snapshot("RUS", Period("year", "2018")), Snapshot("RUS", Period("year", "2019")),
...                  gained=("phased",))
>>> print("\\n".join(overview_text(diff_overview([], [d], by="year"))))
0 articles read; 1 actor: RUS
Periods: 2 by year, 2018 to 2019
<BLANKLINE>
actor  periods           compared  gained  dropped  reworded  flipped  biggest changes
RUS    2 (2018 to 2019)         1       1        0         0        0  2018->2019 (+1)
(+ concepts gained, - dropped, ~ reworded, ! polarity flipped)
"""

from __future__ import annotations

from typing import Any, Optional

from ..model import Period
from ..track.overview import ActorOverview, DiffOverview, PeriodChange

__all__ = [
    "overview_records",
    "overview_text",
    "overview_view",
    "narrowing_hint",
    "header_lines",
    "summary_row",
    "change_label",
    "COLUMNS",
    "LEGEND",
]

LEGEND = "(+ concepts gained, - dropped, ~ reworded, ! polarity flipped)"

COLUMNS = ("actor", "periods", "compared", "gained", "dropped", "reworded", "flipped", "biggest changes")


def _period(p: Period) -> str:
    if p.kind == "article":  # a file name: the full paths are in the detail
        return (p.label or p.key).replace("\\", "/").rsplit("/", 1)[-1]
    return p.key


def change_label(c: PeriodChange) -> str:
    """``2019->2020 (+4 -3 ~1)``: one change with the kinds that happened."""
    parts = [f"{sign}{n}" for sign, n in (("+", c.gained), ("-", c.dropped), ("~", c.shifts), ("!", c.flips)) if n]
    return f"{_period(c.old)}->{_period(c.new)} ({' '.join(parts)})"


def _span(a: ActorOverview) -> str:
    first, last = _period(a.periods[0]), _period(a.periods[-1])
    return f"{len(a.periods)} ({first} to {last})" if a.periods[0].kind != "article" else str(len(a.periods))


def summary_row(a: ActorOverview) -> list[str]:
    return [a.actor, _span(a), str(a.comparisons), str(a.gained), str(a.dropped), str(a.shifts), str(a.flips),
            "; ".join(change_label(c) for c in a.biggest) or "no change"]  # fmt: skip


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def header_lines(o: DiffOverview) -> list[str]:
    """The header: articles read (dates, undated), actors, periods."""
    read = _plural(o.articles, "article") + " read"
    if o.first_date:
        read += f", {o.first_date} to {o.last_date}" if o.first_date != o.last_date else f", {o.first_date}"
    if o.undated:
        read += f" ({o.undated} undated)"
    who = "holders" if o.role == "holder" else "speakers' countries"
    actors = f"{_plural(len(o.found), 'actor')}: {', '.join(o.found)}" if o.found else "no actor"
    lines = [f"{read}; {actors}" + (f" (as {who})" if o.role != "holder" else "")]
    if o.periods:
        if o.by == "article":
            lines.append(f"Periods: {_plural(len(o.periods), 'article')}, each compared with the one before")
        else:
            lines.append(f"Periods: {len(o.periods)} by {o.by}, {o.periods[0]} to {o.periods[-1]}")
    return lines


def overview_text(o: DiffOverview) -> list[str]:
    """Header and summary table as plain text lines (numbers right-aligned)."""
    rows = [list(COLUMNS)] + [summary_row(a) for a in o.actors]
    widths = [max(len(r[i]) for r in rows) for i in range(len(COLUMNS) - 1)]
    lines = header_lines(o) + [""]
    for n, r in enumerate(rows):
        cells = [r[i].ljust(widths[i]) if i < 2 or n == 0 else r[i].rjust(widths[i]) for i in range(len(widths))]
        lines.append("  ".join(cells + [r[-1]]).rstrip())
    if o.single:
        lines.append(f"One period only, nothing to compare: {', '.join(o.single)}")
    if o.actors:
        lines.append(LEGEND)
    return lines


def narrowing_hint(o: DiffOverview, *, summary: bool = False) -> str:
    """One line on how to narrow (or widen) the output."""
    actor = o.actors[0].actor if o.actors else (o.found[0] if o.found else "RUS")
    span = "--from DATE --to DATE"
    if o.by != "article" and len(o.periods) > 2:  # the latest few periods, as an example
        span = f"--from {o.periods[-3]} --to {o.periods[-1]}"
    if summary:
        return f"positions: the detail of one actor: --actor {actor}; of a span: {span}"
    return f"positions: to narrow this: --actor {actor}, {span}, or --summary for the table alone"


def overview_view(o: DiffOverview) -> dict[str, Any]:
    """What the HTML template shows (escaped there)."""
    return {
        "header": header_lines(o),
        "columns": COLUMNS,
        "rows": [summary_row(a) for a in o.actors],
        "single": o.single,
        "legend": LEGEND if o.actors else "",
    }


def overview_records(o: DiffOverview) -> list[dict[str, Any]]:
    """One flat record per actor (the rows of ``positions diff --summary --format json``,
    :func:`positions.render.change_tables.summary_rows`): counts, first
    and last period, and the biggest changes as labels and as ``biggest_old``/``biggest_new``
    period keys of the largest one."""
    out = []
    for a in o.actors:
        top: Optional[PeriodChange] = a.biggest[0] if a.biggest else None
        out.append({
            "actor": a.actor,
            "by": o.by,
            "periods": len(a.periods),
            "first_period": a.periods[0].key,
            "last_period": a.periods[-1].key,
            "comparisons": a.comparisons,
            "gained": a.gained,
            "dropped": a.dropped,
            "reworded": a.shifts,
            "flipped": a.flips,
            "biggest_old": top.old.key if top else None,
            "biggest_new": top.new.key if top else None,
            "biggest_size": top.size if top else 0,
            "biggest_changes": "; ".join(change_label(c) for c in a.biggest),
        })  # fmt: skip
    return out
