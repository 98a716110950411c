"""The flat records of what was read: articles, statements, keyword-in-context lines, a
lexicon and an evaluation, one table each (``positions.render.writers`` writes them as JSON,
JSON Lines or CSV; docs/formats.md documents every column).

Offsets (``start``, ``end``, ``*_start``, ``*_end``) index the article's original text;
wordings are shown with their whitespace runs as one space (:func:`display_text`).

>>> from positions.model import Article, Span, Statement
>>> art = Article(id="a1", path="a.txt", text="Moscow is  ready.", body=Span(0, 17))
>>> st = Statement(article="a1", span=Span(0, 16), text="Moscow is  ready", kind="document", country="RUS")
>>> row = statement_rows([(art, [st])])[0]
>>> row["text"], row["start"], row["end"], row["country"]
('Moscow is ready', 0, 16, 'RUS')
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

from ..model import Article, Statement
from ._display import PathShow, as_given
from .writers import display_text, table

__all__ = [
    "ARTICLE_COLUMNS",
    "STATEMENT_COLUMNS",
    "KWIC_COLUMNS",
    "LEXICON_COLUMNS",
    "EVAL_COLUMNS",
    "article_row",
    "article_rows",
    "statement_rows",
    "kwic_rows",
    "lexicon_rows",
    "eval_rows",
]

# --------------------------------------------------------------------------------------
# positions articles

ARTICLE_COLUMNS = (
    "schema", "id", "path", "source", "place", "date", "date_precision", "date_from", "country", "title",
    "url", "author", "language", "layout", "words", "dateline_start", "dateline_end", "body_start",
    "body_end", "pages", "warnings",
)  # fmt: skip


def article_row(article: Article, *, words: int, show: PathShow = as_given) -> dict[str, Any]:
    """One article's metadata (a row of ``positions.articles/1``); ``words``, the words of
    its body, is counted by the text stage (``positions.text.view(...).words()``), not here."""
    date = article.date
    return {
        "schema": "positions.articles/1",
        "id": article.id,
        "path": show(article.path),
        "source": article.source,
        "place": article.place,
        "date": date.iso() if date else None,
        "date_precision": date.precision.value if date else None,
        "date_from": article.date_from.value if article.date_from else None,
        "country": article.country,
        "title": article.title,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "layout": article.layout,
        "words": words,
        "dateline_start": article.dateline.start if article.dateline else None,
        "dateline_end": article.dateline.end if article.dateline else None,
        "body_start": article.body.start,
        "body_end": article.body.end,
        "pages": len(article.pages) or None,
        "warnings": list(article.warnings),
    }


def article_rows(articles: Iterable[tuple[Article, int]], show: PathShow = as_given) -> list[dict[str, Any]]:
    """``positions articles``: one row per (article, words of its body)."""
    return table("positions.articles/1", ARTICLE_COLUMNS, (article_row(a, words=n, show=show) for a, n in articles))


# --------------------------------------------------------------------------------------
# positions extract

STATEMENT_COLUMNS = (
    "schema", "article", "article_id", "date", "statement", "kind", "speaker", "speaker_name", "speaker_role",
    "speaker_organization", "country", "holders", "text", "start", "end", "part_starts", "part_ends", "page",
    "cue", "cue_start", "cue_end", "evidence", "concepts", "negated", "wordings",
)  # fmt: skip


def _statement_row(article: Article, index: int, st: Statement, show: PathShow) -> dict[str, Any]:
    sp = st.speaker
    scoped = [m for m in st.markers if m.in_scope]
    return {
        "article": show(article.path),
        "article_id": article.id,
        "date": article.date.iso() if article.date else None,
        "statement": index,
        "kind": st.kind,
        "speaker": sp.label() if sp else None,
        "speaker_name": sp.name if sp else None,
        "speaker_role": sp.role if sp else None,
        "speaker_organization": sp.organization if sp else None,
        "country": st.country,
        "holders": list(st.holders),
        "text": display_text(st.text),
        "start": st.span.start,
        "end": st.span.end,
        "part_starts": [p.start for p in st.parts],
        "part_ends": [p.end for p in st.parts],
        "page": article.page_of(st.span.start),  # PDFs: the page the statement starts on
        "cue": display_text(st.cue.slice(article.text)) if st.cue else None,
        "cue_start": st.cue.start if st.cue else None,
        "cue_end": st.cue.end if st.cue else None,
        "evidence": list(st.evidence),
        "concepts": list(dict.fromkeys(m.concept for m in scoped)),
        "negated": list(dict.fromkeys(m.concept for m in scoped if m.polarity == "negated")),
        "wordings": list(dict.fromkeys(display_text(m.surface) for m in scoped)),
    }


def statement_rows(found: Iterable[tuple[Article, Sequence[Statement]]], show: PathShow = as_given) -> list[dict[str, Any]]:
    """``positions extract``: one row per statement of each (article, statements);
    ``concepts``, ``negated`` and ``wordings`` are those of its in-scope markers, in text
    order, once each."""
    rows = (_statement_row(a, i, st, show) for a, sts in found for i, st in enumerate(sts))
    return table("positions.extract/1", STATEMENT_COLUMNS, rows)


# --------------------------------------------------------------------------------------
# positions kwic

KWIC_COLUMNS = (
    "schema", "article", "path", "date", "source", "speaker", "country", "holders", "concept", "left", "match",
    "right", "start", "end", "in_scope", "polarity", "pattern", "steps", "negation",
)  # fmt: skip


def kwic_rows(lines: Iterable[Any], show: PathShow = as_given) -> list[dict[str, Any]]:
    """``positions kwic``: one row per :class:`~positions.lexicon.KwicLine`."""
    rows = (
        {"article": k.article, "path": show(k.path), "date": k.date, "source": k.source, "speaker": k.speaker,
         "country": k.country, "holders": list(k.holders), "concept": k.concept, "left": display_text(k.left),
         "match": display_text(k.match), "right": display_text(k.right), "start": k.span.start, "end": k.span.end,
         "in_scope": k.in_scope, "polarity": k.polarity, "pattern": k.pattern, "steps": list(k.steps),
         "negation": display_text(k.negation)}
        for k in lines
    )  # fmt: skip
    return table("positions.kwic/1", KWIC_COLUMNS, rows)


# --------------------------------------------------------------------------------------
# positions lexicon show

LEXICON_COLUMNS = (
    "schema", "record", "lexicon", "title", "version", "concept", "label", "description", "patterns",
    "supersedes", "except", "opposed_by", "frame", "predicates", "objects", "actors", "window", "ordered",
    "stop", "sentences_before", "sentences_after", "lead",
)  # fmt: skip


def lexicon_rows(lex: Any) -> list[dict[str, Any]]:
    """``positions lexicon show``: a ``scope`` row, a ``self`` row per country whose own
    names are no scope match, a ``concept`` row per concept and a ``frame`` row per frame."""
    head = {"lexicon": lex.id, "title": lex.title, "version": lex.version}
    sc = lex.scope
    rows: list[dict[str, Any]] = [{
        **head, "record": "scope", "patterns": list(sc.patterns), "except": list(sc.exceptions),
        "stop": list(sc.stops), "sentences_before": sc.sentences_before, "sentences_after": sc.sentences_after,
        "lead": sc.lead,
    }]  # fmt: skip
    rows += [{**head, "record": "self", "actors": [iso], "patterns": list(ps)} for iso, ps in sc.self_names]
    for c in lex.concepts:
        rows.append({**head, "record": "concept", "concept": c.id, "label": c.label, "description": c.description,
                     "patterns": list(c.patterns), "supersedes": list(c.supersedes), "except": list(c.exceptions),
                     "opposed_by": list(c.opposed_by)})  # fmt: skip
        rows += [
            {**head, "record": "frame", "concept": c.id, "frame": f.name, "predicates": list(f.predicates),
             "objects": list(f.objects), "actors": list(f.actors), "window": f.window, "ordered": f.ordered,
             "except": list(f.exceptions)}
            for f in c.frames
        ]  # fmt: skip
    return table("positions.lexicon/1", LEXICON_COLUMNS, rows)


# --------------------------------------------------------------------------------------
# positions eval

EVAL_COLUMNS = (
    "schema", "record", "gold", "article", "articles", "statements_precision", "statements_recall",
    "statements_f1", "matched", "predicted", "gold_statements", "country_accuracy", "country_correct",
    "country_total", "holders_accuracy", "holders_correct", "holders_total", "concepts_precision",
    "concepts_recall", "concepts_f1", "field", "text", "expected", "got",
)  # fmt: skip


def _scores(r: dict[str, Any]) -> dict[str, Any]:
    st, c = r["statements"], r["concepts"]
    return {
        "statements_precision": st["precision"], "statements_recall": st["recall"], "statements_f1": st["f1"],
        "matched": st["matched"], "predicted": st["predicted"], "gold_statements": st["gold"],
        "country_accuracy": r["country_accuracy"], "country_correct": r["country"][0],
        "country_total": r["country"][1], "holders_accuracy": r["holders_accuracy"],
        "holders_correct": r["holders"][0], "holders_total": r["holders"][1],
        "concepts_precision": c["precision"] if c else None, "concepts_recall": c["recall"] if c else None,
        "concepts_f1": c["f1"] if c else None,
    }  # fmt: skip


def _given(value: Any) -> Optional[str]:
    if value is None:
        return None
    return ",".join(value) if isinstance(value, (list, tuple)) else str(value)


def eval_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """``positions eval``: a ``score`` row overall (``gold`` null) and per gold file, then
    that file's ``missed`` and ``spurious`` statements and attribution ``error`` rows
    (``expected``/``got``: a country code, or holders joined by commas)."""
    rows: list[dict[str, Any]] = [{"record": "score", "articles": result["articles"], **_scores(result)}]
    for a in result["per_article"]:
        where = {"gold": a["gold"], "article": a["article"]}
        rows.append({"record": "score", **where, "articles": 1, **_scores(a)})
        rows += [{"record": "missed", **where, "text": display_text(t)} for t in a["missed"]]
        rows += [{"record": "spurious", **where, "text": display_text(t)} for t in a["spurious"]]
        rows += [{"record": "error", **where, "field": e["field"], "text": display_text(e["gold"]),
                  "expected": _given(e["expected"]), "got": _given(e["got"])} for e in a["errors"]]  # fmt: skip
    return table("positions.eval/1", EVAL_COLUMNS, rows)
