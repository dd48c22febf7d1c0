"""Store: the DuckDB file, written one transaction per batch, upserting by article key."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from ..errors import OnrecordError
from ..model import Article, Record, span_text
from .schema import CHILD_TABLES, RECORD_TABLES, SCHEMA_VERSION, TABLES, columns, ddl


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_key(record: "Record | Article") -> str:
    """The identity of an article: its URL, else the hash of its text, else its id (failed reads)."""
    if record.meta.url:
        return record.meta.url
    if record.text:
        return "sha256:" + text_hash(record.text)
    return "id:" + record.id


def _first(parts, field: str):  # noqa: ANN001
    return getattr(parts[0], field) if parts else None


class StoreError(OnrecordError):
    """The store file cannot be opened: held by another process, not a DuckDB file, damaged,
    or its folder is missing. The message is one line that says which and what to do."""
    stage = "store"
    kind = "store"


_LOCK_PID = re.compile(r"Could not set lock on file.*?\(PID (\d+)\)", re.S)


def _holder(pid: int) -> str:
    """`onrecord serve ...` (pid 123): the command line of the process holding the lock, if readable."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return f"another process (pid {pid})"
    args = [a.decode("utf-8", "replace") for a in raw.split(b"\0") if a]
    for i, arg in enumerate(args):
        if arg.endswith("onrecord") or arg == "onrecord.cli" or arg.endswith("/onrecord/__main__.py"):
            sub = next((a for a in args[i + 1:] if not a.startswith("-")), "")
            return f"`onrecord {sub}` (pid {pid})".replace(" `", "`")
    return f"another process (pid {pid}: {' '.join(args)[:80]})"


def store_error(exc: BaseException, path: str) -> StoreError | None:
    """One clear StoreError for DuckDB's failure to open `path`, or None when it is something else."""
    text = str(exc)
    if "Could not set lock" in text:
        m = _LOCK_PID.search(text)
        who = _holder(int(m.group(1))) if m else "another process"
        return StoreError(f"the store {path} is in use by {who}: one writer at a time "
                          "(stop it, wait for it to finish, or use another --db)")
    if "not a valid DuckDB database file" in text:
        return StoreError(f"{path} is not a DuckDB store (give a new file name, or the store `onrecord ingest` wrote)")
    if "Could not read enough bytes" in text or "Corrupt database file" in text or "checksum" in text.lower():
        return StoreError(f"the store {path} is damaged (truncated or corrupt): restore it from a copy, "
                          "or ingest into a new file")
    if "Cannot open file" in text and not Path(path).parent.exists():
        return StoreError(f"no folder {Path(path).parent} for the store {path}: create it first")
    return None


class Store:
    """A DuckDB file holding analysed articles. Use as a context manager or call close().

    A store that cannot be opened (locked, not DuckDB, damaged, no folder) raises StoreError."""

    def __init__(self, path: str | Path = "onrecord.duckdb", *, read_only: bool = False) -> None:
        self.path = str(path)
        if not Path(self.path).parent.exists():
            raise StoreError(f"no folder {Path(self.path).parent} for the store {self.path}: create it first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise (store_error(exc, self.path) or exc) from exc
        try:
            if not read_only:
                for stmt in ddl():
                    self.con.execute(stmt)
                self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
            else:
                # Read a table's blocks now, so a damaged file fails here in one line, not mid-query.
                self.con.execute("SELECT count(*) FROM duckdb_tables()").fetchone()
        except duckdb.Error as exc:
            self.con.close()
            raise (store_error(exc, self.path) or exc) from exc

    def _next_time(self):  # noqa: ANN202 - datetime
        from datetime import datetime, timedelta, timezone

        now = datetime.now(timezone.utc).replace(tzinfo=None)
        last = getattr(self, "_last_time", None)
        self._last_time = now if last is None or now > last else last + timedelta(microseconds=1)
        return self._last_time

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # --- writing -------------------------------------------------------------------------
    def write(self, records: Iterable[Record]) -> int:
        """Upsert records in one transaction; returns how many were written."""
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
        keys: list[str] = []
        for record in records:
            key = article_key(record)
            if key in keys:  # the same article twice in one batch: the last wins
                for table in rows.values():
                    table[:] = [r for r in table if r.get("key", r.get("article_key")) != key]
            keys.append(key)
            self._rows(record, key, rows)
        if not keys:
            return 0
        # One ingestion time per article, a microsecond apart in input order: `records()` (and
        # the record built from it) then follows the input order, whatever the batch size. An
        # article written again unchanged (a resumed run) keeps its time and its place in the
        # record, which then has nothing to redo.
        before = {key: (at, raw) for key, at, raw in self.con.execute(
            "SELECT key, ingested_at, CAST(record AS VARCHAR) FROM articles WHERE key IN (SELECT unnest(?::VARCHAR[]))",
            [sorted(set(keys))]).fetchall()}
        for row in rows["articles"]:
            at, raw = before.get(row["key"], (None, None))
            row["ingested_at"] = at if raw is not None and raw == row["record"] else self._next_time()
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._delete(set(keys))
            for table, items in rows.items():
                if items:
                    self._insert(table, items)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return len(set(keys))

    def _delete(self, keys: set[str]) -> None:
        import pyarrow as pa

        key_table = pa.table({"key": list(keys)})  # noqa: F841 - read by DuckDB below
        self.con.register("_keys", key_table)
        try:
            for table in CHILD_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE article_key IN (SELECT key FROM _keys)")
            self.con.execute("DELETE FROM articles WHERE key IN (SELECT key FROM _keys)")
        finally:
            self.con.unregister("_keys")

    def _insert(self, table: str, items: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        cols = columns(table)
        data = pa.table({c: [item.get(c) for item in items] for c in cols if any(c in i for i in items)})
        self.con.register("_rows", data)
        try:
            names = ", ".join(f'"{c}"' for c in data.column_names)
            self.con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _rows")
        finally:
            self.con.unregister("_rows")

    @staticmethod
    def _rows(record: Record, key: str, rows: dict[str, list[dict[str, Any]]]) -> None:
        text, m = record.text, record.meta
        if record.text:
            rows["articles"].append({
                "key": key, "id": record.id, "url": m.url, "title": m.title, "published": m.published,
                "outlet": m.outlet, "language": m.language, "text_hash": text_hash(text),
                "n_words": len(text.split()), "n_entities": len(record.entities),
                "n_attributions": len(record.attributions), "n_events": len(record.events),
                "n_errors": len(record.errors), "record": json.dumps(record.to_dict(), ensure_ascii=False)})
        for e in record.entities:
            rows["entities"].append({"article_key": key, "article_id": record.id, "entity_id": e.id,
                                     "name": e.name, "type": e.type, "titles": json.dumps(e.titles),
                                     "n_mentions": len(e.mentions)})
            for s, end in e.mentions:
                rows["mentions"].append({"article_key": key, "entity_id": e.id, "start": s, "end": end,
                                         "text": text[s:end]})
        for a in record.attributions:
            rows["attributions"].append({
                "article_key": key, "article_id": record.id, "attribution_id": a.id, "outlet": m.outlet,
                "published": m.published, "source": json.dumps(a.source), "cue": json.dumps(a.cue),
                "content": json.dumps(a.content), "source_text": span_text(text, a.source),
                "cue_text": span_text(text, a.cue), "content_text": span_text(text, a.content),
                "speaker_entity": a.speaker.entity, "speaker_name": a.speaker.name,
                "speaker_type": a.speaker.type, "kind": a.kind, "speaker_resolved": a.speaker.resolved,
                "speaker_confidence": a.speaker.confidence})
        for v in record.events:
            d = v.to_dict()
            rows["events"].append({
                "article_key": key, "article_id": record.id, "event_id": v.id, "type": v.type,
                "cameo": v.cameo, "mode": v.mode, "context": json.dumps(v.context),
                "trigger": json.dumps(v.trigger), "trigger_text": span_text(text, v.trigger),
                "actor": json.dumps(d["actor"]), "recipient": json.dumps(d["recipient"]),
                "actor_name": _first(v.actor, "text"), "actor_country": _first(v.actor, "country"),
                "actor_sector": _first(v.actor, "sector"), "recipient_name": _first(v.recipient, "text"),
                "recipient_country": _first(v.recipient, "country"),
                "recipient_sector": _first(v.recipient, "sector"),
                "location": v.location.name if v.location else None,
                "location_country": v.location.country if v.location else None,
                "date": v.date, "negated": v.negated, "attributed_to": v.attributed_to,
                "sentence": json.dumps(v.sentence), "sentence_text": text[v.sentence[0]:v.sentence[1]]})
        for err in record.errors:
            rows["errors"].append({"article_key": key, "article_id": record.id, "stage": err.stage,
                                   "kind": err.kind, "message": err.message})

    # --- reading -------------------------------------------------------------------------
    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Rows of a parameterised query as dicts."""
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def count(self, table: str) -> int:
        if table not in TABLES and table not in RECORD_TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def has(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE key = ?", [key]).fetchone() is not None

    def keys(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT key FROM articles").fetchall()}

    def records(self, *, where: str = "", params: list[Any] | None = None) -> Iterator[Record]:
        """Stored articles as Records, in ingestion order (the WHERE clause is parameterised)."""
        sql = "SELECT record FROM articles " + (f"WHERE {where} " if where else "") + "ORDER BY ingested_at, key"
        cur = self.con.execute(sql, params or [])
        while batch := cur.fetchmany(500):
            for (raw,) in batch:
                yield Record.from_dict(json.loads(raw))

    def record(self, article_id: str) -> Record | None:
        row = self.con.execute("SELECT record FROM articles WHERE id = ? OR key = ? LIMIT 1",
                               [article_id, article_id]).fetchone()
        return Record.from_dict(json.loads(row[0])) if row else None

