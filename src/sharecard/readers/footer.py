"""The promo footer of a share text: attribution, never content.

"Get your own daily briefing / Scout delivers… / Download on the App Store / Shared from
Scout - Be the smartest in the room." is recognised by its marker lines, not by position,
so a missing footer, a store badge for another platform or a lone "Shared from X" work.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from sharecard.compiled import cached_regex
from sharecard.model import Attribution

_MARKER = cached_regex(
    r"(?:get your own (?:daily )?briefing|download on the app store|get it on google play"
    r"|available on the app store)\b",
    regex.IGNORECASE,
)
_SHARED = cached_regex(r"shared (?:from|via|with) (?P<rest>\S.*)", regex.IGNORECASE)
_TAGLINE_SEP = cached_regex(r"\s+[-–—|]\s+")


def is_footer_line(line: str) -> bool:
    """True for a line that only a promo footer holds."""
    line = line.strip()
    return bool(_MARKER.match(line) or _SHARED.fullmatch(line))


def footer_start(lines: Sequence[str], start: int) -> int:
    """Index of the footer's first line in `lines[start:]`, or len(lines) when there is none.

    The footer starts at its first marker line; a lone "Shared from X" counts only as the
    last non-blank line (elsewhere it could be prose).
    """
    for index in range(start, len(lines)):
        if _MARKER.match(lines[index].strip()):
            return index
    for index in range(len(lines) - 1, start - 1, -1):
        if lines[index].strip():
            return index if _SHARED.fullmatch(lines[index].strip()) else len(lines)
    return len(lines)


def attribution(footer: Sequence[str]) -> Attribution | None:
    """Brand and tagline from the footer's "Shared from BRAND - TAGLINE" line."""
    for line in footer:
        match = _SHARED.fullmatch(line.strip())
        if match:
            parts = _TAGLINE_SEP.split(match.group("rest").strip(), maxsplit=1)
            return make_attribution(parts[0], parts[1] if len(parts) > 1 else None)
    return None


def make_attribution(brand: str, tagline: str | None) -> Attribution:
    """Attribution with trimmed text; a blank tagline is no tagline."""
    return Attribution(brand.strip(), (tagline or "").strip() or None)
