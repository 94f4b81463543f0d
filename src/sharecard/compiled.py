"""`regex` patterns compiled once per machine, not on every start.

The `regex` module compiles in Python: a pattern built from word tables (the
typesetter's numbers and their units, months and currencies) takes ~35 ms, a tenth of a
cold render, and the modules' other patterns (readers, blurbs, text) some 20 ms more
together. Its compiled form pickles with the compiled code itself (the module's own
pickling, which `regex` registers with copyreg), so it is kept in sharecard's cache
folder (`sharecard.resources.cache_dir`) under a key of the `regex` and Python versions,
the flags and the pattern text, and unpickled in under a millisecond next time. A missing,
unreadable or foreign entry is compiled again; a cache folder that cannot be written is
no error (the pattern is then compiled every time, as before).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import regex

from sharecard.resources import cache_dir


def _entry(pattern: str, flags: int) -> Path:
    key = "\0".join((regex.__version__, sys.version, str(int(flags)), pattern))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / "regex" / f"{digest}.pickle"


def _load(path: Path, pattern: str) -> regex.Pattern[str] | None:
    try:
        with path.open("rb") as stored:
            compiled = pickle.load(stored)
    except Exception:  # a missing, torn or foreign entry: compile instead
        return None
    if isinstance(compiled, regex.Pattern) and compiled.pattern == pattern:
        return compiled
    return None


def _store(path: Path, compiled: regex.Pattern[str]) -> None:
    """Write atomically (a temporary file renamed into place): parallel renders may
    store the same entry at once, and a reader never sees half of one."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(compiled, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def cached_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, compiled once per machine (see the module)."""
    path = _entry(pattern, flags)
    compiled = _load(path, pattern)
    if compiled is None:
        compiled = regex.compile(pattern, flags)
        _store(path, compiled)
    return compiled
