"""The one Jinja2 environment of the report's pages, the novelty and diffusion pages and the
notebook views: one loader and one template cache over ``render/templates``, so that the
macros they share (``report/_macros.j2``) render to the same bytes everywhere.

Autoescaping is on (every piece of article text is escaped) and an undefined name is an
error, not an empty string. The stand-alone diff page (:mod:`positions.render.html`) keeps an
environment of its own: its template is written for blocks that are not trimmed.
"""

from __future__ import annotations

import jinja2

__all__ = ["ENV"]

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("positions.render", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
