"""The third blind batch of the real-layout corpus (``fixtures/layouts/blind3/``, issue 11).

The batch measures how attribution generalizes to wire and analysis copy its rules were not
written on, so these tests only keep it well-formed, never score it. Each gold file passes the
same honesty check as the second batch's (``test_layouts_blind2``: the article beside it,
every ``text``/``text2`` in that article whitespace-insensitively, known kinds, keys, concept
ids, polarity and country codes, a holder list where there is no country); the manifest and
the README list every article; and the batch keeps the size and the wire-weighted layout mix
its README states.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_layouts_blind2 import NAME_RE, check_manifest_and_readme
from test_layouts_blind2 import test_statements_are_in_their_article as check_gold

from positions.evaluate import load_gold

BLIND3 = Path(__file__).resolve().parents[1] / "fixtures" / "layouts" / "blind3"
GOLDS = sorted(BLIND3.glob("*.gold.json"))
# The batch is weighted to wire and analysis copy, the weakest layout when it was written.
WIRE = frozenset({"ap", "reuters", "afp", "yonhap", "news", "analysis"})
OTHERS = Counter({"unsc": 1, "unga": 1, "state": 1, "fmprc": 1, "joint": 1})


def _source(gold: Path) -> str:
    return NAME_RE.match(gold.name.replace(".gold.json", ".txt")).group(4)


def test_size_and_layouts() -> None:
    assert len(GOLDS) == 14
    statements = {g.name: load_gold(g).statements for g in GOLDS}
    assert sum(map(len, statements.values())) == 245
    sources = Counter(_source(g) for g in GOLDS)
    assert sum(n for s, n in sources.items() if s in WIRE) == 9
    assert sources - Counter({s: sources[s] for s in WIRE}) == OTHERS
    assert sum(len(statements[g.name]) for g in GOLDS if _source(g) in WIRE) == 179
    assert all(15 <= len(statements[g.name]) <= 25 for g in GOLDS if _source(g) in {"unsc", "unga"})
    assert [s.kind for sts in statements.values() for s in sts].count("document") == 1


def test_manifest_and_readme_list_every_article() -> None:
    check_manifest_and_readme(BLIND3)


@pytest.mark.parametrize("gold", GOLDS, ids=lambda p: p.name.removesuffix(".gold.json"))
def test_gold_is_honest(gold: Path) -> None:
    check_gold(gold)
