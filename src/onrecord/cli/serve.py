"""`onrecord serve`: the web view and JSON API over a store."""
from __future__ import annotations

import socket
from pathlib import Path

import click

from ._options import db_option, echo_err, lock_message, private_option


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on HOST:PORT, or a one-line error saying why not (before anything is opened)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        reason = "the port is in use" if exc.errno in (98, 48) else (exc.strerror or str(exc))
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}; choose another with --port") from None
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="ONRECORD_TOKEN", help="Require this token on every request "
              "(Authorization: Bearer TOKEN, or ?token= once). Also read from $ONRECORD_TOKEN.")
@click.option("--read-only", is_flag=True, help="Browse only: refuse to analyse-and-store (403); "
              "other onrecord commands can read the store meanwhile.")
@click.option("--create", is_flag=True, help="Create an empty store when --db names none.")
@private_option
def serve_cmd(db: str, host: str, port: int, token: str | None, read_only: bool, create: bool,
              allow_private: bool) -> None:
    """Browse the record and analyse new articles in a web page, with a JSON API under /api/.

    Search statements, claims and articles; check a claim; open a person with their
    statements, events and conflicts; paste an article, upload a file or give a URL and see
    every source, cue and quote highlighted; download any table.

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
    if not Path(db).exists() and (read_only or not create):
        raise click.UsageError(f"no store at {db}: run `onrecord ingest` first"
                               + ("" if read_only else ", or pass --create for an empty one"))
    sock = bind(host, port)  # first: a busy port fails before any store is opened or created
    try:
        app = create_app(db, read_only=read_only, token=token, allow_private=allow_private,
                         allowed_hosts=[host], create=create)
    except Exception as exc:
        sock.close()
        message = lock_message(exc, db)
        if message:
            raise click.ClickException(message) from None
        raise
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    echo_err(f"onrecord: serving {db}{' (read-only)' if read_only else ''} at {url}"
             + (f"?token={token}" if token else ""))
    echo_err("press Ctrl+C to stop")
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", server_header=False))
    server.run(sockets=[sock])


def register(cli: click.Group) -> None:
    cli.add_command(serve_cmd)
