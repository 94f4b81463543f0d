"""Where shipped data (templates, fonts) lives, in a source checkout or an installed wheel,
and where sharecard may keep caches.

The wheel carries them as ``sharecard/_data/<name>`` (see pyproject's force-include); a
source checkout or editable install finds them at the project root. One lookup, one place.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The directory of shipped data `name` ("templates" or "fonts")."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"sharecard's shipped '{name}' directory is missing from this install")


def cache_dir() -> Path:
    """sharecard's cache folder: SHARECARD_CACHE_DIR, else the platform's usual place."""
    own = os.environ.get("SHARECARD_CACHE_DIR")
    if own:
        return Path(own)
    home = Path.home()
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "sharecard"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / \
            "sharecard" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "sharecard"
