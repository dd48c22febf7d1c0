"""Options shared by several commands, defined once; opening a store with one clear line on failure."""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

db_option = click.option("--db", "db", default="onrecord.duckdb", show_default=True,
                         type=click.Path(dir_okay=False), help="The DuckDB store file.")
workers_option = click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 256),
                              help="Analyse in N processes, one model each.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary on stderr.")
private_option = click.option("--allow-private", is_flag=True,
                              help="Let URLs reach loopback, private and link-local addresses.")

_LOCK = re.compile(r'Could not set lock on file "([^"]*)"(?:.*?\(PID (\d+)\))?', re.S)


def echo_err(message: str) -> None:
    click.echo(message, err=True)


def _command_of(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode("utf-8", "replace") for part in raw.split(b"\0") if part]


def lock_message(exc: BaseException, db: str | None = None) -> str | None:
    """One line saying who holds the store, when EXC is DuckDB's lock error; else None."""
    text = str(exc)
    m = _LOCK.search(text)
    if not m:
        return None
    db = db or m.group(1)
    pid = int(m.group(2)) if m.group(2) else None
    args = _command_of(pid) if pid else []
    if "serve" in args and any("onrecord" in a for a in args):
        if "--read-only" in args:
            return (f"{db} is in use by `onrecord serve --read-only` (pid {pid}): it can be read alongside it, "
                    "but not written; stop it to write")
        return f"{db} is in use by `onrecord serve` (pid {pid}); stop it or start it with --read-only"
    who = f"another process (pid {pid}{': ' + ' '.join(args)[:80] if args else ''})" if pid else "another process"
    return f"{db} is in use by {who}; stop it and try again"


def open_store(db: str, *, read_only: bool = True):  # noqa: ANN201 - a Store
    """The store at DB; a missing file is a usage error, a locked one a one-line error (exit 1)."""
    from ..store import Store

    if not Path(db).exists():
        raise click.UsageError(f"no store at {db}: run `onrecord ingest` first")
    try:
        return Store(db, read_only=read_only)
    except Exception as exc:
        message = lock_message(exc, db)
        if message:
            raise click.ClickException(message) from None
        raise


@contextmanager
def reading(db: str, *, record: bool = False) -> Iterator:
    """A read-only store; with `record`, one line on stderr when its record is stale or missing
    (the command answers from the tables it has: reads never rebuild)."""
    from ..service.queries import record_status

    with open_store(db) as store:
        if record:
            status = record_status(store, db)
            if status:
                echo_err(f"onrecord: {status}")
        yield store
