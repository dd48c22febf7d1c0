"""Keeping a store's record (people, claims, conflicts, search index) up to date.

`refresh_record` grows the record by the articles it does not hold yet, a unit of articles
(`onrecord.record.incremental.UNIT`) per transaction: it links them against the stored people
they can meet, builds their claims, and finds the conflicts of the units they fall in against
the stored claims that share a blocking key with them. Its cost follows the new articles and
what they touch, not the size of the store. A run killed meanwhile keeps the units it
committed; the next `refresh_record` (an `ingest --resume` that adds nothing) finishes.

`rebuild_record` computes the same record in memory over every stored article and writes it
whole (each unit's conflicts stored in order through `replace_unit`, as a refresh stores
them: a repeat of an earlier unit's conflict joins its `also`): `onrecord rebuild`, a store written by another record version, or articles replaced
by a re-ingest that changed them (the record only grows forward).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..record.incremental import MemoryClaims, UNIT, link_and_claim, unit_conflicts, unit_of
from ..record.linking import Linking
from ..store import Store, article_key
from ..store import record_tables as tables
from ..store.search_index import build_search_index

# (articles recorded so far, articles to record): told after each unit.
OnProgress = Callable[[int, int], None]


@dataclass
class RecordUpdate:
    """What a refresh did and what the record holds after it."""
    added: int = 0          # articles recorded by this call
    rebuilt: bool = False   # the whole record was built again
    people: int = 0         # people (type PERSON) in the record
    claims: int = 0
    conflicts: int = 0


def refresh_record(store: Store, *, use_stance: bool = True, on_progress: OnProgress | None = None) -> RecordUpdate:
    """Bring the record up to date with the stored articles, growing it where it can. The
    store must be writable."""
    plan = tables.pending(store)
    if plan.rebuild:
        return rebuild_record(store, use_stance=use_stance, on_progress=on_progress)
    people, source = tables.StoredPeople(store), tables.StoredClaims(store)
    seq, done = plan.next_seq, 0
    keys = plan.keys
    while done < len(keys):
        # Up to the end of the unit the next article falls in: one transaction per unit.
        take = UNIT - seq % UNIT
        chunk = keys[done:done + take]
        records = list(store.records(where="key IN (SELECT unnest(?::VARCHAR[]))", params=[chunk]))
        # A Linking per unit: what it needs is in the store once the unit before is committed,
        # so memory stays one unit's whatever the run's length.
        linking = Linking(source=people)
        claims = link_and_claim(records, linking)
        rows = [(article_key(r), r, seq + k, cl) for k, (r, cl) in enumerate(zip(records, claims))]
        with tables.transaction(store):
            tables.write_people(store, linking, linking.touched)
            tables.append_articles(store, rows, linking)
            # A claimant found by title alone may be named nowhere in the article: count them too.
            touched = linking.touched | {c.claimant_id for cl in claims for c in cl if c.claimant_id}
            touched |= tables.replace_unit(store, unit_of(seq), unit_conflicts(source, unit_of(seq),
                                                                                use_stance=use_stance))
            tables.recount(store, touched)
            tables.stamp_version(store)
        seq += len(chunk)
        done += len(chunk)
        if on_progress:
            on_progress(done, len(keys))
    _finish(store)
    return _summary(store, added=len(keys))


def rebuild_record(store: Store, *, use_stance: bool = True, on_progress: OnProgress | None = None) -> RecordUpdate:
    """Build the record over every stored article, in memory, and replace its tables."""
    records = list(store.records())
    linking = Linking()
    claims: list = []
    for lo in range(0, len(records), UNIT):
        claims += link_and_claim(records[lo:lo + UNIT], linking)
        if on_progress:
            on_progress(min(lo + UNIT, len(records)) // 2, len(records))  # linking: the first half
    source = MemoryClaims((r.id, r.text, cl) for r, cl in zip(records, claims))
    conflicts = []
    for unit in range(unit_of(len(records) - 1) + 1 if records else 0):
        conflicts.append(unit_conflicts(source, unit, use_stance=use_stance))
        if on_progress:
            on_progress((len(records) + min((unit + 1) * UNIT, len(records))) // 2, len(records))
    with tables.transaction(store):
        tables.clear(store)
        tables.write_people(store, linking, linking.people.keys())
        rows = [(article_key(r), r, seq, cl) for seq, (r, cl) in enumerate(zip(records, claims))]
        tables.append_articles(store, rows, linking)
        for unit, found in enumerate(conflicts):
            tables.replace_unit(store, unit, found)
        tables.recount(store)
    build_search_index(store)
    _finish(store, indexed=True)
    return _summary(store, added=len(records), rebuilt=True)


def _finish(store: Store, *, indexed: bool = False) -> None:
    """Store-wide ranks, the search index for articles recorded but not indexed, the stamp:
    each safe to run again, so a run killed before them has them done by the next."""
    tables.renumber(store)
    if not indexed:
        missing = [k for (k,) in store.con.execute("""
            SELECT r.article_key FROM record_articles r
            ANTI JOIN (SELECT DISTINCT article_key FROM search_docs WHERE kind = 'article') d
                 ON d.article_key = r.article_key ORDER BY r.seq""").fetchall()]
        build_search_index(store, missing)
    tables.stamp(store)


def _summary(store: Store, *, added: int, rebuilt: bool = False) -> RecordUpdate:
    people, claims, conflicts = store.con.execute("""SELECT (SELECT count(*) FROM people WHERE type = 'PERSON'),
        (SELECT count(*) FROM claims), (SELECT count(*) FROM conflicts)""").fetchone()
    return RecordUpdate(added=added, rebuilt=rebuilt, people=people, claims=claims, conflicts=conflicts)


def ensure_record(store: Store, *, use_stance: bool = True) -> bool:
    """Refresh the record tables when stale; True when it did."""
    if not tables.is_stale(store):
        return False
    refresh_record(store, use_stance=use_stance)
    return True
