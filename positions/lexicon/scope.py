"""Issue scope: which sentences of an article are about the lexicon's issue.

A passage about the issue is a sentence holding a scope match (Korea, DPRK, six-party
talks ...) and the ``sentences_after`` sentences that follow it (3 by default, across
paragraph ends: "We support dialogue." right after a Korea sentence counts), plus
``sentences_before`` sentences before it (0 by default: speeches name the topic first, and a
Middle East sentence just before a Korea sentence is not about Korea). A sentence that names
another issue (``Scope.stops``: Iran, the Middle East ...) and not this one ends a passage. Paragraphs are not
used as the window because the paragraphs of UN verbatim records and wire copy often run
several topics together. With ``Scope.lead``, an article whose title or first paragraph holds a
scope match is in scope throughout: a news story about the issue is about it everywhere.
The lead is the first paragraph, and the second where the first is a headline. Scope
matches that name the article's own country (``Scope.self_names``, e.g. the DPRK in a
DPRK speech) do not count: a country naming itself is not a mention of the issue.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ..model import Article, Span
from ..text import TextView
from .load import Lexicon
from .matcher import Matcher
from .tokens import Word, words_of

__all__ = ["in_scope_sentences", "scope_flags", "scope_hits", "sentence_marks", "whole_article_in_scope"]


def scope_hits(lexicon: Lexicon, words: Sequence[Word], country: Optional[str] = None) -> list[Span]:
    """Spans (in the words' coordinates) of scope matches, without the country's self-names;
    none where the words hold an exception ("Crimea": "the peninsula" is not Korea there)."""
    if lexicon.scope_matcher is None:
        return []
    hits = [Span(words[h.start].span.start, words[h.end - 1].span.end) for h in lexicon.scope_matcher.find(words)]
    # (the exceptions are looked for only where there is something for them to cancel)
    if hits and lexicon.except_matcher is not None and next(iter(lexicon.except_matcher.find(words)), None):
        return []
    if country and hits:
        selfm: Optional[Matcher] = dict(lexicon.self_matchers).get(country)
        if selfm is not None:
            own = [Span(words[h.start].span.start, words[h.end - 1].span.end) for h in selfm.find(words)]
            hits = [s for s in hits if not any(o.contains(s) for o in own)]
    return hits


def in_scope_sentences(
    article: Article,
    lexicon: Lexicon,
    tv: TextView,
    sentence_words: Sequence[Sequence[Word]],
) -> list[bool]:
    """One flag per sentence of ``tv``: is it inside a passage about the issue?"""
    if whole_article_in_scope(article, lexicon):
        return [True] * len(tv.sentences)
    marks = [sentence_marks(article, lexicon, ws) for ws in sentence_words]
    return scope_flags(lexicon, tv, [h for h, _ in marks], [s for _, s in marks])


def whole_article_in_scope(article: Article, lexicon: Lexicon) -> bool:
    """Before reading the body: the lexicon has no scope, or (with ``lead``) the title is
    about the issue."""
    if lexicon.scope_matcher is None:
        return True
    return bool(lexicon.scope.lead and article.title and scope_hits(lexicon, words_of(article.title), article.country))


def sentence_marks(article: Article, lexicon: Lexicon, words: Sequence[Word]) -> tuple[bool, bool]:
    """What :func:`scope_flags` needs of one sentence: whether it names the issue (a scope
    hit), and whether it ends a passage (a stop term, and no scope hit)."""
    hit = bool(scope_hits(lexicon, words, article.country))
    stop = lexicon.stop_matcher
    return hit, not hit and stop is not None and next(iter(stop.find(words)), None) is not None


def scope_flags(lexicon: Lexicon, tv: TextView, hit_sentence: Sequence[bool], stop_sentence: Sequence[bool]) -> list[bool]:
    """One flag per sentence of ``tv`` from its :func:`sentence_marks`: the sentence with a
    scope hit, the ``sentences_before`` and ``sentences_after`` around it up to a stop, or
    every sentence when (with ``lead``) the lead names the issue."""
    n = len(tv.sentences)
    scope = lexicon.scope
    para_of = _paragraph_index(tv)
    if scope.lead and n and any(h for h, p in zip(hit_sentence, para_of) if p in _lead(tv, para_of)):
        return [True] * n
    flags = [False] * n
    for i, hit in enumerate(hit_sentence):
        if not hit:
            continue
        for k in range(i - 1, max(-1, i - 1 - scope.sentences_before), -1):
            if stop_sentence[k]:
                break
            flags[k] = True
        flags[i] = True
        for k in range(i + 1, min(n, i + 1 + scope.sentences_after)):
            if stop_sentence[k]:
                break
            flags[k] = True
    return flags


def _lead(tv: TextView, para_of: Sequence[int]) -> set[int]:
    """The lead: the first paragraph, and the next one too where the first is a headline
    (no sentence-final punctuation, as a press-conference title or a heading)."""
    first = para_of[0]
    if not tv.paragraphs[first].slice(tv.text).rstrip().endswith(_SENTENCE_END):
        return {first, first + 1}
    return {first}


_SENTENCE_END = tuple(".!?\"'):")


def _paragraph_index(tv: TextView) -> list[int]:
    out = []
    p = 0
    paras = tv.paragraphs
    for s in tv.sentences:
        while p + 1 < len(paras) and s.start >= paras[p].end:
            p += 1
        out.append(p)
    return out
