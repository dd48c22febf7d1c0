"""Exports: contract JSONL, CSV/Parquet tables, GDELT 2.0 event rows."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import IO

from .db import Store
from .schema import TABLES


def export(store: Store, *, fmt: str, table: str | None = None, output: str | None = None) -> int:
    """Write the store in `fmt`; returns the number of rows written."""
    if fmt == "jsonl":
        return _to_stream(output, lambda fh: _jsonl(store, fh))
    if fmt == "gdelt":
        return _to_stream(output, lambda fh: _gdelt(store, fh))
    tables = [table] if table else list(TABLES)
    if table and output:
        return _copy(store, table, Path(output), fmt)
    if table and not output and fmt == "csv":
        return _to_stream(None, lambda fh: _csv_stream(store, table, fh))
    folder = Path(output or "export")
    folder.mkdir(parents=True, exist_ok=True)
    return sum(_copy(store, t, folder / f"{t}.{fmt}", fmt) for t in tables)


def _to_stream(output: str | None, write) -> int:  # noqa: ANN001
    if output is None:
        return write(sys.stdout)
    with open(output, "w", encoding="utf-8", newline="") as fh:
        return write(fh)


def _jsonl(store: Store, fh: IO[str]) -> int:
    n = 0
    for record in store.records():
        fh.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _copy(store: Store, table: str, path: Path, fmt: str) -> int:
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    cols = "* EXCLUDE (record)" if table == "articles" else "*"
    options = "(FORMAT PARQUET)" if fmt == "parquet" else "(FORMAT CSV, HEADER)"
    path.parent.mkdir(parents=True, exist_ok=True)
    store.con.execute(f"COPY (SELECT {cols} FROM {table}) TO '{_quote(str(path))}' {options}")
    return store.count(table)


def _csv_stream(store: Store, table: str, fh: IO[str]) -> int:
    cols = "* EXCLUDE (record)" if table == "articles" else "*"
    cur = store.con.execute(f"SELECT {cols} FROM {table}")
    writer = csv.writer(fh)
    writer.writerow([d[0] for d in cur.description])
    n = 0
    while rows := cur.fetchmany(1000):
        writer.writerows(rows)
        n += len(rows)
    return n


def _gdelt(store: Store, fh: IO[str]) -> int:
    from ..events.gdelt import GDELT_COLUMNS, gdelt_rows

    writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
    writer.writerow(GDELT_COLUMNS)
    n = 0
    for record in store.records():
        for row in gdelt_rows(record):
            writer.writerow(row)
            n += 1
    return n


def _quote(path: str) -> str:
    return path.replace("'", "''")
