"""Questions to the store: `show`, `quotes`, `sources`, `events`."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ._options import db_option


def _open(db: str):  # noqa: ANN202
    from ..store import Store

    if not Path(db).exists():
        raise click.UsageError(f"no store at {db}: run `onrecord ingest` first")
    return Store(db, read_only=True)


def _emit(rows: list[dict], fmt: str, render) -> None:  # noqa: ANN001
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        render(rows)


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
    from ..summary import summarise

    with _open(db) as store:
        where, params = ("id = ?", [article]) if article else ("", [])
        records = list(store.records(where=where, params=params))
        if not records:
            raise click.UsageError(f"no article {article!r} in {db}" if article else f"{db} holds no articles")
        click.echo(summarise(records, width=width, conflicts=_stored_conflicts(store, records)))


def _stored_conflicts(store, records) -> list[dict] | None:  # noqa: ANN001
    """Conflicts touching these articles, from the tables `ingest` keeps; None when there are none yet."""
    from ..service.queries import load_conflicts
    from ..store.record_tables import is_stale

    try:
        if is_stale(store):
            return None  # summarise() then finds them over the shown records
        ids = {r.id for r in records}
        return [c for c in load_conflicts(store) if c["a"]["article"] in ids or c["b"]["article"] in ids]
    except Exception:  # a store written before the record tables existed
        return None


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
    with _open(db) as store:
        rows = store.query(
            """SELECT published, article_id, outlet, speaker_name, speaker_type, kind, cue_text, content_text
               FROM attributions WHERE speaker_name ILIKE ? OR speaker_name ILIKE ?
               ORDER BY published NULLS LAST, article_id, attribution_id""",
            [speaker, f"% {speaker}"])

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
    with _open(db) as store:
        if by == "outlet":
            rows = store.query(
                """SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS attributions,
                          count(*) FILTER (WHERE speaker_type = 'anonymous') AS anonymous,
                          round(count(*) FILTER (WHERE speaker_type = 'anonymous') / count(*), 3) AS anonymous_share,
                          count(DISTINCT article_key) AS articles
                   FROM attributions GROUP BY 1 ORDER BY anonymous_share DESC, attributions DESC""")
            header = ["outlet", "articles", "attributions", "anonymous", "anonymous_share"]
        elif by == "speaker-type":
            rows = store.query("""SELECT speaker_type, count(*) AS attributions FROM attributions
                                  GROUP BY 1 ORDER BY 2 DESC""")
            header = ["speaker_type", "attributions"]
        else:
            rows = store.query("""SELECT speaker_name, speaker_type, count(*) AS attributions,
                                         count(DISTINCT article_key) AS articles
                                  FROM attributions WHERE speaker_name IS NOT NULL
                                  GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 50""")
            header = ["speaker_name", "speaker_type", "attributions", "articles"]
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

    An actor filter matches the actor or the recipient (country code or name).

    \b
    Example:
        onrecord events --db onrecord.duckdb --actor RUS --type CONSULT --since 2016-01-01
    """
    clauses, params = [], []
    if actor:
        clauses.append("(e.actor_country = ? OR e.recipient_country = ? OR e.actor_name ILIKE ? "
                       "OR e.recipient_name ILIKE ?)")
        params += [actor.upper(), actor.upper(), f"%{actor}%", f"%{actor}%"]
    if type_:
        clauses.append("e.type = ?")
        params.append(type_.upper())
    # An event dated "2016" or "2016-03" counts from the start to the end of that period.
    when = "coalesce(e.date, substr(a.published, 1, 10))"
    if since:
        clauses.append(f"{when} || substr('-12-31', length({when}) - 3) >= ?")
        params.append(since)
    if until:
        clauses.append(f"{when} <= ?")
        params.append(until)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    with _open(db) as store:
        rows = store.query(
            f"""SELECT e.date, e.type, e.cameo, e.actor_name, e.actor_country, e.actor_sector, e.trigger_text,
                       e.recipient_name, e.recipient_country, e.recipient_sector, e.location, e.negated,
                       e.article_id
                FROM events e JOIN (SELECT key, published FROM articles) a ON a.key = e.article_key
                {where} ORDER BY e.date NULLS LAST, e.article_id, e.event_id""", params)
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
