"""Benchmark `sharecard batch`: bundles/s at 1 and 2 jobs, the rerun with nothing changed,
and peak memory of all its processes at 1,000 and 5,000 inputs.

    python scripts/bench_batch.py                         # everything (an hour or more)
    python scripts/bench_batch.py --counts 1000 --rate-inputs 300 --repeats 3   # quicker

Inputs come from scripts/make_briefings.py (seed 0) and are passed as paths on stdin.
Each bundle is the cover at the og preset (1200×630), PNG: one card per bundle keeps
the benchmark about the batch (start-up, scheduling, writing, skipping), not about how
many cards a briefing has. `--preset` changes it.

- rate: the same `--rate-inputs` inputs exported into an empty folder at -j 1 and -j 2,
  alternating, `--repeats` times; medians, and the ratio of 2 jobs to 1 (target ≥ 1.8 on
  two free cores). An empty folder each time, as a day's export starts: re-rendering over
  the last run's bundles (--force) would also time reading their manifests and deleting
  them.
- scale: for each count, a fresh run at -j 2 while the process tree's memory is sampled
  (sum of RSS over the parent and every worker, and the sum of PSS, which counts shared
  pages once), then a rerun with nothing changed (ratio of its time to the fresh run's).
  The 1,000-input output is then checked whole: every manifest valid against the
  published schema, every listed sha256 and size matching the file, every PNG decoding.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from jsonschema import Draft202012Validator
from PIL import Image

from sharecard.export.schema import schema

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import make_briefings  # noqa: E402

SHARECARD = Path(sys.executable).parent / "sharecard"


class TreeMemory:
    """Peak memory of a process and all its descendants, sampled every `every` seconds."""

    def __init__(self, pid: int, every: float = 0.25) -> None:
        self.root = psutil.Process(pid)
        self.every = every
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        said = time.monotonic()
        while not self._stop.is_set():
            rss = pss = 0
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                    rss += info.rss
                    pss += getattr(info, "pss", info.rss)
                except psutil.Error:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(procs))
            if time.monotonic() - said > 120:  # a long run shows its peak as it goes
                said = time.monotonic()
                print(f"    … peak so far: RSS sum {self.peak_rss / 2**20:.0f} MiB, "
                      f"PSS sum {self.peak_pss / 2**20:.0f} MiB", flush=True)
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_batch(paths: list[Path], out: Path, jobs: int, extra: list[str], *,
              measure: bool = False) -> tuple[float, TreeMemory | None]:
    args = [str(SHARECARD), "batch", "-", "-o", str(out), "-j", str(jobs), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid) if measure else None
    stdout, stderr = proc.communicate("".join(f"{p}\n" for p in paths))
    elapsed = time.perf_counter() - started
    if memory is not None:
        memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"batch failed ({proc.returncode}):\n{stderr[-2000:]}")
    print(f"    {stdout.strip()}", flush=True)
    return elapsed, memory


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process and its children: on a
    shared machine the wall-clock ratio of 2 jobs to 1 depends on the free cores, this
    does not, so equal CPU per bundle at -j 1 and -j 2 means parallelism costs nothing."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_output(out: Path) -> int:
    """Every manifest valid, every sha256 and size right, every PNG decodes."""
    validator = Draft202012Validator(schema("manifest"))
    count = 0
    for manifest_path in sorted(out.glob("*/manifest.json")):
        manifest = json.loads(manifest_path.read_text("utf-8"))
        validator.validate(manifest)
        for entry in manifest["files"]:
            data = (manifest_path.parent / entry["path"]).read_bytes()
            if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["bytes"]:
                raise SystemExit(f"{manifest_path.parent.name}/{entry['path']}: hash mismatch")
            if entry["format"] == "png":
                Image.open(io.BytesIO(data)).load()
        count += 1
    Draft202012Validator(schema("index")).validate(json.loads((out / "index.json").read_text()))
    return count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="1000,5000")
    parser.add_argument("--rate-inputs", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--preset", default="og")
    parser.add_argument("--skip-rate", action="store_true")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temp folder)")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.counts.split(",") if c]
    extra = ["--preset", args.preset, "--cards", "cover", "--format", "png"]
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    inputs = work / "in"
    need = max([*counts, args.rate_inputs])
    if not inputs.is_dir() or len(list(inputs.iterdir())) < need:
        shutil.rmtree(inputs, ignore_errors=True)
        inputs.mkdir(parents=True)
        for name, text in make_briefings.generate(need, 0):
            (inputs / name).write_text(text, encoding="utf-8")
    paths = sorted(inputs.iterdir())
    print(f"{need} briefings in {inputs}; bundles: {' '.join(extra)}; "
          f"load average {' '.join(f'{x:.1f}' for x in psutil.getloadavg())}", flush=True)

    if not args.skip_rate:
        rates: dict[int, list[float]] = {1: [], 2: []}
        cpu: dict[int, list[float]] = {1: [], 2: []}
        for repeat in range(args.repeats):
            for jobs in (1, 2):
                print(f"  rate: {args.rate_inputs} inputs, -j {jobs}, run {repeat + 1}",
                      flush=True)
                before = _children_cpu()
                out = work / f"rate-{jobs}"
                shutil.rmtree(out, ignore_errors=True)
                elapsed, _ = run_batch(paths[:args.rate_inputs], out, jobs, extra)
                rates[jobs].append(args.rate_inputs / elapsed)
                cpu[jobs].append((_children_cpu() - before) / args.rate_inputs)
        one, two = statistics.median(rates[1]), statistics.median(rates[2])
        print(f"RATE  -j 1: {one:.2f} bundles/s   -j 2: {two:.2f} bundles/s   "
              f"ratio {two / one:.2f}  (medians of {args.repeats}, wall time incl. start-up); "
              f"CPU per bundle (all processes) -j 1: {statistics.median(cpu[1]):.3f} s, "
              f"-j 2: {statistics.median(cpu[2]):.3f} s", flush=True)

    for count in counts:
        out = work / f"out-{count}"
        shutil.rmtree(out, ignore_errors=True)
        print(f"  scale: {count} inputs, -j 2, fresh", flush=True)
        fresh, memory = run_batch(paths[:count], out, 2, extra, measure=True)
        assert memory is not None
        print(f"  scale: {count} inputs, rerun with nothing changed", flush=True)
        rerun, _ = run_batch(paths[:count], out, 2, extra)
        print(f"SCALE {count}: fresh {fresh:.1f} s ({count / fresh:.2f} bundles/s), "
              f"rerun {rerun:.1f} s (ratio {rerun / fresh:.3f}), "
              f"peak RSS sum {memory.peak_rss / 2**20:.0f} MiB, "
              f"peak PSS sum {memory.peak_pss / 2**20:.0f} MiB, "
              f"{memory.peak_processes} processes", flush=True)
        if count == 1000:
            print(f"CHECK {count}: {check_output(out)} bundles: manifests valid, "
                  "hashes match, PNGs decode", flush=True)
    print(f"load average now {' '.join(f'{x:.1f}' for x in psutil.getloadavg())}")


if __name__ == "__main__":
    main()
