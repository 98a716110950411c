"""``positions lexicon``: check a lexicon file, or list a lexicon's concepts and patterns."""

from __future__ import annotations

import json
import os
from typing import Optional

import click

from ..lexicon import lexicon_problems, load_lexicon
from . import main
from ._options import bundled_lexicons, format_option, lexicon_option


@main.group()
def lexicon() -> None:
    """Check and show concept lexicons.

    \b
    Example:
        positions lexicon check korean_peninsula
        positions lexicon show
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
@format_option()
def show(lexicon_path: Optional[str], fmt: str) -> None:
    """List the concepts of a lexicon (default: the bundled one) with their patterns.

    \b
    Example:
        positions lexicon show
        positions lexicon show --lexicon my_lexicon.toml --format json
    """
    lex = load_lexicon(lexicon_path)
    if fmt == "json":
        data = {
            "id": lex.id,
            "title": lex.title,
            "version": lex.version,
            "scope": {
                "patterns": list(lex.scope.patterns),
                "sentences_before": lex.scope.sentences_before,
                "sentences_after": lex.scope.sentences_after,
                "lead": lex.scope.lead,
                "except": list(lex.scope.exceptions),
                "stop": list(lex.scope.stops),
                "self": {iso: list(ps) for iso, ps in lex.scope.self_names},
            },
            "concepts": [
                {
                    "id": c.id,
                    "label": c.label,
                    "description": c.description,
                    "patterns": list(c.patterns),
                    "supersedes": list(c.supersedes),
                    "except": list(c.exceptions),
                }
                for c in lex.concepts
            ],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
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
        lines.append("  " + " | ".join(c.patterns))
        if c.exceptions:
            lines.append("  except: " + " | ".join(c.exceptions))
    click.echo("\n".join(lines))
