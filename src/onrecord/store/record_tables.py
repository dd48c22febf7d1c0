"""Writing the story record's tables: people, their links, claims and conflicts.

The record is derived data (`onrecord.service.record` builds it from the stored articles), so
`write_record` replaces these tables whole in one transaction. A fingerprint of the articles
(count, latest ingestion, record version) is kept in `meta`; `is_stale` compares it, so
commands that only read the record never rebuild it. The DDL lives in `store/schema.py`.

    people          person_id, name, type, key, aliases, titles, n_articles, n_mentions,
                    n_claims, n_conflicts, article_ids
    person_links    article_key, article_id, entity_id, person_id
    claims          claim_id, article_key, article_id, attribution_id, event_id, claimant,
                    claimant_id, claimant_type, chain, about, about_ids, polarity, date,
                    published, text, span, event_types
    claim_people    claim_id, person_id, role ('claimant' or 'about')
    conflicts       conflict_id, key, rank, kind, score, about, about_ids, article_a,
                    article_b, claim_a, claim_b, claimant_a, claimant_b, record (the
                    contract's JSON line)
    conflict_people conflict_key, person_id
"""
from __future__ import annotations

import json
from typing import Any

from ..record import StoryRecord
from ..record.claims import Claim
from .db import Store
from .schema import RECORD_TABLES, columns

# Bump when the record's logic changes, so stored tables are rebuilt by the new version.
RECORD_VERSION = 2
FINGERPRINT = "record_fingerprint"



def fingerprint(store: Store) -> str:
    """What the derived tables were built from: article count, latest ingestion, record version."""
    n, latest = store.con.execute("SELECT count(*), max(ingested_at) FROM articles").fetchone()
    return f"{n}|{latest}|v{RECORD_VERSION}"


def _has_tables(store: Store) -> bool:
    names = {r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    return set(RECORD_TABLES) <= names


def is_stale(store: Store) -> bool:
    """Whether the derived tables are missing or older than the stored articles."""
    if not _has_tables(store):
        return True
    row = store.con.execute("SELECT value FROM meta WHERE name = ?", [FINGERPRINT]).fetchone()
    return row is None or row[0] != fingerprint(store)


def write_record(store: Store, story: StoryRecord) -> None:
    """Replace the record tables with STORY (one transaction) and stamp the fingerprint.
    The store must be writable; `onrecord.service.record.refresh_record` builds STORY."""
    keys = {aid: key for aid, key in store.con.execute("SELECT id, key FROM articles").fetchall()}
    rows = _rows(story, keys)
    stamp = fingerprint(store)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for table in RECORD_TABLES:
            con.execute(f"DELETE FROM {table}")
            if rows[table]:
                _insert(store, table, rows[table])
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [FINGERPRINT, stamp])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _insert(store: Store, table: str, items: list[dict[str, Any]]) -> None:
    import pyarrow as pa

    cols = columns(table)
    data = pa.table({c: [item.get(c) for item in items] for c in cols})
    store.con.register("_record_rows", data)
    try:
        names = ", ".join(f'"{c}"' for c in cols)
        store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _record_rows")
    finally:
        store.con.unregister("_record_rows")


def _rows(story: StoryRecord, keys: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in RECORD_TABLES}
    n_claims: dict[str, int] = {}
    for c in story.claims:
        if c.claimant_id:
            n_claims[c.claimant_id] = n_claims.get(c.claimant_id, 0) + 1
    n_conflicts: dict[str, int] = {}
    for conflict in story.conflicts:
        for pid in conflict.about_ids:
            n_conflicts[pid] = n_conflicts.get(pid, 0) + 1
    for p in story.people:
        rows["people"].append({
            "person_id": p.id, "name": p.name, "type": p.type, "key": p.key,
            "aliases": json.dumps(sorted(p.aliases), ensure_ascii=False), "titles": json.dumps(sorted(p.titles)),
            "n_articles": len(p.articles), "n_mentions": p.mentions, "n_claims": n_claims.get(p.id, 0),
            "n_conflicts": n_conflicts.get(p.id, 0), "article_ids": json.dumps(sorted(p.articles))})
    for (article_id, entity_id), pid in story.linking.links.items():
        rows["person_links"].append({"article_key": keys.get(article_id), "article_id": article_id,
                                     "entity_id": entity_id, "person_id": pid})
    for c in story.claims:
        rows["claims"].append(_claim_row(c, keys))
        if c.claimant_id:
            rows["claim_people"].append({"claim_id": c.id, "person_id": c.claimant_id, "role": "claimant"})
        for pid in dict.fromkeys(c.about):
            rows["claim_people"].append({"claim_id": c.id, "person_id": pid, "role": "about"})
    for rank, conflict in enumerate(story.conflicts, 1):
        d = conflict.to_dict()
        rows["conflicts"].append({
            "conflict_id": conflict.id, "key": conflict.key, "rank": rank, "kind": conflict.kind,
            "score": float(conflict.score), "about": json.dumps(list(conflict.about), ensure_ascii=False),
            "about_ids": json.dumps(list(conflict.about_ids)), "article_a": conflict.a.article,
            "article_b": conflict.b.article, "claim_a": conflict.a.id, "claim_b": conflict.b.id,
            "claimant_a": conflict.a.claimant, "claimant_b": conflict.b.claimant,
            "record": json.dumps(d, ensure_ascii=False)})
        for pid in dict.fromkeys(conflict.about_ids):
            rows["conflict_people"].append({"conflict_key": conflict.key, "person_id": pid})
    return rows


def _claim_row(c: Claim, keys: dict[str, str]) -> dict[str, Any]:
    return {"claim_id": c.id, "article_key": keys.get(c.article), "article_id": c.article,
            "attribution_id": c.attribution, "event_id": c.event, "claimant": c.claimant,
            "claimant_id": c.claimant_id, "claimant_type": c.claimant_type,
            "chain": json.dumps(list(c.chain), ensure_ascii=False),
            "about": json.dumps(list(c.about_names), ensure_ascii=False), "about_ids": json.dumps(list(c.about)),
            "polarity": c.polarity, "date": c.date, "published": c.published, "text": c.text,
            "span": json.dumps([list(s) for s in c.spans]), "event_types": json.dumps(list(c.event_types))}


