"""``positions lexicon``: check a lexicon file, or list a lexicon's concepts and patterns."""

from __future__ import annotations

import os
from typing import Any, Iterator, Optional, cast

import attrs
import click

from ..errors import SourceError
from ..lexicon import lexicon_problems, load_lexicon
from ..lexicon.suggest import suggest_wordings, suggestions_toml
from ..model import Article
from ..render.terminal import printable
from ..sources import bundled_corpus, iter_articles
from . import main
from ._corpus import Failures, path_shower
from ._options import FORMATS_DATA, bundled_lexicons, concept_callback, format_option, lexicon_option, year_option


def printable_block(text: str) -> str:
    """Each line of ``text`` with its control characters escaped."""
    return "\n".join(printable(line) for line in text.split("\n"))


@main.group()
def lexicon() -> None:
    """Check and show concept lexicons.

    \b
    Example:
        positions lexicon check korean_peninsula
        positions lexicon show
        positions lexicon suggest phased speeches/
    """


@lexicon.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=str))
def check(path: str) -> None:
    """Validate the lexicon at PATH (or a bundled one by name): every problem is printed as
    FILE:LINE: message.

    Checks TOML syntax, unknown keys, missing or duplicate concept ids, empty patterns,
    patterns that can never match, over-long patterns and duplicate patterns. Exit status
    is 1 when there is any problem.

    \b
    Example:
        positions lexicon check korean_peninsula
        positions lexicon check my_lexicon.toml
    """
    given = path
    if not os.path.exists(path) and path in bundled_lexicons():
        path = bundled_lexicons()[path]
    problems = lexicon_problems(path)
    if problems:
        for p in problems:
            click.echo(f"positions: {p}", err=True)
        raise SystemExit(1)
    lex = load_lexicon(path)
    n = sum(len(c.patterns) for c in lex.concepts)
    click.echo(f"{given}: ok ({len(lex.concepts)} concepts, {n} patterns, {len(lex.scope.patterns)} scope patterns)")


@lexicon.command()
@lexicon_option
@format_option(FORMATS_DATA)
def show(lexicon_path: Optional[str], fmt: str) -> None:
    """List the concepts of a lexicon (default: the bundled one) with their patterns.

    \b
    Example:
        positions lexicon show
        positions lexicon show --lexicon my_lexicon.toml --format json
    """
    lex = load_lexicon(lexicon_path)
    if fmt != "text":  # the table positions.lexicon/1 (docs/formats.md)
        from ..render.tables import LEXICON_COLUMNS, lexicon_rows
        from ..render.writers import write_records

        click.echo(write_records(lexicon_rows(lex), fmt, columns=LEXICON_COLUMNS), nl=False)
        return
    lines = [f"{lex.title} ({lex.id} {lex.version}): {len(lex.concepts)} concepts"]
    if lex.scope.patterns:
        lines.append("scope: " + " | ".join(lex.scope.patterns))
    for c in lex.concepts:
        lines.append("")
        lines.append(f"{c.id}: {c.label}")
        if c.description:
            lines.append(f"  {c.description}")
        if c.supersedes:
            lines.append(f"  supersedes: {', '.join(c.supersedes)}")
        if c.patterns:
            lines.append("  " + " | ".join(c.patterns))
        if c.exceptions:
            lines.append("  except: " + " | ".join(c.exceptions))
        if c.opposed_by:
            lines.append(f"  opposed by: {', '.join(c.opposed_by)} (their own documents name it to reject it)")
        for f in c.frames:
            order = "predicate first" if f.ordered else "either order"
            actors = f", actor {' or '.join(f.actors)} named in the clause" if f.actors else ""
            lines.append(f"  frame {f.name!r} ({order}, up to {f.window} words apart{actors}):")
            lines.append("    predicates: " + " | ".join(f.predicates))
            lines.append("    objects: " + " | ".join(f.objects))
            if f.exceptions:
                lines.append("    except: " + " | ".join(f.exceptions))
    click.echo("\n".join(lines))


@lexicon.command()
@click.argument("concept", callback=concept_callback(stored_analyses=False))
@click.argument("corpus", nargs=-1, type=click.Path(path_type=str), metavar="[CORPUS]...")
@lexicon_option
@click.option("--top", type=click.IntRange(1, 500), default=20, show_default=True, help="How many candidates.")
@click.option("--min-count", type=click.IntRange(1, 1000), default=3, show_default=True,
              help="Fewest occurrences for a candidate.")  # fmt: skip
@click.option("--examples", type=click.IntRange(0, 20), default=2, show_default=True,
              help="Keyword-in-context lines per candidate.")  # fmt: skip
@year_option
def suggest(concept: str, corpus: tuple[str, ...], lexicon_path: Optional[str], top: int, min_count: int,
            examples: int, year: Optional[int]) -> None:  # fmt: skip
    """Candidate new wordings for CONCEPT from CORPUS, printed as TOML to review and paste.

    Phrases that stand in the sentences holding the concept's known wordings more often than
    elsewhere in the issue's passages, and word-order and insertion variants of its patterns,
    ranked, each with its counts and keyword-in-context lines as comments. With no CORPUS,
    the bundled sample corpus.

    \b
    Example:
        positions lexicon suggest phased speeches/
        positions lexicon suggest sanctions_relief --top 10 --min-count 2
    """
    lex = load_lexicon(lexicon_path)
    paths: list[Any] = list(corpus) or list(bundled_corpus())
    if not paths:
        raise SourceError("no CORPUS given and no bundled sample corpus found")
    report = Failures()
    counted: list[int] = [0]

    # the bundled corpus shown as korea/..., seeds/... wherever it is installed
    show = path_shower([] if corpus else [str(p) for p in paths], relative=False)

    def articles() -> Iterator[Article]:
        for a in iter_articles(paths, year=year, on_error=report):
            counted[0] += 1
            yield attrs.evolve(a, path=cast(str, show(a.path)))  # a path in, a path out

    found = suggest_wordings(articles(), lex, concept, top=top, min_count=min_count, examples=examples)
    click.echo(printable_block(suggestions_toml(concept, found, articles=counted[0])))
    if report.count:
        raise SystemExit(1)
