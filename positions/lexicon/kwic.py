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
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

import attrs

from ..model import Article, Polarity, Role, Span
from ..text import token_spans, view
from .load import Lexicon, lexicon_from_patterns
from .match import match_concepts

if TYPE_CHECKING:
    from ..actors import Gazetteer

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
    polarity: Polarity
    pattern: str
    speaker: Optional[str] = None  # who said the words, where they lie in a statement
    holders: tuple[str, ...] = ()  # whose position that statement states
    steps: tuple[str, ...] = ()  # Marker.steps: normalization steps, then a frame's evidence
    negation: Optional[str] = None  # the negation cue as written, where negated

    def as_dict(self) -> dict[str, Any]:
        d = attrs.asdict(self, recurse=False)
        d["span"] = self.span.as_list()
        d["holders"] = list(self.holders)
        d["steps"] = list(self.steps)
        return d

    def why(self) -> str:
        """Which pattern or frame matched and why, in one line.

        >>> KwicLine("a", "a.txt", None, None, None, "phased", "", "step–by–step", "", Span(0, 12),
        ...          True, "affirmed", "step by step", steps=("dashes", "hyphen-split")).why()
        "pattern 'step by step' via dashes, hyphen-split"
        """
        what = self.pattern if self.pattern.startswith("frame ") else f"pattern {self.pattern!r}"
        norm = [s for s in self.steps if ": " not in s]
        evidence = [s for s in self.steps if ": " in s and not s.startswith("frame: ")]
        out = what + (f" via {', '.join(norm)}" if norm else "")
        if evidence:
            out += f" ({'; '.join(evidence)})"
        if self.negation:
            out += f"; negated by {self.negation!r}"
        return out


def _flat(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def kwic(
    articles: Iterable[Article],
    lexicon_or_pattern: Union[Lexicon, str],
    *,
    concept: Optional[str] = None,
    window: int = 5,
    gazetteer: Optional[Gazetteer] = None,
    actor: Optional[str] = None,
    role: Role = "holder",
) -> list[KwicLine]:
    """Keyword-in-context lines for a pattern, one concept, or every concept of a lexicon.

    ``window`` is the number of tokens (words and punctuation) kept on each side. Lines come
    in article order, then text order. A match inside a statement carries that statement's
    speaker, country (the speaker's) and holders; elsewhere (narration) the article's own
    country, if its metadata gives one. ``actor`` keeps the matches inside the statements
    that actor holds (``role="holder"``) or whose speaker is of that country
    (``role="speaker"``), as :mod:`positions.track` gives statements to actors.
    """
    if role not in ("holder", "speaker"):
        raise ValueError(f"unknown role {role!r} (known: holder, speaker)")
    from ..attribution import extract_statements

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
        markers = [m for m in match_concepts(article, lex, text_view=tv)
                   if concept is None or m.concept == concept]  # fmt: skip
        statements = extract_statements(article, gazetteer=gazetteer, text_view=tv) if markers else ()
        for m in markers:
            st = next((s for s in statements if any(p.contains(m.span) for p in s.parts or (s.span,))), None)
            if actor is not None and (st is None or actor not in (st.holders if role == "holder" else (st.country,))):
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
                    country=(st.country if st is not None else None) or article.country,
                    source=article.source,
                    concept=m.concept,
                    left=_flat(left),
                    match=_flat(m.surface),
                    right=_flat(right),
                    span=m.span,
                    in_scope=m.in_scope,
                    polarity=m.polarity,
                    pattern=m.pattern,
                    speaker=st.speaker.label() if st is not None and st.speaker else None,
                    holders=st.holders if st is not None else (),
                    steps=m.steps,
                    negation=_flat(m.negation.slice(article.text)) if m.negation else None,
                )
            )
    return out
