"""Evaluation against gold annotations (the format of ``DESIGN.md``).

:func:`load_gold` reads and checks one gold file; :func:`evaluate` runs the pipeline over
the gold files' articles and scores it: statement precision/recall/F1 (a predicted statement
matches a gold one when the token sets of their texts have Jaccard ≥ 0.5, one-to-one, best
pairs first), speaker-country accuracy and holders exact-match accuracy over matched pairs,
and concept precision/recall/F1 over matched pairs::

    >>> jaccard("Moscow is ready to talk", "Moscow is ready")
    0.6
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Sequence, Union

import attrs

from .errors import GoldError
from .model import Article, Statement

if TYPE_CHECKING:  # the functions below import these lazily
    from .actors import Gazetteer
    from .lexicon import Lexicon

__all__ = ["GoldStatement", "Gold", "load_gold", "jaccard", "match_statements", "evaluate", "MATCH_THRESHOLD"]

MATCH_THRESHOLD = 0.5
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


@attrs.frozen
class GoldStatement:
    text: str
    text2: Optional[str] = None
    country: Optional[str] = None
    speaker: Optional[str] = None
    speaker_org: Optional[str] = None
    kind: Optional[str] = None
    holders: Optional[tuple[str, ...]] = None
    concepts: Optional[tuple[str, ...]] = None
    polarity: tuple[tuple[str, str], ...] = ()

    @property
    def full_text(self) -> str:
        return f"{self.text} {self.text2}" if self.text2 else self.text

    @property
    def expected_holders(self) -> Optional[tuple[str, ...]]:
        if self.holders is not None:
            return self.holders
        return (self.country,) if self.country else None


@attrs.frozen
class Gold:
    path: str  # the gold file
    article: str  # the article's path, resolved against the gold file's directory
    statements: tuple[GoldStatement, ...]


def _strs(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldError(f"{where} must be a list of strings")
    return tuple(value)


def load_gold(path: Union[str, Path]) -> Gold:
    """Read one gold file; raise :class:`GoldError` naming the file on any problem."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: invalid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("article"), str):
        raise GoldError(f"{path}: a gold file is an object with an 'article' path")
    raw = data.get("statements")
    if not isinstance(raw, list):
        raise GoldError(f"{path}: 'statements' must be a list")
    out = []
    for i, s in enumerate(raw):
        where = f"{path}: statements[{i}]"
        if not isinstance(s, dict) or not isinstance(s.get("text"), str) or not s["text"].strip():
            raise GoldError(f"{where} needs a non-empty 'text'")
        for key in ("text2", "country", "speaker", "speaker_org", "kind"):
            if key in s and s[key] is not None and not isinstance(s[key], str):
                raise GoldError(f"{where}.{key} must be a string")
        pol = s.get("polarity") or {}
        if not isinstance(pol, dict):
            raise GoldError(f"{where}.polarity must be an object")
        out.append(
            GoldStatement(
                text=s["text"],
                text2=s.get("text2"),
                country=s.get("country"),
                speaker=s.get("speaker"),
                speaker_org=s.get("speaker_org"),
                kind=s.get("kind"),
                holders=_strs(s["holders"], f"{where}.holders") if s.get("holders") is not None else None,
                concepts=_strs(s["concepts"], f"{where}.concepts") if s.get("concepts") is not None else None,
                polarity=tuple(sorted((str(k), str(v)) for k, v in pol.items())),
            )
        )
    article = str((p.parent / data["article"]))
    return Gold(str(path), article, tuple(out))


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in _TOKEN_RE.findall(text))


def jaccard(a: str, b: str) -> float:
    """Jaccard similarity of the lower-cased word sets of two texts."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta and not tb:
        return 1.0
    return len(ta & tb) / len(ta | tb)


def match_statements(
    predicted: Sequence[Statement], gold: Sequence[GoldStatement], threshold: float = MATCH_THRESHOLD
) -> list[tuple[int, int, float]]:
    """One-to-one matches ``(predicted index, gold index, jaccard)``, best pairs first."""
    ptoks = [_tokens(s.text) for s in predicted]
    gtoks = [_tokens(g.full_text) for g in gold]
    cands = []
    for i, pt in enumerate(ptoks):
        for j, gt in enumerate(gtoks):
            union = pt | gt
            if not union:
                continue
            jac = len(pt & gt) / len(union)
            if jac >= threshold:
                cands.append((-jac, i, j))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for neg, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, -neg))
    out.sort(key=lambda m: m[1])
    return out


def _prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@attrs.define
class _Tally:
    tp: int = 0
    npred: int = 0
    ngold: int = 0
    country_ok: int = 0
    country_n: int = 0
    holders_ok: int = 0
    holders_n: int = 0
    c_tp: int = 0
    c_pred: int = 0
    c_gold: int = 0

    def add(self, other: "_Tally") -> None:
        for f in attrs.fields(_Tally):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def report(self, concepts: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "statements": {**_prf(self.tp, self.npred, self.ngold), "matched": self.tp, "predicted": self.npred, "gold": self.ngold},
            "country_accuracy": round(self.country_ok / self.country_n, 4) if self.country_n else None,
            "country": [self.country_ok, self.country_n],
            "holders_accuracy": round(self.holders_ok / self.holders_n, 4) if self.holders_n else None,
            "holders": [self.holders_ok, self.holders_n],
        }
        out["concepts"] = _prf(self.c_tp, self.c_pred, self.c_gold) if concepts else None
        return out


def score_article(predicted: Sequence[Statement], gold: Gold, *, concepts: bool = True) -> tuple[_Tally, dict[str, Any]]:
    """Score one article's predicted statements against its gold."""
    t = _Tally(npred=len(predicted), ngold=len(gold.statements))
    matches = match_statements(predicted, gold.statements)
    t.tp = len(matches)
    errors: list[dict[str, Any]] = []
    for i, j, _ in matches:
        ps, gs = predicted[i], gold.statements[j]
        if gs.country:
            t.country_n += 1
            if ps.country == gs.country:
                t.country_ok += 1
            else:
                errors.append({"gold": gs.text[:80], "field": "country", "expected": gs.country, "got": ps.country})
        exp = gs.expected_holders
        if exp is not None:
            t.holders_n += 1
            if sorted(set(ps.holders)) == sorted(set(exp)):
                t.holders_ok += 1
            else:
                errors.append({"gold": gs.text[:80], "field": "holders", "expected": sorted(set(exp)), "got": sorted(set(ps.holders))})
        if concepts and gs.concepts is not None:
            pc = {m.concept for m in ps.markers}
            gc = set(gs.concepts)
            t.c_tp += len(pc & gc)
            t.c_pred += len(pc)
            t.c_gold += len(gc)
    matched_p = {i for i, _, _ in matches}
    matched_g = {j for _, j, _ in matches}
    detail = {
        "missed": [g.full_text for j, g in enumerate(gold.statements) if j not in matched_g],
        "spurious": [s.text for i, s in enumerate(predicted) if i not in matched_p],
        "errors": errors,
    }
    return t, detail


def evaluate(
    gold_paths: Iterable[Union[str, Path]],
    *,
    lexicon: Optional[Lexicon] = None,
    gazetteer: Optional[Gazetteer] = None,
    year: Optional[int] = None,
    encoding: str = "utf-8",
) -> dict[str, Any]:
    """Run the pipeline over each gold file's article and score it, overall and per article.

    Concepts are scored when the lexicon stage is available (``positions.lexicon``).
    ``encoding`` is that of the articles (see :func:`positions.sources.read_article`).
    """
    from .actors import default_gazetteer

    golds = [load_gold(p) for p in gold_paths]
    gazetteer = gazetteer if gazetteer is not None else default_gazetteer()
    analyze, concepts_on = _analyzer(lexicon, gazetteer)
    total = _Tally()
    per_article = []
    for gold in golds:
        article = _read(gold.article, year, encoding)
        statements, with_concepts = analyze(article)
        tally, detail = score_article(statements, gold, concepts=with_concepts)
        total.add(tally)
        per_article.append({"gold": gold.path, "article": gold.article, **tally.report(with_concepts), **detail})
    return {**total.report(concepts_on), "articles": len(golds), "per_article": per_article}


def _read(path: str, year: Optional[int], encoding: str = "utf-8") -> Article:
    """Read a gold file's article; a date that cannot be known does not stop the scoring
    (attribution does not need it), so the article is read without one."""
    from .errors import DateError
    from .sources import read_article

    try:
        return read_article(path, year=year, encoding=encoding)
    except DateError as exc:
        article = read_article(path, year=1, encoding=encoding)
        return attrs.evolve(article, date=None, date_from=None, warnings=article.warnings + (str(exc),))


_Analyze = Callable[[Article], tuple[Sequence[Statement], bool]]


def _analyzer(lexicon: Optional[Lexicon], gazetteer: Gazetteer) -> tuple[_Analyze, bool]:
    """The function that finds an article's statements (with their markers where the
    lexicon stage is usable: the second item says whether it is)."""
    from .errors import LexiconError

    try:
        from .lexicon import load_lexicon  # noqa: F401
        from .pipeline import analyze as run

        lex = lexicon
        if lex is None:
            try:
                lex = load_lexicon()
            except LexiconError:
                raise ImportError("the bundled lexicon is not usable") from None
    except ImportError:  # the lexicon stage is not installed
        from .attribution import extract_statements

        def statements_only(article: Article) -> tuple[Sequence[Statement], bool]:
            return extract_statements(article, gazetteer=gazetteer), False

        return statements_only, False

    def analyze(article: Article) -> tuple[Sequence[Statement], bool]:
        return run(article, lexicon=lex, gazetteer=gazetteer).statements, True

    return analyze, True
