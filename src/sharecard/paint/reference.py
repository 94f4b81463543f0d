"""The reference drawer: an SVG drawn by CairoSVG, with no way for it to read files or
the network.

Security rule (why this module exists as one place): a card SVG may come from a user
template, and CairoSVG resolves ``<image href>``, ``<use href>`` and CSS ``url()``
through a fetcher. Ours answers only ``data:`` URIs and refuses everything else —
``file:``, ``http:``, relative paths — and reports each refusal, so no input can make
sharecard read a local file or reach the network. XML entities stay forbidden
(``unsafe=False``). The fast drawer (`native`) uses it for an SVG logo, and
`sharecard.raster` for every card that has no display list.
"""

from __future__ import annotations

import base64
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PIL import Image

from sharecard.errors import ConfigError
from sharecard.images import ImageRefused, check_image, output_problem
from sharecard.model import Diagnostic

if TYPE_CHECKING:
    from xml.etree import ElementTree

EMPTY_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>'
MAX_DATA_URI = 8 * 1024 * 1024
MAX_DRAWN_ELEMENTS = 100_000  # CairoSVG's own limit for referenced elements


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
    alpha = cast(tuple[tuple[int, int], ...], image.getextrema())[3]
    if alpha == (255, 255):
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
