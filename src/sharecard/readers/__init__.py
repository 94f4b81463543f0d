"""Briefing readers: Scout share text, Markdown, JSON and YAML, each to a clean Briefing.

    read_path("briefing.txt")            # file or "-" (stdin), format autodetected
    read_text(text, "markdown")          # already decoded text
    read_bytes(data, source="upload")    # bytes from anywhere (an HTTP body…)

Every problem with the input is an InputError (SchemaError for structured input) naming
the source; nothing else escapes for any text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sharecard.errors import ConfigError, SharecardError
from sharecard.model import Briefing
from sharecard.readers.detect import FORMATS, detect_format, format_from_name
from sharecard.readers.limits import DEFAULT_LIMITS, BriefingTooLarge, InputLimits, check_limits
from sharecard.readers.quotes import with_quotations
from sharecard.readers.scout import parse_scout
from sharecard.readers.source import DEFAULT_MAX_BYTES, check_size, decode, load, prepare
from sharecard.readers.structured import parse_json, parse_yaml, schema_text

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "BriefingTooLarge",
    "InputLimits",
    "detect_format",
    "read_bytes",
    "read_file",
    "read_path",
    "read_text",
    "schema_text",
]

def parse_markdown(text: str) -> Briefing:
    """`readers.markdown.parse_markdown`, imported on first use: markdown-it is a tenth
    of a cold start, and share text, the usual input, never needs it."""
    from sharecard.readers.markdown import parse_markdown as parse

    return parse(text)


_PARSERS: dict[str, Callable[[str], Briefing]] = {
    "scout": parse_scout,
    "markdown": parse_markdown,
    "json": parse_json,
    "yaml": parse_yaml,
}


def read_path(
    path: str | Path, fmt: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits = DEFAULT_LIMITS,
) -> Briefing:
    """Read the briefing in file `path` ("-" for stdin); `fmt` None means autodetect
    (the suffix .md/.json/.yaml decides when present, else the content)."""
    return read_file(path, fmt, max_bytes=max_bytes, limits=limits)[0]


def read_file(
    path: str | Path, fmt: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
    limits: InputLimits = DEFAULT_LIMITS,
) -> tuple[Briefing, bytes]:
    """`read_path`, also returning the bytes read (a bundle records their sha256)."""
    source = "<stdin>" if str(path) == "-" else str(path)
    try:
        data = load(path, max_bytes=max_bytes)
    except SharecardError as exc:
        raise exc.with_source(source) from None
    hint = None if str(path) == "-" else format_from_name(path)
    return read_bytes(data, fmt or hint, source=source, max_bytes=max_bytes,
                      limits=limits), data


def read_bytes(
    data: bytes, fmt: str | None = None, *, source: str,
    max_bytes: int | None = DEFAULT_MAX_BYTES, limits: InputLimits = DEFAULT_LIMITS,
) -> Briefing:
    """Read a briefing from raw bytes (strict UTF-8; a BOM is allowed)."""
    try:
        check_size(data, max_bytes)
        text = decode(data)
    except SharecardError as exc:
        raise exc.with_source(source) from None
    return read_text(text, fmt, source=source, limits=limits)


def read_text(text: str, fmt: str | None = None, *, source: str = "<stdin>",
              limits: InputLimits = DEFAULT_LIMITS) -> Briefing:
    """Read a briefing from text; `fmt` is one of FORMATS, None to autodetect. A briefing
    over `limits` (bullets, sections, characters) is refused: BriefingTooLarge."""
    if fmt is not None and fmt not in _PARSERS:
        raise ConfigError(f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")
    try:
        clean = prepare(text)
        briefing = check_limits(_PARSERS[fmt or detect_format(clean)](clean), limits)
        return with_quotations(briefing)
    except SharecardError as exc:
        raise exc.with_source(source) from None
