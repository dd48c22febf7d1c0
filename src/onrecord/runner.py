"""Run the pipeline over many articles: in-process, or in N worker processes with one model each.

Records come back in input order. Progress goes to stderr only on a terminal.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice

from .model import Article, Record
from .pipeline import analyse_batch
from .settings import DEFAULT, Settings

_WORKER_SETTINGS: Settings = DEFAULT


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    _WORKER_SETTINGS = settings
    from . import nlp

    nlp.load()  # once per worker, before the first article arrives


def _work(chunk: list[Article]) -> list[Record]:
    return list(analyse_batch(chunk, settings=_WORKER_SETTINGS))


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run(articles: Iterable[Article], *, workers: int = 1, settings: Settings = DEFAULT,
        chunk_size: int = 8) -> Iterator[Record]:
    """Analyse articles, yielding Records in input order."""
    if workers <= 1:
        yield from analyse_batch(articles, settings=settings)
        return
    ctx = mp.get_context("spawn" if sys.platform == "darwin" else "forkserver")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(settings,)) as pool:
        for records in pool.imap(_work, _chunks(articles, chunk_size)):
            yield from records


class Progress:
    """Articles/s and errors so far on stderr; a silent no-op when piped or quiet."""

    def __init__(self, *, enabled: bool | None = None, label: str = "analysing") -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.label = label
        self.done = self.errors = 0
        self._start = time.perf_counter()
        self._bar = None

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.progress import Progress as RichProgress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._bar = RichProgress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                     transient=True, console=_stderr_console())
            self._bar.start()
            self._task = self._bar.add_task(self.label)
        return self

    def advance(self, record: Record) -> None:
        self.done += 1
        self.errors += bool(record.errors)
        if self._bar is not None:
            rate = self.done / max(time.perf_counter() - self._start, 1e-9)
            self._bar.update(self._task, description=(
                f"{self.label}: {self.done} articles, {rate:.1f}/s, {self.errors} errors"))

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_console():  # noqa: ANN202
    from rich.console import Console

    return Console(stderr=True)
