"""A batch killed at any moment, by SIGKILL or Ctrl-C, and started again, finishes with
the same complete bundles as a run nobody interrupted, and leaves no temporary file."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import time
from pathlib import Path

import psutil
import pytest

from export.batchkit import (
    FAST,
    batch,
    batch_process,
    check_bundles,
    index,
    make_briefings,
    stray,
    tree,
    write_briefings,
)


def _inputs(folder: Path) -> Path:
    write_briefings(folder, 10, seed=21)
    make_briefings.main(["2", str(folder / "wire.jsonl"), "--jsonl", "--seed", "22"])
    return folder


def _bundles_written(out: Path) -> int:
    return len(list(out.glob("*/manifest.json")))


def _written_since(out: Path, since: int) -> int:
    count = 0
    for manifest in out.glob("*/manifest.json"):
        with contextlib.suppress(FileNotFoundError):  # swapped away while we looked
            count += manifest.stat().st_mtime_ns >= since
    return count


def test_sigkill_at_random_moments_then_a_rerun_gives_the_uninterrupted_result(tmp_path):
    """Each run is killed at a random moment of its work: after a random number of
    bundles (0 to 9 of 12) plus a random fraction of a second, so the kill lands while
    workers start, render, stage or swap. Runs after the first use --force, so each has
    the whole job to do; the last run, not forced, must finish it."""
    inputs = _inputs(tmp_path / "in")
    reference = tmp_path / "reference"
    assert batch(str(inputs), "-o", str(reference), *FAST, "-j", "2").exit_code == 0

    out = tmp_path / "out"
    rng = random.Random(1129)
    interrupted = 0
    for attempt in range(4):
        force = ["--force"] if attempt else []
        started = time.time_ns()
        proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2", *force])
        wanted = rng.randint(0, 9)
        deadline = time.monotonic() + 300
        while (_written_since(out, started) < wanted and proc.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.5))
        os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, as a power cut
        proc.wait(timeout=60)
        interrupted += proc.returncode == -signal.SIGKILL
        assert check_bundles(out) == _bundles_written(out)  # never half a bundle
    assert interrupted >= 3

    run = batch(str(inputs), "-o", str(out), *FAST, "-j", "2")
    assert run.exit_code == 0, run.stderr
    assert tree(out) == tree(reference)
    slugs = [(row["input"], row["slug"]) for row in index(out)["bundles"]]
    assert slugs == [(row["input"], row["slug"]) for row in index(reference)["bundles"]]
    assert stray(out) == []


def _is_worker(process: psutil.Process) -> bool:
    try:
        return "spawn_main" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def test_killing_the_parent_alone_stops_its_workers(tmp_path):
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2"])
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    workers: list[psutil.Process] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = [p for p in parent.children() if _is_worker(p)]
        time.sleep(0.2)
    assert workers, "the batch started no worker"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert alive == []
    run = batch(str(inputs), "-o", str(out), *FAST, "-j", "2")
    assert run.exit_code == 0
    assert check_bundles(out) == 12 and stray(out) == []


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_ctrl_c_stops_workers_and_leaves_no_partial_file(tmp_path, stop):
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2"])
    deadline = time.monotonic() + 180
    while _bundles_written(out) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
    if stop == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends to the foreground group
    else:
        os.kill(proc.pid, signal.SIGTERM)  # what a job scheduler sends to the process
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == (
        "sharecard: batch interrupted: workers stopped, finished bundles kept; "
        "run it again to finish")
    assert "Traceback" not in stderr
    assert not (out / "index.json").exists()
    assert stray(out) == []
    assert 2 <= check_bundles(out) < 12

    run = batch(str(inputs), "-o", str(out), *FAST)
    assert run.exit_code == 0
    assert check_bundles(out) == 12
    counts = json.loads((out / "index.json").read_text())["counts"]
    assert counts["unchanged"] >= 2 and counts["rendered"] + counts["unchanged"] == 12
