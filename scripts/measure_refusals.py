#!/usr/bin/env python3
"""Measure: the peak memory (max RSS) of runs sharecard refuses, against one that works.

Not a test (the tests assert each refusal stays under 300 MiB): it prints, for each
hostile or oversized input of issue 9, the exit code, the peak resident memory of the
`sharecard` process (its VmHWM) and the one line it printed, next to a normal render
of the seed briefing as the baseline measured in the same run.

    python scripts/measure_refusals.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' own child runner and PNG maker

from support.pngs import bomb_png  # noqa: E402
from support.process import run_measured  # noqa: E402

SEED = ROOT / "tests" / "data" / "corpus" / "seed-putin-iran.txt"
TEMPLATE = '{% extends "base.svg.j2" %}{% block content %}{{ footer() }}BODY{% endblock %}'


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
            run = run_measured(args, stdin=stdin)
            lines = run.stderr.strip().splitlines()
            line = lines[-1] if lines else ""
            print(f"{label:<42} exit {run.exit_code}  {run.max_rss_mib:7.1f} MiB  {line[:110]}")


if __name__ == "__main__":
    main()
