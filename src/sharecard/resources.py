"""Where shipped data (templates, fonts) lives, in a source checkout or an installed wheel.

The wheel carries them as ``sharecard/_data/<name>`` (see pyproject's force-include); a
source checkout or editable install finds them at the project root. One lookup, one place.
"""

from __future__ import annotations

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
