"""`onrecord serve`: the web view and JSON API over a store."""
from __future__ import annotations

from pathlib import Path

import click

from ._options import db_option, echo_err, private_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="ONRECORD_TOKEN", help="Require this token on every request "
              "(Authorization: Bearer TOKEN, or ?token= once). Also read from $ONRECORD_TOKEN.")
@click.option("--read-only", is_flag=True, help="Browse only: refuse to analyse-and-store (403).")
@private_option
def serve_cmd(db: str, host: str, port: int, token: str | None, read_only: bool, allow_private: bool) -> None:
    """Browse the record and analyse new articles in a web page, with a JSON API under /api/.

    Paste an article, upload a file or give a URL and see every source, cue and quote
    highlighted; browse articles, people, outlets, events and conflicts; download any table.

    \b
    Example:
        onrecord serve --db onrecord.duckdb
        onrecord serve --db onrecord.duckdb --host 0.0.0.0 --token "$(openssl rand -hex 16)" --read-only
    """
    import uvicorn

    from ..web.app import create_app, is_loopback

    if not is_loopback(host) and not token:
        raise click.UsageError(f"refusing to listen on {host} without --token: anyone who can reach it "
                               "could read the store and make it fetch URLs")
    if token is not None and len(token) < 8:
        raise click.UsageError("--token must be at least 8 characters")
    if read_only and not Path(db).exists():
        raise click.UsageError(f"no store at {db}: run `onrecord ingest` first, or drop --read-only")
    app = create_app(db, read_only=read_only, token=token, allow_private=allow_private,
                     allowed_hosts=[host])
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    echo_err(f"onrecord: serving {db}{' (read-only)' if read_only else ''} at {url}"
             + (f"?token={token}" if token else ""))
    echo_err("press Ctrl+C to stop")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
