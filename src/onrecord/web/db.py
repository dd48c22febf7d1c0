"""The web app's handle on the store: one DuckDB connection, a cursor per query, writes serialised.

DuckDB connections are not thread-safe, and FastAPI runs plain `def` routes in a thread
pool, so every read gets its own cursor (a connection to the same database) and every
write takes a lock.
"""
from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

from ..model import Record
from ..store import Store

# Indexes the web views lean on beyond store/schema.py's (point lookups by name, type and outlet).
WEB_INDEXES = (
    "CREATE INDEX IF NOT EXISTS idx_web_mentions_key ON mentions(article_key)",
    "CREATE INDEX IF NOT EXISTS idx_web_attr_entity ON attributions(speaker_entity)",
    "CREATE INDEX IF NOT EXISTS idx_web_events_type ON events(type)",
    "CREATE INDEX IF NOT EXISTS idx_web_articles_outlet ON articles(outlet)",
)

# A person's id until cross-article linking gives stable ones: the name, lower-cased, every run
# of characters that are not letters or digits turned into one hyphen ("Jeff Sessions" -> jeff-sessions).
# Computed in SQL only, so links and look-ups can never disagree.
SLUG_SQL = "trim(regexp_replace(lower({0}), '[^\\pL\\pN]+', '-', 'g'), '-')"


class WebStore:
    """A Store opened for the web app: thread-safe reads, serialised writes."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        path = Path(path)
        if read_only and not path.exists():
            Store(path).close()  # an empty store with the schema, so the pages have tables to read
        self.path = str(path)
        self.read_only = read_only
        self.store = Store(path, read_only=read_only)
        self._lock = threading.Lock()
        if not read_only:
            for stmt in WEB_INDEXES:
                self.store.con.execute(stmt)

    def close(self) -> None:
        with self._lock:
            self.store.close()

    def _cursor(self):  # noqa: ANN202 - duckdb.DuckDBPyConnection
        with self._lock:
            return self.store.con.cursor()

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a parameterised query as dicts."""
        cur = self._cursor()
        try:
            result = cur.execute(sql, params or [])
            names = [d[0] for d in result.description]
            return [dict(zip(names, row)) for row in result.fetchall()]
        finally:
            cur.close()

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        rows = self.query(sql, params)
        return next(iter(rows[0].values())) if rows else None

    def raw_record(self, article_id: str) -> dict[str, Any] | None:
        """The stored contract line of one article (by id, else by key), as a dict."""
        rows = self.query("SELECT record FROM articles WHERE id = ? UNION ALL "
                          "SELECT record FROM articles WHERE key = ? LIMIT 1", [article_id, article_id])
        return json.loads(rows[0]["record"]) if rows else None

    def record(self, article_id: str) -> Record | None:
        raw = self.raw_record(article_id)
        return Record.from_dict(raw) if raw else None

    def iter_records(self):  # noqa: ANN201 - Iterator[Record]
        """Every stored Record, streamed through its own cursor (for whole-store work such as conflicts)."""
        cur = self._cursor()
        try:
            result = cur.execute("SELECT record FROM articles ORDER BY ingested_at, key")
            while batch := result.fetchmany(500):
                for (raw,) in batch:
                    yield Record.from_dict(json.loads(raw))
        finally:
            cur.close()

    def write(self, records: list[Record]) -> int:
        with self._lock:
            return self.store.write(records)

    def version(self) -> tuple[int, str]:
        """Changes whenever articles are written: for caches of whole-store results."""
        row = self.query("SELECT count(*) AS n, CAST(max(ingested_at) AS VARCHAR) AS t FROM articles")[0]
        return int(row["n"]), str(row["t"])
