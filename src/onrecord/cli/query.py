"""Questions to the store: `show`, `quotes`, `sources`, `events`; answered by `service.queries`."""
from __future__ import annotations

import json

import click

from ._options import db_option, reading


def _emit(rows: list[dict], fmt: str, render) -> None:  # noqa: ANN001
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        render(rows)


def _all():  # noqa: ANN202 - every row: the CLI prints whole answers
    from ..service.queries import EXPORT_LIMIT, Paging

    return Paging(1, EXPORT_LIMIT)


format_option = click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
                             show_default=True, help="text for people, jsonl for scripts.")


@click.command("show")
@db_option
@click.option("--article", help="Only this article id.")
@click.option("--width", default=100, show_default=True, help="Wrap text at this width.")
def show_cmd(db: str, article: str | None, width: int) -> None:
    """Print a readable summary of stored articles: entities, who said what, events, conflicts.

    \b
    Example:
        onrecord show --db onrecord.duckdb --article presstv-sessions-kislyak
    """
    from ..service.queries import conflicts
    from ..summary import summarise

    with reading(db, record=True) as store:
        where, params = ("id = ?", [article]) if article else ("", [])
        records = list(store.records(where=where, params=params))
        if not records:
            raise click.UsageError(f"no article {article!r} in {db}" if article else f"{db} holds no articles")
        ids = {r.id for r in records}
        # The stored conflicts touching these articles (none are computed here).
        try:
            touching = [c for c in conflicts(store, paging=_all())["rows"]
                        if c["a"]["article"] in ids or c["b"]["article"] in ids]
        except Exception:  # noqa: BLE001 - a store from before the record tables: articles only
            touching = []
        click.echo(summarise(records, width=width, conflicts=touching))


@click.command("quotes")
@db_option
@click.option("--speaker", required=True, help="A name as it appears, e.g. \"Jeff Sessions\" or \"Sessions\".")
@format_option
def quotes_cmd(db: str, speaker: str, fmt: str) -> None:
    """Everything a person was reported to say, oldest first.

    \b
    Example:
        onrecord quotes --speaker "Jeff Sessions" --db onrecord.duckdb
    """
    from ..service.queries import quotes

    with reading(db) as store:
        rows = quotes(store, speaker)

    def render(rows: list[dict]) -> None:
        if not rows:
            click.echo(f"no statements by {speaker}")
        for r in rows:
            where = " · ".join(x for x in (r["published"], r["outlet"], r["article_id"]) if x)
            click.echo(f"{r['speaker_name']} ({r['kind']}, {r['cue_text']}) [{where}]\n    {r['content_text']}\n")

    _emit(rows, fmt, render)


@click.command("sources")
@db_option
@click.option("--by", "by", type=click.Choice(["outlet", "speaker-type", "speaker"]), default="outlet",
              show_default=True)
@format_option
def sources_cmd(db: str, by: str, fmt: str) -> None:
    """Who the record relies on: the share of anonymous sources per outlet, or the most quoted speakers.

    \b
    Example:
        onrecord sources --by outlet --db onrecord.duckdb
    """
    from ..service.queries import sources

    with reading(db) as store:
        rows, header = sources(store, by)
    _emit(rows, fmt, lambda rows: _table(rows, header))


@click.command("events")
@db_option
@click.option("--actor", help="Actor country code (RUS) or name fragment.")
@click.option("--type", "type_", help="PLOVER type, e.g. CONSULT.")
@click.option("--since", help="Event date on or after (YYYY-MM-DD).")
@click.option("--until", help="Event date on or before (YYYY-MM-DD).")
@format_option
def events_cmd(db: str, actor: str | None, type_: str | None, since: str | None, until: str | None, fmt: str) -> None:
    """List stored events, filtered by actor, type and date.

    An actor filter matches the actor or the recipient (country code or name). The date is the
    event's own, else its article's; one of month or year precision counts over its whole period.
    The same query as the web's /events, so both give the same rows.

    \b
    Example:
        onrecord events --db onrecord.duckdb --actor RUS --type CONSULT --since 2016-01-01
    """
    from ..ingest.dates import parse_date
    from ..service.queries import events

    bounds = {}
    for name, value in (("--since", since), ("--until", until)):
        parsed = parse_date(value, check_range=False) if value else None
        if parsed is not None and parsed.iso is None:
            raise click.BadParameter(f"{value!r} is not a date ({parsed.problem})", param_hint=name)
        bounds[name] = parsed.iso if parsed else None
    with reading(db) as store:
        rows = events(store, type=type_, actor=actor, date_from=bounds["--since"], date_to=bounds["--until"],
                      sort="date", paging=_all(), chart=False)["rows"]
    _emit(rows, fmt, lambda rows: _table(rows, ["date", "type", "cameo", "actor_name", "actor_country",
                                                "trigger_text", "recipient_name", "recipient_country",
                                                "location", "negated", "article_id"]))


def _table(rows: list[dict], header: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*header, show_lines=False)
    for r in rows:
        table.add_row(*("" if r.get(h) is None else str(r.get(h)) for h in header))
    Console(width=160).print(table)
