"""One batch item, rendered where a worker runs it: a local process or a Dask worker.

A `Task` carries everything the item needs (the input's bytes, its slug, the settings, the
output folder), so a worker needs no view of the inputs, only of the output folder. The
fonts, typesetter and templates are loaded once per worker process (`api.renderer_for`
keeps them) and reused by every task it runs. A task never raises: every problem,
including a bug, comes back as a failed `Outcome` with one line saying why.
"""

from __future__ import annotations

import errno
from pathlib import Path

import msgspec

from sharecard import faults
from sharecard.cards.config import Settings
from sharecard.errors import SharecardError
from sharecard.readers.limits import DEFAULT_LIMITS, InputLimits
from sharecard.records import replace


class Task(msgspec.Struct, frozen=True):
    seq: int
    label: str  # the input as named, for messages
    name: str  # the manifest's input name
    data: bytes
    fmt: str | None
    slug: str
    key: str
    fingerprint: str
    out: Path
    settings: Settings
    limits: InputLimits = DEFAULT_LIMITS


class Outcome(msgspec.Struct, frozen=True):
    seq: int
    status: str  # rendered | failed
    warnings: int = 0
    error: str | None = None
    fault: str | None = None  # the machine's fault ("No space left on device"): every
    # next item would fail too


# Write errors that are the output's, not the item's: no item after this one can be
# written either, so the batch stops instead of failing each in turn.
MACHINE_FAULTS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO,
                            errno.EACCES, errno.EPERM})


def describe(error: SharecardError, task: Task) -> str:
    """``LABEL: problem``; an error naming another file (a template) keeps that name."""
    if error.source in (None, task.name, task.label):
        return f"{task.label}: {error.problem}"
    return f"{task.label}: {error}"


def prepare(settings: Settings) -> None:
    """Load what every task of a run needs (sharecard's modules, the fonts and templates
    of `settings`) before the first task arrives: a worker does it while the parent is
    still reading inputs. A problem here is left for the task to report."""
    try:
        from sharecard.export.bundle import write_bundle  # noqa: F401
        from sharecard.pipeline import renderer_for
        from sharecard.readers import read_bytes  # noqa: F401

        renderer_for(settings)
    except Exception:
        pass


def render_task(task: Task) -> Outcome:
    """Render and write one bundle. Runs in a worker process."""
    from sharecard.export.bundle import sha256, write_bundle
    from sharecard.pipeline import Input, build_bundle
    from sharecard.readers import read_bytes

    faults.hit("worker:task")
    faults.hit(f"worker:{task.name}")
    try:
        # The size cap was applied when the batch read the input (--max-bytes).
        briefing = read_bytes(task.data, task.fmt, source=task.name, max_bytes=None,
                              limits=task.limits)
        loaded = Input(briefing, task.name, sha256(task.data), len(task.data))
        files, manifest = build_bundle(loaded, task.settings)
        manifest = replace(manifest, slug=task.slug,
                           batch={"key": task.key, "fingerprint": task.fingerprint})
        write_bundle(task.out, task.slug, files, manifest, sweep_siblings=False)
    except SharecardError as exc:
        return Outcome(task.seq, "failed", error=describe(exc, task))
    except OSError as exc:
        return Outcome(task.seq, "failed",
                       error=f"{task.label}: cannot write the bundle: {exc.strerror or exc}",
                       fault=(exc.strerror or str(exc)) if exc.errno in MACHINE_FAULTS
                       else None)
    except Exception as exc:  # a bug in sharecard: this item fails, the batch goes on
        detail = " ".join(str(exc).split())[:200]
        return Outcome(task.seq, "failed",
                       error=f"{task.label}: internal error: {type(exc).__name__}: {detail}")
    return Outcome(task.seq, "rendered", warnings=len(manifest.warnings))
