"""Font set-ups for tests: a system face a test needs, and machines with other fonts.

- `require_font(family, package)` fails the test (naming the Debian package that
  `scripts/test.sh` installs) when fontconfig does not know the family, so a missing
  package never shows up as OCR reading nothing.
- `fontconfig_env(tmp, dirs)` is the environment of a process whose fontconfig knows
  only `dirs` (FONTCONFIG_FILE, honoured by every fontconfig): a machine without system
  fonts when `dirs` is empty, or with exactly one extra face. fontconfig reads its
  configuration once per process, so such a machine is a subprocess (`sharecard_run`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import fontconfig

from . import unavailable


def require_font(family: str, package: str) -> None:
    """Fail unless fontconfig knows `family` (installed by Debian's `package`)."""
    if not fontconfig.list(properties={"family": family}, select=("file",)):
        unavailable(f"font '{family}' missing: install Debian package {package}")


def font_file(family: str, package: str) -> Path:
    """The file of `family`'s regular face (fails naming `package` when absent)."""
    require_font(family, package)
    rows = fontconfig.list(properties={"family": family}, select=("file", "weight"))
    return Path(min(rows, key=lambda r: abs(float(r.get("weight") or 80) - 80))["file"])


def fontconfig_env(tmp: Path, dirs: Sequence[Path] = ()) -> dict[str, str]:
    """Environment for a process whose fontconfig sees only the fonts in `dirs`."""
    tmp.mkdir(parents=True, exist_ok=True)
    conf = tmp / "fonts.conf"
    cache = tmp / "fc-cache"
    listed = "".join(f"<dir>{escape(str(d))}</dir>" for d in dirs)
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig>{listed}<cachedir>{escape(str(cache))}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(conf)
    env.pop("FONTCONFIG_PATH", None)
    env["SHARECARD_CACHE_DIR"] = str(tmp / "sharecard-cache")
    return env


def sharecard_run(args: Sequence[str], env: dict[str, str] | None = None,
                  cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`sharecard ARGS` in a fresh process (its own fontconfig), text output captured."""
    return subprocess.run(
        [sys.executable, "-m", "sharecard", *args], env=env, cwd=cwd, capture_output=True,
        text=True, timeout=300, check=False,
    )


SCRIPT_FACES = (("Noto Sans Thai", "fonts-noto-core"), ("Noto Sans Bengali", "fonts-noto-core"))


def require_script_faces() -> None:
    """Fail unless the system faces for the scripts sharecard does not ship are installed
    (font discovery finds them; this only turns their absence into a named package)."""
    for family, package in SCRIPT_FACES:
        require_font(family, package)
