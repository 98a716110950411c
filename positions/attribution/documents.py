"""Official documents: one ``document`` statement for the whole body, held by its signatories.

A UNGDC speech, a communiqué or any article whose metadata names its ``country`` is one
statement of that country; its holders are the states its opening sentence names as a joint
subject or enumerates after "between"/"among" (see ``docs/attribution.md``).
"""

from __future__ import annotations

import re

from ..actors import Gazetteer
from ..model import Article, Span, Speaker, Statement
from ..text import ABBREVIATIONS, TextView
from .holders import subject_countries

__all__ = ["signatories", "document_statement"]

_OPENING_END_RE = re.compile(r"[.!?](?=\s+[\"(]?[A-Z0-9])")
_LIST_ITEM_RE = re.compile(r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'’-]*)*")
_LIST_SEP_RE = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _opening_sentence(tv: TextView, first: int = 0) -> str:
    """The first sentence of the body from paragraph ``first`` (abbreviations such as
    "U.S." do not end it)."""
    if len(tv.paragraphs) <= first:
        return ""
    para = tv.paragraphs[first]
    text = tv.text
    for m in _OPENING_END_RE.finditer(text, para.start, para.end):
        w = m.start()
        while w > para.start and not text[w - 1].isspace():
            w -= 1
        word = text[w : m.start()].lower()
        if word in ABBREVIATIONS or "." in word or (len(word) == 1 and word.isalpha()):
            continue
        return text[para.start : m.end()]
    return text[para.start : para.end]


def signatories(tv: TextView, gz: Gazetteer, country: str, first: int = 0) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Whose document it is: its country, and the states its opening sentence names as its
    subject ("The Russian Federation and the People's Republic of China …", "President X of
    A and Chairman Y of B met …") or enumerates after "between"/"among" ("talks between
    China, Japan, … and the United States"). A single-state document is its country's."""
    sent = _opening_sentence(tv, first)
    found, end = subject_countries(sent, gz)
    how = "named as the subject of its opening sentence"
    if len(found) < 2 or not re.search(r"\sand\s", sent[:end]):
        found = ()
        m = re.search(r"\b(?:between|among|amongst)\s+", sent)
        if m:
            items = []
            for item in _LIST_SEP_RE.split(sent[m.end() :]):
                lead = _LIST_ITEM_RE.match(item.strip())
                code = gz.country_of(lead.group(0)) if lead else None
                if code is None or (lead and gz.lookup(lead.group(0)) is None and len(gz.mentions(lead.group(0))) != 1):
                    break
                items.append(code)
            found = tuple(dict.fromkeys(items)) if len(set(items)) >= 2 else ()
            how = "enumerated in its opening sentence"
    holders = tuple(dict.fromkeys((country, *found)))
    if len(holders) < 2:
        return (country,), ()
    return holders, (f"signatories {', '.join(holders)}: {how}",)


def document_statement(article: Article, holders: tuple[str, ...], why: tuple[str, ...]) -> Statement:
    body = article.body
    text = body.slice(article.text)
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    span = Span(body.start + lead, max(body.start + lead, body.end - trail))
    return Statement(
        article=article.id,
        span=span,
        text=span.slice(article.text),
        kind="document",
        speaker=Speaker(country=article.country, organization=article.source),
        country=article.country,
        holders=holders,
        evidence=(f"the whole document is {article.country}'s (from its {'UNGDC layout' if article.layout == 'ungdc' else 'metadata'})", *why),
        parts=(span,),
    )

