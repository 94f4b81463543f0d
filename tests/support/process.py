"""Run `sharecard` as a separate process and measure what it cost: exit code, output and
peak memory (the child's own max RSS, from wait4), for the tests that a refused run
stays small. Memory is a count the kernel keeps, not a timing, so it can be asserted.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024


@dataclass(frozen=True)
class Measured:
    exit_code: int
    stdout: bytes
    stderr: str
    max_rss: int  # bytes

    @property
    def max_rss_mib(self) -> float:
        return self.max_rss / MIB


def run_measured(
    args: Sequence[str], *, stdin: bytes | None = None, cwd: str | Path | None = None,
    timeout: float = 300,
) -> Measured:
    """`sharecard ARGS` in a fresh interpreter; its peak resident memory from wait4."""
    if not hasattr(os, "wait4"):
        raise RuntimeError("measuring a child's memory needs os.wait4 (POSIX)")
    child = subprocess.Popen(
        [sys.executable, "-c", "from sharecard.cli import main; main()", *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
    )
    try:
        out, err = _communicate(child, stdin, timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Measured(child.returncode, out, err.decode("utf-8", "replace"), rss)


def _communicate(child: subprocess.Popen[bytes], stdin: bytes | None,
                 timeout: float) -> tuple[bytes, bytes]:
    # communicate() would reap the child (and lose its rusage): read the pipes, then wait4.
    import threading

    chunks: dict[str, bytes] = {}

    def drain(name: str, stream) -> None:
        chunks[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s))
               for n, s in (("out", child.stdout), ("err", child.stderr))]
    for reader in readers:
        reader.start()
    try:
        if stdin:
            child.stdin.write(stdin)
    except BrokenPipeError:
        pass
    finally:
        child.stdin.close()
    for reader in readers:
        reader.join(timeout)
        if reader.is_alive():
            raise subprocess.TimeoutExpired(child.args, timeout)
    return chunks["out"], chunks["err"]
