"""Fault injection for the crash tests: a process kills itself at a named point.

Why: "a crash between two renames" or "a worker that dies in the middle of an item"
cannot be timed from outside the process; a signal sent at a random moment almost never
lands there, and a signal sent after a delay lands at a different point of the work on a
faster or a slower machine. So the code names its fragile points (`hit("bundle:swapped")`)
and a test sets ``SHARECARD_FAULTS`` to make the process die there for real, by SIGKILL
(no cleanup runs, as with the OOM killer), by SIGSEGV (as a crash in a native library), or
by SIGKILL to its whole process group (a power cut: the batch and all its workers).

``SHARECARD_FAULTS`` is a comma-separated list of ``POINT[@N][=HOW]``:

- ``POINT`` names a point: ``worker:task`` (a worker starts an item), ``worker:NAME`` (it
  starts the item named NAME), ``bundle:staged``, ``bundle:swapped``,
  ``bundle:between-renames``, ``bundle:done`` (a bundle is in place), ``batch:settled``
  (the batch's parent has recorded an item a worker finished), ``batch:index`` (it
  writes index.json), ``service:card``, ``service:bundle`` (a service worker starts a
  card, a bundle);
- ``@N`` dies the Nth time the point is reached by any process of the run, counted in a
  file of the folder ``SHARECARD_FAULTS_TALLY`` names (appends are atomic, so two workers
  never both count 3); without ``@N``, the first time;
- ``HOW`` is ``kill`` (the default), ``segv``, ``group``, ``spin`` (burn the CPU
  forever, as a runaway render does, until something stops the process), or ``enospc``
  (raise the OSError a full disk gives, where the point is a write); or, to stop a run at a
  known point of its work without dying there, ``int-group`` (SIGINT to the process
  group, as a terminal's Ctrl-C) or ``term-parent`` (SIGTERM to the parent process, as
  a job scheduler stopping the batch), after which the process goes on.

Unset (always, outside tests), `hit` is one dictionary lookup.
"""

from __future__ import annotations

import errno
import os
import signal

ENV = "SHARECARD_FAULTS"
TALLY_ENV = "SHARECARD_FAULTS_TALLY"


def hit(point: str) -> None:
    """Die here if ``SHARECARD_FAULTS`` names `point` (and this is its Nth time)."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    due: str | None = None
    for number, item in enumerate(spec.split(",")):  # every item counts its hit
        target, _, how = item.strip().partition("=")
        name, _, nth = target.partition("@")
        if name == point and (not nth or _count(number) == int(nth)) and due is None:
            due = how
    if due is not None:
        _die(due)


def _count(item: int) -> int:
    """How many times, this one included, spec item `item` has been reached in the run."""
    folder = os.environ.get(TALLY_ENV)
    if not folder:
        raise RuntimeError(f"{ENV} counts hits (@N) in a folder: set {TALLY_ENV}")
    fd = os.open(os.path.join(folder, f"fault-{item}"),
                 os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, b".")  # O_APPEND: the offset after it is this hit's own ordinal
        return os.lseek(fd, 0, os.SEEK_CUR)
    finally:
        os.close(fd)


def _die(how: str) -> None:
    if how == "int-group":
        os.killpg(os.getpgid(0), signal.SIGINT)
        return
    if how == "term-parent":
        os.kill(os.getppid(), signal.SIGTERM)
        return
    if how == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if how == "spin":
        while True:
            pass
    if how == "segv":
        import faulthandler

        faulthandler.disable()  # no traceback on stderr: a native crash prints none either
        faulthandler._sigsegv()  # type: ignore[attr-defined]  # CPython's own test hook
    if how == "group":
        os.killpg(os.getpgid(0), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)
