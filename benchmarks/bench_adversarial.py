"""Hostile input shapes of issue 13 at growing sizes: seconds per size and the growth exponent.

Each (shape, size) runs in its own subprocess with a time cap, so that a shape that is still
exponential or quadratic prints "> cap" and the script goes on; once a shape passes the cap,
its larger sizes are not run. The exponent is the least-squares slope of log(seconds) over
log(size) on the sizes that finished: 1 is linear, 2 quadratic.

    python benchmarks/bench_adversarial.py                     # 1, 2, 4, 8 MB, 60 s cap
    python benchmarks/bench_adversarial.py --mb 0.25 0.5 1 --cap 20
    python benchmarks/bench_adversarial.py --only curly --profile   # where the time goes

Sizes are in characters of the input (MB = 10**6 characters). The attribution shapes
(adverbial, told, prose15, subject, holders_gap, inverted) become linear only with the
attribution rewrite of issue 13; until then they print "> cap".
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's positions, not an installed one


def _article(text: str, name: str = "bench.txt", markdown: bool = False):
    from positions.sources.plain import text_article

    return text_article(name, text, year=2021, markdown=markdown)


def _analyze(text: str) -> Callable[[], object]:
    from positions.actors import default_gazetteer
    from positions.lexicon import load_lexicon
    from positions.pipeline import analyze

    article, lexicon, gazetteer = _article(text), load_lexicon(), default_gazetteer()
    return lambda: analyze(article, lexicon=lexicon, gazetteer=gazetteer)


def _fill(unit: str, n: int) -> str:
    return unit * max(1, n // len(unit))


# -- the shapes: each takes a size in characters and returns the step to time ------------------

_PROSE15 = (
    '"We are ready," Lavrov said in Moscow on Monday in an interview with TASS at the ministry '
    "after talks with the envoy during a visit to the capital before a meeting with reporters "
    "from the region over dinner through an interpreter via a video link in the evening with "
    "officials from Seoul, x. "
)


def shape_adverbial(n: int):
    """``ADVERBIAL_RE``: '"We are ready," Lavrov said in in in …, x.' (one sentence)."""
    return _analyze('"We are ready," Lavrov said' + _fill(" in", n) + ", x.")


def shape_prose15(n: int):
    """``ADVERBIAL_RE`` on natural prose: sentences with 15 prepositional phrases each."""
    return _analyze(_fill(_PROSE15, n))


def shape_told(n: int):
    """``_TOLD_RE``: 'Lavrov told aaaa…; that Russia is ready.'"""
    return _analyze("Lavrov told " + "a" * n + "; that Russia is ready.")


def shape_subject(n: int):
    """``_SUBJ_WORD_RE``: a subject of commas and 'the' before a cue."""
    return _analyze("Both" + _fill(" , the", n) + " 1 said that Moscow is ready.")


def shape_holders_gap(n: int):
    """Holders ``_GAP_RE``: white space and commas between two states before a cue."""
    return _analyze("Russia" + _fill(" ,  ", n) + "x and China said that they are ready.")


def shape_inverted(n: int):
    """``_INVERTED_CUT_RE``: an inverted cue ('said Lavrov') before a long run of spaces."""
    return _analyze('"We are ready," said Lavrov' + " " * n + "x.")


def shape_glob(n: int):
    """Lexicon glob ``a*a*a*a*a*a*a*a*b`` over one word of n letters (the matcher)."""
    from positions.lexicon import lexicon_from_patterns, match_concepts

    article, lexicon = _article("The word " + "a" * n + " stands alone."), lexicon_from_patterns(("a*a*a*a*a*a*a*a*b",))
    return lambda: match_concepts(article, lexicon)


def shape_heading(n: int):
    """Markdown heading ``# ###…x`` (the reader)."""
    text = "# " + "#" * n + "x\n\nTalks resumed.\n"
    return lambda: _article(text, "bench.md", markdown=True)


def shape_dates(n: int):
    """``_MY_RE``/``_DMY_RE``: a metadata date 'May' or '1 May' and n spaces before 'x'."""
    from positions.sources.dates import parse_date

    texts = ["May" + " " * n + "x", "1 May" + " " * n + "x"]

    def step() -> None:
        for t in texts:
            try:
                parse_date(t)
            except ValueError:
                pass

    return step


def shape_punkt(n: int):
    """The NLTK TimeoutError paragraph: '"We are ready," Lavrov said. ' repeated (view())."""
    from positions.text import view

    text = _fill('"We are ready," Lavrov said. ', n)
    return lambda: view(text)


def shape_initialisms(n: int):
    """Tokens of 'a.a.a.…ab' (the initialism alternative of the token pattern)."""
    from positions.text import token_spans

    text = _fill("a.", n) + "ab"
    return lambda: token_spans(text)


def shape_curly(n: int):
    """Opening curly quotes only: '“““…' (the whole analysis)."""
    return _analyze("\u201c" * n)


SHAPES: dict[str, Callable[[int], Callable[[], object]]] = {
    name[len("shape_"):]: fn for name, fn in sorted(globals().items()) if name.startswith("shape_")
}


def _one(name: str, size: int, profile: bool) -> None:
    import positions.attribution
    import positions.pipeline
    import positions.sources.plain  # noqa: F401

    step = SHAPES[name](size)
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        step()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    # a cheap step is called again until 0.2 s have passed: the time of one call
    calls, t = 0, time.perf_counter()
    while True:
        step()
        calls += 1
        spent = time.perf_counter() - t
        if spent >= 0.2:
            break
    print(f"{spent / calls:.6f}")


def _slope(points: list[tuple[float, float]]) -> float:
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 2, 4, 8], help="sizes in MB of characters")
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a single call may run")
    parser.add_argument("--only", nargs="+", choices=sorted(SHAPES), help="run these shapes only")
    parser.add_argument("--profile", action="store_true", help="cProfile the first size of each shape instead")
    parser.add_argument("--one", nargs=2, metavar=("SHAPE", "CHARS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        _one(args.one[0], int(args.one[1]), args.profile)
        return 0
    names = args.only or sorted(SHAPES)
    sizes = [int(mb * 1_000_000) for mb in args.mb]
    print(f"{'shape':<12}" + "".join(f"{mb:>10g} MB" for mb in args.mb) + "   exponent")
    for name in names:
        if args.profile:
            subprocess.run([sys.executable, __file__, "--profile", "--one", name, str(sizes[0])], cwd=ROOT)
            continue
        cells, points, capped = [], [], False
        for size in sizes:
            if capped:
                cells.append(f"> {args.cap:g} s")
                continue
            try:
                out = subprocess.run(
                    [sys.executable, __file__, "--one", name, str(size)],
                    cwd=ROOT, capture_output=True, text=True, timeout=args.cap,
                )
            except subprocess.TimeoutExpired:
                cells.append(f"> {args.cap:g} s")
                capped = True
                continue
            if out.returncode != 0:
                last = (out.stderr.strip().splitlines() or ["?"])[-1]
                cells.append("error")
                print(f"  {name} at {size:,}: {last}", file=sys.stderr)
                capped = True
                continue
            seconds = float(out.stdout.strip().splitlines()[-1])
            points.append((size, seconds))
            cells.append(f"{seconds:.2f} s" if seconds >= 0.01 else f"{seconds * 1000:.2f} ms")
        exponent = f"{_slope(points):.2f}" if len(points) >= 2 else "-"
        print(f"{name:<12}" + "".join(f"{c:>13}" for c in cells) + f"   {exponent}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
