"""`onrecord ingest` and `onrecord export`: into and out of the DuckDB store."""
from __future__ import annotations

import sys
from dataclasses import replace
from itertools import islice
from pathlib import Path

import click

from ..ingest import read
from ..runner import Progress, run
from ..settings import DEFAULT
from ._options import db_option, echo_err, private_option, quiet_option, workers_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@workers_option
@click.option("--resume", is_flag=True, help="Skip articles already stored (after an interrupted run).")
@click.option("--batch", default=64, show_default=True, help="Articles per transaction.")
@quiet_option
@private_option
def ingest_cmd(paths: tuple[str, ...], db: str, workers: int, resume: bool, batch: int, quiet: bool,
               allow_private: bool) -> None:
    """Analyse articles and store them in a DuckDB file.

    Re-ingesting an article (same URL, or same text when it has none) replaces it: no
    duplicates. Failed articles are stored in the `errors` table with the reason.

    \b
    Example:
        onrecord ingest ../shared/data/voa/voa_stories.jsonl --db voa.duckdb --workers 2
    """
    from ..store import Store, article_key

    settings = replace(DEFAULT, allow_private=allow_private)
    with Store(db) as store:
        articles = read(paths, settings=settings)
        if resume:
            done = store.keys()
            articles = (a for a in articles if a.errors or article_key(a) not in done)
        n = ok = readable = 0
        with Progress(enabled=None if not quiet else False, label="ingesting") as progress:
            records = run(articles, workers=workers, settings=settings)
            while chunk := list(islice(records, batch)):
                store.write(chunk)
                for r in chunk:
                    progress.advance(r)
                n += len(chunk)
                ok += sum(bool(r.text) and not r.errors for r in chunk)
                readable += sum(bool(r.text) for r in chunk)
        if not quiet:
            echo_err(f"stored {ok} of {n} articles in {db} "
                     f"({store.count('articles')} articles, {store.count('errors')} errors in the store)")
    if readable == 0:  # non-zero only when nothing at all could be read
        sys.exit(1)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "gdelt"]), default="jsonl",
              show_default=True)
@click.option("--table", type=click.Choice(["articles", "entities", "mentions", "attributions", "events", "errors"]),
              help="For csv/parquet: one table (default: all, into a folder).")
@click.option("--output", "-o", type=click.Path(), help="File (jsonl, gdelt, one table) or folder; default stdout/export/.")
def export_cmd(db: str, fmt: str, table: str | None, output: str | None) -> None:
    """Write the stored record back out.

    jsonl gives the contract's lines; csv and parquet give the tables; gdelt gives a
    tab-separated file with GDELT 2.0 event columns.

    \b
    Example:
        onrecord export --db onrecord.duckdb --format jsonl > record.jsonl
        onrecord export --db onrecord.duckdb --format parquet --output export/
    """
    from ..store import Store
    from ..store.export import export

    if not Path(db).exists():
        raise click.UsageError(f"no store at {db}: run `onrecord ingest` first")
    with Store(db, read_only=True) as store:
        n = export(store, fmt=fmt, table=table, output=output)
    echo_err(f"exported {n} rows")
