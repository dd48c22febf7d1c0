"""Options shared by several commands, defined once."""
from __future__ import annotations

import click

db_option = click.option("--db", "db", default="onrecord.duckdb", show_default=True,
                         type=click.Path(dir_okay=False), help="The DuckDB store file.")
workers_option = click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 256),
                              help="Analyse in N processes, one model each.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
private_option = click.option("--allow-private", is_flag=True,
                              help="Let URLs reach loopback, private and link-local addresses.")


def echo_err(message: str) -> None:
    click.echo(message, err=True)
