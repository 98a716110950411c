"""The fourth blind batch of the real-layout corpus (``fixtures/layouts/blind4/``, issue 11).

The batch measures how attribution generalizes to wire and analysis copy in house styles its
rules were not written on (a markets story, an explainer with subheads, Kyodo, Yonhap, Xinhua
and TASS items, a think-tank commentary with block quotes, a newspaper Q&A, a podcast
transcript), so these tests only keep it well-formed, never score it. Each gold file passes the
same honesty check as the second batch's (``test_layouts_blind2``: the article beside it, every
``text``/``text2`` in that article whitespace-insensitively, known kinds, keys, concept ids,
polarity and country codes, a holder list where there is no country); the manifest and the
README list every article; and the batch keeps the size and the wire-weighted layout mix its
README states.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_layouts_blind2 import NAME_RE, check_manifest_and_readme
from test_layouts_blind2 import test_statements_are_in_their_article as check_gold

from positions.evaluate import load_gold

BLIND4 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "blind4"
GOLDS = sorted(BLIND4.glob("*.gold.json"))
# Weighted to wire and analysis copy, the weakest layout when the batch was written.
WIRE = frozenset({"news", "kyodo", "yonhap", "xinhua", "tass", "analysis"})
OTHERS = Counter({"unsc": 1, "kremlin": 1, "whitehouse": 1, "kcna": 1})


def _source(gold: Path) -> str:
    return NAME_RE.match(gold.name.replace(".gold.json", ".txt")).group(4)


def test_size_and_layouts() -> None:
    assert len(GOLDS) == 13
    statements = {g.name: load_gold(g).statements for g in GOLDS}
    assert sum(map(len, statements.values())) == 152
    sources = Counter(_source(g) for g in GOLDS)
    assert sum(n for s, n in sources.items() if s in WIRE) == 9
    assert sources - Counter({s: sources[s] for s in WIRE}) == OTHERS
    assert sum(len(statements[g.name]) for g in GOLDS if _source(g) in WIRE) == 118
    assert all(15 <= len(statements[g.name]) <= 25 for g in GOLDS if _source(g) == "unsc")
    assert [s.kind for sts in statements.values() for s in sts].count("document") == 2


def test_manifest_and_readme_list_every_article() -> None:
    check_manifest_and_readme(BLIND4)


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_gold_is_honest(gold: Path) -> None:
    check_gold(gold)
