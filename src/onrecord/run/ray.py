"""`pipeline.analyse_batch` over a Ray cluster: one actor per CPU, one model per actor.

    from onrecord.run.ray import RaySession, run
    with RaySession(address="auto"):          # or None: a local Ray on this machine
        for record in run(articles):
            ...

Records come back in input order, like `run.local.run`. The input is streamed: at most
`max_in_flight` chunks are out at once, so the driver's memory stays flat. An actor that
dies is restarted by Ray; its lost chunk is redone one article at a time, and an article
that kills its actor twice comes back as a Record with an `errors` entry.

Ray is an optional extra: `pip install 'onrecord[ray]'`.
"""
from __future__ import annotations

import logging
import os
import socket
import time
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import OnrecordError, error_record
from ..model import Article, Record
from .local import analyse_chunk, chunks, crashed, init_worker
from ..settings import DEFAULT, Settings

log = logging.getLogger("onrecord.run.ray")


class RayMissingError(OnrecordError):
    """`--engine ray` was asked for but Ray is not installed."""
    stage = "internal"
    kind = "ray_missing"


class RayConnectError(OnrecordError):
    """No Ray cluster answers at the given address."""
    stage = "internal"
    kind = "ray_connect"


def check_address(address: str, *, timeout_s: float = 5.0) -> None:
    """Fail fast, in one line, when nothing listens at a host:port address (Ray itself retries
    for minutes). `auto` and `local` are left to Ray."""
    if address in ("auto", "local"):
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        raise RayConnectError(f"--address {address!r} is not host:port, ray://host:port or auto")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout_s).close()
    except OSError as exc:
        raise RayConnectError(f"no Ray cluster answers at {address} ({exc.strerror or exc}): start one with "
                              "`ray start --head`, or leave out --address to start Ray here") from exc


def require_ray():  # noqa: ANN201 - the ray module
    """The `ray` module, or a RayMissingError that says how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise RayMissingError(
            "the Ray engine needs Ray, an optional extra. Install it with:\n"
            "  pip install 'onrecord[ray]'\n"
            "(or `pip install ray`), or use the default `--engine local`."
        ) from exc
    return ray


class _Analyser:
    """A Ray actor: loads the model once, then analyses chunk after chunk."""

    def __init__(self, settings: Settings) -> None:
        init_worker(settings)   # one BLAS thread, the model loaded before the first chunk
        self.settings = settings

    def ready(self) -> int:
        return os.getpid()

    def analyse(self, chunk: list[Article]) -> list[Record]:
        return analyse_chunk(chunk, self.settings)

    def cpu_s(self) -> float:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime

    def peak_rss_mb(self) -> float:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


_REMOTE: dict[str, Any] = {}


def _actor_class(ray):  # noqa: ANN001, ANN202
    if "cls" not in _REMOTE:
        # Ray restarts a dead actor; the driver, not Ray, redoes the chunk it lost.
        _REMOTE["cls"] = ray.remote(num_cpus=1, max_restarts=-1, max_task_retries=0)(_Analyser)
    return _REMOTE["cls"]


class RaySession:
    """Connect to a Ray cluster (`address`), or start a local one; shut down what we started.

    A local Ray gets `num_cpus` CPUs (default: every core) and no dashboard.
    """

    def __init__(self, address: str | None = None, *, num_cpus: int | None = None,
                 object_store_mb: int = 512, quiet: bool = True) -> None:
        self.address, self.num_cpus = address, num_cpus
        self.object_store_mb, self.quiet = object_store_mb, quiet
        self.started = False

    def __enter__(self) -> "RaySession":
        ray = require_ray()
        if ray.is_initialized():
            return self
        os.environ.setdefault("RAY_DEDUP_LOGS", "0")
        options: dict[str, Any] = {"log_to_driver": not self.quiet, "configure_logging": True,
                                   "logging_level": logging.ERROR if self.quiet else logging.INFO}
        if self.address:
            check_address(self.address)
            try:
                ray.init(address=self.address, **options)
            except (ConnectionError, TimeoutError) as exc:
                raise RayConnectError(f"could not connect to the Ray cluster at {self.address}: {exc}") from exc
        else:
            ray.init(num_cpus=self.num_cpus or os.cpu_count() or 1, include_dashboard=False,
                     object_store_memory=self.object_store_mb * 1024 * 1024, **options)
        self.started = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self.started:
            require_ray().shutdown()
            self.started = False

    def cpus(self) -> int:
        ray = require_ray()
        return max(1, int(ray.cluster_resources().get("CPU", 1)))


class ActorPool:
    """N analyser actors, started once and reused across `run` calls."""

    def __init__(self, workers: int | None = None, *, settings: Settings = DEFAULT) -> None:
        ray = require_ray()
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        cls = _actor_class(ray)
        self.settings = settings
        self.actors = [cls.remote(settings) for _ in range(n)]
        ray.get([a.ready.remote() for a in self.actors])   # every model loaded before timing starts

    def __len__(self) -> int:
        return len(self.actors)

    def peak_rss_mb(self) -> list[float]:
        ray = require_ray()
        return ray.get([a.peak_rss_mb.remote() for a in self.actors])

    def cpu_s(self) -> list[float]:
        """CPU seconds each actor has used so far."""
        ray = require_ray()
        return ray.get([a.cpu_s.remote() for a in self.actors])

    def close(self) -> None:
        ray = require_ray()
        for actor in self.actors:
            ray.kill(actor)
        self.actors = []


def run(articles: Iterable[Article], *, workers: int | None = None, settings: Settings = DEFAULT,
        chunk_size: int = 16, max_in_flight: int | None = None, pool: ActorPool | None = None,
        per_actor: int = 2) -> Iterator[Record]:
    """Analyse articles on Ray actors, yielding Records in input order.

    Needs a RaySession (or `ray.init`) first. `workers` actors (default: the cluster's CPUs)
    each load the model once; each holds at most `per_actor` chunks, and at most
    `max_in_flight` chunks (default 4 per actor) are read ahead of what was yielded.
    """
    ray = require_ray()
    own = pool is None
    pool = pool or ActorPool(workers, settings=settings)
    n = len(pool)
    limit = max_in_flight or 4 * n
    load = [0] * n
    # Entries: [chunk, ref, actor index, done?], oldest first.
    pending: deque[list[Any]] = deque()

    def submit(chunk: list[Article]) -> None:
        i = min(range(n), key=load.__getitem__)
        load[i] += 1
        pending.append([chunk, pool.actors[i].analyse.remote(chunk), i, False])

    def wait_one() -> None:
        running = [e for e in pending if not e[3]]
        if not running:
            return
        ready, _ = ray.wait([e[1] for e in running], num_returns=1)
        for e in running:
            if e[1] in ready:
                e[3] = True
                load[e[2]] -= 1

    def heads(block: bool) -> Iterator[Record]:
        while pending and (pending[0][3] or block):
            chunk, ref, i, done = pending.popleft()
            if not done:
                load[i] -= 1
            yield from _result(ray, pool, chunk, ref)
            block = False

    try:
        for chunk in chunks(articles, chunk_size):
            while len(pending) >= limit or min(load) >= per_actor:
                wait_one()
                yield from heads(block=False)
                if len(pending) >= limit and pending and not pending[0][3]:
                    yield from heads(block=True)
            submit(chunk)
            yield from heads(block=False)
        while pending:
            yield from heads(block=True)
    finally:
        for entry in pending:   # stopped early (an error, Ctrl-C): drop what is queued
            try:
                ray.cancel(entry[1], force=False)
            except Exception:  # noqa: BLE001 - best effort; the actors go with the pool
                pass
        if own:
            pool.close()


def _result(ray, pool: ActorPool, chunk: list[Article], ref) -> Iterator[Record]:  # noqa: ANN001
    try:
        yield from ray.get(ref)
        return
    except ray.exceptions.RayActorError as exc:
        log.warning("an actor died with %d articles in hand (%s); redoing them one by one", len(chunk), exc)
    except ray.exceptions.RayTaskError as exc:
        log.warning("a chunk of %d articles failed (%s); redoing them one by one", len(chunk), exc)
    # Redo the lost chunk one article at a time, on whichever actor is alive.
    for article in chunk:
        yield from _redo(ray, pool, article)


def _redo(ray, pool: ActorPool, article: Article, *, wait_s: float = 300.0) -> list[Record]:  # noqa: ANN001
    """One article on its own: an actor restarting is waited for; one dying twice on it is a crash."""
    unavailable = getattr(ray.exceptions, "ActorUnavailableError", ())
    deaths, k = 0, 0
    deadline = time.monotonic() + wait_s
    while True:
        actor = pool.actors[k % len(pool.actors)]
        k += 1
        try:
            return ray.get(actor.analyse.remote([article]))
        except unavailable as exc:   # being restarted by Ray: try another, then this one again
            if time.monotonic() > deadline:
                return [crashed(article, f"no Ray actor became available to analyse this article ({exc})")]
            time.sleep(0.2)
        except ray.exceptions.RayActorError as exc:
            deaths += 1
            if deaths >= 2:
                return [crashed(article, f"the Ray actor died while analysing this article ({exc})")]
        except Exception as exc:
            return [Record.failed(article, error_record("pipeline", exc))]


__all__ = ["RaySession", "ActorPool", "RayMissingError", "RayConnectError", "check_address", "require_ray", "run"]
