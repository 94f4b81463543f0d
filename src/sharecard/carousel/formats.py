"""Which output formats are images and which ask for a carousel: light enough for
`sharecard.pipeline` to import on every bundle (the carousel itself loads only when asked)."""

from __future__ import annotations

PDF = "pdf"


def wants_carousel(formats: tuple[str, ...]) -> bool:
    """Whether `formats` ask for the carousel PDF."""
    return PDF in formats


def image_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """The image formats among `formats` (PNG when only a PDF was asked for: the cards'
    images are what alt text, meta tags and feeds point to)."""
    return tuple(f for f in formats if f != PDF) or ("png",)
