"""``positions extract``: the statements of articles, who made them and whose position they state."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

import click

from ..errors import LexiconError, PositionsError
from ..model import Article, Statement
from ..render.tables import STATEMENT_COLUMNS, statement_rows
from ..render.terminal import printable
from ..render.writers import write_records
from . import main
from ._corpus import Failures, echo_warnings, nothing_found
from ._options import (
    FORMATS_DATA,
    actors_option,
    encoding_option,
    format_option,
    lexicon_option,
    name_option,
    year_option,
)
from ._progress import count_files, progress, quiet_option, shown

if TYPE_CHECKING:
    from ..actors import Gazetteer

_FIRST_WORDS = 60


def _analyzer(lexicon_path: Optional[str], gazetteer: Gazetteer) -> Callable[[Article], Sequence[Statement]]:
    """Statements with markers when a lexicon is usable; without markers (and a warning)
    when the bundled one is not, so extraction never depends on the lexicon stage."""
    from ..attribution import extract_statements

    try:
        from ..lexicon import load_lexicon
        from ..pipeline import analyze
    except ImportError:  # pragma: no cover - the lexicon stage is part of the package
        return lambda a: extract_statements(a, gazetteer=gazetteer)
    try:
        lexicon = load_lexicon(lexicon_path) if lexicon_path else load_lexicon()
    except LexiconError:
        if lexicon_path:
            raise
        click.echo("positions: warning: the bundled lexicon is not usable; statements have no markers", err=True)
        return lambda a: extract_statements(a, gazetteer=gazetteer)
    return lambda a: analyze(a, lexicon=lexicon, gazetteer=gazetteer).statements


def _row(article: Article, st: Statement) -> list[str]:
    words = " ".join(st.text.split())
    if len(words) > _FIRST_WORDS:
        words = words[: _FIRST_WORDS - 1].rstrip() + "…"
    page = article.page_of(st.span.start)
    if page is not None:
        words = f"(p. {page}) {words}"
    cells = [
        st.speaker.label() if st.speaker else "?",
        st.country or "-",
        ",".join(st.holders) or "-",
        st.kind,
        words,
    ]
    return [printable(c) for c in cells]  # no escape sequence from the text reaches the terminal


def _table(rows: list[tuple[str, list[str]]]) -> str:
    head = ["speaker", "country", "holders", "kind", "text"]
    lines = []
    cells = [head] + [r for _, r in rows]
    widths = [min(28, max(len(c[i]) for c in cells)) for i in range(4)]
    current = None
    for path, r in rows:
        if path != current:
            if current is not None:
                lines.append("")
            lines.append(path)
            lines.append("  " + "  ".join(h.ljust(widths[i]) for i, h in enumerate(head[:4])) + "  " + head[4])
            current = path
        fixed = [(c if len(c) <= widths[i] else c[: widths[i] - 1] + "…").ljust(widths[i]) for i, c in enumerate(r[:4])]
        lines.append(("  " + "  ".join(fixed) + "  " + r[4]).rstrip())
    return "\n".join(lines)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@format_option(FORMATS_DATA)
@lexicon_option
@actors_option
@year_option
@encoding_option
@name_option
@quiet_option
def extract(files: tuple[str, ...], fmt: str, lexicon_path: Optional[str], actors_paths: tuple[str, ...], year: Optional[int],
            stdin_name: Optional[str], encoding: str, quiet: bool) -> None:  # fmt: skip
    """Find the statements in FILES: speaker, country, holders, kind and text.

    A file that cannot be read is reported on stderr and the rest are read. No date is
    needed: an undated article is read (its warning on stderr). '-' reads one article from
    stdin (--name gives its file name). A statement from a PDF shows its page ("p. 4").
    A progress bar goes to stderr on a terminal (not in a pipe, nor with --quiet).

    \b
    Example:
        positions extract statement.txt
        positions extract --format json corpus/*.txt
        positions extract S-PV.8353.pdf
    """
    from ..actors import load_gazetteer
    from ..sources import iter_articles

    gazetteer = load_gazetteer(actors_paths)
    run = _analyzer(lexicon_path, gazetteer)
    on_error = Failures()  # one line per bad file or article; exit 1 at the end

    if stdin_name is not None and "-" not in files:
        raise click.UsageError("--name names the article read from '-' (stdin); give '-' with it")
    records: list[dict[str, Any]] = []
    rows: list[tuple[str, list[str]]] = []
    read = 0
    total = count_files(files) if shown(quiet) else None
    with progress("extract", total, quiet=quiet) as bar:
        for article in bar.over(iter_articles(list(files), year=year, on_error=on_error, name=stdin_name,
                                              encoding=encoding)):  # fmt: skip
            read += 1
            echo_warnings(article)
            try:
                statements = run(article)
            except PositionsError as exc:  # one bad article is reported; the others go on
                on_error(article.path, exc)
                continue
            if fmt != "text":
                records += statement_rows([(article, statements)])
                continue
            for st in statements:
                rows.append((printable(article.path), _row(article, st)))
    if fmt != "text":  # the table positions.extract/1 (docs/formats.md)
        click.echo(write_records(records, fmt, columns=STATEMENT_COLUMNS), nl=False)
    elif rows:
        click.echo(_table(rows))
    if not records and not rows:
        nothing_found(
            f"no statements found in {read} article(s); extract finds quotes, reported speech"
            " (\"X said that ...\") and transcripts; try --actors-file for speakers it does not know"
        )
    if on_error.count:
        raise SystemExit(1)
