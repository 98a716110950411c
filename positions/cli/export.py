"""``positions export``: a store's analyses out as Parquet, CSV or JSON Lines."""

from __future__ import annotations

import click

from . import main
from ._progress import progress, quiet_option


@main.command()
@click.argument("out", type=click.Path(path_type=str))
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="SQLite store made by `positions ingest`.")  # fmt: skip
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), default="parquet",
              show_default=True, help="A Parquet dataset, or three CSV / JSON Lines tables.")  # fmt: skip
@quiet_option
def export(out: str, db_path: str, fmt: str, quiet: bool) -> None:
    """Write the articles, statements and markers of the store --db to OUT.

    parquet: OUT is a Parquet dataset partitioned by year and actor, as `positions ingest
    --dataset` writes it (read it with --dataset, DuckDB, pandas or polars); exporting again
    into it rewrites only the files that changed. csv, jsonl: OUT is a new directory with
    articles, statements and markers files, one row per record, lists as JSON in CSV.
    Parquet needs the optional extra: pip install "positions[dask]".

    \b
    Example:
        positions export --db corpus.db ds/
        positions export --db corpus.db --format csv tables/

    \b
    Then, with DuckDB's own shell:
        duckdb -c "SELECT actor, count(*) FROM 'ds/statements/*/*/*.parquet' GROUP BY 1"
    """
    from ..dataset.export import export_store

    with progress("export", quiet=quiet) as bar:
        result = export_store(db_path, out, fmt=fmt, progress=bar.callback if bar.visible else None)
    skipped = f", {result.skipped} unchanged" if result.skipped else ""
    click.echo(f"{out}: {result.files} files{skipped}: {result.articles} articles, {result.statements} statements,"
               f" {result.markers} markers ({fmt})")  # fmt: skip
