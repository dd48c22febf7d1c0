"""Scale: every core of one machine, or a Ray cluster; partitioned Parquet out; resumable runs.

- `job.ingest(...)`: read → analyse (local processes or Ray) → DuckDB store and/or Parquet,
  one transaction per batch, `resume=True` skipping what an interrupted run committed.
- `parquet.read_parquet(path)`: a Parquet input reader; `parquet.ParquetSink`: output.
- `ray.run(articles)`: `pipeline.analyse_batch` over Ray actors (the optional `ray` extra).
"""
from __future__ import annotations

from .job import IngestSummary, ingest

__all__ = ["ingest", "IngestSummary"]
