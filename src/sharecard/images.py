"""Pixel limits: raster images sharecard accepts (logos, data: URIs in a card), sized
from the header before any pixel is decoded, and the largest image it draws.

Why this exists: decoding is where a small file turns into a big allocation — a 48 KB
PNG of 20000×20000 pixels takes 1.6 GB once decoded, and cairo gives up on larger ones
with a MemoryError. Pillow's ``Image.open`` reads only the header (pixels wait for
``load()``), so every image is sized first and refused above `MAX_IMAGE_PIXELS`
(4096×4096, the largest card side squared). Only PNG, JPEG, GIF and WebP are
accepted: the formats a logo comes in, and no more of Pillow's decoders than needed.
"""

from __future__ import annotations

import io
import re
import warnings

import msgspec
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_SIDE = 4096
MAX_IMAGE_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE
# What sharecard draws: a card at its scale, a contact sheet. 4096×4096 (a 4096 px card
# at scale 1, og at scale 4, story at scale 2) peaks near 270 MB; width × height ×
# scale² above it is refused before anything is drawn.
MAX_OUTPUT_PIXELS = MAX_IMAGE_SIDE * MAX_IMAGE_SIDE


def output_problem(width: int, height: int) -> str | None:
    """Why an output of width × height pixels is not drawn, or None when it may be."""
    if width * height <= MAX_OUTPUT_PIXELS:
        return None
    return (f"{width}×{height} pixels ({width * height:,}), over the limit of "
            f"{MAX_OUTPUT_PIXELS:,} ({MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE})")
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


class ImageHeader(msgspec.Struct, frozen=True):
    format: str  # PNG | JPEG | GIF | WEBP
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


class ImageRefused(ValueError):
    """An image sharecard will not decode; the message says why (one line)."""


class ImageTooLarge(ImageRefused):
    """An image refused for its pixel count (`pixels`, as its header declares it), so a
    caller with a stricter cap of its own (the service's logo limit) can say so."""

    def __init__(self, message: str, pixels: int) -> None:
        super().__init__(message)
        self.pixels = pixels

    def __reduce__(self) -> tuple[object, ...]:  # survives a pickle (process pools)
        return (ImageTooLarge, (str(self), self.pixels))


def check_image(data: bytes) -> ImageHeader:
    """The header of a PNG, JPEG, GIF or WebP image of at most MAX_IMAGE_PIXELS pixels;
    ImageRefused for anything else. Reads the header only, never the pixels."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=FORMATS) as image:
                header = ImageHeader(image.format or "", image.width, image.height)
    except Image.DecompressionBombError as exc:
        # Pillow's own, far higher limit: it says "Image size (N pixels) exceeds …".
        found = re.search(r"\((\d+) pixels\)", str(exc))
        pixels = int(found.group(1)) if found else MAX_IMAGE_PIXELS + 1
        count = f"{pixels:,}" if found else "too many"
        raise ImageTooLarge(f"image has {count} pixels, over the limit of {_LIMIT}",
                            pixels) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ImageRefused("not a PNG, JPEG, GIF or WebP image") from None
    if header.width <= 0 or header.height <= 0:
        raise ImageRefused("image has no size")
    if header.pixels > MAX_IMAGE_PIXELS:
        raise ImageTooLarge(f"image is {header.width}×{header.height} pixels, over the limit "
                            f"of {_LIMIT}", header.pixels)
    return header


_LIMIT = f"{MAX_IMAGE_SIDE}×{MAX_IMAGE_SIDE} ({MAX_IMAGE_PIXELS:,} pixels)"


# -- SVG from outside ------------------------------------------------------------------

_SVG_NS = "{http://www.w3.org/2000/svg}"
_LINK_ATTRIBUTES = ("href", "{http://www.w3.org/1999/xlink}href", "src")


def svg_problem(data: bytes) -> str | None:
    """Why an SVG from outside (a logo) may not be embedded in a card, or None.

    It may not declare a DTD or entities (refused before parsing: expat would expand an
    internal entity, ten nested "lol"s are a billion), must be well-formed with an
    ``<svg>`` root, and may not refer to anything outside itself: no ``href``/``src``
    but ``#id``, no ``url(`` but ``url(#id)``, no ``@import``. So it cannot pull in a
    file, a URL, or an embedded image of unbounded size. Every way in (``--logo``, a
    config's logo, the API's logo bytes, the service's upload) checks a logo here."""
    from xml.etree import ElementTree  # only for an SVG (start-up)

    head = data[:65536].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in data.upper():
        return "declares a DTD or entities, which are not allowed"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"is not well-formed SVG: {exc}"
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        return "is neither a PNG nor an SVG document"
    for element in root.iter():
        for name in _LINK_ATTRIBUTES:
            target = (element.get(name) or "").strip()
            if target and not target.startswith("#"):
                return f"refers to another resource ({target[:60]!r}); use a self-contained logo"
        for text in (element.text or "", *element.attrib.values()):
            lowered = text.lower().replace(" ", "")
            targets = [part.lstrip("'\"") for part in lowered.split("url(")[1:]]
            if any(not target.startswith("#") for target in targets):
                return "uses url() to load another resource; use a self-contained logo"
            if "@import" in lowered:
                return "imports a style sheet; use a self-contained logo"
    return None
