"""sharecard: share cards and social snippets from news briefings."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # Looked up on first use: importlib.metadata costs more at start-up than all of click,
    # and `sharecard --help` must start in under 150 ms (see sharecard.cli).
    if name != "__version__":
        raise AttributeError(f"module 'sharecard' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("sharecard")
    except PackageNotFoundError:  # running from a source tree that was never installed
        value = "0.0.0+source"
    globals()["__version__"] = value
    return value
