"""Small static SVG charts, written by hand: no script, no font or asset fetched.

Each chart scales to its container (``viewBox``, ``width="100%"``, at most 40rem wide), is
drawn for a 360-unit width so that its labels stay readable on a 390 px phone, and carries a
``<title>`` and a ``<desc>`` that say in words what it shows (``role="img"``); the pages that
hold a chart also give the same figures as a table. Every piece of data is escaped.

>>> svg = convergence_svg("CHN–RUS", [("2017", 0.5), ("2018", None), ("2019", 1.0)], ident="c1")
>>> svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" role="img"'), "<title id=\\"c1-t\\">" in svg
(True, True)
"""

from __future__ import annotations

import datetime as _dt
from html import escape
from typing import Optional, Sequence

__all__ = ["firsts_svg", "convergence_svg"]

_W = 360
_FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _open(ident: str, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'viewBox="0 0 {_W} {height}" width="100%" style="max-width:40rem" {_FONT}>',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


def firsts_svg(title: str, firsts: Sequence[tuple[str, str]], *, ident: str = "firsts") -> str:
    """A timeline of first uses: one row per actor (``(actor, YYYY[-MM[-DD]])``, in adoption
    order), a dot at its first use on a shared time axis, the date written beside the actor.

    >>> print(firsts_svg("t", [("CHN", "2017-03-08")], ident="x").splitlines()[-2])
    <circle cx="240.0" cy="28" r="5" fill="#1a4f8b"><title>CHN 2017-03-08</title></circle>
    """
    rows = len(firsts)
    height = 36 + 24 * max(rows, 1) + 10
    words = "; ".join(f"{a} first on {d}" for a, d in firsts) or "no dated use"
    out = _open(ident, height, title, f"First uses, in order of adoption: {words}.")
    if not firsts:
        out.append('<text x="4" y="28">no dated use</text>')
        return "\n".join(out + ["</svg>"])
    days = [_dt.date.fromisoformat(_day(d)).toordinal() for _, d in firsts]
    lo, hi = min(days), max(days)
    x0, x1 = 130, 350

    def x(day: int) -> float:
        return round(x0 + (x1 - x0) * ((day - lo) / (hi - lo) if hi > lo else 0.5), 1)

    axis_y = 16 + 24 * rows
    out.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" stroke="#5f6368"/>')
    first_year, last_year = _dt.date.fromordinal(lo).year, _dt.date.fromordinal(hi).year
    out.append(f'<text x="{x0}" y="{axis_y + 16}" fill="#5f6368">{first_year}</text>')
    if last_year != first_year:
        out.append(f'<text x="{x1}" y="{axis_y + 16}" text-anchor="end" fill="#5f6368">{last_year}</text>')
    for i, ((actor, date), day) in enumerate(zip(firsts, days)):
        y = 28 + 24 * i
        out.append(f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="#e6e8eb"/>')
        out.append(f'<text x="4" y="{y + 4}"><tspan font-weight="600">{escape(actor)}</tspan> {escape(date)}</text>')
        out.append(f'<circle cx="{x(day)}" cy="{y}" r="5" fill="#1a4f8b"><title>{escape(actor)} {escape(date)}</title></circle>')
    return "\n".join(out + ["</svg>"])


def _day(date: str) -> str:
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def convergence_svg(title: str, points: Sequence[tuple[str, Optional[float]]], *, ident: str = "conv") -> str:
    """A line chart of an index in [0, 1] per period (None: no value, the line breaks)."""
    height = 190
    said = "; ".join(f"{p}: {'none' if v is None else f'{v:.2f}'}" for p, v in points) or "no period"
    out = _open(ident, height, title, f"Jaccard index per period, 0 to 1: {said}.")
    x0, x1, y0, y1 = 34, 350, 160, 16
    for level in (0.0, 0.5, 1.0):
        y = round(y0 - (y0 - y1) * level, 1)
        out.append(f'<line x1="{x0}" y1="{y}" x2="{x1}" y2="{y}" stroke="#e6e8eb"/>')
        out.append(f'<text x="{x0 - 4}" y="{y + 4}" text-anchor="end" fill="#5f6368">{level:g}</text>')
    n = len(points)
    if not n:
        return "\n".join(out + ["</svg>"])

    def x(i: int) -> float:
        return round(x0 + 8 + (x1 - x0 - 16) * (i / (n - 1) if n > 1 else 0.5), 1)

    runs: list[list[str]] = [[]]
    for i, (_p, v) in enumerate(points):
        if v is None:
            runs.append([])
        else:
            runs[-1].append(f"{x(i)},{round(y0 - (y0 - y1) * v, 1)}")
    for pts in runs:
        if len(pts) > 1:
            out.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="#1a4f8b" stroke-width="2"/>')
    for i, (p, v) in enumerate(points):
        if v is not None:
            out.append(f'<circle cx="{x(i)}" cy="{round(y0 - (y0 - y1) * v, 1)}" r="3.5" fill="#1a4f8b">'
                       f'<title>{escape(p)}: {v:.2f}</title></circle>')  # fmt: skip
    step = max(1, -(-n // 5))  # at most about five period labels: readable at phone width
    for i, (p, _v) in enumerate(points):
        if i % step == 0 or i == n - 1:
            if i != n - 1 and n - 1 - i < step:
                continue
            out.append(f'<text x="{x(i)}" y="{y0 + 18}" text-anchor="middle" fill="#5f6368">{escape(p)}</text>')
    return "\n".join(out + ["</svg>"])
