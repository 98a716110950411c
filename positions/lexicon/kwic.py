"""Keyword in context: every match of a concept or a pattern with the words around it.

Like quanteda's ``kwic``, but over normalized words (so ``step by step`` also finds
"step-by-step") and with each line's scope and polarity.

>>> from positions.model import Article, Span
>>> t = "Seoul, 1 May. Both Koreas agreed to a step-by-step approach to talks."
>>> a = Article(id="x", path="a.txt", text=t, body=Span(14, len(t)))
>>> [(k.left, k.match, k.right) for k in kwic([a], "step by step", window=3)]
[('agreed to a', 'step-by-step', 'approach to talks')]
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Union

import attrs

from ..model import Article, Span
from ..text import token_spans, view
from .load import Lexicon, lexicon_from_patterns

__all__ = ["KwicLine", "kwic"]

_SPACE_RE = re.compile(r"\s+")


@attrs.frozen
class KwicLine:
    """One match with its context; ``span`` indexes the article's original text."""

    article: str  # Article.id
    path: str
    date: Optional[str]
    country: Optional[str]
    source: Optional[str]
    concept: str
    left: str
    match: str
    right: str
    span: Span
    in_scope: bool
    polarity: str
    pattern: str

    def as_dict(self) -> dict:
        d = attrs.asdict(self, recurse=False)
        d["span"] = self.span.as_list()
        return d


def _flat(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def kwic(
    articles: Iterable[Article],
    lexicon_or_pattern: Union[Lexicon, str],
    *,
    concept: Optional[str] = None,
    window: int = 5,
) -> list[KwicLine]:
    """Keyword-in-context lines for a pattern, one concept, or every concept of a lexicon.

    ``window`` is the number of tokens (words and punctuation) kept on each side. Lines come
    in article order, then text order.
    """
    from . import match_concepts

    if isinstance(lexicon_or_pattern, str):
        lex = lexicon_from_patterns((lexicon_or_pattern,))
        concept = None
    else:
        lex = lexicon_or_pattern
        if concept is not None:
            lex.concept(concept)  # raises LexiconError for an unknown id
    out: list[KwicLine] = []
    for article in articles:
        tv = view(article.text, article.body)
        for m in match_concepts(article, lex, text_view=tv):
            if concept is not None and m.concept != concept:
                continue
            body = article.body
            before = token_spans(article.text, Span(body.start, m.span.start))[-window:] if window else []
            after = token_spans(article.text, Span(m.span.end, body.end))[:window] if window else []
            left = article.text[before[0].start : m.span.start] if before else ""
            right = article.text[m.span.end : after[-1].end] if after else ""
            out.append(
                KwicLine(
                    article=article.id,
                    path=article.path,
                    date=article.date.iso() if article.date else None,
                    country=article.country,
                    source=article.source,
                    concept=m.concept,
                    left=_flat(left),
                    match=_flat(m.surface),
                    right=_flat(right),
                    span=m.span,
                    in_scope=m.in_scope,
                    polarity=m.polarity,
                    pattern=m.pattern,
                )
            )
    return out
