"""What a batch reads: every input named on the command line, one at a time.

Arguments are files, directories (walked recursively, sorted, hidden entries and the
output folder skipped), glob patterns, JSONL files (one structured briefing per line) and
``-`` (paths on stdin, one per line). Everything is a generator, so a batch never holds
the list of its inputs: directories and JSONL files are read as they are walked. A glob
is the exception (Python's glob returns its matches unsorted, and a batch needs a stable
order), so its matches are sorted in memory; name a directory for very large sets.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

# Which files in a folder are briefings: the same rule as `sharecard preview DIR`.
import msgspec

from sharecard.readers.detect import BRIEFING_SUFFIXES, NOT_BRIEFINGS, format_from_name

JSONL_SUFFIXES = (".jsonl", ".ndjson")
_GLOB_MAGIC = ("*", "?", "[")


class Source(msgspec.Struct, frozen=True):
    """One input: a file to read, or a JSONL line already read, or what is wrong with it."""

    label: str  # as the user named it; in messages and index.json ("a/b.txt", "day.jsonl:7")
    name: str  # as a manifest records it: the file name, or "day.jsonl:7"
    path: str | None = None  # the file to read
    data: bytes | None = None  # a JSONL line's bytes
    fmt: str | None = None  # format the name promises (None: detect from the content)
    scope: str = ""  # identity of the file holding it (normalised path)
    problem: str | None = None  # why it cannot be read at all


def _file(path: str) -> Source:
    norm = os.path.normpath(path)
    return Source(label=path, name=Path(path).name, path=path, fmt=format_from_name(path),
                  scope=norm)


def is_briefing_name(name: str) -> bool:
    lower = name.lower()
    if lower.startswith(".") or lower.endswith(".expected.json"):
        return False
    stem, suffix = os.path.splitext(lower)
    if suffix not in (*BRIEFING_SUFFIXES, *JSONL_SUFFIXES):
        return False
    return stem not in NOT_BRIEFINGS


def walk(directory: str, skip: Path | None) -> Iterator[str]:
    """Briefing files under `directory`, depth first, files and folders sorted together
    by name at each level (the order of ``find | sort``)."""
    try:
        with os.scandir(directory) as it:
            entries = sorted((e.name, e.path, e.is_dir()) for e in it
                             if not e.name.startswith("."))
    except OSError:
        return
    for name, path, is_dir in entries:
        if is_dir:
            if skip is None or not _same(Path(path), skip):
                yield from walk(path, skip)
        elif is_briefing_name(name):
            yield path


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b
    except OSError:
        return False


def jsonl_lines(path: str, max_bytes: int) -> Iterator[Source]:
    """One Source per non-blank line of a JSONL file, read one line at a time."""
    name = Path(path).name
    scope = os.path.normpath(path)
    try:
        stream: IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed below, after the loop
    except OSError as exc:
        yield Source(label=path, name=name, scope=scope,
                     problem=f"cannot read: {exc.strerror or exc}")
        return
    with stream:
        number = 0
        while True:
            line = stream.readline(max_bytes + 1)
            if not line:
                return
            number += 1
            label, where = f"{path}:{number}", f"{name}:{number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = stream.readline(1 << 20)
                yield Source(label=label, name=where, scope=scope,
                             problem=f"line is larger than the limit of {max_bytes} bytes")
                continue
            if line.strip():
                yield Source(label=label, name=where, data=line.rstrip(b"\r\n"), fmt="json",
                             scope=scope)


def _expand(path: str, skip: Path | None, max_bytes: int) -> Iterator[Source]:
    if os.path.isdir(path):
        for found in walk(path, skip):
            yield from _expand_file(found, max_bytes)
    elif os.path.lexists(path):
        yield from _expand_file(path, max_bytes)
    else:
        yield Source(label=path, name=Path(path).name, scope=os.path.normpath(path),
                     problem="no such file or directory")


def _expand_file(path: str, max_bytes: int) -> Iterator[Source]:
    if path.lower().endswith(JSONL_SUFFIXES):
        yield from jsonl_lines(path, max_bytes)
    else:
        yield _file(path)


def iter_sources(args: Iterable[str], *, stdin: IO[str] | None = None,
                 skip: Path | None = None, max_bytes: int) -> Iterator[Source]:
    """Every input the arguments name, in order. `skip` is a folder never walked into
    (the output folder, when it sits among the inputs)."""
    skip = skip.resolve() if skip is not None else None
    for arg in args:
        if arg == "-":
            for line in stdin or ():
                path = line.rstrip("\r\n")
                if path.strip():
                    yield from _expand(path, skip, max_bytes)
        elif not os.path.lexists(arg) and any(c in arg for c in _GLOB_MAGIC):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield Source(label=arg, name=Path(arg).name, scope=arg,
                             problem="no file matches this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from _expand(match, skip, max_bytes)
                elif is_briefing_name(Path(match).name):
                    yield from _expand_file(match, max_bytes)
        else:
            yield from _expand(arg, skip, max_bytes)
