"""Run the pipeline over many articles: in-process, or in N worker processes with one model each.

Records come back in input order. The input is streamed: at most `max_in_flight` chunks are
read ahead of the consumer, so memory stays flat however long the input is. A worker that
dies (killed, out of memory, a crash in native code) costs a retry, then only the article
that killed it: that article comes back as a Record with an `errors` entry and the run goes on.
Progress goes to stderr only on a terminal.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from ..model import Article, ErrorRecord, Record
from ..pipeline import analyse_batch
from ..settings import DEFAULT, Settings

_WORKER_SETTINGS: Settings = DEFAULT
BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS",
             "NUMEXPR_NUM_THREADS")


def one_thread() -> None:
    """One BLAS/OpenMP thread in this process: workers scale by processes, not threads."""
    for var in BLAS_VARS:
        os.environ[var] = "1"
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)  # libraries already loaded before the variables were set
    except Exception:  # threadpoolctl is optional (it comes with scikit-learn)
        pass


def die_with(parent: int, *, every_s: float = 1.0) -> None:
    """End this process when `parent` (the driver) is gone, however it died (kill -9 included).

    A pool worker is a child of the forkserver, not the driver, and blocks on a queue the
    driver no longer feeds: left alone it outlives a killed driver by hours. Linux delivers
    SIGKILL when the forkserver exits (prctl PR_SET_PDEATHSIG); a daemon thread also checks
    for the driver itself, everywhere.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001 - the watch thread still covers it
            pass

    def watch() -> None:
        while True:
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:   # alive, someone else's (pid reused): keep watching
                pass
            time.sleep(every_s)

    threading.Thread(target=watch, name="onrecord-die-with-driver", daemon=True).start()


def init_worker(settings: Settings = DEFAULT, parent: int | None = None) -> None:
    """Make this process a worker: one thread, the model loaded once, before the first article.
    With `parent` (the driver's pid, local pools only), the worker exits when the driver dies."""
    global _WORKER_SETTINGS
    if parent is not None:
        die_with(parent)
    one_thread()
    _WORKER_SETTINGS = settings
    from ..text import nlp

    nlp.load()


def analyse_chunk(chunk: list[Article], settings: Settings | None = None) -> list[Record]:
    """Analyse one chunk in this process, freeing the strings its parses added to the vocabulary.

    spaCy's StringStore grows with every new token it sees; over millions of articles that is
    the one thing that makes a worker's memory climb. A memory zone (spaCy >= 3.8) drops what
    the chunk added once its Records (plain strings and offsets) are built.
    """
    from ..text import nlp
    from ..ingest.pages import materialise

    settings = settings or _WORKER_SETTINGS
    chunk = materialise(chunk, settings)   # deferred HTML pages are extracted here, in the worker
    model = nlp.load()
    zone = getattr(model, "memory_zone", None)
    if zone is None:
        return list(analyse_batch(chunk, settings=settings))
    with zone():
        return list(analyse_batch(chunk, settings=settings))


def _work(chunk: list[Article]) -> list[Record]:
    return analyse_chunk(chunk)


def chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Lists of `size` items, read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def crashed(article: Article, why: str) -> Record:
    """The Record of an article whose worker died while analysing it."""
    return Record.failed(article, ErrorRecord("pipeline", "worker_crash", why))


def _context():  # noqa: ANN202
    return mp.get_context("spawn" if sys.platform == "darwin" else "forkserver")


class LocalPool:
    """N worker processes with a model each; rebuilt when a worker dies. Reusable across `run`s."""

    def __init__(self, workers: int, settings: Settings = DEFAULT) -> None:
        self.workers, self.settings = workers, settings
        self.executor: ProcessPoolExecutor | None = None
        self.generation = 0
        self._sigterm = None   # our SIGTERM handler while it is installed

    def get(self) -> ProcessPoolExecutor:
        if self.executor is None:
            self.executor = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=init_worker,
                                                initargs=(self.settings, os.getpid()))
            self.generation += 1
            self._catch_sigterm()
        return self.executor

    def _catch_sigterm(self) -> None:
        """On SIGTERM (a scheduler stopping the job), stop the workers, then unwind as Ctrl-C does
        (outputs closed, the store usable). Only where nobody else handles SIGTERM (not `serve`)."""
        if self._sigterm is not None or threading.current_thread() is not threading.main_thread():
            return
        if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
            return

        def on_sigterm(signum: int, frame: object) -> None:
            self.kill()
            raise KeyboardInterrupt(f"signal {signum}")

        signal.signal(signal.SIGTERM, on_sigterm)
        self._sigterm = on_sigterm

    def _release_sigterm(self) -> None:
        if self._sigterm is not None and signal.getsignal(signal.SIGTERM) is self._sigterm:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
        self._sigterm = None

    def kill(self) -> None:
        """Stop every worker now (their chunks are lost), without waiting."""
        for process in list(getattr(self.executor, "_processes", {}).values()):  # noqa: SLF001
            try:
                process.kill()
            except Exception:  # noqa: BLE001 - already gone
                pass

    def submit(self, chunk: list[Article]) -> tuple[Future, int]:
        try:
            return self.get().submit(_work, chunk), self.generation
        except BrokenProcessPool:
            self.reset()
            return self.get().submit(_work, chunk), self.generation

    def warm(self, articles: list[Article]) -> None:
        """Start every worker and run `articles` through each, so timing starts warm."""
        futures = [self.submit(list(articles))[0] for _ in range(self.workers * 2)]
        for f in futures:
            f.result()

    def pids(self) -> list[int]:
        return list(self.executor._processes) if self.executor is not None else []  # noqa: SLF001

    def reset(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None
        if threading.current_thread() is threading.main_thread():
            self._release_sigterm()

    def __enter__(self) -> "LocalPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run(articles: Iterable[Article], *, workers: int = 1, settings: Settings = DEFAULT,
        chunk_size: int = 8, max_in_flight: int | None = None, pool: LocalPool | None = None) -> Iterator[Record]:
    """Analyse articles, yielding Records in input order.

    With workers > 1 (or a `pool`) the articles go in chunks of `chunk_size` to N processes
    with a model each; at most `max_in_flight` chunks (default 4 per worker) are read ahead
    of what was yielded.
    """
    if workers <= 1 and pool is None:
        for chunk in chunks(articles, max(chunk_size, settings.batch_size)):
            yield from analyse_chunk(chunk, settings)
        return
    own = pool is None
    pool = pool or LocalPool(workers, settings)
    limit = max_in_flight or 4 * pool.workers
    pending: deque[tuple[list[Article], Future, int]] = deque()
    source = chunks(articles, chunk_size)
    try:
        for chunk in source:
            pending.append((chunk, *pool.submit(chunk)))
            while len(pending) >= limit:
                yield from _collect(pool, pending)
        while pending:
            yield from _collect(pool, pending)
    finally:
        for _, future, _ in pending:
            future.cancel()
        if own:
            pool.close()


def _collect(pool: LocalPool, pending: deque) -> Iterator[Record]:
    """Yield the oldest chunk's Records; after a worker death, redo what was lost."""
    chunk, future, generation = pending.popleft()
    try:
        yield from future.result()
        return
    except BrokenProcessPool:
        pass
    # A worker died. Every chunk still pending on that pool is lost with it: resubmit those
    # to a fresh pool, and redo this chunk one article at a time to find the one that kills.
    if pool.generation == generation:
        pool.reset()
    for i, (other, f, g) in enumerate(pending):
        if g == generation or f.done() and f.exception() is not None:
            pending[i] = (other, *pool.submit(other))
    yield from _isolate(pool, chunk)


def _isolate(pool: LocalPool, chunk: list[Article]) -> Iterator[Record]:
    for article in chunk:
        future, _ = pool.submit([article])
        try:
            yield from future.result()
        except BrokenProcessPool as exc:
            pool.reset()
            yield crashed(article, f"the worker process died while analysing this article ({exc})")


class Progress:
    """Progress on stderr: a rich line on a terminal; when piped, a log line every `log_every`
    seconds (a long run in a scheduler's log shows it is alive); nothing when `enabled` is False.

    `advance(record)` counts analysed articles (rate and errors); `update(done, total)` reports
    a phase whose size is known (the record)."""

    def __init__(self, *, enabled: bool | None = None, label: str = "analysing", log_every: float = 30.0) -> None:
        tty = sys.stderr.isatty()
        self.enabled = tty if enabled is None else enabled
        self.logging = enabled is None and not tty and log_every > 0
        self.log_every = log_every
        self.label = label
        self.done = self.errors = 0
        self.total: int | None = None
        self._start = self._logged = time.perf_counter()
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
        self._show()

    def update(self, done: int, total: int, *, label: str | None = None) -> None:
        if label is not None and label != self.label:  # a new phase: its own rate
            self.label, self._start = label, time.perf_counter()
        self.done, self.total = done, total
        self._show()

    def _words(self) -> str:
        rate = self.done / max(time.perf_counter() - self._start, 1e-9)
        if self.total is not None:
            return f"{self.label}: {self.done} of {self.total} articles, {rate:.1f}/s"
        return f"{self.label}: {self.done} articles, {rate:.1f}/s, {self.errors} errors"

    def _show(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description=self._words())
        elif self.logging and time.perf_counter() - self._logged >= self.log_every:
            self._logged = time.perf_counter()
            print(f"onrecord: {self._words()}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _stderr_console():  # noqa: ANN202
    from rich.console import Console

    return Console(stderr=True)
