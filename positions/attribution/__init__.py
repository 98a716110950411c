"""Statements: find every quote and reported statement, and attribute it.

The stage reads an article's normalized :class:`~positions.text.TextView` and returns
:class:`~positions.model.Statement` records whose spans point into the original text::

    >>> from positions.model import Article, Span
    >>> t = '"We are ready," the minister said.'
    >>> [s.text for s in extract_statements(Article("a", "a.txt", t, Span(0, len(t))))]
    ['We are ready']

How it works (see ``docs/attribution.md``): quotes are paired (:mod:`.quotes`), their
contents masked, and the text cut into *frames* (sentences whose boundaries ignore quoted
text). In each frame a reporting cue (:mod:`.cues`) with a speaker phrase on one side
(:mod:`.speakers`) splits the frame into attribution and content; the content is a quote
(``direct``), a quote introduced by "that" or partly quoted (``mixed``), or plain text
(``reported``). Frames of quoted text alone continue the previous speaker. Speakers are
then resolved in reading order and holders decided per content sentence (:mod:`.holders`). The steps live in :mod:`.drafts` (frames), :mod:`.clauses` (the
grammar of one frame), :mod:`.resolution` and :mod:`.documents`.
"""

from __future__ import annotations

from typing import Optional

from ..actors import Gazetteer, default_gazetteer
from ..model import Article, Statement
from ..text import TextView, normalize, paragraph_spans
from .documents import document_statement, signatories
from .drafts import build_drafts
from .headed import headed_statement
from .records import Draft
from .resolution import resolve

__all__ = ["extract_statements", "Draft"]


def extract_statements(
    article: Article,
    *,
    gazetteer: Optional[Gazetteer] = None,
    text_view: Optional[TextView] = None,
) -> tuple[Statement, ...]:
    """Every statement of ``article``, in text order, with speaker, country and holders."""
    gz = gazetteer if gazetteer is not None else default_gazetteer()
    if article.country:
        # An official document (UNGDC speech by layout, a manifest's `country`): one
        # statement of that country, whatever cue words or scare quotes it contains.
        if article.layout == "ungdc":
            return (document_statement(article, (article.country,), ()),)
        tv = text_view if text_view is not None else _light_view(article)
        holders, why = signatories(tv, gz, article.country)
        return (document_statement(article, holders, why),)
    tv = text_view if text_view is not None else _light_view(article)
    headed = headed_statement(article, tv, gz)
    if headed is not None:  # a speech or a document whose header says whose it is
        return (headed,)
    drafts, frames = build_drafts(article, tv, gz)
    return resolve(article, tv, gz, drafts, frames)


def _light_view(article: Article) -> TextView:
    """The normalized text and paragraphs of an article, without Punkt sentences: this
    stage cuts its own frames, and skipping Punkt keeps it fast on huge paragraphs."""
    norm = normalize(article.text)
    nbody = norm.span_to_normalized(article.body)
    return TextView(norm, nbody, tuple(paragraph_spans(norm.text, nbody)), ())
