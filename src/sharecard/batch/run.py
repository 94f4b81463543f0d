"""A batch: many briefings to many bundles, parallel, incremental and crash-safe.

    run_batch(iter_sources(["archive/"], max_bytes=…), BatchJob(out=Path("out"), …), report)

The parent process streams the inputs; for each it reads the bytes, gives it a slug
(`ledger`), fingerprints it (`fingerprint`) and, unless the bundle on disk already has
that fingerprint and all its files, hands a `Task` to the pool (local processes or Dask).
At most `pool.capacity` tasks are out at once, and outcomes go to the on-disk ledger, so
memory does not grow with the number of inputs. ``OUT/index.json`` is written last,
atomically, from the ledger.

Crash safety comes from the bundle writer (every bundle is swapped in whole, see
`export.swap`) and from idempotence: a rerun after a kill skips what was finished,
renders the rest, and sweeps what the killed run left. One batch at a time may write to
an output folder (a lock in it); a second one is refused.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from sharecard import faults
from sharecard._version import __version__
from sharecard.batch.fingerprint import bundle_fingerprint, environment, file_digest
from sharecard.batch.inputs import Source
from sharecard.batch.ledger import Ledger, read_manifest
from sharecard.batch.pool import DaskPool, LocalPool, Pool
from sharecard.batch.worker import Outcome, Task
from sharecard.cards.config import Settings
from sharecard.errors import ConfigError, SharecardError
from sharecard.export.bundle import name_slug, sha256, slugify
from sharecard.export.swap import (
    WORK_DIR,
    bundle_lock,
    new_token,
    remove_work_if_empty,
    sweep_out,
    sweep_work,
)
from sharecard.readers.limits import DEFAULT_LIMITS, InputLimits
from sharecard.validate import check_scheduler

INDEX = "index.json"
_RUN_LOCK = ".batch"  # lock names starting with "." can never be a bundle's slug
_INDEX_LOCK = ".index"


class BatchBusy(SharecardError):
    """Another batch is writing to the same output folder."""

    exit_code = 1


class OutputError(SharecardError):
    """The output folder cannot be written (permissions, a full disk): exit status 1."""

    exit_code = 1


class BatchJob(msgspec.Struct, frozen=True):
    out: Path
    settings: Settings
    jobs: int = 1
    force: bool = False
    verify: bool = False  # hash every file of an unchanged bundle before skipping it
    input_format: str | None = None
    max_bytes: int = 5 * 1024 * 1024
    scheduler: str | None = None  # a Dask scheduler address; None: local processes
    limits: InputLimits = DEFAULT_LIMITS  # what a briefing may hold (bullets, characters)
    worker_timeout: float = 60.0  # s a Dask cluster may have no worker before the run ends


class Summary(msgspec.Struct):
    rendered: int = 0
    unchanged: int = 0
    failed: int = 0
    duplicate: int = 0
    seconds: float = 0.0
    index: Path | None = None
    stopped: str | None = None  # why the run stopped early: the output's fault (a full disk)
    index_error: str | None = None  # why index.json could not be written

    @property
    def done(self) -> int:
        return self.rendered + self.unchanged + self.failed + self.duplicate

    def add(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


class Row(msgspec.Struct, frozen=True):
    """One line of index.json."""

    input: str
    status: str  # rendered | unchanged | failed | duplicate
    slug: str | None = None
    warnings: int = 0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "input": self.input, "slug": self.slug, "status": self.status,
            "manifest": f"{self.slug}/manifest.json" if self.status != "failed" else None,
            "warnings": self.warnings,
        }
        if self.error is not None:
            out["error"] = self.error
        return out


Report = Callable[[Row, Summary], None]


def identity(source: Source, base: str, occurrence: int) -> str:
    """sha256 of what makes an input this input: its path as named (normalised), or for
    a JSONL line its file, headline slug and occurrence (so lines may be added or moved)."""
    if source.path is not None:
        text = f"file\0{source.scope}"
    else:
        text = f"jsonl\0{source.scope}\0{base}\0{occurrence}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _unchanged(root: Path, slug: str, key: str, fingerprint: str, verify: bool) -> int | None:
    """The bundle's warning count if it is complete with this fingerprint, else None.

    Files are checked by size, not hashed, by default: bundles are only ever swapped in
    whole after an fsync, so sharecard never leaves a file short or half-written, and
    hashing would make a rerun cost as much reading as the images weigh. `verify`
    hashes them, for output that something else may have touched."""
    manifest = read_manifest(root, slug)
    if manifest is None or manifest.get("batch") != {"key": key, "fingerprint": fingerprint}:
        return None
    try:
        for entry in manifest["files"]:
            path = root / slug / entry["path"]
            if path.stat().st_size != entry["bytes"]:
                return None
            if verify and file_digest(path) != entry["sha256"]:
                return None
        return len(manifest["warnings"])
    except (OSError, KeyError, TypeError):
        return None


class Planner:
    """The parent's part of each item: read, slug, fingerprint, skip or make a Task."""

    def __init__(self, job: BatchJob, ledger: Ledger, environment_hash: str) -> None:
        self.job = job
        self.ledger = ledger
        self.environment = environment_hash

    def plan(self, seq: int, source: Source) -> Row | Task:
        from sharecard.readers import read_bytes
        from sharecard.readers.source import load

        job = self.job
        if source.problem is not None:
            return Row(source.label, "failed", error=f"{source.label}: {source.problem}")
        try:
            data = source.data if source.path is None else load(source.path,
                                                                 max_bytes=job.max_bytes)
            assert data is not None
            fmt = job.input_format or source.fmt
            digest = sha256(data)
            base = name_slug(source.name) if source.path is not None else ""
            if not base:  # the slug comes from the headline: read it here
                briefing = read_bytes(data, fmt, source=source.label, max_bytes=None,
                                      limits=job.limits)
                base = slugify(briefing.headline) or f"briefing-{digest[:8]}"
        except SharecardError as exc:
            problem = exc.problem if exc.source in (None, source.label) else str(exc)
            return Row(source.label, "failed", error=f"{source.label}: {problem}")
        occurrence = 0 if source.path is not None else self.ledger.occurrence(source.scope, base)
        key = identity(source, base, occurrence)
        slug = self.ledger.assign(job.out, key, base)
        if slug is None:
            return Row(source.label, "duplicate", slug=self.ledger.slug_of(key))
        fingerprint = bundle_fingerprint(self.environment, key=key, name=source.name,
                                         digest=digest, fmt=fmt, slug=slug)
        if not job.force:
            warnings = _unchanged(job.out, slug, key, fingerprint, job.verify)
            if warnings is not None:
                return Row(source.label, "unchanged", slug=slug, warnings=warnings)
        return Task(seq=seq, label=source.label, name=source.name, data=data, fmt=fmt,
                    slug=slug, key=key, fingerprint=fingerprint, out=job.out,
                    settings=job.settings, limits=job.limits)


def make_pool(job: BatchJob, report: Report | None = None) -> Pool:
    if job.scheduler:
        try:
            return DaskPool(check_scheduler(job.scheduler), worker_timeout=job.worker_timeout,
                            on_wait=getattr(report, "waiting", None))
        except ImportError:
            raise ConfigError("--scheduler needs Dask: install sharecard with its dask extra "
                              "(README: Installing)") from None
        except (OSError, ValueError) as exc:  # refused, timed out, or not a scheduler there
            raise ConfigError(f"cannot reach the Dask scheduler: {exc}", job.scheduler) from None
    return LocalPool(job.jobs, job.settings)


def run_batch(sources: Iterable[Source], job: BatchJob, report: Report) -> Summary:
    """Render every source into ``job.out``; returns the counts. Raises BatchBusy when
    another batch holds the folder; KeyboardInterrupt stops workers, sweeps and re-raises
    (no index is written for an interrupted run)."""
    started = time.monotonic()
    root = job.out
    try:
        root.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):  # a file where the folder should be: usage
        raise ConfigError("the output path is not a folder", str(root)) from None
    except OSError as exc:  # read-only, full, no permission: the machine's (exit 1)
        raise OutputError(f"cannot create output directory: {exc.strerror or exc}",
                          str(root)) from None
    try:
        summary = _locked_run(sources, job, report)
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder: {exc.strerror or exc}",
                          str(root)) from None
    finally:
        remove_work_if_empty(root)
    summary.seconds = time.monotonic() - started
    return summary


def _locked_run(sources: Iterable[Source], job: BatchJob, report: Report) -> Summary:
    root = job.out
    with bundle_lock(root / WORK_DIR, _RUN_LOCK, wait=False) as ours:
        if not ours:
            raise BatchBusy("another sharecard batch is writing to this folder", str(root))
        sweep_out(root)
        summary = Summary()
        ledger = Ledger()
        try:
            planner = Planner(job, ledger, environment(job.settings))
            pool = make_pool(job, report)
            try:
                _drive(sources, planner, pool, ledger, summary, report)
            except BaseException:
                pool.terminate()
                raise
            if summary.stopped:
                pool.terminate()  # what is in flight would fail the same way
            else:
                pool.close()
            try:
                summary.index = write_index(root, ledger, summary)
            except OSError as exc:  # the summary is still said (`cli.batch`), on stderr
                summary.index_error = f"cannot write index.json: {exc.strerror or exc}"
        finally:
            ledger.close()
            sweep_work(root, holding=_RUN_LOCK)
    return summary


def _drive(sources: Iterable[Source], planner: Planner, pool: Pool, ledger: Ledger,
           summary: Summary, report: Report) -> None:
    inflight = 0

    def settle(row: Row, seq: int) -> None:
        ledger.record(seq, row.to_dict())
        summary.add(row.status)
        report(row, summary)

    def drain() -> None:
        nonlocal inflight
        for task, outcome in pool.wait():
            inflight -= 1
            settle(_row(task, outcome), task.seq)
            faults.hit("batch:settled")
            if outcome.fault and not summary.stopped:
                summary.stopped = outcome.fault

    for seq, source in enumerate(sources):
        if summary.stopped:  # a full disk fails every next item: stop at the first
            return
        planned = planner.plan(seq, source)
        if isinstance(planned, Row):
            settle(planned, seq)
            continue
        pool.submit(planned)
        inflight += 1
        while inflight >= pool.capacity and not summary.stopped:
            drain()
    while inflight and not summary.stopped:
        drain()


def _row(task: Task, outcome: Outcome) -> Row:
    if outcome.status == "failed":
        return Row(task.label, "failed", slug=task.slug, error=outcome.error)
    return Row(task.label, "rendered", slug=task.slug, warnings=outcome.warnings)


def write_index(root: Path, ledger: Ledger, summary: Summary) -> Path:
    """``root/index.json`` from the ledger, streamed row by row into a temporary file in
    the work folder, fsynced and renamed over the old index."""
    import json

    work = root / WORK_DIR
    target = root / INDEX
    counts = {"rendered": summary.rendered, "unchanged": summary.unchanged,
              "failed": summary.failed, "duplicate": summary.duplicate}
    with bundle_lock(work, _INDEX_LOCK):
        temp = work / f"{_INDEX_LOCK}.{new_token()}"
        try:
            faults.hit("batch:index")
            with open(temp, "w", encoding="utf-8", newline="\n") as out:
                out.write('{\n  "bundles": [')
                first = True
                for row in ledger.rows():
                    out.write("\n    " if first else ",\n    ")
                    out.write(row)
                    first = False
                out.write("\n  ]" if not first else "]")
                out.write(f',\n  "counts": {json.dumps(counts, sort_keys=True)},\n')
                out.write(f'  "sharecard": {json.dumps(__version__)}\n}}\n')
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    return target
