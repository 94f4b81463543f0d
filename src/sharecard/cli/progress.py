"""How a batch shows its progress: a bar on a terminal, plain lines in a log.

tqdm draws the bar (done/total, rate, ETA, failures so far): small, no dependencies, and
it handles an unknown total (paths streamed on stdin) and messages printed above the
bar. Without a terminal (CI, cron, a pipe) a bar is noise, so a line goes out every
LOG_EVERY seconds instead. Failures are always printed, one line each, as they happen.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any

from sharecard.batch.run import Row, Summary

LOG_EVERY = 10.0


class Progress:
    def __init__(self, total: int | None, *, stream: IO[str] | None = None,
                 bar: bool | None = None, verbose: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.verbose = verbose
        self.total = total
        self.started = time.monotonic()
        self.last_line = self.started
        self.bar: Any = None
        if bar if bar is not None else self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="bundle", file=self.stream, dynamic_ncols=True,
                            smoothing=0.05)

    def _say(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def __call__(self, row: Row, summary: Summary) -> None:
        if row.status == "failed":
            self._say(f"sharecard: {row.error}")
        elif self.verbose:
            self._say(f"{row.status:<9} {row.input} -> {row.slug}/")
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(failed=summary.failed, refresh=False)
            return
        now = time.monotonic()
        if now - self.last_line >= LOG_EVERY:
            self.last_line = now
            of = f"/{self.total}" if self.total else ""
            rate = summary.done / max(now - self.started, 1e-9)
            self._say(f"batch: {summary.done}{of} done ({summary.rendered} rendered, "
                      f"{summary.unchanged} unchanged, {summary.failed} failed), "
                      f"{rate:.1f}/s")

    def waiting(self, waiting: bool) -> None:
        """The cluster has no worker (True) or has one again (False): said on the bar,
        or as a line in a log."""
        if self.bar is not None:
            self.bar.set_description("waiting for workers" if waiting else "", refresh=True)
        elif waiting:
            self._say("batch: waiting for workers: the Dask cluster has none")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def summary_line(summary: Summary) -> str:
    """The run in one line: counts, seconds, bundles rendered per second."""
    rate = summary.rendered / summary.seconds if summary.seconds > 0 else 0.0
    parts = [f"{summary.rendered} rendered", f"{summary.unchanged} unchanged",
             f"{summary.failed} failed"]
    if summary.duplicate:
        parts.append(f"{summary.duplicate} named twice")
    return (f"batch: {', '.join(parts)} in {summary.seconds:.1f} s "
            f"({rate:.2f} bundles/s); index: {summary.index or 'not written'}")
