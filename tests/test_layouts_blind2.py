"""The second blind batch of the real-layout corpus (``fixtures/layouts/blind2/``, issue 11).

The batch measures how attribution generalizes to texts its rules were not written on, so
these tests only keep it well-formed, never score it: every gold file loads, names the
article beside it and every statement's ``text``/``text2`` occurs in that article
(whitespace-insensitively); kinds, keys, concept ids, polarity and country codes are known;
a statement without a country says whose position it holds; the manifest and the README
list every article; and the batch keeps the size and layout mix its README states.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from positions._toml import tomllib
from positions.actors import default_gazetteer
from positions.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[1]
BLIND2 = ROOT / "fixtures" / "layouts" / "blind2"
LEXICON = ROOT / "positions" / "data" / "lexicons" / "korean_peninsula.toml"
GOLDS = sorted(BLIND2.glob("*.gold.json"))
KINDS = frozenset({"direct", "reported", "mixed", "document"})
KEYS = frozenset({"text", "text2", "country", "speaker", "speaker_org", "kind", "holders", "concepts", "polarity"})
NAME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-([a-z]+)-[a-z0-9-]+\.txt$")
SOURCES = frozenset(
    {"unsc", "unga", "spv", "state", "whitehouse", "kremlin", "fmprc", "kcna", "joint", "ap", "analysis"}
)


def _squash(text: str) -> str:
    """Whitespace-insensitive form (non-breaking spaces and form feeds are whitespace too)."""
    return "".join(text.split())


def _concept_ids() -> frozenset[str]:
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    return frozenset(c["id"] for c in data["concepts"])


def _codes() -> frozenset[str]:
    return frozenset(default_gazetteer().countries)


def test_size_and_layouts() -> None:
    assert len(GOLDS) == 14
    assert sum(len(load_gold(g).statements) for g in GOLDS) == 245
    sources = Counter(NAME_RE.match(g.name.replace(".gold.json", ".txt")).group(4) for g in GOLDS)
    assert set(sources) == SOURCES
    assert sources["unsc"] + sources["unga"] >= 4


def test_every_article_has_gold_manifest_entry_and_readme_row() -> None:
    articles = sorted(p.name for p in BLIND2.glob("*.txt"))
    assert articles == sorted(json.loads(g.read_text(encoding="utf-8"))["article"] for g in GOLDS)
    manifest = tomllib.loads((BLIND2 / "corpus.toml").read_text(encoding="utf-8"))
    assert sorted(manifest["articles"]) == articles
    # Only what a page's own header shows: no country, no attribution hints.
    assert all(set(entry) <= {"source", "date", "title"} for entry in manifest["articles"].values())
    readme = (BLIND2 / "README.md").read_text(encoding="utf-8")
    assert all(name[: -len(".txt")] in readme for name in articles)


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name[: -len(".gold.json")])
def test_statements_are_in_their_article(gold: Path) -> None:
    g = load_gold(gold)
    article = Path(g.article)
    assert article.name == gold.name.replace(".gold.json", ".txt")
    assert NAME_RE.match(article.name)
    flat = _squash(article.read_text(encoding="utf-8"))
    concepts = _concept_ids()
    codes = _codes()
    raw = json.loads(gold.read_text(encoding="utf-8"))["statements"]
    assert raw
    for s, st in zip(raw, g.statements):
        assert set(s) <= KEYS, s
        assert st.kind in KINDS
        for part in (st.text, st.text2):
            if part is not None:
                assert part == part.strip() and part
                assert _squash(part) in flat, part[:60]
        assert st.country is None or st.country in codes, st.country
        assert all(h in codes for h in st.holders or ()), st.holders
        assert st.country or st.holders is not None, "without a country, say whose position it is"
        assert not (st.speaker and st.speaker_org)
        assert set(st.concepts or ()) <= concepts
        assert len(set(st.concepts or ())) == len(st.concepts or ())
        assert all(v == "negated" and k in (st.concepts or ()) for k, v in st.polarity)


def check_manifest_and_readme(batch: Path) -> None:
    """A later batch's manifest and README list every article of ``batch``, and no more.

    The manifest holds only what a page's own header shows (source, date, title): no country
    and no attribution hints. The README names each article as a code span.
    """
    golds = sorted(batch.glob("*.gold.json"))
    articles = sorted(p.name for p in batch.glob("*.txt"))
    assert articles == sorted(json.loads(g.read_text(encoding="utf-8"))["article"] for g in golds)
    manifest = tomllib.loads((batch / "corpus.toml").read_text(encoding="utf-8"))["articles"]
    assert sorted(manifest) == articles
    assert {key for entry in manifest.values() for key in entry} <= {"source", "date", "title"}
    readme = (batch / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name.removesuffix('.txt')}`" in readme for name in articles)
