"""Where batch tasks run: local worker processes, or a Dask cluster. Same interface.

Local workers are supervised one task at a time. Why not `ProcessPoolExecutor`: when one
of its workers dies (the OOM killer, a segfault in cairo or HarfBuzz) the whole pool breaks
and every pending item fails. Why not Pebble: its workers share one pipe guarded by a
cross-process lock, and a worker killed while holding it can stall the pool. Here each
worker has its own pipe and runs one task at a time, so when a worker dies the parent
knows exactly which item it was running: that item fails with the signal's name, a new
worker takes its place, and the batch goes on. Workers are started with "spawn" (no
state forked from a parent that runs threads), ignore Ctrl-C (the parent stops them),
exit when the parent dies (a watchdog thread), and are replaced after RECYCLE_AFTER tasks
so a slow leak in a native library cannot grow a long batch.

`DaskPool` hands the same tasks to Dask's distributed scheduler: Dask places them,
retries them when a worker is lost, and reports `KilledWorker` when an item keeps killing
workers; the batch only keeps a bounded window of tasks submitted.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from sharecard.export.worker import Outcome, Task, render_task

RECYCLE_AFTER = 500
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


def _worker_main(conn: Connection, parent: int,
                 run: Callable[[Task], Outcome] = render_task) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        conn.send(run(task))


def death(exitcode: int | None) -> str:
    """Why a worker process ended, in words."""
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exited with status {exitcode}"


class _Worker:
    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, os.getpid()),
                                       daemon=True, name="sharecard-worker")
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.done = 0


class LocalPool:
    """`jobs` worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self.capacity = jobs * 2
        self._context = multiprocessing.get_context("spawn")
        self._jobs = jobs
        self._workers: list[_Worker] = []
        self._pending: deque[Task] = deque()

    def submit(self, task: Task) -> None:
        self._pending.append(task)
        self._dispatch()

    def _dispatch(self) -> None:
        while self._pending:
            idle = next((w for w in self._workers if w.task is None), None)
            if idle is None:
                if len(self._workers) >= self._jobs:
                    return
                idle = _Worker(self._context)
                self._workers.append(idle)
            idle.task = self._pending.popleft()
            try:
                idle.conn.send(idle.task)
            except (BrokenPipeError, OSError):
                self._pending.appendleft(idle.task)  # it died idle: replace it, resend
                idle.task = None
                self._retire(idle)

    def _retire(self, worker: _Worker) -> None:
        self._workers.remove(worker)
        worker.conn.close()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()

    def wait(self) -> list[tuple[Task, Outcome]]:
        busy = [w for w in self._workers if w.task is not None]
        if not busy:
            return []
        handles: dict[Any, _Worker] = {}
        for w in busy:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        ready = {handles[h] for h in wait(list(handles))}
        finished: list[tuple[Task, Outcome]] = []
        for worker in ready:
            task = worker.task
            assert task is not None
            outcome = self._receive(worker, task)
            worker.task = None
            worker.done += 1
            finished.append((task, outcome))
            if outcome.status == "failed" and not worker.process.is_alive():
                self._retire(worker)
            elif worker.done >= RECYCLE_AFTER:
                worker.conn.send(None)
                self._retire(worker)
        self._dispatch()
        return finished

    def _receive(self, worker: _Worker, task: Task) -> Outcome:
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            pass
        worker.process.join()
        reason = death(worker.process.exitcode)
        return Outcome(task.seq, "failed",
                       error=f"{task.label}: the worker rendering it died ({reason})")

    def close(self) -> None:
        for worker in list(self._workers):
            if worker.task is None:
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


class DaskPool:
    """Tasks on a Dask distributed cluster (``--scheduler tcp://host:8786``)."""

    def __init__(self, address: str) -> None:
        from distributed import Client, as_completed

        self.client = Client(address, set_as_default=False)
        threads = sum(self.client.nthreads().values()) or 1
        self.capacity = threads * 2
        self._futures: dict[Any, Task] = {}
        self._completed = as_completed([], loop=self.client.loop, raise_errors=False)

    def submit(self, task: Task) -> None:
        future = self.client.submit(render_task, task, pure=False,
                                    key=f"sharecard-{task.seq}-{task.key[:12]}")
        self._futures[future] = task
        self._completed.add(future)

    def wait(self) -> list[tuple[Task, Outcome]]:
        if not self._futures:
            return []
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
