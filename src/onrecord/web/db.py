"""The web app's handle on the store: one DuckDB connection, a cursor per request, writes serialised.

DuckDB connections are not thread-safe, and FastAPI runs plain `def` routes in a thread pool,
so every request reads through its own cursor (`reader()`), and writes take a lock. Pages read
through `onrecord.service.queries`, the same functions as the CLI; nothing is computed per
request. A write (the form or POST /api/articles) brings the record up to date as `onrecord ingest`
does, growing it by the new articles (`service.record.refresh_record`: its cost follows what
they touch, not the store's size), at once, so the next page shows the new people and
conflicts. Only a whole rebuild (an article replaced by a changed analysis, a store from
another record version) or a large write runs in one background thread, pages saying so.
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
    records = Store.records

    def __init__(self, con: Any) -> None:  # a duckdb cursor
        self.con = con


class WebStore:
    """A Store opened for the web app: a reader per request, serialised writes."""

    SYNC_UPDATE_MAX = 200  # new articles: up to here a write waits for the record to grow (seconds)

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        path = Path(path)
        self.path = str(path)
        self.read_only = read_only
        self.store = Store(path, read_only=read_only)
        self._lock = threading.Lock()          # the shared connection: writes and new cursors
        self._rebuild_lock = threading.Lock()  # one record build at a time
        self._state = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False

    @property
    def rebuilding(self) -> bool:
        """Whether a background rebuild of the record is under way."""
        return self._thread is not None and self._thread.is_alive()

    def close(self) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout=600)  # never close the file under a record half written
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
        """Store RECORDS, then bring the record up to date (as an ingest does)."""
        with self._lock:
            n = self.store.write(records)
        if rebuild and n:
            self.rebuild_record()
        return n

    def rebuild_record(self) -> None:
        """Bring people, claims, conflicts and the search index up to date: now when the record
        only grows by a few articles, else in one background thread (a write during it asks
        for one more pass, never a second thread)."""
        from ..store.record_tables import pending

        with self.reader() as r:
            plan = pending(r)  # type: ignore[arg-type] - Store-shaped
        if not plan.rebuild and len(plan.keys) <= self.SYNC_UPDATE_MAX:
            self._rebuild()
            return
        with self._state:
            if self.rebuilding:
                self._again = True
                return
            self._thread = threading.Thread(target=self._rebuild_loop, name="onrecord-record", daemon=True)
            self._thread.start()

    def _rebuild_loop(self) -> None:
        import logging

        while True:
            try:
                self._rebuild()
            except Exception:  # the pages keep the previous record and say it is stale
                logging.getLogger("onrecord.web").exception("rebuilding the record failed")
            with self._state:
                if not self._again:
                    return
                self._again = False

    def _rebuild(self) -> None:
        from ..service.record import refresh_record

        with self._rebuild_lock, self.reader() as r:  # its own cursor: reads go on meanwhile
            refresh_record(r)  # type: ignore[arg-type] - Store-shaped
