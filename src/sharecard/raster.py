"""Cards → pixels → PNG / JPEG / WebP, with no way for an SVG to read files or the network.

Two drawers, one picture. A card whose display list is known (`rasterize_card`: every
built-in template's, see `sharecard.cards.printing`) is drawn straight from it by Skia
and its PNG is an indexed one (`sharecard.paint`): ~10× faster than parsing its SVG, and
tested against CairoSVG and Chromium drawing that SVG. Any other SVG — a user template
that writes its own — is drawn by CairoSVG, the reference (`rasterize`); so is every
card when skia-python cannot be loaded (it needs libGL/libEGL), with a one-time note.

The security rule for SVG (only ``data:`` URIs are resolved, every other reference is
refused and reported) lives with the reference drawer, `sharecard.paint.reference`; a
display list holds only ``data:`` URIs (the logo) to begin with.

Encoding is Pillow's for CairoSVG's pixels: an opaque card is stored as RGB (a quarter
smaller than cairo's RGBA PNG), deterministically (no timestamps, fixed settings). Each
format is kept under the platform's size cap: PNG falls back to a 256-colour palette,
JPEG and WebP step their quality down; what still does not fit is reported, not hidden.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

import msgspec
from PIL import Image

from sharecard.errors import ConfigError
from sharecard.images import output_problem
from sharecard.model import Diagnostic
from sharecard.paint.reference import (
    EMPTY_SVG,
    MAX_DATA_URI,
    MAX_DRAWN_ELEMENTS,
    data_only_fetcher,
    decode_data_uri,
    draw,
)

if TYPE_CHECKING:
    from sharecard.paint.display import DisplayList

__all__ = [
    "EMPTY_SVG",
    "MAX_DATA_URI",
    "MAX_DRAWN_ELEMENTS",
    "CardsRasterizer",
    "Drawable",
    "Raster",
    "data_only_fetcher",
    "decode_data_uri",
    "draw",
    "encode",
    "painter",
    "rasterize",
    "rasterize_card",
    "rasterize_cards",
]

PNG_COMPRESS_LEVEL = 6  # zlib level: see scripts/bench_raster.py for the trade-off
JPEG_QUALITIES = (90, 85, 80, 75, 70, 65, 60, 50)
WEBP_QUALITIES = (90, 85, 80, 75, 70, 60, 50)


class Raster(msgspec.Struct, frozen=True):
    """One encoded image and what happened on the way."""

    data: bytes
    format: str  # png | jpeg | webp
    width: int
    height: int
    warnings: tuple[Diagnostic, ...] = ()


def _png(image: Image.Image, level: int = PNG_COMPRESS_LEVEL) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", compress_level=level)
    return buf.getvalue()


def encode(image: Image.Image, fmt: str, *, max_bytes: int | None = None,
           first_png: bytes | None = None) -> tuple[bytes, tuple[Diagnostic, ...]]:
    """Encode `image` as png | jpeg | webp, under `max_bytes` when it can be done.
    `first_png` is a PNG of `image` made already (the fast path's): tried first."""
    fits: Callable[[bytes], bool] = (lambda b: True) if max_bytes is None else (
        lambda b: len(b) <= max_bytes
    )
    notes: list[Diagnostic] = []
    if fmt == "png":
        data = _png(image) if first_png is None else first_png
        if not fits(data):
            data = _png(image.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT))
            notes.append(Diagnostic("palette", "PNG reduced to 256 colours to fit the size cap"))
    elif fmt == "jpeg":
        rgb = image.convert("RGB")
        for quality in JPEG_QUALITIES:
            buf = io.BytesIO()
            rgb.save(buf, "JPEG", quality=quality, optimize=True, subsampling=0)
            data = buf.getvalue()
            if fits(data):
                break
        if quality != JPEG_QUALITIES[0]:
            notes.append(Diagnostic("quality-reduced", f"JPEG quality {quality} to fit the cap"))
    elif fmt == "webp":
        buf = io.BytesIO()
        image.save(buf, "WEBP", lossless=True, quality=80, method=4)
        data = buf.getvalue()
        if not fits(data):
            for quality in WEBP_QUALITIES:
                buf = io.BytesIO()
                image.save(buf, "WEBP", quality=quality, method=4)
                data = buf.getvalue()
                if fits(data):
                    break
            notes.append(Diagnostic("lossy", f"WebP stored lossy (quality {quality}) to fit"))
    else:
        raise ValueError(f"unknown image format {fmt!r}")
    if not fits(data):
        notes.append(
            Diagnostic("over-size-cap", f"{fmt.upper()} is {len(data)} bytes, over the "
                       f"platform cap of {max_bytes}")
        )
    return data, tuple(notes)


def rasterize(
    svg: str | bytes,
    *,
    width: int,
    height: int,
    scale: float = 1.0,
    formats: tuple[str, ...] = ("png",),
    max_bytes: int | None = None,
) -> tuple[Raster, ...]:
    """Draw once, encode in every format asked for."""
    image, drawn_notes = draw(svg, width=width, height=height, scale=scale)
    out = []
    for fmt in formats:
        data, notes = encode(image, fmt, max_bytes=max_bytes)
        out.append(Raster(data, fmt, image.width, image.height, drawn_notes + notes))
    return tuple(out)


class Drawable(Protocol):
    """A drawn card as `rasterize_card` needs it (`cards.render.RenderedCard` is one)."""

    @property
    def display(self) -> DisplayList | None: ...

    @property
    def svg(self) -> str: ...

    @property
    def width(self) -> int: ...

    @property
    def height(self) -> int: ...


class CardsRasterizer(Protocol):
    """`rasterize_cards`'s signature: what a bundle's builder draws its cards with."""

    def __call__(self, cards: Sequence[Drawable], *, scale: float = 1.0,
                 formats: tuple[str, ...] = ("png",),
                 max_bytes: Sequence[int | None] | None = None
                 ) -> Iterator[tuple[Raster, ...]]: ...


@functools.cache
def painter() -> tuple[ModuleType, ModuleType] | None:
    """(`paint.native`, `paint.png`), or None when skia-python cannot be loaded — said
    once per process, on stderr unless logging is set up: the cards are then drawn by
    CairoSVG, slower, and their PNGs are those of the reference path."""
    try:
        from sharecard.paint import native, png
    except (ImportError, OSError) as exc:  # a wheel without its libGL/libEGL, or none
        import logging

        logging.getLogger("sharecard").warning(
            "sharecard: note: the fast drawer is unavailable (skia-python: %s); cards are "
            "drawn by CairoSVG instead, slower", str(exc).splitlines()[0] if str(exc) else
            type(exc).__name__)
        return None
    return native, png


def rasterize_card(
    card: Drawable,
    *,
    scale: float = 1.0,
    formats: tuple[str, ...] = ("png",),
    max_bytes: int | None = None,
) -> tuple[Raster, ...]:
    """Draw a card once, encode it in every format asked for: from its display list by
    Skia when it has one (PNG indexed when its colours allow), else from its SVG by
    CairoSVG. The SVG is not built on the fast path."""
    display = card.display
    modules = painter() if display is not None else None
    if display is None or modules is None:
        return rasterize(card.svg, width=card.width, height=card.height, scale=scale,
                         formats=formats, max_bytes=max_bytes)
    problem = output_problem(max(1, round(card.width * scale)),
                             max(1, round(card.height * scale)))
    if problem:  # Settings refuse this first; here for every other caller
        raise ConfigError(f"cannot draw an image of {problem}")
    native, png = modules
    first = None  # the PNG drawn straight to palette indices, when the palette holds it
    palette = png.ramp_palette(display) if "png" in formats else None
    if palette is not None:
        framed = native.draw_indexed(display, png.palette_image(palette), scale, left=1)
        first = png.framed_png(framed, palette)
        if formats == ("png",) and (max_bytes is None or len(first) <= max_bytes):
            return (Raster(first, "png", framed.width - 1, framed.height),)
    image = native.draw(display, scale)  # other formats, or the PNG over its cap
    out = []
    for fmt in formats:
        if fmt == "png" and first is None:
            first = png.encode_png(image, display)
        data, notes = encode(image, fmt, max_bytes=max_bytes,
                             first_png=first if fmt == "png" else None)
        out.append(Raster(data, fmt, image.width, image.height, notes))
    return tuple(out)


def rasterize_cards(cards: Sequence[Drawable], *, scale: float = 1.0,
                    formats: tuple[str, ...] = ("png",),
                    max_bytes: Sequence[int | None] | None = None
                    ) -> Iterator[tuple[Raster, ...]]:
    """`rasterize_card` of each card in turn (with its own cap in `max_bytes`), drawn
    as the caller asks for it: the in-process drawer of a bundle's cards."""
    caps = [None] * len(cards) if max_bytes is None else max_bytes
    for card, cap in zip(cards, caps, strict=True):
        yield rasterize_card(card, scale=scale, formats=formats, max_bytes=cap)
