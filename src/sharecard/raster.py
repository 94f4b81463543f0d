"""Cards → pixels → PNG / JPEG / WebP, with no way for an SVG to read files or the network.

Two drawers, one picture. A card whose display list is known (`rasterize_card`: every
built-in template's, see `sharecard.cards.printing`) is drawn straight from it by Skia
and its PNG is an indexed one (`sharecard.paint`): ~10× faster than parsing its SVG, and
tested against CairoSVG and Chromium drawing that SVG. Any other SVG — a user template
that writes its own — is drawn by CairoSVG, the reference (`rasterize`); so is every
card when skia-python cannot be loaded (it needs libGL/libEGL), with a one-time note.

Security rule (why this module exists as one place): a card SVG may come from a user
template, and CairoSVG resolves ``<image href>``, ``<use href>`` and CSS ``url()``
through a fetcher. Ours answers only ``data:`` URIs and refuses everything else —
``file:``, ``http:``, relative paths — and reports each refusal, so no input can make
sharecard read a local file or reach the network. XML entities stay forbidden
(``unsafe=False``). A display list holds only ``data:`` URIs (the logo) to begin with.

Encoding is Pillow's for CairoSVG's pixels: an opaque card is stored as RGB (a quarter
smaller than cairo's RGBA PNG), deterministically (no timestamps, fixed settings). Each
format is kept under the platform's size cap: PNG falls back to a 256-colour palette,
JPEG and WebP step their quality down; what still does not fit is reported, not hidden.
"""

from __future__ import annotations

import base64
import functools
import io
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

import msgspec
from PIL import Image

from sharecard.errors import ConfigError
from sharecard.images import ImageRefused, check_image, output_problem
from sharecard.model import Diagnostic

if TYPE_CHECKING:
    from xml.etree import ElementTree

    from sharecard.paint.display import DisplayList

EMPTY_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
PNG_COMPRESS_LEVEL = 6  # zlib level: see scripts/bench_raster.py for the trade-off
JPEG_QUALITIES = (90, 85, 80, 75, 70, 65, 60, 50)
WEBP_QUALITIES = (90, 85, 80, 75, 70, 60, 50)
MAX_DATA_URI = 8 * 1024 * 1024
MAX_DRAWN_ELEMENTS = 100_000  # CairoSVG's own limit for referenced elements


class Raster(msgspec.Struct, frozen=True):
    """One encoded image and what happened on the way."""

    data: bytes
    format: str  # png | jpeg | webp
    width: int
    height: int
    warnings: tuple[Diagnostic, ...] = ()


def decode_data_uri(url: str) -> bytes:
    """Bytes of a ``data:[mime][;base64],payload`` URI (ValueError if malformed)."""
    if not url.startswith("data:") or "," not in url:
        raise ValueError("not a data: URI")
    header, payload = url[5:].split(",", 1)
    if header.endswith(";base64"):
        return base64.b64decode(payload, validate=False)
    return urllib.parse.unquote_to_bytes(payload)


def data_only_fetcher(
    refused: list[str], rejected: list[str] | None = None
) -> Callable[[str, str], bytes]:
    """A CairoSVG url_fetcher that serves ``data:`` URIs and refuses everything else,
    appending each refused URL to `refused`.

    An image in a data: URI is served only when its header shows a PNG, JPEG, GIF or
    WebP within `sharecard.images.MAX_IMAGE_PIXELS` (or SVG text, whose own images come
    back here); anything else — a pixel bomb, gzip (a compressed SVG can inflate
    without bound), bytes no decoder should see — is not drawn and its reason goes to
    `rejected`."""

    def fetch(url: str, resource_type: str) -> bytes:
        if url.startswith("data:") and len(url) <= MAX_DATA_URI:
            try:
                data = decode_data_uri(url)
            except ValueError:
                data = None
            if data is not None:
                problem = (_image_problem(data, resource_type)
                           if resource_type.startswith("image/") else None)
                if problem is None:
                    return data
                if rejected is not None:
                    rejected.append(problem)
                return EMPTY_SVG if "svg" in resource_type else b""
        refused.append(url[:200])
        return EMPTY_SVG if "svg" in resource_type or resource_type == "text/css" else b""

    return fetch


def _image_problem(data: bytes, resource_type: str) -> str | None:
    """Why an embedded image may not be drawn, or None (see `data_only_fetcher`)."""
    from xml.etree import ElementTree  # only when an SVG is parsed (start-up)

    if data.startswith(b"\x1f\x8b"):
        return "a compressed (gzip) image"
    if data[:4096].lstrip().startswith(b"<"):
        # CairoSVG raises in the middle of drawing the card on malformed XML or entities.
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            return "an embedded SVG with a DOCTYPE"
        try:
            ElementTree.fromstring(data)
            _check_references(data)
        except ElementTree.ParseError:
            return "an embedded SVG that is not well-formed XML"
        except ConfigError as exc:
            return f"an embedded SVG that {exc.problem.removeprefix('the SVG ')}"
        return None
    if resource_type == "image/svg+xml":  # a <use> reference: only SVG can be used
        return "a <use> reference to something that is not SVG"
    try:
        check_image(data)
    except ImageRefused as exc:
        return str(exc)
    if b"<svg" in data and not data.startswith(b"\x89PNG"):
        return "an image CairoSVG would misread as SVG"
    return None


def draw(svg: str | bytes, *, width: int, height: int, scale: float = 1.0) -> tuple[
    Image.Image, tuple[Diagnostic, ...]
]:
    """Draw `svg` at ``width × height`` CSS px times `scale` into a Pillow image (RGB when
    opaque, else RGBA), with only data: URIs resolved."""
    from xml.etree import ElementTree  # only when an SVG is parsed (start-up)

    import cairosvg.parser  # imported on first draw: a fifth of a cold start, not always used
    import cairosvg.surface
    from cairocffi import CairoError

    refused: list[str] = []
    rejected: list[str] = []
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    problem = output_problem(out_w, out_h)
    if problem:  # Settings refuse this first; here for every other caller of draw()
        raise ConfigError(f"cannot draw an image of {problem}")
    _check_references(data)
    try:
        tree = cairosvg.parser.Tree(
            bytestring=data, url_fetcher=data_only_fetcher(refused, rejected), unsafe=False
        )
        surface = cairosvg.surface.PNGSurface(
            tree, None, 96, output_width=out_w, output_height=out_h
        )
    except (ValueError, ArithmeticError, RecursionError, CairoError,
            ElementTree.ParseError) as exc:
        # What a template wrote (font-size="1e300", an entity…) is its problem, in one line.
        raise ConfigError(f"the SVG cannot be drawn: {exc}") from None
    surface.cairo.flush()
    pixels = surface.cairo
    image = Image.frombuffer(
        "RGBA", (pixels.get_width(), pixels.get_height()), bytes(pixels.get_data()),
        "raw", "BGRa", pixels.get_stride(), 1,
    )
    surface.finish()
    if image.getextrema()[3] == (255, 255):
        image = image.convert("RGB")
    warnings = tuple(
        Diagnostic("blocked-url", "the SVG referred to a resource that is not a data: URI; "
                   "it was not loaded", f"{scheme}: URL")
        for scheme in dict.fromkeys(urllib.parse.urlsplit(u).scheme or "relative" for u in refused)
    ) + tuple(
        Diagnostic("image-refused", "an image embedded in the SVG was not drawn", reason)
        for reason in dict.fromkeys(rejected)
    )
    return image, warnings


def _check_references(data: bytes) -> None:
    """Refuse an SVG whose ``<use>`` references would draw more than MAX_DRAWN_ELEMENTS
    elements (ten levels of ten uses each is 10**10 draws from 2 KB), before CairoSVG
    spends its time on them: it gives up only after 100,000, about 45 s in."""
    from xml.etree import ElementTree  # only when an SVG is parsed (start-up)

    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return  # CairoSVG reports it
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")}
    if not any(el.tag.rsplit("}", 1)[-1] == "use" for el in root.iter()):
        return
    sizes: dict[int, int] = {}
    too_many = MAX_DRAWN_ELEMENTS + 1

    def drawn(el: ElementTree.Element) -> int:
        key = id(el)
        if key in sizes:
            return sizes[key]
        sizes[key] = too_many  # a reference cycle counts as too many
        total = 1 + sum(drawn(child) for child in el)
        if el.tag.rsplit("}", 1)[-1] == "use":
            href = el.get("href") or el.get("{http://www.w3.org/1999/xlink}href") or ""
            target = by_id.get(href[1:]) if href.startswith("#") else None
            if target is not None:
                total += drawn(target)
        sizes[key] = min(total, too_many)
        return sizes[key]

    try:
        count = drawn(root)
    except RecursionError:
        count = too_many
    if count > MAX_DRAWN_ELEMENTS:
        raise ConfigError(f"the SVG would draw more than {MAX_DRAWN_ELEMENTS:,} elements "
                          "(<use> references that repeat, nest or loop)")


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
