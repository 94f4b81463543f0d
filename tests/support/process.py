"""Run `sharecard` as a separate process and measure what it cost: exit code, output and
peak memory, for the tests that a refused run stays small. Memory is a count the kernel
keeps, not a timing, so it can be asserted.

The peak is the child's own VmHWM (/proc/self/status, written at exit): the high-water
mark of its address space after exec. `ru_maxrss` is not used where VmHWM exists: Linux
carries it over exec from the parent, so a child of a 300 MB pytest reports 300 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
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
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
            env={**os.environ, "SHARECARD_PEAK_FILE": str(peak_file)},
        )
        try:
            out, err = _communicate(child, stdin, timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            raise
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if peak_file.exists():
            rss = int(peak_file.read_text()) * 1024
        else:  # no /proc (macOS): ru_maxrss, in bytes there
            rss = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Measured(child.returncode, out, err.decode("utf-8", "replace"), rss)


# The child: sharecard's entry point, reporting its VmHWM (KiB) when it exits, whether
# through os._exit (as the console script does) or SystemExit.
_CHILD = """
import atexit, os

def _report_peak():
    try:
        with open("/proc/self/status") as status:
            kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return
    with open(os.environ["SHARECARD_PEAK_FILE"], "w") as out:
        out.write(kib)

def _leave(code, _exit=os._exit):  # the console script ends through os._exit (cli._leave)
    _report_peak()
    _exit(code)

atexit.register(_report_peak)
os._exit = _leave
from sharecard.cli import main
main()
"""


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
