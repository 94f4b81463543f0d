#!/usr/bin/env python3
"""Measure: the peak memory (max RSS) of runs sharecard refuses, against one that works.

Not a test (the tests assert each refusal stays under 300 MiB): it prints, for each
hostile or oversized input of issue 9, the exit code, the peak resident memory of the
`sharecard` process (its VmHWM) and the one line it printed, next to a normal render
of the seed briefing as the baseline measured in the same run.

    python scripts/measure_refusals.py
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "corpus" / "seed-putin-iran.txt"
TEMPLATE = '{% extends "base.svg.j2" %}{% block content %}{{ footer() }}BODY{% endblock %}'


def bomb_png(width: int, height: int) -> bytes:
    """A valid PNG of width × height 1-bit pixels that compresses to almost nothing."""
    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1,
                                                               0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


# The child reports its own VmHWM at exit: ru_maxrss would carry the parent's peak
# over exec on Linux (see tests/support/process.py).
CHILD = """
import atexit, os

def _report_peak():
    try:
        with open("/proc/self/status") as status:
            kib = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return
    with open(os.environ["SHARECARD_PEAK_FILE"], "w") as out:
        out.write(kib)

atexit.register(_report_peak)
from sharecard.cli import main
main()
"""


def run(args: list[str], stdin: bytes | None = None) -> tuple[int, float, str]:
    peak = Path(tempfile.mkdtemp()) / "peak"
    child = subprocess.Popen([sys.executable, "-c", CHILD, *args],
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE,
                             env={**os.environ, "SHARECARD_PEAK_FILE": str(peak)})
    try:
        if stdin:
            child.stdin.write(stdin)  # the child stops reading at its limit
        child.stdin.close()
    except BrokenPipeError:
        pass
    err = child.stderr.read().decode("utf-8", "replace").strip()
    _, status, usage = os.wait4(child.pid, 0)
    if peak.exists():
        rss = int(peak.read_text()) / 1024
        peak.unlink()
    else:
        rss = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    peak.parent.rmdir()
    return os.waitstatus_to_exitcode(status), rss, err.splitlines()[-1] if err else ""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        out = str(work / "out")
        (work / "bomb20k.png").write_bytes(bomb_png(20000, 20000))
        (work / "bomb30k.png").write_bytes(bomb_png(30000, 30000))
        with (work / "huge.png").open("wb") as handle:
            handle.truncate(3 * 1024**3)  # sparse
        templates = {}
        for name, body in {
            "repeat": "{{ 'b' * 10**10 }}",
            "loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                     "{% endfor %}",
            "values": "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}"
                      "{% set ns.l = ns.l + [('x' * 1000000) ~ i] %}{% endfor %}",
        }.items():
            folder = work / name
            folder.mkdir()
            (folder / "cover.svg.j2").write_text(TEMPLATE.replace("BODY", body))
            templates[name] = str(folder)
        base = ["render", str(SEED), "-o", out, "--preset", "og"]
        cases = [
            ("baseline: render the seed (og)", base, None),
            ("logo PNG 20000x20000 (48 KB)", [*base, "--logo", str(work / "bomb20k.png")], None),
            ("logo PNG 30000x30000", [*base, "--logo", str(work / "bomb30k.png")], None),
            ("logo file of 3 GB", [*base, "--logo", str(work / "huge.png")], None),
            ("--preset 4096x4096 --scale 4",
             ["render", str(SEED), "-o", out, "--preset", "4096x4096", "--scale", "4"], None),
            ("template 'b' * 10**10", [*base, "--templates", templates["repeat"]], None),
            ("template nested loops (2 s limit)",
             [*base, "--templates", templates["loops"], "--template-timeout", "2"], None),
            ("template building 1 MB values in a loop",
             [*base, "--templates", templates["values"]], None),
            ("6 MB briefing on stdin", ["render", "-", "-o", out],
             b"Headline\n\n" + b"Words go here. " * 400_000),
            ("--config /dev/zero", [*base, "--config", "/dev/zero"], None),
        ]
        print("peak memory (VmHWM) of each sharecard process; the machine may be busy")
        for label, args, stdin in cases:
            code, rss, line = run(args, stdin)
            print(f"{label:<42} exit {code}  {rss:7.1f} MiB  {line[:110]}")


if __name__ == "__main__":
    main()
