"""Bytes in, clean text out: the checks every input passes before any format reader.

Bad input must give one clear line (empty, binary, bad UTF-8 with its byte offset, over
the size cap), never a traceback, so all of it is decided here, at the edge.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from pathlib import Path
from typing import BinaryIO

from sharecard.compiled import cached_regex
from sharecard.errors import InputError, InputTooLarge

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Share text has almost no control characters; more than this share of them is binary.
MAX_CONTROL_RATIO = 0.05
_CONTROL = cached_regex(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_SURROGATE = cached_regex(r"[\ud800-\udfff]")
_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def load(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of `path` ("-" is stdin), refusing more than `max_bytes`."""
    if str(path) == "-":
        return _read_capped(sys.stdin.buffer, max_bytes)
    try:
        with open(path, "rb") as stream:
            return _read_capped(stream, max_bytes)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def _read_capped(stream: BinaryIO, max_bytes: int) -> bytes:
    # Read one byte past the cap: enough to know the input is too big, never all of it.
    data = stream.read(max_bytes + 1)
    check_size(data, max_bytes)
    return data


def check_size(data: bytes, max_bytes: int | None) -> None:
    if max_bytes is not None and len(data) > max_bytes:
        raise InputTooLarge(max_bytes)


def decode(data: bytes) -> str:
    """Strict UTF-8, naming the offending byte's offset; NUL bytes mean binary data."""
    if not data:
        raise InputError("file is empty")
    if data.startswith(_UTF16_32):
        raise InputError("text is UTF-16 or UTF-32; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"looks like binary data (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from None


def prepare(text: str) -> str:
    """Text every reader can trust: no BOM, "\\n" newlines, NFC, no stray control codes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text:
        raise InputError("file is empty")
    if not text.strip():
        raise InputError("file contains only whitespace")
    surrogate = _SURROGATE.search(text)
    if surrogate:
        raise InputError(f"not valid Unicode: unpaired surrogate at offset {surrogate.start()}")
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(f"looks like binary data (NUL character at offset {nul})")
    kept, controls = _CONTROL.subn("", text)
    if controls > MAX_CONTROL_RATIO * len(text):
        raise InputError(f"looks like binary data ({controls} control characters)")
    text = unicodedata.normalize("NFC", kept.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError("file contains only whitespace")
    return text
