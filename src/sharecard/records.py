"""Immutable records: sharecard's internal value types are `msgspec.Struct` classes.

Why not dataclasses: Python 3.11 builds each dataclass's methods from source text at
import (``exec``, about 1.2 ms a class); a cold render defines some seventy, a sixth of
its time. A Struct class is made in C in microseconds, and its instances are made,
compared and replaced two to five times faster, which the layout's fitting loops feel.
The public data model (`Briefing` and its parts, `Settings`, `Theme`, `Manifest`) stays
dataclasses, which callers may already take apart with `dataclasses.replace`.

`replace` takes either kind, so code need not know which a value is.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")


def replace(record: T, /, **changes: Any) -> T:
    """A copy of `record` (a Struct or a dataclass) with `changes`."""
    if isinstance(record, msgspec.Struct):
        return msgspec.structs.replace(record, **changes)
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]
