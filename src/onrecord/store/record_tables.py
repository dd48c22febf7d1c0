"""The record's tables: written a unit of articles at a time, read back only where needed.

The record (people, claims, conflicts; `onrecord.record.incremental` says what it is) grows
with the articles: `onrecord.service.record` links and claims the articles not yet recorded,
writes what they changed here, and reads back only the stored people and claims they can
meet (`StoredPeople`, `StoredClaims`), never the whole store. A fingerprint of the articles
(count, latest ingestion, record version) is kept in `meta`; `is_stale` compares it, so
commands that only read the record never build it. The DDL lives in `store/schema.py`.

    people          person_id, name, type, key, aliases, titles, n_articles, n_mentions,
                    n_claims, n_conflicts, article_ids
    person_keys     person_id, link_key (the key it is filed under), block, fold (its
                    name-variant block and folded surname)
    person_links    article_key, article_id, entity_id, person_id
    person_surnames surname, person_id   (every surname a person is found by)
    claims          claim_id, article_key, article_id, attribution_id, event_id, claimant,
                    claimant_id, claimant_type, chain, about, about_ids, polarity, date,
                    published, text, span, event_types
    claim_state     seq, ord (the article's place in the order, the claim's in the article),
                    article_key, state (the whole Claim, `Claim.to_state`)
    claim_people    claim_id, person_id, role ('claimant' or 'about')
    claim_blocks    block, seq, ord, points (each claim's blocking keys; whether it is a
                    denial that points, read without its article)
    conflicts       conflict_id, key, rank, kind, score, about, about_ids, article_a,
                    article_b, claim_a, claim_b, claimant_a, claimant_b, record (the
                    contract's JSON line), unit, pos (the unit that found it, its place there)
    conflict_people conflict_key, person_id
    conflict_claims unit, pos, claim_id, role ('a', 'b', 'also'), who, text, by_unit, ord,
                    side (each conflict's claims; `also` in the order units added them)
    conflict_repeats block, unit, pos (the keys a later unit's repeat finds a conflict by)
    record_articles article_key, article_id, seq, ingested_at (what the record holds)
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..model import Record
from ..record.claims import Claim
from ..record.conflicts import Conflict
from ..record.incremental import UNIT, block_names, points, repeat_keys, repeats, sides_of
from ..record.linking import Fetched, Linking, Person, name_block, surnames_of
from .db import Store
from .schema import RECORD_TABLES, columns

# Bump when the record's logic changes, so stored tables are rebuilt by the new version.
RECORD_VERSION = 5
FINGERPRINT = "record_fingerprint"
VERSION = "record_version"


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


def stamp(store: Store) -> None:
    """The record is current: the articles' fingerprint (what `is_stale` compares)."""
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [FINGERPRINT, fingerprint(store)])
    stamp_version(store)


def stamp_version(store: Store) -> None:
    """Which record version wrote the tables (each committed unit says so: a later run may grow them)."""
    store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [VERSION, str(RECORD_VERSION)])


@contextmanager
def transaction(store: Store) -> Iterator[None]:
    store.con.execute("BEGIN TRANSACTION")
    try:
        yield
        store.con.execute("COMMIT")
    except BaseException:
        store.con.execute("ROLLBACK")
        raise


# --- what is left to record ---------------------------------------------------------------------

@dataclass
class Pending:
    """Articles not yet in the record, in ingestion order; `rebuild` when the record cannot
    grow from what it holds (another record version, or articles replaced or gone)."""
    keys: list[str] = field(default_factory=list)
    next_seq: int = 0
    rebuild: bool = False


def pending(store: Store) -> Pending:
    con = store.con
    version = con.execute("SELECT value FROM meta WHERE name = ?", [VERSION]).fetchone()
    n_recorded = con.execute("SELECT count(*) FROM record_articles").fetchone()[0]
    if n_recorded and (version is None or version[0] != str(RECORD_VERSION)):
        return Pending(rebuild=True)
    if not n_recorded and con.execute("SELECT count(*) FROM people").fetchone()[0]:
        return Pending(rebuild=True)  # a record written by a version that did not grow it
    changed = con.execute("""
        SELECT count(*) FROM record_articles r LEFT JOIN articles a ON a.key = r.article_key
        WHERE a.key IS NULL OR a.ingested_at IS DISTINCT FROM r.ingested_at""").fetchone()[0]
    if changed:
        return Pending(rebuild=True)
    keys = [k for (k,) in con.execute("""
        SELECT a.key FROM articles a ANTI JOIN record_articles r ON r.article_key = a.key
        ORDER BY a.ingested_at, a.key""").fetchall()]
    top = con.execute("SELECT max(seq) FROM record_articles").fetchone()[0]
    return Pending(keys=keys, next_seq=0 if top is None else top + 1)


def clear(store: Store) -> None:
    for table in RECORD_TABLES:
        store.con.execute(f"DELETE FROM {table}")


# --- writing ------------------------------------------------------------------------------------

def _insert(store: Store, table: str, items: list[dict[str, Any]]) -> None:
    import pyarrow as pa

    if not items:
        return
    cols = columns(table)
    data = pa.table({c: [item.get(c) for item in items] for c in cols})
    store.con.register("_record_rows", data)
    try:
        names = ", ".join(f'"{c}"' for c in cols)
        store.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _record_rows")
    finally:
        store.con.unregister("_record_rows")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_people(store: Store, linking: Linking, ids: Iterable[str]) -> None:
    """Replace the rows of these people (and their surnames) with the Linking's."""
    ids = sorted(set(ids))
    if not ids:
        return
    store.con.execute("DELETE FROM people WHERE person_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    store.con.execute("DELETE FROM person_surnames WHERE person_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    store.con.execute("DELETE FROM person_keys WHERE person_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    people, surnames, filed = [], [], []
    for pid in ids:
        p = linking.people[pid]
        link_key = linking.link_key(pid)
        block = name_block(p, link_key)
        people.append({
            "person_id": p.id, "name": p.name, "type": p.type, "key": p.key,
            "aliases": _dumps(sorted(p.aliases)), "titles": json.dumps(sorted(p.titles)),
            "n_articles": len(p.articles), "n_mentions": p.mentions, "n_claims": 0, "n_conflicts": 0,
            "article_ids": _dumps(sorted(p.articles))})
        filed.append({"person_id": pid, "link_key": link_key, "block": block[0] if block else None,
                      "fold": block[1] if block else None})
        surnames.extend({"surname": s, "person_id": pid} for s in sorted(surnames_of(p)))
    _insert(store, "people", people)
    _insert(store, "person_keys", filed)
    _insert(store, "person_surnames", surnames)


def append_articles(store: Store, articles: list[tuple[str, Record, int, list[Claim]]], linking: Linking) -> None:
    """Record articles (key, record, seq, claims): their links, claims, claim people and blocks."""
    if not articles:
        return
    keys = [key for key, _, _, _ in articles]
    stamps = dict(store.con.execute(
        "SELECT key, ingested_at FROM articles WHERE key IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall())
    links, claims, states, claim_people, blocks, recorded = [], [], [], [], [], []
    for key, record, seq, cl in articles:
        recorded.append({"article_key": key, "article_id": record.id, "seq": seq, "ingested_at": stamps.get(key)})
        for entity_id in dict.fromkeys(e.id for e in record.entities):
            pid = linking.links.get((record.id, entity_id))
            if pid is not None:
                links.append({"article_key": key, "article_id": record.id, "entity_id": entity_id, "person_id": pid})
        for place, c in enumerate(cl):
            claims.append(_claim_row(c, key))
            states.append({"seq": seq, "ord": place, "article_key": key, "state": _dumps(c.to_state())})
            if c.claimant_id:
                claim_people.append({"claim_id": c.id, "person_id": c.claimant_id, "role": "claimant"})
            claim_people.extend({"claim_id": c.id, "person_id": pid, "role": "about"} for pid in dict.fromkeys(c.about))
            flagged = points(c)
            blocks.extend({"block": b, "seq": seq, "ord": place, "points": flagged} for b in block_names(c))
    for table, rows in (("person_links", links), ("claims", claims), ("claim_state", states),
                        ("claim_people", claim_people),
                        ("claim_blocks", blocks), ("record_articles", recorded)):
        _insert(store, table, rows)


def _claim_row(c: Claim, key: str) -> dict[str, Any]:
    return {"claim_id": c.id, "article_key": key, "article_id": c.article,
            "attribution_id": c.attribution, "event_id": c.event, "claimant": c.claimant,
            "claimant_id": c.claimant_id, "claimant_type": c.claimant_type,
            "chain": _dumps(list(c.chain)), "about": _dumps(list(c.about_names)),
            "about_ids": json.dumps(list(c.about)),
            "polarity": c.polarity, "date": c.date, "published": c.published, "text": c.text,
            "span": json.dumps([list(s) for s in c.spans]), "event_types": json.dumps(list(c.event_types))}


def _claims(rows: list[tuple[Any, ...]]) -> list[Claim]:
    return [Claim.from_state(json.loads(state)) for (state,) in rows]


def replace_unit(store: Store, unit: int, conflicts: list[Conflict]) -> set[str]:
    """Replace the conflicts a unit found (`unit_conflicts`); the people of the old and new
    ones (to recount). UNIT is the last unit. What it added to earlier conflicts' `also` is
    taken back first; then each conflict that repeats an earlier unit's (`repeats`, found
    through `conflict_repeats`) joins the earliest one's `also` instead of being a new row."""
    con = store.con
    touched = {pid for (pid,) in con.execute("""SELECT DISTINCT person_id FROM conflict_people
        WHERE conflict_key IN (SELECT key FROM conflicts WHERE unit = ?)""", [unit]).fetchall()}
    dirty = set(con.execute("SELECT DISTINCT unit, pos FROM conflict_claims WHERE by_unit = ? AND unit < ?",
                            [unit, unit]).fetchall())
    con.execute("DELETE FROM conflict_claims WHERE unit = ? OR by_unit = ?", [unit, unit])
    con.execute("DELETE FROM conflict_repeats WHERE unit = ?", [unit])
    con.execute("DELETE FROM conflict_people WHERE conflict_key IN (SELECT key FROM conflicts WHERE unit = ?)", [unit])
    con.execute("DELETE FROM conflicts WHERE unit = ?", [unit])
    mine = {aid for (aid,) in con.execute("SELECT article_id FROM record_articles WHERE seq >= ? AND seq < ?",
                                          [unit * UNIT, (unit + 1) * UNIT]).fetchall()}
    keys = [repeat_keys(sides_of(c)) for c in conflicts]
    earlier = _Earlier(store, unit, sorted({k for ks in keys for k in ks}))
    rows, people, filed, claimed = [], [], [], []
    for conflict, ks in zip(conflicts, keys):
        target = earlier.find(sides_of(conflict), ks)
        if target is not None:
            known = earlier.claims[target]
            for c in (conflict.a, conflict.b, *conflict.also):
                if c.id not in known:
                    known.add(c.id)
                    claimed.append(_also_row(target, c, unit, len(claimed)))
            dirty.add(target)
            continue
        if conflict.a.article not in mine and conflict.b.article not in mine:
            continue  # both sides and every unit claim already in an earlier conflict's record
        pos = len(rows)
        d = conflict.to_dict()
        d["id"] = "C0"  # numbered store-wide by `renumber`
        rows.append({
            "conflict_id": "C0", "key": conflict.key, "rank": 0, "kind": conflict.kind,
            "score": float(conflict.score), "about": _dumps(list(conflict.about)),
            "about_ids": json.dumps(list(conflict.about_ids)), "article_a": conflict.a.article,
            "article_b": conflict.b.article, "claim_a": conflict.a.id, "claim_b": conflict.b.id,
            "claimant_a": conflict.a.claimant, "claimant_b": conflict.b.claimant,
            "record": _dumps(d), "unit": unit, "pos": pos})
        for role, c in (("a", conflict.a), ("b", conflict.b)):
            who = c.claimant_id or c.claimant
            claimed.append({"unit": unit, "pos": pos, "claim_id": c.id, "role": role, "who": who, "text": c.text,
                            "by_unit": unit, "ord": len(claimed), "side": None})
        seen = {conflict.a.id, conflict.b.id}
        for c in conflict.also:
            if c.id not in seen:
                seen.add(c.id)
                claimed.append(_also_row((unit, pos), c, unit, len(claimed)))
        filed.extend({"block": k, "unit": unit, "pos": pos} for k in dict.fromkeys(ks))
        for pid in dict.fromkeys(conflict.about_ids):
            people.append({"conflict_key": conflict.key, "person_id": pid})
            touched.add(pid)
    _insert(store, "conflicts", rows)
    _insert(store, "conflict_people", people)
    _insert(store, "conflict_claims", claimed)
    _insert(store, "conflict_repeats", filed)
    for u, p in sorted(dirty):
        _render_also(store, u, p)
    return touched


def _also_row(target: tuple[int, int], c: Claim, by_unit: int, ord_: int) -> dict[str, Any]:
    side = {"article": c.article, "span": [list(s) for s in c.spans], "claimant": c.claimant, "chain": list(c.chain)}
    return {"unit": target[0], "pos": target[1], "claim_id": c.id, "role": "also", "who": c.claimant_id or c.claimant,
            "text": c.text, "by_unit": by_unit, "ord": ord_, "side": _dumps(side)}


def _render_also(store: Store, unit: int, pos: int) -> None:
    """A conflict's JSON `also` from its stored claims, in the order they were added."""
    row = store.con.execute("SELECT record FROM conflicts WHERE unit = ? AND pos = ?", [unit, pos]).fetchone()
    if row is None:
        return
    d = json.loads(row[0])
    d["also"] = [json.loads(side) for (side,) in store.con.execute("""SELECT side FROM conflict_claims
        WHERE unit = ? AND pos = ? AND role = 'also' ORDER BY by_unit, ord""", [unit, pos]).fetchall()]
    store.con.execute("UPDATE conflicts SET record = ? WHERE unit = ? AND pos = ?", [_dumps(d), unit, pos])


class _Earlier:
    """The conflicts of units before UNIT filed under KEYS: their sides and claim ids, read
    once through the `conflict_repeats` index."""

    def __init__(self, store: Store, unit: int, keys: list[str]) -> None:
        self.by_key: dict[str, list[tuple[int, int]]] = {}
        self.sides: dict[tuple[int, int], dict[str, tuple[str, str, str]]] = {}
        self.kinds: dict[tuple[int, int], str] = {}
        self.claims: dict[tuple[int, int], set[str]] = {}
        if not keys:
            return
        con = store.con
        for block, u, p in con.execute("""SELECT block, unit, pos FROM conflict_repeats
                WHERE block IN (SELECT unnest(?::VARCHAR[])) AND unit < ? ORDER BY unit, pos""", [keys, unit]).fetchall():
            self.by_key.setdefault(block, []).append((u, p))
        found = sorted({t for ts in self.by_key.values() for t in ts})
        if not found:
            return
        for u, p, kind in con.execute("""SELECT c.unit, c.pos, c.kind FROM conflicts c
                JOIN (SELECT unnest(?::BIGINT[]) AS u, unnest(?::INTEGER[]) AS p) k ON k.u = c.unit AND k.p = c.pos""",
                                      [[u for u, _ in found], [p for _, p in found]]).fetchall():
            self.kinds[(u, p)] = kind
        for u, p, cid, role, who, text in con.execute("""SELECT c.unit, c.pos, c.claim_id, c.role, c.who, c.text
                FROM conflict_claims c
                JOIN (SELECT unnest(?::BIGINT[]) AS u, unnest(?::INTEGER[]) AS p) k ON k.u = c.unit AND k.p = c.pos""",
                                                      [[u for u, _ in found], [p for _, p in found]]).fetchall():
            self.claims.setdefault((u, p), set()).add(cid)
            if role in ("a", "b"):
                self.sides.setdefault((u, p), {})[role] = (cid, who, text)

    def find(self, sides: tuple[str, tuple[str, str, str], tuple[str, str, str]], keys: list[str]) -> tuple[int, int] | None:
        """The earliest conflict SIDES repeats, or None."""
        for target in sorted({t for k in keys for t in self.by_key.get(k, ())}):
            have = self.sides.get(target, {})
            if target in self.kinds and "a" in have and "b" in have and repeats(
                    sides, (self.kinds[target], have["a"], have["b"])):
                return target
        return None


def renumber(store: Store) -> None:
    """Ranks and ids (C1, C2, ...) store-wide: score, then unit, then place in the unit. Only
    the rows whose rank moved are written."""
    store.con.execute("""
        UPDATE conflicts SET rank = r.rank, conflict_id = 'C' || r.rank,
               record = regexp_replace(CAST(record AS VARCHAR), '^\\{"id": "[^"]*"', '{"id": "C' || r.rank || '"')
        FROM (SELECT unit, pos, row_number() OVER (ORDER BY score DESC, unit, pos) AS rank FROM conflicts) r
        WHERE conflicts.unit = r.unit AND conflicts.pos = r.pos AND conflicts.rank <> r.rank""")


def recount(store: Store, ids: Iterable[str] | None = None) -> None:
    """people.n_claims and n_conflicts from the claims and conflicts (of IDS, or everyone)."""
    where, params = "", []
    if ids is not None:
        ids = sorted(set(ids))
        if not ids:
            return
        where, params = "WHERE person_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    store.con.execute(f"""
        UPDATE people SET n_claims = coalesce(c.n, 0), n_conflicts = coalesce(k.n, 0)
        FROM (SELECT person_id FROM people {where}) p
        LEFT JOIN (SELECT person_id, count(*) AS n FROM claim_people WHERE role = 'claimant' GROUP BY 1) c
               USING (person_id)
        LEFT JOIN (SELECT person_id, count(*) AS n FROM conflict_people GROUP BY 1) k USING (person_id)
        WHERE people.person_id = p.person_id""", params)


# --- reading back what new articles meet ----------------------------------------------------------

def _person(row: dict[str, Any]) -> Person:
    return Person(id=row["person_id"], name=row["name"], type=row["type"], key=row["key"],
                  aliases=set(json.loads(row["aliases"] or "[]")), titles=set(json.loads(row["titles"] or "[]")),
                  articles=set(json.loads(row["article_ids"] or "[]")), mentions=row["n_mentions"] or 0)


class StoredPeople:
    """The store's people as a `LinkingSource`: read by key, surname or name block, each with
    the people they were named beside (from person_links)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def fetch(self, keys: set[tuple[str, str]], surnames: set[str], blocks: set[str]) -> Fetched:
        q = self.store.query
        rows = [r for r in q("""SELECT p.*, k.link_key FROM person_keys k JOIN people p USING (person_id)
                                WHERE k.link_key IN (SELECT unnest(?::VARCHAR[]))""", [sorted({k for _, k in keys})])
                if (r["type"], r["link_key"]) in keys] if keys else []
        by_surname: dict[str, set[str]] = {s: set() for s in surnames}
        if surnames:
            for r in q("SELECT surname, person_id FROM person_surnames WHERE surname IN (SELECT unnest(?::VARCHAR[]))",
                       [sorted(surnames)]):
                by_surname[r["surname"]].add(r["person_id"])
            have = {r["person_id"] for r in rows}
            more = sorted({pid for ids in by_surname.values() for pid in ids} - have)
            if more:
                rows += q("""SELECT p.*, k.link_key FROM people p JOIN person_keys k USING (person_id)
                             WHERE p.person_id IN (SELECT unnest(?::VARCHAR[]))""", [more])
        by_block: dict[str, list[tuple[str, str]]] = {b: [] for b in blocks}
        if blocks:
            for r in q("""SELECT block, fold, person_id FROM person_keys WHERE block IN (SELECT unnest(?::VARCHAR[]))
                          ORDER BY person_id""", [sorted(blocks)]):
                by_block[r["block"]].append((r["fold"], r["person_id"]))
        return self._with_neighbours(rows), by_surname, by_block

    def person(self, pid: str) -> tuple[Person, str] | None:
        rows = self.store.query("""SELECT p.*, k.link_key FROM people p JOIN person_keys k USING (person_id)
                                   WHERE p.person_id = ?""", [pid])
        found = self._with_neighbours(rows)
        return found[0] if found else None

    def _with_neighbours(self, rows: list[dict[str, Any]]) -> list[tuple[Person, str]]:
        people = {r["person_id"]: (_person(r), r["link_key"] or r["key"]) for r in rows}
        if people:
            for pid, other, n in self.store.con.execute("""
                    SELECT a.person_id, b.person_id, count(DISTINCT a.article_id) FROM person_links a
                    JOIN person_links b ON b.article_id = a.article_id AND b.person_id <> a.person_id
                    WHERE a.person_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1, 2""", [sorted(people)]).fetchall():
                people[pid][0].neighbours[other] = n
        return list(people.values())


class StoredClaims:
    """The store's claims as a `ClaimSource` (onrecord.record.incremental): a unit's claims and
    texts, and the latest claims filed under given blocks."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def unit(self, unit: int) -> tuple[list[Claim], dict[str, str]]:
        lo, hi = unit * UNIT, (unit + 1) * UNIT
        claims = _claims(self.store.con.execute(
            "SELECT state FROM claim_state WHERE seq >= ? AND seq < ? ORDER BY seq, ord", [lo, hi]).fetchall())
        texts = {aid: text for aid, text in self.store.con.execute("""
            SELECT a.id, json_extract_string(a.record, '$.text') FROM record_articles r
            JOIN articles a ON a.key = r.article_key
            WHERE r.seq >= ? AND r.seq < ? ORDER BY r.seq""", [lo, hi]).fetchall()}
        return claims, texts

    def neighbours(self, related: list[list[str]], before: int, *, closest: int, recent: int, latest: set[str],
                   pointing: set[str], limit: int) -> list[Claim]:
        owner = [i for i, blocks in enumerate(related) for _ in blocks]
        blocks = [b for bs in related for b in bs]
        newest = """SELECT seq, ord FROM (
                SELECT seq, ord, row_number() OVER (PARTITION BY block ORDER BY seq DESC, ord DESC) AS n
                FROM claim_blocks WHERE seq < ? AND block IN (SELECT unnest(?::VARCHAR[])) {only}) WHERE n <= ?"""
        rows = self.store.con.execute(f"""
            WITH mine AS (SELECT unnest(?::INTEGER[]) AS i, unnest(?::VARCHAR[]) AS block),
            filed AS (SELECT block, seq, ord FROM (
                SELECT block, seq, ord, row_number() OVER (PARTITION BY block ORDER BY seq DESC, ord DESC) AS r
                FROM claim_blocks WHERE seq < ? AND block IN (SELECT DISTINCT block FROM mine)) WHERE r <= ?),
            shared AS (SELECT m.i, b.seq, b.ord, count(*) AS n FROM mine m JOIN filed b ON b.block = m.block
                       GROUP BY ALL),
            closest AS (SELECT seq, ord FROM (
                SELECT seq, ord, row_number() OVER (PARTITION BY i ORDER BY n DESC, seq DESC, ord DESC) AS r
                FROM shared) WHERE r <= ?)
            SELECT c.state FROM claim_state c JOIN (
                SELECT * FROM closest UNION {newest.format(only="")} UNION {newest.format(only="AND points")}) b
                 ON b.seq = c.seq AND b.ord = c.ord
            ORDER BY c.seq, c.ord""", [owner, blocks, before, recent, closest, before, sorted(latest), limit,
                                       before, sorted(pointing), limit]).fetchall()
        return _claims(rows)
