"""Render workers: separate processes, a time limit per render, a bounded queue.

Why processes: rendering is CPU-bound Python (typesetting, CairoSVG, PNG encoding). In
the serving process it would hold the GIL and stall every other request, and a render
that never ends could not be stopped. In a worker it costs that worker only; past the
time limit the worker is killed and replaced.

Pebble's `ProcessPool` does the process work (a well-kept library for exactly this:
per-task timeouts that terminate the worker and start a fresh one, `max_tasks` recycling,
an initializer); `concurrent.futures.ProcessPoolExecutor` can neither time out nor stop
a running task. Workers start from a forkserver that has already imported sharecard,
so a replacement is ready in a fraction of a second, and never inherit the serving
process's threads.

Admission is decided here, in the event loop, before a task reaches Pebble: at most
`workers + queue_size` requests are in flight; one more gets `Overloaded` (503 with
Retry-After), so a burst is refused quickly instead of queueing without end.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import math
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import BrokenExecutor
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

from sharecard.cards.config import Settings

T = TypeVar("T")
log = logging.getLogger("sharecard.service")

MAX_TASKS_PER_WORKER = 1000  # recycle a worker now and then: caches and leaks stay bounded
MAX_RETRY_AFTER = 60


class Overloaded(Exception):
    """Every worker is busy and the queue is full."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class RenderTimeout(Exception):
    """The render ran past the time limit; its worker was replaced."""


class WorkerCrashed(Exception):
    """The worker process crashed during the render (a segfault, an abort, an exit): a
    bug in sharecard or a library it runs."""


class WorkerLost(Exception):
    """The worker process was killed from outside during the render (SIGKILL, as the
    OOM killer sends, or SIGTERM): not the request's fault, so worth a retry."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


# How a process killed from outside ends (negative: the signal's number).
KILLED_FROM_OUTSIDE = frozenset({-signal.SIGKILL, -signal.SIGTERM})


def _start_worker(settings: Settings) -> None:
    from sharecard.service.jobs import warm_up

    try:
        warm_up(settings)
    except Exception:  # a request will meet the same problem and report it properly
        log.exception("render worker warm-up failed")


class RenderPool:
    """A pool of render worker processes behind an admission limit."""

    def __init__(self, *, workers: int, queue_size: int, timeout: float,
                 settings: Settings) -> None:
        if workers < 1:
            raise ValueError("a render pool needs at least one worker")
        self.workers = workers
        self.queue_size = queue_size
        self.timeout = timeout
        self.settings = settings
        self.in_flight = 0
        self.restarts = 0  # broken pools replaced
        self._average = 1.0  # seconds per render, smoothed: for Retry-After
        self._pool: ProcessPool | None = None

    @property
    def capacity(self) -> int:
        return self.workers + self.queue_size

    @property
    def queued(self) -> int:
        """Requests admitted but waiting for a worker."""
        return max(0, self.in_flight - self.workers)

    def _new_pool(self) -> ProcessPool:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["sharecard.service.jobs"])
        return ProcessPool(max_workers=self.workers, max_tasks=MAX_TASKS_PER_WORKER,
                           initializer=_start_worker, initargs=(self.settings,),
                           context=context)

    async def start(self) -> None:
        """Start the workers and wait until they have warmed up (Pebble would otherwise
        start them on the first request, which would then pay for it)."""
        self._pool = self._new_pool()
        ready = [self._pool.schedule(os.getpid) for _ in range(self.workers)]
        await asyncio.gather(*(asyncio.wrap_future(f) for f in ready))

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)
            self._pool = None

    async def _active_pool(self) -> ProcessPool:
        """The pool, replaced when broken. Pebble declares a pool broken when a worker
        dies while it knows of no running task (killed between tasks, or before it
        acknowledged one, e.g. by the OOM killer); then every later task would fail."""
        if self._pool is None:
            raise RuntimeError("the render pool is not running")
        if not self._pool.active:
            log.error("the render pool broke (a worker died unexpectedly); starting anew")
            self.restarts += 1
            broken, self._pool = self._pool, self._new_pool()
            broken.stop()
            await asyncio.to_thread(broken.join, 10)
        return self._pool

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the queue's worth of average renders."""
        wait = (self.queued + 1) * self._average / self.workers
        return max(1, min(MAX_RETRY_AFTER, math.ceil(wait)))

    def observe(self, seconds: float) -> None:
        self._average = 0.8 * self._average + 0.2 * seconds

    async def run(self, function: Callable[..., T], *args: Any, idempotent: bool = False
                  ) -> T:
        """`function(*args)` in a worker; Overloaded, RenderTimeout, WorkerLost or
        WorkerCrashed when it cannot be done, else its result or the exception it raised.

        A worker killed from outside while it runs the task (`KILLED_FROM_OUTSIDE`) is
        WorkerLost; an `idempotent` request (a GET) is then run once more on a fresh
        worker first. Any other death is WorkerCrashed, never retried: a task that
        crashes its worker would crash the next one too."""
        if self.in_flight >= self.capacity:
            raise Overloaded(self.retry_after())
        self.in_flight += 1
        lost = 0
        try:
            attempt = 0
            while True:
                attempt += 1
                pool = await self._active_pool()
                future = pool.schedule(function, args=args, timeout=self.timeout or None)
                try:
                    return await asyncio.wrap_future(future)
                except BrokenExecutor as exc:
                    # The pool broke around this task (a worker died before it took it):
                    # once more on a fresh pool; a task that kills workers fails twice.
                    log.error("render pool broke: %s", exc)
                    if attempt >= 2:
                        raise WorkerCrashed(str(exc)) from None
                except ProcessExpired as exc:
                    if exc.exitcode not in KILLED_FROM_OUTSIDE:
                        log.error("render worker crashed: %s", exc)
                        raise WorkerCrashed(str(exc)) from None
                    lost += 1
                    log.error("render worker killed from outside: %s", exc)
                    if not idempotent or lost > 1:
                        raise WorkerLost(str(exc), self.retry_after()) from None
        except concurrent.futures.TimeoutError:
            self.observe(self.timeout)
            raise RenderTimeout(f"the render took longer than {self.timeout:g} s") from None
        finally:
            self.in_flight -= 1
