"""Command-line options several commands share, defined once so they mean the same
everywhere: `max_bytes_option` on every command that reads a briefing (parse, render,
blurb, preview, and any command added later)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from sharecard.errors import LIMIT_HINT
from sharecard.readers.source import DEFAULT_MAX_BYTES

F = TypeVar("F", bound=Callable[..., Any])


def max_bytes_option(func: F) -> F:
    """``--max-bytes N`` (default 5 MB), passed to the command as `max_bytes`. While the
    command runs, a too-large input says "raise it with --max-bytes"."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        token = LIMIT_HINT.set("raise it with --max-bytes")
        try:
            return func(*args, **kwargs)
        finally:
            LIMIT_HINT.reset(token)

    option = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )
    return option(run)  # type: ignore[return-value]
