"""The fuzz targets of positions: each takes bytes and either returns, raises a
:class:`~positions.errors.PositionsError` (a clear refusal of bad input), or has found a bug.

Every other exception, and every broken invariant (a span outside its text, engines that
disagree), is a crash. The atheris scripts beside this file (``fuzz_readers.py`` …) drive
these with coverage feedback; ``test_fuzz_smoke.py`` runs a few hundred hypothesis examples
of each under pytest.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable

from positions.errors import PositionsError

_DIR = tempfile.mkdtemp(prefix="positions-fuzz-")
_KINDS = ("a.txt", "a.md", "a.jsonl", "a.csv", "RUS_74_2019.txt", "b.txt")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _check_article(article) -> None:
    assert 0 <= article.body.start <= article.body.end <= len(article.text), article.body


def _clean_dir() -> str:
    for name in os.listdir(_DIR):
        os.remove(os.path.join(_DIR, name))
    return _DIR


def readers(data: bytes) -> None:
    """One file of a kind chosen by the first byte (text, Markdown, JSONL, CSV, UNGDC, or a
    text with a ``corpus.toml`` made of the bytes before the first NUL), read both ways."""
    from positions.sources import iter_articles, read_article

    if not data:
        return
    kind = _KINDS[data[0] % len(_KINDS)]
    body = data[1:]
    folder = _clean_dir()
    if kind == "b.txt":
        manifest, _, body = body.partition(b"\x00")
        with open(os.path.join(folder, "corpus.toml"), "wb") as fh:
            fh.write(manifest)
    path = os.path.join(folder, kind)
    with open(path, "wb") as fh:
        fh.write(body)
    errors: list[tuple[str, PositionsError]] = []
    try:
        for article in iter_articles([folder], on_error=lambda p, e: errors.append((p, e))):
            _check_article(article)
    except PositionsError:
        pass
    for _, exc in errors:
        assert isinstance(exc, PositionsError) and "\n" not in str(exc).strip(), exc
    if not kind.endswith((".jsonl", ".csv")):
        try:
            _check_article(read_article(path, year=2021))
        except PositionsError:
            pass


def analysis(data: bytes) -> None:
    """The text read as a plain article (year 2021), then the whole analysis."""
    from positions.pipeline import analyze
    from positions.sources.plain import text_article

    text = _text(data)
    try:
        article = text_article("fuzz.txt", text, year=2021, markdown=text.startswith("#"))
        result = analyze(article)
    except PositionsError:
        return
    n = len(article.text)
    for st in result.statements:
        for part in st.parts or (st.span,):
            assert 0 <= part.start <= part.end <= n, part
    for m in result.markers:
        assert 0 <= m.span.start <= m.span.end <= n, m.span


def diff(data: bytes) -> None:
    """Two texts (split at the first 0xFF byte, else in half) diffed by every engine: the
    engines agree and each operation's spans hold its text."""
    from positions.diff import available_engines, diff_passages, diff_texts

    if b"\xff" in data:
        x, _, y = data.partition(b"\xff")
    else:
        x, y = data[: len(data) // 2], data[len(data) // 2 :]
    a, b = _text(x), _text(y)
    results = {e: diff_texts(a, b, engine=e) for e in available_engines()}
    first = next(iter(results.values()))
    assert all(r == first for r in results.values()), "engines disagree"
    for op in first.ops:
        side, span = (a, op.old) if op.op != "+" else (b, op.new)
        assert span.slice(side) == op.text, op
    passages = {e: diff_passages(a, b, engine=e) for e in available_engines()}
    p0 = next(iter(passages.values()))
    assert all(r == p0 for r in passages.values()), "engines disagree on passages"


_SAMPLE = None


def lexicon(data: bytes) -> None:
    """The bytes as a lexicon file: either one clear problem per line, or a lexicon that
    matches a sample article."""
    global _SAMPLE
    from positions.lexicon import match_concepts
    from positions.lexicon.load import _load_cached, lexicon_problems
    from positions.sources import bundled_corpus, read_article

    path = os.path.join(_clean_dir(), "fuzz.toml")
    with open(path, "wb") as fh:
        fh.write(data)
    try:
        problems = lexicon_problems(path)
    except PositionsError:
        return
    for p in problems:
        assert p.startswith(path) and "\n" not in p, p
    if problems:
        return
    lex = _load_cached.__wrapped__(path)
    if _SAMPLE is None:
        _SAMPLE = read_article(bundled_corpus()[0] / "000_1792fb935fd71937.txt")
    for m in match_concepts(_SAMPLE, lex):
        assert 0 <= m.span.start <= m.span.end <= len(_SAMPLE.text)


TARGETS: dict[str, Callable[[bytes], None]] = {
    "readers": readers,
    "analysis": analysis,
    "diff": diff,
    "lexicon": lexicon,
}


_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def seeds(name: str) -> list[bytes]:
    """Starting inputs for a target, from the repository's own fixtures and test data."""
    import glob

    def files(pattern: str) -> list[bytes]:
        out = []
        for p in sorted(glob.glob(os.path.join(_ROOT, pattern), recursive=True))[:40]:
            with open(p, "rb") as fh:
                out.append(fh.read()[:4000])
        return out

    texts = files("fixtures/korea/*.txt") + files("fixtures/korea/*.md") + files("seeds/*.txt")
    if name == "readers":
        out = [bytes([k]) + t for k in (0, 1, 4) for t in texts[:10]]
        out += [bytes([k]) + t for k in (2, 3) for t in files("tests/data/sources/**/*.*")]
        out += [b"\x05" + m + b"\x00" + t for m in files("fixtures/korea/corpus.toml") for t in texts[:5]]
        return out
    if name == "analysis":
        return texts
    if name == "diff":
        return [a + b"\xff" + b for a, b in zip(texts, texts[1:])]
    if name == "lexicon":
        return files("positions/data/lexicons/*.toml") + files("tests/data/lexicons/*.toml")
    raise KeyError(name)


def write_seeds(name: str, folder: str) -> None:
    """Fill an empty corpus directory with :func:`seeds` (atheris then grows it)."""
    if os.path.isdir(folder) and not os.listdir(folder):
        for k, data in enumerate(seeds(name)):
            with open(os.path.join(folder, f"seed-{k:03d}"), "wb") as fh:
                fh.write(data)


def fuzz_main(name: str) -> None:
    """Run one target under atheris (the body of each ``fuzz_<name>.py``).

    With ``POSITIONS_FUZZ_LAST=FILE`` each input is written to FILE before it runs, so that
    an input stuck inside the regex engine (where no Python-level timeout can stop it, and
    atheris writes no ``timeout-*`` file) can still be found: kill the run and read FILE.
    """
    import sys

    import atheris

    target = TARGETS[name]
    last = os.environ.get("POSITIONS_FUZZ_LAST")

    def one(data: bytes) -> None:
        if last:
            with open(last, "wb") as fh:
                fh.write(data)
        target(data)

    for arg in sys.argv[1:]:
        if not arg.startswith("-"):
            write_seeds(name, arg)  # an empty corpus directory starts from the fixtures
    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
