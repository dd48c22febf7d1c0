"""The web app's handle on the store: one DuckDB connection, a cursor per request, writes serialised.

DuckDB connections are not thread-safe, and FastAPI runs plain `def` routes in a thread pool,
so every request reads through its own cursor (`reader()`), and writes take a lock. Pages read
through `onrecord.service.queries`, the same functions as the CLI; nothing is computed per
request. A write (the form or POST /api/articles) rebuilds the record once, as `onrecord ingest`
does, so the next read finds people, claims and conflicts current.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..model import Record
from ..store import Store, article_key


class Reader:
    """A Store-shaped view over one cursor: what `service.queries` reads through."""

    query = Store.query
    count = Store.count

    def __init__(self, con: Any) -> None:  # a duckdb cursor
        self.con = con


class WebStore:
    """A Store opened for the web app: a reader per request, serialised writes."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        path = Path(path)
        self.path = str(path)
        self.read_only = read_only
        self.store = Store(path, read_only=read_only)
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self.store.close()

    @contextmanager
    def reader(self) -> Iterator[Reader]:
        with self._lock:
            cur = self.store.con.cursor()
        try:
            yield Reader(cur)
        finally:
            cur.close()

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self.reader() as r:
            return r.query(sql, params)

    def stored_id(self, record: Record) -> str | None:
        """The id under which this article (same URL, else same text) is already stored."""
        rows = self.query("SELECT id FROM articles WHERE key = ?", [article_key(record)])
        return rows[0]["id"] if rows else None

    def write(self, records: list[Record], *, rebuild: bool = True) -> int:
        """Store RECORDS, then rebuild the record over the whole store (as an ingest does)."""
        from ..service.record import refresh_record

        with self._lock:
            n = self.store.write(records)
            if rebuild and n:
                refresh_record(self.store)
            return n
