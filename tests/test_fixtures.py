"""The sample corpus (``fixtures/korea/``) and its gold annotations (``fixtures/gold/``).

These tests keep the corpus honest: every gold statement is found in its article, every
concept is one of the bundled lexicon's, every country is one we use, every article has a
date the readers can resolve, and the corpus meets the counts of the sample-corpus issue.
The annotation guidelines are in ``fixtures/korea/README.md``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from positions._toml import tomllib

ROOT = Path(__file__).resolve().parents[1]
KOREA = ROOT / "fixtures" / "korea"
GOLD = ROOT / "fixtures" / "gold"
SEEDS = ROOT / "seeds"
LEXICON = ROOT / "positions" / "data" / "lexicons" / "korean_peninsula.toml"

SEED_NAME = "000_1792fb935fd71937"
COUNTRIES = frozenset({"CHN", "JPN", "KOR", "PRK", "RUS", "USA"})
KINDS = frozenset({"direct", "reported", "mixed", "document"})
STATEMENT_KEYS = frozenset(
    {"text", "text2", "country", "speaker", "speaker_org", "kind", "holders", "concepts", "polarity"}
)
NOT_ARTICLES = frozenset({"corpus.toml", "README.md"})

# A file is named ``YYYY-MM-DD-<format>-<topic>.<ext>``; <format> is the outlet or layout
# (wire service, briefing transcript, joint statement, ministry statement...). Formats are
# counted from these names; the ones the issue asks for by name must all be present.
NAME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-([a-z]+)-[a-z0-9-]+\.(txt|md)$")
REQUIRED_FORMATS = frozenset(
    {"tass", "xinhua", "yonhap", "kcna", "kyodo", "reuters", "briefing", "joint"}
)

# Datelines of the wire formats in the corpus. A dateline with a day and month and no year
# takes its year from the manifest; one with no date at all needs a manifest ``date``.
DATELINE_DAY_RE = re.compile(
    r"^[A-Z][A-Z .'-]+, (?:[A-Z][a-z]+\.?) \d{1,2}(?:, (\d{4}))?(?:\. /TASS/\.| \((?:Xinhua|Yonhap|KCNA)\) --)"
)
DATELINE_UNDATED_RE = re.compile(r"^[A-Z][A-Z .'-]+(?:, Kyodo --| \(Reuters\) -)")
FRONT_MATTER_DATE_RE = re.compile(r"^---\n(?:.*\n)*?date: (\d{4}-\d{2}-\d{2})\n(?:.*\n)*?---\n")


def squash(text: str) -> str:
    """Whitespace-insensitive form: runs of whitespace become one space."""
    return " ".join(text.split())


def article_files() -> list[Path]:
    return sorted(p for p in KOREA.iterdir() if p.is_file() and p.name not in NOT_ARTICLES)


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.gold.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def manifest() -> dict:
    return tomllib.loads((KOREA / "corpus.toml").read_text(encoding="utf-8"))


def lexicon_ids() -> frozenset[str]:
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    return frozenset(c["id"] for c in data["concepts"])


def all_statements() -> list[tuple[Path, dict]]:
    return [(g, s) for g in gold_files() for s in load_gold(g)["statements"]]


@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.name)
def test_gold_file_is_well_formed(gold: Path) -> None:
    data = load_gold(gold)
    assert set(data) == {"article", "statements"}
    article = (gold.parent / data["article"]).resolve()
    assert article.is_file(), f"{gold.name}: article {data['article']} not found"
    assert gold.name == f"{article.stem}.gold.json"
    ids = lexicon_ids()
    for i, s in enumerate(data["statements"]):
        where = f"{gold.name} statement {i}"
        assert set(s) <= STATEMENT_KEYS, f"{where}: unknown keys {set(s) - STATEMENT_KEYS}"
        assert isinstance(s["text"], str) and s["text"].strip(), where
        assert s.get("kind", "direct") in KINDS, where
        if "country" in s:
            assert s["country"] in COUNTRIES, where
        holders = s.get("holders", [s.get("country")] if "country" in s else [])
        assert all(h in COUNTRIES for h in holders), where
        assert len(set(holders)) == len(holders), f"{where}: repeated holder"
        concepts = s.get("concepts", [])
        assert all(c in ids for c in concepts), f"{where}: unknown concept in {concepts}"
        assert len(set(concepts)) == len(concepts), f"{where}: repeated concept"
        for cid, value in s.get("polarity", {}).items():
            assert cid in ids and cid in concepts, f"{where}: polarity for {cid!r}"
            assert value == "negated", f"{where}: only negated concepts are listed"


@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.name)
def test_gold_text_is_in_article(gold: Path) -> None:
    data = load_gold(gold)
    article = (gold.parent / data["article"]).read_text(encoding="utf-8")
    body = squash(article)
    for i, s in enumerate(data["statements"]):
        for key in ("text", "text2"):
            if key in s:
                assert squash(s[key]) in body, f"{gold.name} statement {i}: {key} not in article"
        if "text2" in s:
            first = body.index(squash(s["text"]))
            assert squash(s["text2"]) in body[first:], f"{gold.name} statement {i}: text2 before text"


def test_every_article_has_gold_and_every_gold_an_article() -> None:
    korea_gold = {g.name for g in gold_files() if g.name != f"{SEED_NAME}.gold.json"}
    assert korea_gold == {f"{p.stem}.gold.json" for p in article_files()}
    for g in gold_files():
        if g.name != f"{SEED_NAME}.gold.json":
            article = load_gold(g)["article"]
            assert article.startswith("../korea/") and (GOLD / article).is_file(), g.name


def test_statements_do_not_overlap() -> None:
    """Two gold statements never claim the same words of an article."""
    for gold in gold_files():
        data = load_gold(gold)
        article = (gold.parent / data["article"]).read_text(encoding="utf-8")
        taken: list[tuple[int, int]] = []
        for s in data["statements"]:
            for key in ("text", "text2"):
                if key in s:
                    start = article.find(s[key])
                    if start < 0:  # found only whitespace-insensitively: checked above
                        continue
                    span = (start, start + len(s[key]))
                    assert all(span[1] <= a or b <= span[0] for a, b in taken), (
                        f"{gold.name}: {s[key][:40]!r} overlaps another statement"
                    )
                    taken.append(span)


def test_manifest_names_only_existing_files() -> None:
    data = manifest()
    assert set(data) <= {"defaults", "articles"}
    names = {p.name for p in article_files()}
    assert set(data["articles"]) <= names
    assert set(data["articles"]) == names, "every article has a manifest entry"


@pytest.mark.parametrize("path", article_files(), ids=lambda p: p.name)
def test_article_name_and_date(path: Path) -> None:
    """The date in the file name is the one the readers can resolve from the file."""
    m = NAME_RE.match(path.name)
    assert m, f"{path.name}: not YYYY-MM-DD-<format>-<topic>.txt|md"
    name_date = "-".join(m.group(1, 2, 3))
    text = path.read_text(encoding="utf-8")
    meta = manifest()["articles"].get(path.name, {})
    if path.suffix == ".md":
        fm = FRONT_MATTER_DATE_RE.match(text)
        assert fm, f"{path.name}: front matter without a full date"
        assert fm.group(1) == name_date
        return
    assert "\r" not in text and "\n\n" not in text.strip(), "wire style: one paragraph a line"
    if "date" in meta:
        assert str(meta["date"]) == name_date
        return
    line = text.split("\n", 1)[0]
    dl = DATELINE_DAY_RE.match(line)
    assert dl, f"{path.name}: no dated dateline and no manifest date"
    year = dl.group(1) or meta.get("year")
    assert year is not None, f"{path.name}: dateline without a year and no manifest year"
    assert int(year) == int(m.group(1))


def test_undated_datelines_have_manifest_dates() -> None:
    for path in article_files():
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        if DATELINE_UNDATED_RE.match(first):
            assert "date" in manifest()["articles"][path.name], path.name


def test_readers_resolve_every_date() -> None:
    """Cross-check with the readers, once they exist."""
    sources = pytest.importorskip("positions.sources")
    if not hasattr(sources, "iter_articles"):
        pytest.skip("positions.sources.iter_articles is not written yet")
    articles = list(sources.iter_articles([KOREA]))
    assert len(articles) == len(article_files())
    for a in articles:
        name = Path(a.path).name
        assert a.date is not None, name
        assert a.date.iso() == name[:10], name


def test_corpus_meets_the_issue_counts() -> None:
    arts = article_files()
    assert len(arts) >= 40
    formats = Counter(NAME_RE.match(p.name).group(4) for p in arts)
    assert len(formats) >= 8, formats
    assert REQUIRED_FORMATS <= set(formats), REQUIRED_FORMATS - set(formats)
    assert any(p.suffix == ".md" for p in arts), "some articles carry YAML front matter"
    years = {int(p.name[:4]) for p in arts}
    assert max(years) - min(years) >= 15
    statements = all_statements()
    assert len(statements) >= 150
    assert {s["country"] for _, s in statements if "country" in s} == COUNTRIES
    # Every country speaks in at least four different years, so that its wording can shift.
    for country in sorted(COUNTRIES):
        yrs = {
            load_gold(g)["article"].split("/")[-1][:4]
            for g, s in statements
            if s.get("country") == country and not g.name.startswith(SEED_NAME)
        }
        assert len(yrs) >= 4, f"{country} speaks only in {sorted(yrs)}"


def test_russia_and_china_have_long_series() -> None:
    for country in ("RUS", "CHN"):
        yrs = {
            load_gold(g)["article"].split("/")[-1][:4]
            for g, s in all_statements()
            if country in s.get("holders", [s.get("country")]) and not g.name.startswith(SEED_NAME)
        }
        assert len(yrs) >= 10, f"{country}: {sorted(yrs)}"


def test_seed_gold_points_at_the_seed() -> None:
    data = load_gold(GOLD / f"{SEED_NAME}.gold.json")
    assert data["article"] == f"../../seeds/{SEED_NAME}.txt"
    assert (GOLD / data["article"]).resolve() == (SEEDS / f"{SEED_NAME}.txt").resolve()


def test_seed_gold_matches_shared_gold(shared: Path) -> None:
    path = shared / "gold" / f"{SEED_NAME}.gold.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    ours = load_gold(GOLD / f"{SEED_NAME}.gold.json")
    theirs = json.loads(path.read_text(encoding="utf-8"))
    assert ours["statements"] == theirs["statements"]
    assert set(ours) == set(theirs)
