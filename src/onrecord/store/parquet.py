"""Parquet output: `ParquetSink` writes the store's tables as partitioned Parquet (input: `ingest.parquet`).

Output layout, one folder per table, Hive-partitioned by the article's publication date::

    DIR/articles/published_date=2017-07-21/part-<run>-00000.parquet
    DIR/attributions/published_date=2017-07-21/part-<run>-00000.parquet
    DIR/events/...  DIR/entities/...  DIR/mentions/...  DIR/errors/...
    DIR/articles/published_date=unknown/...          (no or unreadable date)

The columns are the store's (store/schema.py), so DuckDB
(`read_parquet('DIR/events/*/*.parquet', hive_partitioning=true)`), Spark
(`spark.read.parquet('DIR/events')`) and pandas (`pd.read_parquet('DIR/events')`) read it
directly. Files are only ever added, never rewritten.

Commits are atomic across tables: a flush writes every file under `DIR/_tmp/`, then a
journal naming them (`DIR/_journal/*.json`, written by rename), then moves them into place
and deletes the journal. Opening the folder again rolls a journal forward and deletes
stray temporary files, so a killed run leaves either all of a flush or none of it, and
`keys()` (what `--resume` skips) only ever names articles whose rows are all there.
One writer per folder at a time.
"""
from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..model import Record
from .db import Store, article_key
from .schema import TABLES, column_defs

PARTITION = "published_date"
UNKNOWN_DATE = "unknown"
OUTPUT_TABLES = ("articles", "entities", "mentions", "attributions", "events", "errors")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_TYPES = {"VARCHAR": "string", "JSON": "string", "INTEGER": "int32", "BOOLEAN": "bool", "TIMESTAMP": "timestamp",
          "DOUBLE": "double"}


def publication_date(published: str | None) -> str:
    """YYYY-MM-DD of a `published` value, or "unknown"."""
    if not published:
        return UNKNOWN_DATE
    m = _ISO_DATE.match(published.strip())
    if m:
        return "-".join(m.groups())
    try:
        from dateutil import parser

        return parser.parse(published, fuzzy=False).date().isoformat()
    except Exception:
        return UNKNOWN_DATE


def arrow_schema(table: str):  # noqa: ANN201 - pyarrow.Schema
    """The Arrow schema of one store table (the partition column lives in the folder name)."""
    import pyarrow as pa

    arrow = {"string": pa.string(), "int32": pa.int32(), "bool": pa.bool_(), "timestamp": pa.timestamp("us"),
             "double": pa.float64()}
    return pa.schema([pa.field(name, arrow[_TYPES[kind]], nullable=not not_null)
                      for name, kind, not_null in column_defs(table)])


def table_rows(records: Iterable[Record]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every store table for these records, each with its `published_date`."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    for record in records:
        before = {name: len(items) for name, items in rows.items()}
        Store._rows(record, article_key(record), rows)  # the store's own row builder: same columns
        date = publication_date(record.meta.published)
        for name, items in rows.items():
            for row in items[before[name]:]:
                row[PARTITION] = date
                if name == "articles":
                    row["ingested_at"] = now
                elif name == "errors":
                    row["logged_at"] = now
    return rows


class ParquetSink:
    """Partitioned Parquet output, buffered and committed atomically every `flush_articles`."""

    def __init__(self, root: str | Path, *, flush_articles: int = 5000) -> None:
        self.root = Path(root)
        self.flush_articles = max(1, flush_articles)
        self.run_id = time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        self._seq = 0
        self._buffer: list[Record] = []
        self.root.mkdir(parents=True, exist_ok=True)
        self.recover()
        # Keys committed here, by this sink or an earlier run: never written twice, so a run
        # repeated without --resume adds nothing it already holds.
        self._written: set[str] = self.keys()

    # The journal protocol -------------------------------------------------------------
    @property
    def _tmp(self) -> Path:
        return self.root / "_tmp"

    @property
    def _journal(self) -> Path:
        return self.root / "_journal"

    def recover(self) -> int:
        """Finish flushes a killed run committed, drop those it did not; returns files moved."""
        moved = 0
        if self._journal.is_dir():
            for journal in sorted(self._journal.glob("*.json")):
                for tmp, final in json.loads(journal.read_text(encoding="utf-8")):
                    src, dst = self.root / tmp, self.root / final
                    if src.exists():
                        dst.parent.mkdir(parents=True, exist_ok=True)
                        os.replace(src, dst)
                        moved += 1
                journal.unlink()
        if self._tmp.is_dir():
            for stray in self._tmp.iterdir():  # written by a flush whose journal never landed
                stray.unlink()
        return moved

    def keys(self) -> set[str]:
        """Keys of every article committed here (analysed, or failed: the `errors` table)."""
        import pyarrow.dataset as ds

        done: set[str] = set()
        for table, column in (("articles", "key"), ("errors", "article_key")):
            folder = self.root / table
            files = sorted(str(p) for p in folder.rglob("*.parquet")) if folder.is_dir() else []
            if files:
                dataset = ds.dataset(files, format="parquet")
                for batch in dataset.to_batches(columns=[column]):
                    done.update(batch.column(0).to_pylist())
        return done

    # Writing ----------------------------------------------------------------------------
    def write(self, records: Iterable[Record]) -> None:
        self._buffer.extend(records)
        if len(self._buffer) >= self.flush_articles:
            self.flush()

    def flush(self) -> int:
        """Commit the buffered records; returns the number of files added."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        from ..store import article_key

        # The same article twice (in this buffer, or already committed by this sink): last one
        # in the buffer wins within a flush; one already committed is not written again.
        latest: dict[str, Record] = {}
        for record in self._buffer:
            key = article_key(record)
            if key not in self._written:
                latest[key] = record
        self._buffer.clear()
        if not latest:
            return 0
        rows = table_rows(latest.values())
        self._tmp.mkdir(parents=True, exist_ok=True)
        moves: list[tuple[str, str]] = []
        seq = self._seq
        self._seq += 1
        for table in OUTPUT_TABLES:
            by_date: dict[str, list[dict[str, Any]]] = {}
            for row in rows[table]:
                by_date.setdefault(row.pop(PARTITION), []).append(row)
            schema = arrow_schema(table)
            for date, items in sorted(by_date.items()):
                data = pa.Table.from_pylist(items, schema=schema)
                name = f"part-{self.run_id}-{seq:05d}.parquet"
                tmp = self._tmp / f"{table}-{date}-{name}.tmp"
                pq.write_table(data, tmp, compression="zstd")
                _fsync(tmp)
                moves.append((str(tmp.relative_to(self.root)), f"{table}/{PARTITION}={date}/{name}"))
        self._journal.mkdir(parents=True, exist_ok=True)
        journal = self._journal / f"{self.run_id}-{seq:05d}.json"
        pending = journal.with_suffix(".json.tmp")
        pending.write_text(json.dumps(moves), encoding="utf-8")
        _fsync(pending)
        os.replace(pending, journal)   # the commit point
        _fsync_dir(self._journal)
        for tmp, final in moves:
            dst = self.root / final
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.root / tmp, dst)
        for tmp, final in moves:
            _fsync_dir((self.root / final).parent)
        journal.unlink()
        self._written.update(latest)
        return len(moves)

    def exclude(self, keys: Iterable[str]) -> None:
        """Never write these keys again (they are committed already)."""
        self._written.update(keys)

    def close(self) -> None:
        self.flush()

    def __enter__(self) -> "ParquetSink":
        return self

    def __exit__(self, exc_type, *exc: object) -> None:  # noqa: ANN001
        # Buffered Records are whole analyses, so they are committed even when the run stops on
        # an error or Ctrl-C; a flush that fails half-way is undone by the next recover().
        try:
            self.close()
        except Exception:
            if exc_type is None:
                raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        _fsync(path)
    except OSError:  # not every platform fsyncs folders
        pass


__all__ = ["read_parquet", "ParquetSink", "publication_date", "arrow_schema", "table_rows", "OUTPUT_TABLES"]
