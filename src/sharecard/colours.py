"""Hex colours as users, configs and templates write them: one parser for all of them.

Themes accept ``#abc`` or ``abc``; the typesetter also takes a few names. Both expand
the short form the same way, here, so a colour means the same wherever it is given.
"""

from __future__ import annotations

import re

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def hex_colour(value: str, *, require_hash: bool = False) -> str | None:
    """``#abc`` / ``abc`` / ``#aabbcc`` (any case) as lowercase ``#aabbcc``; None if not a
    hex colour (or, with `require_hash`, if the ``#`` is missing)."""
    text = value.strip()
    match = _HEX.fullmatch(text)
    if match is None or (require_hash and not text.startswith("#")):
        return None
    digits = match.group(1).lower()
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))
