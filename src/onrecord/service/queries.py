"""The one read model: every question the CLI and the web ask of a store, answered once.

Read-only: nothing here builds or writes the record (`onrecord.service.record` does, after an
ingest); a store whose record is stale answers from the tables it has.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..record.claims import Claim
from ..record.linking import normalise
from ..store import Store


def load_people(store: Store, *, kinds: Iterable[str] = ("PERSON",)) -> list[dict[str, Any]]:
    """People (or other linked types) with their counts, most covered first."""
    kinds = list(kinds)
    marks = ", ".join("?" for _ in kinds)
    rows = store.query(f"""SELECT * FROM people WHERE type IN ({marks})
                           ORDER BY n_articles DESC, n_claims DESC, n_mentions DESC, name""", kinds)
    return [_decode(r, ("aliases", "titles", "article_ids")) for r in rows]


def find_people(store: Store, name: str) -> list[dict[str, Any]]:
    """People whose name, an alias, or (for a one-word query) surname matches NAME, best first."""
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


def load_claims(store: Store, *, person_id: str | None = None, role: str | None = None) -> list[dict[str, Any]]:
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


def stored_claims(store: Store) -> list[Claim]:
    """The stored claims as Claim objects (for stance search over the store)."""
    out = []
    for r in load_claims(store):
        out.append(Claim(id=r["claim_id"], article=r["article_id"], date=r["date"], text=r["text"],
                         spans=tuple(tuple(s) for s in r["span"]), claimant=r["claimant"],
                         claimant_id=r["claimant_id"], claimant_type=r["claimant_type"], chain=tuple(r["chain"]),
                         about=tuple(r["about_ids"]), about_names=tuple(r["about"]), polarity=r["polarity"],
                         attribution=r["attribution_id"], event=r["event_id"], event_types=tuple(r["event_types"]),
                         content=r["text"], published=r["published"]))
    return out


def load_conflicts(store: Store, person: str | None = None) -> list[dict[str, Any]]:
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


def load_events(store: Store, person_id: str) -> list[dict[str, Any]]:
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


def _person_ids(store: Store, person: str) -> list[str]:
    if store.query("SELECT 1 FROM people WHERE person_id = ? LIMIT 1", [person]):
        return [person]
    return [p["person_id"] for p in find_people(store, person)]


def _decode(row: dict[str, Any], cols: Iterable[str]) -> dict[str, Any]:
    for col in cols:
        if isinstance(row.get(col), str):
            row[col] = json.loads(row[col])
    return row
