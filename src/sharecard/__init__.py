"""sharecard: share cards and social snippets from news briefings.

The top-level API (see `sharecard.public`): `read`, `render`, `render_svg`, `bundle`,
`bundle_zip`, `blurb`, `sign_url`, the `Briefing` and `Manifest` types, and the errors
(`SharecardError`, `InputError`, `SchemaError`, `ConfigError`). They load on first use
(PEP 562), so ``import sharecard`` and ``sharecard --help`` stay fast; ``__version__``
comes from ``_version.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sharecard.errors import ConfigError, InputError, SchemaError, SharecardError
    from sharecard.public import (
        Briefing,
        Manifest,
        blurb,
        bundle,
        bundle_zip,
        read,
        render,
        render_svg,
        sign_url,
    )

_EXPORTS = {
    "read": "sharecard.public",
    "render": "sharecard.public",
    "render_svg": "sharecard.public",
    "bundle": "sharecard.public",
    "bundle_zip": "sharecard.public",
    "blurb": "sharecard.public",
    "sign_url": "sharecard.public",
    "Briefing": "sharecard.public",
    "Manifest": "sharecard.public",
    "SharecardError": "sharecard.errors",
    "InputError": "sharecard.errors",
    "SchemaError": "sharecard.errors",
    "ConfigError": "sharecard.errors",
}

__all__ = [
    "Briefing",
    "ConfigError",
    "InputError",
    "Manifest",
    "SchemaError",
    "SharecardError",
    "__version__",
    "blurb",
    "bundle",
    "bundle_zip",
    "read",
    "render",
    "render_svg",
    "sign_url",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # Read from _version.py, the version's one source (pyproject reads it too):
        # neither `sharecard --help` nor a render pays for importlib.metadata.
        from sharecard._version import __version__ as value
    elif name in _EXPORTS:
        from importlib import import_module

        value = getattr(import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'sharecard' has no attribute {name!r}")
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
