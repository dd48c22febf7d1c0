"""Parquet input: a file with a `text` or `html` column, streamed a row group at a time."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError, error_article
from ..model import Article
from ..settings import DEFAULT, Settings
from .jsonl import article_from_obj

INPUT_COLUMNS = ("id", "url", "title", "published", "date", "outlet", "text", "html")


def read_parquet(path: str | Path | BinaryIO, *, name: str | None = None, settings: Settings = DEFAULT,
                 batch_rows: int = 512) -> Iterator[Article]:
    """Articles of a Parquet file with a `text` or `html` column (optional: id, url, title,
    published or date, outlet), streamed a row group at a time; bad rows become error Articles."""
    import pyarrow.parquet as pq

    if isinstance(path, (str, Path)):
        path = Path(path)
        name = name or (path.name[: -len(".parquet")] if path.name.lower().endswith(".parquet") else path.stem)
    name = name or "parquet"
    try:
        pf = pq.ParquetFile(path)
    except Exception as exc:
        yield error_article(name, InputError(
            f"{name}: not a readable Parquet file ({exc})", "malformed"))
        return
    columns = [c for c in INPUT_COLUMNS if c in pf.schema_arrow.names]
    if "text" not in columns and "html" not in columns:
        yield error_article(name, InputError(
            f"{name}: Parquet file has no `text` or `html` column", "no_text"))
        return
    n = 0
    try:
        for batch in pf.iter_batches(batch_size=batch_rows, columns=columns):
            for row in batch.to_pylist():
                n += 1
                default_id = f"{name}:{n}"
                try:
                    for column in ("published", "date"):   # a date or timestamp column
                        if hasattr(row.get(column), "isoformat"):
                            row[column] = row[column].isoformat()
                    yield article_from_obj(row, default_id=default_id, settings=settings)
                except Exception as exc:
                    own_id = row.get("id") or row.get("url")
                    yield error_article(str(own_id) if own_id else default_id, exc)
    except Exception as exc:  # a corrupt row group: report it and stop reading this file
        yield error_article(f"{name}:{n + 1}", InputError(
            f"{name}: unreadable after row {n} ({exc})", "malformed"))
