"""Fault injection for the crash tests: a process kills itself at a named point.

Why: "a crash between two renames" or "a worker that dies in the middle of an item"
cannot be timed from outside the process; a signal sent at a random moment almost never
lands there. So the code names its fragile points (`hit("bundle:swapped")`) and a test sets
``SHARECARD_FAULTS`` to make the process die there for real, by SIGKILL (no cleanup runs,
as with the OOM killer or a power cut) or by SIGSEGV (as a crash in a native library).

``SHARECARD_FAULTS`` is a comma-separated list of ``POINT`` or ``POINT=segv``. Unset (always,
outside tests), `hit` is one dictionary lookup.
"""

from __future__ import annotations

import os
import signal

ENV = "SHARECARD_FAULTS"


def hit(point: str) -> None:
    """Die here if ``SHARECARD_FAULTS`` names `point`."""
    spec = os.environ.get(ENV)
    if not spec:
        return
    for item in spec.split(","):
        name, _, how = item.strip().partition("=")
        if name == point:
            _die(how)


def _die(how: str) -> None:
    if how == "segv":
        import faulthandler

        faulthandler.disable()  # no traceback on stderr: a native crash prints none either
        faulthandler._sigsegv()
    os.kill(os.getpid(), signal.SIGKILL)
