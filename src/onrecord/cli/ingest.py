"""`onrecord ingest` and `onrecord export`: into and out of the DuckDB store."""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from ..run.local import Progress
from ..settings import DEFAULT
from ._options import db_option, echo_err, private_option, quiet_option


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--no-db", is_flag=True, help="Do not load the DuckDB store (with --parquet).")
@click.option("--parquet", "parquet", type=click.Path(file_okay=False),
              help="Also write Parquet tables, partitioned by publication date, into this folder.")
@click.option("--workers", "-w", type=click.IntRange(1, 4096), default=None,
              help="Analyse in N processes (or Ray actors), one model each.  [default: every core; "
                   "with --address, every CPU of the cluster]")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: processes on this machine; ray: a Ray cluster (pip install 'onrecord[ray]').")
@click.option("--address", default=None, metavar="ADDR",
              help="Ray cluster address (host:6379, ray://host:10001 or auto); default: start Ray here.")
@click.option("--resume", is_flag=True, help="Skip articles already stored (after an interrupted run).")
@click.option("--batch", default=64, show_default=True, type=click.IntRange(1), help="Articles per transaction.")
@click.option("--part-size", default=5000, show_default=True, type=click.IntRange(1),
              help="Articles per Parquet commit (one file per table and date).")
@quiet_option
@private_option
def ingest_cmd(paths: tuple[str, ...], db: str, no_db: bool, parquet: str | None, workers: int | None,
               engine: str, address: str | None, resume: bool, batch: int, part_size: int, quiet: bool,
               allow_private: bool) -> None:
    """Analyse articles and store them in a DuckDB file and/or partitioned Parquet.

    Inputs are text, HTML, JSONL, WARC and Parquet files, folders and URLs. Re-ingesting an
    article (same URL, or same text when it has none) replaces it: no duplicates. Failed
    articles go to the `errors` table with the reason, and the run goes on. After an
    interrupted run, the same command with --resume ends with exactly a clean run's records.

    \b
    Example:
        onrecord ingest ../shared/data/voa/voa_stories.jsonl --db voa.duckdb --workers 2
        onrecord ingest cc-news/*.warc.gz --parquet out/ --no-db --resume
        onrecord ingest cc-news/ --engine ray --address auto --parquet out/
    """
    from ..service.jobs import ingest

    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    if no_db and not parquet:
        raise click.UsageError("--no-db needs --parquet: there would be nothing to write")
    if engine == "ray":
        from ..run.ray import RayMissingError, require_ray

        try:
            require_ray()
        except RayMissingError as exc:
            raise click.ClickException(str(exc)) from exc
    settings = replace(DEFAULT, allow_private=allow_private)
    with Progress(enabled=None if not quiet else False, label="ingesting") as progress:
        summary = ingest(paths, db=None if no_db else db, parquet=parquet, engine=engine, workers=workers,
                         address=address, resume=resume, batch=batch, part_articles=part_size,
                         settings=settings, on_record=progress.advance,
                         on_phase=None if quiet else (lambda words: echo_err(f"onrecord: {words}")),
                         on_record_progress=lambda done, total: progress.update(done, total, label="recording"))
    if not quiet:
        where = " and ".join(summary.outputs)
        skipped = f", {summary.skipped} already stored" if resume else ""
        totals = (f" ({summary.store_articles} articles, {summary.store_errors} errors in the store)"
                  if summary.store_articles is not None else "")
        echo_err(f"stored {summary.ok} of {summary.analysed} articles in {where}{skipped}{totals}")
    if summary.readable == 0 and summary.skipped == 0:  # non-zero only when nothing at all could be read
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
