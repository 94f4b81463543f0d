"""Regular expressions compiled once per machine, not on every start.

The `regex` module compiles in Python: a pattern built from word tables (the
typesetter's numbers and their units, months and currencies) takes ~35 ms, a tenth of a
cold render, and the modules' other patterns (readers, blurbs, text) some 20 ms more
together. Its compiled form pickles with the compiled code itself (the module's own
pickling, which `regex` registers with copyreg), so it is kept in sharecard's cache
folder (`sharecard.resources.cache_dir`) under a key of the `regex` and Python versions,
the flags and the pattern text, and unpickled in under a millisecond next time. A missing,
unreadable or foreign entry is compiled again; a cache folder that cannot be written is
no error (the pattern is then compiled every time, as before).

The standard library's `re` compiles in Python too: the URL finder's TLD patterns
(``blurbs.urls``, twitter-text's 1,500 TLDs) take ~130 ms, paid by every process whose
blurbs hold a link. Its compiled patterns do not pickle, but a pattern is
``_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`` of what
``re._compiler`` works out; `cached_re` keeps those parts (plain ints, strings, dicts:
`marshal`, beside the pattern text and flags they are for) under a key of the Python
version and ``_sre.MAGIC``, and rebuilds the pattern from them in a fraction of a
millisecond. `_sre` checks the code it is given, and a fresh entry is stored only when
the rebuilt pattern equals ``re.compile``'s (patterns compare by their code); whatever
goes wrong, `re.compile` is the answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import regex

from sharecard.resources import cache_dir


def _entry(kind: str, version: str, pattern: str, flags: int, suffix: str) -> Path:
    key = "\0".join((version, sys.version, str(int(flags)), pattern))
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return cache_dir() / kind / f"{digest}{suffix}"


def _load(path: Path, pattern: str) -> regex.Pattern[str] | None:
    try:
        with path.open("rb") as stored:
            compiled = pickle.load(stored)
    except Exception:  # a missing, torn or foreign entry: compile instead
        return None
    if isinstance(compiled, regex.Pattern) and compiled.pattern == pattern:
        return compiled
    return None


def _store(path: Path, data: bytes) -> None:
    """Write atomically (a temporary file renamed into place): parallel renders may
    store the same entry at once, and a reader never sees half of one."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def cached_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, compiled once per machine (see the module)."""
    path = _entry("regex", regex.__version__, pattern, flags, ".pickle")
    compiled = _load(path, pattern)
    if compiled is None:
        compiled = regex.compile(pattern, flags)
        _store(path, pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL))
    return compiled


def _re_parts(pattern: str, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands `_sre.compile` after the pattern text, as
    plain values (its opcodes are int subclasses, which `marshal` refuses)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), [int(c) for c in code],
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _rebuild(pattern: str, parts: Any) -> re.Pattern[str] | None:
    import _sre

    try:
        compiled = _sre.compile(pattern, *parts)
    except Exception:  # a foreign or damaged entry: _sre refuses code it can't run
        return None
    return compiled if isinstance(compiled, re.Pattern) else None


def cached_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, compiled once per machine (see the module)."""
    import _sre

    path = _entry("re", str(_sre.MAGIC), pattern, flags, ".marshal")
    try:
        stored_pattern, stored_flags, parts = marshal.loads(path.read_bytes())
    except Exception:  # missing, torn, or not marshal data
        stored_pattern = None
    if stored_pattern == pattern and stored_flags == int(flags):  # not another's entry
        compiled = _rebuild(pattern, parts)
        if compiled is not None:
            return compiled
    expected = re.compile(pattern, flags)
    try:
        parts = _re_parts(pattern, flags)
        data = marshal.dumps((pattern, int(flags), parts))
    except Exception:  # a Python whose re internals moved: no cache, same patterns
        return expected
    if _rebuild(pattern, parts) == expected:
        _store(path, data)
    return expected
