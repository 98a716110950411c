"""``positions eval``: score extraction against gold annotations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

import click

from . import main
from ._corpus import path_shower
from ._options import FORMATS_DATA, actors_option, encoding_option, format_option, lexicon_option, year_option


def _pct(value: Optional[float]) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _line(name: str, r: dict[str, Any]) -> str:
    st = r["statements"]
    c = r["concepts"]
    concepts = "-" if c is None else f"P {_pct(c['precision'])} R {_pct(c['recall'])} F1 {_pct(c['f1'])}"
    return (
        f"{name}\n"
        f"  statements  P {_pct(st['precision'])}  R {_pct(st['recall'])}  F1 {_pct(st['f1'])}"
        f"  ({st['matched']} matched, {st['predicted']} found, {st['gold']} in gold)\n"
        f"  country     {_pct(r['country_accuracy'])} ({r['country'][0]}/{r['country'][1]})\n"
        f"  holders     {_pct(r['holders_accuracy'])} ({r['holders'][0]}/{r['holders'][1]})\n"
        f"  concepts    {concepts}"
    )


def render_text(result: dict[str, Any], *, details: bool = False) -> str:
    lines = [_line(f"overall ({result['articles']} articles)", result)]
    for a in result["per_article"]:
        lines.append("")
        lines.append(_line(a["gold"], a))
        if details:
            for m in a["missed"]:
                lines.append(f"    missed:   {m[:100]}")
            for m in a["spurious"]:
                lines.append(f"    spurious: {m[:100]}")
            for e in a["errors"]:
                lines.append(f"    {e['field']}: expected {e['expected']}, got {e['got']} — {e['gold'][:60]}")
    return "\n".join(lines)


@main.command(name="eval")
@click.argument("gold", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--bundled", is_flag=True, help="Score against the gold of the bundled sample corpus (55 articles).")
@format_option(FORMATS_DATA)
@lexicon_option
@actors_option
@year_option
@encoding_option
@click.option("--details", is_flag=True, help="List missed and spurious statements and wrong attributions.")
def eval_(gold: tuple[str, ...], bundled: bool, fmt: str, lexicon_path: Optional[str], actors_paths: tuple[str, ...],
          year: Optional[int], encoding: str, details: bool) -> None:  # fmt: skip
    """Score statement extraction against GOLD annotation files (or --bundled).

    Prints statement precision/recall/F1 (Jaccard >= 0.5 of word sets, one-to-one),
    speaker-country and holders accuracy, and concept precision/recall/F1 over the matched
    statements, overall and per article. A gold file names its article relative to itself
    (docs/guide.md describes the format).

    \b
    Example:
        positions eval --bundled
        positions eval --bundled --details --format json
        positions eval my_gold/*.gold.json
    """
    from ..actors import load_gazetteer
    from ..evaluate import evaluate
    from ..sources import bundled_corpus, bundled_gold

    if bundled == bool(gold):
        raise click.UsageError("give GOLD files or --bundled (the gold of the bundled sample corpus)")
    roots: list[str] = []
    if bundled:
        gold = tuple(str(p) for p in bundled_gold())
        if not gold:
            raise click.UsageError("no bundled gold found in this installation")
        roots = [str(Path(gold[0]).parent), *(str(p) for p in bundled_corpus())]  # gold/..., korea/...
    lexicon = None
    if lexicon_path:
        from ..lexicon import load_lexicon

        lexicon = load_lexicon(lexicon_path)
    result = evaluate(gold, lexicon=lexicon, gazetteer=load_gazetteer(actors_paths), year=year, encoding=encoding)
    show = path_shower(roots)
    for a in result["per_article"]:
        a["gold"], a["article"] = show(a["gold"]), show(os.path.normpath(a["article"]))
    if fmt != "text":  # the table positions.eval/1 (docs/formats.md)
        from ..render.tables import EVAL_COLUMNS, eval_rows
        from ..render.writers import write_records

        click.echo(write_records(eval_rows(result), fmt, columns=EVAL_COLUMNS), nl=False)
    else:
        click.echo(render_text(result, details=details))
