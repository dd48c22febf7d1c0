"""The `onrecord` command: a thin layer over the library, one module per command group."""
from __future__ import annotations

import logging

import click

from .. import __version__


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The version, and which attribution model runs (the transformer or the linear fallback)."""
    if not value or ctx.resilient_parsing:
        return
    from ..attribution.transformer import model_name

    click.echo(f"onrecord, version {__version__}\nattribution model: {model_name()}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and the attribution model, and exit.")
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
    try:
        cli(prog_name="onrecord")
    except Exception as exc:
        from ._options import lock_message

        message = lock_message(exc)  # a store held by `onrecord serve`: one line, not a traceback
        if message is None:
            raise
        click.echo(f"Error: {message}", err=True)
        raise SystemExit(1) from None
