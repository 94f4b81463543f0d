"""sharecard: share cards and social snippets from news briefings.

The public API (defined in `sharecard.public`): `read`, `render`, `card`, `render_svg`,
`bundle`, `bundle_files`, `bundle_zip`, `blurb`, `sign_url`; the `Briefing`, `Card`,
`Diagnostic`, `InputLimits` and `Manifest` types; and the errors (`SharecardError` and
its subclasses `InputError`, `BriefingTooLarge`, `SchemaError`, `ConfigError`,
`FitError`, `NoSuchCard`, `WriteError`). They load on first use (PEP 562), so
``import sharecard`` and ``sharecard --help`` stay fast; ``__version__`` comes from
``_version.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sharecard._version import __version__
    from sharecard.errors import (
        ConfigError,
        FitError,
        InputError,
        NoSuchCard,
        SchemaError,
        SharecardError,
        WriteError,
    )
    from sharecard.public import (
        LOST_TEXT,
        Briefing,
        BriefingTooLarge,
        Card,
        Diagnostic,
        InputLimits,
        Manifest,
        Source,
        blurb,
        bundle,
        bundle_files,
        bundle_zip,
        card,
        read,
        render,
        render_svg,
        sign_url,
    )

_PUBLIC = ("LOST_TEXT", "Briefing", "BriefingTooLarge", "Card", "Diagnostic", "InputLimits",
           "Manifest", "Source", "blurb",
           "bundle", "bundle_files", "bundle_zip", "card", "read", "render", "render_svg",
           "sign_url")
_ERRORS = ("ConfigError", "FitError", "InputError", "NoSuchCard", "SchemaError",
           "SharecardError", "WriteError")
_EXPORTS = {**dict.fromkeys(_PUBLIC, "sharecard.public"),
            **dict.fromkeys(_ERRORS, "sharecard.errors"),
            "__version__": "sharecard._version"}

__all__ = [
    "LOST_TEXT",
    "Briefing",
    "BriefingTooLarge",
    "Card",
    "ConfigError",
    "Diagnostic",
    "FitError",
    "InputError",
    "InputLimits",
    "Manifest",
    "NoSuchCard",
    "SchemaError",
    "SharecardError",
    "Source",
    "WriteError",
    "__version__",
    "blurb",
    "bundle",
    "bundle_files",
    "bundle_zip",
    "card",
    "read",
    "render",
    "render_svg",
    "sign_url",
]


def __getattr__(name: str) -> Any:
    """A public name, imported on first use (`_EXPORTS` says from where): the version is
    read from _version.py, its one source, so neither ``sharecard --help`` nor a render
    pays for importlib.metadata."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'sharecard' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(_EXPORTS[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
