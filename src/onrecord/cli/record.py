"""The story record over the store: `people`, `person`, `conflicts`, `claim`, and `rebuild`.

The read commands answer through `onrecord.service.queries`, the same functions as the web.
They never build or write the record: `onrecord ingest` rebuilds it after each ingest, and
`onrecord rebuild` does so on demand; a stale or missing record is said in one line on stderr.
"""
from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Any

import click

from ._options import db_option, echo_err, open_store, reading

format_option = click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text",
                             show_default=True, help="text for people, jsonl for scripts.")


def _open_record(db: str):  # noqa: ANN202 - a context manager giving a read-only Store
    return reading(db, record=True)


def _emit(rows: list[dict[str, Any]], fmt: str, render: Callable[[list[dict[str, Any]]], None]) -> None:
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        render(rows)


def _clip(text: str, n: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _q(text: str, n: int = 220) -> str:
    """Clipped text in quotation marks, unless it already is (never “"…"”)."""
    text = _clip(text, n)
    return text if text[:1] in "\"“‘'" and text[-1:] in "\"”’'…" else f"“{text}”"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _one_person(store, name: str) -> dict[str, Any]:  # noqa: ANN001
    from ..service.queries import find_people

    hits = [p for p in find_people(store, name) if p["type"] == "PERSON"] or find_people(store, name)
    if not hits:
        raise click.UsageError(f"nobody called {name!r} in the store (try `onrecord people`)")
    if len(hits) > 1:
        echo_err(f"{len(hits)} people match {name!r}: showing {hits[0]['name']} "
                 f"({hits[0]['person_id']}); also " + ", ".join(f"{p['name']} ({p['person_id']})" for p in hits[1:]))
    return hits[0]


@click.command("people")
@db_option
@click.option("--all", "all_types", is_flag=True, help="Organisations and places too, not only people.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(0), help="At most N (0: all).")
@format_option
def people_cmd(db: str, all_types: bool, limit: int, fmt: str) -> None:
    """List the people in the store, linked across articles, with their counts.

    One line per person: articles they appear in, mentions, statements they made and
    conflicts they are part of; most covered first. The id is stable across runs.

    \b
    Example:
        onrecord people --db onrecord.duckdb
        onrecord people --db onrecord.duckdb --all --format jsonl
    """
    from ..service.queries import load_people

    kinds = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") if all_types else ("PERSON",)
    with _open_record(db) as store:
        rows = load_people(store, kinds=kinds)
    rows = rows[:limit] if limit else rows

    def render(rows: list[dict[str, Any]]) -> None:
        if not rows:
            click.echo("no people in the store")
            return
        click.echo(f"{'person':<32} {'articles':>8} {'mentions':>8} {'claims':>6} {'conflicts':>9}  id")
        for r in rows:
            name = r["name"] if r["type"] == "PERSON" else f"{r['name']} [{r['type']}]"
            click.echo(f"{_clip(name, 32):<32} {r['n_articles']:>8} {r['n_mentions']:>8} {r['n_claims']:>6} "
                       f"{r['n_conflicts']:>9}  {r['person_id']}")

    _emit(rows, fmt, render)


@click.command("person")
@click.argument("name")
@db_option
@format_option
def person_cmd(name: str, db: str, fmt: str) -> None:
    """What one person said, did and contradicted, in date order.

    NAME is a full name, an alias or a surname ("Sessions"); when several people match, the
    most covered is shown and the others are named on stderr. Three parts: their statements
    (with the chain of sources that carried them), the events they took part in (as actor or
    recipient), and the conflicts they are part of.

    \b
    Example:
        onrecord person "Jeff Sessions" --db onrecord.duckdb
        onrecord person Sessions --db onrecord.duckdb --format jsonl
    """
    from ..service.queries import load_claims, load_conflicts, load_events, name_forms

    with _open_record(db) as store:
        person = _one_person(store, name)
        pid = person["person_id"]
        statements = load_claims(store, person_id=pid, role="claimant")
        events = load_events(store, pid)
        conflicts = load_conflicts(store, pid)
        forms = name_forms(store, pid)

    if fmt == "jsonl":
        click.echo(json.dumps({"person": person, "name_forms": forms, "statements": statements, "events": events,
                               "conflicts": conflicts}, ensure_ascii=False, default=str))
        return
    click.echo(f"{person['name']} ({pid}): {_n(person['n_articles'], 'article')}, "
               f"{_n(person['n_mentions'], 'mention')}"
               + (f"; also {', '.join(a for a in person['aliases'] if a != person['name'])}"
                  if len(person["aliases"]) > 1 else ""))
    if forms:
        click.echo(textwrap.fill("Named as: " + ", ".join(dict.fromkeys(forms)), width=100, subsequent_indent="  "))
    click.echo(f"\nStatements ({len(statements)}):")
    for c in statements:
        chain = " → ".join(c["chain"])
        click.echo(textwrap.fill(f"  {c['published'] or '?'} [{c['article_id']}] {c['polarity']}: "
                                 f"{_q(c['text'])}  (via {chain})", width=100, subsequent_indent="      "))
    click.echo(f"\nEvents ({len(events)}):")
    for e in events:
        others = ", ".join(p.get("text", "") for p in (e["recipient"] if "actor" in e["role"] else e["actor"]))
        click.echo(textwrap.fill(f"  {e['date'] or (e['published'] or '?')[:10]} [{e['article_id']}] {e['type']} "
                                 f"({e['role']}{', negated' if e['negated'] else ''}) {e['trigger_text']}"
                                 + (f" — {others}" if others else "") + f": {_clip(e['sentence_text'], 160)}",
                                 width=100, subsequent_indent="      "))
    click.echo(f"\nConflicts ({len(conflicts)}):")
    for d in conflicts:
        _echo_conflict(d)


@click.command("conflicts")
@db_option
@click.option("--person", help="Only conflicts about this person (a name, surname or person id).")
@click.option("--limit", default=0, type=click.IntRange(0), help="At most N (0: all).")
@format_option
def conflicts_cmd(db: str, person: str | None, limit: int, fmt: str) -> None:
    """Where accounts disagree: denials against reports, clashing accounts, people who changed
    their story. Strongest first.

    jsonl gives one contract line per conflict (id, kind, score, about, a and b with article,
    span, text, claimant, attribution, event); spans index the article's text as in
    `onrecord extract`. Ids are ranks over the whole store, also with --person.

    \b
    Example:
        onrecord conflicts --db onrecord.duckdb
        onrecord conflicts --db onrecord.duckdb --person "Jeff Sessions" --format jsonl
    """
    from ..service.queries import load_conflicts

    with _open_record(db) as store:
        rows = load_conflicts(store, person)
    rows = rows[:limit] if limit else rows

    def render(rows: list[dict[str, Any]]) -> None:
        if not rows:
            click.echo("no conflicts" + (f" about {person}" if person else ""))
        for d in rows:
            _echo_conflict(d)

    _emit(rows, fmt, render)


def _echo_conflict(d: dict[str, Any]) -> None:
    click.echo(f"{d['id']} {d['kind']} {d['score']:.2f} — about {', '.join(d['about'])}")
    for side in ("a", "b"):
        s = d[side]
        when = f" {s['date']}" if s.get("date") else ""
        click.echo(textwrap.fill(f"  {side}: {s['claimant']} [{s['article']}{when} {s['span']}] "
                                 f"{_q(s['text'])}", width=100, subsequent_indent="       "))
    if d.get("why"):
        click.echo(textwrap.fill("  why: " + "; ".join(d["why"]), width=100, subsequent_indent="       "))
    if d.get("also"):
        click.echo(f"  also in: {', '.join(sorted({x['article'] for x in d['also']}))}")


@click.command("claim")
@click.argument("text")
@db_option
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1), help="At most N hits.")
@format_option
def claim_cmd(text: str, db: str, limit: int, fmt: str) -> None:
    """Check a claim against the store: which statements and articles support it, dispute it or
    merely discuss it, each with its evidence span.

    Stored statements are read by the stance model (FNC-1 labels); a stored denial of the
    claimed thing always counts as disputing it. Articles without statements are read whole.
    The candidates are those sharing the claim's words in the store's full-text index (as on
    the web's /claim page).

    \b
    Example:
        onrecord claim "Sessions discussed the campaign with Kislyak" --db onrecord.duckdb
        onrecord claim "12 people were arrested" --db onrecord.duckdb --format jsonl
    """
    from ..service.queries import claim_search

    with _open_record(db) as store:
        found = claim_search(store, text, limit=limit)
    rows = [{k: v for k, v in r.items() if k != "title"} for r in found["rows"]]

    def render(rows: list[dict[str, Any]]) -> None:
        if not rows:
            click.echo("nothing in the store addresses this claim")
            return
        counts = found["counts"]
        click.echo(f"“{text}”: {counts['supports']} support, {counts['disputes']} dispute, "
                   f"{counts['discusses']} discuss")
        for r in rows:
            who = f"{r['claimant']}: " if r["claimant"] else "(article) "
            click.echo(textwrap.fill(f"  {r['verdict']:<9} {r['score']:.2f} [{r['article']} {r['span']}] "
                                     f"{who}{_q(r['text'])}", width=100, subsequent_indent="       "))

    _emit(rows, fmt, render)


@click.command("rebuild")
@db_option
@click.option("--no-stance", is_flag=True, help="Find conflicts without the stance model (faster).")
def rebuild_cmd(db: str, no_stance: bool) -> None:
    """Rebuild the record (people, claims, conflicts, the search index) from the stored articles.

    `onrecord ingest` does this after every ingest; run it when a read command says the
    record is out of date (a store written by another version, or by hand).

    \b
    Example:
        onrecord rebuild --db onrecord.duckdb
    """
    from ..service.record import rebuild_record

    with open_store(db, read_only=False) as store:
        done = rebuild_record(store, use_stance=not no_stance)
    echo_err(f"onrecord: record rebuilt in {db}: {done.people} people, {done.claims} claims, "
             f"{done.conflicts} conflicts")


def register(cli: click.Group) -> None:
    """Add the record commands to the `onrecord` group."""
    for command in (people_cmd, person_cmd, conflicts_cmd, claim_cmd, rebuild_cmd):
        cli.add_command(command)
