"""Explainable normalization, with offsets back to the original; paragraphs, sentences, tokens.

Normalization is a chain of named steps (like ftfy's fixers). Each step records its edits,
so any position in the normalized text maps back to the original, and a caller can ask which
steps changed a stretch of text::

    >>> from positions.model import Span
    >>> n = normalize("\\ufeff“Step‑by‑step”,\\r\\nsaid  he.")
    >>> n.text
    '"Step-by-step",\\nsaid he.'
    >>> n.span_to_original(Span(1, 13)).slice(n.original)
    'Step‑by‑step'
    >>> n.steps_in(Span(0, 16))
    ('newlines', 'quotes', 'dashes')

:class:`TextView` bundles the normalized text of an article with its paragraphs, sentences
and tokens. Its spans are in *normalized* coordinates (so that stages can work with straight
quotes and single spaces); ``view.to_original(span)`` converts one at the point where a
record is made. Records only ever hold original coordinates.

Two modules along that seam: :mod:`positions.text.steps` (the steps and their edits), :mod:`positions.text.normalize` (offset
maps) and
:mod:`positions.text.segment` (paragraphs, sentences, tokens, the view).
"""

from __future__ import annotations

from .normalize import Normalized, normalize
from .segment import (
    ABBREVIATIONS,
    SENTENCE_STARTERS,
    TOKEN_PATTERN,
    TOKEN_RE,
    TextView,
    paragraph_spans,
    sentence_spans,
    token_spans,
    view,
)
from .steps import DEFAULT_STEPS, STEP_DESCRIPTIONS, STEPS, Edit

__all__ = [
    "STEPS",
    "DEFAULT_STEPS",
    "Edit",
    "Normalized",
    "normalize",
    "TextView",
    "view",
    "paragraph_spans",
    "sentence_spans",
    "token_spans",
    "ABBREVIATIONS",
    "SENTENCE_STARTERS",
    "STEP_DESCRIPTIONS",
    "TOKEN_PATTERN",
    "TOKEN_RE",
]
