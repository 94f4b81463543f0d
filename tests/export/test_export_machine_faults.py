"""The machine's faults stop a batch early and say so (issue 21): a full disk ends the
run at the first bundle it cannot write instead of failing every other input in turn,
the summary is still printed (on stderr) when index.json cannot be written, and every
machine fault exits 1 whichever path meets it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from export.batchkit import FAST, SHARECARD, write_briefings
from support.mounts import run_on_mount


def _inputs(tmp_path: Path, n: int = 12) -> Path:
    folder = tmp_path / "in"
    write_briefings(folder, n, seed=5)
    return folder


def test_a_full_disk_stops_the_batch_at_the_first_bundle_it_cannot_write(tmp_path):
    inputs = _inputs(tmp_path)
    out = tmp_path / "out"
    run = run_on_mount(out, [str(SHARECARD), "batch", str(inputs), "-o", str(out), *FAST,
                             "-j", "2"], size="64k")
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[-1] == (f"sharecard: {out}: the output cannot be written (No space left on "
                         "device): the batch stopped after 1 item; run it again once it can")
    assert lines[-2].startswith("batch: 0 rendered, 0 unchanged, 1 failed in ")
    assert sum("No space left on device" in line for line in lines) == 2  # not one per input
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_a_summary_is_printed_when_the_index_cannot_be_written(tmp_path):
    inputs = _inputs(tmp_path, 4)
    out = tmp_path / "out"
    env = {**os.environ, "SHARECARD_FAULTS": "batch:index=enospc"}
    run = run_on_mount(out, [str(SHARECARD), "batch", str(inputs), "-o", str(out), *FAST],
                       size="4m", env=env)
    assert run.returncode == 1, run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[0].startswith("batch: 4 rendered, 0 unchanged, 0 failed in ")
    assert lines[0].endswith("index: not written")
    assert lines[1] == f"sharecard: {out}: cannot write index.json: No space left on device"
    assert len(lines) == 2


def test_a_read_only_output_is_exit_1_on_every_path(tmp_path):
    inputs = _inputs(tmp_path, 2)
    out = tmp_path / "ro"
    for target, message in ((out, "cannot write to the output folder: Read-only file system"),
                            (out / "OUT", "cannot create output directory: Read-only file "
                                          "system")):
        run = run_on_mount(out, [str(SHARECARD), "batch", str(inputs), "-o", str(target),
                                 *FAST], read_only=True)
        assert run.returncode == 1, run.stderr
        assert run.stderr == f"sharecard: {target}: {message}\n"


def test_render_to_a_full_disk_is_exit_1(tmp_path):
    inputs = _inputs(tmp_path, 1)
    out = tmp_path / "out"
    briefing = next(inputs.iterdir())
    run = run_on_mount(out, [sys.executable, "-m", "sharecard", "render", str(briefing),
                             "-o", str(out), *FAST], size="16k")
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith(f"sharecard: {out}: cannot write the bundle: No space left")
    assert run.stderr.count("\n") == 1
