"""A user's font file is read whole before it is used: a damaged one is refused in one line.

Why: HarfBuzz shapes with whatever tables it can read and skips the rest, so a truncated
``--font`` file shadowed the shipped face with no warning and the headline came out in
another face; Skia, which draws the card, then refused the same file with a traceback.
So every file a user gives is checked here first, the way a font sanitizer checks a web
font, but for damage, not for style:

- the table directory is read, and every table is as long as the directory says (a
  truncated file fails here);
- every table's data matches its checksum, except ``head``'s, which tools disagree on
  (its checkSumAdjustment field; Debian's WenQuanYi Zen Hei is one font that differs),
  so a file damaged in the middle fails too;
- the tables the typesetter reads itself (``cmap``, ``head``, ``hhea``, ``hmtx``,
  ``maxp``, ``name``, ``OS/2``, ``post``, and ``fvar`` for a variable font) decompile.

A collection (.ttc/.otc) is checked face by face. The shipped fonts and the system's
(found through fontconfig) are not checked: those are installed, not handed in.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

from sharecard.errors import ConfigError

# Tables the typesetter decodes with fontTools, or HarfBuzz needs to find glyphs at all.
READ = ("cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "fvar")
REQUIRED = ("cmap", "head", "hhea", "hmtx", "maxp")


def check_font_file(path: Path) -> None:
    """Refuse (ConfigError naming the file) a font file that cannot be read whole."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise ConfigError(f"cannot read font: {exc.strerror or exc}", source=path.name) from None
    problem = _problem(str(path), stat.st_size, stat.st_mtime_ns)
    if problem is not None:
        raise ConfigError(f"damaged font: {problem}", source=path.name)


@lru_cache(maxsize=64)
def _problem(path: str, size: int, mtime: int) -> str | None:
    """Why the file at `path` (of this size and time) is damaged, or None. Cached: a
    process checks a file once (size and time change when the file does)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError
    from fontTools.ttLib.sfnt import calcChecksum

    try:
        with open(path, "rb") as stream:
            collection = stream.read(4) == b"ttcf"
        count = len(TTCollection(path, lazy=True).fonts) if collection else 1
        for index in range(count):
            font = TTFont(path, fontNumber=index if collection else -1, lazy=True)
            reader = font.reader
            where = f" (face {index})" if collection else ""
            missing = [tag for tag in REQUIRED if tag not in reader.tables]
            if missing:
                return f"no '{missing[0]}' table{where}"
            for tag, entry in reader.tables.items():
                data = reader[tag]
                if len(data) != entry.length:
                    return (f"table '{tag}' is truncated{where}: {len(data):,} of "
                            f"{entry.length:,} bytes")
                if tag != "head" and calcChecksum(data) != entry.checkSum:
                    return f"table '{tag}' fails its checksum{where}"
            for tag in READ:
                if tag in reader.tables:
                    _ = font[tag]  # decompiles it: a table the typesetter will read
    except (TTLibError, AssertionError, struct.error, ValueError, KeyError, IndexError,
            EOFError, OSError, TypeError) as exc:
        return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return None
