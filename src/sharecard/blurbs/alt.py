"""Alt text for card images: what the card shows, in the order it shows it.

A card is text set as glyph outlines, so a screen reader gets nothing from the pixels.
The alt text says what kind of card it is, then the text drawn (headline, bullets or
body) and the brand, within the platform's alt-text limit: whole lines are dropped
from the end; only a title too long on its own is shortened (word boundary, "…").
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from sharecard.blurbs.platforms import get
from sharecard.blurbs.words import one_line, shorten
from sharecard.errors import ConfigError
from sharecard.text import is_terminated

KINDS = {"cover": "Share card", "section": "Section card", "quote": "Quote card"}


class ImageInfo(msgspec.Struct, frozen=True):
    """One card image of a bundle, as the cards stage drew it."""

    path: str
    width: int
    height: int
    preset: str
    kind: str
    title: str
    lines: tuple[str, ...] = ()
    brand: str | None = None


def _sentence(text: str) -> str:
    """`text` ending like a sentence, so joined pieces read as separate statements."""
    return text if is_terminated(text) else text + "."


def _render(label: str, title: str, lines: Sequence[str], brand: str | None) -> str:
    pieces = [f"{label}: “{title}”." if title else f"{label}."]
    pieces.extend(_sentence(line) for line in lines)
    if brand:
        pieces.append(f"From {brand}.")
    return " ".join(pieces)


def alt_text(
    *,
    kind: str,
    title: str,
    lines: Sequence[str],
    brand: str | None,
    platform: str = "generic",
    max_length: int | None = None,
) -> str:
    """The alt text of one card image, within `platform`'s alt-text limit (and within
    `max_length` of that platform's units when given, e.g. 420 for twitter:image:alt)."""
    if kind not in KINDS:
        raise ConfigError(f"unknown card kind {kind!r} (choose from {', '.join(KINDS)})")
    spec = get(platform)

    ceiling = spec.alt_limit if max_length is None else min(spec.alt_limit, max_length)

    def accepts(text: str) -> bool:
        return spec.alt_count(text) <= ceiling

    label = KINDS[kind]
    title = one_line(title)
    kept = [one_line(line) for line in lines if line.strip()]
    brand = one_line(brand) if brand else None
    for keep in range(len(kept), -1, -1):
        text = _render(label, title, kept[:keep], brand)
        if accepts(text):
            return text
    short_title = shorten(title, lambda s: accepts(_render(label, s, [], brand))) or ""
    return _render(label, short_title, [], brand if short_title else None)


def image_alt(image: ImageInfo, platform: str = "generic", max_length: int | None = None) -> str:
    """`alt_text` for an `ImageInfo`."""
    return alt_text(kind=image.kind, title=image.title, lines=image.lines, brand=image.brand,
                    platform=platform, max_length=max_length)
