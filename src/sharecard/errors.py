"""Errors a user can act on. Each renders as one line: the file, then the problem.

Anything raised as `SharecardError` reaches the user as ``sharecard: FILE: problem`` and
exit code 2 (bad usage or input), or 1 for `EnvironmentProblem`s (a full disk, a closed
output). Any other exception is a bug in sharecard.
"""

from __future__ import annotations

from contextvars import ContextVar

# How the user can raise a size limit, when the caller offers a way ("raise it with
# --max-bytes" on the command line); None for the library, which has no flags.
LIMIT_HINT: ContextVar[str | None] = ContextVar("sharecard_limit_hint", default=None)


class SharecardError(Exception):
    """Bad input or usage: reported as one line naming the file, exit code 2."""

    exit_code = 2

    def __init__(self, problem: str, source: str | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}" if self.source else self.problem

    def with_source(self, source: str) -> SharecardError:
        """The same error, naming `source` if it did not name a file yet."""
        if self.source:
            return self
        return type(self)(self.problem, source)


class InputError(SharecardError):
    """The input file cannot be read as a briefing (empty, binary, bad UTF-8, too big…)."""


class InputTooLarge(InputError):
    """The input is over the byte limit. The message names the way to raise the limit
    only where there is one (`LIMIT_HINT`, set by commands that take --max-bytes)."""

    def __init__(self, limit: int, source: str | None = None, hint: str | None = None) -> None:
        self.limit = limit
        self.hint = hint if hint is not None else LIMIT_HINT.get()
        problem = f"input is larger than the limit of {limit} bytes"
        super().__init__(f"{problem} ({self.hint})" if self.hint else problem, source)

    def with_source(self, source: str) -> InputTooLarge:
        return self if self.source else InputTooLarge(self.limit, source, self.hint)


class SchemaError(InputError):
    """A structured briefing (JSON/YAML) does not match the published schema."""


class ConfigError(SharecardError):
    """A preset, theme, template, font or config value that does not exist or is invalid."""


class EnvironmentProblem(SharecardError):
    """Not the input's fault: the machine could not do what was asked (exit code 1)."""

    exit_code = 1


class WriteError(EnvironmentProblem):
    """An output file or stream could not be written: a full disk, a read-only folder,
    no permission, a closed pipe. Whatever was there before is left as it was."""
