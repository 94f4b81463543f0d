"""Command-line options several commands share, defined once so they mean the same
everywhere: `max_bytes_option` on every command that reads a briefing (parse, render,
blurb, preview, and any command added later), `template_timeout_option` on every
command that renders cards.

Each option is also *offered* while its command runs (`offering`), so an error about
that limit says how to raise it on the command line: "(raise it with --max-bytes)".
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from sharecard.errors import OFFERED_OPTIONS
from sharecard.readers.source import DEFAULT_MAX_BYTES

F = TypeVar("F", bound=Callable[..., Any])


def offering(option: str) -> Callable[[F], F]:
    """Run the command with `option` named in the errors of the limit it raises."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            token = OFFERED_OPTIONS.set(OFFERED_OPTIONS.get() | {option})
            try:
                return func(*args, **kwargs)
            finally:
                OFFERED_OPTIONS.reset(token)

        return run  # type: ignore[return-value]

    return decorate


def max_bytes_option(func: F) -> F:
    """``--max-bytes N`` (default 5 MB), passed to the command as `max_bytes`."""
    option = click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Refuse inputs larger than this many bytes.",
    )
    return option(offering("--max-bytes")(func))


def template_timeout_option(func: F) -> F:
    """``--template-timeout SECONDS``, passed to the command as `template_timeout`
    (None when not given: the config file's, else 20 s)."""
    option = click.option(
        "--template-timeout",
        type=click.FloatRange(min=0, min_open=True),
        metavar="SECONDS",
        help="Stop a card template that runs longer than this (default 20).",
    )
    return option(offering("--template-timeout")(func))
