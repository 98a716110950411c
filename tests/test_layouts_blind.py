"""The blind third of the real-layout corpus (``fixtures/layouts/blind/``, issue 11).

The set measures how attribution generalizes, so these tests only keep it well-formed: every
gold file loads, every statement's text is in its article, concepts are lexicon ids, kinds
and keys are known, and the set keeps the size the issue asks for. Its README says what it is.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from positions._toml import tomllib
from positions.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[1]
BLIND = ROOT / "fixtures" / "layouts" / "blind"
LEXICON = ROOT / "positions" / "data" / "lexicons" / "korean_peninsula.toml"
GOLDS = sorted(BLIND.glob("*.gold.json"))
KINDS = frozenset({"direct", "reported", "mixed", "document"})
KEYS = frozenset({"text", "text2", "country", "speaker", "speaker_org", "kind", "holders", "concepts", "polarity"})
_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _concept_ids() -> frozenset[str]:
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    return frozenset(c["id"] for c in data["concepts"])


def test_size() -> None:
    assert len(GOLDS) == 14
    assert sum(len(load_gold(g).statements) for g in GOLDS) == 142


def test_every_article_has_gold_and_manifest_entry() -> None:
    articles = sorted(p.name for p in BLIND.glob("*.txt"))
    assert articles == sorted(json.loads(g.read_text(encoding="utf-8"))["article"] for g in GOLDS)
    manifest = tomllib.loads((BLIND / "corpus.toml").read_text(encoding="utf-8"))
    assert sorted(manifest["articles"]) == articles
    assert all("country" not in entry for entry in manifest["articles"].values())


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name[:-10])
def test_statements_are_in_their_article(gold: Path) -> None:
    g = load_gold(gold)
    article = _squash(Path(g.article).read_text(encoding="utf-8"))
    concepts = _concept_ids()
    raw = json.loads(gold.read_text(encoding="utf-8"))["statements"]
    for s, st in zip(raw, g.statements):
        assert set(s) <= KEYS
        assert st.kind in KINDS
        assert _squash(st.text) in article, st.text[:60]
        if st.text2:
            assert _squash(st.text2) in article, st.text2[:60]
        assert set(st.concepts or ()) <= concepts
        assert {k for k, _ in st.polarity} <= set(st.concepts or ())
        assert st.country or st.holders is not None, st.text[:60]
