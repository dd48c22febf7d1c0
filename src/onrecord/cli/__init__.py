"""The `onrecord` command: a thin layer over the library, one module per command group."""
from __future__ import annotations

import logging
import os
import sys

import click

from .. import __version__


def _version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The version, and which attribution model runs (the transformer or the linear fallback)."""
    if not value or ctx.resilient_parsing:
        return
    from ..attribution.transformer import model_name

    click.echo(f"onrecord, version {__version__}\nattribution model: {model_name()}")
    ctx.exit()


def user_message(exc: BaseException) -> str:
    """One line for an exception that ends a command: what went wrong, in the user's terms."""
    from ..errors import OnrecordError
    from ._options import lock_message

    message = lock_message(exc.__cause__ or exc)  # names the holder and says what to do
    if message:
        return message
    if isinstance(exc, OnrecordError):
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc}: {exc.filename}"
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first} (run `onrecord --debug ...` for the traceback)"


class OnrecordGroup(click.Group):
    """The top-level group: an exception in a command is one line and exit status 1, unless --debug."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # the reader went away (`onrecord ... | head`): stop quietly, as Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0) from None
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            raise click.ClickException(user_message(exc)) from None


@click.group(cls=OnrecordGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show the version and the attribution model, and exit.")
@click.option("--verbose", "-v", is_flag=True, help="Log warnings and details to stderr.")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an error (default: one line).")
def cli(verbose: bool, debug: bool) -> None:
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
