"""`sharecard batch`: a thin shell over `export.batch`. Every `render` option applies."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

import click

from sharecard.cards.config import Settings

# The same options as `render`, turned into Settings the same way.
from sharecard.cli.options import (
    max_bytes_option,
    render_options,
    settings_from_options,
    split_list,
)
from sharecard.errors import ConfigError
from sharecard.readers.limits import InputLimits
from sharecard.validate import check_scheduler


def _absolute(settings: Settings) -> Settings:
    """Paths made absolute, so workers started elsewhere (Dask) find the same files."""
    return settings.merge(
        templates=None if settings.templates is None else settings.templates.absolute(),
        logo=settings.logo.absolute() if isinstance(settings.logo, Path) else None,
        fonts=tuple(f.absolute() for f in settings.fonts) or None,
    )


def validate(settings: Settings) -> None:
    """Refuse bad settings before any work (exit 2), not once per input."""
    from sharecard.cards.environment import TemplateLibrary
    from sharecard.cards.plan import plan_cards
    from sharecard.cards.presets import parse_presets
    from sharecard.model import Briefing
    from sharecard.pipeline import theme_for

    parse_presets(settings.presets)
    theme_for(settings)
    library = TemplateLibrary(settings.templates)
    plan_cards(Briefing(headline="-"), settings.cards, available=library.kinds())


def _cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler stopping the job) stops the batch as Ctrl-C does."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out", "out_dir", default="out", show_default=True, metavar="DIR",
              help="Output directory: a bundle per input in DIR/<slug>/, and DIR/index.json.")
@render_options
@click.option("--format", "formats", multiple=True, metavar="FMT",
              help="Image formats: png (default), jpeg, webp; comma-separated.")
@click.option("--scale", type=float, help="Pixel scale, e.g. 2 for retina (default 1).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of cores).")
@click.option("--force", is_flag=True, help="Render every bundle, even unchanged ones.")
@click.option("--verify", is_flag=True,
              help="Before skipping an unchanged bundle, check its files' sha256 (default: "
              "their sizes).")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run on a Dask cluster (e.g. tcp://host:8786) instead of local "
              "processes; DIR must be a path the workers can write. Needs the dask extra.")
@click.option("--worker-timeout", type=click.FloatRange(min=0, min_open=True), default=60.0,
              show_default=True, metavar="SECONDS",
              help="With --scheduler: end the run when the cluster has had no worker for "
              "this long.")
@click.option("-v", "--verbose", is_flag=True, help="Print a line per input.")
@max_bytes_option
def batch_command(inputs: tuple[str, ...], out_dir: str, formats: tuple[str, ...],
                  scale: float | None, jobs: int | None, force: bool, verify: bool,
                  scheduler: str | None, worker_timeout: float, verbose: bool,
                  max_bytes: int, limits: InputLimits, **options: Any) -> int:
    """Render many briefings into bundles: in parallel, skipping unchanged ones.

    INPUT is a briefing file, a directory (searched recursively), a glob pattern, a JSONL
    file of structured briefings (one per line), or - to read paths from stdin. A run
    killed at any moment can be started again: it finishes the job. Exit status 1 when
    any input failed (each is reported and recorded in DIR/index.json).
    """
    from sharecard.batch.inputs import iter_sources
    from sharecard.batch.run import BatchJob, OutputError, run_batch
    from sharecard.cli.progress import Progress, summary_line

    if scheduler is not None:
        scheduler = check_scheduler(scheduler)  # before anything starts
    settings = _absolute(settings_from_options(options, formats=split_list(formats), scale=scale))
    validate(settings)
    out = Path(out_dir)
    job = BatchJob(out=out, settings=settings, jobs=jobs or _cores(), force=force,
                   verify=verify, input_format=options.get("input_format"),
                   max_bytes=max_bytes, scheduler=scheduler, limits=limits,
                   worker_timeout=worker_timeout)
    total = None
    if sys.stderr.isatty() and "-" not in inputs:
        total = sum(1 for _ in iter_sources(inputs, skip=out, max_bytes=max_bytes))
    progress = Progress(total, verbose=verbose)
    try:
        with _sigterm_as_interrupt():
            summary = run_batch(iter_sources(inputs, stdin=sys.stdin, skip=out,
                                             max_bytes=max_bytes), job, progress)
    except KeyboardInterrupt:
        progress.close()
        click.echo("sharecard: batch interrupted: workers stopped, finished bundles kept; "
                   "run it again to finish", err=True)
        sys.exit(130)
    progress.close()
    if summary.stopped or summary.index_error:
        # The machine's fault: the summary still goes out (on stderr, with the error),
        # then one line says what stopped the run.
        click.echo(summary_line(summary), err=True)
        if summary.stopped:
            done = f"{summary.done} item{'s' if summary.done != 1 else ''}"
            raise OutputError(f"the output cannot be written ({summary.stopped}): the batch "
                              f"stopped after {done}; run it again once it can", str(out))
        raise OutputError(summary.index_error or "", str(out))
    click.echo(summary_line(summary))
    if summary.done == 0:
        raise ConfigError("no briefing files (.txt .md .json .yaml .jsonl) in the inputs")
    return 1 if summary.failed else 0


COMMANDS = (batch_command,)
