"""Where the data shipped with positions lies: the sample corpus and its gold annotations.

Installed from a wheel they are package data under ``positions/_corpus`` (the repository's
layout: ``seeds/``, ``fixtures/korea/``, ``fixtures/gold/``); in a source tree they are the
tree's own folders. This module only locates them (it imports nothing of the package), so the
readers and the renderers (which show bundled paths as ``korea/...``) can both use it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["bundled_corpus", "bundled_gold"]


def _bundled_root() -> Path:
    """Where the bundled data lies: ``positions/_corpus`` in an installed wheel (the
    repository's layout: ``seeds/``, ``fixtures/korea/``, ``fixtures/gold/``), else the root
    of the source tree."""
    package = Path(__file__).resolve().parent
    packaged = package / "_corpus"
    return packaged if packaged.is_dir() else package.parent


def bundled_corpus() -> list[Path]:
    """The sample corpus shipped with positions: the seed and the Korean Peninsula series.

    Found as package data (``positions/_corpus/seeds`` and ``positions/_corpus/fixtures/korea``)
    in an installed wheel, else as ``seeds/`` and ``fixtures/korea/`` of the source tree.

    >>> [p.name for p in bundled_corpus()]
    ['seeds', 'korea']
    """
    root = _bundled_root()
    return [c for c in (root / "seeds", root / "fixtures" / "korea") if c.is_dir()]


def bundled_gold() -> list[Path]:
    """The gold annotation files of the bundled corpus (``positions eval --bundled``), in
    name order; each names its article relative to itself, installed or not.

    >>> len(bundled_gold()), bundled_gold()[0].name
    (55, '000_1792fb935fd71937.gold.json')
    """
    gold = _bundled_root() / "fixtures" / "gold"
    return sorted(gold.glob("*.gold.json")) if gold.is_dir() else []
