"""Concept lexicons: normalize wording to position concepts, scoped to an issue, with polarity.

A lexicon (TOML, see ``docs/lexicons.md``) lists concepts and their patterns. Matching works
over normalized words, so "Step-by-step", "step by step" and "step–by–step", "synchronised"
and "synchronized", "talks" and "talk" match one pattern without being listed. Each
:class:`~positions.model.Marker` keeps the words as written, their span in the original
text, the normalization steps that made the match, whether it lies in a passage about the
lexicon's issue, and whether a negation governs it.

>>> lex = load_lexicon()
>>> [(m.concept, m.surface, m.polarity) for m in match_text(
...     "On the Korean Peninsula we reject a step–by–step approach.", lex)]
[('phased', 'step–by–step', 'negated')]
"""

from __future__ import annotations

from .kwic import KwicLine, kwic
from .load import (
    BUNDLED_LEXICON,
    Concept,
    Lexicon,
    Scope,
    lexicon_from_patterns,
    lexicon_problems,
    load_lexicon,
)
from .frames import Frame
from .match import match_concepts, match_text, match_words
from .matcher import Matcher
from .patterns import MAX_GAP, MAX_PATTERN_WORDS, Pattern, PatternError, compile_pattern
from .tokens import words_of

__all__ = [
    "Concept",
    "Lexicon",
    "Scope",
    "Frame",
    "Pattern",
    "PatternError",
    "load_lexicon",
    "lexicon_problems",
    "lexicon_from_patterns",
    "compile_pattern",
    "Matcher",
    "match_concepts",
    "match_text",
    "match_words",
    "words_of",
    "kwic",
    "KwicLine",
    "BUNDLED_LEXICON",
    "MAX_PATTERN_WORDS",
    "MAX_GAP",
]
