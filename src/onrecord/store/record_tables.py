"""Derived tables of the story record: people, their links, claims and conflicts.

`refresh_record(store)` builds the record over every stored article (`onrecord.record`) and
rewrites these tables in one transaction; they are derived data, so a refresh replaces them
whole. A fingerprint of the articles (count, latest ingestion, record version) is kept in
`meta`; `ensure_record(store)` refreshes only when it no longer matches, so commands that read
the record stay cheap between ingests.

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
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .db import article_key

if TYPE_CHECKING:
    from ..record import StoryRecord
    from ..record.claims import Claim
    from .db import Store

# Bump when the record's logic changes, so stored tables are rebuilt by the new version.
RECORD_VERSION = 2
FINGERPRINT = "record_fingerprint"

RECORD_TABLES = {
    "people": """
        person_id VARCHAR NOT NULL, name VARCHAR NOT NULL, type VARCHAR, key VARCHAR, aliases JSON,
        titles JSON, n_articles INTEGER, n_mentions INTEGER, n_claims INTEGER, n_conflicts INTEGER,
        article_ids JSON""",
    "person_links": """
        article_key VARCHAR NOT NULL, article_id VARCHAR NOT NULL, entity_id VARCHAR NOT NULL,
        person_id VARCHAR NOT NULL""",
    "claims": """
        claim_id VARCHAR NOT NULL, article_key VARCHAR, article_id VARCHAR NOT NULL, attribution_id VARCHAR,
        event_id VARCHAR, claimant VARCHAR, claimant_id VARCHAR, claimant_type VARCHAR, chain JSON,
        about JSON, about_ids JSON, polarity VARCHAR, date VARCHAR, published VARCHAR, text VARCHAR,
        span JSON, event_types JSON""",
    "claim_people": "claim_id VARCHAR NOT NULL, person_id VARCHAR NOT NULL, role VARCHAR NOT NULL",
    "conflicts": """
        conflict_id VARCHAR NOT NULL, key VARCHAR NOT NULL, rank INTEGER NOT NULL, kind VARCHAR NOT NULL,
        score DOUBLE, about JSON, about_ids JSON, article_a VARCHAR, article_b VARCHAR, claim_a VARCHAR,
        claim_b VARCHAR, claimant_a VARCHAR, claimant_b VARCHAR, record JSON NOT NULL""",
    "conflict_people": "conflict_key VARCHAR NOT NULL, person_id VARCHAR NOT NULL",
}
RECORD_INDEXES = [
    "CREATE INDEX IF NOT EXISTS idx_people_id ON people(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_people_name ON people(name)",
    "CREATE INDEX IF NOT EXISTS idx_links_person ON person_links(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_links_article ON person_links(article_key, entity_id)",
    "CREATE INDEX IF NOT EXISTS idx_claims_claimant ON claims(claimant_id)",
    "CREATE INDEX IF NOT EXISTS idx_claims_article ON claims(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_claim_people ON claim_people(person_id)",
    "CREATE INDEX IF NOT EXISTS idx_conflicts_rank ON conflicts(rank)",
    "CREATE INDEX IF NOT EXISTS idx_conflict_people ON conflict_people(person_id)",
]


def fingerprint(store: "Store") -> str:
    """What the derived tables were built from: article count, latest ingestion, record version."""
    n, latest = store.con.execute("SELECT count(*), max(ingested_at) FROM articles").fetchone()
    return f"{n}|{latest}|v{RECORD_VERSION}"


def _has_tables(store: "Store") -> bool:
    names = {r[0] for r in store.con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
    return set(RECORD_TABLES) <= names


def is_stale(store: "Store") -> bool:
    """Whether the derived tables are missing or older than the stored articles."""
    if not _has_tables(store):
        return True
    row = store.con.execute("SELECT value FROM meta WHERE name = ?", [FINGERPRINT]).fetchone()
    return row is None or row[0] != fingerprint(store)


def ensure_record(store: "Store", *, use_stance: bool = True) -> bool:
    """Refresh the derived tables when stale; True when it did."""
    if not is_stale(store):
        return False
    refresh_record(store, use_stance=use_stance)
    return True


def refresh_record(store: "Store", *, use_stance: bool = True) -> "StoryRecord":
    """Build people, claims and conflicts over all stored articles and rewrite their tables
    (one transaction, indexed). Returns the StoryRecord. The store must be writable."""
    from ..record import build_record

    records = list(store.records())
    keys = {r.id: article_key(r) for r in records}
    story = build_record(records, use_stance=use_stance)
    rows = _rows(story, keys)
    stamp = fingerprint(store)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for table, cols in RECORD_TABLES.items():
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({cols})")
            con.execute(f"DELETE FROM {table}")
            if rows[table]:
                _insert(store, table, rows[table])
        for stmt in RECORD_INDEXES:
            con.execute(stmt)
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [FINGERPRINT, stamp])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return story


def _insert(store: "Store", table: str, items: list[dict[str, Any]]) -> None:
    import pyarrow as pa

    cols = [c.strip().split()[0] for c in RECORD_TABLES[table].split(",") if c.strip()]
    data = pa.table({c: [item.get(c) for item in items] for c in cols})
    store.con.register("_record_rows", data)
    try:
        names = ", ".join(f'"{c}"' for c in cols)
        store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _record_rows")
    finally:
        store.con.unregister("_record_rows")


def _rows(story: "StoryRecord", keys: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
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


def _claim_row(c: "Claim", keys: dict[str, str]) -> dict[str, Any]:
    return {"claim_id": c.id, "article_key": keys.get(c.article), "article_id": c.article,
            "attribution_id": c.attribution, "event_id": c.event, "claimant": c.claimant,
            "claimant_id": c.claimant_id, "claimant_type": c.claimant_type,
            "chain": json.dumps(list(c.chain), ensure_ascii=False),
            "about": json.dumps(list(c.about_names), ensure_ascii=False), "about_ids": json.dumps(list(c.about)),
            "polarity": c.polarity, "date": c.date, "published": c.published, "text": c.text,
            "span": json.dumps([list(s) for s in c.spans]), "event_types": json.dumps(list(c.event_types))}


# --- reading ------------------------------------------------------------------------------------
def load_people(store: "Store", *, kinds: Iterable[str] = ("PERSON",)) -> list[dict[str, Any]]:
    """People (or other linked types) with their counts, most covered first."""
    kinds = list(kinds)
    marks = ", ".join("?" for _ in kinds)
    rows = store.query(f"""SELECT * FROM people WHERE type IN ({marks})
                           ORDER BY n_articles DESC, n_claims DESC, n_mentions DESC, name""", kinds)
    return [_decode(r, ("aliases", "titles", "article_ids")) for r in rows]


def find_people(store: "Store", name: str) -> list[dict[str, Any]]:
    """People whose name, an alias, or (for a one-word query) surname matches NAME, best first."""
    from ..record.linking import normalise

    key = normalise(name)
    if not key:
        return []
    rows = load_people(store, kinds=("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"))
    exact = [r for r in rows if r["key"] == key or name.lower() == r["name"].lower()]
    if exact:
        return exact
    alias = [r for r in rows if key in {normalise(a, entity_type=r["type"]) for a in r["aliases"]}]
    if alias:
        return alias
    if " " not in key:
        return [r for r in rows if r["key"].split()[-1:] == [key]]
    return []


def load_claims(store: "Store", *, person_id: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
    """Stored claims (all, or those a person made (role 'claimant') or is named in), oldest first."""
    if person_id is None:
        rows = store.query("SELECT * FROM claims ORDER BY published NULLS LAST, article_id, claim_id")
    else:
        extra = " AND cp.role = ?" if role else ""
        rows = store.query(f"""SELECT DISTINCT c.* FROM claims c JOIN claim_people cp ON cp.claim_id = c.claim_id
                               WHERE cp.person_id = ?{extra}
                               ORDER BY c.published NULLS LAST, c.article_id, c.claim_id""",
                           [person_id, role] if role else [person_id])
    return [_decode(r, ("chain", "about", "about_ids", "span", "event_types")) for r in rows]


def stored_claims(store: "Store") -> list["Claim"]:
    """The stored claims as Claim objects (for stance search over the store)."""
    from ..record.claims import Claim

    out = []
    for r in load_claims(store):
        out.append(Claim(id=r["claim_id"], article=r["article_id"], date=r["date"], text=r["text"],
                         spans=tuple(tuple(s) for s in r["span"]), claimant=r["claimant"],
                         claimant_id=r["claimant_id"], claimant_type=r["claimant_type"], chain=tuple(r["chain"]),
                         about=tuple(r["about_ids"]), about_names=tuple(r["about"]), polarity=r["polarity"],
                         attribution=r["attribution_id"], event=r["event_id"], event_types=tuple(r["event_types"]),
                         content=r["text"], published=r["published"]))
    return out


def load_conflicts(store: "Store", person: str | None = None) -> list[dict[str, Any]]:
    """Stored conflicts as contract lines, strongest first; with PERSON (a name or a person id),
    only those about that person. Ids (C1, ...) are the store-wide ranks."""
    if person is None:
        rows = store.query("SELECT record FROM conflicts ORDER BY rank")
    else:
        ids = _person_ids(store, person)
        if not ids:
            return []
        marks = ", ".join("?" for _ in ids)
        rows = store.query(f"""SELECT DISTINCT c.record, c.rank FROM conflicts c
                               JOIN conflict_people cp ON cp.conflict_key = c.key
                               WHERE cp.person_id IN ({marks}) ORDER BY c.rank""", ids)
    return [json.loads(r["record"]) for r in rows]


def load_events(store: "Store", person_id: str) -> list[dict[str, Any]]:
    """Events the person took part in (as actor or recipient), oldest first, with their role."""
    links = store.query("SELECT article_key, entity_id FROM person_links WHERE person_id = ?", [person_id])
    if not links:
        return []
    entities: dict[str, set[str]] = {}
    for link in links:
        entities.setdefault(link["article_key"], set()).add(link["entity_id"])
    marks = ", ".join("?" for _ in entities)
    rows = store.query(f"""SELECT e.*, a.published AS published, a.outlet AS outlet FROM events e
                           JOIN articles a ON a.key = e.article_key
                           WHERE e.article_key IN ({marks})""", list(entities))
    out = []
    for r in rows:
        mine = entities.get(r["article_key"], set())
        roles = [role for role, col in (("actor", "actor"), ("recipient", "recipient"))
                 if any(p.get("entity") in mine for p in json.loads(r[col] or "[]"))]
        if roles:
            r = _decode(r, ("actor", "recipient", "context", "trigger", "sentence"))
            r["role"] = "/".join(roles)
            out.append(r)
    out.sort(key=lambda r: (r["date"] or (r["published"] or "")[:10] or "9999", r["article_id"], r["event_id"]))
    return out


def _person_ids(store: "Store", person: str) -> list[str]:
    if store.query("SELECT 1 FROM people WHERE person_id = ? LIMIT 1", [person]):
        return [person]
    return [p["person_id"] for p in find_people(store, person)]


def _decode(row: dict[str, Any], cols: Iterable[str]) -> dict[str, Any]:
    for col in cols:
        if isinstance(row.get(col), str):
            row[col] = json.loads(row[col])
    return row
