"""System faces for the scripts sharecard does not ship (Thai, Bengali), found explicitly.

Debian's fonts-noto-core has them (scripts/test.sh installs it). Font discovery of system
faces is a feature of its own; until a FontLibrary finds these by itself, tests that set
Thai or Bengali pass these files as user fonts. A missing face fails the test with the
package to install (see support.unavailable), never a silent skip.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

from . import unavailable

PACKAGE = "fonts-noto-core"
FAMILIES = ("Noto Sans Thai", "Noto Sans Bengali")


def _match(pattern: str) -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    out = subprocess.run(
        ["fc-match", "-f", "%{family}\n%{file}", pattern],
        capture_output=True, text=True, timeout=30, check=False,
    ).stdout.split("\n")
    if len(out) < 2 or not out[1]:
        return None
    family, file = out[0], Path(out[1])
    wanted = pattern.split(":", 1)[0]
    return file if wanted in family.split(",") and file.is_file() else None


@functools.cache
def script_font_files() -> tuple[str, ...]:
    """Regular and bold files of every family in FAMILIES (fails the test if one is absent)."""
    files: list[str] = []
    for family in FAMILIES:
        for style in ("Regular", "Bold"):
            found = _match(f"{family}:style={style}")
            if found is None:
                unavailable(f"font {family} {style} not found: install {PACKAGE}")
            files.append(str(found))
    return tuple(dict.fromkeys(files))
