"""PNG bytes for a painted card, small and fast: indexed when the card's colours allow.

A card is a few flat colours (the theme's) plus anti-aliased edges between each ink and
what it is drawn on. So its palette is known before a pixel is drawn: the display list's
colours and, for each ink, a ramp of blends from the colour under it, with as many steps
as keep every step within 2 × `RAMP_TOLERANCE` per channel (a dark text colour on a
light background gets 11 steps, a faint rule 2). Every pixel then maps to the nearest
entry (Pillow's fixed-palette conversion, in C, without dithering) and the PNG is 8-bit
indexed: one byte a pixel instead of three, in long runs. An edge pixel is then off by
about half a step, plus the rounding of Pillow's palette lookup (≤ 14/255 per channel,
asserted by the tests on every corpus cover; 13 at most seen); flat areas and fully
covered ink are exact. The tolerance trades bytes for exactness (og covers, bytes and
largest error):

    tolerance             7            9            11 (chosen)   12
    seed (English)        29.0 KB, 11  28.4 KB, 12  27.2 KB, 13   26.8 KB, 15
    ja-boj-rates          20.5 KB, 11  20.2 KB, 12  19.2 KB, 13   19.0 KB, 15

11 is the loosest that stays within 14/255; the steps no eye tells apart at 1×, and it
is what brings the Japanese cover under Takumi's indexed PNG of the same card (19.4 KB:
its rasterizer leaves edge pixels clustered at quarter coverages, which deflate well).
Better deflate would buy the same bytes only with time: libdeflate at level 8 to 10
costs 4 to 40 ms more a card (``bench/png_candidates.py``).

When that is not safe, the card is stored as RGB through Pillow: it draws a bitmap (a
colour emoji, a logo, a photo), or its inks overlap in ways the ramps don't cover, or
there would be more than 256 entries.

Compression is zlib-ng (the `zlib-ng` binding on PyPI) at level 6 on unfiltered rows:
for an indexed card it is ~3× faster than zlib's level 6 at the same size; level 9, or
libdeflate (`deflate`) at 9, saves 2–3 % for 3–6× the time; oxipng saves 10 % for 20×
the time of the whole encode;
and the PNG filters (Sub, Up) make indexed rows larger, not smaller (measured on the
seed's og cover; ``bench/png_candidates.py`` re-runs the comparison).
The bytes are deterministic: no timestamps, no text chunks, fixed settings, the same
library version giving the same stream.
"""

from __future__ import annotations

import io
import math
import struct
import zlib
from collections.abc import Sequence

from PIL import Image
from zlib_ng import zlib_ng

from sharecard.paint.display import DisplayList, GlyphRun, Picture, Rect

RAMP_TOLERANCE = 11  # per channel, of 255: half the largest step of a ramp
ZLIB_LEVEL = 6
RGB_LEVEL = 6  # Pillow's PNG compress_level for the RGB fallback (as sharecard.raster)
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
RGB = tuple[int, int, int]
BoxF = tuple[float, float, float, float]


def _rgb(hex_colour: str) -> RGB:
    value = int(hex_colour.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def _ink_box(op: Rect | GlyphRun) -> BoxF | None:
    """Where an op may put ink, grown by a pixel for anti-aliasing."""
    if isinstance(op, Rect):
        if op.width <= 0 or op.height <= 0:
            return None
        return (op.x - 1, op.y - 1, op.x + op.width + 1, op.y + op.height + 1)
    # Comparisons, not a list of boxes and min()/max(): every glyph of the card passes here.
    left = top = math.inf
    right = bottom = -math.inf
    for line in op.lines:
        for g in line:
            x0, y0, x1, y1 = g.face.extents(g.gid)
            if x1 > x0 or y1 > y0:
                s, x, y = g.size, g.x, g.y
                v = x + x0 * s
                if v < left:
                    left = v
                v = x + x1 * s
                if v > right:
                    right = v
                v = y - y1 * s
                if v < top:
                    top = v
                v = y - y0 * s
                if v > bottom:
                    bottom = v
    if left == math.inf:
        return None
    return (left - 1, top - 1, right + 1, bottom + 1)


def _overlap(a: BoxF, b: BoxF) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def ramp_pairs(display: DisplayList) -> list[tuple[str, str]] | None:
    """(under, ink) colour pairs whose blends a card's edge pixels can take, or None when
    ramps can't describe the card (bitmaps, or an ink edge over two other colours)."""
    if display.has_images:
        return None
    background = display.background.lower()
    drawn: list[tuple[BoxF, str]] = []
    pairs: dict[tuple[str, str], None] = {}
    for op in display.ops:
        if isinstance(op, Picture):
            return None
        box = _ink_box(op)
        if box is None:
            continue
        ink = op.fill.lower()
        under = {fill for other, fill in drawn if _overlap(box, other)} - {ink}
        if len(under) > 1:
            return None  # an edge may blend three colours: no ramp holds that
        base = under.pop() if under else background
        if base != ink:
            pairs[(base, ink)] = None
            if under or base != background:
                pairs[(background, ink)] = None  # the op's edges beyond what it covers
        drawn.append((box, ink))
    return list(pairs)


def ramp_palette(display: DisplayList, tolerance: float = RAMP_TOLERANCE
                 ) -> list[RGB] | None:
    """The card's palette: its flat colours, then a ramp for each pair in `ramp_pairs`,
    in steps of at most 2 × `tolerance` per channel; None when the card needs RGB (see
    the module docstring)."""
    pairs = ramp_pairs(display)
    if pairs is None:
        return None
    palette = dict.fromkeys(_rgb(c) for c in display.colours)
    for under, ink in pairs:
        a, b = _rgb(under), _rgb(ink)
        steps = max(2, math.ceil(max(abs(a[i] - b[i]) for i in range(3)) / (2 * tolerance)))
        for k in range(1, steps):
            t = k / steps
            palette[tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))] = None  # type: ignore[index]
    if len(palette) > 256:
        return None
    return list(palette)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def indexed_png(indexed: Image.Image, palette: Sequence[RGB], level: int = ZLIB_LEVEL) -> bytes:
    """An 8-bit palette PNG of a mode "P" image whose indices point into `palette`."""
    width, height = indexed.size
    # Each row: filter type 0 (None), then the indices — the image pasted one column in.
    framed = Image.new("P", (width + 1, height), 0)
    framed.paste(indexed, (1, 0))
    return framed_png(framed, palette, level)


def framed_png(framed: Image.Image, palette: Sequence[RGB], level: int = ZLIB_LEVEL) -> bytes:
    """`indexed_png` of a mode "P" image drawn one column in: its first column, all
    zeros, is each row's filter byte (type 0, None)."""
    width, height = framed.width - 1, framed.height
    packer = zlib_ng.compressobj(level, zlib_ng.DEFLATED, 15, 9)
    idat = packer.compress(pixel_bytes(framed)) + packer.flush()
    plte = bytes(v for rgb in palette for v in rgb)
    return b"".join((
        _SIGNATURE,
        _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 3, 0, 0, 0)),
        _chunk(b"PLTE", plte),
        _chunk(b"IDAT", idat),
        _chunk(b"IEND", b""),
    ))


def pixel_bytes(image: Image.Image) -> bytes:
    """``image.tobytes()``, the same raw encoder run straight: Pillow's tobytes imports
    `PIL.ImageFile` on first use only to size its buffer, and `logging` with it, ~7 ms
    of a cold render. A Pillow whose internals moved gets the public call."""
    try:
        encoder = Image._getencoder(image.mode, "raw", image.mode)
        encoder.setimage(image.im, (0, 0, *image.size))
    except (AttributeError, TypeError, ValueError):
        return image.tobytes()
    chunks = []
    try:
        while True:
            _, status, data = encoder.encode(max(1 << 16, image.width * image.height * 4))
            chunks.append(data)
            if status:
                break
    finally:
        encoder.cleanup()
    if status < 0:
        return image.tobytes()
    return b"".join(chunks)


def palette_image(palette: Sequence[RGB]) -> Image.Image:
    """`palette` as the mode "P" image Pillow's palette lookup takes, padded to 256
    entries with a repeat of the first (never chosen: the first is found first)."""
    pal = Image.new("P", (1, 1))
    flat = [v for rgb in palette for v in rgb]
    pal.putpalette(flat + flat[:3] * (256 - len(palette)))
    return pal


def to_indices(image: Image.Image, palette: Sequence[RGB]) -> Image.Image:
    """An RGB image as a mode "P" image: each pixel the index of its nearest palette colour."""
    return image.quantize(palette=palette_image(palette), dither=Image.Dither.NONE)


def rgb_png(image: Image.Image) -> bytes:
    """The fallback: Pillow's RGB PNG (adaptive filters, zlib level `RGB_LEVEL`)."""
    buf = io.BytesIO()
    (image if image.mode == "RGB" else image.convert("RGB")).save(
        buf, "PNG", compress_level=RGB_LEVEL)
    return buf.getvalue()


def encode_png(image: Image.Image, display: DisplayList,
               tolerance: float = RAMP_TOLERANCE) -> bytes:
    """PNG bytes of `image`, the pixels `display` was drawn into: indexed when the
    display list's palette holds the card, else RGB."""
    palette = ramp_palette(display, tolerance)
    if palette is None:
        return rgb_png(image)
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    return indexed_png(to_indices(rgb, palette), palette)
