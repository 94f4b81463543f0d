"""Where batch tasks run: local worker processes, or a Dask cluster. Same interface.

Local workers are supervised by the parent. Why not `ProcessPoolExecutor`: when one of
its workers dies (the OOM killer, a segfault in cairo or HarfBuzz) the whole pool breaks
and every pending item fails. Why not Pebble: its workers share one pipe guarded by a
cross-process lock, and a worker killed while holding it can stall the pool. Here each
worker has its own pipe and runs its tasks one at a time, in the order sent, so when a
worker dies the parent knows exactly which item it was running (the oldest unanswered):
that item fails with the signal's name, the ones queued behind it go to a new worker,
and the batch goes on.

Each worker holds `PREFETCH` tasks: the one it runs and the next, already in its pipe,
so it never waits for the parent, which on a machine with as many workers as cores must
share a core with them. Workers are started with "spawn" (no state forked from a parent
that runs threads), all at the first task, and load the renderer for the run's settings
at once. They ignore Ctrl-C (the parent stops them), exit when the parent dies (a
watchdog thread), skip the interpreter's teardown when told to stop (nothing of theirs
is left open by then), and are replaced after RECYCLE_AFTER tasks so a slow leak in a
native library cannot grow a long batch.

`DaskPool` hands the same tasks to Dask's distributed scheduler: Dask places them,
retries them when a worker is lost, and reports `KilledWorker` when an item keeps killing
workers; the batch only keeps a bounded window of tasks submitted.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from sharecard.batch.worker import Outcome, Task, prepare, render_task
from sharecard.cards.config import Settings
from sharecard.errors import EnvironmentProblem

RECYCLE_AFTER = 500
PREFETCH = 2
_WATCH_SECONDS = 0.5


class Pool(Protocol):
    capacity: int  # how many tasks to keep submitted

    def submit(self, task: Task) -> None: ...
    def wait(self) -> list[tuple[Task, Outcome]]: ...
    def close(self) -> None: ...
    def terminate(self) -> None: ...


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_WATCH_SECONDS)
        if os.getppid() != parent:
            os._exit(1)  # orphaned by a killed batch: stop rather than race its rerun


def _worker_main(conn: Connection, parent: int, settings: Settings | None = None,
                 run: Callable[[Task], Outcome] = render_task) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if settings is not None:
        prepare(settings)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        conn.send(run(task))
    conn.close()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(0)  # every bundle it wrote is in place: the interpreter's teardown is waste


def death(exitcode: int | None) -> str:
    """Why a worker process ended, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with status {exitcode}"


class _Worker:
    def __init__(self, context: Any, settings: Settings | None) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main,
                                       args=(child, os.getpid(), settings),
                                       daemon=True, name="sharecard-worker")
        self.process.start()
        child.close()
        self.tasks: deque[Task] = deque()  # sent, not answered yet: the first is running
        self.sent = 0
        self.broken = False  # its pipe failed: it gets no more tasks

    @property
    def retiring(self) -> bool:
        return self.broken or self.sent >= RECYCLE_AFTER


class LocalPool:
    """`jobs` worker processes on this machine, all started with the first task;
    `settings` (the run's, when all its tasks share them) lets each load its renderer
    while the first tasks are still being sent."""

    def __init__(self, jobs: int, settings: Settings | None = None) -> None:
        self.capacity = jobs * (PREFETCH + 1)  # every worker's queue full, and a few ready
        self._context = multiprocessing.get_context("spawn")
        self._jobs = jobs
        self._settings = settings
        self._workers: list[_Worker] = []
        self._pending: deque[Task] = deque()

    def submit(self, task: Task) -> None:
        if not self._workers:  # the first task starts them all; a rerun with nothing
            # to render starts none
            self._workers = [_Worker(self._context, self._settings)
                             for _ in range(self._jobs)]
        self._pending.append(task)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._pending:
            open_ = [w for w in self._workers if len(w.tasks) < PREFETCH and not w.retiring]
            if not open_:
                if len(self._workers) >= self._jobs:
                    return
                worker = _Worker(self._context, self._settings)
                self._workers.append(worker)
                open_ = [worker]
            worker = min(open_, key=lambda w: len(w.tasks))  # the idlest first
            task = self._pending.popleft()
            try:
                worker.conn.send(task)
            except OSError:  # it died: `wait` reports the task it was running, if any
                self._pending.appendleft(task)
                worker.broken = True
                if not worker.tasks:
                    worker.process.kill()
                    self._retire(worker)
                continue
            worker.tasks.append(task)
            worker.sent += 1

    def _retire(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        worker.conn.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def wait(self) -> list[tuple[Task, Outcome]]:
        busy = [w for w in self._workers if w.tasks]
        if not busy:
            return []
        handles: dict[Any, _Worker] = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = {handles[h] for h in wait(list(handles))}
        finished: list[tuple[Task, Outcome]] = []
        for worker in ready:
            finished.extend(self._collect(worker))
        self._dispatch()
        return finished

    def _collect(self, worker: _Worker) -> list[tuple[Task, Outcome]]:
        """The outcomes `worker` has sent, in order. If it died: the failure of the task
        it was running, and the tasks queued behind it put back first in line."""
        finished: list[tuple[Task, Outcome]] = []
        try:
            while worker.tasks and worker.conn.poll():
                outcome = worker.conn.recv()  # EOFError if it died: its task stays first
                finished.append((worker.tasks.popleft(), outcome))
        except (EOFError, OSError):
            worker.broken = True
        if not worker.broken and worker.process.is_alive():
            if worker.retiring and not worker.tasks:  # recycled: a new one takes its place
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
                self._retire(worker)
            return finished
        worker.process.kill()  # no-op if it is dead; a worker with a broken pipe is stopped
        worker.process.join()
        if worker.tasks:
            task = worker.tasks.popleft()
            reason = death(worker.process.exitcode)
            finished.append((task, Outcome(task.seq, "failed", error=f"{task.label}: the "
                                           f"worker rendering it died ({reason})")))
            self._pending.extendleft(reversed(worker.tasks))
            worker.tasks.clear()
        self._retire(worker)
        return finished

    def close(self) -> None:
        for worker in list(self._workers):
            if not worker.tasks:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            self._retire(worker)

    def terminate(self) -> None:
        """Stop every worker now (Ctrl-C); what they were writing is swept afterwards."""
        self._pending.clear()
        for worker in self._workers:
            if worker.process.is_alive():
                worker.process.terminate()
        for worker in list(self._workers):
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
            self._retire(worker)


class NoWorkers(EnvironmentProblem):
    """A Dask cluster that had no worker for the whole `worker_timeout` (exit 1)."""


class DaskPool:
    """Tasks on a Dask distributed cluster (``--scheduler tcp://host:8786``).

    While a task is out and the cluster has no worker (none started yet, or every one
    lost), `on_wait(True)` says so (the progress line: "waiting for workers"); after
    `worker_timeout` seconds of that, the run ends with `NoWorkers` instead of waiting
    for ever. `WATCH` is how often the scheduler is asked how many workers it has."""

    WATCH = 0.5

    def __init__(self, address: str, *, worker_timeout: float = 60.0,
                 on_wait: Callable[[bool], None] | None = None) -> None:
        from distributed import Client, as_completed

        self.address = address
        self.client = Client(address, set_as_default=False)
        threads = sum(self.client.nthreads().values()) or 1
        self.capacity = threads * 2
        self.worker_timeout = worker_timeout
        self._on_wait = on_wait or (lambda waiting: None)
        self._futures: dict[Any, Task] = {}
        self._completed = as_completed([], loop=self.client.loop, raise_errors=False)

    def _until_one_is_done(self) -> None:
        """Return once a task has finished; raise NoWorkers after `worker_timeout`
        seconds with none done and no worker to do them."""
        from distributed import wait

        idle_since: float | None = None
        while not self._completed.has_ready():
            try:
                with self.client.as_current():  # not the process's default client
                    wait(list(self._futures), timeout=self.WATCH,
                         return_when="FIRST_COMPLETED")
                continue
            except TimeoutError:
                pass
            if self.client.nthreads():
                if idle_since is not None:
                    idle_since = None
                    self._on_wait(False)
                continue
            now = time.monotonic()
            if idle_since is None:
                idle_since = now
                self._on_wait(True)
            elif now - idle_since >= self.worker_timeout:
                raise NoWorkers(f"no Dask worker for {self.worker_timeout:g} s: start "
                                f"workers (dask worker {self.address}) or raise "
                                "--worker-timeout", self.address)
        if idle_since is not None:
            self._on_wait(False)

    def submit(self, task: Task) -> None:
        future = self.client.submit(render_task, task, pure=False,
                                    key=f"sharecard-{task.seq}-{task.key[:12]}")
        self._futures[future] = task
        self._completed.add(future)

    def wait(self) -> list[tuple[Task, Outcome]]:
        if not self._futures:
            return []
        self._until_one_is_done()
        future = next(self._completed)
        task = self._futures.pop(future)
        try:
            outcome = future.result()
        except Exception as exc:  # KilledWorker, a lost connection…
            reason = " ".join(str(exc).split())[:160] or type(exc).__name__
            outcome = Outcome(task.seq, "failed", error=f"{task.label}: the Dask task failed "
                                                        f"({type(exc).__name__}: {reason})")
        return [(task, outcome)]

    def close(self) -> None:
        self.client.close()

    def terminate(self) -> None:
        self.client.cancel(list(self._futures))
        self._futures.clear()
        self.client.close()
