"""The `onrecord` command: a thin layer over the library, one module per command group."""
from __future__ import annotations

import logging

import click

from .. import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="onrecord")
@click.option("--verbose", "-v", is_flag=True, help="Log warnings and details to stderr.")
def cli(verbose: bool) -> None:
    """onrecord: who said what, who did what with whom, and where the accounts disagree.

    \b
    Example:
        onrecord extract article.txt > article.jsonl
        onrecord ingest news/ --db onrecord.duckdb
        onrecord show --db onrecord.duckdb
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.ERROR, format="%(levelname)s %(name)s: %(message)s")


def _register() -> None:
    from . import eval as eval_cmds
    from . import extract, ingest, query, record, serve

    cli.add_command(extract.extract_cmd)
    cli.add_command(ingest.ingest_cmd)
    cli.add_command(ingest.export_cmd)
    cli.add_command(query.show_cmd)
    cli.add_command(query.quotes_cmd)
    cli.add_command(query.sources_cmd)
    cli.add_command(query.events_cmd)
    cli.add_command(eval_cmds.eval_group)
    record.register(cli)
    serve.register(cli)


_register()


def main() -> None:
    cli(prog_name="onrecord")
