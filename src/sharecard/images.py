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
