"""Draw a display list straight to pixels with Skia: glyph IDs at their positions.

Why Skia (skia-python): it takes HarfBuzz's output as it is — glyph IDs with positions,
in a `TextBlob` per font and size — from the same font files and face indexes the
typesetter shaped with, and rasterizes through its own glyph cache. On the seed's og
cover it draws in about 2 ms where CairoSVG needs ~90 ms to parse ~2,000 path commands
and fill them, and where cairo filling cached per-glyph paths needs ~15 ms
(``bench/bench_speed.py`` measures all three on the same glyph runs).

Outlines must match the SVG's, which are unhinted and placed at fractional positions:
so fonts are set with no hinting, subpixel positioning, linear metrics, plain
anti-aliasing and no embedded bitmaps, and a variable font at the weight axis value the
typesetter shaped it with (`Face.wght`; Skia would draw its default instance). Glyph
origins are put on a half-pixel grid (`GLYPH_GRID`) across the line: a glyph then
repeats with the same pixels wherever it lands on the same phase, and those repeats are
what deflate finds — the seed's og cover PNG is 9 % smaller, at 0.19 % of pixels off
from CairoSVG by > 64/255 instead of 0.05 % (whole pixels: 19 % smaller but 0.8 %, too
close to the 1 % the browser diff allows).
Colour emoji glyphs (CBDT bitmaps) and logos are drawn as images into the boxes the SVG
gives them; an SVG logo is drawn once per size by CairoSVG (`sharecard.paint.reference.draw`,
data: URIs only) and then reused. Blending is in sRGB, as cairo and browsers do.
Tested against CairoSVG and Chromium drawing the same card's SVG: ``tests/paint``.
"""

from __future__ import annotations

import base64
import threading
from functools import lru_cache

import skia
from PIL import Image

from sharecard.paint.display import DisplayList, GlyphRun, Picture, Rect
from sharecard.typeset.fonts import Face
from sharecard.typeset.layout import Placed
from sharecard.typeset.outlines import glyph_png

GLYPH_GRID = 2  # glyph origins snap to 1/GLYPH_GRID px horizontally (see above)
_WGHT = int.from_bytes(b"wght", "big")  # the weight axis' tag
_SAMPLING = skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kLinear)


def colour(hex_colour: str) -> int:
    """'#rrggbb' as an opaque Skia colour."""
    value = int(hex_colour.lstrip("#"), 16)
    return 0xFF000000 | value


@lru_cache(maxsize=1)
def _font_manager() -> skia.FontMgr:
    """An empty custom font manager: faces come from the typesetter's files only, and
    Skia's bundled fontconfig never reads the system's configuration (it warns on
    stderr about elements newer than itself)."""
    return skia.FontMgr.New_Custom_Empty()


@lru_cache(maxsize=64)
def _typeface(path: str, index: int, wght: int | None = None) -> skia.Typeface:
    """The face as Skia loads it, at the weight axis value the typesetter set on a
    variable font (`Face.wght`): Skia draws a variable font's default instance
    otherwise, a regular where the SVG's outlines are bold."""
    typeface = _font_manager().makeFromFile(path, index)
    if typeface is None:
        raise ValueError(f"Skia cannot read the font {path} (face {index})")
    if wght is not None:
        # Skia keeps pointers, not copies: each object stays named until the clone.
        axis = skia.FontArguments.VariationPosition.Coordinate(_WGHT, float(wght))
        coordinates = skia.FontArguments.VariationPosition.Coordinates([axis])
        position = skia.FontArguments.VariationPosition(coordinates)
        arguments = skia.FontArguments()
        arguments.setVariationDesignPosition(position)
        varied = typeface.makeClone(arguments)
        if varied is None:
            raise ValueError(f"Skia cannot set the weight {wght} of {path} (face {index})")
        typeface = varied
    return typeface


@lru_cache(maxsize=512)
def _font(path: str, index: int, size: float, wght: int | None = None) -> skia.Font:
    font = skia.Font(_typeface(path, index, wght), size)
    font.setHinting(skia.FontHinting.kNone)
    font.setSubpixel(True)
    font.setLinearMetrics(True)
    font.setEdging(skia.Font.Edging.kAntiAlias)
    font.setEmbeddedBitmaps(False)
    font.setBaselineSnap(False)
    return font


@lru_cache(maxsize=256)
def _bitmap(data: bytes) -> skia.Image:
    image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(data))
    if image is None:
        raise ValueError("an image in the display list cannot be decoded")
    return image.withDefaultMipmaps()


@lru_cache(maxsize=32)
def _logo(href: str, width: int, height: int) -> skia.Image:
    """A logo as a Skia image: a PNG/JPEG as it is; an SVG drawn by CairoSVG at the
    pixel size of its box (so it stays sharp at every scale)."""
    from sharecard.paint.reference import decode_data_uri, draw

    data = decode_data_uri(href)
    if not href.startswith("data:image/svg"):
        return _bitmap(data)
    drawn, _ = draw(data, width=width, height=height)
    rgba = drawn.convert("RGBA")
    return skia.Image.frombytes(rgba.tobytes(), rgba.size,
                                skia.kRGBA_8888_ColorType).withDefaultMipmaps()


def _draw_run(canvas: skia.Canvas, run: GlyphRun, paint: skia.Paint) -> None:
    """Outline glyphs as one TextBlob (a blob run per face and size, in one pass over
    the glyphs: this loop is most of a card's drawing time in Python), then colour
    emoji glyphs as images."""
    builder: skia.TextBlobBuilder | None = None
    emoji: list[Placed] = []
    key: tuple[Face, float] | None = None
    gids: list[int] = []
    points: list[tuple[float, float]] = []
    for line in run.lines:
        for g in line:
            face = g.face
            if face.color:
                emoji.append(g)
                continue
            if key is None or face is not key[0] or g.size != key[1]:
                if key is not None and gids:
                    builder = builder or skia.TextBlobBuilder()
                    builder.allocRunPos(_font(str(key[0].path), key[0].index, key[1],
                                              key[0].wght), gids, points)
                key, gids, points = (face, g.size), [], []
            gids.append(g.gid)
            points.append((round(g.x * GLYPH_GRID) / GLYPH_GRID, g.y))
    if gids:
        assert key is not None
        builder = builder or skia.TextBlobBuilder()
        builder.allocRunPos(_font(str(key[0].path), key[0].index, key[1], key[0].wght),
                            gids, points)
    blob = builder.make() if builder is not None else None
    if blob is not None:
        paint.setColor(colour(run.fill))
        canvas.drawTextBlob(blob, 0, 0, paint)
    for g in emoji:
        png = glyph_png(g.face, g.gid)
        if not png:
            continue
        x0, y0, x1, y1 = g.face.extents(g.gid)
        s = g.size
        box = skia.Rect.MakeLTRB(g.x + x0 * s, g.y - y1 * s, g.x + x1 * s, g.y - y0 * s)
        canvas.drawImageRect(_bitmap(png), box, _SAMPLING)


def _draw_picture(canvas: skia.Canvas, op: Picture, scale: float) -> None:
    pixels_w = max(1, round(op.width * scale))
    pixels_h = max(1, round(op.height * scale))
    try:
        image = _logo(op.href, pixels_w, pixels_h)
    except ValueError:
        return  # as CairoSVG: an undecodable image draws nothing
    x, y, w, h = op.x, op.y, op.width, op.height
    if op.fit != "none" and image.width() and image.height():
        k = min(w / image.width(), h / image.height())
        x, y = x + (w - image.width() * k) / 2, y + (h - image.height() * k) / 2
        w, h = image.width() * k, image.height() * k
    canvas.drawImageRect(image, skia.Rect.MakeXYWH(x, y, w, h), _SAMPLING)


_SURFACES = threading.local()  # each thread's surfaces of its last sizes drawn
_SURFACES_KEPT = 2  # a card's indexed PNG (one column wider) and its RGB image


def _surface(width: int, height: int) -> skia.Surface:
    """A raster surface of this size, reused by the thread's next draws of the same size.

    A fresh 1200×630 surface costs more than drawing the card on it (the kernel maps
    and zeroes 3 MB page by page as the clear touches it); the pixels never leave
    this module except as copies, so reuse is safe within one thread."""
    kept: dict[tuple[int, int], skia.Surface] | None = getattr(_SURFACES, "kept", None)
    if kept is None:
        kept = _SURFACES.kept = {}
    surface = kept.pop((width, height), None)
    if surface is None:
        info = skia.ImageInfo.Make(width, height, skia.kRGBA_8888_ColorType,
                                   skia.kPremul_AlphaType)
        surface = skia.Surface.MakeRaster(info)
    kept[(width, height)] = surface  # the most recent last
    while len(kept) > _SURFACES_KEPT:
        del kept[next(iter(kept))]
    return surface


def _paint(display: DisplayList, scale: float, left: int = 0) -> tuple[skia.Surface, int, int]:
    """Draw `display` on this thread's surface, `left` blank background columns first;
    returns the surface and the card's size in pixels."""
    width = max(1, round(display.width * scale))
    height = max(1, round(display.height * scale))
    surface = _surface(width + left, height)
    canvas = surface.getCanvas()
    canvas.save()
    canvas.clear(colour(display.background))
    if left:  # the card itself as if drawn alone: shifted by whole pixels, clipped
        canvas.translate(left, 0)
        canvas.clipRect(skia.Rect.MakeWH(width, height))
    if scale != 1.0:
        canvas.scale(width / display.width, height / display.height)
    paint = skia.Paint(AntiAlias=True)
    for op in display.ops:
        if isinstance(op, GlyphRun):
            _draw_run(canvas, op, paint)
        elif isinstance(op, Rect):
            paint.setColor(colour(op.fill))
            canvas.drawRect(skia.Rect.MakeXYWH(op.x, op.y, op.width, op.height), paint)
        else:
            _draw_picture(canvas, op, scale)
    canvas.restore()
    return surface, width, height


def _rgba_view(surface: skia.Surface) -> Image.Image:
    """The surface's pixels as an RGBA Pillow image over Skia's memory (no copy): valid
    only until the surface is drawn on again."""
    pixels = skia.Pixmap()
    if not surface.peekPixels(pixels):
        raise RuntimeError("Skia gave no access to the pixels it drew")
    return Image.frombuffer("RGBA", (pixels.width(), pixels.height()), pixels, "raw",
                            "RGBA", pixels.rowBytes(), 1)


def draw(display: DisplayList, scale: float = 1.0) -> Image.Image:
    """The card as an RGB Pillow image (cards are opaque: they paint a background).

    Skia draws into its own RGBA buffer, which Pillow reads in place (no numpy, whose
    import alone would cost a cold start more than drawing a card)."""
    surface, _, _ = _paint(display, scale)
    return _rgba_view(surface).convert("RGB")  # a copy: the surface is drawn on again


def draw_indexed(display: DisplayList, palette: Image.Image, scale: float = 1.0,
                 *, left: int = 0) -> Image.Image:
    """The card as a mode "P" image: each pixel the index of its nearest colour in
    `palette` (a mode "P" image holding the palette), without dithering, as
    ``draw(display).quantize(palette=palette, dither=NONE)`` gives, bit for bit.

    Skia's RGBA pixels (opaque, so premultiplying changed nothing) go to Pillow's
    palette lookup as they are: the RGB copy `draw` makes, 2.3 MB for an og card, is
    skipped. `left` blank columns of background come first (index 0 when the palette
    starts with the background): a PNG's per-row filter byte, with no pasting."""
    surface, _, _ = _paint(display, scale, left)
    rgba = _rgba_view(surface)
    palette.load()  # Pillow hands the palette to its core on load
    # What Image.quantize(palette=…) runs; it accepts "RGB" only, whose pixels Pillow
    # keeps as 4 bytes like these (the fourth, alpha here, always 255, is not looked at).
    try:
        return _lookup(rgba, palette)
    except (AttributeError, TypeError, ValueError):  # a Pillow whose internals moved
        return rgba.convert("RGB").quantize(palette=palette, dither=Image.Dither.NONE)


def _lookup(rgba: Image.Image, palette: Image.Image) -> Image.Image:
    """Pillow's own palette lookup on RGBA pixels (private API; `draw_indexed` falls
    back to the public, copying way if it fails)."""
    return rgba._new(rgba.im.convert("P", Image.Dither.NONE, palette.im))


def png_data_uri(data: bytes) -> str:
    """A PNG as a data: URI (for building Picture ops in tests and tools)."""
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")
