"""Errors a user can act on. Each renders as one line: the file, then the problem.

Anything raised as `SharecardError` reaches the user as ``sharecard: FILE: problem`` and
exit code 2 (bad usage or input), or 1 for `EnvironmentProblem`s (a full disk, a closed
output). Any other exception is a bug in sharecard.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

# The command-line options the running command offers ("--max-bytes"…), so a limit's
# error can say how to raise it there, and only there: the library has no flags.
OFFERED_OPTIONS: ContextVar[frozenset[str]] = ContextVar(
    "sharecard_offered_options", default=frozenset()
)


def offered_hint(option: str) -> str:
    """`` (raise it with OPTION)`` while a command offering OPTION runs, else ``""``."""
    return f" (raise it with {option})" if option in OFFERED_OPTIONS.get() else ""


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
    only where there is one (a command that offers --max-bytes)."""

    def __init__(self, limit: int, source: str | None = None, hint: str | None = None) -> None:
        self.limit = limit
        self.hint = hint if hint is not None else offered_hint("--max-bytes")
        super().__init__(f"input is larger than the limit of {limit} bytes{self.hint}", source)

    def with_source(self, source: str) -> InputTooLarge:
        return self if self.source else InputTooLarge(self.limit, source, self.hint)


class SchemaError(InputError):
    """A structured briefing (JSON/YAML) does not match the published schema."""


class ConfigError(SharecardError):
    """A preset, theme, template, font or config value that does not exist or is invalid."""


class SizeError(ConfigError):
    """A size that cannot be drawn: a preset's shape (over 4:1), or an image over the
    pixel limit at the scale asked for. `code` says which ("bad-size", "too-many-pixels"):
    the service answers each with its own error code, as a limit that spans parameters."""

    def __init__(self, problem: str, source: str | None = None, *,
                 code: str = "bad-size") -> None:
        super().__init__(problem, source)
        self.code = code

    def with_source(self, source: str) -> SizeError:
        return self if self.source else SizeError(self.problem, source, code=self.code)


class NoSuchCard(ConfigError):
    """A card the briefing has nothing for: a section past its last, a quote card of a
    briefing without a quotation. (The service answers 422 ``no-such-card``.)"""


class FitError(SharecardError):
    """A card could not show all of its text (a render asked to be strict): `warnings`
    holds what was lost, each a `sharecard.model.Diagnostic`."""

    def __init__(self, problem: str, source: str | None = None, *,
                 warnings: tuple[Any, ...] = ()) -> None:
        super().__init__(problem, source)
        self.warnings = warnings

    def with_source(self, source: str) -> FitError:
        return self if self.source else FitError(self.problem, source, warnings=self.warnings)


class EnvironmentProblem(SharecardError):
    """Not the input's fault: the machine could not do what was asked (exit code 1)."""

    exit_code = 1


class WriteError(EnvironmentProblem):
    """An output file or stream could not be written: a full disk, a read-only folder,
    no permission, a closed pipe. Whatever was there before is left as it was."""
