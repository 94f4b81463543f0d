"""A batch killed at any moment, by SIGKILL or Ctrl-C, and started again, finishes with
the same complete bundles as a run nobody interrupted, and leaves no temporary file."""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
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


POINTS = ("worker:task", "bundle:staged", "bundle:done")


def test_sigkill_at_chosen_moments_then_a_rerun_gives_the_uninterrupted_result(tmp_path):
    """Each run is cut as by a power cut (SIGKILL to the batch and all its workers) at a
    point of its work chosen at random: the Nth item a worker starts, the Nth bundle
    staged or the Nth bundle in place, N from 1 to 9 of 12, whichever process gets there
    (`sharecard.faults`). The moment is picked by the work done, never by the
    clock, so every run is cut on a fast machine as on a slow one, while the other worker
    is wherever its own item has taken it. Runs after the first use --force, so each has
    the whole job to do; the last run, not forced, must finish it."""
    inputs = _inputs(tmp_path / "in")
    reference = tmp_path / "reference"
    assert batch(str(inputs), "-o", str(reference), *FAST, "-j", "2").exit_code == 0

    out = tmp_path / "out"
    rng = random.Random(1129)
    cuts = []
    for attempt in range(4):
        force = ["--force"] if attempt else []
        point, nth = rng.choice(POINTS), rng.randint(1, 9)
        tally = tmp_path / f"tally-{attempt}"
        tally.mkdir()
        env = {**os.environ, "SHARECARD_FAULTS": f"{point}@{nth}=group",
               "SHARECARD_FAULTS_TALLY": str(tally)}
        proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2", *force], env=env)
        proc.communicate(timeout=300)
        cuts.append((point, nth, proc.returncode))
        assert proc.returncode == -signal.SIGKILL, cuts  # cut before the batch could finish
        assert check_bundles(out) == _bundles_written(out)  # never half a bundle
    assert len({point for point, _, _ in cuts}) > 1  # the seed tries more than one point

    run = batch(str(inputs), "-o", str(out), *FAST, "-j", "2")
    assert run.exit_code == 0, run.stderr
    assert tree(out) == tree(reference)
    slugs = [(row["input"], row["slug"]) for row in index(out)["bundles"]]
    assert slugs == [(row["input"], row["slug"]) for row in index(reference)["bundles"]]
    assert stray(out) == []


def test_a_fault_counted_across_workers_fires_once(tmp_path):
    """The Nth hit is counted over every process of the run: with two workers, the batch
    is cut after exactly N-1 items have started (SIGKILL to the worker at its Nth)."""
    inputs = _inputs(tmp_path / "in")
    tally = tmp_path / "tally"
    tally.mkdir()
    env = {**os.environ, "SHARECARD_FAULTS": "worker:task@5=group",
           "SHARECARD_FAULTS_TALLY": str(tally)}
    out = tmp_path / "out"
    proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2"], env=env)
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    assert (tally / "fault-0").read_bytes() == b"....."  # hits 1-4 went on; the 5th cut
    assert _bundles_written(out) <= 4 and check_bundles(out) == _bundles_written(out)


def _session(leader: int) -> list[psutil.Process]:
    """The processes left in the session `leader` started (the batch and its workers)."""
    found = []
    for process in psutil.process_iter():
        with contextlib.suppress(psutil.Error, ProcessLookupError):
            if process.pid != leader and os.getsid(process.pid) == leader:
                found.append(process)
    return found


def _faults(tmp_path: Path, spec: str) -> dict[str, str]:
    tally = tmp_path / "tally"
    tally.mkdir(exist_ok=True)
    return {**os.environ, "SHARECARD_FAULTS": spec, "SHARECARD_FAULTS_TALLY": str(tally)}


def test_killing_the_parent_alone_stops_its_workers(tmp_path):
    """The parent is SIGKILLed (by itself, at the fault point) after recording two items,
    while both workers are busy with the next ones: the workers notice and stop."""
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2"],
                         env=_faults(tmp_path, "batch:settled@2=kill"))
    proc.communicate(timeout=300)
    assert proc.returncode == -signal.SIGKILL
    orphans = _session(proc.pid)
    _, alive = psutil.wait_procs(orphans, timeout=60)  # a watchdog looks twice a second
    assert alive == []
    run = batch(str(inputs), "-o", str(out), *FAST, "-j", "2")
    assert run.exit_code == 0
    assert check_bundles(out) == 12 and stray(out) == []


@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_ctrl_c_stops_workers_and_leaves_no_partial_file(tmp_path, stop):
    """The stop arrives when the second bundle is in place (sent by the worker that put it
    there, at the fault point), whatever the machine's speed."""
    inputs = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    how = "int-group" if stop == "ctrl-c" else "term-parent"  # a terminal / a scheduler
    proc = batch_process([str(inputs), "-o", str(out), *FAST, "-j", "2"],
                         env=_faults(tmp_path, f"bundle:done@2={how}"))
    _, stderr = proc.communicate(timeout=300)
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
