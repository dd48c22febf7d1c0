"""One ingestion run: read, analyse on local processes or Ray, write batches; resumable.

Checkpoints are the outputs themselves. The DuckDB store commits one transaction per batch;
the Parquet sink commits whole flushes atomically (see parquet.py). `resume=True` skips the
articles every requested output already holds (the intersection of their keys), so a run
that was killed, or lost its machine, ends with exactly the records of a clean run: an
article committed to one output but not the other is analysed again and written only where
it is missing (the store upserts by key, the sink never writes a committed key twice).
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Callable

from ..model import Article, Record
from ..settings import DEFAULT, Settings
from ..store.record_tables import is_stale, pending
from .record import refresh_record

ENGINES = ("local", "ray")
SMALL_INPUT = 16   # articles per core below which the default local engine stays in-process


@dataclass
class IngestSummary:
    analysed: int = 0          # Records written this run
    ok: int = 0                # ... with text and no errors
    readable: int = 0          # ... with text
    skipped: int = 0           # articles already committed (resume)
    store_articles: int | None = None
    store_errors: int | None = None
    parquet_dir: str | None = None
    workers: int = 1
    engine: str = "local"
    outputs: list[str] = field(default_factory=list)


def default_workers() -> int:
    """Every core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def done_keys(store=None, sink=None) -> set[str]:  # noqa: ANN001
    """Keys committed to every given output: what a resumed run may skip.

    The sink is also told never to write its committed keys again: an article in the sink
    but not the store is analysed again for the store only.
    """
    sets = []
    if store is not None:
        sets.append(store.keys())
    if sink is not None:
        committed = sink.keys()
        sink.exclude(committed)
        sets.append(committed)
    return set.intersection(*sets) if sets else set()


def skip_done(articles: Iterable[Article], done: set[str], summary: IngestSummary) -> Iterator[Article]:
    """Articles not yet committed (a read failure is always tried again: it costs nothing)."""
    from ..store import article_key

    for article in articles:
        if not (article.errors and not article.text) and article_key(article) in done:
            summary.skipped += 1
            continue
        yield article


def analyse(articles: Iterable[Article], *, engine: str = "local", workers: int | None = None,
            address: str | None = None, settings: Settings = DEFAULT, stack: ExitStack) -> Iterator[Record]:
    """Records in input order from the chosen engine (a Ray session lives as long as `stack`)."""
    if engine == "local":
        from ..run.local import run

        if workers is None:
            # Every core by default; but an input smaller than a few chunks per core does not
            # pay N model loads: it runs in this process.
            n = default_workers()
            it = iter(articles)
            head = list(islice(it, SMALL_INPUT * n))
            if len(head) < SMALL_INPUT * n:
                n = 1
            return run(chain(head, it), workers=n, settings=settings)
        return run(articles, workers=workers, settings=settings)
    if engine == "ray":
        from ..run.ray import RaySession, run as ray_run

        stack.enter_context(RaySession(address, num_cpus=None if address else (workers or default_workers())))
        return ray_run(articles, workers=workers, settings=settings)
    raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


def ingest(paths: Iterable[str], *, db: str | None = "onrecord.duckdb", parquet: str | None = None,
           engine: str = "local", workers: int | None = None, address: str | None = None,
           resume: bool = False, batch: int = 64, part_articles: int = 5000, settings: Settings = DEFAULT,
           on_record: Callable[[Record], None] | None = None, build_record: bool = True,
           on_phase: Callable[[str], None] | None = None,
           on_record_progress: Callable[[int, int], None] | None = None) -> IngestSummary:
    """Analyse every article of `paths` into the DuckDB store `db` and/or Parquet folder `parquet`.

    `workers` defaults to every core (local) or every CPU of the cluster (Ray). Each batch of
    `batch` Records is one store transaction; the Parquet sink commits every `part_articles`.
    With `build_record`, the store's record (people, claims, conflicts) then grows by the new
    articles (`on_phase` is told, in words, before that phase starts; `on_record_progress`
    (done, total) after each unit of it).
    """
    from ..ingest import read

    if db is None and parquet is None:
        raise ValueError("nothing to write: give a store (db) or a Parquet folder (parquet), or both")
    summary = IngestSummary(engine=engine, parquet_dir=parquet)
    summary.workers = workers or (default_workers() if engine == "local" or not address else 0)
    with ExitStack() as stack:
        store = sink = None
        if engine == "ray":
            # Connect first: a cluster that does not answer fails in seconds, holding no store lock.
            from ..run.ray import RaySession

            stack.enter_context(RaySession(address, num_cpus=None if address else (workers or default_workers())))
        if db is not None:
            from ..store import Store

            store = stack.enter_context(Store(db))
            summary.outputs.append(db)
        if parquet is not None:
            from ..store.parquet import ParquetSink

            sink = stack.enter_context(ParquetSink(parquet, flush_articles=part_articles))
            summary.outputs.append(parquet)
        articles: Iterable[Article] = read(paths, settings=settings, defer_html=True)
        if resume:
            articles = skip_done(articles, done_keys(store, sink), summary)
        records = analyse(articles, engine=engine, workers=workers, address=address, settings=settings,
                          stack=stack)
        try:
            while chunk := list(islice(records, batch)):
                if store is not None:
                    store.write(chunk)
                if sink is not None:
                    sink.write(chunk)
                for r in chunk:
                    summary.analysed += 1
                    summary.ok += bool(r.text) and not r.errors
                    summary.readable += bool(r.text)
                    if on_record:
                        on_record(r)
        finally:
            close = getattr(records, "close", None)
            if close:
                close()   # stop the workers before the outputs close
        if store is not None:
            # The record grows by what this run stored; a run that stored nothing still finishes
            # what a killed run left (is_stale: articles the record does not hold yet).
            if build_record and (summary.analysed or is_stale(store)):
                plan = pending(store)
                if on_phase and (plan.rebuild or plan.keys):
                    n = store.count("articles") if plan.rebuild else len(plan.keys)
                    on_phase(f"rebuilding the record (people, claims, conflicts) from {n} articles" if plan.rebuild
                             else f"adding {n} articles to the record (people, claims, conflicts)")
                refresh_record(store, on_progress=on_record_progress)
            summary.store_articles = store.count("articles")
            summary.store_errors = store.count("errors")
    return summary


__all__ = ["ingest", "IngestSummary", "done_keys", "skip_done", "default_workers", "ENGINES"]
