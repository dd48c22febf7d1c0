"""Building the cross-article record (people, claims, conflicts) from a store's articles."""
from __future__ import annotations

from ..record import StoryRecord, build_record
from ..store import Store
from ..store.record_tables import is_stale, write_record
from ..store.search_index import build_search_index


def refresh_record(store: Store, *, use_stance: bool = True) -> StoryRecord:
    """Build people, claims and conflicts over all stored articles and write their tables.
    The store must be writable."""
    story = build_record(store.records(), use_stance=use_stance)
    write_record(store, story)
    build_search_index(store)  # statements and claims are indexed as the record stores them
    return story


def ensure_record(store: Store, *, use_stance: bool = True) -> bool:
    """Refresh the record tables when stale; True when it did."""
    if not is_stale(store):
        return False
    refresh_record(store, use_stance=use_stance)
    return True
